#include <catch2/catch.hpp>

#include "analysis/pattern/nearest_neighbour.h"
#include "layers/problems.h"
#include "tests/generators.h"
#include "tests/testdata.h"

#include <qgsfeedback.h>

#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>

using testdata::clusteredPoints;
using testdata::Points;

namespace
{

//! Every point's distance to its nearest other point, by trying all pairs.
std::vector<double> bruteForce( const Points &p )
{
  std::vector<double> out( p.xs.size() );
  for ( size_t i = 0; i < p.xs.size(); ++i )
  {
    double best = INFINITY;
    for ( size_t j = 0; j < p.xs.size(); ++j )
    {
      if ( j == i )
        continue;
      const double dx = p.xs[i] - p.xs[j], dy = p.ys[i] - p.ys[j];
      best = std::min( best, dx * dx + dy * dy );
    }
    out[i] = std::sqrt( best );
  }
  return out;
}

bool sameBits( const std::vector<double> &a, const std::vector<double> &b )
{
  return a.size() == b.size() && std::equal( a.begin(), a.end(), b.begin(), []( double x, double y ) { return std::memcmp( &x, &y, sizeof x ) == 0; } );
}

} // namespace

TEST_CASE( "nni - a 3 x 3 lattice with 100 m spacing", "[analysis][nni]" )
{
  Points p;
  for ( int i = 0; i < 3; ++i )
    for ( int j = 0; j < 3; ++j )
    {
      p.xs.push_back( 500000 + 100 * i );
      p.ys.push_back( 4000000 + 100 * j );
    }
  const std::vector<double> d = htsplan::nearestNeighbourDistances( p.xs, p.ys );
  CHECK( d == std::vector<double>( 9, 100.0 ) );

  SECTION( "study area = the extent, 200 m x 200 m (as QGIS)" )
  {
    const double area = htsplan::pointsExtentArea( p.xs, p.ys );
    CHECK( area == 40000.0 );
    const auto s = htsplan::nearestNeighbourIndex( p.xs, p.ys, area );
    // expected = 0.5 / sqrt(9 / 40000) = 0.5 * 200 / 3; SE = 0.26136 / sqrt(81 / 40000) = 0.26136 * 200 / 9
    CHECK( s.pointCount == 9 );
    CHECK( s.observedMeanDistanceM == 100.0 );
    CHECK( s.expectedMeanDistanceM == Approx( 100.0 / 3 ).epsilon( 1e-14 ) );
    CHECK( s.expectedMeanDistanceM == 33.333333333333336 ); // QGIS 3.22
    CHECK( s.index == Approx( 3.0 ).epsilon( 1e-14 ) );
    CHECK( s.standardErrorM == Approx( 0.26136 * 200 / 9 ).epsilon( 1e-14 ) );
    CHECK( s.zScore == Approx( ( 100 - 100.0 / 3 ) / ( 0.26136 * 200 / 9 ) ).epsilon( 1e-14 ) ); // 11.4784...
    CHECK( s.zScore == 11.478420569329659 ); // bit for bit what QGIS 3.22 prints
    CHECK( s.pValue < 1e-29 );                                                                  // dispersed beyond doubt
  }
  SECTION( "study area = 1 km²: the lattice is clustered" )
  {
    const auto s = htsplan::nearestNeighbourIndex( p.xs, p.ys, 1e6 );
    CHECK( s.expectedMeanDistanceM == Approx( 500.0 / 3 ) ); // 0.5 / sqrt(9 / 1e6)
    CHECK( s.index == Approx( 0.6 ) );
    CHECK( s.standardErrorM == Approx( 0.26136 * 1000 / 9 ) );
    CHECK( s.zScore == Approx( ( 100 - 500.0 / 3 ) / ( 261.36 / 9 ) ) ); // -2.2956
    CHECK( s.pValue == Approx( 0.0217 ).margin( 1e-4 ) );                // two-sided normal tail of |z| = 2.2956
  }
}

