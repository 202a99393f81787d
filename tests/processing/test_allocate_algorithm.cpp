// htsplan:allocate through QGIS's Processing registry on the bundled sample.
#include "tests/processing/algorithm_testing.h"

#include "geometry/crs.h"
#include "layers/paths.h"
#include "planning/allocation.h"

using namespace testdata;

TEST_CASE( "allocate algorithm - the layer holds planning's split of the sample's 2013 remainders", "[processing][allocate]" )
{
  QgsProcessingContext context;
  const QString sample = QString::fromStdString( htsplan::defaultFacilitiesPath() );
  const AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:allocate" ),
                                         { { "FACILITIES", sample }, { "YEAR", 2013 }, { "FLOORS", QStringLiteral( "371200=3" ) }, { "CAPS", QStringLiteral( "370200:1" ) },
                                           { "OUTPUT", QStringLiteral( "memory:" ) } },
                                         context );
  INFO( run.log.toStdString() );
  REQUIRE( run.ok );

  const htsplan::Targets targets = htsplan::loadTargets( htsplan::defaultTargetsPath() );
  const htsplan::AdminData admin = htsplan::loadAdmin( htsplan::defaultAdminPath(), htsplan::Vintage::Y2015, htsplan::equalArea() );
  htsplan::ReportOptions options;
  options.year = 2013;
  const htsplan::Metrics m = htsplan::computeMetrics( admin, htsplan::loadFacilities( htsplan::defaultFacilitiesPath(), targets ), targets, options );
  htsplan::AllocationOptions allocationOptions;
  allocationOptions.floors = { { "371200", 3 } };
  allocationOptions.caps = { { "370200", 1 } };
  const htsplan::Allocation expected = htsplan::allocateTargets( m, allocationOptions );
  REQUIRE( expected.kinds.size() == 4 );

  QgsVectorLayer *layer = outputLayer( run, "OUTPUT", context );
  CHECK( layer->featureCount() == 4 * 17 );
  std::map<std::pair<QString, QString>, QgsFeature> byCity;
  QgsFeatureIterator features = layer->getFeatures();
  for ( QgsFeature f; features.nextFeature( f ); )
    byCity[{ f.attribute( "KIND" ).toString(), f.attribute( "CODE" ).toString() }] = f;
  for ( const htsplan::KindAllocation &k : expected.kinds )
  {
    const QString kind = QString::fromUtf8( htsplan::kindKey( k.kind ) );
    INFO( kind.toStdString() );
    CHECK( run.results.value( QStringLiteral( "REMAINING_" ) + kind.toUpper() ).toLongLong() == k.remaining );
    CHECK( k.remaining == k.target - k.counted );
    long long sum = 0;
    for ( const htsplan::CityAllocation &c : k.cities )
    {
      const QgsFeature &f = byCity.at( { kind, QString::fromStdString( c.code ) } );
      CHECK( f.attribute( "ALLOCATED" ).toLongLong() == c.allocated );
      CHECK( f.attribute( "CURRENT" ).toInt() == c.current );
      CHECK( f.attribute( "QUOTA" ).toDouble() == Approx( c.quota ) );
      CHECK( f.hasGeometry() );
      sum += f.attribute( "ALLOCATED" ).toLongLong();
    }
    CHECK( sum == k.remaining );
    // Laiwu's floor binds in every kind of the sample (its largest exact quota, 2.6 buildings of 164, is below 3);
    // Qingdao's cap where its quota (about a tenth) is above 1.
    CHECK( byCity.at( { kind, QStringLiteral( "371200" ) } ).attribute( "ALLOCATED" ).toInt() == 3 );
    CHECK( byCity.at( { kind, QStringLiteral( "371200" ) } ).attribute( "BOUND" ).toString() == QStringLiteral( "floor" ) );
    CHECK( byCity.at( { kind, QStringLiteral( "370200" ) } ).attribute( "ALLOCATED" ).toInt() == 1 );
    if ( k.remaining > 15 )
      CHECK( byCity.at( { kind, QStringLiteral( "370200" ) } ).attribute( "BOUND" ).toString() == QStringLiteral( "cap" ) );
  }
}

TEST_CASE( "allocate algorithm - bad weights and bounds are refused naming the parameter", "[processing][allocate]" )
{
  QgsProcessingContext context;
  const QString sample = QString::fromStdString( htsplan::defaultFacilitiesPath() );
  AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:allocate" ),
                                   { { "FACILITIES", sample }, { "WEIGHTS", 4 }, { "OUTPUT", QStringLiteral( "memory:" ) } }, context );
  CHECK_FALSE( run.ok );
  CHECK( run.log.contains( QStringLiteral( "WEIGHTS_TABLE and WEIGHTS_COLUMN" ) ) );
  run = runAlgorithm( QStringLiteral( "htsplan:allocate" ),
                      { { "FACILITIES", sample }, { "YEAR", 2013 }, { "CAPS", QStringLiteral( "379900=1" ) }, { "OUTPUT", QStringLiteral( "memory:" ) } }, context );
  CHECK_FALSE( run.ok );
  CHECK( run.log.contains( QStringLiteral( "caps: 379900 is not a city of the 2015 map" ) ) );
  run = runAlgorithm( QStringLiteral( "htsplan:allocate" ),
                      { { "FACILITIES", sample }, { "WEIGHTS", 5 }, { "OUTPUT", QStringLiteral( "memory:" ) } }, context );
  CHECK_FALSE( run.ok );
  CHECK( run.log.contains( QStringLiteral( "every factor is 0" ) ) );
}
