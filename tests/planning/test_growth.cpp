#include <catch2/catch.hpp>

#include "geometry/crs.h"
#include "planning/growth.h"
#include "planning/metrics.h"
#include "tests/testdata.h"

#include <QTemporaryDir>

#include <algorithm>
#include <cmath>

using namespace testdata;

namespace
{
Feature enterprise( double x, double y, const std::string &id, const std::string &sector = "it_services" )
{
  return { "POINT(" + std::to_string( x ) + " " + std::to_string( y ) + ")",
           { { "id", id }, { "name", "企业" + id }, { "sector", sector }, { "status", std::string( "designated" ) }, { "year", 2011LL }, { "revenue_cny", 2e8 } } };
}

Feature revenue( const std::string &id, Value year, Value yuan )
{
  return { "", { { "enterprise_id", id }, { "year", year }, { "revenue_cny", yuan } } };
}

const htsplan::UnitGrowth &unit( const std::vector<htsplan::UnitGrowth> &units, const std::string &code )
{
  const auto it = std::find_if( units.begin(), units.end(), [&]( const htsplan::UnitGrowth &u ) { return u.code == code; } );
  REQUIRE( it != units.end() );
  return *it;
}

int problemsAbout( const htsplan::Problems &problems, const std::string &layer, const std::string &field, const std::string &text )
{
  return static_cast<int>( std::count_if( problems.begin(), problems.end(), [&]( const htsplan::Problem &p ) {
    return p.layer == layer && p.field == field && p.problem.find( text ) != std::string::npos;
  } ) );
}
} // namespace

TEST_CASE( "growth - compound annual growth by hand", "[planning][growth]" )
{
  // 100 to 144 in two years: 20% a year (1.2 * 1.2 = 1.44).
  CHECK( *htsplan::compoundAnnualGrowth( 100, 144, 2 ) == Approx( 0.20 ).epsilon( 1e-12 ) );
  // One year: the plain change.
  CHECK( *htsplan::compoundAnnualGrowth( 80, 100, 1 ) == Approx( 0.25 ).epsilon( 1e-12 ) );
  // Falling revenue: 200 to 100 in four years, 2^(-1/4) - 1.
  CHECK( *htsplan::compoundAnnualGrowth( 200, 100, 4 ) == Approx( -0.1591035847462855 ).epsilon( 1e-12 ) );
  // No base revenue or no span: no rate, never a NaN or an infinity.
  CHECK_FALSE( htsplan::compoundAnnualGrowth( 0, 100, 2 ) );
  CHECK_FALSE( htsplan::compoundAnnualGrowth( 0, 0, 2 ) );
  CHECK_FALSE( htsplan::compoundAnnualGrowth( 100, 120, 0 ) );
  CHECK_FALSE( htsplan::compoundAnnualGrowth( 100, -1, 2 ) );
}

TEST_CASE( "growth - the balanced panel leaves out who enters or leaves", "[planning][growth]" )
{
  // Items 0-3 in unit 0 (item 3 also in unit 1), item 4 in none; unit 2 has nobody.
  const std::vector<std::vector<int>> unitsOf = { { 0 }, { 0 }, { 0 }, { 0, 1 }, {} };
  const std::vector<htsplan::RevenueRecord> rows = {
    { 0, 2011, 100 }, { 0, 2013, 150 },                     // in both ends
    { 1, 2012, 500 }, { 1, 2013, 900 },                     // enters in 2012: left out
    { 2, 2011, 300 }, { 2, 2012, 310 },                     // leaves after 2012: left out
    { 3, 2011, 50 },  { 3, 2013, 40 },  { 3, 2014, 1e9 },   // in both ends; 2014 is outside the span
    { 4, 2011, 7 },   { 4, 2013, 9 } };                     // in no unit: not counted at all
  htsplan::PanelCount count;
  const std::vector<htsplan::PanelSum> sums = htsplan::balancedPanel( unitsOf, 3, rows, 2011, 2013, &count );
  CHECK( count.panel == 2 );
  CHECK( count.leftOut == 2 );
  CHECK( sums[0].enterprises == 2 );
  CHECK( sums[0].revenueFrom == 150 );
  CHECK( sums[0].revenueTo == 190 );
  CHECK( sums[1].enterprises == 1 );
  CHECK( sums[1].revenueTo == 40 );
  CHECK( sums[2].enterprises == 0 );
  CHECK_FALSE( htsplan::compoundAnnualGrowth( sums[2].revenueFrom, sums[2].revenueTo, 2 ) );
  // A one-year span 2012-2013: item 1 is in both, item 0 and 3 are not (no 2012 row).
  const std::vector<htsplan::PanelSum> oneYear = htsplan::balancedPanel( unitsOf, 3, rows, 2012, 2013, &count );
  CHECK( count.panel == 1 );
  CHECK( count.leftOut == 3 );
  CHECK( *htsplan::compoundAnnualGrowth( oneYear[0].revenueFrom, oneYear[0].revenueTo, 1 ) == Approx( 0.8 ) );
}

