#include "geometry/point_index.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using htsplan::PointIndex;
using Neighbours = std::vector<PointIndex::Neighbour>;

namespace
{

//! Clustered points with duplicates and shared coordinates, the cases that tie.
void randomPoints( size_t n, unsigned seed, std::vector<double> &xs, std::vector<double> &ys )
{
  std::mt19937 random( seed );
  std::normal_distribution<double> spread( 0, 500 );
  std::uniform_int_distribution<int> pick( 0, 9 );
  xs.clear();
  ys.clear();
  for ( size_t i = 0; i < n; ++i )
  {
    const int kind = pick( random );
    if ( kind == 0 && i > 0 )
    {
      xs.push_back( xs[i / 2] ); // a second record at one address
      ys.push_back( ys[i / 2] );
    }
    else if ( kind == 1 )
    {
      xs.push_back( 4e6 + std::round( spread( random ) ) ); // on a 1 m lattice: equal distances
      ys.push_back( 3.9e6 + std::round( spread( random ) ) );
    }
    else
    {
      xs.push_back( 4e6 + 20 * spread( random ) );
      ys.push_back( 3.9e6 + spread( random ) );
    }
  }
}

double distance( double qx, double qy, double x, double y )
{
  const double dx = qx - x;
  const double dy = qy - y;
  return std::sqrt( dx * dx + dy * dy );
}

//! The k nearest by brute force: ordered by squared distance, then index.
Neighbours bruteNearest( const std::vector<double> &xs, const std::vector<double> &ys, double qx, double qy, size_t k, size_t skip )
{
  std::vector<std::pair<double, size_t>> all;
  for ( size_t i = 0; i < xs.size(); ++i )
  {
    if ( i == skip )
      continue;
    const double dx = qx - xs[i];
    const double dy = qy - ys[i];
    all.push_back( { dx * dx + dy * dy, i } );
  }
  std::sort( all.begin(), all.end() );
  Neighbours result;
  for ( size_t j = 0; j < std::min( k, all.size() ); ++j )
    result.push_back( { all[j].second, std::sqrt( all[j].first ) } );
  return result;
}

Neighbours bruteWithin( const std::vector<double> &xs, const std::vector<double> &ys, double qx, double qy, double radius, size_t skip )
{
  Neighbours result;
  for ( size_t i = 0; i < xs.size(); ++i )
    if ( i != skip && distance( qx, qy, xs[i], ys[i] ) <= radius )
      result.push_back( { i, distance( qx, qy, xs[i], ys[i] ) } );
  return result;
}

constexpr size_t NONE = static_cast<size_t>( -1 );

} // namespace

TEST_CASE( "point index - k nearest equal brute force", "[geometry][point_index]" )
{
  std::vector<double> xs, ys;
  for ( size_t n : { 1, 2, 17, 3000 } )
  {
    randomPoints( n, static_cast<unsigned>( n ), xs, ys );
    const PointIndex index( xs, ys );
    REQUIRE( index.size() == n );
    for ( size_t k : { 0, 1, 5, 40 } )
    {
      for ( size_t i = 0; i < n; i += 7 )
      {
        CHECK( index.nearestTo( i, k ) == bruteNearest( xs, ys, xs[i], ys[i], k, i ) );
        CHECK( index.nearestTo( i, k, true ) == bruteNearest( xs, ys, xs[i], ys[i], k, NONE ) );
        const double qx = xs[i] + 37.5, qy = ys[i] - 12.25;
        CHECK( index.nearest( qx, qy, k ) == bruteNearest( xs, ys, qx, qy, k, NONE ) );
      }
    }
  }
}

TEST_CASE( "point index - radius queries equal brute force", "[geometry][point_index]" )
{
  std::vector<double> xs, ys;
  randomPoints( 3000, 11, xs, ys );
  const PointIndex index( xs, ys );
  for ( double radius : { 0.0, 1.0, 25.0, 400.0 } )
  {
    for ( size_t i = 0; i < xs.size(); i += 13 )
    {
      CHECK( index.withinOf( i, radius ) == bruteWithin( xs, ys, xs[i], ys[i], radius, i ) );
      CHECK( index.withinOf( i, radius, true ) == bruteWithin( xs, ys, xs[i], ys[i], radius, NONE ) );
      const double qx = xs[i] - 3.5, qy = ys[i] + 8;
      CHECK( index.within( qx, qy, radius ) == bruteWithin( xs, ys, qx, qy, radius, NONE ) );
    }
  }
}

TEST_CASE( "point index - all nearest distances equal the nearest other point", "[geometry][point_index]" )
{
  std::vector<double> xs, ys;
  randomPoints( 140000, 3, xs, ys );
  int forks = 0;
  // The fork runs the parts in reverse order here: the tree must not depend on it.
  const PointIndex forked( xs, ys, 2, [&]( const std::function<void()> &left, const std::function<void()> &right ) {
    ++forks;
    right();
    left();
  } );
  CHECK( forks == 3 );
  const PointIndex plain( xs, ys );
  std::vector<std::vector<double>> results;
  for ( const PointIndex *index : { &forked, &plain } )
  {
    std::vector<double> distances( xs.size(), -1 );
    for ( const PointIndex::Part &part : index->nearestDistanceParts( 4, distances.data() ) )
      index->nearestDistances( part, distances.data() );
    results.push_back( distances );
  }
  CHECK( results[0] == results[1] );
  for ( size_t i = 0; i < xs.size(); i += 997 )
  {
    CHECK( results[0][i] == bruteNearest( xs, ys, xs[i], ys[i], 1, i ).at( 0 ).distance );
    CHECK( results[0][i] == forked.nearestTo( i, 1 ).at( 0 ).distance );
  }
}
