#include <catch2/catch.hpp>

#include "geometry/crs.h"
#include "geometry/partition_clean.h"
#include "geometry/reproject.h"
#include "layers/paths.h"
#include "planning/metrics.h"
#include "tests/testdata.h"

#include <QTemporaryDir>
#include <qgsfeedback.h>

#include <random>
#include <tuple>

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

namespace
{
//! The bundled 2015 map, sample facilities and targets, read once.
struct Bundled
{
    htsplan::Targets targets = htsplan::loadTargets( htsplan::defaultTargetsPath() );
    htsplan::AdminData admin = htsplan::loadAdmin( htsplan::defaultAdminPath(), htsplan::Vintage::Y2015, htsplan::equalArea() );
    htsplan::FacilitySet facilities = htsplan::loadFacilities( htsplan::defaultFacilitiesPath(), targets );
};
const Bundled &bundled()
{
  static const Bundled data;
  return data;
}

/**
 * Seeded facilities over the province's box: every kind, known and unknown
 * sectors, designated and not, years from before the plan to after the
 * evaluation year or none, revenues on both sides of the threshold; some
 * fall outside the province.
 */
htsplan::FacilitySet generatedFacilities( const htsplan::Targets &targets, size_t n, unsigned seed )
{
  std::mt19937 random( seed );
  std::uniform_real_distribution<double> lon( 114.8, 122.7 ), lat( 34.4, 38.4 ), unit( 0, 1 );
  htsplan::FacilitySet set;
  set.path = "generated";
  set.layersPresent.assign( htsplan::allKinds().begin(), htsplan::allKinds().end() );
  for ( size_t i = 0; i < n; ++i )
  {
    htsplan::Facility f;
    f.kind = htsplan::allKinds()[random() % htsplan::KindCount];
    f.fid = static_cast<long long>( i + 1 );
    f.name = "生成" + std::to_string( i );
    f.x = lon( random );
    f.y = lat( random );
    f.sector = static_cast<int>( random() % ( targets.sectors.size() + 1 ) ) - 1; // -1: unknown
    f.status = unit( random ) < 0.8 ? htsplan::Status::Designated : htsplan::Status::Candidate;
    if ( unit( random ) < 0.9 )
      f.year = 2008 + static_cast<int>( random() % 10 );
    f.revenueCny = unit( random ) * 2 * targets.backboneRevenueCny;
    set.items.push_back( std::move( f ) );
  }
  return set;
}

//! Per unit and sector (targets' sectors, then unknown), the counted facilities recounted from the placement.
std::vector<std::vector<htsplan::KindCounts>> recountBySector( const htsplan::Metrics &m, const htsplan::FacilitySet &set, const htsplan::Targets &targets,
                                                               const htsplan::AdminData &admin, bool cities )
{
  std::vector<std::vector<htsplan::KindCounts>> out( cities ? m.cities.size() : m.counties.size(),
                                                     std::vector<htsplan::KindCounts>( targets.sectors.size() + 1 ) );
  for ( size_t i = 0; i < set.items.size(); ++i )
  {
    const htsplan::Facility &f = set.items[i];
    const int county = m.facilityCounty[i];
    if ( county < 0 || !htsplan::countsTowardTarget( f, targets, m.evaluationYear ) )
      continue;
    const int unit = cities ? admin.cityIndex( admin.counties[county].cityCode ) : county;
    const size_t sector = f.sector >= 0 ? static_cast<size_t>( f.sector ) : targets.sectors.size();
    ++out[unit][sector][idx( f.kind )];
  }
  return out;
}

void checkBySector( const htsplan::Metrics &m, const htsplan::FacilitySet &set, const htsplan::Targets &targets, const htsplan::AdminData &admin )
{
  for ( const bool cities : { true, false } )
  {
    const std::vector<htsplan::UnitStats> &units = cities ? m.cities : m.counties;
    const auto recounted = recountBySector( m, set, targets, admin, cities );
    for ( size_t u = 0; u < units.size(); ++u )
    {
      INFO( ( cities ? "city " : "county " ) << units[u].code );
      const std::vector<htsplan::SectorCounts> &bySector = units[u].bySector;
      REQUIRE( bySector.size() >= targets.sectors.size() );
      for ( size_t s = 0; s < targets.sectors.size(); ++s )
      {
        CHECK( bySector[s].sector == targets.sectors[s].code );
        CHECK( bySector[s].counts == recounted[u][s] );
      }
      const htsplan::KindCounts &unknown = recounted[u].back();
      const bool anyUnknown = std::any_of( unknown.begin(), unknown.end(), []( int n ) { return n > 0; } );
      REQUIRE( bySector.size() == targets.sectors.size() + ( anyUnknown ? 1 : 0 ) );
      if ( anyUnknown )
      {
        CHECK( bySector.back().sector == "unknown" );
        CHECK( bySector.back().counts == unknown );
      }
      htsplan::KindCounts sum{};
      for ( const htsplan::SectorCounts &s : bySector )
        for ( int k = 0; k < htsplan::KindCount; ++k )
          sum[k] += s.counts[k];
      CHECK( sum == units[u].counts );
    }
  }
  // The cities' sectors add up to the province's.
  for ( size_t s = 0; s < m.sectors.size(); ++s )
  {
    htsplan::KindCounts sum{};
    for ( const htsplan::UnitStats &c : m.cities )
      for ( const htsplan::SectorCounts &sc : c.bySector )
        if ( sc.sector == m.sectors[s].code )
          for ( int k = 0; k < htsplan::KindCount; ++k )
            sum[k] += sc.counts[k];
    CHECK( sum == m.sectors[s].counts );
  }
}
} // namespace