TEST_CASE( "growth - per city, group and sector on a two-county map, with bad rows reported", "[planning][growth]" )
{
  QTemporaryDir dir;
  const std::string adminPath = dir.filePath( "admin.gpkg" ).toStdString();
  const std::string facPath = dir.filePath( "fac.gpkg" ).toStdString();
  writeTwoCountyAdmin( adminPath );
  // West city 379900 (province's line): W1 grows 100 -> 207.36 (20% a year), W2 enters in 2013.
  // East city 379800 (Blue Economic Zone, 25% line): E1 falls 200 -> 100.
  writeLayer( facPath, "enterprises", 4490, wkbPoint, facilityFields(),
              { enterprise( 117.2, 36.2, "W1" ), enterprise( 117.3, 36.3, "W2", "testing" ), enterprise( 118.5, 36.5, "E1" ) } );
  writeLayer( facPath, "enterprise_revenue", 0, wkbNone, { { "Enterprise_ID", OFTString }, { "YEAR", OFTInteger }, { "Revenue_CNY", OFTReal } },
              { revenue( "W1", 2011LL, 100e6 ), revenue( "W1", 2012LL, 120e6 ), revenue( "W1", 2013LL, 144e6 ), revenue( "W1", 2014LL, 172.8e6 ),
                revenue( "W1", 2015LL, 207.36e6 ),
                revenue( "W2", 2013LL, 50e6 ), revenue( "W2", 2015LL, 80e6 ),
                revenue( "E1", 2011LL, 200e6 ), revenue( "E1", 2015LL, 100e6 ),
                revenue( "X9", 2012LL, 1e6 ),      // unknown enterprise id
                revenue( "E1", 2013LL, -5.0 ),     // negative revenue
                revenue( "E1", 2030LL, 9e9 ),      // after the plan's horizon (2025)
                revenue( "W1", 2015LL, 1.0 ) } );  // the same enterprise and year again
  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  const htsplan::AdminData admin = htsplan::loadAdmin( adminPath, htsplan::Vintage::Y2015, htsplan::equalArea() );
  const htsplan::FacilitySet facilities = htsplan::loadFacilities( facPath, targets );

  SECTION( "bad rows are reported by field, not used" )
  {
    CHECK( facilities.revenueTable );
    CHECK( facilities.revenue.size() == 9 );
    CHECK( problemsAbout( facilities.problems, "enterprise_revenue", "Enterprise_ID", "'X9' is no enterprise" ) == 1 );
    CHECK( problemsAbout( facilities.problems, "enterprise_revenue", "Revenue_CNY", "negative" ) == 1 );
    CHECK( problemsAbout( facilities.problems, "enterprise_revenue", "YEAR", "'2030'" ) == 1 );
    CHECK( problemsAbout( facilities.problems, "enterprise_revenue", "YEAR", "second revenue" ) == 1 );
    CHECK( problemsAbout( facilities.problems, "enterprise_revenue", "", "not a layer of the facility contract" ) == 0 );
  }

  SECTION( "the plan's span 2011-2015 by default" )
  {
    const htsplan::Metrics m = htsplan::computeMetrics( admin, facilities, targets, {} );
    const htsplan::GrowthStats &g = m.growth;
    REQUIRE( g.computed );
    CHECK( g.fromYear == 2011 );
    CHECK( g.toYear == 2015 );
    CHECK( g.enterprisesWithRevenue == 3 );
    CHECK( g.panel.panel == 2 );
    CHECK( g.panel.leftOut == 1 ); // W2 entered in 2013
    CHECK( problemsAbout( m.problems, "enterprise_revenue", "", "1 enterprises with revenue in 2011-2015 but not in both" ) == 1 );

    const htsplan::UnitGrowth &west = unit( g.cities, "379900" );
    CHECK( *west.line == Approx( 0.20 ) );
    CHECK( west.span.enterprises == 1 );
    CHECK( *west.cagr == Approx( 0.20 ).epsilon( 1e-9 ) );
    CHECK( *west.onTrack );
    CHECK( *west.cagrByYear.at( 2012 ) == Approx( 0.20 ) );
    CHECK( *west.onTrackByYear.at( 2013 ) );

    const htsplan::UnitGrowth &east = unit( g.cities, "379800" );
    CHECK( *east.line == Approx( 0.25 ) ); // its county is in the Blue Economic Zone
    CHECK( *east.cagr == Approx( -0.1591035847462855 ).epsilon( 1e-9 ) );
    CHECK_FALSE( *east.onTrack );
    CHECK_FALSE( east.cagrByYear.at( 2012 ) ); // no 2012 revenue: no panel for 2011-2012
    CHECK_FALSE( east.onTrackByYear.at( 2012 ) );

    // Province: (207.36 + 100) / (100 + 200) over four years.
    const htsplan::UnitGrowth &province = unit( g.groups, "province" );
    CHECK( province.span.revenueFrom == Approx( 300e6 ) );
    CHECK( *province.cagr == Approx( std::pow( 307.36 / 300.0, 0.25 ) - 1.0 ).epsilon( 1e-12 ) );
    CHECK_FALSE( *province.onTrack );
    CHECK( *unit( g.groups, "blue_zone" ).cagr == Approx( -0.1591035847462855 ) );
    // No central city on this map: no enterprise, no rate, no verdict.
    const htsplan::UnitGrowth &central = unit( g.groups, "central_cities" );
    CHECK( central.span.enterprises == 0 );
    CHECK_FALSE( central.cagr );
    CHECK_FALSE( central.onTrack );

    CHECK( unit( g.sectors, "it_services" ).span.enterprises == 2 );
    CHECK( unit( g.sectors, "testing" ).span.enterprises == 0 );
  }

  SECTION( "a one-year span of the planner's choice" )
  {
    htsplan::ReportOptions options;
    options.growthFrom = 2013;
    options.growthTo = 2014;
    const htsplan::Metrics m = htsplan::computeMetrics( admin, facilities, targets, options );
    CHECK( m.growth.panel.panel == 1 ); // W1 only: W2 has no 2014, E1 none in 2013 or 2014
    CHECK( m.growth.panel.leftOut == 1 );
    CHECK( *unit( m.growth.cities, "379900" ).cagr == Approx( 0.20 ) );
    CHECK_FALSE( unit( m.growth.cities, "379800" ).cagr );
  }

  SECTION( "a span the table cannot hold is refused" )
  {
    htsplan::ReportOptions options;
    options.growthFrom = 2015;
    options.growthTo = 2013;
    CHECK_THROWS_WITH( htsplan::computeMetrics( admin, facilities, targets, options ), Catch::Contains( "revenue growth span 2015-2013" ) );
    options.growthFrom = 2005;
    options.growthTo = 2015;
    CHECK_THROWS_AS( htsplan::computeMetrics( admin, facilities, targets, options ), htsplan::InputError );
  }
}
