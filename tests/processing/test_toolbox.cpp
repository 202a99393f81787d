// The htsplan algorithms as the toolbox, the graphical modeler and batch
// mode use them: groups and icons, the bundled model chaining two htsplan
// algorithms (data/models) on the sample, and one algorithm created several
// times from the same instance (what batch mode does for each row).
#include "tests/processing/algorithm_testing.h"

#include "processing/algorithm.h"

#include <qgsprocessingmodelalgorithm.h>
#include <qgsprocessingparameters.h>

#include <QFile>
#include <QIcon>
#include <QImage>
#include <QPixmap>

using namespace testdata;

namespace
{
const QString SAMPLE = QStringLiteral( HTSPLAN_SOURCE_DIR "/data/sample/facilities.gpkg" );
const QString ADMIN = QStringLiteral( HTSPLAN_SOURCE_DIR "/data/shandong.gpkg" );
const QString MODEL = QStringLiteral( HTSPLAN_SOURCE_DIR "/data/models/amap_register_per_county.model3" );

QList<const QgsProcessingAlgorithm *> htsplanAlgorithms()
{
  registerHtsplanProvider();
  return QgsApplication::processingRegistry()->providerById( QStringLiteral( "htsplan" ) )->algorithms();
}

//! Pixels of an icon drawn at size px that are not transparent.
int paintedPixels( const QIcon &icon, int size )
{
  const QImage image = icon.pixmap( size, size ).toImage().convertToFormat( QImage::Format_ARGB32 );
  int painted = 0;
  for ( int y = 0; y < image.height(); ++y )
    for ( int x = 0; x < image.width(); ++x )
      painted += qAlpha( image.pixel( x, y ) ) > 0 ? 1 : 0;
  return painted;
}

//! NUMPOINTS per county code of an assign output.
std::map<QString, int> countsPerCounty( QgsVectorLayer *layer )
{
  std::map<QString, int> counts;
  for ( const auto &[code, value] : byKey( layer, QStringLiteral( "code" ), QStringLiteral( "NUMPOINTS" ) ) )
    counts[code] = value.toInt();
  return counts;
}

int total( const std::map<QString, int> &counts )
{
  int sum = 0;
  for ( const auto &entry : counts )
    sum += entry.second;
  return sum;
}
} // namespace

TEST_CASE( "toolbox - every algorithm is in a planner's group, with its icon and bilingual help", "[processing][toolbox]" )
{
  const QList<const QgsProcessingAlgorithm *> algorithms = htsplanAlgorithms();
  REQUIRE( algorithms.size() == 15 );
  std::map<QString, QString> groupOf;
  for ( const QgsProcessingAlgorithm *algorithm : algorithms )
  {
    INFO( algorithm->id().toStdString() );
    groupOf[algorithm->name()] = algorithm->groupId();
    CHECK( !algorithm->group().isEmpty() );
    // The toolbox and the modeler show the algorithm's own icon: it must be in the resources and draw at toolbox size.
    CHECK( QFile::exists( algorithm->svgIconPath() ) );
    CHECK( paintedPixels( algorithm->icon(), 16 ) > 40 );
    CHECK( algorithm->shortHelpString().contains( QStringLiteral( "\n\n" ) ) );
    // The modeler and batch mode hide algorithms with these flags.
    CHECK( ( algorithm->flags() & QgsProcessingAlgorithm::FlagSupportsBatch ) );
    CHECK_FALSE( ( algorithm->flags() & ( QgsProcessingAlgorithm::FlagHideFromModeler | QgsProcessingAlgorithm::FlagHideFromToolbox ) ) );
    // A child's output can feed another child only when the destination is declared as an output too.
    for ( const QgsProcessingParameterDefinition *destination : algorithm->destinationParameterDefinitions() )
      CHECK( algorithm->outputDefinition( destination->name() ) );
    for ( const QgsProcessingParameterDefinition *parameter : algorithm->parameterDefinitions() )
      CHECK( !parameter->description().isEmpty() );
  }
  const std::map<QString, QString> expected = { { "kde", "density" },          { "density", "density" }, { "hexdensity", "density" },
                                                { "dbscan", "pattern" },       { "nni", "pattern" },     { "hotspots", "pattern" },
                                                { "moran", "pattern" }, { "specialization", "pattern" },       { "coverage", "coverage" },
                                                { "assign", "units" },         { "growth", "units" }, { "allocate", "units" },         { "importlist", "registers" },
                                                { "chinacoords", "registers" }, { "validate", "registers" } };
  CHECK( groupOf == expected );
  const QgsProcessingProvider *provider = QgsApplication::processingRegistry()->providerById( QStringLiteral( "htsplan" ) );
  CHECK( QFile::exists( provider->svgIconPath() ) );
  CHECK( paintedPixels( provider->icon(), 16 ) > 40 );
}

