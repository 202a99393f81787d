#include "processing/hex_density_algorithm.h"

#include "analysis/density/hexgrid.h"
#include "processing/point_source.h"
#include "layers/problems.h"
#include "planning/defaults.h"
#include "layers/parallel.h"

#include <qgsfeaturesink.h>
#include <qgsexception.h>
#include <qgsgeometry.h>
#include <qgspolygon.h>
#include <qgslinestring.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingparameters.h>

namespace htsplan
{

QString HexDensityAlgorithm::name() const
{
  return QStringLiteral( "hexdensity" );
}

QString HexDensityAlgorithm::displayName() const
{
  return QStringLiteral( "Hexagon grid density (六边形格网密度)" );
}

Algorithm::Group HexDensityAlgorithm::toolboxGroup() const
{
  return Group::Density;
}

QString HexDensityAlgorithm::menuLabel() const
{
  return QString::fromUtf8( QT_TRANSLATE_NOOP( "htsplan::Algorithm", "Hexagon grid density" ) );
}

QStringList HexDensityAlgorithm::tags() const
{
  return QStringLiteral( "hexagon,grid,density,count,bin,creategrid" ).split( ',' );
}

HexDensityAlgorithm *HexDensityAlgorithm::createInstance() const
{
  return new HexDensityAlgorithm();
}

void HexDensityAlgorithm::initAlgorithm( const QVariantMap & )
{
  addParameter( new QgsProcessingParameterFeatureSource( QStringLiteral( "INPUT" ), QStringLiteral( "Facilities" ),
                                                         QList<int>() << QgsProcessing::TypeVector ) );
  addParameter( new QgsProcessingParameterNumber( QStringLiteral( "CELL_SIZE" ), QStringLiteral( "Cell size: distance between neighbouring centres (metres)" ),
                                                  QgsProcessingParameterNumber::Double, DEFAULT_HEX_CELL_M, false, 0.0 ) );
  addParameter( new QgsProcessingParameterField( QStringLiteral( "CATEGORY_FIELD" ), QStringLiteral( "Count per value of this field (e.g. sector)" ),
                                                 QVariant(), QStringLiteral( "INPUT" ), QgsProcessingParameterField::Any, false, true ) );
  addParameter( new QgsProcessingParameterExtent( QStringLiteral( "EXTENT" ), QStringLiteral( "Grid extent (default: the points' extent)" ), QVariant(), true ) );
  addParameter( new QgsProcessingParameterFeatureSink( QStringLiteral( "OUTPUT" ), QStringLiteral( "Hexagon counts" ), QgsProcessing::TypeVectorPolygon ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "CELLS" ), QStringLiteral( "Cells with at least one facility" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "MAX_COUNT" ), QStringLiteral( "Most facilities in one cell" ) ) );
}

QString HexDensityAlgorithm::helpEnglish() const
{
  return QStringLiteral(
    "Counts facilities on a grid of regular hexagons and writes the cells that hold at least one, with COUNT and, with "
    "CATEGORY_FIELD, one COUNT_value column per value. CELL_SIZE is the distance between neighbouring cell centres in metres. "
    "The grid is laid out exactly as QGIS's \"Create grid\" (hexagon, HSPACING = VSPACING = CELL_SIZE) over EXTENT, or over the "
    "points' extent grown by one cell: the id field is QGIS's, so creategrid + \"Count points in polygon\" give the same "
    "counts. Longitude/latitude layers are projected to htsplan's Albers equal-area CRS for Shandong (true to 0.03% in distance) first (cells in metres, equal area)." );
}

QString HexDensityAlgorithm::helpChinese() const
{
  return QStringLiteral(
    "在正六边形格网上统计设施数，输出含设施的格子及其 COUNT；设置 CATEGORY_FIELD 时按每个取值加一列 COUNT_取值。"
    "CELL_SIZE 为相邻格子中心的距离（米）。格网布局与 QGIS“创建格网”（六边形，HSPACING = VSPACING = CELL_SIZE）完全一致，"
    "id 字段相同，可用 QGIS 复核。经纬度图层先投影到山东等积投影（Albers，距离误差小于 0.03%），格子等面积、以米计。" );
}

