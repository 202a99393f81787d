#include <catch2/catch.hpp>

#include "geometry/crs.h"
#include "layers/paths.h"
#include "planning/allocation_options.h"
#include "planning/pace.h"
#include "layers/problems.h"

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace htsplan;

namespace
{
constexpr int B = static_cast<int>( Kind::Base );
constexpr int P = static_cast<int>( Kind::Park );

//! A city counting bases (and parks) by year 2011..2015: the same count every year from 2013 on unless given.
UnitStats city( const std::string &code, double population, std::map<int, int> bases, std::map<int, int> parks = {} )
{
  UnitStats c;
  c.code = code;
  c.nameZh = "市" + code;
  c.population = population;
  c.areaKm2 = 100;
  c.byYear[B] = bases;
  c.byYear[P] = parks;
  c.counts[B] = bases.empty() ? 0 : bases.rbegin()->second;
  c.counts[P] = parks.empty() ? 0 : parks.rbegin()->second;
  return c;
}

std::map<int, int> flat( int from2013, int before = 0 )
{
  return { { 2011, before }, { 2012, before }, { 2013, from2013 }, { 2014, from2013 }, { 2015, from2013 } };
}

//! Metrics at 2015 with the province's targets and counts (the sums of the cities').
Metrics metricsOf( std::vector<UnitStats> cities, const std::vector<std::pair<Kind, int>> &targets )
{
  Metrics m;
  m.evaluationYear = 2015;
  m.targetYear = 2015;
  m.cities = std::move( cities );
  for ( const auto &[kind, target] : targets )
  {
    TargetProgress t;
    t.kind = kind;
    t.target = target;
    for ( int y = 2011; y <= 2015; ++y )
    {
      int n = 0;
      for ( const UnitStats &c : m.cities )
        n += c.byYear[static_cast<int>( kind )].at( y );
      t.byYear[y] = n;
    }
    t.count = t.byYear[2015];
    m.targets.push_back( t );
  }
  GroupStats province;
  province.group = "province";
  province.population = 0;
  for ( const UnitStats &c : m.cities )
    *province.population += c.population.value_or( 0 );
  m.groups = { province };
  m.coverage.provinceAreaKm2 = 100.0 * static_cast<double>( m.cities.size() );
  return m;
}

Targets targetsOf( const std::vector<std::pair<Kind, int>> &kinds )
{
  Targets t;
  t.startYear = 2011;
  t.targetYear = 2015;
  for ( const auto &[kind, target] : kinds )
    t.kindTargets.push_back( { kind, target, 2015 } );
  return t;
}

const PaceUnit &unit( const Pace &p, const std::string &code )
{
  for ( const PaceUnit &u : p.cities )
    if ( u.code == code )
      return u;
  for ( const PaceUnit &u : p.groups )
    if ( u.code == code )
      return u;
  FAIL( "no unit " << code );
  return p.cities.front();
}

std::vector<std::string> rankedCodes( const Pace &p )
{
  std::vector<std::string> codes;
  for ( size_t i : p.ranking )
    codes.push_back( p.cities[i].code );
  return codes;
}
} // namespace

TEST_CASE( "pace - the straight path and its states", "[planning][pace]" )
{
  CHECK( pathCount( 10, 2011, 2015, 2010 ) == 0.0 );
  CHECK( pathCount( 10, 2011, 2015, 2012 ) == 2.5 );
  CHECK( pathCount( 10, 2011, 2015, 2016 ) == 10.0 );
  CHECK( paceState( 8, 10.0 ) == PaceState::Behind );
  CHECK( paceState( 7, 10.0 ) == PaceState::FarBehind );
  CHECK( std::string( paceStateKey( PaceState::FarBehind ) ) == "far_behind" );
}

