#pragma once
// The one writer of the GeoPackages htsplan fills feature by feature: the
// per-point outputs of the algorithms (a million rows and more), the bundled
// data of htsplan-data and the benchmark's points.
//
// Why it is fast: the rows of a layer go in through GDAL's prepared insert in
// one transaction (or, copied from another GeoPackage, inside SQLite with no
// per-row GDAL work: copyRows()), and the R-tree is built after them in one
// pass, packed bottom-up (Hilbert order) straight into SQLite's R-tree
// tables. GDAL 3.6 fills an R-tree row by row (SQLite's R*-tree insert, about
// 10 µs a row: as long as a whole DBSCAN of a million points). The file has
// no journal while it is written and is flushed once at the end.
//
// Why it is safe: everything is written to a temporary file beside the target
// (AtomicFile), flushed, and renamed over it by commit(); a failed or
// cancelled write leaves the target as it was.
#include "layers/atomic_file.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class QgsFeedback;

namespace htsplan
{

//! What writing one layer cost, for logs and the benchmark.
struct GpkgLayerStats
{
    std::string name;
    long long rows = 0;
    double rowSeconds = 0;   //!< inserting the rows, seconds (one transaction)
    double indexSeconds = 0; //!< building the R-tree after the rows, seconds (0 without one)
};

/**
 * A GeoPackage written layer after layer: createLayer(), its fields, its rows
 * through write(); then the next layer; commit() builds the R-trees and puts
 * the file in place. Every failure throws OutputError naming the target file.
 */
class GpkgWriter
{
  public:
    struct LayerOptions
    {
        std::string description;       //!< gpkg_contents.description
        std::string fidColumn = "fid"; //!< the integer primary key
        bool spatialIndex = true;      //!< an R-tree (gpkg_rtree_index), built by commit()
    };

    //! Creates the target's folder when missing and the temporary GeoPackage beside the target.
    explicit GpkgWriter( const std::string &path );
    ~GpkgWriter();
    GpkgWriter( const GpkgWriter & ) = delete;
    GpkgWriter &operator=( const GpkgWriter & ) = delete;

    /**
     * Starts a layer (and ends the previous one). srs may be null (undefined
     * CRS). The returned layer stays owned by the writer; add fields to it
     * with addField() before the first write().
     */
    OGRLayer *createLayer( const std::string &name, const OGRSpatialReference *srs, OGRwkbGeometryType type,
                           const LayerOptions &options );
    OGRLayer *createLayer( const std::string &name, const OGRSpatialReference *srs, OGRwkbGeometryType type )
    {
      return createLayer( name, srs, type, LayerOptions() );
    }

    //! Adds a field to the current layer.
    void addField( const OGRFieldDefn &field );
    void addField( const char *name, OGRFieldType type, OGRFieldSubType subType = OFSTNone, bool nullable = true );

    //! The current layer's definition, for building features to write().
    OGRFeatureDefn *layerDefn() const;

    /**
     * Inserts a feature into the current layer. Its FID is kept when set
     * (OGRNullFID lets SQLite number it). The feature may be reused for the
     * next row.
     */
    void write( OGRFeature &feature );

    //! The k-th appended value of the row with id fid (copyRows()); nullopt for NULL.
    using AppendedValue = std::function<std::optional<long long>( long long fid, int k )>;

    /**
     * Fills the current layer with every row of table sourceTable of the
     * GeoPackage sourcePath, copied inside SQLite: no GDAL or OGR work per
     * row, several times faster than write(). The layer must have been given
     * the source's fields, in order, then `appended` more, whose (integer)
     * values come from value(); source ids are kept, geometries copied as
     * they are (their SRS id set to the layer's). Ends the layer: the next
     * step is createLayer() or commit(). Throws Canceled when feedback is
     * cancelled, OutputError naming the target otherwise.
     */
    void copyRows( const std::string &sourcePath, const std::string &sourceTable, int appended, const AppendedValue &value,
                   QgsFeedback *feedback );

    //! Ends the last layer, closes the file, builds the R-trees and renames the file over the target.
    void commit();

    const std::string &path() const { return mFile.targetPath(); }
    //! One entry per layer, in creation order; complete after commit().
    const std::vector<GpkgLayerStats> &stats() const { return mStats; }

  private:
    //! A feature's box, rounded outwards to floats as SQLite's R-tree stores it.
    struct Box
    {
        GIntBig fid;
        float minX, maxX, minY, maxY;
    };
    struct PendingIndex
    {
        std::string table, geometryColumn, fidColumn;
        size_t stats; //!< index into mStats
        std::vector<Box> boxes;
    };

    void endLayer();
    void reopen();
    void noJournal();
    [[noreturn]] void fail( const std::string &what ) const;
    void buildIndexes();

    AtomicFile mFile;
    GDALDatasetUniquePtr mDs;
    OGRLayer *mLayer = nullptr;
    bool mInTransaction = false;
    double mLayerStart = 0;
    std::unique_ptr<PendingIndex> mIndex; //!< the current layer's boxes when it gets an R-tree
    std::vector<PendingIndex> mIndexes;
    std::vector<GpkgLayerStats> mStats;
    bool mCommitted = false;
};

} // namespace htsplan
