#include "processing/china_coords_algorithm.h"

#include "layers/import/china_coords.h"

#include <qgscoordinatetransform.h>
#include <qgsfeaturesink.h>
#include <qgsprocessingparameters.h>

namespace htsplan
{

QString ChinaCoordsAlgorithm::name() const
{
  return QStringLiteral( "chinacoords" );
}

QString ChinaCoordsAlgorithm::displayName() const
{
  return QStringLiteral( "Convert Amap/Baidu coordinates (高德/百度坐标转换)" );
}

Algorithm::Group ChinaCoordsAlgorithm::toolboxGroup() const
{
  return Group::Registers;
}

QString ChinaCoordsAlgorithm::menuLabel() const
{
  return QString::fromUtf8( QT_TRANSLATE_NOOP( "htsplan::Algorithm", "Correct GCJ-02/BD-09 coordinates" ) );
}

QStringList ChinaCoordsAlgorithm::tags() const
{
  return QStringLiteral( "gcj02,bd09,amap,baidu,tencent,wgs84,cgcs2000,offset,火星坐标,纠偏" ).split( ',' );
}

ChinaCoordsAlgorithm *ChinaCoordsAlgorithm::createInstance() const
{
  return new ChinaCoordsAlgorithm();
}

void ChinaCoordsAlgorithm::initAlgorithm( const QVariantMap & )
{
  addParameter( new QgsProcessingParameterFeatureSource( QStringLiteral( "INPUT" ), QStringLiteral( "Points" ),
                                                         QList<int>() << QgsProcessing::TypeVectorPoint ) );
  QStringList labels;
  for ( SourceCrs crs : allSourceCrs() )
    labels << QString::fromUtf8( sourceCrsLabel( crs ) );
  addParameter( new QgsProcessingParameterEnum( QStringLiteral( "FROM" ), QStringLiteral( "The points' coordinates are in" ), labels, false, 2 ) );
  addParameter( new QgsProcessingParameterEnum( QStringLiteral( "TO" ), QStringLiteral( "Convert to" ), labels, false, 0 ) );
  addParameter( new QgsProcessingParameterFeatureSink( QStringLiteral( "OUTPUT" ), QStringLiteral( "Converted points" ), QgsProcessing::TypeVectorPoint ) );
}

QString ChinaCoordsAlgorithm::helpEnglish() const
{
  return QStringLiteral(
    "Converts points between CGCS2000/WGS84 (the same at planning scale: PROJ 9.1 transforms one to the other as the identity) and GCJ-02 (Amap, "
    "Tencent) or BD-09 (Baidu), whose published offsets move positions in Shandong by 410-570 m (GCJ-02) and 1.19-1.38 km "
    "(BD-09): enough to put a park in the wrong county. The forward formulas are the published ones; the inverse is "
    "iterated to below 1e-9°. The layer's longitude/latitude are read in its own CRS, taken as the FROM system. Adds "
    "src_lon, src_lat, src_crs and shift_m (metres moved). De-offset coordinates are for analysis inside the office: "
    "publishing them is a legal grey zone in China." );
}

QString ChinaCoordsAlgorithm::helpChinese() const
{
  return QStringLiteral(
    "在 CGCS2000/WGS84（规划尺度上相同，PROJ 9.1 视二者为同一坐标系）与 GCJ-02（高德、腾讯）或 BD-09（百度）之间转换点坐标。"
    "这两种公开的偏移在山东使位置移动 410–570 米（GCJ-02）和 1.19–1.38 公里（BD-09），足以把园区放错县区。"
    "正算采用公开公式，反算迭代至 1e-9° 以下。新增字段 src_lon、src_lat、src_crs 和 shift_m（移动米数）。纠偏坐标仅供内部分析，公开发布属法律灰色地带。" );
}

QVariantMap ChinaCoordsAlgorithm::run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback )
{
  std::unique_ptr<QgsProcessingFeatureSource> source( parameterAsSource( parameters, QStringLiteral( "INPUT" ), context ) );
  if ( !source )
    throw sourceError( parameters, QStringLiteral( "INPUT" ) );
  const int from = parameterAsEnum( parameters, QStringLiteral( "FROM" ), context );
  const int to = parameterAsEnum( parameters, QStringLiteral( "TO" ), context );
  if ( from < 0 || to < 0 || from >= static_cast<int>( allSourceCrs().size() ) || to >= static_cast<int>( allSourceCrs().size() ) )
    throw InputError( "FROM/TO: no such coordinate system option" );
  const SourceCrs fromCrs = allSourceCrs()[static_cast<size_t>( from )], toCrs = allSourceCrs()[static_cast<size_t>( to )];

  // The offsets are defined on longitude/latitude: a projected layer is read through EPSG:4490.
  const QgsCoordinateReferenceSystem geographic( QStringLiteral( "EPSG:4490" ) );
  const QgsCoordinateReferenceSystem layerCrs = source->sourceCrs();
  const bool projected = !layerCrs.isValid() || !layerCrs.isGeographic();
  if ( !layerCrs.isValid() )
    throw InputError( QStringLiteral( "INPUT (%1): the layer has no CRS" ).arg( source->sourceName() ).toStdString() );
  QgsCoordinateTransform toGeo( layerCrs, geographic, context.transformContext() );
  QgsCoordinateTransform fromGeo( geographic, layerCrs, context.transformContext() );

  QgsFields fields = source->fields();
  for ( const QString &name : { QStringLiteral( "src_lon" ), QStringLiteral( "src_lat" ), QStringLiteral( "src_crs" ), QStringLiteral( "shift_m" ) } )
  {
    if ( fields.lookupField( name ) >= 0 )
      throw InputError( QStringLiteral( "INPUT (%1): already has a field '%2' (converted twice?)" ).arg( source->sourceName(), name ).toStdString() );
    fields.append( QgsField( name, name == QLatin1String( "src_crs" ) ? QVariant::String : QVariant::Double ) );
  }
  QString destination;
  std::unique_ptr<QgsFeatureSink> sink( parameterAsSink( parameters, QStringLiteral( "OUTPUT" ), context, destination, fields, source->wkbType(),
                                                         layerCrs ) );
  if ( !sink )
    throw sinkError( parameters, QStringLiteral( "OUTPUT" ) );

  const double total = source->featureCount() > 0 ? static_cast<double>( source->featureCount() ) : 0;
  long long done = 0, skipped = 0;
  QgsFeature f;
  QgsFeatureIterator it = source->getFeatures();
  while ( it.nextFeature( f ) )
  {
    throwIfCanceled( feedback );
    QgsAttributes attributes = f.attributes();
    QgsGeometry g = f.geometry();
    if ( g.isNull() || g.isEmpty() )
    {
      ++skipped;
      attributes << QVariant() << QVariant() << QString::fromUtf8( sourceCrsKey( fromCrs ) ) << QVariant();
    }
    else
    {
      QgsPointXY p = g.asPoint();
      QgsPointXY lonLat = projected ? toGeo.transform( p ) : p;
      // To CGCS2000 first, then into the target system.
      const LonLat plain = toCgcs2000( fromCrs, lonLat.x(), lonLat.y() );
      const LonLat target = fromCgcs2000( toCrs, plain.lon, plain.lat );
      const double shift = shiftMetres( lonLat.x(), lonLat.y(), target.lon, target.lat );
      attributes << lonLat.x() << lonLat.y() << QString::fromUtf8( sourceCrsKey( fromCrs ) ) << shift;
      QgsPointXY moved( target.lon, target.lat );
      if ( projected )
        moved = fromGeo.transform( moved );
      f.setGeometry( QgsGeometry::fromPointXY( moved ) );
    }
    f.setAttributes( attributes );
    if ( !sink->addFeature( f, QgsFeatureSink::FastInsert ) )
      throw writeError( sink.get(), parameters, QStringLiteral( "OUTPUT" ) );
    if ( total > 0 && ( ++done & 1023 ) == 0 )
      feedback->setProgress( 100.0 * static_cast<double>( done ) / total );
  }
  if ( skipped > 0 )
    feedback->pushWarning( QStringLiteral( "%1 features without a geometry copied unchanged" ).arg( skipped ) );
  QVariantMap results;
  results.insert( QStringLiteral( "OUTPUT" ), destination );
  return results;
}

} // namespace htsplan
