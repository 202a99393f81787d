// htsplan:coverage through QGIS's Processing registry on memory layers.
#include "tests/processing/algorithm_testing.h"

using namespace testdata;

namespace
{
constexpr double X0 = 500000, Y0 = 4000000; // EPSG:4548, metres
}

TEST_CASE( "coverage algorithm - a unit wholly within the radius, one out of reach", "[processing][coverage]" )
{
  QgsProcessingContext context;
  // U1: a 10 km square with a carrier at its centre, radius 20 km (the
  // corners are 7.1 km away); U2: a 10 km square 90 km east, out of reach.
  const QString units = memoryLayer( context, QStringLiteral( "Polygon?crs=EPSG:4548&field=code:string&field=pop:integer" ),
                                     { { squareWkt( X0, Y0, 10000 ), { QStringLiteral( "U1" ), 300 } },
                                       { squareWkt( X0 + 100000, Y0, 10000 ), { QStringLiteral( "U2" ), 100 } } } );
  const QString carriers = memoryLayer( context, QStringLiteral( "Point?crs=EPSG:4548" ), { { pointWkt( X0 + 5000, Y0 + 5000 ), {} } } );
  const AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:coverage" ),
                                         { { "CARRIERS", carriers }, { "RADIUS", 20000.0 }, { "UNITS", units }, { "POPULATION_FIELD", "pop" },
                                           { "OUTPUT", QgsProcessing::TEMPORARY_OUTPUT } },
                                         context );
  INFO( run.log.toStdString() );
  REQUIRE( run.ok );
  CHECK( run.results.value( "UNITS_REACHED" ).toInt() == 1 );
  CHECK( run.results.value( "UNITS_COVERED" ).toInt() == 1 );
  CHECK( run.results.value( "POPULATION_SHARE" ).toDouble() == Approx( 0.75 ) );
  // Equal squares 100 km apart: their equal-area sizes differ by far less than 0.1%.
  CHECK( run.results.value( "AREA_SHARE" ).toDouble() == Approx( 0.5 ).epsilon( 1e-3 ) );
  CHECK( run.results.value( "COVERED_KM2" ).toDouble() == Approx( 100 ).epsilon( 1e-3 ) );
  QgsVectorLayer *out = outputLayer( run, QStringLiteral( "OUTPUT" ), context );
  const auto reached = byKey( out, "code", "REACHED" ), covered = byKey( out, "code", "COVERED" ), share = byKey( out, "code", "AREA_SHARE" ),
             coveredPop = byKey( out, "code", "COVERED_POP" );
  CHECK( reached.at( "U1" ).toInt() == 1 );
  CHECK( covered.at( "U1" ).toInt() == 1 );
  CHECK( share.at( "U1" ).toDouble() == Approx( 1.0 ) );
  CHECK( coveredPop.at( "U1" ).toDouble() == Approx( 300 ) );
  CHECK( reached.at( "U2" ).toInt() == 0 );
  CHECK( covered.at( "U2" ).toInt() == 0 );
  CHECK( share.at( "U2" ).toDouble() == 0.0 );
  CHECK( coveredPop.at( "U2" ).toDouble() == 0.0 );
}
