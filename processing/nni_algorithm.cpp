#include "processing/nni_algorithm.h"

#include "geometry/polygon_index.h"
#include "analysis/pattern/nearest_neighbour.h"
#include "analysis/pattern/nni_verdict.h"
#include "processing/ogr_bridge.h"
#include "processing/point_source.h"
#include "layers/problems.h"
#include "layers/parallel.h"

#include <qgscoordinatetransform.h>
#include <qgsexception.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingparameters.h>

#include <QFile>
#include <QTextStream>

namespace htsplan
{

namespace
{
enum StudyArea
{
  Extent = 0,
  ConvexHull = 1,
  Polygons = 2
};
}

QString NniAlgorithm::name() const
{
  return QStringLiteral( "nni" );
}

QString NniAlgorithm::displayName() const
{
  return QStringLiteral( "Nearest neighbour index (最近邻指数)" );
}

Algorithm::Group NniAlgorithm::toolboxGroup() const
{
  return Group::Pattern;
}

QString NniAlgorithm::menuLabel() const
{
  return QString::fromUtf8( QT_TRANSLATE_NOOP( "htsplan::Algorithm", "Nearest neighbour index" ) );
}

QStringList NniAlgorithm::tags() const
{
  return QStringLiteral( "nearest,neighbour,clark,evans,clustering,pattern,nni" ).split( ',' );
}

NniAlgorithm *NniAlgorithm::createInstance() const
{
  return new NniAlgorithm();
}

void NniAlgorithm::initAlgorithm( const QVariantMap & )
{
  addParameter( new QgsProcessingParameterFeatureSource( QStringLiteral( "INPUT" ), QStringLiteral( "Input layer" ),
                                                         QList<int>() << QgsProcessing::TypeVector ) );
  addParameter( new QgsProcessingParameterEnum( QStringLiteral( "STUDY_AREA" ), QStringLiteral( "Study area" ),
                                                QStringList { QStringLiteral( "Layer extent (as QGIS)" ), QStringLiteral( "Convex hull of the points" ),
                                                              QStringLiteral( "Polygons of AREA (province, a city...)" ) },
                                                false, 0 ) );
  addParameter( new QgsProcessingParameterFeatureSource( QStringLiteral( "AREA" ), QStringLiteral( "Study area polygons (for STUDY_AREA 2)" ),
                                                         QList<int>() << QgsProcessing::TypeVectorPolygon, QVariant(), true ) );
  addParameter( new QgsProcessingParameterFileDestination( QStringLiteral( "OUTPUT_HTML_FILE" ), QStringLiteral( "Nearest neighbour" ),
                                                           QStringLiteral( "HTML files (*.html)" ), QVariant(), true, false ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "OBSERVED_MD" ), QStringLiteral( "Observed mean distance (m)" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "EXPECTED_MD" ), QStringLiteral( "Expected mean distance (m)" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "NN_INDEX" ), QStringLiteral( "Nearest neighbour index" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "POINT_COUNT" ), QStringLiteral( "Number of points" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "Z_SCORE" ), QStringLiteral( "Z-score" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "P_VALUE" ), QStringLiteral( "p-value (two-sided)" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "STANDARD_ERROR" ), QStringLiteral( "Standard error (m)" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "AREA_KM2" ), QStringLiteral( "Study area (km²)" ) ) );
  addOutput( new QgsProcessingOutputHtml( QStringLiteral( "OUTPUT_HTML_FILE" ), QStringLiteral( "Nearest neighbour" ) ) );
}

QString NniAlgorithm::helpEnglish() const
{
  return QStringLiteral(
    "Clark-Evans nearest-neighbour index of a point layer: observed and expected mean distance to the nearest other point, "
    "their ratio (below 1 clustered, above 1 dispersed), z-score and two-sided p-value. The expected distance depends on the "
    "study area: STUDY_AREA 0 takes the layer's extent, as QGIS's \"Nearest neighbour analysis\" does (same outputs, same "
    "values on projected data); 1 the convex hull of the points; 2 the polygons of AREA (the province, or one city through a "
    "filtered layer), and then only the points inside them count. Distances are metres: longitude/latitude layers are "
    "projected to htsplan's Albers equal-area CRS for Shandong (true to 0.03% in distance) first (QGIS would give degrees). Needs at least two distinct points." );
}

