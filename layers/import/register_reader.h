#pragma once
// Step one and two of importing a register (layers/import/README.md): open the
// file and detect its encoding, then hand out its rows as UTF-8 text cells.
// A register is a table a city bureau keeps: an Excel or OpenDocument sheet, a
// CSV saved by Excel (often GBK), or a GIS layer (a shapefile with GBK names
// and no .cpg, GeoJSON, GeoPackage).
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class GDALDataset;
class OGRLayer;
class QgsFeedback;

namespace htsplan
{

struct RegisterReadOptions
{
    std::string sheet;    //!< sheet (layer) to read; empty: the first
    std::string encoding; //!< forced source encoding ("GB18030", "UTF-8", ...); empty: detected
};

//! One row of a register, its cells as UTF-8 in header order.
struct RegisterRow
{
    long long number = 0; //!< the row as the planner finds it: Excel's row (header = 1) or the GIS feature id
    std::vector<std::string> cells;
    //! GIS layers: the feature's point (point on surface for other shapes) in the layer's own CRS; nullopt without one.
    std::optional<std::pair<double, double>> point;
    std::string geometryProblem; //!< why a GIS feature has no point ("no geometry", "empty geometry", ...)
};

/**
 * An open register. Reading does not change the file (GDAL opens it
 * read-only; a CSV in another encoding is decoded into memory).
 */
class RegisterReader
{
  public:
    //! Opens path; throws InputError naming the file (and the sheet) when it cannot be read.
    RegisterReader( const std::string &path, const RegisterReadOptions &options );
    ~RegisterReader();
    RegisterReader( const RegisterReader & ) = delete;
    RegisterReader &operator=( const RegisterReader & ) = delete;

    const std::string &path() const { return mPath; }
    //! The GDAL driver ("CSV", "XLSX", "ESRI Shapefile", ...).
    const std::string &format() const { return mFormat; }
    //! Every sheet (layer) of the file, and the one read.
    const std::vector<std::string> &sheets() const { return mSheets; }
    const std::string &sheet() const { return mSheet; }
    //! The encoding the text was read in ("UTF-8", "GB18030", "CP936" from a .cpg, ...).
    const std::string &encoding() const { return mEncoding; }
    //! How it was decided: "byte order mark", ".cpg file", "dBase language byte 0x4D", "guessed: ...".
    const std::string &encodingReason() const { return mEncodingReason; }
    //! True when the encoding was guessed from the bytes (reported as a warning).
    bool encodingGuessed() const { return mEncodingGuessed; }
    const std::vector<std::string> &headers() const { return mHeaders; }
    //! Whether rows carry points (GIS layers), and their CRS as WKT (empty: none declared).
    bool hasGeometry() const { return mHasGeometry; }
    const std::string &crsWkt() const { return mCrsWkt; }
    //! Rows in the file, when the driver knows without reading (-1 otherwise). For a CSV,
    //! the lines after the header (a cell with a line break or a blank line counts as a row):
    //! for progress and memory, not a count to report.
    long long rowCountHint() const;
    //! Text cells that were not valid in the encoding (replaced by U+FFFD) while reading.
    long long undecodableCells() const { return mUndecodable; }

    /**
     * Calls onRow for every row (at most maxRows when > 0), in file order.
     * Rows whose cells are all empty are skipped and counted in skippedEmptyRows().
     * Throws Canceled when feedback is cancelled.
     */
    void forEachRow( const std::function<void( const RegisterRow & )> &onRow, long long maxRows = 0, QgsFeedback *feedback = nullptr );
    long long skippedEmptyRows() const { return mSkippedEmpty; }

  private:
    void openCsv( const RegisterReadOptions &options );
    void openShapefile( const RegisterReadOptions &options );
    void openOther( const RegisterReadOptions &options );
    void chooseLayer( const std::string &sheet );
    std::string decode( const char *raw );
    //! decode() into out, reusing its buffer.
    void decodeInto( const char *raw, std::string &out );

    std::string mPath;
    std::string mFormat;
    std::string mMemPath; //!< /vsimem/ copy of a decoded CSV, removed by the destructor
    long long mCsvLines = -1; //!< lines of the decoded CSV after the header
    std::unique_ptr<GDALDataset> mDs;
    OGRLayer *mLayer = nullptr;
    std::vector<std::string> mSheets;
    std::string mSheet;
    std::string mEncoding = "UTF-8";
    std::string mEncodingReason;
    bool mEncodingGuessed = false;
    bool mRecode = false; //!< cells come raw and are decoded from mEncoding
    bool mExcelRows = false; //!< row numbers as a spreadsheet shows them (header = row 1)
    std::vector<std::string> mHeaders;
    bool mHasGeometry = false;
    std::string mCrsWkt;
    long long mUndecodable = 0;
    long long mSkippedEmpty = 0;
};

//! The file formats a register may come in, for file dialogs and messages: "*.xlsx *.xls *.ods *.csv *.txt ...".
const char *registerFileFilter();

} // namespace htsplan