TEST_CASE( "pace - cities on, behind and far behind their part of the target", "[planning][pace]" )
{
  // 4, 3, 2 and 1 million people: the base target 20 splits exactly into 8, 6, 4 and 2.
  // In 2014 (3 of 4 years) the paths are 6, 4.5, 3 and 1.5.
  const std::vector<std::pair<Kind, int>> kinds = { { Kind::Base, 20 } };
  Metrics m = metricsOf( { city( "370100", 4e6, { { 2011, 1 }, { 2012, 3 }, { 2013, 4 }, { 2014, 6 }, { 2015, 6 } }, flat( 5 ) ),
                           city( "370200", 3e6, { { 2011, 0 }, { 2012, 1 }, { 2013, 2 }, { 2014, 4 }, { 2015, 5 } }, flat( 0 ) ),
                           city( "370300", 2e6, { { 2011, 1 }, { 2012, 1 }, { 2013, 1 }, { 2014, 1 }, { 2015, 1 } }, flat( 0 ) ),
                           city( "370400", 1e6, { { 2011, 3 }, { 2012, 3 }, { 2013, 3 }, { 2014, 3 }, { 2015, 3 } }, flat( 0 ) ) },
                         kinds );
  const Targets targets = targetsOf( kinds ); // no park target: parks are counted, never paced
  PaceGroups groups;
  groups.blueZone = { "370200", "370400" };
  groups.central = { "370100" };
  m.growth.computed = true;
  m.growth.toYear = 2015;
  UnitGrowth g;
  g.code = "370200";
  g.line = 0.25;
  g.cagr = 0.2;
  g.cagrByYear[2014] = 0.31;
  m.growth.cities = { g };

  const Pace p = computePace( m, targets, groups, AllocationOptions(), 2014 );
  CHECK( p.year == 2014 );
  CHECK( p.startYear == 2011 );
  CHECK( p.options.basis == AllocationBasis::Whole );
  REQUIRE( p.cities.size() == 4 );
  for ( const PaceUnit &u : p.cities )
    REQUIRE( u.kinds.size() == 1 ); // the park has no target
  const PaceKind &onPath = unit( p, "370100" ).kinds[0];
  CHECK( onPath.total == 8 );
  CHECK( onPath.path == 6.0 );
  CHECK( onPath.actual == 6 );
  CHECK( onPath.gap == 0 );
  CHECK( *onPath.ratio == 1.0 );
  CHECK( onPath.state == PaceState::OnPace );
  const PaceKind &behind = unit( p, "370200" ).kinds[0];
  CHECK( behind.total == 6 );
  CHECK( behind.path == 4.5 );
  CHECK( behind.actual == 4 );
  CHECK( behind.gap == 1 ); // 5 would be on the path
  CHECK( *behind.ratio == Approx( 4 / 4.5 ) );
  CHECK( behind.state == PaceState::Behind );
  const PaceKind &far = unit( p, "370300" ).kinds[0];
  CHECK( far.total == 4 );
  CHECK( far.path == 3.0 );
  CHECK( far.gap == 2 );
  CHECK( far.state == PaceState::FarBehind );
  const PaceUnit &ahead = unit( p, "370400" );
  CHECK( *ahead.kinds[0].ratio == 2.0 );
  CHECK( ahead.score == 1.0 ); // ahead counts as on the path
  CHECK( !ahead.behind );
  CHECK( unit( p, "370200" ).behind );
  CHECK( unit( p, "370300" ).score == Approx( 1.0 / 3 ) );
  CHECK( unit( p, "370300" ).shortfall == 2 );
  CHECK( rankedCodes( p ) == std::vector<std::string>{ "370300", "370200", "370100", "370400" } );

  // Revenue growth from the span's start to the year, against the line, in percentage points.
  CHECK( *unit( p, "370200" ).cagr == 0.31 );
  CHECK( *unit( p, "370200" ).growthGap == Approx( 6.0 ) );
  CHECK( !unit( p, "370100" ).cagr );
  CHECK( *computePace( m, targets, groups, AllocationOptions(), 2015 ).cities[1].growthGap == Approx( -5.0 ) );

  // Groups are the sums of their cities: the province runs to the whole target.
  const PaceUnit &province = unit( p, "province" );
  CHECK( province.kinds[0].total == 20 );
  CHECK( province.kinds[0].path == 15.0 );
  CHECK( province.kinds[0].actual == 14 );
  CHECK( province.kinds[0].state == PaceState::Behind );
  const PaceUnit &blue = unit( p, "blue_zone" );
  CHECK( blue.cities == groups.blueZone );
  CHECK( blue.kinds[0].total == 8 );
  CHECK( blue.kinds[0].actual == 7 );
  CHECK( blue.kinds[0].state == PaceState::OnPace ); // 7 >= 6
  CHECK( unit( p, "central_cities" ).kinds[0].total == 8 );

  // At the start every path is 0: nobody is behind, and the ranking falls back on the codes.
  const Pace start = computePace( m, targets, groups, AllocationOptions(), 2011 );
  for ( const PaceUnit &u : start.cities )
  {
    CHECK( !u.kinds[0].ratio );
    CHECK( u.score == 1.0 );
    CHECK( !u.behind );
  }
  CHECK( rankedCodes( start ) == std::vector<std::string>{ "370100", "370200", "370300", "370400" } );
  CHECK_THROWS_AS( computePace( m, targets, groups, AllocationOptions(), 2016 ), std::out_of_range );
  CHECK_THROWS_AS( computePace( m, targets, groups, AllocationOptions(), 2010 ), std::out_of_range );
}