TEST_CASE( "toolbox - the bundled model chaining chinacoords into assign counts per county as the two runs one after the other",
           "[processing][toolbox][model]" )
{
  registerHtsplanProvider(); // before the model is loaded: its children find their algorithms in the registry
  const QString points = SAMPLE + QStringLiteral( "|layername=buildings" );
  const QString counties = ADMIN + QStringLiteral( "|layername=counties" );

  // One after the other, as a planner would in the toolbox.
  QgsProcessingContext context;
  const AlgorithmRun converted = runAlgorithm( QStringLiteral( "htsplan:chinacoords" ),
                                               { { "INPUT", points }, { "FROM", 2 }, { "TO", 0 }, { "OUTPUT", QgsProcessing::TEMPORARY_OUTPUT } }, context );
  INFO( converted.log.toStdString() );
  REQUIRE( converted.ok );
  const AlgorithmRun assigned = runAlgorithm( QStringLiteral( "htsplan:assign" ),
                                              { { "POLYGONS", counties }, { "POINTS", converted.results.value( "OUTPUT" ) },
                                                { "FIELD", "NUMPOINTS" }, { "OUTPUT", QgsProcessing::TEMPORARY_OUTPUT } },
                                              context );
  INFO( assigned.log.toStdString() );
  REQUIRE( assigned.ok );
  const std::map<QString, int> separate = countsPerCounty( outputLayer( assigned, QStringLiteral( "OUTPUT" ), context ) );

  // The bundled model, loaded as the modeler opens it: the register's points converted from GCJ-02 to
  // CGCS2000 (htsplan:chinacoords), then counted per county (htsplan:assign).
  QgsProcessingModelAlgorithm model;
  REQUIRE( model.fromFile( MODEL ) );
  QStringList issues;
  const bool valid = model.validate( issues );
  INFO( issues.join( '\n' ).toStdString() );
  REQUIRE( valid );
  REQUIRE( model.childAlgorithms().size() == 2 );
  QgsProcessingContext modelContext;
  QgsProcessingFeedback feedback;
  bool ok = false;
  const QVariantMap results = model.run( { { "points", points }, { "counties", counties }, { "count:counts", QgsProcessing::TEMPORARY_OUTPUT } },
                                         modelContext, &feedback, &ok );
  INFO( feedback.textLog().toStdString() );
  REQUIRE( ok );
  QgsVectorLayer *layer = qobject_cast<QgsVectorLayer *>( QgsProcessingUtils::mapLayerFromString( results.value( "count:counts" ).toString(), modelContext ) );
  REQUIRE( layer );
  const std::map<QString, int> chained = countsPerCounty( layer );

  CHECK( chained.size() == 137 );
  CHECK( chained == separate );
  // The 230 buildings of the sample: the counts add up to what the assign step reported inside a county.
  CHECK( assigned.results.value( "ASSIGNED" ).toInt() + assigned.results.value( "UNASSIGNED" ).toInt() == 230 );
  CHECK( total( chained ) == assigned.results.value( "ASSIGNED" ).toInt() );
  // Jinan's Lixia district (370102) holds buildings in the sample.
  CHECK( chained.at( QStringLiteral( "370102" ) ) > 0 );

  // The model counted converted points: the same buildings counted unconverted fall in the counties otherwise.
  const AlgorithmRun raw = runAlgorithm( QStringLiteral( "htsplan:assign" ),
                                         { { "POLYGONS", counties }, { "POINTS", points }, { "FIELD", "NUMPOINTS" }, { "OUTPUT", QgsProcessing::TEMPORARY_OUTPUT } },
                                         context );
  REQUIRE( raw.ok );
  CHECK( countsPerCounty( outputLayer( raw, QStringLiteral( "OUTPUT" ), context ) ) != chained );
}

