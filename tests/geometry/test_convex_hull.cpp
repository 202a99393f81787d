#include "geometry/convex_hull.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

using htsplan::convexHull;

TEST_CASE( "convex hull - degenerate sets", "[geometry][hull]" )
{
  SECTION( "no points" )
  {
    CHECK( convexHull( {}, {} ).xs.empty() );
  }
  SECTION( "coinciding points give one vertex" )
  {
    const auto hull = convexHull( { 3, 3, 3 }, { 4, 4, 4 } );
    CHECK( hull.xs == std::vector<double>{ 3 } );
    CHECK( hull.ys == std::vector<double>{ 4 } );
    CHECK( hull.area == 0 );
  }
  SECTION( "collinear points give the two ends" )
  {
    const auto hull = convexHull( { 1, 0, 3, 2 }, { 2, 0, 6, 4 } );
    CHECK( hull.xs == std::vector<double>{ 0, 3 } );
    CHECK( hull.ys == std::vector<double>{ 0, 6 } );
    CHECK( hull.area == 0 );
  }
}

TEST_CASE( "convex hull - counter-clockwise, no collinear vertices", "[geometry][hull]" )
{
  // A square with a point inside and one in the middle of each side.
  const auto hull = convexHull( { 0, 10, 10, 0, 5, 5, 10, 5, 0 }, { 0, 0, 10, 10, 5, 0, 5, 10, 5 } );
  CHECK( hull.xs == std::vector<double>{ 0, 10, 10, 0 } );
  CHECK( hull.ys == std::vector<double>{ 0, 0, 10, 10 } );
  CHECK( hull.area == 100 );
}

TEST_CASE( "convex hull - independent of the points' order", "[geometry][hull]" )
{
  std::mt19937 random( 7 );
  std::normal_distribution<double> coordinate( 0, 1000 );
  std::vector<double> xs( 5000 ), ys( 5000 );
  for ( size_t i = 0; i < xs.size(); ++i )
  {
    xs[i] = 4e6 + coordinate( random );
    ys[i] = 3.9e6 + coordinate( random );
  }
  const auto hull = convexHull( xs, ys );
  std::vector<size_t> order( xs.size() );
  for ( size_t i = 0; i < order.size(); ++i )
    order[i] = i;
  std::shuffle( order.begin(), order.end(), random );
  std::vector<double> shuffledXs, shuffledYs;
  for ( size_t i : order )
  {
    shuffledXs.push_back( xs[i] );
    shuffledYs.push_back( ys[i] );
  }
  const auto again = convexHull( shuffledXs, shuffledYs );
  CHECK( again.xs == hull.xs );
  CHECK( again.ys == hull.ys );
  CHECK( again.area == hull.area );
  CHECK( hull.xs.size() >= 3 );
  CHECK( hull.area > 0 );
}
