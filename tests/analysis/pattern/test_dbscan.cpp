#include <catch2/catch.hpp>

#include "analysis/pattern/dbscan.h"
#include "layers/problems.h"
#include "tests/qgis_process.h"
#include "tests/testdata.h"

#include <ogrsf_frmts.h>
#include <qgsfeedback.h>

#include <QTemporaryDir>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <set>

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

//! Blobs, chains, points between blobs and duplicates: the awkward cases for DBSCAN.
void awkwardPoints( std::vector<double> &xs, std::vector<double> &ys, unsigned seed, double x0, double y0 )
{
  std::mt19937_64 random( seed );
  std::normal_distribution<double> spread( 0, 60 );
  std::uniform_real_distribution<double> uniform( 0, 3000 );
  for ( int blob = 0; blob < 8; ++blob )
  {
    const double cx = x0 + uniform( random ), cy = y0 + uniform( random );
    for ( int k = 0; k < 150; ++k )
    {
      xs.push_back( cx + spread( random ) );
      ys.push_back( cy + spread( random ) );
    }
  }
  // chains of points 90-110 m apart, on whole metres so some gaps equal eps exactly
  for ( int chain = 0; chain < 6; ++chain )
  {
    double x = std::round( x0 + uniform( random ) ), y = std::round( y0 + uniform( random ) );
    for ( int k = 0; k < 30; ++k )
    {
      xs.push_back( x );
      ys.push_back( y );
      x += 100 + ( k % 3 - 1 ) * 10;
      y += ( k % 2 ) * 10;
    }
  }
  // pairs of tight blobs with one point half-way, 95 or exactly 100 m from
  // the nearest point of each: a border point of both, which QGIS gives to the
  // blob whose first core comes first in feature order
  for ( int pair = 0; pair < 15; ++pair )
  {
    const double ax = x0 + 4000 + 500 * pair, ay = y0 + 500 + 7 * pair; // a strip of their own
    const double half = pair % 2 ? 95 : 100;
    for ( int k = 0; k < 6; ++k )
    {
      xs.push_back( ax - 6 * k );
      ys.push_back( ay + k % 2 );
      xs.push_back( ax + 2 * half + 6 * k );
      ys.push_back( ay - k % 2 );
    }
    xs.push_back( ax + half );
    ys.push_back( ay );
  }
  // lone and in-between points, some duplicated
  for ( int k = 0; k < 600; ++k )
  {
    xs.push_back( x0 + uniform( random ) );
    ys.push_back( y0 + uniform( random ) );
    if ( k % 50 == 0 )
    {
      xs.push_back( xs.back() );
      ys.push_back( ys.back() );
    }
  }
  // shuffle so cluster ids do not follow the generation order
  std::vector<std::size_t> order( xs.size() );
  for ( std::size_t i = 0; i < order.size(); ++i )
    order[i] = i;
  std::shuffle( order.begin(), order.end(), random );
  std::vector<double> sx, sy;
  for ( std::size_t i : order )
  {
    sx.push_back( xs[i] );
    sy.push_back( ys[i] );
  }
  xs = sx;
  ys = sy;
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

TEST_CASE( "dbscan - same clusters as native:dbscanclustering", "[analysis][dbscan][twin]" )
{
  if ( !testdata::qgisProcessAvailable() )
  {
    WARN( "qgis_process.bin not installed: twin test skipped" );
    return;
  }
  std::vector<double> xs, ys;
  awkwardPoints( xs, ys, 11, 512000, 4012000 ); // CGCS2000 / 3-degree GK CM 117E metres
  std::vector<testdata::Feature> features;
  for ( std::size_t i = 0; i < xs.size(); ++i )
  {
    char wkt[128];
    std::snprintf( wkt, sizeof wkt, "POINT (%.17g %.17g)", xs[i], ys[i] );
    features.push_back( { wkt, { { "pid", static_cast<long long>( i ) } } } );
  }
  QTemporaryDir dir;
  const std::string input = dir.filePath( "points.gpkg" ).toStdString();
  testdata::writeLayer( input, "points", 4548, wkbPoint, { { "pid", OFTInteger64 } }, features );

  for ( bool star : { false, true } )
  {
    INFO( "DBSCAN* " << star );
    const std::string output = dir.filePath( star ? "star.gpkg" : "plain.gpkg" ).toStdString();
    const QVariantMap results = testdata::runQgisProcess(
      "native:dbscanclustering",
      { { "INPUT", input }, { "EPS", "100" }, { "MIN_SIZE", "5" }, { "DBSCAN*", star ? "true" : "false" }, { "OUTPUT", output } } );
    const auto ours = htsplan::dbscan( xs, ys, 100, 5, star, nullptr, 2 );
    CHECK( results.value( "NUM_CLUSTERS" ).toInt() == ours.clusterCount );
    CHECK( ours.clusterCount > 10 );

    GDALDatasetUniquePtr ds( GDALDataset::Open( output.c_str(), GDAL_OF_VECTOR ) );
    REQUIRE( ds );
    OGRLayer *layer = ds->GetLayer( 0 );
    std::size_t read = 0, mismatches = 0, noise = 0, borders = 0;
    for ( const auto &feature : *layer )
    {
      const auto i = static_cast<std::size_t>( feature->GetFieldAsInteger64( "pid" ) );
      REQUIRE( i < xs.size() );
      const int idField = feature->GetFieldIndex( "CLUSTER_ID" ), sizeField = feature->GetFieldIndex( "CLUSTER_SIZE" );
      const int qgisId = feature->IsFieldSetAndNotNull( idField ) ? feature->GetFieldAsInteger( idField ) : 0;
      const int qgisSize = feature->IsFieldSetAndNotNull( sizeField ) ? feature->GetFieldAsInteger( sizeField ) : 0;
      if ( qgisId != ours.clusterIds[i] || qgisSize != ours.pointClusterSize( i ) )
      {
        if ( ++mismatches <= 5 )
          UNSCOPED_INFO( "pid " << i << ": QGIS " << qgisId << "/" << qgisSize << ", htsplan " << ours.clusterIds[i] << "/"
                                << ours.pointClusterSize( i ) );
      }
      noise += qgisId == 0;
      ++read;
    }
    CHECK( read == xs.size() );
    CHECK( mismatches == 0 );
    CHECK( noise > 100 ); // the data has noise to get right too
    if ( !star )
    {
      // border points with core neighbours in two clusters: the order rule at work
      auto neighbours = [&]( std::size_t i ) {
        std::vector<std::size_t> out;
        for ( std::size_t j = 0; j < xs.size(); ++j )
          if ( ( xs[j] - xs[i] ) * ( xs[j] - xs[i] ) + ( ys[j] - ys[i] ) * ( ys[j] - ys[i] ) <= 100.0 * 100.0 )
            out.push_back( j );
        return out;
      };
      std::vector<std::size_t> counts( xs.size() );
      for ( std::size_t i = 0; i < xs.size(); ++i )
        counts[i] = neighbours( i ).size();
      for ( std::size_t i = 0; i < xs.size(); ++i )
      {
        if ( counts[i] >= 5 )
          continue;
        std::set<int> clusters;
        for ( std::size_t j : neighbours( i ) )
          if ( counts[j] >= 5 )
            clusters.insert( ours.clusterIds[j] );
        borders += clusters.size() >= 2;
      }
      CHECK( borders >= 10 );
    }
  }
}

TEST_CASE( "dbscan - speed on 1M province-like points", "[.][bench]" )
{
  // ~700 x 450 km; 60 city clusters (sd 1-8 km) and a share spread evenly:
  // 30% (everything percolates into one cluster) or 5% (many clusters, noise)
  for ( int spreadPercent : { 30, 5 } )
  {
    std::mt19937_64 random( 42 );
    std::uniform_real_distribution<double> ux( 0, 700000 ), uy( 0, 450000 ), usd( 1000, 8000 );
    std::uniform_int_distribution<int> percent( 0, 99 );
    std::normal_distribution<double> normal( 0, 1 );
    std::vector<double> cx, cy, sd;
    for ( int c = 0; c < 60; ++c )
    {
      cx.push_back( ux( random ) );
      cy.push_back( uy( random ) );
      sd.push_back( usd( random ) );
    }
    std::vector<double> xs, ys;
    const std::size_t n = 1000000;
    for ( std::size_t i = 0; i < n; ++i )
    {
      if ( percent( random ) >= spreadPercent )
      {
        const std::size_t c = i % 60;
        xs.push_back( 300000 + cx[c] + sd[c] * normal( random ) );
        ys.push_back( 3800000 + cy[c] + sd[c] * normal( random ) );
      }
      else
      {
        xs.push_back( 300000 + ux( random ) );
        ys.push_back( 3800000 + uy( random ) );
      }
    }
    for ( int threads : { 1, 2 } )
    {
      const auto start = std::chrono::steady_clock::now();
      const auto result = htsplan::dbscan( xs, ys, 2000, 5, false, nullptr, threads );
      const auto middle = std::chrono::steady_clock::now();
      const auto summary = htsplan::summarizeClusters( xs, ys, result );
      const auto end = std::chrono::steady_clock::now();
      std::size_t noise = 0;
      for ( int id : result.clusterIds )
        noise += id == 0;
      WARN( spreadPercent << "% spread, " << threads << " threads: dbscan " << std::chrono::duration<double>( middle - start ).count()
                          << " s, summary " << std::chrono::duration<double>( end - middle ).count() << " s; " << result.clusterCount
                          << " clusters, " << noise << " noise" );
    }
  }
}
