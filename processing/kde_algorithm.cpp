#include "processing/kde_algorithm.h"

#include "analysis/density/kde.h"
#include "processing/point_source.h"
#include "layers/problems.h"
#include "planning/defaults.h"
#include "layers/parallel.h"

#include <qgsexception.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingparameters.h>

#include <QFileInfo>

namespace htsplan
{

QString KdeAlgorithm::name() const
{
  return QStringLiteral( "kde" );
}

QString KdeAlgorithm::displayName() const
{
  return QStringLiteral( "Kernel density (核密度)" );
}

Algorithm::Group KdeAlgorithm::toolboxGroup() const
{
  return Group::Density;
}

QString KdeAlgorithm::menuLabel() const
{
  return QString::fromUtf8( QT_TRANSLATE_NOOP( "htsplan::Algorithm", "Kernel density" ) );
}

QStringList KdeAlgorithm::tags() const
{
  return QStringLiteral( "heatmap,kde,kernel,density,hotspot,raster" ).split( ',' );
}

KdeAlgorithm *KdeAlgorithm::createInstance() const
{
  return new KdeAlgorithm();
}

void KdeAlgorithm::initAlgorithm( const QVariantMap & )
{
  addParameter( new QgsProcessingParameterFeatureSource( QStringLiteral( "INPUT" ), QStringLiteral( "Point layer" ),
                                                         QList<int>() << QgsProcessing::TypeVectorPoint ) );
  addParameter( new QgsProcessingParameterNumber( QStringLiteral( "RADIUS" ), QStringLiteral( "Radius (metres)" ),
                                                  QgsProcessingParameterNumber::Double, DEFAULT_KDE_RADIUS_M, false, 0.0 ) );
  addParameter( new QgsProcessingParameterNumber( QStringLiteral( "PIXEL_SIZE" ), QStringLiteral( "Pixel size (metres)" ),
                                                  QgsProcessingParameterNumber::Double, DEFAULT_KDE_PIXEL_M, false, 0.0 ) );
  addParameter( new QgsProcessingParameterField( QStringLiteral( "WEIGHT_FIELD" ), QStringLiteral( "Weight from field" ), QVariant(),
                                                 QStringLiteral( "INPUT" ), QgsProcessingParameterField::Numeric, false, true ) );
  addParameter( new QgsProcessingParameterEnum( QStringLiteral( "KERNEL" ), QStringLiteral( "Kernel shape" ),
                                                QStringList { QStringLiteral( "Quartic" ), QStringLiteral( "Triangular" ), QStringLiteral( "Uniform" ),
                                                              QStringLiteral( "Triweight" ), QStringLiteral( "Epanechnikov" ) },
                                                false, 0 ) );
  auto *decay = new QgsProcessingParameterNumber( QStringLiteral( "DECAY" ), QStringLiteral( "Decay ratio (triangular kernels only)" ),
                                                  QgsProcessingParameterNumber::Double, 0.0, true, -100.0, 100.0 );
  decay->setFlags( decay->flags() | QgsProcessingParameterDefinition::FlagAdvanced );
  addParameter( decay );
  addParameter( new QgsProcessingParameterEnum( QStringLiteral( "OUTPUT_VALUE" ), QStringLiteral( "Output value scaling" ),
                                                QStringList { QStringLiteral( "Raw" ), QStringLiteral( "Scaled" ) }, false, 0 ) );
  addParameter( new QgsProcessingParameterRasterDestination( QStringLiteral( "OUTPUT" ), QStringLiteral( "Heatmap" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "ROWS" ), QStringLiteral( "Raster rows" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "COLUMNS" ), QStringLiteral( "Raster columns" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "MAX_VALUE" ), QStringLiteral( "Highest density" ) ) );
}

QString KdeAlgorithm::helpEnglish() const
{
  return QStringLiteral(
    "Kernel density (heatmap) of a point layer as a GeoTIFF, with the parameters of QGIS's \"Heatmap (Kernel Density "
    "Estimation)\": RADIUS and PIXEL_SIZE, an optional WEIGHT_FIELD (null or negative weights are refused), KERNEL "
    "(quartic, triangular, uniform, triweight, Epanechnikov), DECAY for triangular kernels and raw or scaled OUTPUT_VALUE. "
    "On projected input the raster equals QGIS's: the layer extent grown by the radius, the same pixels, nodata -9999 "
    "where no kernel reaches, the same values. RADIUS and PIXEL_SIZE are always metres: a layer in longitude/latitude "
    "(EPSG:4490, 4326) is projected to htsplan's Albers equal-area CRS for Shandong (true to 0.03% in distance) first and the raster is in that CRS "
    "(QGIS would read 10000 as 10,000 degrees). Uses all processor cores; the result does not depend on their number. "
    "A raster over 500 million pixels is refused before any memory is taken." );
}

QString KdeAlgorithm::helpChinese() const
{
  return QStringLiteral(
    "计算点图层的核密度（热力图），输出 GeoTIFF。参数与 QGIS“热力图（核密度估计）”相同：半径 RADIUS、像元大小 PIXEL_SIZE、"
    "可选权重字段 WEIGHT_FIELD（权重为空或为负时报错）、核函数 KERNEL（四次、三角、均匀、三权、Epanechnikov）、三角核衰减 DECAY、"
    "原始值或缩放值 OUTPUT_VALUE。投影坐标输入时结果与 QGIS 完全一致（范围为图层范围向外扩展一个半径，无核覆盖处为 -9999）。"
    "半径和像元大小一律以米为单位：经纬度图层（EPSG:4490、4326）先投影到山东等积投影（Albers，距离误差小于 0.03%）再计算，输出栅格也在该投影下"
    "（QGIS 会把 10000 当作 10000 度）。使用全部处理器核心，结果与核心数无关。超过 5 亿像元的栅格在分配内存前即被拒绝。" );
}

QVariantMap KdeAlgorithm::run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback )
{
  std::unique_ptr<QgsProcessingFeatureSource> source( parameterAsSource( parameters, QStringLiteral( "INPUT" ), context ) );
  if ( !source )
    throw sourceError( parameters, QStringLiteral( "INPUT" ) );
  const KdeParameters kde = kdeParameters( parameters, context );
  const QString outputPath = geoTiffOutput( parameters, context );

  PointReadOptions options;
  options.layerLabel = QStringLiteral( "INPUT" );
  options.weightField = parameterAsString( parameters, QStringLiteral( "WEIGHT_FIELD" ), context );
  options.explodeMultipoints = true; // as QGIS's heatmap
  QgsProcessingMultiStepFeedback steps( 2, feedback );
  const PointSet points = readPointParameter( parameters, QStringLiteral( "INPUT" ), context, options, &steps );
  if ( points.size() == 0 )
    throw InputError( QStringLiteral( "INPUT (%1): no points to estimate a density from" ).arg( source->sourceName() ).toStdString() );

  const KdeExtent extent = rasterExtent( points );
  const KdeGrid shape = kdeGridShape( extent, kde );
  feedback->pushInfo( QStringLiteral( "Raster of %1 x %2 pixels for %3 points" ).arg( shape.rows ).arg( shape.cols ).arg( points.size() ) );

  steps.setCurrentStep( 1 );
  const KdeGrid grid = kernelDensity( points.xs, points.ys, points.weights, extent, kde, workerThreads(), &steps );
  writeKdeGeoTiff( grid, outputPath.toStdString(), points.crs.toWkt( QgsCoordinateReferenceSystem::WKT_PREFERRED_GDAL ).toStdString() );

  float maxValue = 0;
  for ( float v : grid.values )
    maxValue = std::max( maxValue, v );
  QVariantMap results;
  results.insert( QStringLiteral( "OUTPUT" ), outputPath );
  results.insert( QStringLiteral( "ROWS" ), grid.rows );
  results.insert( QStringLiteral( "COLUMNS" ), grid.cols );
  results.insert( QStringLiteral( "MAX_VALUE" ), static_cast<double>( maxValue ) );
  return results;
}