TEST_CASE( "metrics - each city's and county's counts by sector add up to its counts", "[planning][metrics]" )
{
  const Bundled &b = bundled();
  SECTION( "the bundled sample" )
  {
    const htsplan::Metrics m = htsplan::computeMetrics( b.admin, b.facilities, b.targets, {} );
    checkBySector( m, b.facilities, b.targets, b.admin );
  }
  SECTION( "a generated set with unknown sectors, years and statuses of every kind" )
  {
    const htsplan::FacilitySet set = generatedFacilities( b.targets, 3000, 20261129 );
    htsplan::ReportOptions options;
    options.year = 2013;
    const htsplan::Metrics m = htsplan::computeMetrics( b.admin, set, b.targets, options );
    CHECK( m.targets[0].count > 0 );
    CHECK( m.sectors.back().counts[idx( htsplan::Kind::Park )] > 0 ); // some unknown sectors are counted
    checkBySector( m, set, b.targets, b.admin );
  }
}

TEST_CASE( "metrics - each city's and county's coverage share comes from the province's measuring", "[planning][metrics]" )
{
  const Bundled &b = bundled();
  const htsplan::Metrics m = htsplan::computeMetrics( b.admin, b.facilities, b.targets, {} );
  // The cities' areas in the analysis CRS, where the shares are measured.
  const htsplan::TransformPtr toArea = htsplan::storageToAnalysis();
  std::vector<double> cityAreas, countyAreas;
  for ( const htsplan::AdminUnit &c : b.admin.cities )
    cityAreas.push_back( htsplan::areaOf( htsplan::projectedCopy( *c.geometry, *toArea ).get() ) );
  for ( const htsplan::AdminUnit &c : b.admin.counties )
    countyAreas.push_back( htsplan::areaOf( htsplan::projectedCopy( *c.geometry, *toArea ).get() ) );

  REQUIRE( m.coverage.byKind.size() == b.targets.coverageKinds.size() );
  for ( size_t k = 0; k < m.coverage.byKind.size(); ++k )
  {
    const htsplan::CoverageKind &province = m.coverage.byKind[k];
    const int kind = idx( b.targets.coverageKinds[k] );
    INFO( province.kind );
    CHECK( province.areaShare > 0.01 );
    for ( const bool cities : { true, false } )
    {
      const std::vector<htsplan::UnitStats> &units = cities ? m.cities : m.counties;
      const std::vector<double> &areas = cities ? cityAreas : countyAreas;
      double covered = 0, total = 0, coveredKm2 = 0, totalKm2 = 0;
      for ( size_t u = 0; u < units.size(); ++u )
      {
        INFO( units[u].code );
        REQUIRE( units[u].coverage.size() == m.coverage.byKind.size() );
        const htsplan::UnitCoverageShare &share = units[u].coverage[k];
        CHECK( share.kind == province.kind );
        CHECK( share.areaShare >= 0.0 );
        CHECK( share.areaShare <= 1.0 );
        if ( units[u].counts[kind] > 0 )
          CHECK( share.areaShare > 0.0 );
        covered += share.areaShare * areas[u];
        total += areas[u];
        coveredKm2 += share.areaShare * units[u].areaKm2;
        totalKm2 += units[u].areaKm2;
      }
      // Weighted by the areas they are measured in: the province's share exactly.
      CHECK( covered / total == Approx( province.areaShare ).margin( 1e-12 ).epsilon( 0 ) );
      // Weighted by area_km2, as a reader of metrics.json would (areas of the report's
      // China-wide equal-area CRS, whose straight edges differ slightly): 5e-10 off on
      // the bundled map.
      CHECK( coveredKm2 / totalKm2 == Approx( province.areaShare ).margin( 1e-9 ).epsilon( 0 ) );
    }
  }

  SECTION( "a county's one base: its disc over the county's area" )
  {
    TwoCounty t;
    writeLayer( t.facPath, "bases", 4490, wkbPoint, facilityFields(), { point( 117.5, 36.5, "西基地", "designated", 2012LL ) } );
    const htsplan::AdminData admin = htsplan::loadAdmin( t.adminPath, htsplan::Vintage::Y2015, htsplan::equalArea() );
    const htsplan::Metrics two = htsplan::computeMetrics( admin, htsplan::loadFacilities( t.facPath, t.targets ), t.targets, {} );
    REQUIRE( two.counties[0].coverage.size() == 2 );
    CHECK( two.counties[0].coverage[0].kind == "base" );
    CHECK( two.counties[0].coverage[0].areaShare * two.counties[0].areaKm2 == Approx( 314.159 ).epsilon( 0.003 ) );
    CHECK( two.counties[1].coverage[0].areaShare == 0.0 );
    CHECK( two.cities[0].coverage[0].areaShare == two.counties[0].coverage[0].areaShare ); // one county, one city
    CHECK( two.counties[0].coverage[1].kind == "park" );
    CHECK( two.counties[0].coverage[1].areaShare == 0.0 );
  }
}

