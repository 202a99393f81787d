// htsplan:hotspots through QGIS's Processing registry on memory layers.
#include "tests/processing/algorithm_testing.h"

#include <qgscategorizedsymbolrenderer.h>
#include <qgssymbol.h>

#include <cmath>

using namespace testdata;

namespace
{
constexpr double X0 = 500000, Y0 = 4000000; // EPSG:4548 on its central meridian, metres

//! A 5 × 5 grid of 1 km squares, codes "r<row>c<column>": high values in the north-east corner, low in the south-west, one unit without a value.
QString hotCornerGrid( QgsProcessingContext &context )
{
  std::vector<std::pair<QString, QVariantList>> features;
  for ( int row = 0; row < 5; ++row )
    for ( int column = 0; column < 5; ++column )
    {
      const QString code = QStringLiteral( "r%1c%2" ).arg( row ).arg( column );
      QVariant value = ( row >= 3 && column >= 3 ) ? 100 : ( row + column <= 1 ? 0 : 10 + ( row * 7 + column * 3 ) % 5 );
      if ( row == 2 && column == 0 )
        value = QVariant( QVariant::Int ); // null: left out, written with empty results
      features.push_back( { squareWkt( X0 + column * 1000.0, Y0 + row * 1000.0, 1000 ), { code, value } } );
    }
  return memoryLayer( context, QStringLiteral( "Polygon?crs=EPSG:4548&field=code:string&field=firms:integer" ), features );
}
} // namespace

TEST_CASE( "hotspots algorithm - Gi* bins, labels and neighbours on a grid with a hot corner", "[processing][hotspots]" )
{
  QgsProcessingContext context;
  const QString units = hotCornerGrid( context );
  const AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:hotspots" ),
                                         { { "INPUT", units }, { "FIELD", "firms" }, { "WEIGHTS", 0 }, { "OUTPUT", QgsProcessing::TEMPORARY_OUTPUT } }, context );
  INFO( run.log.toStdString() );
  REQUIRE( run.ok );
  CHECK( run.log.contains( QStringLiteral( "1 of 25 features of INPUT have no number in firms" ) ) );
  QgsVectorLayer *out = outputLayer( run, QStringLiteral( "OUTPUT" ), context );
  REQUIRE( out->featureCount() == 25 ); // nothing lost
  const auto z = byKey( out, "code", "GiZScore" ), p = byKey( out, "code", "GiPValue" ), bin = byKey( out, "code", "Gi_Bin" ),
             neighbours = byKey( out, "code", "NNeighbors" ), label = byKey( out, "code", "GiLabel" ), labelZh = byKey( out, "code", "GiLabel_zh" );
  // Queen: an inner unit sums itself and 8 others, a corner itself and 3; r1c0 lost its neighbour r2c0 (no value).
  CHECK( neighbours.at( "r2c2" ).toInt() == 9 );
  CHECK( neighbours.at( "r4c4" ).toInt() == 4 );
  CHECK( neighbours.at( "r1c0" ).toInt() == 5 );
  // The hot corner: by hand, r4c4 sums 400 over 4 units of 24 (mean 26.25 + ...): far above, hot at 99%.
  CHECK( bin.at( "r4c4" ).toInt() == 3 );
  CHECK( label.at( "r4c4" ).toString() == QStringLiteral( "Hot Spot - 99% Confidence" ) );
  CHECK( labelZh.at( "r4c4" ).toString() == QStringLiteral( "热点（99%置信度）" ) );
  CHECK( z.at( "r4c4" ).toDouble() > 2.576 );
  CHECK( p.at( "r4c4" ).toDouble() < 0.01 );
  // Bins follow the p-values and the sign of z everywhere.
  int hot = 0, cold = 0;
  for ( const auto &[code, b] : bin )
  {
    if ( b.isNull() )
      continue;
    const double pv = p.at( code ).toDouble();
    const int expected = pv < 0.01 ? 3 : pv < 0.05 ? 2 : pv < 0.10 ? 1 : 0;
    CHECK( std::abs( b.toInt() ) == expected );
    CHECK( ( b.toInt() == 0 || ( b.toInt() > 0 ) == ( z.at( code ).toDouble() > 0 ) ) );
    hot += b.toInt() > 0 ? 1 : 0;
    cold += b.toInt() < 0 ? 1 : 0;
    if ( b.toInt() == 0 )
      CHECK( labelZh.at( code ).toString() == QStringLiteral( "不显著" ) );
  }
  CHECK( run.results.value( "HOT_SPOTS" ).toInt() == hot );
  CHECK( run.results.value( "COLD_SPOTS" ).toInt() == cold );
  CHECK( hot >= 4 );
  // The unit without a value has empty results.
  CHECK( z.at( "r2c0" ).isNull() );
  CHECK( bin.at( "r2c0" ).isNull() );
  CHECK( label.at( "r2c0" ).isNull() );

  // The shipped style colours the output on Gi_Bin: seven classes, 99% hot in red, 99% cold in blue.
  bool loaded = false;
  out->loadNamedStyle( QStringLiteral( HTSPLAN_SOURCE_DIR "/styles/hotspots.qml" ), loaded );
  REQUIRE( loaded );
  auto *renderer = dynamic_cast<QgsCategorizedSymbolRenderer *>( out->renderer() );
  REQUIRE( renderer );
  CHECK( renderer->classAttribute() == QStringLiteral( "Gi_Bin" ) );
  REQUIRE( renderer->categories().size() == 7 );
  const int hotClass = renderer->categoryIndexForValue( 3 ), coldClass = renderer->categoryIndexForValue( -3 );
  REQUIRE( hotClass >= 0 );
  REQUIRE( coldClass >= 0 );
  CHECK( renderer->categories()[hotClass].symbol()->color().name() == QStringLiteral( "#d7191c" ) );
  CHECK( renderer->categories()[coldClass].symbol()->color().name() == QStringLiteral( "#4575b4" ) );
}