KdeParameters KdeAlgorithm::kdeParameters( const QVariantMap &parameters, QgsProcessingContext &context ) const
{
  KdeParameters kde;
  kde.radius = positiveParameter( parameters, QStringLiteral( "RADIUS" ), QStringLiteral( "metres" ), context );
  kde.pixelSize = positiveParameter( parameters, QStringLiteral( "PIXEL_SIZE" ), QStringLiteral( "metres" ), context );
  kde.kernel = static_cast<KdeKernel>( parameterAsEnum( parameters, QStringLiteral( "KERNEL" ), context ) );
  kde.decayRatio = parameterAsDouble( parameters, QStringLiteral( "DECAY" ), context );
  kde.output = static_cast<KdeOutput>( parameterAsEnum( parameters, QStringLiteral( "OUTPUT_VALUE" ), context ) );
  return kde;
}

QString KdeAlgorithm::geoTiffOutput( const QVariantMap &parameters, QgsProcessingContext &context ) const
{
  const QString outputPath = parameterAsOutputLayer( parameters, QStringLiteral( "OUTPUT" ), context );
  const QString suffix = QFileInfo( outputPath ).suffix().toLower();
  if ( suffix != QLatin1String( "tif" ) && suffix != QLatin1String( "tiff" ) )
    throw InputError( QStringLiteral( "OUTPUT: htsplan writes GeoTIFF; give a .tif file name (got %1)" ).arg( outputPath ).toStdString() );
  return outputPath;
}

KdeExtent KdeAlgorithm::rasterExtent( const PointSet &points )
{
  // QGIS grows the layer's own extent; once the points are reprojected the
  // extent is theirs in the equal-area CRS.
  if ( points.reprojected )
    return pointsExtent( points.xs, points.ys );
  return { points.sourceExtent.xMinimum(), points.sourceExtent.yMinimum(), points.sourceExtent.xMaximum(), points.sourceExtent.yMaximum() };
}

} // namespace htsplan