TEST_CASE( "nni - duplicates are each other's nearest neighbour at 0 m", "[analysis][nni]" )
{
  // The layer QGIS 3.22 gives OBSERVED_MD 3 for: (0,0) twice, then 5, 5, 5.
  const std::vector<double> xs{ 0, 0, 10, 10, 3 }, ys{ 0, 0, 0, 5, 4 };
  CHECK( htsplan::nearestNeighbourDistances( xs, ys ) == std::vector<double>{ 0, 0, 5, 5, 5 } );
  const auto s = htsplan::nearestNeighbourIndex( xs, ys, htsplan::pointsExtentArea( xs, ys ) );
  CHECK( s.observedMeanDistanceM == 3.0 );
  CHECK( s.expectedMeanDistanceM == Approx( 0.5 / std::sqrt( 5.0 / 50 ) ) ); // 1.5811
  CHECK( s.zScore == 3.8387142439919955 ); // QGIS 3.22, bit for bit

  SECTION( "a point with its own duplicate still counts once per record" )
  {
    const std::vector<double> many( 1000, 7.5 ), far{ 7.5 };
    std::vector<double> mx = many, my = many;
    mx.push_back( 107.5 );
    my.push_back( 7.5 );
    const std::vector<double> d = htsplan::nearestNeighbourDistances( mx, my );
    CHECK( std::count( d.begin(), d.end(), 0.0 ) == 1000 );
    CHECK( d.back() == 100.0 );
  }
}

TEST_CASE( "nni - study-area helpers", "[analysis][nni]" )
{
  SECTION( "extent: bounding box width times height" )
  {
    CHECK( htsplan::pointsExtentArea( { 1, 4, 2 }, { -1, 3, 0 } ) == 12.0 );
    CHECK( htsplan::pointsExtentArea( { 1, 4 }, { 2, 2 } ) == 0.0 );
  }
  SECTION( "convex hull of a square with inner points and collinear edge points" )
  {
    const std::vector<double> xs{ 500000, 500400, 500400, 500000, 500200, 500100, 500200, 500400, 500000 };
    const std::vector<double> ys{ 4000000, 4000000, 4000300, 4000300, 4000150, 4000100, 4000000, 4000100, 4000300 };
    CHECK( htsplan::convexHullArea( xs, ys ) == Approx( 120000.0 ).epsilon( 1e-12 ) );
  }
  SECTION( "convex hull of a triangle with a point inside" )
  {
    CHECK( htsplan::convexHullArea( { 0, 30, 0, 5 }, { 0, 0, 40, 5 } ) == 600.0 );
  }
  SECTION( "no hull area for points on one line or fewer than 3 points" )
  {
    CHECK( htsplan::convexHullArea( { 0, 1, 2, 3 }, { 0, 2, 4, 6 } ) == 0.0 );
    CHECK( htsplan::convexHullArea( { 0, 1 }, { 0, 1 } ) == 0.0 );
  }
  SECTION( "hull within the extent, on clustered points" )
  {
    const Points p = clusteredPoints( 20000, 7 );
    const double hull = htsplan::convexHullArea( p.xs, p.ys );
    CHECK( hull > 0.6 * htsplan::pointsExtentArea( p.xs, p.ys ) );
    CHECK( hull < htsplan::pointsExtentArea( p.xs, p.ys ) );
  }
}

TEST_CASE( "nni - bad input is refused with a message", "[analysis][nni]" )
{
  using Catch::Matchers::Contains;
  CHECK_THROWS_WITH( htsplan::nearestNeighbourIndex( {}, {}, 1e6 ), Contains( "at least 2 points (got 0)" ) );
  CHECK_THROWS_WITH( htsplan::nearestNeighbourIndex( { 1 }, { 1 }, 1e6 ), Contains( "at least 2 points (got 1)" ) );
  CHECK_THROWS_WITH( htsplan::nearestNeighbourIndex( { 3, 3, 3 }, { 4.5, 4.5, 4.5 }, 1e6 ), Contains( "all 3 points are at the same location (3, 4.5)" ) );
  CHECK_THROWS_WITH( htsplan::nearestNeighbourIndex( { 0, 1 }, { 0, 1 }, 0 ), Contains( "study area must be positive (got 0 m²" ) );
  CHECK_THROWS_WITH( htsplan::nearestNeighbourIndex( { 0, 1 }, { 0, 1 }, -5 ), Contains( "got -5 m²" ) );
  CHECK_THROWS_AS( htsplan::nearestNeighbourIndex( { 0, 1 }, { 0, 1 }, NAN ), htsplan::InputError );
  CHECK_THROWS_AS( htsplan::nearestNeighbourIndex( { 0, 1 }, { 0, 1 }, INFINITY ), htsplan::InputError );
  CHECK_THROWS_WITH( htsplan::nearestNeighbourDistances( { 0, NAN }, { 0, 1 } ), Contains( "point 1 has coordinates that are not finite" ) );
  CHECK_THROWS_AS( htsplan::nearestNeighbourStatistics( { 5.0 }, 100 ), htsplan::InputError );
  // Points on one line: QGIS divides by a zero extent; we say why.
  CHECK_THROWS_AS( htsplan::nearestNeighbourIndex( { 0, 1, 2 }, { 0, 0, 0 }, htsplan::pointsExtentArea( { 0, 1, 2 }, { 0, 0, 0 } ) ), htsplan::InputError );
}

