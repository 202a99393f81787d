#pragma once
// Writing the GeoPackages of htsplan-data: every file is written to a
// temporary file next to the output and renamed at the end, so a failed run
// never leaves a half-written data/shandong.gpkg behind.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <string>

namespace htsplan::tools
{

//! A GeoPackage written to OUT.tmp-PID.gpkg and renamed to OUT by commit();
//! the temporary file is removed when the writer is destroyed uncommitted.
class GpkgWriter
{
  public:
    //! Creates the folder of `out` if needed and the temporary file.
    explicit GpkgWriter( const std::string &out );
    ~GpkgWriter();
    GpkgWriter( const GpkgWriter & ) = delete;
    GpkgWriter &operator=( const GpkgWriter & ) = delete;

    //! A layer in EPSG:4490 with an "fid" key, a spatial index and the
    //! description in gpkg_contents.description.
    OGRLayer *createLayer( const char *name, OGRwkbGeometryType type, const std::string &description );

    //! Closes the file and renames it to the output path.
    void commit();

  private:
    std::string mOut;
    std::string mTmp;
    GDALDatasetUniquePtr mDs;
};

//! Adds a field; throws Failure naming the field.
void addField( OGRLayer *layer, const char *name, OGRFieldType type, OGRFieldSubType subType = OFSTNone, bool nullable = true );

//! Inserts a feature; throws Failure naming the layer.
void writeFeature( OGRLayer *layer, OGRFeature &feature );

//! Both throw Failure naming the layer when GDAL refuses.
void startTransaction( OGRLayer *layer );
void commitTransaction( OGRLayer *layer );

//! Calls write() between startTransaction() and commitTransaction(): GeoPackage
//! inserts are much faster in one transaction than one by one.
template <class Write> void writeInTransaction( OGRLayer *layer, Write write )
{
  startTransaction( layer );
  write();
  commitTransaction( layer );
}

} // namespace htsplan::tools