TEST_CASE( "pace - the totals follow the planner's weights, rounding, floors and caps", "[planning][pace]" )
{
  const std::vector<std::pair<Kind, int>> kinds = { { Kind::Base, 20 } };
  const Metrics m = metricsOf( { city( "370100", 4e6, flat( 6 ) ), city( "370200", 3e6, flat( 2 ) ), city( "370300", 2e6, flat( 2 ) ),
                                 city( "370400", 1e6, flat( 0 ) ) },
                               kinds );
  const Targets targets = targetsOf( kinds );
  auto totals = [&]( const AllocationOptions &o, int year ) {
    std::vector<long long> out;
    for ( const PaceUnit &u : computePace( m, targets, {}, o, year ).cities )
      out.push_back( u.kinds[0].total );
    return out;
  };
  AllocationOptions options;
  options.blend = parseBlend( "equal", "test" );
  CHECK( totals( options, 2015 ) == std::vector<long long>{ 5, 5, 5, 5 } );
  // Half current counts of the year looked at (6, 2, 2, 0 in 2014), half equal shares: exactly 20 × (0.5 × 0.6 + 0.5 × 0.25)
  // = 8.5, 4.5, 4.5 and 2.5; Hamilton gives the two left to the largest remainders, all 0.5: by code, 370100 and 370200.
  options.blend = parseBlend( "current=1,equal=1", "test" );
  CHECK( totals( options, 2014 ) == std::vector<long long>{ 9, 5, 4, 2 } );
  // In 2012 no city has a base yet: the current counts leave the blend (noted), equal shares remain.
  CHECK( totals( options, 2012 ) == std::vector<long long>{ 5, 5, 5, 5 } );
  options.blend = parseBlend( "population", "test" );
  options.caps = { { "370100", 5 } };
  CHECK( totals( options, 2015 ) == std::vector<long long>{ 5, 8, 5, 2 } ); // 15 over 3:2:1 is 7.5, 5, 2.5
  options.caps.clear();
  options.floorAll = 3;
  CHECK( totals( options, 2015 ) == std::vector<long long>{ 7, 6, 4, 3 } );
  options.floorAll = 0;
  options.method = ApportionMethod::DHondt;
  CHECK( totals( options, 2015 ) == std::vector<long long>{ 8, 6, 4, 2 } );
}

