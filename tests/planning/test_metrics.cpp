#include <catch2/catch.hpp>

#include "geometry/crs.h"
#include "planning/metrics.h"
#include "tests/testdata.h"

#include <QTemporaryDir>
#include <qgsfeedback.h>

using namespace testdata;

namespace
{
Feature point( double x, double y, const std::string &name, const std::string &status, Value year, Value revenue = Value(),
               const std::string &sector = "it_services" )
{
  return { "POINT(" + std::to_string( x ) + " " + std::to_string( y ) + ")",
           { { "name", name }, { "sector", sector }, { "status", status }, { "year", year }, { "revenue_cny", revenue } } };
}
int idx( htsplan::Kind k ) { return static_cast<int>( k ); }
} // namespace

TEST_CASE( "metrics - counts, targets, years and groups on a two-county map", "[analysis][metrics]" )
{
  QTemporaryDir dir;
  const std::string adminPath = dir.filePath( "admin.gpkg" ).toStdString();
  const std::string facPath = dir.filePath( "fac.gpkg" ).toStdString();
  writeTwoCountyAdmin( adminPath );
  writeLayer( facPath, "bases", 4490, wkbPoint, facilityFields(),
              { point( 117.5, 36.5, "西基地", "designated", 2009LL ),       // before the start year: counts from 2011
                point( 118.5, 36.5, "东基地", "designated", 2014LL ),
                point( 118.6, 36.6, "东候选基地", "candidate", 2013LL ),    // not designated
                point( 118.7, 36.7, "东未来基地", "designated", 2016LL ),   // after the evaluation year
                point( 118.8, 36.8, "无年份基地", "designated", Value() ),  // no year: from the start year
                point( 125.0, 36.5, "海上基地", "designated", 2012LL ) } ); // outside the province
  writeLayer( facPath, "enterprises", 4490, wkbPoint, facilityFields(),
              { point( 117.2, 36.2, "恰好过亿", "designated", 2012LL, 1e8 ),  // at the threshold: backbone
                point( 117.3, 36.3, "差一元", "designated", 2012LL, 99999999.0 ),
                point( 117.4, 36.4, "无营收", "designated", 2012LL ) } );

  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  const htsplan::AdminData admin = htsplan::loadAdmin( adminPath, htsplan::Vintage::Y2015, htsplan::equalArea() );
  const htsplan::FacilitySet facilities = htsplan::loadFacilities( facPath, targets );
  const htsplan::Metrics m = htsplan::computeMetrics( admin, facilities, targets, {} );

  REQUIRE( m.targets.size() == 4 );
  const htsplan::TargetProgress &bases = m.targets[0];
  CHECK( bases.kind == htsplan::Kind::Base );
  CHECK( bases.count == 3 );
  CHECK( bases.target == 20 );
  CHECK( bases.gap == 17 );
  CHECK( bases.ratio == Approx( 0.15 ) );
  CHECK( bases.byYear == std::map<int, int>{ { 2011, 2 }, { 2012, 2 }, { 2013, 2 }, { 2014, 3 }, { 2015, 3 } } );
  const htsplan::TargetProgress &enterprises = m.targets[3];
  CHECK( enterprises.count == 1 );
  CHECK( enterprises.gap == 99 );

  REQUIRE( m.counties.size() == 2 );
  CHECK( m.counties[0].counts[idx( htsplan::Kind::Base )] == 1 );
  CHECK( m.counties[1].counts[idx( htsplan::Kind::Base )] == 2 );
  CHECK( m.counties[1].countsAll[idx( htsplan::Kind::Base )] == 4 );
  CHECK( m.counties[0].countsAll[idx( htsplan::Kind::Enterprise )] == 3 );

  SECTION( "the facility outside the province is listed, not dropped" )
  {
    REQUIRE( m.unassigned.size() == 1 );
    CHECK( m.unassigned[0].name == "海上基地" );
    CHECK( m.unassigned[0].reason == "outside the province" );
  }
  SECTION( "areas are in km² of the equal-area projection" )
  {
    // One degree square at 36-37N: about 111.2 km x 89.3 km.
    CHECK( m.counties[0].areaKm2 == Approx( 9934 ).epsilon( 0.01 ) );
  }
  SECTION( "groups: the blue zone is the east county; population unknown where a city has none" )
  {
    REQUIRE( m.groups.size() == 3 );
    CHECK( m.groups[0].group == "province" );
    CHECK( m.groups[0].counts[idx( htsplan::Kind::Base )] == 3 );
    CHECK( m.groups[0].population == Approx( 3000000 ) ); // from the current map
    CHECK( m.groups[1].group == "blue_zone" );
    CHECK( m.groups[1].counts[idx( htsplan::Kind::Base )] == 2 );
    CHECK_FALSE( m.groups[1].population.has_value() );
    CHECK( m.groups[1].annualGrowthTarget == Approx( 0.25 ) );
    CHECK( m.cities[0].population == Approx( 1000000 ) );
    CHECK_FALSE( m.cities[1].population.has_value() );
  }
  SECTION( "an earlier evaluation year" )
  {
    htsplan::ReportOptions options;
    options.year = 2013;
    const htsplan::Metrics early = htsplan::computeMetrics( admin, facilities, targets, options );
    CHECK( early.targets[0].count == 2 );
    CHECK( early.targets[0].byYear.rbegin()->first == 2013 );
  }
  SECTION( "coverage: cities and counties with a base; share within 10 km of a base" )
  {
    CHECK( m.coverage.countiesWith[idx( htsplan::Kind::Base )] == 2 );
    CHECK( m.coverage.citiesWith[idx( htsplan::Kind::Park )] == 0 );
    // Three 10 km discs, none overlapping another or the edge: 3 * pi * 100 km² (16 segments a quarter: -0.16%).
    REQUIRE( m.coverage.byKind.size() == 2 );
    CHECK( m.coverage.byKind[0].kind == "base" );
    CHECK( m.coverage.byKind[0].areaShare * m.coverage.provinceAreaKm2 == Approx( 3 * 314.159 ).epsilon( 0.003 ) );
  }
}

