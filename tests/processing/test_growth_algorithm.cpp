// htsplan:growth through QGIS's Processing registry on the bundled sample.
#include "tests/processing/algorithm_testing.h"

#include "geometry/crs.h"
#include "layers/paths.h"
#include "planning/metrics.h"
#include "tests/testdata.h"

#include <QTemporaryDir>

using namespace testdata;

TEST_CASE( "growth algorithm - a city layer with the growth of metrics.json", "[processing][growth]" )
{
  QgsProcessingContext context;
  const QString sample = QString::fromStdString( htsplan::defaultFacilitiesPath() );
  const AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:growth" ),
                                         { { "FACILITIES", sample }, { "FROM_YEAR", 2012 }, { "TO_YEAR", 2015 }, { "OUTPUT", QStringLiteral( "memory:" ) } }, context );
  INFO( run.log.toStdString() );
  REQUIRE( run.ok );

  const htsplan::Targets targets = htsplan::loadTargets( htsplan::defaultTargetsPath() );
  const htsplan::AdminData admin = htsplan::loadAdmin( htsplan::defaultAdminPath(), htsplan::Vintage::Y2015, htsplan::equalArea() );
  htsplan::ReportOptions options;
  options.growthFrom = 2012;
  options.growthTo = 2015;
  const htsplan::Metrics m = htsplan::computeMetrics( admin, htsplan::loadFacilities( htsplan::defaultFacilitiesPath(), targets ), targets, options );

  QgsVectorLayer *layer = outputLayer( run, "OUTPUT", context );
  CHECK( layer->featureCount() == 17 );
  CHECK( layer->crs().authid() == QStringLiteral( "EPSG:4490" ) );
  const auto cagr = byKey( layer, "code", "CAGR" );
  const auto onTrack = byKey( layer, "code", "ON_TRACK" );
  const auto target = byKey( layer, "code", "TARGET" );
  const auto year2013 = byKey( layer, "code", "CAGR_2013" );
  int withRate = 0;
  for ( const htsplan::UnitGrowth &u : m.growth.cities )
  {
    INFO( u.code );
    const QString code = QString::fromStdString( u.code );
    CHECK( target.at( code ).toDouble() == Approx( *u.line ) );
    if ( u.cagr )
    {
      ++withRate;
      CHECK( cagr.at( code ).toDouble() == Approx( *u.cagr ).epsilon( 1e-12 ) );
      CHECK( onTrack.at( code ).toInt() == ( *u.onTrack ? 1 : 0 ) );
    }
    else
    {
      CHECK( cagr.at( code ).isNull() );
      CHECK( onTrack.at( code ).isNull() );
    }
    if ( u.cagrByYear.at( 2013 ) )
      CHECK( year2013.at( code ).toDouble() == Approx( *u.cagrByYear.at( 2013 ) ).epsilon( 1e-12 ) );
  }
  CHECK( withRate == 15 ); // Liaocheng and Heze have no enterprise in the sample's panel
  CHECK( run.results.value( "PANEL_ENTERPRISES" ).toInt() == m.growth.panel.panel );
  CHECK( run.results.value( "LEFT_OUT" ).toInt() == m.growth.panel.leftOut );
  CHECK( run.results.value( "LEFT_OUT" ).toInt() > 0 );
  CHECK( run.results.value( "PROVINCE_CAGR" ).toDouble() == Approx( *m.growth.groups[0].cagr ).epsilon( 1e-12 ) );
  CHECK( run.log.contains( QStringLiteral( "left out" ) ) );
}

TEST_CASE( "growth algorithm - facilities without a revenue table, or a span upside down, are refused", "[processing][growth]" )
{
  QgsProcessingContext context;
  QTemporaryDir dir;
  const QString noTable = dir.filePath( "fac.gpkg" );
  writeLayer( noTable.toStdString(), "enterprises", 4490, wkbPoint, facilityFields(), {} );
  AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:growth" ), { { "FACILITIES", noTable }, { "OUTPUT", QStringLiteral( "memory:" ) } }, context );
  CHECK_FALSE( run.ok );
  CHECK( run.log.contains( QStringLiteral( "no enterprise_revenue table" ) ) );
  run = runAlgorithm( QStringLiteral( "htsplan:growth" ),
                      { { "FACILITIES", QString::fromStdString( htsplan::defaultFacilitiesPath() ) }, { "FROM_YEAR", 2015 }, { "TO_YEAR", 2012 },
                        { "OUTPUT", QStringLiteral( "memory:" ) } }, context );
  CHECK_FALSE( run.ok );
  CHECK( run.log.contains( QStringLiteral( "revenue growth span 2015-2012" ) ) );
}
