#include <catch2/catch.hpp>

#include "analysis/density/unit_density.h"
#include "geometry/crs.h"
#include "layers/paths.h"
#include "planning/coverage_shares.h"
#include "planning/dashboard.h"
#include "tests/testdata.h"

#include <QTemporaryDir>
#include <qgsfeedback.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <numeric>
#include <set>

using namespace testdata;

namespace
{
int idx( htsplan::Kind k ) { return static_cast<int>( k ); }

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

Feature point( const std::string &wkt, const std::string &id, const std::string &name, Value status, Value year, Value revenue = Value() )
{
  return { wkt, { { "id", id }, { "name", name }, { "sector", std::string( "it_services" ) }, { "status", status }, { "year", year }, { "revenue_cny", revenue } } };
}
Feature at( double x, double y, const std::string &id, Value status, Value year, Value revenue = Value() )
{
  return point( "POINT(" + std::to_string( x ) + " " + std::to_string( y ) + ")", id, "设施" + id, status, year, revenue );
}

//! The fids of a layer's features that the filter selects, read with GDAL.
std::set<long long> selectedFids( const std::string &path, const std::string &layerName, const std::string &filter )
{
  const GDALDatasetUniquePtr ds( GDALDataset::Open( path.c_str(), GDAL_OF_VECTOR ) );
  REQUIRE( ds );
  OGRLayer *layer = ds->GetLayerByName( layerName.c_str() );
  REQUIRE( layer );
  REQUIRE( layer->SetAttributeFilter( filter.empty() ? nullptr : filter.c_str() ) == OGRERR_NONE );
  std::set<long long> fids;
  for ( const auto &feature : *layer )
    fids.insert( feature->GetFID() );
  CHECK( layer->GetFeatureCount( TRUE ) == static_cast<GIntBig>( fids.size() ) );
  return fids;
}

//! The fids of the facilities of a kind that count in year, placed in the province (computeMetrics' rule).
std::set<long long> countedFids( const htsplan::Dashboard &d, const htsplan::FacilitySet &set, const htsplan::Targets &targets, htsplan::Kind kind, int year )
{
  std::set<long long> fids;
  for ( size_t i = 0; i < set.items.size(); ++i )
    if ( set.items[i].kind == kind && d.metrics().facilityCounty[i] >= 0 && htsplan::countsTowardTarget( set.items[i], targets, year ) )
      fids.insert( set.items[i].fid );
  return fids;
}
} // namespace

