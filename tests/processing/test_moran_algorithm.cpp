// htsplan:moran through QGIS's Processing registry on memory layers.
#include "tests/processing/algorithm_testing.h"

#include <qgscategorizedsymbolrenderer.h>
#include <qgssymbol.h>

using namespace testdata;

namespace
{
constexpr double X0 = 500000, Y0 = 4000000; // EPSG:4548 on its central meridian, metres

//! A 5 × 5 grid of 1 km squares, codes "r<row>c<column>": high values in the north-east corner, low elsewhere, one unit without a value.
QString clusteredGrid( QgsProcessingContext &context )
{
  std::vector<std::pair<QString, QVariantList>> features;
  for ( int row = 0; row < 5; ++row )
    for ( int column = 0; column < 5; ++column )
    {
      QVariant value = ( row >= 3 && column >= 3 ) ? 100 : 10 + ( row * 7 + column * 3 ) % 5;
      if ( row == 0 && column == 4 )
        value = 95; // a high value among low neighbours
      if ( row == 2 && column == 0 )
        value = QVariant( QVariant::Int );
      features.push_back( { squareWkt( X0 + column * 1000.0, Y0 + row * 1000.0, 1000 ), { QStringLiteral( "r%1c%2" ).arg( row ).arg( column ), value } } );
    }
  return memoryLayer( context, QStringLiteral( "Polygon?crs=EPSG:4548&field=code:string&field=firms:integer" ), features );
}
} // namespace

TEST_CASE( "moran algorithm - global results, LISA fields and the seeded permutation p", "[processing][moran]" )
{
  QgsProcessingContext context;
  const QString units = clusteredGrid( context );
  const QVariantMap parameters = { { "INPUT", units }, { "FIELD", "firms" }, { "WEIGHTS", 0 }, { "PERMUTATIONS", 499 }, { "SEED", 7 },
                                   { "OUTPUT", QgsProcessing::TEMPORARY_OUTPUT } };
  const AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:moran" ), parameters, context );
  INFO( run.log.toStdString() );
  REQUIRE( run.ok );
  CHECK( run.results.value( "UNITS" ).toInt() == 24 );
  CHECK( run.results.value( "EXPECTED_I" ).toDouble() == Approx( -1.0 / 23 ) );
  CHECK( run.results.value( "MORANS_I" ).toDouble() > 0.3 ); // the corner of 100s: clustered
  CHECK( run.results.value( "Z_RANDOMISATION" ).toDouble() > 2.33 );
  CHECK( run.results.value( "P_RANDOMISATION" ).toDouble() < 0.01 );
  CHECK( run.results.value( "P_PERMUTATION" ).toDouble() < 0.01 );
  CHECK( run.results.value( "P_PERMUTATION" ).toDouble() >= 1.0 / 500 );
  // The same seed, the same p.
  const AlgorithmRun again = runAlgorithm( QStringLiteral( "htsplan:moran" ), parameters, context );
  REQUIRE( again.ok );
  CHECK( again.results.value( "P_PERMUTATION" ).toDouble() == run.results.value( "P_PERMUTATION" ).toDouble() );

  QgsVectorLayer *out = outputLayer( run, QStringLiteral( "OUTPUT" ), context );
  REQUIRE( out->featureCount() == 25 );
  const auto type = byKey( out, "code", "COType" ), typeZh = byKey( out, "code", "COType_zh" ), p = byKey( out, "code", "LMiPValue" ),
             index = byKey( out, "code", "LMiIndex" );
  CHECK( type.at( "r4c4" ).toString() == QStringLiteral( "HH" ) );
  CHECK( typeZh.at( "r4c4" ).toString() == QStringLiteral( "高-高聚集" ) );
  CHECK( index.at( "r4c4" ).toDouble() > 0 );
  for ( const auto &[code, t] : typeZh )
    if ( !t.isNull() && p.at( code ).toDouble() >= 0.05 )
      CHECK( t.toString() == QStringLiteral( "不显著" ) );
  CHECK( index.at( "r2c0" ).isNull() );
  CHECK( typeZh.at( "r2c0" ).isNull() );

  // The shipped LISA style: GeoDa's colours on COType.
  bool loaded = false;
  out->loadNamedStyle( QStringLiteral( HTSPLAN_SOURCE_DIR "/styles/lisa.qml" ), loaded );
  REQUIRE( loaded );
  auto *renderer = dynamic_cast<QgsCategorizedSymbolRenderer *>( out->renderer() );
  REQUIRE( renderer );
  CHECK( renderer->classAttribute() == QStringLiteral( "COType" ) );
  REQUIRE( renderer->categories().size() == 5 );
  const int hh = renderer->categoryIndexForValue( QStringLiteral( "HH" ) );
  REQUIRE( hh >= 0 );
  CHECK( renderer->categories()[hh].symbol()->color().name() == QStringLiteral( "#ff0000" ) );
}
