// htsplan:kde through QGIS's Processing registry on a memory layer.
#include "tests/processing/algorithm_testing.h"

#include <QTemporaryDir>

#include <gdal_priv.h>

#include <vector>

using namespace testdata;

TEST_CASE( "kde algorithm - one point: QGIS's grid, the quartic value at the centre, nodata outside the radius", "[processing][kde]" )
{
  QgsProcessingContext context;
  const QString points = memoryLayer( context, QStringLiteral( "Point?crs=EPSG:4548" ), { { pointWkt( 501000, 4002000 ), {} } } );
  QTemporaryDir dir;
  const QString output = dir.filePath( "kde.tif" );
  const AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:kde" ),
                                         { { "INPUT", points }, { "RADIUS", 10.0 }, { "PIXEL_SIZE", 1.0 }, { "KERNEL", 0 }, { "OUTPUT_VALUE", 0 },
                                           { "OUTPUT", output } },
                                         context );
  INFO( run.log.toStdString() );
  REQUIRE( run.ok );
  // The extent (one point) grows by the radius on each side: ceil(20 / 1) + 1.
  CHECK( run.results.value( "ROWS" ).toInt() == 21 );
  CHECK( run.results.value( "COLUMNS" ).toInt() == 21 );
  // The pixel centres nearest the point are sqrt(0.5) m away: (1 - 0.005)².
  CHECK( run.results.value( "MAX_VALUE" ).toDouble() == Approx( 0.995 * 0.995 ).epsilon( 1e-7 ) );
  GDALDatasetUniquePtr ds( GDALDataset::Open( output.toUtf8().constData(), GDAL_OF_RASTER ) );
  REQUIRE( ds );
  REQUIRE( ds->GetRasterXSize() == 21 );
  GDALRasterBand *band = ds->GetRasterBand( 1 );
  int hasNoData = 0;
  CHECK( band->GetNoDataValue( &hasNoData ) == -9999 );
  CHECK( hasNoData );
  std::vector<float> values( 21 * 21 );
  REQUIRE( band->RasterIO( GF_Read, 0, 0, 21, 21, values.data(), 21, 21, GDT_Float32, 0, 0 ) == CE_None );
  int data = 0;
  for ( float v : values )
    data += v != -9999.f;
  // the pixel centres within 10 m of a point at a pixel corner
  CHECK( data == 316 );
  CHECK( values[0] == -9999.f );
  double geoTransform[6];
  ds->GetGeoTransform( geoTransform );
  CHECK( geoTransform[0] == 500990 );
  CHECK( geoTransform[3] == 4002010 );
}