TEST_CASE( "dashboard - every year's figures equal computeMetrics' for that year on the bundled sample", "[dashboard]" )
{
  const Bundled &b = bundled();
  const double radiusKm = htsplan::DEFAULT_COVERAGE_RADIUS_KM;
  const htsplan::Dashboard d = htsplan::Dashboard::build( b.admin, b.facilities, b.targets, radiusKm );
  CHECK( d.firstYear() == 2011 );
  CHECK( d.lastYear() == 2020 );
  CHECK( d.metrics().evaluationYear == 2020 );
  CHECK_THROWS_AS( d.view( 2010 ), std::out_of_range );
  CHECK_THROWS_AS( d.view( 2021 ), std::out_of_range );

  std::set<int> provinceCounts; // the sample's counts change over the years (else this test proves little)
  for ( int year = d.firstYear(); year <= d.lastYear(); ++year )
  {
    INFO( "year " << year );
    const htsplan::Metrics m = htsplan::computeMetrics( b.admin, b.facilities, b.targets, { radiusKm, year } );
    const htsplan::DashboardView v = d.view( year );
    CHECK( v.year == year );
    REQUIRE( v.cards.size() == m.targets.size() );
    for ( size_t t = 0; t < m.targets.size(); ++t )
    {
      CHECK( v.cards[t].kind == m.targets[t].kind );
      CHECK( v.cards[t].target == m.targets[t].target );
      CHECK( v.cards[t].count == m.targets[t].count );
      CHECK( v.cards[t].ratio == m.targets[t].ratio );
      CHECK( v.cards[t].gap == m.targets[t].gap );
      provinceCounts.insert( v.cards[t].count * 1000 + static_cast<int>( t ) );
      // The province's series by year is computeMetrics' up to the year.
      const std::map<int, int> byYear = d.countsByYear( m.targets[t].kind );
      for ( const auto &[y, n] : m.targets[t].byYear )
        CHECK( byYear.at( y ) == n );
    }
    auto checkUnits = [&]( const std::vector<htsplan::DashboardUnit> &units, const std::vector<htsplan::UnitStats> &expected, bool cities ) {
      REQUIRE( units.size() == expected.size() );
      for ( size_t i = 0; i < units.size(); ++i )
      {
        INFO( ( cities ? "city " : "county " ) << expected[i].code );
        const htsplan::DashboardUnit &u = units[i];
        CHECK( u.counts == expected[i].counts );
        CHECK( u.shareOfProvince == expected[i].shareOfProvince );
        CHECK( u.rank == expected[i].rank );
        for ( int k = 0; k < htsplan::KindCount; ++k )
        {
          CHECK( u.per10kKm2[k] == htsplan::per10kKm2( expected[i].counts[k], expected[i].areaKm2 ).value_or( 0.0 ) );
          CHECK( u.perMillion[k] == htsplan::perMillionPeople( expected[i].counts[k], expected[i].population ) );
        }
        REQUIRE( u.coverage.size() == expected[i].coverage.size() );
        for ( size_t c = 0; c < u.coverage.size(); ++c )
        {
          CHECK( u.coverage[c].kind == expected[i].coverage[c].kind );
          CHECK( u.coverage[c].areaShare == expected[i].coverage[c].areaShare );
        }
      }
    };
    checkUnits( v.cities, m.cities, true );
    checkUnits( v.counties, m.counties, false );

    // Sectors: the province's are computeMetrics' and add up to the counts; so do each city's.
    for ( htsplan::Kind kind : htsplan::allKinds() )
    {
      const std::vector<int> province = d.sectorCounts( year, kind );
      REQUIRE( province.size() == m.sectors.size() );
      for ( size_t s = 0; s < m.sectors.size(); ++s )
        CHECK( province[s] == m.sectors[s].counts[idx( kind )] );
      for ( size_t c = 0; c < m.cities.size(); ++c )
      {
        const std::vector<int> city = d.sectorCounts( year, kind, static_cast<int>( c ) );
        CHECK( std::accumulate( city.begin(), city.end(), 0 ) == m.cities[c].counts[idx( kind )] );
        for ( const htsplan::SectorCounts &sc : m.cities[c].bySector )
          for ( size_t s = 0; s < m.sectors.size(); ++s )
            if ( m.sectors[s].code == sc.sector )
              CHECK( city[s] == sc.counts[idx( kind )] );
        CHECK( d.countsByYear( kind, static_cast<int>( c ) ).at( year ) == m.cities[c].counts[idx( kind )] );
      }
    }
  }
  CHECK( provinceCounts.size() > 8 );
}