QVariantMap HexDensityAlgorithm::run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback )
{
  std::unique_ptr<QgsProcessingFeatureSource> source( parameterAsSource( parameters, QStringLiteral( "INPUT" ), context ) );
  if ( !source )
    throw sourceError( parameters, QStringLiteral( "INPUT" ) );
  const double cellSize = positiveParameter( parameters, QStringLiteral( "CELL_SIZE" ), QStringLiteral( "metres" ), context );

  PointReadOptions options;
  options.layerLabel = QStringLiteral( "INPUT" );
  options.categoryField = parameterAsString( parameters, QStringLiteral( "CATEGORY_FIELD" ), context );
  QgsProcessingMultiStepFeedback steps( 2, feedback );
  const PointSet points = readPointParameter( parameters, QStringLiteral( "INPUT" ), context, options, &steps );
  if ( points.size() == 0 )
    throw InputError( QStringLiteral( "INPUT (%1): no points to count" ).arg( source->sourceName() ).toStdString() );

  const HexGrid grid = gridFor( parameters, context, points, cellSize );
  steps.setCurrentStep( 1 );
  const int categories = points.categoryNames.size();
  const HexCounts counts = hexGridCounts( grid, points.xs, points.ys, points.categories, categories, workerThreads(), &steps );

  const QString destination = writeCells( parameters, context, points, counts, cellSize );
  if ( counts.pointsOutside > 0 )
    feedback->pushInfo( QStringLiteral( "%1 points lie outside the grid's extent" ).arg( counts.pointsOutside ) );

  QVariantMap results;
  results.insert( QStringLiteral( "OUTPUT" ), destination );
  results.insert( QStringLiteral( "CELLS" ), static_cast<double>( counts.cells.size() ) );
  long long maxCount = 0;
  for ( const HexCell &cell : counts.cells )
    maxCount = std::max( maxCount, cell.count );
  results.insert( QStringLiteral( "MAX_COUNT" ), static_cast<double>( maxCount ) );
  return results;
}

HexGrid HexDensityAlgorithm::gridFor( const QVariantMap &parameters, QgsProcessingContext &context, const PointSet &points, double cellSize ) const
{
  if ( parameters.value( QStringLiteral( "EXTENT" ) ).isValid() && !parameters.value( QStringLiteral( "EXTENT" ) ).toString().isEmpty() )
  {
    const QgsRectangle extent = parameterAsExtent( parameters, QStringLiteral( "EXTENT" ), context, points.crs );
    return HexGrid( extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum(), cellSize );
  }
  const QgsRectangle box = points.boundingBox();
  return HexGrid::covering( box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum(), cellSize );
}

QString HexDensityAlgorithm::writeCells( const QVariantMap &parameters, QgsProcessingContext &context, const PointSet &points, const HexCounts &counts,
                                         double cellSize ) const
{
  const int categories = points.categoryNames.size();
  QgsFields fields;
  fields.append( QgsField( QStringLiteral( "id" ), QVariant::LongLong ) );
  fields.append( QgsField( QStringLiteral( "COUNT" ), QVariant::LongLong ) );
  fields.append( QgsField( QStringLiteral( "PER_KM2" ), QVariant::Double ) );
  for ( const QString &category : points.categoryNames )
    fields.append( QgsField( QStringLiteral( "COUNT_" ) + category, QVariant::LongLong ) );
  QString destination;
  std::unique_ptr<QgsFeatureSink> sink( parameterAsSink( parameters, QStringLiteral( "OUTPUT" ), context, destination, fields,
                                                         QgsWkbTypes::Polygon, points.crs ) );
  if ( !sink )
    throw sinkError( parameters, QStringLiteral( "OUTPUT" ) );
  const double cellAreaKm2 = std::sqrt( 3.0 ) / 2.0 * cellSize * cellSize / 1e6;
  for ( size_t c = 0; c < counts.cells.size(); ++c )
  {
    const HexCell &cell = counts.cells[c];
    QVector<double> xs( 7 ), ys( 7 );
    for ( int v = 0; v < 7; ++v )
    {
      xs[v] = cell.ringX[v];
      ys[v] = cell.ringY[v];
    }
    QgsFeature f( fields );
    f.setGeometry( QgsGeometry( new QgsPolygon( new QgsLineString( xs, ys ) ) ) );
    QgsAttributes attributes;
    attributes << cell.id << cell.count << static_cast<double>( cell.count ) / cellAreaKm2;
    for ( int k = 0; k < categories; ++k )
      attributes << static_cast<long long>( counts.categoryCounts[c * categories + k] );
    f.setAttributes( attributes );
    if ( !sink->addFeature( f, QgsFeatureSink::FastInsert ) )
      throw writeError( sink.get(), parameters, QStringLiteral( "OUTPUT" ) );
  }
  return destination;
}

} // namespace htsplan