TEST_CASE( "toolbox - batch mode: two runs created from one instance with different parameters are independent", "[processing][toolbox][batch]" )
{
  registerHtsplanProvider();
  const QgsProcessingAlgorithm *registered = QgsApplication::processingRegistry()->algorithmById( QStringLiteral( "htsplan:hexdensity" ) );
  REQUIRE( registered );
  const QString points = SAMPLE + QStringLiteral( "|layername=buildings" );

  struct Row
  {
      int cells = 0, maxCount = 0, counted = 0;
  };
  const auto runRow = [&]( QgsProcessingAlgorithm &algorithm, const QVariant &input, double cellSize ) {
    QgsProcessingContext context;
    QgsProcessingFeedback feedback;
    bool ok = false;
    const QVariantMap results = algorithm.run( { { "INPUT", input }, { "CELL_SIZE", cellSize }, { "OUTPUT", QgsProcessing::TEMPORARY_OUTPUT } },
                                               context, &feedback, &ok );
    INFO( feedback.textLog().toStdString() );
    REQUIRE( ok );
    Row row;
    row.cells = results.value( "CELLS" ).toInt();
    row.maxCount = results.value( "MAX_COUNT" ).toInt();
    QgsVectorLayer *layer = qobject_cast<QgsVectorLayer *>( QgsProcessingUtils::mapLayerFromString( results.value( "OUTPUT" ).toString(), context ) );
    REQUIRE( layer );
    for ( const QVariant &count : column( layer, QStringLiteral( "COUNT" ) ) )
      row.counted += count.toInt();
    return row;
  };

  // The batch dialog's rows: one instance per row, each from create() on the same algorithm.
  const std::unique_ptr<QgsProcessingAlgorithm> fine( registered->create() ), coarse( registered->create() ), again( registered->create() );
  const Row fineRow = runRow( *fine, points, 20000.0 );
  const Row coarseRow = runRow( *coarse, points, 80000.0 );
  const Row againRow = runRow( *again, points, 20000.0 );

  CHECK( fineRow.counted == 230 );
  CHECK( coarseRow.counted == 230 );
  CHECK( coarseRow.cells < fineRow.cells );
  CHECK( coarseRow.maxCount > fineRow.maxCount );
  CHECK( againRow.cells == fineRow.cells );
  CHECK( againRow.maxCount == fineRow.maxCount );

  // A row on a memory layer after a row on a file: the second row reads its own input.
  QgsProcessingContext memoryContext;
  const QString three = memoryLayer( memoryContext, QStringLiteral( "Point?crs=EPSG:4548" ),
                                     { { pointWkt( 500000, 4000000 ), {} }, { pointWkt( 500100, 4000100 ), {} }, { pointWkt( 700000, 4000000 ), {} } } );
  const std::unique_ptr<QgsProcessingAlgorithm> memoryRow( registered->create() );
  QgsProcessingFeedback feedback;
  bool ok = false;
  const QVariantMap results = memoryRow->run( { { "INPUT", three }, { "CELL_SIZE", 20000.0 }, { "OUTPUT", QgsProcessing::TEMPORARY_OUTPUT } },
                                              memoryContext, &feedback, &ok );
  REQUIRE( ok );
  CHECK( results.value( "CELLS" ).toInt() == 2 );
  CHECK( results.value( "MAX_COUNT" ).toInt() == 2 );
}