TEST_CASE( "metrics - cities' ranks and shares of the province, ties sharing a rank", "[planning][metrics]" )
{
  const Bundled &b = bundled();
  htsplan::FacilitySet set;
  set.path = "hand-made";
  set.layersPresent = { htsplan::Kind::Park, htsplan::Kind::Building };
  long long fid = 0;
  auto add = [&]( htsplan::Kind kind, double x, double y, int n ) {
    for ( int i = 0; i < n; ++i )
      set.items.push_back( placed( kind, ++fid, x + 0.01 * i, y ) );
  };
  add( htsplan::Kind::Park, 120.38, 36.07, 3 ); // Qingdao
  add( htsplan::Kind::Park, 117.00, 36.65, 2 ); // Jinan
  add( htsplan::Kind::Park, 121.40, 37.50, 2 ); // Yantai
  add( htsplan::Kind::Park, 119.10, 36.70, 1 ); // Weifang
  add( htsplan::Kind::Building, 120.38, 36.07, 1 );
  set.items.back().status = htsplan::Status::Candidate; // in counts_all, not counted
  const htsplan::Metrics m = htsplan::computeMetrics( b.admin, set, b.targets, {} );
  REQUIRE( m.groups[0].counts[idx( htsplan::Kind::Park )] == 8 );

  std::map<std::string, const htsplan::UnitStats *> byCode;
  for ( const htsplan::UnitStats &c : m.cities )
    byCode[c.code] = &c;
  const int park = idx( htsplan::Kind::Park );
  const std::vector<std::tuple<std::string, int, int>> expected = { { "370200", 3, 1 }, { "370100", 2, 2 }, { "370600", 2, 2 }, { "370700", 1, 4 } };
  for ( const auto &[code, count, rank] : expected )
  {
    INFO( code );
    REQUIRE( byCode.count( code ) );
    CHECK( byCode[code]->counts[park] == count );
    CHECK( byCode[code]->rank[park] == rank );
    CHECK( byCode[code]->shareOfProvince[park] == Approx( count / 8.0 ) );
  }
  for ( const htsplan::UnitStats &c : m.cities )
  {
    INFO( c.code );
    if ( c.counts[park] == 0 )
    {
      CHECK( c.rank[park] == 5 ); // after the four cities with parks
      CHECK( c.shareOfProvince[park] == 0.0 );
    }
    // No building counted anywhere: every city shares rank 1, and none has a share of nothing.
    CHECK( c.rank[idx( htsplan::Kind::Building )] == 1 );
    CHECK( c.shareOfProvince[idx( htsplan::Kind::Building )] == 0.0 );
  }
  CHECK( byCode["370200"]->countsAll[idx( htsplan::Kind::Building )] == 1 );
  for ( const htsplan::UnitStats &c : m.counties ) // cities only
  {
    CHECK( c.rank == htsplan::KindCounts{} );
    CHECK( c.shareOfProvince == htsplan::KindShares{} );
  }
}
