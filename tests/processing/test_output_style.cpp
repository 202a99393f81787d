// The statistics outputs come styled when QGIS loads them on completion (the
// toolbox, a model, processing.runAndLoadResults): each algorithm hands the
// context a post-processor with its shipped QML; run to a plain file, nothing.
#include "tests/processing/algorithm_testing.h"

#include "layers/paths.h"
#include "processing/output_style.h"

#include <qgscategorizedsymbolrenderer.h>
#include <qgsgraduatedsymbolrenderer.h>
#include <qgsprocessingoutputs.h>
#include <qgsprocessingparameters.h>
#include <qgsproject.h>
#include <qgssymbol.h>

#include <QTemporaryDir>

using namespace testdata;

namespace
{
constexpr double X0 = 500000, Y0 = 4000000; // EPSG:4548, metres

//! A 4 × 4 grid of 1 km squares: many firms in the north-east, few in the south-west; each holds one carrier of its sector.
QString grid( QgsProcessingContext &context )
{
  std::vector<std::pair<QString, QVariantList>> features;
  for ( int row = 0; row < 4; ++row )
    for ( int column = 0; column < 4; ++column )
      features.push_back( { squareWkt( X0 + column * 1000.0, Y0 + row * 1000.0, 1000 ),
                            { QStringLiteral( "r%1c%2" ).arg( row ).arg( column ), ( row >= 2 && column >= 2 ) ? 90 : 3 + ( row * 5 + column * 3 ) % 4 } } );
  return memoryLayer( context, QStringLiteral( "Polygon?crs=EPSG:4548&field=code:string&field=firms:integer" ), features );
}

//! OUTPUT as the toolbox gives it: a layer to load into project when the run ends.
QVariant loadedOutput( const QString &path, QgsProject &project )
{
  QgsProcessingOutputLayerDefinition output( path, &project );
  return QVariant::fromValue( output );
}

//! The post-processor QGIS will run on results[OUTPUT], applied to the layer as QGIS would; the layer's categorized renderer.
QgsCategorizedSymbolRenderer *styledOnLoad( const AlgorithmRun &run, QgsProcessingContext &context )
{
  const QString destination = run.results.value( QStringLiteral( "OUTPUT" ) ).toString();
  REQUIRE( context.willLoadLayerOnCompletion( destination ) );
  QgsProcessingLayerPostProcessorInterface *processor = context.layerToLoadOnCompletionDetails( destination ).postProcessor();
  REQUIRE( processor );
  QgsVectorLayer *layer = outputLayer( run, QStringLiteral( "OUTPUT" ), context );
  QgsProcessingFeedback feedback;
  processor->postProcessLayer( layer, context, &feedback );
  CHECK( feedback.textLog().isEmpty() );
  return dynamic_cast<QgsCategorizedSymbolRenderer *>( layer->renderer() );
}
} // namespace

TEST_CASE( "output style - hot spots, LISA and specialization loaded from the toolbox come with their shipped style", "[processing][style]" )
{
  QgsProject project;
  QgsProcessingContext context;
  context.setProject( &project );
  QTemporaryDir dir;
  REQUIRE( dir.isValid() );
  const QString units = grid( context );

  SECTION( "hot spots: Gi_Bin in seven classes, red 99% hot, blue 99% cold" )
  {
    const AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:hotspots" ),
                                           { { "INPUT", units }, { "FIELD", "firms" }, { "OUTPUT", loadedOutput( dir.filePath( "hot.gpkg" ), project ) } }, context );
    INFO( run.log.toStdString() );
    REQUIRE( run.ok );
    QgsCategorizedSymbolRenderer *renderer = styledOnLoad( run, context );
    REQUIRE( renderer );
    CHECK( renderer->classAttribute() == QStringLiteral( "Gi_Bin" ) );
    REQUIRE( renderer->categories().size() == 7 );
    const int hot = renderer->categoryIndexForValue( 3 ), cold = renderer->categoryIndexForValue( -3 );
    REQUIRE( hot >= 0 );
    REQUIRE( cold >= 0 );
    CHECK( renderer->categories()[hot].symbol()->color().name() == QStringLiteral( "#d7191c" ) );
    CHECK( renderer->categories()[cold].symbol()->color().name() == QStringLiteral( "#4575b4" ) );
    CHECK( renderer->categories()[hot].label().startsWith( QStringLiteral( "Hot Spot - 99% Confidence" ) ) );
  }
  SECTION( "local Moran: COType in GeoDa's colours" )
  {
    const AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:moran" ),
                                           { { "INPUT", units }, { "FIELD", "firms" }, { "OUTPUT", loadedOutput( dir.filePath( "lisa.gpkg" ), project ) } }, context );
    INFO( run.log.toStdString() );
    REQUIRE( run.ok );
    QgsCategorizedSymbolRenderer *renderer = styledOnLoad( run, context );
    REQUIRE( renderer );
    CHECK( renderer->classAttribute() == QStringLiteral( "COType" ) );
    const int hh = renderer->categoryIndexForValue( QStringLiteral( "HH" ) );
    REQUIRE( hh >= 0 );
    CHECK( renderer->categories()[hh].symbol()->color().name() == QStringLiteral( "#ff0000" ) ); // GeoDa's High-High
  }
  SECTION( "specialization: units by leading sector" )
  {
    std::vector<std::pair<QString, QVariantList>> carriers;
    for ( int i = 0; i < 16; ++i )
      carriers.push_back( { pointWkt( X0 + ( i % 4 ) * 1000.0 + 500, Y0 + ( i / 4 ) * 1000.0 + 500 ), { i % 3 == 0 ? "it_services" : "marine" } } );
    const QString points = memoryLayer( context, QStringLiteral( "Point?crs=EPSG:4548&field=sector:string" ), carriers );
    const AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:specialization" ),
                                           { { "UNITS", units }, { "POINTS", points }, { "OUTPUT", loadedOutput( dir.filePath( "lq.gpkg" ), project ) } }, context );
    INFO( run.log.toStdString() );
    REQUIRE( run.ok );
    QgsCategorizedSymbolRenderer *renderer = styledOnLoad( run, context );
    REQUIRE( renderer );
    CHECK( renderer->classAttribute().contains( QStringLiteral( "LEAD_SECTOR" ) ) );
    CHECK( renderer->categoryIndexForValue( QStringLiteral( "marine" ) ) >= 0 );
  }
  SECTION( "a plain file output (htsplan run, the dock) is not loaded: no post-processor" )
  {
    const QString path = dir.filePath( "plain.gpkg" );
    const AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:hotspots" ), { { "INPUT", units }, { "FIELD", "firms" }, { "OUTPUT", path } }, context );
    REQUIRE( run.ok );
    CHECK_FALSE( context.willLoadLayerOnCompletion( run.results.value( QStringLiteral( "OUTPUT" ) ).toString() ) );
  }
}

