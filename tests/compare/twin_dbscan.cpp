// DBSCAN against native:dbscanclustering.
#include <catch2/catch.hpp>

#include "analysis/pattern/dbscan.h"
#include "tests/generators.h"
#include "tests/qgis_process.h"
#include "tests/testdata.h"

#include <QTemporaryDir>

#include <cstdio>
#include <set>

using testdata::awkwardPoints;

TEST_CASE( "dbscan - same clusters as native:dbscanclustering", "[compare][dbscan][twin]" )
{
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