TEST_CASE( "nni - exact on clustered points, whatever the thread count", "[analysis][nni]" )
{
  const Points p = clusteredPoints( 5000, 11 );
  const std::vector<double> expected = bruteForce( p );
  const std::vector<double> one = htsplan::nearestNeighbourDistances( p.xs, p.ys, nullptr, 1 );
  CHECK( sameBits( one, expected ) );

  SECTION( "ties on split lines: a lattice and a vertical line" )
  {
    Points lattice, line;
    for ( int i = 0; i < 2500; ++i )
    {
      lattice.xs.push_back( 500000 + 100 * ( i % 50 ) + ( i == 1234 ? 30 : 0 ) );
      lattice.ys.push_back( 4000000 + 100 * ( i / 50 ) );
      line.xs.push_back( 500000 );
      line.ys.push_back( 4000000 + 10.0 * i * ( 1 + i % 3 ) );
    }
    CHECK( sameBits( htsplan::nearestNeighbourDistances( lattice.xs, lattice.ys, nullptr, 2 ), bruteForce( lattice ) ) );
    CHECK( sameBits( htsplan::nearestNeighbourDistances( line.xs, line.ys, nullptr, 2 ), bruteForce( line ) ) );
    // A line has no extent area, but a given study area makes the index defined.
    const auto s = htsplan::nearestNeighbourIndex( line.xs, line.ys, 1e8, nullptr, 2 );
    CHECK( s.expectedMeanDistanceM == Approx( 100.0 ) ); // 0.5 / sqrt(2500 / 1e8)
  }

  const Points big = clusteredPoints( 200000, 12 );
  const std::vector<double> single = htsplan::nearestNeighbourDistances( big.xs, big.ys, nullptr, 1 );
  CHECK( sameBits( htsplan::nearestNeighbourDistances( big.xs, big.ys, nullptr, 2 ), single ) );
  CHECK( sameBits( htsplan::nearestNeighbourDistances( big.xs, big.ys, nullptr, 3 ), single ) );
  CHECK( std::count( single.begin(), single.end(), 0.0 ) > 5000 ); // the duplicates
}

TEST_CASE( "nni - progress and cancel", "[analysis][nni]" )
{
  const Points p = clusteredPoints( 100000, 3 );
  SECTION( "cancelled before the start" )
  {
    QgsFeedback feedback;
    feedback.cancel();
    CHECK_THROWS_AS( htsplan::nearestNeighbourDistances( p.xs, p.ys, &feedback, 2 ), htsplan::Canceled );
  }
  SECTION( "cancelled half way" )
  {
    QgsFeedback feedback;
    QObject::connect( &feedback, &QgsFeedback::progressChanged, [&]( double progress ) { if ( progress > 50 ) feedback.cancel(); } );
    CHECK_THROWS_AS( htsplan::nearestNeighbourDistances( p.xs, p.ys, &feedback, 2 ), htsplan::Canceled );
  }
  SECTION( "progress runs forward up to 100" )
  {
    QgsFeedback feedback;
    double last = 0;
    bool backwards = false;
    QObject::connect( &feedback, &QgsFeedback::progressChanged, [&]( double progress ) { backwards = backwards || progress < last; last = progress; } );
    htsplan::nearestNeighbourDistances( p.xs, p.ys, &feedback, 2 );
    CHECK( last == 100.0 );
    CHECK_FALSE( backwards );
  }
}

