// htsplan:dbscan through QGIS's Processing registry on a memory layer.
#include "tests/processing/algorithm_testing.h"

using namespace testdata;

namespace
{
// Cluster B (features 1-4) around (15, 0) and A (6-9) around (5, 0); feature 5
// at (10, 0) is 4 m from a core of each; feature 10 is far away. Metres,
// offset into EPSG:4548.
QString borderPoints( QgsProcessingContext &context )
{
  const double xs[] = { 14, 15, 16, 15, 10, 4, 5, 6, 5, 100 }, ys[] = { 0, 0, 0, 1, 0, 0, 0, 0, 1, 100 };
  std::vector<std::pair<QString, QVariantList>> features;
  for ( int i = 0; i < 10; ++i )
    features.push_back( { pointWkt( 500000 + xs[i], 4000000 + ys[i] ), { i + 1 } } );
  return memoryLayer( context, QStringLiteral( "Point?crs=EPSG:4548&field=pid:integer" ), features );
}

std::vector<int> ints( const std::vector<QVariant> &values )
{
  std::vector<int> out;
  for ( const QVariant &v : values )
    out.push_back( v.isNull() ? 0 : v.toInt() );
  return out;
}
} // namespace

TEST_CASE( "dbscan algorithm - cluster ids per point: the border point joins the first cluster", "[processing][dbscan]" )
{
  QgsProcessingContext context;
  const QString points = borderPoints( context );
  const AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:dbscan" ),
                                         { { "INPUT", points }, { "EPS", 4.0 }, { "MIN_SIZE", 4 }, { "DBSCAN*", false },
                                           { "OUTPUT", QgsProcessing::TEMPORARY_OUTPUT } },
                                         context );
  INFO( run.log.toStdString() );
  REQUIRE( run.ok );
  CHECK( run.results.value( "NUM_CLUSTERS" ).toInt() == 2 );
  CHECK( run.results.value( "NOISE" ).toInt() == 1 );
  QgsVectorLayer *out = outputLayer( run, QStringLiteral( "OUTPUT" ), context );
  CHECK( ints( column( out, "pid" ) ) == std::vector<int> { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 } );
  CHECK( ints( column( out, "CLUSTER_ID" ) ) == std::vector<int> { 1, 1, 1, 1, 1, 2, 2, 2, 2, 0 } );
  CHECK( ints( column( out, "CLUSTER_SIZE" ) ) == std::vector<int> { 5, 5, 5, 5, 5, 4, 4, 4, 4, 0 } );
  // noise has no cluster: NULL, as in QGIS
  CHECK( column( out, "CLUSTER_ID" ).back().isNull() );
}

TEST_CASE( "dbscan algorithm - DBSCAN* makes the border point noise", "[processing][dbscan]" )
{
  QgsProcessingContext context;
  const QString points = borderPoints( context );
  const AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:dbscan" ),
                                         { { "INPUT", points }, { "EPS", 4.0 }, { "MIN_SIZE", 4 }, { "DBSCAN*", true },
                                           { "OUTPUT", QgsProcessing::TEMPORARY_OUTPUT } },
                                         context );
  INFO( run.log.toStdString() );
  REQUIRE( run.ok );
  CHECK( run.results.value( "NUM_CLUSTERS" ).toInt() == 2 );
  CHECK( run.results.value( "NOISE" ).toInt() == 2 );
  CHECK( ints( column( outputLayer( run, QStringLiteral( "OUTPUT" ), context ), "CLUSTER_ID" ) ) == std::vector<int> { 1, 1, 1, 1, 0, 2, 2, 2, 2, 0 } );
}
