// htsplan:hexdensity through QGIS's Processing registry on memory layers.
#include "tests/processing/algorithm_testing.h"

#include <algorithm>

using namespace testdata;

namespace
{
constexpr double X0 = 500000, Y0 = 4000000; // EPSG:4548, metres
}

TEST_CASE( "hexdensity algorithm - three facilities at one address share a cell, a far one has its own", "[processing][hexdensity]" )
{
  QgsProcessingContext context;
  const QString points = memoryLayer( context, QStringLiteral( "Point?crs=EPSG:4548&field=sector:string" ),
                                      { { pointWkt( X0 + 100, Y0 + 100 ), { QStringLiteral( "testing" ) } },
                                        { pointWkt( X0 + 100, Y0 + 100 ), { QStringLiteral( "testing" ) } },
                                        { pointWkt( X0 + 100, Y0 + 100 ), { QStringLiteral( "ecommerce" ) } },
                                        { pointWkt( X0 + 20000, Y0 + 20000 ), { QStringLiteral( "ecommerce" ) } } } );
  const AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:hexdensity" ),
                                         { { "INPUT", points }, { "CELL_SIZE", 1000.0 }, { "CATEGORY_FIELD", "sector" },
                                           { "OUTPUT", QgsProcessing::TEMPORARY_OUTPUT } },
                                         context );
  INFO( run.log.toStdString() );
  REQUIRE( run.ok );
  CHECK( run.results.value( "CELLS" ).toInt() == 2 );
  CHECK( run.results.value( "MAX_COUNT" ).toInt() == 3 );
  QgsVectorLayer *out = outputLayer( run, QStringLiteral( "OUTPUT" ), context );
  const std::vector<QVariant> counts = column( out, "COUNT" ), testing = column( out, "COUNT_testing" ), ecommerce = column( out, "COUNT_ecommerce" ),
                              ids = column( out, "id" );
  long long total = 0;
  int full = -1;
  for ( size_t i = 0; i < counts.size(); ++i )
  {
    total += counts[i].toLongLong();
    if ( counts[i].toLongLong() == 3 )
      full = static_cast<int>( i );
  }
  CHECK( total == 4 );
  REQUIRE( full >= 0 );
  CHECK( testing[full].toInt() == 2 );
  CHECK( ecommerce[full].toInt() == 1 );
  // cell ids are distinct
  std::vector<long long> distinct;
  for ( const QVariant &id : ids )
    distinct.push_back( id.toLongLong() );
  std::sort( distinct.begin(), distinct.end() );
  CHECK( std::adjacent_find( distinct.begin(), distinct.end() ) == distinct.end() );
  // the cell holding the three contains their address
  QgsFeature cell;
  QgsFeatureIterator it = out->getFeatures();
  for ( int i = 0; i <= full; ++i )
    it.nextFeature( cell );
  const QgsPointXY address( X0 + 100, Y0 + 100 );
  CHECK( cell.geometry().contains( &address ) );
}

TEST_CASE( "hexdensity algorithm - a cell size of zero is refused with its name", "[processing][hexdensity]" )
{
  QgsProcessingContext context;
  const QString points = memoryLayer( context, QStringLiteral( "Point?crs=EPSG:4548" ), { { pointWkt( X0, Y0 ), {} } } );
  registerHtsplanProvider();
  std::unique_ptr<QgsProcessingAlgorithm> algorithm( QgsApplication::processingRegistry()->createAlgorithmById( "htsplan:hexdensity" ) );
  QgsProcessingFeedback feedback;
  bool ok = true;
  algorithm->run( { { "INPUT", points }, { "CELL_SIZE", 0.0 }, { "OUTPUT", QgsProcessing::TEMPORARY_OUTPUT } }, context, &feedback, &ok );
  CHECK_FALSE( ok );
  CHECK( feedback.textLog().contains( "CELL_SIZE" ) );
}