TEST_CASE( "output style - a missing style is said, naming the layer and the file, and the layer keeps QGIS's style", "[processing][style]" )
{
  QgsVectorLayer layer( QStringLiteral( "Polygon?crs=EPSG:4548&field=Gi_Bin:integer" ), QStringLiteral( "hot spots" ), QStringLiteral( "memory" ) );
  REQUIRE( layer.isValid() );
  const QString error = htsplan::applyBundledStyle( layer, QStringLiteral( "no_such_style" ) );
  CHECK( error.contains( QStringLiteral( "hot spots" ) ) );
  CHECK( error.contains( QStringLiteral( "no_such_style.qml" ) ) );
  CHECK( dynamic_cast<QgsCategorizedSymbolRenderer *>( layer.renderer() ) == nullptr );
  CHECK( htsplan::applyBundledStyle( layer, QStringLiteral( "hotspots" ) ).isEmpty() );
  CHECK( dynamic_cast<QgsCategorizedSymbolRenderer *>( layer.renderer() ) != nullptr );
}

TEST_CASE( "output style - the split among cities comes graduated on each city's carriers allocated, classes made on the data", "[processing][style]" )
{
  QgsProject project;
  QgsProcessingContext context;
  context.setProject( &project );
  QTemporaryDir dir;
  REQUIRE( dir.isValid() );
  const AlgorithmRun run = runAlgorithm( QStringLiteral( "htsplan:allocate" ),
                                         { { "FACILITIES", QString::fromStdString( htsplan::defaultFacilitiesPath() ) },
                                           { "YEAR", 2013 },
                                           { "OUTPUT", loadedOutput( dir.filePath( "split.gpkg" ), project ) } },
                                         context );
  INFO( run.log.toStdString() );
  REQUIRE( run.ok );
  const QString destination = run.results.value( QStringLiteral( "OUTPUT" ) ).toString();
  REQUIRE( context.willLoadLayerOnCompletion( destination ) );
  QgsVectorLayer *layer = outputLayer( run, QStringLiteral( "OUTPUT" ), context );
  QgsProcessingFeedback feedback;
  context.layerToLoadOnCompletionDetails( destination ).postProcessor()->postProcessLayer( layer, context, &feedback );
  CHECK( feedback.textLog().isEmpty() );
  auto *renderer = dynamic_cast<QgsGraduatedSymbolRenderer *>( layer->renderer() );
  REQUIRE( renderer );
  CHECK( renderer->classAttribute() == QStringLiteral( "sum(\"ALLOCATED\", group_by:=\"CODE\")" ) );
  // Each city's carriers allocated over every kind, summed here from the features.
  std::map<QString, int> byCity;
  QgsFeature f;
  QgsFeatureIterator it = layer->getFeatures();
  while ( it.nextFeature( f ) )
    byCity[f.attribute( QStringLiteral( "CODE" ) ).toString()] += f.attribute( QStringLiteral( "ALLOCATED" ) ).toInt();
  REQUIRE( byCity.size() == 17 );
  int low = INT_MAX, high = 0;
  for ( const auto &[code, n] : byCity )
  {
    low = std::min( low, n );
    high = std::max( high, n );
  }
  REQUIRE( high > low );
  // The style's placeholder classes (0 to 50) are replaced by five made on these sums.
  REQUIRE( renderer->ranges().size() == 5 );
  CHECK( renderer->ranges().front().lowerValue() == low );
  CHECK( renderer->ranges().back().upperValue() == high );
  CHECK( renderer->ranges().back().symbol()->color().name() == QStringLiteral( "#bd0026" ) );
}