TEST_CASE( "pace - ties in the ranking: the larger shortfall first, then the code", "[planning][pace]" )
{
  // Equal shares: bases 8 (2 each), parks 16 (4 each); in 2015 the paths are the totals.
  const std::vector<std::pair<Kind, int>> kinds = { { Kind::Base, 8 }, { Kind::Park, 16 } };
  // 370400: bases on the path, parks at half (gap 2); the others bases at half (gap 1), parks on it: all score 0.75.
  std::vector<UnitStats> cities = { city( "370300", 1, flat( 1 ), flat( 4 ) ), city( "370400", 1, flat( 2 ), flat( 2 ) ),
                                    city( "370100", 1, flat( 1 ), flat( 4 ) ), city( "370200", 1, flat( 1 ), flat( 4 ) ) };
  AllocationOptions options;
  options.blend = parseBlend( "equal", "test" );
  const Pace p = computePace( metricsOf( cities, kinds ), targetsOf( kinds ), {}, options, 2015 );
  for ( const PaceUnit &u : p.cities )
    CHECK( u.score == 0.75 );
  CHECK( unit( p, "370400" ).shortfall == 2 );
  CHECK( unit( p, "370100" ).shortfall == 1 );
  CHECK( rankedCodes( p ) == std::vector<std::string>{ "370400", "370100", "370200", "370300" } );
  // The cities' order in the input does not change the ranking.
  std::reverse( cities.begin(), cities.end() );
  CHECK( rankedCodes( computePace( metricsOf( cities, kinds ), targetsOf( kinds ), {}, options, 2015 ) ) ==
         std::vector<std::string>{ "370400", "370100", "370200", "370300" } );
}

TEST_CASE( "pace - the blend, rounding and basis options read as text", "[planning][pace]" )
{
  CHECK( parseBlend( "population", "--split-weights" ) == std::array<double, WeightBasisCount>{ 1, 0, 0, 0, 0 } );
  CHECK( parseBlend( "population=0.5, current：0.5", "--split-weights" ) == std::array<double, WeightBasisCount>{ 0.5, 0, 0.5, 0, 0 } );
  CHECK_THROWS_WITH( parseBlend( "people=1", "--split-weights" ), Catch::Contains( "'people' is not a weight (population, area, current, equal, table)" ) );
  CHECK_THROWS_WITH( parseBlend( "area=-1", "--split-weights" ), Catch::Contains( "not a number from 0" ) );
  CHECK_THROWS_WITH( parseBlend( "area=0", "--split-weights" ), Catch::Contains( "no weight a factor above 0" ) );
  CHECK_THROWS_WITH( parseBlend( "area,area=2", "--split-weights" ), Catch::Contains( "'area' is given twice" ) );
  CHECK( parseApportionMethod( "Sainte-Lague", "m" ) == ApportionMethod::SainteLague );
  CHECK( parseApportionMethod( "dhondt", "m" ) == ApportionMethod::DHondt );
  CHECK( parseApportionMethod( "hamilton", "m" ) == ApportionMethod::LargestRemainder );
  CHECK_THROWS_WITH( parseApportionMethod( "jefferson", "--split-method" ), "--split-method: 'jefferson' is not a rounding method (hamilton, dhondt, sainte-lague)" );
  CHECK( parseAllocationBasis( "fill-up", "b" ) == AllocationBasis::FillUp );
  CHECK_THROWS_AS( parseAllocationBasis( "whole", "b" ), InputError );
  CHECK( parseBoundsByCode( "370100=2，371200:1", "FLOORS" ) == std::map<std::string, long long>{ { "370100", 2 }, { "371200", 1 } } );
  CHECK_THROWS_WITH( parseBoundsByCode( "370100=-2", "FLOORS" ), Catch::StartsWith( "FLOORS: '370100=-2' is not CITY_CODE=NUMBER" ) );
  CHECK( blendText( { 0.5, 0, 0.5, 0, 0 } ) == "population 0.5 + current 0.5" );
  CHECK( blendText( { 1, 0, 0, 0, 0 } ) == "population" );
}

