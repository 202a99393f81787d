#include <catch2/catch.hpp>

#include "analysis/pattern/dbscan.h"
#include "layers/problems.h"
#include "tests/generators.h"
#include "tests/testdata.h"

#include <ogrsf_frmts.h>
#include <qgsfeedback.h>

#include <QTemporaryDir>

#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <set>

using testdata::awkwardPoints;

namespace
{

using Ids = std::vector<int>;

std::vector<int> sizesPerPoint( const htsplan::DbscanResult &result )
{
  std::vector<int> sizes;
  for ( std::size_t i = 0; i < result.clusterIds.size(); ++i )
    sizes.push_back( result.pointClusterSize( i ) );
  return sizes;
}

/**
 * A literal, slow transcription of QGIS 3.22's loop (visited set, cluster
 * grown completely before the next feature) with brute-force neighbours:
 * the reference the grid version must equal on any data.
 */
Ids qgisLoop( const std::vector<double> &xs, const std::vector<double> &ys, double eps, std::size_t minSize, bool borderNoise )
{
  const std::size_t n = xs.size();
  auto within = [&]( std::size_t p ) {
    std::set<std::size_t> out;
    for ( std::size_t q = 0; q < n; ++q )
    {
      const double dx = xs[q] - xs[p], dy = ys[q] - ys[p];
      if ( dx * dx + dy * dy <= eps * eps )
        out.insert( q );
    }
    return out;
  };
  std::vector<bool> visited( n, false );
  Ids ids( n, 0 );
  int clusters = 0;
  for ( std::size_t i = 0; i < n; ++i )
  {
    if ( visited[i] )
      continue;
    std::set<std::size_t> queue;
    if ( minSize > 1 )
    {
      queue = within( i );
      if ( queue.size() < minSize )
        continue;
      visited[i] = true;
    }
    else
      queue.insert( i );
    ids[i] = ++clusters;
    while ( !queue.empty() )
    {
      const std::size_t j = *queue.begin();
      queue.erase( queue.begin() );
      if ( visited[j] )
        continue;
      visited[j] = true;
      const std::set<std::size_t> around = within( j );
      if ( around.size() >= minSize )
        for ( std::size_t k : around )
          if ( !visited[k] )
            queue.insert( k );
      if ( !borderNoise || around.size() >= minSize )
        ids[j] = clusters;
    }
  }
  return ids;
}

// Two clusters: B (indices 0-3) around (15, 0) and A (5-8) around (5, 0);
// index 4 at (10, 0) is 4 m from a core of each; index 9 is far away.
const std::vector<double> BorderXs { 14, 15, 16, 15, 10, 4, 5, 6, 5, 100 };
const std::vector<double> BorderYs { 0, 0, 0, 1, 0, 0, 0, 0, 1, 100 };

} // namespace

TEST_CASE( "dbscan - two clusters and a noise point", "[analysis][dbscan]" )
{
  // a 2 x 2 square of 10 m, a line of three points 1 km away, one lone point
  const std::vector<double> xs { 0, 10, 0, 10, 1000, 1010, 1020, 5000 };
  const std::vector<double> ys { 0, 0, 10, 10, 0, 0, 0, 5000 };
  const htsplan::DbscanResult result = htsplan::dbscan( xs, ys, 15, 3, false );
  CHECK( result.clusterCount == 2 );
  CHECK( result.clusterIds == Ids { 1, 1, 1, 1, 2, 2, 2, 0 } );
  CHECK( result.clusterSizes == Ids { 4, 3 } );
  CHECK( sizesPerPoint( result ) == Ids { 4, 4, 4, 4, 3, 3, 3, 0 } );
}