TEST_CASE( "hotspots algorithm - the smallest full band, and the errors a planner can hit", "[processing][hotspots]" )
{
  QgsProcessingContext context;
  const QString units = hotCornerGrid( context );
  const AlgorithmRun band = runAlgorithm( QStringLiteral( "htsplan:hotspots" ),
                                          { { "INPUT", units }, { "FIELD", "firms" }, { "WEIGHTS", 2 }, { "DISTANCE", 0 }, { "OUTPUT", QgsProcessing::TEMPORARY_OUTPUT } },
                                          context );
  INFO( band.log.toStdString() );
  REQUIRE( band.ok );
  // Centroids 1 km apart: 1000 m gives every unit a neighbour; ISOLATED 0.
  CHECK( band.results.value( "BAND_M" ).toDouble() == Approx( 1000.0 ) );
  CHECK( band.results.value( "ISOLATED" ).toInt() == 0 );

  const AlgorithmRun small = runAlgorithm( QStringLiteral( "htsplan:hotspots" ),
                                           { { "INPUT", units }, { "FIELD", "firms" }, { "WEIGHTS", 2 }, { "DISTANCE", 500 }, { "OUTPUT", QgsProcessing::TEMPORARY_OUTPUT } },
                                           context );
  INFO( small.log.toStdString() );
  REQUIRE( small.ok );
  CHECK( small.results.value( "ISOLATED" ).toInt() == 24 );
  CHECK( small.log.contains( QStringLiteral( "24 of 24 units have no neighbour" ) ) );
  CHECK( small.log.contains( QStringLiteral( "Most units have no neighbour" ) ) );

  const AlgorithmRun degrees = runAlgorithm( QStringLiteral( "htsplan:hotspots" ),
                                             { { "INPUT", units }, { "FIELD", "firms" }, { "WEIGHTS", 2 }, { "DISTANCE", 0.05 }, { "OUTPUT", QgsProcessing::TEMPORARY_OUTPUT } },
                                             context );
  CHECK_FALSE( degrees.ok );
  CHECK( degrees.log.contains( QStringLiteral( "DISTANCE: 0.05 m is less than a metre" ) ) );

  const QString flat = memoryLayer( context, QStringLiteral( "Polygon?crs=EPSG:4548&field=firms:integer" ),
                                    { { squareWkt( X0, Y0, 1000 ), { 5 } }, { squareWkt( X0 + 1000, Y0, 1000 ), { 5 } }, { squareWkt( X0 + 2000, Y0, 1000 ), { 5 } } } );
  const AlgorithmRun equal = runAlgorithm( QStringLiteral( "htsplan:hotspots" ), { { "INPUT", flat }, { "FIELD", "firms" }, { "OUTPUT", QgsProcessing::TEMPORARY_OUTPUT } }, context );
  CHECK_FALSE( equal.ok );
  CHECK( equal.log.contains( QStringLiteral( "all 3 values are equal" ) ) );
}