TEST_CASE( "pace - the bundled sample against counts taken from the facilities", "[planning][pace]" )
{
  const Targets targets = loadTargets( defaultTargetsPath() );
  const AdminData admin = loadAdmin( defaultAdminPath(), Vintage::Y2015, equalArea() );
  const FacilitySet facilities = loadFacilities( defaultFacilitiesPath(), targets );
  ReportOptions options;
  options.year = 2015;
  const Metrics m = computeMetrics( admin, facilities, targets, options );
  Problems problems;
  const PaceGroups groups = paceGroups( admin, centralCityCodes( admin, targets, problems ) );
  CHECK( groups.central == std::vector<std::string>{ "370100", "370200" } );
  // The zone's six whole cities (Binzhou, partly in it, is not one).
  CHECK( groups.blueZone == std::vector<std::string>{ "370200", "370500", "370600", "370700", "371000", "371100" } );

  // Each city's population share (its area share without a population), normalised.
  std::vector<double> weights;
  REQUIRE( m.groups[0].population );
  for ( const AdminUnit &c : admin.cities )
    weights.push_back( c.population ? *c.population / *m.groups[0].population : c.areaKm2 / m.coverage.provinceAreaKm2 );
  const double weightSum = std::accumulate( weights.begin(), weights.end(), 0.0 );

  for ( int year : { 2013, 2015 } )
  {
    INFO( "year " << year );
    const Pace p = computePace( m, targets, groups, AllocationOptions(), year );
    REQUIRE( p.cities.size() == admin.cities.size() );
    for ( size_t k = 0; k < targets.kindTargets.size(); ++k )
    {
      const KindTarget &t = targets.kindTargets[k];
      long long sum = 0;
      for ( size_t c = 0; c < admin.cities.size(); ++c )
      {
        INFO( kindKey( t.kind ) << " " << admin.cities[c].code );
        // The count: designated by the year, in a county of the city.
        int actual = 0;
        for ( size_t i = 0; i < facilities.items.size(); ++i )
          if ( facilities.items[i].kind == t.kind && m.facilityCounty[i] >= 0 &&
               admin.counties[static_cast<size_t>( m.facilityCounty[i] )].cityCode == admin.cities[c].code && countsTowardTarget( facilities.items[i], targets, year ) )
            ++actual;
        const PaceKind &pk = p.cities[c].kinds[k];
        CHECK( pk.actual == actual );
        CHECK( std::fabs( static_cast<double>( pk.total ) - t.target * weights[c] / weightSum ) < 1.0 ); // Hamilton: within one of the exact share
        const double path = static_cast<double>( pk.total ) * ( year - targets.startYear ) / ( t.year - targets.startYear );
        CHECK( pk.path == Approx( std::min<double>( path, static_cast<double>( pk.total ) ) ) );
        CHECK( pk.state == ( actual >= pk.path ? PaceState::OnPace : actual >= 0.8 * pk.path ? PaceState::Behind : PaceState::FarBehind ) );
        sum += pk.total;
      }
      CHECK( sum == t.target );
      CHECK( p.groups[0].kinds[k].total == t.target );
    }
    // The ranking is in the order it says.
    for ( size_t r = 1; r < p.ranking.size(); ++r )
    {
      const PaceUnit &a = p.cities[p.ranking[r - 1]], &b = p.cities[p.ranking[r]];
      CHECK( ( a.score < b.score || ( a.score == b.score && ( a.shortfall > b.shortfall || ( a.shortfall == b.shortfall && a.code < b.code ) ) ) ) );
    }
    CHECK( std::count_if( p.cities.begin(), p.cities.end(), []( const PaceUnit &u ) { return u.behind; } ) > 0 );
  }
}
