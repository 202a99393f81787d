#include <catch2/catch.hpp>

#include "geometry/crs.h"
#include "layers/paths.h"
#include "layers/problems.h"
#include "planning/allocation.h"
#include "planning/dashboard.h"
#include "planning/defaults.h"

#include <algorithm>
#include <set>

using namespace htsplan;

namespace
{
UnitStats city( const std::string &code, const std::string &name, std::optional<double> population, double area, int bases )
{
  UnitStats c;
  c.code = code;
  c.nameZh = name;
  c.population = population;
  c.areaKm2 = area;
  c.counts[static_cast<int>( Kind::Base )] = bases;
  return c;
}

//! Three cities of 6, 6 and 2 million people, the base target and the province's count.
Metrics threeCities( int target, int counted, std::vector<int> bases = { 0, 0, 0 } )
{
  Metrics m;
  m.evaluationYear = 2015;
  m.cities = { city( "370100", "济南市", 6e6, 100, bases[0] ), city( "370200", "青岛市", 6e6, 100, bases[1] ), city( "370300", "淄博市", 2e6, 200, bases[2] ) };
  TargetProgress t;
  t.kind = Kind::Base;
  t.target = target;
  t.count = counted;
  m.targets = { t };
  GroupStats province;
  province.group = "province";
  province.population = 14e6;
  province.areaKm2 = 400;
  m.groups = { province };
  m.coverage.provinceAreaKm2 = 400;
  return m;
}

std::vector<long long> allocated( const Allocation &a )
{
  std::vector<long long> out;
  for ( const CityAllocation &c : a.kinds.at( 0 ).cities )
    out.push_back( c.allocated );
  return out;
}

std::string errorOf( const Metrics &m, const AllocationOptions &options )
{
  try
  {
    allocateTargets( m, options );
  }
  catch ( const InputError &e )
  {
    return e.what();
  }
  return "no error";
}

bool notesHave( const Allocation &a, const std::string &text )
{
  return std::any_of( a.notes.begin(), a.notes.end(), [&]( const std::string &n ) { return n.find( text ) != std::string::npos; } );
}
} // namespace

TEST_CASE( "allocation - the remaining quota by population, Hamilton", "[planning][allocation]" )
{
  // Target 20, 10 counted: 10 remain, quotas 4.29, 4.29, 1.43.
  Allocation a = allocateTargets( threeCities( 20, 10 ), {} );
  REQUIRE( a.kinds.size() == 1 );
  CHECK( a.kinds[0].remaining == 10 );
  CHECK( allocated( a ) == std::vector<long long>{ 4, 4, 2 } );
  CHECK( a.kinds[0].cities[0].weight == Approx( 6.0 / 14 ) );
  CHECK( a.kinds[0].cities[2].quota == Approx( 10.0 * 2 / 14 ) );
  // One more remaining (target 21): Zibo loses its second (the Alabama paradox of Hamilton's method).
  a = allocateTargets( threeCities( 21, 10 ), {} );
  CHECK( allocated( a ) == std::vector<long long>{ 5, 5, 1 } );
  // D'Hondt (6 6 3 3 2 2 2 1.5 1.5 1.2) and Sainte-Laguë (6 6 2 2 2 1.2 1.2 .86 .86 .67) on 10: 5, 4, 1,
  // the last seat a tie between Jinan and Qingdao (and Zibo for Sainte-Laguë) that goes to the smallest code.
  AllocationOptions options;
  options.method = ApportionMethod::DHondt;
  CHECK( allocated( allocateTargets( threeCities( 20, 10 ), options ) ) == std::vector<long long>{ 5, 4, 1 } );
  options.method = ApportionMethod::SainteLague;
  CHECK( allocated( allocateTargets( threeCities( 20, 10 ), options ) ) == std::vector<long long>{ 5, 4, 1 } );
}

TEST_CASE( "allocation - the same split whatever the cities' order", "[planning][allocation]" )
{
  Metrics m = threeCities( 23, 10 );
  AllocationOptions options;
  options.blend = { 0, 0, 0, 1, 0 }; // equal shares of 13: 4.33 each, the one left to the smallest code
  const Allocation a = allocateTargets( m, options );
  CHECK( allocated( a ) == std::vector<long long>{ 5, 4, 4 } );
  std::reverse( m.cities.begin(), m.cities.end() );
  const Allocation b = allocateTargets( m, options );
  CHECK( b.kinds[0].cities[2].code == "370100" );
  CHECK( allocated( b ) == std::vector<long long>{ 4, 4, 5 } );
}