TEST_CASE( "dbscan - the rules checked against qgis_process 3.22", "[analysis][dbscan]" )
{
  SECTION( "a border point reachable from two clusters joins the first one found in feature order" )
  {
    // index 4 has itself and two points at exactly 4 m: 3 < 4, a border point
    const auto result = htsplan::dbscan( BorderXs, BorderYs, 4, 4, false );
    CHECK( result.clusterIds == Ids { 1, 1, 1, 1, 1, 2, 2, 2, 2, 0 } );
    CHECK( result.clusterSizes == Ids { 5, 4 } );
  }
  SECTION( "DBSCAN* makes it noise" )
  {
    const auto result = htsplan::dbscan( BorderXs, BorderYs, 4, 4, true );
    CHECK( result.clusterIds == Ids { 1, 1, 1, 1, 0, 2, 2, 2, 2, 0 } );
    CHECK( result.clusterSizes == Ids { 4, 4 } );
  }
  SECTION( "a distance equal to eps counts; a hair less and the point is noise" )
  {
    const auto result = htsplan::dbscan( BorderXs, BorderYs, 3.999999, 4, false );
    CHECK( result.clusterIds == Ids { 1, 1, 1, 1, 0, 2, 2, 2, 2, 0 } );
  }
  SECTION( "a point counts itself towards the minimum size" )
  {
    // (14, 0) has 15, 16, (15, 1), (10, 0) and itself: 5, core at minimum size 5;
    // (5, 0) has only 4 and joins A as a border point of (6, 0)
    const auto result = htsplan::dbscan( BorderXs, BorderYs, 4, 5, false );
    CHECK( result.clusterIds == Ids { 1, 1, 1, 1, 1, 2, 2, 2, 2, 0 } );
    CHECK( result.clusterSizes == Ids { 5, 4 } );
    const auto tooMany = htsplan::dbscan( BorderXs, BorderYs, 4, 7, false );
    CHECK( tooMany.clusterCount == 0 );
    CHECK( tooMany.clusterIds == Ids( 10, 0 ) );
  }
  SECTION( "minimum size 1: every point is core, groups are eps-connected" )
  {
    const auto result = htsplan::dbscan( BorderXs, BorderYs, 1, 1, false );
    CHECK( result.clusterIds == Ids { 1, 1, 1, 1, 2, 3, 3, 3, 3, 4 } );
    CHECK( result.clusterSizes == Ids { 4, 1, 4, 1 } );
  }
  SECTION( "cluster ids follow the first core point, not the first member" )
  {
    // index 0 is a border point of the cluster whose cores come last
    const std::vector<double> xs { 2, 100, 100, 100, 0, 0, 0 };
    const std::vector<double> ys { 0, 0, 1, 2, 0, 1, 2 };
    const auto result = htsplan::dbscan( xs, ys, 2, 3, false );
    CHECK( result.clusterIds == Ids { 2, 1, 1, 1, 2, 2, 2 } );
  }
  SECTION( "duplicates count as separate neighbours" )
  {
    const auto result = htsplan::dbscan( { 7, 7, 7, 50 }, { 7, 7, 7, 50 }, 0.5, 3, false );
    CHECK( result.clusterIds == Ids { 1, 1, 1, 0 } );
  }
  SECTION( "no points: zero clusters, as in QGIS" )
  {
    const auto result = htsplan::dbscan( {}, {}, 100, 5, false );
    CHECK( result.clusterCount == 0 );
    CHECK( result.clusterIds.empty() );
  }
}

TEST_CASE( "dbscan - equals QGIS's loop on awkward data, for any thread count", "[analysis][dbscan]" )
{
  std::vector<double> xs, ys;
  awkwardPoints( xs, ys, 7, 500000, 4000000 );
  for ( const auto &[eps, minSize] : std::vector<std::pair<double, int>> { { 100, 5 }, { 100, 1 }, { 30, 4 }, { 250, 20 } } )
    for ( bool star : { false, true } )
    {
      INFO( "eps " << eps << " min size " << minSize << " DBSCAN* " << star );
      const Ids expected = qgisLoop( xs, ys, eps, static_cast<std::size_t>( minSize ), star );
      for ( int threads : { 1, 2, 3 } )
      {
        INFO( threads << " threads" );
        CHECK( htsplan::dbscan( xs, ys, eps, minSize, star, nullptr, threads ).clusterIds == expected );
      }
    }
  SECTION( "eps tiny against the coordinates: cells are no longer trusted as cliques" )
  {
    // points 4e-6 m apart at 4,000 km: the grid must test every pair
    std::vector<double> tx, ty;
    for ( int k = 0; k < 200; ++k )
    {
      tx.push_back( 4e6 + ( k % 20 ) * 4e-6 );
      ty.push_back( 4e6 + ( k / 20 ) * 4e-6 * ( 1 + k % 3 ) );
    }
    const Ids expected = qgisLoop( tx, ty, 5e-6, 4, false );
    CHECK( htsplan::dbscan( tx, ty, 5e-6, 4, false, nullptr, 2 ).clusterIds == expected );
  }
}

