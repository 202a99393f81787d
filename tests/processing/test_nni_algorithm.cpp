// htsplan:nni through QGIS's Processing registry on a memory layer.
#include "tests/processing/algorithm_testing.h"

#include <QTemporaryDir>

#include <cmath>

using namespace testdata;

TEST_CASE( "nni algorithm - a 3 x 3 lattice 100 m apart is dispersed, index 3", "[processing][nni]" )
{
  QgsProcessingContext context;
  std::vector<std::pair<QString, QVariantList>> lattice;
  for ( int i = 0; i < 3; ++i )
    for ( int j = 0; j < 3; ++j )
      lattice.push_back( { pointWkt( 500000 + 100 * i, 4000000 + 100 * j ), {} } );
  const QString points = memoryLayer( context, QStringLiteral( "Point?crs=EPSG:4548" ), lattice );
  QTemporaryDir dir;
  const AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:nni" ),
                                         { { "INPUT", points }, { "STUDY_AREA", 0 }, { "OUTPUT_HTML_FILE", dir.filePath( "nni.html" ) } }, context );
  INFO( run.log.toStdString() );
  REQUIRE( run.ok );
  // Every point's nearest neighbour is 100 m away; the study area is the
  // layer's extent, 200 m x 200 m; expected 0.5 / sqrt(9 / 40000) = 33.3 m.
  CHECK( run.results.value( "POINT_COUNT" ).toInt() == 9 );
  CHECK( run.results.value( "OBSERVED_MD" ).toDouble() == Approx( 100.0 ).epsilon( 1e-12 ) );
  CHECK( run.results.value( "EXPECTED_MD" ).toDouble() == Approx( 100.0 / 3 ).epsilon( 1e-12 ) );
  CHECK( run.results.value( "NN_INDEX" ).toDouble() == Approx( 3.0 ).epsilon( 1e-12 ) );
  CHECK( run.results.value( "AREA_KM2" ).toDouble() == Approx( 0.04 ).epsilon( 1e-12 ) );
  CHECK( run.results.value( "Z_SCORE" ).toDouble() > 0 );
  CHECK( QFileInfo::exists( dir.filePath( "nni.html" ) ) );
}