TEST_CASE( "allocation - a target below the count leaves 0, said so", "[planning][allocation]" )
{
  AllocationOptions options;
  options.floorAll = 1; // not applied: nothing is split
  const Allocation a = allocateTargets( threeCities( 5, 8, { 4, 4, 0 } ), options );
  CHECK( a.kinds[0].targetMet );
  CHECK( a.kinds[0].remaining == 0 );
  CHECK( allocated( a ) == std::vector<long long>{ 0, 0, 0 } );
  CHECK( a.kinds[0].cities[0].expected == 4 );
  CHECK( notesHave( a, "bases: the target 5 is already met (8 counted in 2015): 0 remaining, nothing split, floors not applied" ) );
}

TEST_CASE( "allocation - floors and caps, and floors above the quota", "[planning][allocation]" )
{
  AllocationOptions options;
  options.floors = { { "370300", 3 } };
  Allocation a = allocateTargets( threeCities( 20, 10 ), options );
  CHECK( allocated( a ) == std::vector<long long>{ 4, 3, 3 } ); // 7 left at 3.5 each, the tie to 370100
  CHECK( a.kinds[0].cities[2].atFloor );
  options.floors = {};
  options.caps = { { "370100", 2 } };
  a = allocateTargets( threeCities( 20, 10 ), options );
  CHECK( allocated( a ) == std::vector<long long>{ 2, 6, 2 } ); // 8 left split 6:2
  CHECK( a.kinds[0].cities[0].atCap );
  options.caps = {};
  options.floorAll = 4;
  CHECK( errorOf( threeCities( 20, 10 ), options ) ==
         "bases (10 remaining of the target 20): the floors add up to 12, more than the 10 to split (370100 济南市 4, 370200 青岛市 4, 370300 淄博市 4)" );
  options.floorAll = 0;
  options.capAll = 3;
  CHECK( errorOf( threeCities( 20, 10 ), options ).find( "the units can take at most 9 of the 10 to split" ) != std::string::npos );
  options.capAll = -1;
  options.floors = { { "379900", 1 } };
  CHECK( errorOf( threeCities( 20, 10 ), options ) == "floors: 379900 is not a city of the 2015 map (370100, 370200, 370300)" );
}

TEST_CASE( "allocation - fill up to the shares of the whole target", "[planning][allocation]" )
{
  // Equal shares of 12 are 4 each; Jinan has 6 already: the 6 remaining go to the other two.
  AllocationOptions options;
  options.blend = { 0, 0, 0, 1, 0 };
  options.basis = AllocationBasis::FillUp;
  const Allocation a = allocateTargets( threeCities( 12, 6, { 6, 0, 0 } ), options );
  CHECK( allocated( a ) == std::vector<long long>{ 0, 3, 3 } );
  CHECK( a.kinds[0].cities[0].aboveShare );
  CHECK( a.kinds[0].cities[0].expected == 6 );
  CHECK( notesHave( a, "bases: already at or over their share of the target: 370100 济南市 (6 ≥ 4); they get their floor only" ) );
  // The remaining basis gives Jinan its third of what remains, and says so.
  options.basis = AllocationBasis::Remaining;
  const Allocation b = allocateTargets( threeCities( 12, 6, { 6, 0, 0 } ), options );
  CHECK( allocated( b ) == std::vector<long long>{ 2, 2, 2 } );
  CHECK( notesHave( b, "they still get their part of what remains" ) );
}

TEST_CASE( "allocation - blends, tables and stand-in populations", "[planning][allocation]" )
{
  // Half population (6/14, 6/14, 2/14), half current bases (0, 3/4, 1/4).
  AllocationOptions options;
  options.blend = { 1, 0, 1, 0, 0 };
  const Allocation a = allocateTargets( threeCities( 24, 4, { 0, 3, 1 } ), options );
  CHECK( a.kinds[0].cities[0].weight == Approx( 0.5 * 6 / 14 ) );
  CHECK( a.kinds[0].cities[1].weight == Approx( 0.5 * 6 / 14 + 0.5 * 0.75 ) );
  CHECK( a.kinds[0].cities[2].quota == Approx( 20 * ( 0.5 * 2 / 14 + 0.5 * 0.25 ) ) );
  long long total = 0;
  for ( const CityAllocation &c : a.kinds[0].cities )
    total += c.allocated;
  CHECK( total == 20 );

  options.blend = { 0, 0, 0, 0, 1 };
  options.tableName = "gdp of weights.csv";
  options.table = { { "370100", 1 }, { "370200", 3 } };
  CHECK( errorOf( threeCities( 20, 10 ), options ) == "weights gdp of weights.csv: no weight for city 370300 淄博市" );
  options.table = { { "370100", 1 }, { "370200", 3 }, { "370300", 1 }, { "371200", 1 } };
  CHECK( errorOf( threeCities( 20, 10 ), options ).find( "371200 is not a city of the 2015 map" ) != std::string::npos );
  options.table.erase( "371200" );
  CHECK( allocated( allocateTargets( threeCities( 20, 10 ), options ) ) == std::vector<long long>{ 2, 6, 2 } );

  // Without a population, a city's share of the province's area stands in (200 of 400 km² = 0.5).
  Metrics m = threeCities( 20, 10 );
  m.cities[2].population.reset();
  const Allocation c = allocateTargets( m, {} );
  CHECK( c.kinds[0].cities[2].weight == Approx( 0.5 / ( 6.0 / 14 + 6.0 / 14 + 0.5 ) ) );
  CHECK( notesHave( c, "no population for 370300 淄博市" ) );

  options.blend = { 0, 0, 0, 0, 0 };
  CHECK( errorOf( m, options ) == "blend factors: every factor is 0; give at least one weight a factor above 0" );
  options.blend = { 0, 0, 1, 0, 0 }; // current counts, and no city has a base
  CHECK( errorOf( m, options ) == "bases: every city's weight is 0, nothing to split the 10 remaining by" );
}