QString NniAlgorithm::helpChinese() const
{
  return QStringLiteral(
    "计算点图层的 Clark-Evans 最近邻指数：实测与期望的平均最近邻距离、二者之比（小于 1 为集聚，大于 1 为离散）、z 值和双侧 p 值。"
    "期望距离取决于研究区：STUDY_AREA 为 0 时取图层范围，与 QGIS“最近邻分析”一致；为 1 时取点的凸包；为 2 时取 AREA 图层的面"
    "（全省或经筛选的某市），只统计落在其中的点。距离以米计：经纬度图层先投影到山东等积投影（Albers，距离误差小于 0.03%）。至少需要两个不同位置的点。" );
}

QVariantMap NniAlgorithm::run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback )
{
  std::unique_ptr<QgsProcessingFeatureSource> source( parameterAsSource( parameters, QStringLiteral( "INPUT" ), context ) );
  if ( !source )
    throw sourceError( parameters, QStringLiteral( "INPUT" ) );
  const int studyArea = parameterAsEnum( parameters, QStringLiteral( "STUDY_AREA" ), context );

  PointReadOptions options;
  options.layerLabel = QStringLiteral( "INPUT" );
  QgsProcessingMultiStepFeedback steps( 2, feedback );
  PointSet points = readPointParameter( parameters, QStringLiteral( "INPUT" ), context, options, &steps );
  const StudyAreaSize area = measureStudyArea( parameters, context, studyArea, points, feedback );

  // Distances first: they refuse fewer than two points and points all at one spot.
  steps.setCurrentStep( 1 );
  const std::vector<double> distances = nearestNeighbourDistances( points.xs, points.ys, &steps, workerThreads() );
  if ( !( area.m2 > 0 ) )
    throw InputError( QStringLiteral( "the study area (%1) has zero area: the expected distance is undefined; "
                                      "choose another STUDY_AREA (all points on one line?)" )
                        .arg( area.name )
                        .toStdString() );
  const NearestNeighbourStatistics s = nearestNeighbourStatistics( distances, area.m2 );
  const NniPattern verdict = nniPattern( s );
  const QString pattern = QStringLiteral( "%1 (%2)" ).arg( QString::fromUtf8( nniPatternKey( verdict ) ), QString::fromUtf8( nniPatternNameZh( verdict ) ) );
  feedback->pushInfo( QStringLiteral( "Nearest neighbour index %1 over %2 points, study area %3 km² (%4): %5" )
                        .arg( s.index, 0, 'f', 4 )
                        .arg( s.pointCount )
                        .arg( area.m2 / 1e6, 0, 'f', 1 )
                        .arg( area.name, pattern ) );

  QVariantMap results;
  const QString html = parameterAsFileOutput( parameters, QStringLiteral( "OUTPUT_HTML_FILE" ), context );
  if ( !html.isEmpty() )
  {
    writeHtml( html, s, area, pattern );
    results.insert( QStringLiteral( "OUTPUT_HTML_FILE" ), html );
  }
  results.insert( QStringLiteral( "OBSERVED_MD" ), s.observedMeanDistanceM );
  results.insert( QStringLiteral( "EXPECTED_MD" ), s.expectedMeanDistanceM );
  results.insert( QStringLiteral( "NN_INDEX" ), s.index );
  results.insert( QStringLiteral( "POINT_COUNT" ), static_cast<double>( s.pointCount ) );
  results.insert( QStringLiteral( "Z_SCORE" ), s.zScore );
  results.insert( QStringLiteral( "P_VALUE" ), s.pValue );
  results.insert( QStringLiteral( "STANDARD_ERROR" ), s.standardErrorM );
  results.insert( QStringLiteral( "AREA_KM2" ), area.m2 / 1e6 );
  return results;
}

