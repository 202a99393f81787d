#include "analysis/apportion/apportion.h"
#include "layers/problems.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <random>

using htsplan::apportion;
using htsplan::ApportionMethod;
using htsplan::ApportionUnits;

namespace
{
ApportionUnits units( std::vector<std::string> keys, std::vector<double> weights )
{
  ApportionUnits u;
  u.keys = std::move( keys );
  u.weights = std::move( weights );
  return u;
}

long long sum( const std::vector<long long> &v ) { return std::accumulate( v.begin(), v.end(), 0LL ); }
} // namespace

TEST_CASE( "apportion - Hamilton by hand, and the Alabama paradox", "[analysis][apportion]" )
{
  // Quotas 4.2857, 4.2857, 1.4286 for 10: whole parts 4, 4, 1 and the one left to C (0.43 beats 0.29).
  const ApportionUnits abc = units( { "A", "B", "C" }, { 6, 6, 2 } );
  CHECK( apportion( abc, 10, ApportionMethod::LargestRemainder ).seats == std::vector<long long>{ 4, 4, 2 } );
  // One seat more, 11: quotas 4.714, 4.714, 1.571 give 5, 5, 1: C loses a seat as the house grows.
  CHECK( apportion( abc, 11, ApportionMethod::LargestRemainder ).seats == std::vector<long long>{ 5, 5, 1 } );
  const auto a = apportion( abc, 10, ApportionMethod::LargestRemainder );
  CHECK( a.quotas[0] == Approx( 60.0 / 14 ) );
  CHECK( a.quotas[2] == Approx( 20.0 / 14 ) );
}

TEST_CASE( "apportion - D'Hondt and Sainte-Laguë on the textbook votes", "[analysis][apportion]" )
{
  // 100,000 / 80,000 / 30,000 / 20,000 votes, 8 seats.
  const ApportionUnits parties = units( { "A", "B", "C", "D" }, { 100000, 80000, 30000, 20000 } );
  // D'Hondt quotients: 100k 80k 50k 40k 33.3k 30k 26.7k 25k are the 8 largest.
  CHECK( apportion( parties, 8, ApportionMethod::DHondt ).seats == std::vector<long long>{ 4, 3, 1, 0 } );
  // Sainte-Laguë (1, 3, 5, ...): 100k 80k 33.3k 30k 26.7k 20k(A) 20k(D) 16k.
  CHECK( apportion( parties, 8, ApportionMethod::SainteLague ).seats == std::vector<long long>{ 3, 3, 1, 1 } );
  // Hamilton: quotas 3.48, 2.78, 1.04, 0.70: 3, 2, 1, 0 and the two left to B (.78) and D (.70).
  CHECK( apportion( parties, 8, ApportionMethod::LargestRemainder ).seats == std::vector<long long>{ 3, 3, 1, 1 } );
}

TEST_CASE( "apportion - ties go to the smaller key, whatever the order", "[analysis][apportion]" )
{
  // Three equal weights, 2 seats: the two smallest keys.
  CHECK( apportion( units( { "370300", "370100", "370200" }, { 1, 1, 1 } ), 2, ApportionMethod::LargestRemainder ).seats ==
         std::vector<long long>{ 0, 1, 1 } );
  CHECK( apportion( units( { "370300", "370100", "370200" }, { 1, 1, 1 } ), 2, ApportionMethod::DHondt ).seats == std::vector<long long>{ 0, 1, 1 } );
  CHECK( apportion( units( { "370300", "370100", "370200" }, { 1, 1, 1 } ), 1, ApportionMethod::SainteLague ).seats == std::vector<long long>{ 0, 1, 0 } );
  // Equal shares computed apart (1/3 + 1/3 ...) still tie: 0.1 * 3 is not 0.3 in binary.
  CHECK( apportion( units( { "b", "a", "c" }, { 0.1, 0.1, 0.1 } ), 4, ApportionMethod::LargestRemainder ).seats == std::vector<long long>{ 1, 2, 1 } );
}

TEST_CASE( "apportion - a floor and a cap that bind", "[analysis][apportion]" )
{
  // Weights 8, 1, 1 for 10: quotas 8, 1, 1. A floor of 3 for B and C leaves 4 for A.
  ApportionUnits u = units( { "A", "B", "C" }, { 8, 1, 1 } );
  u.floors = { 0, 3, 3 };
  auto a = apportion( u, 10, ApportionMethod::LargestRemainder );
  CHECK( a.seats == std::vector<long long>{ 4, 3, 3 } );
  CHECK( a.atFloor == std::vector<bool>{ false, true, true } );
  // A cap of 5 on A: the other 5 re-split 1:1 between B and C (2.5 each; the tie to B).
  u.floors = {};
  u.caps = { 5, -1, -1 };
  a = apportion( u, 10, ApportionMethod::LargestRemainder );
  CHECK( a.seats == std::vector<long long>{ 5, 3, 2 } );
  CHECK( a.atCap == std::vector<bool>{ true, false, false } );
  CHECK( a.quotas[1] == Approx( 2.5 ) );
  // A floor that binds only after a cap: cap A at 2, floor C at 5: B gets the rest.
  u.caps = { 2, -1, -1 };
  u.floors = { 0, 0, 5 };
  a = apportion( u, 10, ApportionMethod::LargestRemainder );
  CHECK( a.seats == std::vector<long long>{ 2, 3, 5 } );
  // The divisor methods start from the floors and stop at the caps.
  a = apportion( u, 10, ApportionMethod::DHondt );
  CHECK( a.seats == std::vector<long long>{ 2, 3, 5 } );
  CHECK( sum( apportion( u, 10, ApportionMethod::SainteLague ).seats ) == 10 );
}

