#include "processing/dbscan_algorithm.h"

#include "analysis/pattern/dbscan.h"
#include "processing/gpkg_output.h"
#include "processing/point_source.h"
#include "layers/problems.h"
#include "planning/defaults.h"
#include "layers/parallel.h"

#include <qgsexception.h>
#include <qgsfeaturesink.h>
#include <qgsgeometry.h>
#include <qgslinestring.h>
#include <qgspolygon.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingparameters.h>

#include <unordered_map>

namespace htsplan
{

QString DbscanAlgorithm::name() const
{
  return QStringLiteral( "dbscan" );
}

QString DbscanAlgorithm::displayName() const
{
  return QStringLiteral( "DBSCAN clusters (密度聚类)" );
}

Algorithm::Group DbscanAlgorithm::toolboxGroup() const
{
  return Group::Pattern;
}

QString DbscanAlgorithm::menuLabel() const
{
  return QString::fromUtf8( QT_TRANSLATE_NOOP( "htsplan::Algorithm", "DBSCAN clusters" ) );
}

QStringList DbscanAlgorithm::tags() const
{
  return QStringLiteral( "dbscan,cluster,clustering,density,agglomeration,hull" ).split( ',' );
}

DbscanAlgorithm *DbscanAlgorithm::createInstance() const
{
  return new DbscanAlgorithm();
}

void DbscanAlgorithm::initAlgorithm( const QVariantMap & )
{
  addParameter( new QgsProcessingParameterFeatureSource( QStringLiteral( "INPUT" ), QStringLiteral( "Input layer" ),
                                                         QList<int>() << QgsProcessing::TypeVectorPoint ) );
  addParameter( new QgsProcessingParameterNumber( QStringLiteral( "MIN_SIZE" ), QStringLiteral( "Minimum cluster size" ),
                                                  QgsProcessingParameterNumber::Integer, DEFAULT_DBSCAN_MIN_SIZE, false, 1 ) );
  addParameter( new QgsProcessingParameterNumber( QStringLiteral( "EPS" ), QStringLiteral( "Maximum distance between clustered points (metres)" ),
                                                  QgsProcessingParameterNumber::Double, DEFAULT_DBSCAN_EPS_M, false, 0.0 ) );
  auto *noise = new QgsProcessingParameterBoolean( QStringLiteral( "DBSCAN*" ), QStringLiteral( "Treat border points as noise (DBSCAN*)" ), false, true );
  noise->setFlags( noise->flags() | QgsProcessingParameterDefinition::FlagAdvanced );
  addParameter( noise );
  auto *field = new QgsProcessingParameterString( QStringLiteral( "FIELD_NAME" ), QStringLiteral( "Cluster field name" ), QStringLiteral( "CLUSTER_ID" ) );
  field->setFlags( field->flags() | QgsProcessingParameterDefinition::FlagAdvanced );
  addParameter( field );
  auto *sizeField = new QgsProcessingParameterString( QStringLiteral( "SIZE_FIELD_NAME" ), QStringLiteral( "Cluster size field name" ), QStringLiteral( "CLUSTER_SIZE" ) );
  sizeField->setFlags( sizeField->flags() | QgsProcessingParameterDefinition::FlagAdvanced );
  addParameter( sizeField );
  addParameter( new QgsProcessingParameterField( QStringLiteral( "CATEGORY_FIELD" ), QStringLiteral( "Category for the summary's dominant value (e.g. sector)" ),
                                                 QVariant(), QStringLiteral( "INPUT" ), QgsProcessingParameterField::Any, false, true ) );
  addParameter( new QgsProcessingParameterFeatureSink( QStringLiteral( "OUTPUT" ), QStringLiteral( "Clusters" ), QgsProcessing::TypeVectorPoint ) );
  addParameter( new QgsProcessingParameterFeatureSink( QStringLiteral( "SUMMARY" ), QStringLiteral( "Cluster outlines" ), QgsProcessing::TypeVectorPolygon,
                                                       QVariant(), true, false ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "NUM_CLUSTERS" ), QStringLiteral( "Number of clusters" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "NOISE" ), QStringLiteral( "Points in no cluster" ) ) );
}

QString DbscanAlgorithm::helpEnglish() const
{
  return QStringLiteral(
    "Density-based clusters (DBSCAN) of a point layer, with the parameters and output fields of QGIS's \"DBSCAN clustering\": "
    "a point with at least MIN_SIZE points (itself included) within EPS is a core point; core points within EPS of each other "
    "form a cluster; other points within EPS of a cluster join the first cluster that reaches them in feature order (or stay "
    "noise with DBSCAN*). On projected data the CLUSTER_ID and CLUSTER_SIZE of every point equal QGIS's; noise gets NULL. "
    "SUMMARY writes one outline per cluster (its convex hull; eps/2 around clusters whose members coincide or lie on a line) "
    "with its size, hull area and, with CATEGORY_FIELD, the most frequent value. EPS is metres: longitude/latitude layers are "
    "clustered in htsplan's Albers equal-area CRS for Shandong (true to 0.03% in distance) (QGIS would read EPS in degrees)." );
}