NniAlgorithm::StudyAreaSize NniAlgorithm::measureStudyArea( const QVariantMap &parameters, QgsProcessingContext &context, int studyArea,
                                                            PointSet &points, QgsProcessingFeedback *feedback ) const
{
  if ( studyArea == Extent )
  {
    // QGIS's choice: the layer's own extent (a GeoPackage's stored extent).
    const double area = points.reprojected ? pointsExtentArea( points.xs, points.ys ) : points.sourceExtent.width() * points.sourceExtent.height();
    return { area, QStringLiteral( "layer extent" ) };
  }
  if ( studyArea == ConvexHull )
    return { convexHullArea( points.xs, points.ys ), QStringLiteral( "convex hull" ) };

  std::unique_ptr<QgsProcessingFeatureSource> polygons( parameterAsSource( parameters, QStringLiteral( "AREA" ), context ) );
  if ( !polygons )
    throw InputError( "AREA: STUDY_AREA 2 needs a polygon layer (the province, or one city)" );
  // The study area in the points' working CRS: its area in m², and only the points inside it count.
  const QgsCoordinateTransform transform( polygons->sourceCrs(), points.crs, context.transformContext() );
  if ( polygons->sourceCrs().isValid() && points.crs.isValid() && !transform.isValid() )
    throw InputError( QStringLiteral( "AREA (%1): no transform from %2 to %3" ).arg( polygons->sourceName(), polygons->sourceCrs().authid(), points.crs.authid() ).toStdString() );
  QVector<QgsGeometry> parts;
  QgsFeatureIterator it = polygons->getFeatures();
  QgsFeature f;
  while ( it.nextFeature( f ) )
  {
    QgsGeometry g = f.geometry();
    if ( g.isNull() )
      continue;
    if ( polygons->sourceCrs().isValid() && points.crs.isValid() )
      g.transform( transform );
    parts.push_back( g );
  }
  const QgsGeometry united = QgsGeometry::unaryUnion( parts );
  OGRGeometryUniquePtr shape = toOgr( united );
  const PolygonIndex index( { shape.get() } );
  size_t kept = 0;
  for ( size_t i = 0; i < points.size(); ++i )
    if ( index.locate( points.xs[i], points.ys[i] ) == 0 )
    {
      points.xs[kept] = points.xs[i];
      points.ys[kept] = points.ys[i];
      ++kept;
    }
  if ( kept < points.size() )
    feedback->pushInfo( QStringLiteral( "%1 of %2 points lie outside the study area and are left out" ).arg( points.size() - kept ).arg( points.size() ) );
  points.xs.resize( kept );
  points.ys.resize( kept );
  return { united.area(), QStringLiteral( "polygons of AREA" ) };
}

void NniAlgorithm::writeHtml( const QString &path, const NearestNeighbourStatistics &s, const StudyAreaSize &area, const QString &pattern ) const
{
  QFile file( path );
  if ( !file.open( QIODevice::WriteOnly | QIODevice::Truncate ) )
    throw OutputError( QStringLiteral( "OUTPUT_HTML_FILE: cannot write %1" ).arg( path ).toStdString() );
  QTextStream out( &file );
  out.setCodec( "UTF-8" );
  out << "<html><head><meta charset=\"utf-8\"/></head><body>\n"
      << QStringLiteral( "<p>Observed mean distance 实测平均最近邻距离: %1 m</p>\n" ).arg( s.observedMeanDistanceM, 0, 'f', 3 )
      << QStringLiteral( "<p>Expected mean distance 期望平均最近邻距离: %1 m</p>\n" ).arg( s.expectedMeanDistanceM, 0, 'f', 3 )
      << QStringLiteral( "<p>Nearest neighbour index 最近邻指数: %1</p>\n" ).arg( s.index, 0, 'f', 6 )
      << QStringLiteral( "<p>Number of points 点数: %1</p>\n" ).arg( s.pointCount )
      << QStringLiteral( "<p>Z-score: %1, p-value: %2 — %3</p>\n" ).arg( s.zScore, 0, 'f', 4 ).arg( s.pValue, 0, 'g', 4 ).arg( pattern )
      << QStringLiteral( "<p>Study area 研究区: %1, %2 km²</p>\n" ).arg( area.name ).arg( area.m2 / 1e6, 0, 'f', 3 )
      << "</body></html>\n";
}

} // namespace htsplan