TEST_CASE( "dashboard - the pace against the straight path", "[dashboard]" )
{
  // Target 10 from 2011 to 2015: the path is 0, 2.5, 5, 7.5, 10, then 10.
  CHECK( htsplan::pathCount( 10, 2011, 2015, 2010 ) == 0.0 );
  CHECK( htsplan::pathCount( 10, 2011, 2015, 2011 ) == 0.0 );
  CHECK( htsplan::pathCount( 10, 2011, 2015, 2012 ) == 2.5 );
  CHECK( htsplan::pathCount( 10, 2011, 2015, 2014 ) == 7.5 );
  CHECK( htsplan::pathCount( 10, 2011, 2015, 2015 ) == 10.0 );
  CHECK( htsplan::pathCount( 10, 2011, 2015, 2019 ) == 10.0 );
  CHECK( htsplan::pathCount( 10, 2011, 2011, 2011 ) == 10.0 ); // a target for the start year is due at once
  CHECK( htsplan::paceState( 0, 0.0 ) == htsplan::PaceState::OnPace );
  CHECK( htsplan::paceState( 8, 10.0 ) == htsplan::PaceState::Behind ); // exactly 80%
  CHECK( htsplan::paceState( 7, 10.0 ) == htsplan::PaceState::FarBehind );

  QTemporaryDir dir;
  const std::string adminPath = dir.filePath( "admin.gpkg" ).toStdString();
  const std::string facPath = dir.filePath( "fac.gpkg" ).toStdString();
  writeTwoCountyAdmin( adminPath );
  // Bases, all in the west county: 1 from the start (2009 counts from 2011), 1 more in 2012, 1 in 2013, 5 in 2014.
  std::vector<Feature> bases = { at( 117.1, 36.1, "b1", std::string( "designated" ), 2009LL ), at( 117.2, 36.2, "b2", std::string( "designated" ), 2012LL ),
                                 at( 117.3, 36.3, "b3", std::string( "designated" ), 2013LL ) };
  for ( int i = 0; i < 5; ++i )
    bases.push_back( at( 117.4 + 0.05 * i, 36.5, "b" + std::to_string( 4 + i ), std::string( "designated" ), 2014LL ) );
  writeLayer( facPath, "bases", 4490, wkbPoint, facilityFields(), bases );
  // One park in the east county, from the start.
  writeLayer( facPath, "parks", 4490, wkbPoint, facilityFields(), { at( 118.5, 36.5, "p1", std::string( "designated" ), Value() ) } );

  htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  targets.kindTargets = { { htsplan::Kind::Base, 10, 2015 }, { htsplan::Kind::Park, 10, 2015 } };
  const htsplan::AdminData admin = htsplan::loadAdmin( adminPath, htsplan::Vintage::Y2015, htsplan::equalArea() );
  const htsplan::FacilitySet facilities = htsplan::loadFacilities( facPath, targets );
  const htsplan::Dashboard d = htsplan::Dashboard::build( admin, facilities, targets, 5.0 );
  using S = htsplan::PaceState;
  const std::map<int, std::pair<int, S>> bases2 = { { 2011, { 1, S::OnPace } },    // path 0
                                                    { 2012, { 2, S::Behind } },    // path 2.5: 80%
                                                    { 2013, { 3, S::FarBehind } }, // path 5
                                                    { 2014, { 8, S::OnPace } },    // path 7.5
                                                    { 2015, { 8, S::Behind } },    // the target year: path 10
                                                    { 2020, { 8, S::Behind } } };  // after it: still 10
  for ( const auto &[year, expected] : bases2 )
  {
    INFO( "year " << year );
    const htsplan::DashboardView v = d.view( year );
    REQUIRE( v.cards.size() == 2 );
    CHECK( v.cards[0].kind == htsplan::Kind::Base );
    CHECK( v.cards[0].count == expected.first );
    CHECK( v.cards[0].state == expected.second );
    CHECK( v.cards[0].gap == 10 - expected.first );
    CHECK( v.cards[1].count == 1 );
    CHECK( v.cards[1].state == ( year == 2011 ? S::OnPace : S::FarBehind ) );
  }

  // Behind: a city's path runs to its part of the target, split by population (planning/pace.h): the west
  // city has 1 of 3 million people, the east none, so its share of the province's area (0.5) stands in:
  // normalised 0.4 and 0.6, 4 and 6 of each target of 10. A county's path is its share of its city's
  // (each city here has one county: all of it).
  REQUIRE( admin.provincePopulation == 3000000.0 );
  const int west = admin.cityIndex( "379900" ), east = admin.cityIndex( "379800" );
  const size_t w = static_cast<size_t>( west ), e = static_cast<size_t>( east );
  CHECK( d.cityTotals( htsplan::Kind::Base, 2015 )[w] == 4 );
  CHECK( d.cityTotals( htsplan::Kind::Base, 2015 )[e] == 6 );
  CHECK( d.cityTotals( htsplan::Kind::Enterprise, 2015 ).empty() ); // no target
  const htsplan::DashboardView start = d.view( 2011 ); // path 0: nobody is behind
  for ( const auto &u : start.cities )
    CHECK( u.behindKinds.empty() );
  using K = std::vector<htsplan::Kind>;
  for ( int year : { 2012, 2013, 2014, 2015, 2020 } )
  {
    INFO( "year " << year );
    const htsplan::DashboardView v = d.view( year );
    CHECK( v.cities[w].behindKinds == K{ htsplan::Kind::Park } );                    // bases 2, 3, 8 against 0.8, 1.6, 2.4, 4; no park
    CHECK( v.cities[e].behindKinds == K{ htsplan::Kind::Base, htsplan::Kind::Park } ); // no base; 1 park against 1.5 and more
    CHECK( v.counties[0].behindKinds == v.cities[w].behindKinds );
    CHECK( v.counties[1].behindKinds == v.cities[e].behindKinds );
  }

  // The dock's what-if. Equal shares: 5 each, a path of 2.5 in 2013 (3 west bases) and 1.25 in 2012 (2).
  htsplan::AllocationOptions equal;
  equal.blend = { 0, 0, 0, 1, 0 };
  htsplan::Dashboard whatIf = d;
  whatIf.setAllocation( equal );
  CHECK( whatIf.cityTotals( htsplan::Kind::Base, 2013 )[w] == 5 );
  CHECK( whatIf.view( 2013 ).cities[w].behindKinds == K{ htsplan::Kind::Park } );
  CHECK( whatIf.view( 2012 ).cities[w].behindKinds == K{ htsplan::Kind::Park } ); // 2 >= 1.25
  htsplan::AllocationOptions current;
  current.blend = { 0, 0, 1, 0, 0 };
  whatIf.setAllocation( current );
  CHECK( whatIf.allocation().blend == current.blend );
  CHECK( whatIf.cityTotals( htsplan::Kind::Base, 2014 )[w] == 10 );
  CHECK( whatIf.cityTotals( htsplan::Kind::Park, 2014 )[e] == 10 );
  // Weights from the year's current counts: in 2014 every base is in the west and the one park in the east, so
  // each city's total of the other kind is 0 (never behind in it); the east's 1 park is below its path of 7.5.
  CHECK( whatIf.view( 2014 ).cities[e].behindKinds == K{ htsplan::Kind::Park } );
  CHECK( whatIf.view( 2014 ).cities[w].behindKinds.empty() ); // 8 bases against 7.5
}