TEST_CASE( "metrics - the current vintage merges units", "[analysis][metrics]" )
{
  QTemporaryDir dir;
  const std::string adminPath = dir.filePath( "admin.gpkg" ).toStdString();
  const std::string facPath = dir.filePath( "fac.gpkg" ).toStdString();
  writeTwoCountyAdmin( adminPath );
  writeLayer( facPath, "parks", 4490, wkbPoint, facilityFields(),
              { point( 117.5, 36.5, "甲园", "designated", 2012LL ), point( 118.5, 36.5, "乙园", "designated", 2012LL, Value(), "nonsense" ) } );
  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  const htsplan::AdminData admin = htsplan::loadAdmin( adminPath, htsplan::Vintage::Current, htsplan::equalArea() );
  const htsplan::Metrics m = htsplan::computeMetrics( admin, htsplan::loadFacilities( facPath, targets ), targets, {} );
  REQUIRE( m.cities.size() == 1 );
  CHECK( m.cities[0].counts[idx( htsplan::Kind::Park )] == 2 );
  CHECK( m.sectors.back().code == "unknown" );
  CHECK( m.sectors.back().counts[idx( htsplan::Kind::Park )] == 1 );
}

TEST_CASE( "metrics - a cancelled computation stops with Canceled, not an error", "[analysis][metrics]" )
{
  QTemporaryDir dir;
  const std::string adminPath = dir.filePath( "admin.gpkg" ).toStdString();
  const std::string facPath = dir.filePath( "fac.gpkg" ).toStdString();
  writeTwoCountyAdmin( adminPath );
  writeLayer( facPath, "bases", 4490, wkbPoint, facilityFields(), { point( 117.5, 36.5, "基地", "designated", 2012LL ) } );
  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  const htsplan::AdminData admin = htsplan::loadAdmin( adminPath, htsplan::Vintage::Y2015, htsplan::equalArea() );
  const htsplan::FacilitySet facilities = htsplan::loadFacilities( facPath, targets );
  QgsFeedback feedback;
  feedback.cancel();
  CHECK_THROWS_AS( htsplan::computeMetrics( admin, facilities, targets, {}, &feedback ), htsplan::Canceled );

  SECTION( "progress runs up to 100 when not cancelled" )
  {
    QgsFeedback running;
    double last = 0.0;
    bool backwards = false;
    QObject::connect( &running, &QgsFeedback::progressChanged, [&]( double p ) { backwards = backwards || p < last; last = p; } );
    htsplan::computeMetrics( admin, facilities, targets, {}, &running );
    CHECK( last == 100.0 );
    CHECK_FALSE( backwards );
  }
}

namespace
{
//! A bundled-targets copy of the two-county test data: its admin map and the facility layer.
struct TwoCounty
{
    QTemporaryDir dir;
    std::string adminPath = dir.filePath( "admin.gpkg" ).toStdString();
    std::string facPath = dir.filePath( "fac.gpkg" ).toStdString();
    htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
    TwoCounty() { writeTwoCountyAdmin( adminPath ); }
};

htsplan::Facility placed( htsplan::Kind kind, long long fid, double x, double y )
{
  htsplan::Facility f;
  f.kind = kind;
  f.fid = fid;
  f.name = "设施" + std::to_string( fid );
  f.x = x;
  f.y = y;
  f.year = 2012;
  return f;
}
} // namespace