TEST_CASE( "dbscan - bad input and cancel", "[analysis][dbscan]" )
{
  const std::vector<double> xs { 0, 1 }, ys { 0, 1 };
  CHECK_THROWS_AS( htsplan::dbscan( xs, ys, 0, 5, false ), htsplan::InputError );
  CHECK_THROWS_WITH( htsplan::dbscan( xs, ys, -5, 5, false ), Catch::Contains( "eps must be a positive distance" ) && Catch::Contains( "-5 m" ) );
  CHECK_THROWS_AS( htsplan::dbscan( xs, ys, std::nan( "" ), 5, false ), htsplan::InputError );
  CHECK_THROWS_AS( htsplan::dbscan( xs, ys, INFINITY, 5, false ), htsplan::InputError );
  CHECK_THROWS_WITH( htsplan::dbscan( xs, ys, 10, 0, false ), Catch::Contains( "at least 1 (got 0)" ) );
  CHECK_THROWS_AS( htsplan::dbscan( xs, { 0 }, 10, 2, false ), htsplan::InputError );
  CHECK_THROWS_WITH( htsplan::dbscan( { 0, NAN }, ys, 10, 2, false ), Catch::Contains( "point 1" ) );

  QgsFeedback feedback;
  feedback.cancel();
  CHECK_THROWS_AS( htsplan::dbscan( xs, ys, 10, 2, false, &feedback ), htsplan::Canceled );
  const auto result = htsplan::dbscan( xs, ys, 10, 2, false );
  CHECK_THROWS_AS( htsplan::summarizeClusters( xs, ys, result, {}, &feedback ), htsplan::Canceled );
  CHECK_THROWS_AS( htsplan::summarizeClusters( xs, ys, result, { 1 } ), htsplan::InputError );
  CHECK_THROWS_WITH( htsplan::summarizeClusters( xs, ys, result, { 1, -2 } ), Catch::Contains( "point 1" ) );
}

TEST_CASE( "dbscan - cluster summary: hull, area, dominant category", "[analysis][dbscan]" )
{
  // cluster 1: square 0..100 with a centre point and a point on an edge
  // cluster 2: a line of three points; cluster 3: three identical points
  const std::vector<double> xs { 0, 100, 100, 0, 50, 50, 1000, 1050, 1100, 5000, 5000, 5000, 9000 };
  const std::vector<double> ys { 0, 0, 100, 100, 50, 0, 1000, 1050, 1100, 5000, 5000, 5000, 9000 };
  const auto result = htsplan::dbscan( xs, ys, 75, 2, false );
  REQUIRE( result.clusterIds == Ids { 1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 0 } );
  // sectors: cluster 1 ties 2-2 between 4 and 3 -> 3; cluster 2 all unknown; cluster 3: 5 beats unknowns
  const std::vector<int> sectors { 4, 4, 3, 3, -1, -1, -1, -1, -1, -1, -1, 5, 0 };
  const auto summary = htsplan::summarizeClusters( xs, ys, result, sectors );
  REQUIRE( summary.size() == 3 );

  CHECK( summary[0].clusterId == 1 );
  CHECK( summary[0].pointCount == 6 );
  CHECK( summary[0].hullXs == std::vector<double> { 0, 100, 100, 0 } ); // counter-clockwise from lowest x, y
  CHECK( summary[0].hullYs == std::vector<double> { 0, 0, 100, 100 } );
  CHECK( summary[0].hullArea == Approx( 10000 ) );
  CHECK( summary[0].dominantCategory == 3 );

  CHECK( summary[1].pointCount == 3 );
  CHECK( summary[1].hullXs == std::vector<double> { 1000, 1100 } );
  CHECK( summary[1].hullYs == std::vector<double> { 1000, 1100 } );
  CHECK( summary[1].hullArea == 0 );
  CHECK( summary[1].dominantCategory == -1 );

  CHECK( summary[2].pointCount == 3 );
  CHECK( summary[2].hullXs == std::vector<double> { 5000 } );
  CHECK( summary[2].hullArea == 0 );
  CHECK( summary[2].dominantCategory == 5 );

  const auto noCategories = htsplan::summarizeClusters( xs, ys, result );
  CHECK( noCategories[0].dominantCategory == -1 );

  SECTION( "a large lattice keeps only its four corners" )
  {
    // 20 x 20 points 10 m apart: edge points are collinear, inner ones are dropped early
    std::vector<double> lx, ly;
    for ( int k = 0; k < 400; ++k )
    {
      lx.push_back( 1000 + 10 * ( k % 20 ) );
      ly.push_back( 2000 + 10 * ( k / 20 ) );
    }
    const auto lattice = htsplan::dbscan( lx, ly, 15, 2, false );
    REQUIRE( lattice.clusterCount == 1 );
    const auto hull = htsplan::summarizeClusters( lx, ly, lattice );
    CHECK( hull[0].pointCount == 400 );
    CHECK( hull[0].hullXs == std::vector<double> { 1000, 1190, 1190, 1000 } );
    CHECK( hull[0].hullYs == std::vector<double> { 2000, 2000, 2190, 2190 } );
    CHECK( hull[0].hullArea == Approx( 190.0 * 190.0 ) );
  }
}