TEST_CASE( "dashboard - the map filter selects exactly the counted features of the bundled sample", "[dashboard]" )
{
  const Bundled &b = bundled();
  const htsplan::Dashboard d = htsplan::Dashboard::build( b.admin, b.facilities, b.targets, htsplan::DEFAULT_COVERAGE_RADIUS_KM );
  REQUIRE( b.facilities.readings.size() == b.facilities.layersPresent.size() );
  size_t spellings = 0;
  for ( const htsplan::LayerReading &r : b.facilities.readings )
    spellings += r.designatedTexts.size();
  CHECK( spellings > b.facilities.readings.size() ); // the sample spells "designated" more than one way
  for ( htsplan::Kind kind : b.facilities.layersPresent )
    for ( int year : { 2011, 2013, 2015, 2018, 2020 } )
    {
      const std::string filter = d.countedFilter( kind, year );
      INFO( htsplan::kindLayer( kind ) << " " << year << ": " << filter );
      const std::set<long long> selected = selectedFids( b.facilities.path, htsplan::kindLayer( kind ), filter );
      CHECK( selected == countedFids( d, b.facilities, b.targets, kind, year ) );
      int counted = 0;
      for ( const htsplan::DashboardUnit &u : d.view( year ).counties )
        counted += u.counts[idx( kind )];
      CHECK( static_cast<int>( selected.size() ) == counted );
    }
}