TEST_CASE( "allocation - a year's split from the dashboard's counts equals the split of computeMetrics at that year", "[planning][allocation]" )
{
  const Targets targets = loadTargets( defaultTargetsPath() );
  const AdminData admin = loadAdmin( defaultAdminPath(), Vintage::Y2015, equalArea() );
  const FacilitySet facilities = loadFacilities( defaultFacilitiesPath(), targets );
  const Dashboard d = Dashboard::build( admin, facilities, targets, DEFAULT_COVERAGE_RADIUS_KM );
  AllocationOptions blend;
  blend.blend = { 1, 0, 1, 0, 0 }; // population and current counts: the counts of the year matter
  std::set<long long> seen;        // the splits differ between years (else this test proves little)
  for ( int year : { 2011, 2013, 2015, 2018 } )
    for ( const AllocationOptions &options : { AllocationOptions{}, blend } )
    {
      INFO( "year " << year );
      const Metrics m = computeMetrics( admin, facilities, targets, { DEFAULT_COVERAGE_RADIUS_KM, year } );
      const AllocationCounts counts = allocationCounts( d.view( year ) );
      const Allocation want = allocateTargets( m, options );
      const Allocation got = allocateTargets( d.metrics(), counts, options );
      CHECK( got.evaluationYear == year );
      CHECK( got.notes == want.notes );
      REQUIRE( got.kinds.size() == want.kinds.size() );
      for ( size_t k = 0; k < want.kinds.size(); ++k )
      {
        CHECK( got.kinds[k].remaining == want.kinds[k].remaining );
        REQUIRE( got.kinds[k].cities.size() == want.kinds[k].cities.size() );
        long long key = 0;
        for ( size_t c = 0; c < want.kinds[k].cities.size(); ++c )
        {
          CHECK( got.kinds[k].cities[c].current == want.kinds[k].cities[c].current );
          CHECK( got.kinds[k].cities[c].allocated == want.kinds[k].cities[c].allocated );
          CHECK( got.kinds[k].cities[c].weight == Approx( want.kinds[k].cities[c].weight ) );
          key = key * 7 + got.kinds[k].cities[c].allocated;
        }
        seen.insert( key );
      }
    }
  CHECK( seen.size() > 4 );

  // A what-if target: the remaining follows it; counts for another number of cities are refused.
  AllocationCounts more = allocationCounts( d.metrics() );
  more.targets.at( 0 ).target = more.targets.at( 0 ).count + 17;
  CHECK( allocateTargets( d.metrics(), more, {} ).kinds.at( 0 ).remaining == 17 );
  more.cities.pop_back();
  CHECK_THROWS_AS( allocateTargets( d.metrics(), more, {} ), InputError );
}

TEST_CASE( "allocation - the whole target split by weight (the pace's city totals)", "[planning][allocation]" )
{
  // Target 14 over 6:6:2 million people: exactly 6, 6 and 2, whatever is counted (here 20, more than the target).
  AllocationOptions options;
  options.basis = AllocationBasis::Whole;
  Allocation a = allocateTargets( threeCities( 14, 20, { 10, 5, 5 } ), options );
  REQUIRE( a.kinds.size() == 1 );
  CHECK( a.kinds[0].remaining == 14 ); // what is split: the target
  CHECK( a.kinds[0].targetMet );
  CHECK( allocated( a ) == std::vector<long long>{ 6, 6, 2 } );
  for ( const CityAllocation &c : a.kinds[0].cities )
    CHECK( c.expected == c.allocated ); // the city's part, not current + allocated
  CHECK_FALSE( notesHave( a, "already met" ) );
  CHECK_FALSE( notesHave( a, "already at or over" ) );
  // Floors bind even when the target is met (a remaining split would apply none).
  options.floorAll = 3;
  CHECK( allocated( allocateTargets( threeCities( 14, 20, { 10, 5, 5 } ), options ) ) == std::vector<long long>{ 6, 5, 3 } );
  CHECK( std::string( allocationBasisKey( AllocationBasis::Whole ) ) == "whole" );
}
