#include "layers/geotiff.h"

#include "layers/atomic_file.h"
#include "layers/problems.h"

#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>

namespace htsplan
{

namespace
{
struct DatasetCloser
{
    void operator()( void *dataset ) const { GDALClose( dataset ); }
};

//! Keeps GDAL's first failure message (a full disk starts a cascade of them) instead of printing each.
class FirstGdalFailure
{
  public:
    FirstGdalFailure() { CPLPushErrorHandlerEx( &FirstGdalFailure::handle, this ); }
    ~FirstGdalFailure() { CPLPopErrorHandler(); }
    FirstGdalFailure( const FirstGdalFailure & ) = delete;
    FirstGdalFailure &operator=( const FirstGdalFailure & ) = delete;
    const std::string &message() const { return mMessage; }

  private:
    static void CPL_STDCALL handle( CPLErr severity, CPLErrorNum, const char *message )
    {
      auto *self = static_cast<FirstGdalFailure *>( CPLGetErrorHandlerUserData() );
      if ( self && severity >= CE_Failure && self->mMessage.empty() && message )
        self->mMessage = message;
    }
    std::string mMessage;
};
} // namespace

void writeFloat32GeoTiff( const std::string &path, const std::vector<float> &values, int cols, int rows,
                          const std::array<double, 6> &geoTransform, double noData, const std::string &crsWkt )
{
  GDALAllRegister();
  AtomicFile file( path );
  const FirstGdalFailure failure;
  auto fail = [&]( const std::string &what ) {
    const std::string gdalMessage = failure.message().empty() ? CPLGetLastErrorMsg() : failure.message();
    throw OutputError( "cannot write the raster " + path + ": " + what + ( gdalMessage.empty() ? "" : " (" + gdalMessage + ")" ) );
  };
  GDALDriverH driver = GDALGetDriverByName( "GTiff" );
  if ( !driver )
    fail( "GDAL has no GTiff driver" );
  if ( values.size() != static_cast<size_t>( cols ) * static_cast<size_t>( rows ) )
    fail( "the grid has " + std::to_string( values.size() ) + " cells, not " + std::to_string( cols ) + " x " + std::to_string( rows ) );

  CPLErrorReset();
  char **options = CSLSetNameValue( nullptr, "COMPRESS", "DEFLATE" );
  std::unique_ptr<void, DatasetCloser> dataset( GDALCreate( driver, file.temporaryPath().c_str(), cols, rows, 1, GDT_Float32, options ) );
  CSLDestroy( options );
  if ( !dataset )
    fail( "cannot create the file" );
  std::array<double, 6> transform = geoTransform;
  GDALRasterBandH band = GDALGetRasterBand( dataset.get(), 1 );
  const bool ok = GDALSetGeoTransform( dataset.get(), transform.data() ) == CE_None
                  && ( crsWkt.empty() || GDALSetProjection( dataset.get(), crsWkt.c_str() ) == CE_None )
                  && GDALSetRasterNoDataValue( band, noData ) == CE_None
                  && GDALRasterIO( band, GF_Write, 0, 0, cols, rows, const_cast<float *>( values.data() ), cols, rows, GDT_Float32, 0, 0 ) == CE_None;
  // Closing flushes: a full disk shows up as an error message here.
  if ( ok )
    CPLErrorReset();
  dataset.reset();
  if ( !ok || CPLGetLastErrorType() >= CE_Failure || !failure.message().empty() )
    fail( "GDAL failed" );
  file.commit();
}

} // namespace htsplan