TEST_CASE( "dashboard - the map filter follows the reader on spellings, years, revenues and misplaced features", "[dashboard]" )
{
  QTemporaryDir dir;
  const std::string adminPath = dir.filePath( "admin.gpkg" ).toStdString();
  const std::string facPath = dir.filePath( "fac.gpkg" ).toStdString();
  writeTwoCountyAdmin( adminPath );
  writeLayer( facPath, "bases", 4490, wkbPoint, facilityFields(),
              { at( 117.1, 36.1, "1", std::string( "designated" ), 2012LL ),     // fid 1: from 2012
                at( 117.2, 36.2, "2", std::string( "已认定" ), Value() ),          // 2: no year, from 2011
                at( 117.3, 36.3, "3", std::string( " DESIGNATED " ), 2014LL ),   // 3: another spelling, from 2014
                at( 117.4, 36.4, "4", std::string( "candidate" ), 2012LL ),      // 4: not designated
                at( 117.5, 36.5, "5", Value(), 2012LL ),                         // 5: no status
                at( 117.6, 36.6, "6", std::string( "designated" ), 2030LL ),     // 6: after the last year
                at( 117.7, 36.7, "7", std::string( "designated" ), 1850LL ),     // 7: a year that cannot be read
                at( 125.0, 36.5, "8", std::string( "designated" ), 2012LL ),     // 8: outside the province
                point( "", "9", "无几何", std::string( "designated" ), 2012LL ), // 9: no geometry
                at( 117.1, 36.1, "1", std::string( "designated" ), 2012LL ),     // 10: a repeat of 1
                at( 118.5, 36.5, "11", std::string( "认定" ), 2016LL ) } );      // 11: a bureau's word, from 2016
  writeLayer( facPath, "enterprises", 4490, wkbPoint, facilityFields(),
              { at( 117.2, 36.2, "e1", std::string( "designated" ), 2012LL, 1e8 ),        // backbone
                at( 117.3, 36.3, "e2", std::string( "designated" ), 2012LL, 99999999.0 ), // just below
                at( 117.4, 36.4, "e3", std::string( "designated" ), 2013LL ),             // no revenue
                at( 125.0, 36.4, "e4", std::string( "designated" ), 2013LL, 5e8 ) } );   // outside
  // Parks with a year of text: "2013年" is read as 2013; a text year the filter cannot compare, so by fid.
  std::vector<Field> textYear = facilityFields();
  for ( Field &f : textYear )
    if ( f.name == "year" )
      f.type = OFTString;
  writeLayer( facPath, "parks", 4490, wkbPoint, textYear,
              { at( 117.1, 36.1, "p1", std::string( "designated" ), std::string( "2013年" ) ),
                at( 117.2, 36.2, "p2", std::string( "designated" ), std::string( "2016" ) ),
                at( 117.3, 36.3, "p3", std::string( "designated" ), Value() ),
                at( 117.4, 36.4, "p4", std::string( "designated" ), std::string( "TBD" ) ) } );

  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  const htsplan::AdminData admin = htsplan::loadAdmin( adminPath, htsplan::Vintage::Y2015, htsplan::equalArea() );
  const htsplan::FacilitySet facilities = htsplan::loadFacilities( facPath, targets );
  const htsplan::Dashboard d = htsplan::Dashboard::build( admin, facilities, targets, 5.0 );

  const std::map<std::pair<htsplan::Kind, int>, std::set<long long>> expected = {
    { { htsplan::Kind::Base, 2011 }, { 2 } },
    { { htsplan::Kind::Base, 2012 }, { 1, 2 } },
    { { htsplan::Kind::Base, 2015 }, { 1, 2, 3 } },
    { { htsplan::Kind::Base, 2020 }, { 1, 2, 3, 11 } },
    { { htsplan::Kind::Enterprise, 2011 }, {} },
    { { htsplan::Kind::Enterprise, 2020 }, { 1 } },
    { { htsplan::Kind::Park, 2012 }, { 3 } },
    { { htsplan::Kind::Park, 2015 }, { 1, 3 } },
    { { htsplan::Kind::Park, 2020 }, { 1, 2, 3 } },
  };
  for ( const auto &[key, fids] : expected )
  {
    const std::string filter = d.countedFilter( key.first, key.second );
    INFO( htsplan::kindLayer( key.first ) << " " << key.second << ": " << filter );
    CHECK( selectedFids( facPath, htsplan::kindLayer( key.first ), filter ) == fids );
    CHECK( countedFids( d, facilities, targets, key.first, key.second ) == fids );
  }
  CHECK( d.countedFilter( htsplan::Kind::Building, 2015 ).empty() ); // no such layer in the file
  CHECK_THROWS_AS( d.countedFilter( htsplan::Kind::Base, 2010 ), std::out_of_range );
}

