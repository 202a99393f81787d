// htsplan:density through QGIS's Processing registry on memory layers.
#include "tests/processing/algorithm_testing.h"

using namespace testdata;

namespace
{
constexpr double X0 = 500000, Y0 = 4000000; // EPSG:4548 on its central meridian, metres
}

TEST_CASE( "density algorithm - count, area and facilities per million people per unit", "[processing][density]" )
{
  QgsProcessingContext context;
  const QString units = memoryLayer( context, QStringLiteral( "Polygon?crs=EPSG:4548&field=code:string&field=population:integer" ),
                                     { { squareWkt( X0, Y0, 1000 ), { QStringLiteral( "U1" ), 1000000 } },
                                       { squareWkt( X0 + 1000, Y0, 1000 ), { QStringLiteral( "U2" ), 500000 } } } );
  const QString points = memoryLayer( context, QStringLiteral( "Point?crs=EPSG:4548" ),
                                      { { pointWkt( X0 + 100, Y0 + 100 ), {} },
                                        { pointWkt( X0 + 200, Y0 + 900 ), {} },
                                        { pointWkt( X0 + 800, Y0 + 400 ), {} },
                                        { pointWkt( X0 + 1500, Y0 + 500 ), {} },
                                        { pointWkt( X0 - 3000, Y0 + 500 ), {} } } ); // outside both
  const AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:density" ),
                                         { { "UNITS", units }, { "POINTS", points }, { "POPULATION_FIELD", "population" },
                                           { "OUTPUT", QgsProcessing::TEMPORARY_OUTPUT } },
                                         context );
  INFO( run.log.toStdString() );
  REQUIRE( run.ok );
  CHECK( run.results.value( "TOTAL_COUNT" ).toInt() == 4 );
  // 1 km² each, measured in the equal-area CRS: within 0.1% of the plane area here.
  CHECK( run.results.value( "TOTAL_AREA_KM2" ).toDouble() == Approx( 2.0 ).epsilon( 1e-3 ) );
  CHECK( run.results.value( "PER_10K_KM2" ).toDouble() == Approx( 4 / run.results.value( "TOTAL_AREA_KM2" ).toDouble() * 1e4 ) );
  QgsVectorLayer *out = outputLayer( run, QStringLiteral( "OUTPUT" ), context );
  const auto count = byKey( out, "code", "COUNT" ), perMillion = byKey( out, "code", "PER_MILLION" ), area = byKey( out, "code", "AREA_KM2" );
  CHECK( count.at( "U1" ).toInt() == 3 );
  CHECK( count.at( "U2" ).toInt() == 1 );
  CHECK( perMillion.at( "U1" ).toDouble() == Approx( 3.0 ) );
  CHECK( perMillion.at( "U2" ).toDouble() == Approx( 2.0 ) );
  CHECK( area.at( "U1" ).toDouble() == Approx( 1.0 ).epsilon( 1e-3 ) );
}