QString DbscanAlgorithm::helpChinese() const
{
  return QStringLiteral(
    "对点图层做基于密度的聚类（DBSCAN），参数与输出字段同 QGIS“DBSCAN 聚类”：EPS 范围内（含自身）至少 MIN_SIZE 个点的为核心点；"
    "相互在 EPS 内的核心点组成一个簇；其余在某簇 EPS 内的点按要素顺序归入最先到达它的簇（DBSCAN* 时视为噪声）。投影坐标下每个点的 "
    "CLUSTER_ID、CLUSTER_SIZE 与 QGIS 完全一致，噪声点为空值。SUMMARY 输出每个簇的外包凸多边形及规模、面积，设置 CATEGORY_FIELD "
    "时给出占比最高的取值（如主导行业）。EPS 以米计：经纬度图层在山东等积投影（Albers，距离误差小于 0.03%）中聚类。" );
}

QVariantMap DbscanAlgorithm::run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback )
{
  std::unique_ptr<QgsProcessingFeatureSource> source( parameterAsSource( parameters, QStringLiteral( "INPUT" ), context ) );
  if ( !source )
    throw sourceError( parameters, QStringLiteral( "INPUT" ) );
  const double eps = positiveParameter( parameters, QStringLiteral( "EPS" ), QStringLiteral( "metres" ), context );
  const int minSize = parameterAsInt( parameters, QStringLiteral( "MIN_SIZE" ), context );
  const bool borderNoise = parameterAsBool( parameters, QStringLiteral( "DBSCAN*" ), context );
  const QString idField = parameterAsString( parameters, QStringLiteral( "FIELD_NAME" ), context );
  const QString sizeField = parameterAsString( parameters, QStringLiteral( "SIZE_FIELD_NAME" ), context );

  PointReadOptions options;
  options.layerLabel = QStringLiteral( "INPUT" );
  options.categoryField = parameterAsString( parameters, QStringLiteral( "CATEGORY_FIELD" ), context );
  QgsProcessingMultiStepFeedback steps( 3, feedback );
  const PointSet points = readPointParameter( parameters, QStringLiteral( "INPUT" ), context, options, &steps );

  steps.setCurrentStep( 1 );
  const DbscanResult result = dbscan( points.xs, points.ys, eps, minSize, borderNoise, &steps, workerThreads() );
  long long noise = 0;
  for ( int id : result.clusterIds )
    noise += id == 0;
  feedback->pushInfo( QStringLiteral( "%1 clusters; %2 of %3 points are noise" ).arg( result.clusterCount ).arg( noise ).arg( points.size() ) );

  // OUTPUT: the input features with the cluster fields, as QGIS writes them.
  steps.setCurrentStep( 2 );
  QgsFields fields = source->fields();
  for ( const QString &name : { idField, sizeField } )
    if ( fields.lookupField( name ) >= 0 )
      throw InputError( QStringLiteral( "INPUT already has a field '%1': choose another FIELD_NAME / SIZE_FIELD_NAME" ).arg( name ).toStdString() );
  fields.append( QgsField( idField, QVariant::Int ) );
  fields.append( QgsField( sizeField, QVariant::Int ) );
  QString destination;
  // A layer file into a .gpkg (the usual case) goes GDAL to GDAL, with an R-tree; anything else through QGIS's sink.
  const LayerFile *input = layerFile( QStringLiteral( "INPUT" ) );
  const QString gpkg = input ? gpkgDestination( parameters, QStringLiteral( "OUTPUT" ), context ) : QString();
  std::unique_ptr<QgsFeatureSink> sink( gpkg.isEmpty() ? pointSink( parameters, QStringLiteral( "OUTPUT" ), context, destination, fields,
                                                                    source->wkbType(), source->sourceCrs() )
                                                       : nullptr );
  if ( !sink && gpkg.isEmpty() )
    throw sinkError( parameters, QStringLiteral( "OUTPUT" ) );
  // A second read yields the features in the same order; the fid check guards that.
  std::unordered_map<QgsFeatureId, size_t> byFid;
  auto indexOf = [&]( QgsFeatureId fid, size_t expected ) -> long long {
    if ( expected < points.fids.size() && points.fids[expected] == fid )
      return static_cast<long long>( expected );
    if ( byFid.empty() )
      for ( size_t i = 0; i < points.fids.size(); ++i )
        byFid.emplace( points.fids[i], i );
    const auto found = byFid.find( fid );
    return found == byFid.end() ? -1 : static_cast<long long>( found->second );
  };
  if ( !gpkg.isEmpty() )
  {
    const std::vector<AppendedField> clusterFields{ { idField, OFTInteger }, { sizeField, OFTInteger } };
    size_t next = 0;
    GIntBig lastFid = 0;
    long long last = -2; // the point of lastFid; -2 before the first
    auto value = [&]( GIntBig fid, int k ) -> std::optional<long long> {
      if ( last == -2 || fid != lastFid )
      {
        last = indexOf( fid, next );
        lastFid = fid;
        if ( last >= 0 )
          next = static_cast<size_t>( last ) + 1;
      }
      if ( last < 0 || result.clusterIds[last] <= 0 )
        return std::nullopt;
      return k == 0 ? result.clusterIds[last] : static_cast<long long>( result.pointClusterSize( last ) );
    };
    const GpkgLayerStats written = copyToGpkg( input->path, input->layerName, gpkg, source->sourceCrs(), clusterFields, value, &steps );
    feedback->pushInfo( QStringLiteral( "OUTPUT: %1 rows in %2 s, R-tree in %3 s" )
                          .arg( written.rows )
                          .arg( written.rowSeconds, 0, 'f', 2 )
                          .arg( written.indexSeconds, 0, 'f', 2 ) );
    destination = gpkg;
  }
  QgsFeatureIterator it = sink ? source->getFeatures( QgsFeatureRequest(), QgsProcessingFeatureSource::FlagSkipGeometryValidityChecks )
                               : QgsFeatureIterator();
  QgsFeature f;
  size_t next = 0;
  const double total = std::max( 1.0, static_cast<double>( points.size() ) );
  while ( it.nextFeature( f ) )
  {
    if ( ( next & 0xffff ) == 0 )
    {
      if ( feedback->isCanceled() )
        throw Canceled();
      steps.setProgress( 100.0 * static_cast<double>( next ) / total );
    }
    const long long i = indexOf( f.id(), next );
    QgsAttributes attributes = f.attributes();
    if ( i >= 0 && result.clusterIds[i] > 0 )
      attributes << result.clusterIds[i] << result.pointClusterSize( i );
    else
      attributes << QVariant( QVariant::Int ) << QVariant( QVariant::Int );
    if ( i >= 0 )
      next = static_cast<size_t>( i ) + 1;
    f.setAttributes( attributes );
    if ( !sink->addFeature( f, QgsFeatureSink::FastInsert ) )
      throw writeError( sink.get(), parameters, QStringLiteral( "OUTPUT" ) );
  }
  if ( sink && !sink->flushBuffer() )
    throw writeError( sink.get(), parameters, QStringLiteral( "OUTPUT" ) );

  QVariantMap results;
  results.insert( QStringLiteral( "OUTPUT" ), destination );
  results.insert( QStringLiteral( "NUM_CLUSTERS" ), result.clusterCount );
  results.insert( QStringLiteral( "NOISE" ), static_cast<double>( noise ) );

  if ( parameters.value( QStringLiteral( "SUMMARY" ) ).isValid() && !parameters.value( QStringLiteral( "SUMMARY" ) ).toString().isEmpty() )
  {
    const std::vector<ClusterSummary> summaries = summarizeClusters( points.xs, points.ys, result, points.categories, feedback );
    QgsFields summaryFields;
    summaryFields.append( QgsField( idField, QVariant::Int ) );
    summaryFields.append( QgsField( QStringLiteral( "SIZE" ), QVariant::Int ) );
    summaryFields.append( QgsField( QStringLiteral( "HULL_KM2" ), QVariant::Double ) );
    summaryFields.append( QgsField( QStringLiteral( "DOMINANT" ), QVariant::String ) );
    QString summaryDestination;
    std::unique_ptr<QgsFeatureSink> summarySink( parameterAsSink( parameters, QStringLiteral( "SUMMARY" ), context, summaryDestination,
                                                                  summaryFields, QgsWkbTypes::Polygon, points.crs ) );
    if ( !summarySink )
      throw sinkError( parameters, QStringLiteral( "SUMMARY" ) );
    for ( const ClusterSummary &s : summaries )
    {
      QVector<double> xs( s.hullXs.begin(), s.hullXs.end() ), ys( s.hullYs.begin(), s.hullYs.end() );
      QgsGeometry outline;
      if ( xs.size() >= 3 )
      {
        xs << xs.front();
        ys << ys.front();
        outline = QgsGeometry( new QgsPolygon( new QgsLineString( xs, ys ) ) );
      }
      else
        outline = QgsGeometry( xs.size() == 1 ? static_cast<QgsAbstractGeometry *>( new QgsPoint( xs[0], ys[0] ) ) : new QgsLineString( xs, ys ) )
                    .buffer( eps / 2, 8 );
      QgsFeature out( summaryFields );
      out.setGeometry( outline );
      out.setAttributes( QgsAttributes() << s.clusterId << s.pointCount << s.hullArea / 1e6
                                         << ( s.dominantCategory >= 0 ? QVariant( points.categoryNames.value( s.dominantCategory ) ) : QVariant( QVariant::String ) ) );
      if ( !summarySink->addFeature( out, QgsFeatureSink::FastInsert ) )
        throw writeError( summarySink.get(), parameters, QStringLiteral( "SUMMARY" ) );
    }
    results.insert( QStringLiteral( "SUMMARY" ), summaryDestination );
  }
  return results;
}

} // namespace htsplan
