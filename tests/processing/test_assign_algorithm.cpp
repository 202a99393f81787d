// htsplan:assign through QGIS's Processing registry on memory layers.
#include "tests/processing/algorithm_testing.h"

using namespace testdata;

namespace
{
constexpr double X0 = 500000, Y0 = 4000000; // EPSG:4548, metres
}

TEST_CASE( "assign algorithm - counts per polygon and per sector, points outside counted apart", "[processing][assign]" )
{
  QgsProcessingContext context;
  // Two 1 km squares side by side: U1 west, U2 east.
  const QString units = memoryLayer( context, QStringLiteral( "Polygon?crs=EPSG:4548&field=code:string" ),
                                     { { squareWkt( X0, Y0, 1000 ), { QStringLiteral( "U1" ) } },
                                       { squareWkt( X0 + 1000, Y0, 1000 ), { QStringLiteral( "U2" ) } } } );
  const QString points = memoryLayer( context, QStringLiteral( "Point?crs=EPSG:4548&field=sector:string" ),
                                      { { pointWkt( X0 + 100, Y0 + 100 ), { QStringLiteral( "testing" ) } },
                                        { pointWkt( X0 + 500, Y0 + 500 ), { QStringLiteral( "testing" ) } },
                                        { pointWkt( X0 + 900, Y0 + 200 ), { QStringLiteral( "ecommerce" ) } },
                                        { pointWkt( X0 + 1500, Y0 + 500 ), { QStringLiteral( "testing" ) } },
                                        { pointWkt( X0 + 1999, Y0 + 999 ), { QStringLiteral( "ecommerce" ) } },
                                        { pointWkt( X0 + 1200, Y0 + 300 ), { QVariant() } },                  // no sector
                                        { pointWkt( X0 + 5000, Y0 + 5000 ), { QStringLiteral( "testing" ) } } } ); // outside
  const AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:assign" ),
                                         { { "POLYGONS", units }, { "POINTS", points }, { "FIELD", "NUMPOINTS" }, { "CATEGORY_FIELD", "sector" },
                                           { "OUTPUT", QgsProcessing::TEMPORARY_OUTPUT } },
                                         context );
  INFO( run.log.toStdString() );
  REQUIRE( run.ok );
  CHECK( run.results.value( "ASSIGNED" ).toInt() == 6 );
  CHECK( run.results.value( "UNASSIGNED" ).toInt() == 1 );
  QgsVectorLayer *out = outputLayer( run, QStringLiteral( "OUTPUT" ), context );
  CHECK( out->featureCount() == 2 );
  const auto total = byKey( out, "code", "NUMPOINTS" );
  CHECK( total.at( "U1" ).toInt() == 3 );
  CHECK( total.at( "U2" ).toInt() == 3 );
  const auto testing = byKey( out, "code", "NUMPOINTS_testing" ), ecommerce = byKey( out, "code", "NUMPOINTS_ecommerce" );
  CHECK( testing.at( "U1" ).toInt() == 2 );
  CHECK( ecommerce.at( "U1" ).toInt() == 1 );
  CHECK( testing.at( "U2" ).toInt() == 1 );
  CHECK( ecommerce.at( "U2" ).toInt() == 1 );
}

TEST_CASE( "assign algorithm - a point on the shared border is counted once", "[processing][assign]" )
{
  QgsProcessingContext context;
  const QString units = memoryLayer( context, QStringLiteral( "Polygon?crs=EPSG:4548&field=code:string" ),
                                     { { squareWkt( X0, Y0, 1000 ), { QStringLiteral( "U1" ) } },
                                       { squareWkt( X0 + 1000, Y0, 1000 ), { QStringLiteral( "U2" ) } } } );
  const QString points = memoryLayer( context, QStringLiteral( "Point?crs=EPSG:4548" ), { { pointWkt( X0 + 1000, Y0 + 500 ), {} } } );
  const AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:assign" ),
                                         { { "POLYGONS", units }, { "POINTS", points }, { "OUTPUT", QgsProcessing::TEMPORARY_OUTPUT } }, context );
  INFO( run.log.toStdString() );
  REQUIRE( run.ok );
  CHECK( run.results.value( "ASSIGNED" ).toInt() == 1 );
  const auto total = byKey( outputLayer( run, QStringLiteral( "OUTPUT" ), context ), "code", "NUMPOINTS" );
  CHECK( total.at( "U1" ).toInt() + total.at( "U2" ).toInt() == 1 );
}

TEST_CASE( "assign algorithm - the provider lists the fourteen algorithms", "[processing][provider]" )
{
  registerHtsplanProvider();
  QStringList ids;
  for ( const QgsProcessingAlgorithm *algorithm : QgsApplication::processingRegistry()->providerById( "htsplan" )->algorithms() )
    ids << algorithm->id();
  ids.sort();
  CHECK( ids == QStringList { "htsplan:allocate", "htsplan:assign", "htsplan:chinacoords", "htsplan:coverage", "htsplan:dbscan", "htsplan:density", "htsplan:growth",
                             "htsplan:hexdensity", "htsplan:hotspots", "htsplan:importlist", "htsplan:kde", "htsplan:moran", "htsplan:nni", "htsplan:specialization",
                             "htsplan:validate" } );
}