TEST_CASE( "metrics - an unreadable year or a NULL status never counts toward a target", "[planning][metrics][strict]" )
{
  TwoCounty t;
  writeLayer( t.facPath, "parks", 4490, wkbPoint, { { "name", OFTString }, { "status", OFTString }, { "year", OFTString } },
              { { "POINT(117.5 36.5)", { { "name", std::string( "甲" ) }, { "status", std::string( "designated" ) }, { "year", std::string( "2014年" ) } } },
                { "POINT(117.6 36.5)", { { "name", std::string( "乙" ) }, { "status", std::string( "designated" ) }, { "year", std::string( "2016年" ) } } },
                { "POINT(117.7 36.5)", { { "name", std::string( "丙" ) }, { "status", std::string( "designated" ) }, { "year", std::string( "近年" ) } } },
                { "POINT(117.8 36.5)", { { "name", std::string( "丁" ) }, { "status", Value() }, { "year", std::string( "2012" ) } } } } );
  const htsplan::AdminData admin = htsplan::loadAdmin( t.adminPath, htsplan::Vintage::Y2015, htsplan::equalArea() );
  const htsplan::Metrics m = htsplan::computeMetrics( admin, htsplan::loadFacilities( t.facPath, t.targets ), t.targets, {} );
  const htsplan::TargetProgress &parks = m.targets[1];
  CHECK( parks.kind == htsplan::Kind::Park );
  CHECK( parks.count == 1 ); // 甲 only: 乙 is 2016, 丙's year unreadable, 丁 has no status
  CHECK( parks.byYear == std::map<int, int>{ { 2011, 0 }, { 2012, 0 }, { 2013, 0 }, { 2014, 1 }, { 2015, 1 } } );
  CHECK( m.counties[0].countsAll[idx( htsplan::Kind::Park )] == 4 );

  htsplan::ReportOptions later;
  later.year = 2016;
  CHECK( htsplan::computeMetrics( admin, htsplan::loadFacilities( t.facPath, t.targets ), t.targets, later ).targets[1].count == 2 );
}

TEST_CASE( "metrics - features outside the counties are told apart and swapped coordinates named", "[planning][metrics][strict]" )
{
  TwoCounty t;
  htsplan::AdminData admin = htsplan::loadAdmin( t.adminPath, htsplan::Vintage::Y2015, htsplan::equalArea() );
  htsplan::FacilitySet set;
  set.path = "hand-made";
  set.layersPresent = { htsplan::Kind::Park, htsplan::Kind::Base };
  set.items.push_back( placed( htsplan::Kind::Park, 1, 36.5, 117.5 ) ); // latitude first
  set.items.push_back( placed( htsplan::Kind::Park, 2, 36.8, 118.5 ) );
  set.items.push_back( placed( htsplan::Kind::Base, 3, 118.5, 36.5 ) ); // in the east county

  SECTION( "swapped latitude/longitude" )
  {
    const htsplan::Metrics m = htsplan::computeMetrics( admin, set, t.targets, {} );
    REQUIRE( m.unassigned.size() == 2 );
    CHECK( m.unassigned[0].reason == "outside the province" );
    CHECK( std::any_of( m.problems.begin(), m.problems.end(), []( const htsplan::Problem &p ) {
      return p.layer == "parks" && p.severity == "error" &&
             p.problem == "2 of 2 features lie outside the province (x 36.5 to 36.8, y 117.5 to 118.5): their coordinates look like latitude/longitude swapped "
                          "(swapped back, every one falls in the province); fix the layer's coordinates; not counted";
    } ) );
  }
  SECTION( "a county missing from the admin map is not 'outside the province'" )
  {
    admin.counties.pop_back(); // the east county: its land is still inside the province's outline
    const htsplan::Metrics m = htsplan::computeMetrics( admin, set, t.targets, {} );
    REQUIRE( m.unassigned.size() == 3 );
    CHECK( m.unassigned[2].name == "设施3" );
    CHECK( m.unassigned[2].reason == "inside the province's outline but in no county of the admin map" );
    CHECK( m.targets[0].count == 0 );
  }
}

TEST_CASE( "metrics - central cities by code or name; an unknown one is an error listing the codes", "[planning][metrics][strict]" )
{
  TwoCounty t;
  const htsplan::AdminData admin = htsplan::loadAdmin( t.adminPath, htsplan::Vintage::Y2015, htsplan::equalArea() );
  htsplan::Problems problems;
  t.targets.centralCities = { "东市", "西", "379900" };
  CHECK( htsplan::centralCityCodes( admin, t.targets, problems ) == std::set<std::string>{ "379800", "379900" } );
  CHECK( problems.empty() );

  t.targets.centralCities = { "371200" };
  CHECK( htsplan::centralCityCodes( admin, t.targets, problems ).empty() );
  REQUIRE( problems.size() == 1 );
  CHECK_THAT( problems[0].problem, Catch::Contains( "central_cities[0]: city 371200 is not on the 2015 map" ) );

  t.targets.centralCities = { "西市", "Atlantis" };
  CHECK_THROWS_WITH( htsplan::centralCityCodes( admin, t.targets, problems ),
                     Catch::Contains( t.targets.path ) && Catch::Contains( "central_cities[1]: 'Atlantis' is neither a city code nor a city name" ) &&
                       Catch::Contains( "379900 西市" ) && Catch::Contains( "379800 东市" ) );
}