TEST_CASE( "dashboard - a cancelled first load throws Canceled; progress reaches 100", "[dashboard]" )
{
  const Bundled &b = bundled();
  QgsFeedback cancelled;
  cancelled.cancel();
  CHECK_THROWS_AS( htsplan::Dashboard::build( b.admin, b.facilities, b.targets, 10.0, &cancelled ), htsplan::Canceled );
  QgsFeedback feedback;
  double highest = 0;
  bool backwards = false;
  QObject::connect( &feedback, &QgsFeedback::progressChanged, [&]( double p ) {
    backwards = backwards || p < highest;
    highest = std::max( highest, p );
  } );
  const htsplan::Dashboard d = htsplan::Dashboard::build( b.admin, b.facilities, b.targets, 10.0, &feedback );
  CHECK( highest == 100.0 );
  CHECK_FALSE( backwards );
  const htsplan::Dashboard empty;
  CHECK_THROWS_AS( empty.view( 2015 ), std::out_of_range );
}

TEST_CASE( "dashboard - a coverage meter that reuses units' results gives the same shares", "[dashboard]" )
{
  const Bundled &b = bundled();
  std::vector<const htsplan::Facility *> parks;
  for ( const htsplan::Facility &f : b.facilities.items )
    if ( f.kind == htsplan::Kind::Park )
      parks.push_back( &f );
  REQUIRE( parks.size() > 10 );
  const htsplan::CoverageMeter plain( b.admin, 10000.0 );
  const htsplan::CoverageMeter reusing( b.admin, 10000.0, true );
  auto same = [&]( const std::vector<const htsplan::Facility *> &carriers ) {
    const htsplan::CoverageKind expected = plain.measure( htsplan::Kind::Park, carriers );
    const htsplan::CoverageKind got = reusing.measure( htsplan::Kind::Park, carriers );
    CHECK( got.cityShares == expected.cityShares );
    CHECK( got.countyShares == expected.countyShares );
    CHECK( got.areaShare == expected.areaShare );
  };
  same( parks );
  CHECK( reusing.reusedUnits() == 0 );
  same( parks ); // the same carriers: every unit again
  const size_t units = b.admin.cities.size() + b.admin.counties.size();
  CHECK( reusing.reusedUnits() == units );
  // One park less: the units away from it keep their polygons, the others are measured again.
  std::vector<const htsplan::Facility *> fewer( parks.begin(), parks.end() - 1 );
  same( fewer );
  CHECK( reusing.reusedUnits() > units );
  CHECK( reusing.reusedUnits() < 2 * units );
  CHECK( plain.reusedUnits() == 0 );
}

TEST_CASE( "dashboard - each facility's first counting year is the first year countsTowardTarget holds", "[dashboard]" )
{
  const Bundled &b = bundled();
  const htsplan::Dashboard d = htsplan::Dashboard::build( b.admin, b.facilities, b.targets, htsplan::DEFAULT_COVERAGE_RADIUS_KM );
  int counted = 0, never = 0;
  for ( const htsplan::Facility &f : b.facilities.items )
  {
    int first = 0; // an independent walk over the dashboard's years
    for ( int y = d.firstYear(); y <= d.lastYear() && !first; ++y )
      if ( htsplan::countsTowardTarget( f, b.targets, y ) )
        first = y;
    CHECK( d.countsFromYear( f ) == first );
    ( first ? counted : never ) += 1;
  }
  CHECK( counted > 0 );
  CHECK( never > 0 ); // the sample has candidates, planned and unreadable years
}
