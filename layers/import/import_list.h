#pragma once
// Importing a planner's register into the facility contract. The lifecycle,
// the same for every source (layers/import/README.md):
//   1. open       RegisterReader: the file, its sheet, its encoding
//   2. detect     the columns (guessColumns: aliases, or the planner's mapping),
//                 the coordinate system (declared; hints and checks warn)
//   3. read       every row through the strict cell parsers (layers/cells.h,
//                 layers/import/coordinates.h), coordinates to CGCS2000
//   4. report     what was imported, kept with a problem, or rejected, per row
// then writeImportedGpkg() and writeRowIssuesCsv() put the result on disk.
#include "layers/import/china_coords.h"
#include "layers/import/columns.h"
#include "layers/import/register_reader.h"
#include "layers/problems.h"
#include "layers/schema.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

class QgsFeedback;

namespace htsplan
{

struct Targets;

struct ImportOptions
{
    RegisterReadOptions read;
    std::map<Role, std::string> mapping; //!< role -> header, overriding the guess; an empty header: no column for the role
    std::optional<SourceCrs> crs;        //!< the list's coordinate system; nullopt: CGCS2000, with a warning
    std::optional<Kind> kind;            //!< the kind of every row when the list has no kind column
};

//! One imported row, in the facility contract plus its provenance.
struct ImportedFacility
{
    Kind kind = Kind::Park;
    long long srcRow = 0;
    std::string id, name, sector, status, zoneType, parent;
    std::optional<int> year;
    std::optional<double> revenueCny;
    double lon = 0, lat = 0;       //!< CGCS2000
    double srcLon = 0, srcLat = 0; //!< as the list gives them (after the layer's own CRS, for GIS files)
    double shiftMetres = 0;        //!< from the source position to the CGCS2000 one
};

//! A row's problem: rejected (not imported) or kept (imported with a field left empty or as written).
struct RowIssue
{
    long long row = 0;
    bool rejected = false;
    std::string field;  //!< the header, or "" for the whole row
    std::string value;  //!< the cell as written
    std::string reasonZh;
    std::string reasonEn;
    std::string kind; //!< what rows with this problem share, without the value ("unknown sector, kept as written")

    //! "第12行 (row 12): 经度为空 (longitude is empty)".
    std::string toString() const;
};

//! What a front door prints of an import: information, then warnings.
struct ReportLines
{
    std::vector<std::string> info;
    std::vector<std::string> warnings;
};

struct ImportResult
{
    std::string path, format, sheet, encoding, encodingReason;
    bool encodingGuessed = false;
    std::vector<std::string> headers;
    ColumnMapping mapping;
    SourceCrs crs = SourceCrs::Cgcs2000;
    bool crsDeclared = false;
    bool fromGeometry = false; //!< positions from the layer's geometries, not from columns
    long long rowsRead = 0;
    long long emptyRowsSkipped = 0;
    std::vector<ImportedFacility> facilities;
    std::vector<RowIssue> issues;
    //! File-level warnings (encoding guessed, coordinate hints, ...); the row problems are in issues.
    std::vector<std::string> warnings;

    long long rejectedRows() const;
    //! What was read, the mapping, the counts; the warnings, then the row problems one line per
    //! column and kind of problem with their count and first rows (summariseProblems).
    ReportLines summary() const;
};

/**
 * Steps 1 to 4 for the register at path. Throws InputError for a file that
 * cannot be read, a mapping that names a missing column, a list without a
 * name or coordinates, or coordinates that are not degrees (swapped columns,
 * projected metres); Canceled when feedback is cancelled.
 */
ImportResult importRegister( const std::string &path, const ImportOptions &options, const Targets &targets,
                             QgsFeedback *feedback = nullptr );

//! What the plugin's dialog shows before importing: the detection of steps 1 and 2 and the first rows.
struct RegisterPreview
{
    std::string format, sheet, encoding, encodingReason;
    bool encodingGuessed = false;
    std::vector<std::string> sheets, headers;
    ColumnMapping mapping;
    std::optional<SourceCrs> hintedCrs; //!< from the file's or a column's name
    std::string crsHint;                //!< the text that hinted
    std::vector<RegisterRow> rows;
};
RegisterPreview previewRegister( const std::string &path, const ImportOptions &options, int rows = 20 );

/**
 * Writes the imported facilities as a GeoPackage in the facility contract (a
 * point layer per kind, EPSG:4490) with src_row, src_lon, src_lat, src_crs
 * and shift_m; atomically. Throws OutputError naming the file.
 */
void writeImportedGpkg( const ImportResult &result, const std::string &path );
//! Writes the row issues as CSV (UTF-8 with a BOM, so that Excel shows the Chinese), atomically.
void writeRowIssuesCsv( const ImportResult &result, const std::string &path );

//! The kind a cell names: the contract's keys and layer names, or 高新区, 基地, 园区, 楼宇, 企业 and their longer forms.
std::optional<Kind> kindFromCell( const std::string &text );

} // namespace htsplan