TEST_CASE( "apportion - seats already held: fill up to a common level", "[analysis][apportion]" )
{
  // Equal weights, A holds 6, B 0, C 0; 6 more: the level is 4 each, A is over it and gets none.
  ApportionUnits u = units( { "A", "B", "C" }, { 1, 1, 1 } );
  u.held = { 6, 0, 0 };
  auto a = apportion( u, 6, ApportionMethod::LargestRemainder );
  CHECK( a.seats == std::vector<long long>{ 0, 3, 3 } );
  CHECK( a.atFloor[0] );
  // 12 more: level 6, A reaches it and gets none; 18: level 8, A gets 2.
  CHECK( apportion( u, 12, ApportionMethod::LargestRemainder ).seats == std::vector<long long>{ 0, 6, 6 } );
  CHECK( apportion( u, 18, ApportionMethod::LargestRemainder ).seats == std::vector<long long>{ 2, 8, 8 } );
  // D'Hondt counts the held seats in the divisor: B and C take turns until they reach A.
  CHECK( apportion( u, 6, ApportionMethod::DHondt ).seats == std::vector<long long>{ 0, 3, 3 } );
}

TEST_CASE( "apportion - shares always sum to the seats, non-negative, order-free (random, fixed seed)", "[analysis][apportion]" )
{
  std::mt19937 random( 20131231 );
  std::uniform_real_distribution<double> weight( 0.0, 100.0 );
  std::uniform_int_distribution<int> size( 1, 20 ), seatsOf( 0, 300 ), small( 0, 4 );
  for ( int round = 0; round < 500; ++round )
  {
    const int n = size( random );
    ApportionUnits u;
    for ( int i = 0; i < n; ++i )
    {
      u.keys.push_back( "37" + std::to_string( 1000 + i ) );
      // Some equal weights and some zeros, where ties and empty units happen.
      const int pick = small( random );
      u.weights.push_back( pick == 0 ? 0.0 : pick == 1 ? 5.0 : weight( random ) );
      u.held.push_back( small( random ) );
      u.floors.push_back( small( random ) == 0 ? 1 : 0 );
      u.caps.push_back( small( random ) == 0 ? 6 : -1 );
    }
    u.weights[0] = 1.0;
    u.caps[0] = -1; // one unit can always take the seats
    const long long seats = std::max<long long>( seatsOf( random ), sum( u.floors ) );
    for ( ApportionMethod method : { ApportionMethod::LargestRemainder, ApportionMethod::DHondt, ApportionMethod::SainteLague } )
    {
      INFO( "round " << round << " method " << htsplan::apportionMethodKey( method ) << " seats " << seats );
      const auto a = apportion( u, seats, method );
      CHECK( sum( a.seats ) == seats );
      for ( int i = 0; i < n; ++i )
      {
        const size_t s = static_cast<size_t>( i );
        CHECK( a.seats[s] >= u.floors[s] );
        CHECK( a.seats[s] >= 0 );
        if ( u.caps[s] >= 0 )
          CHECK( a.seats[s] <= u.caps[s] );
        if ( method == ApportionMethod::LargestRemainder )
          CHECK( std::fabs( static_cast<double>( a.seats[s] ) - a.quotas[s] ) < 1.0 ); // Hamilton stays within one of the quota
      }
      // The same units in another order get the same seats.
      std::vector<size_t> order( static_cast<size_t>( n ) );
      std::iota( order.begin(), order.end(), size_t( 0 ) );
      std::shuffle( order.begin(), order.end(), random );
      ApportionUnits shuffled;
      for ( size_t i : order )
      {
        shuffled.keys.push_back( u.keys[i] );
        shuffled.weights.push_back( u.weights[i] );
        shuffled.held.push_back( u.held[i] );
        shuffled.floors.push_back( u.floors[i] );
        shuffled.caps.push_back( u.caps[i] );
      }
      const auto b = apportion( shuffled, seats, method );
      for ( size_t j = 0; j < order.size(); ++j )
        CHECK( b.seats[j] == a.seats[order[j]] );
    }
  }
}

TEST_CASE( "apportion - impossible splits are refused with the values", "[analysis][apportion]" )
{
  ApportionUnits u = units( { "370100", "370200" }, { 1, 1 } );
  u.names = { "370100 济南市", "370200 青岛市" };
  u.floors = { 4, 3 };
  CHECK_THROWS_WITH( apportion( u, 5, ApportionMethod::LargestRemainder ),
                     "the floors add up to 7, more than the 5 to split (370100 济南市 4, 370200 青岛市 3)" );
  u.floors = {};
  u.caps = { 1, 2 };
  CHECK_THROWS_WITH( apportion( u, 5, ApportionMethod::DHondt ), "the units can take at most 3 of the 5 to split (370100 济南市 cap 1, 370200 青岛市 cap 2)" );
  u.caps = { 1, -1 };
  u.floors = { 2, 0 };
  CHECK_THROWS_WITH( apportion( u, 5, ApportionMethod::LargestRemainder ), "370100 济南市: floor 2 is above its cap 1" );
  u.floors = {};
  u.caps = {};
  u.weights = { -1, 1 };
  CHECK_THROWS_WITH( apportion( u, 5, ApportionMethod::LargestRemainder ), "370100 济南市: weight -1 (weights must be finite numbers >= 0)" );
  u.weights = { 0, 0 };
  CHECK_THROWS_AS( apportion( u, 5, ApportionMethod::LargestRemainder ), htsplan::InputError );
  CHECK( apportion( u, 0, ApportionMethod::LargestRemainder ).seats == std::vector<long long>{ 0, 0 } );
}
