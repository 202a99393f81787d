#include "processing/assign_algorithm.h"

#include "layers/problems.h"
#include "processing/unit_counts.h"

#include <qgsfeaturesink.h>
#include <qgsexception.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingparameters.h>

namespace htsplan
{

QString AssignAlgorithm::name() const
{
  return QStringLiteral( "assign" );
}

QString AssignAlgorithm::displayName() const
{
  return QStringLiteral( "Assign and count points (落点计数)" );
}

QString AssignAlgorithm::menuLabel() const
{
  return QStringLiteral( "落点计数 Assign and count" );
}

QStringList AssignAlgorithm::tags() const
{
  return QStringLiteral( "count,points,polygon,assign,county,city,sector,countpointsinpolygon" ).split( ',' );
}

AssignAlgorithm *AssignAlgorithm::createInstance() const
{
  return new AssignAlgorithm();
}

void AssignAlgorithm::initAlgorithm( const QVariantMap & )
{
  addParameter( new QgsProcessingParameterFeatureSource( QStringLiteral( "POLYGONS" ), QStringLiteral( "Polygons (units)" ),
                                                         QList<int>() << QgsProcessing::TypeVectorPolygon ) );
  addParameter( new QgsProcessingParameterFeatureSource( QStringLiteral( "POINTS" ), QStringLiteral( "Points (facilities)" ),
                                                         QList<int>() << QgsProcessing::TypeVector ) );
  addParameter( new QgsProcessingParameterString( QStringLiteral( "FIELD" ), QStringLiteral( "Count field name" ), QStringLiteral( "NUMPOINTS" ) ) );
  addParameter( new QgsProcessingParameterField( QStringLiteral( "CATEGORY_FIELD" ), QStringLiteral( "Count per value of this field (e.g. sector)" ),
                                                 QVariant(), QStringLiteral( "POINTS" ), QgsProcessingParameterField::Any, false, true ) );
  addParameter( new QgsProcessingParameterFeatureSink( QStringLiteral( "OUTPUT" ), QStringLiteral( "Count" ), QgsProcessing::TypeVectorPolygon ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "ASSIGNED" ), QStringLiteral( "Points inside a polygon" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "UNASSIGNED" ), QStringLiteral( "Points outside every polygon" ) ) );
}

QString AssignAlgorithm::helpEnglish() const
{
  return QStringLiteral(
    "Assigns every point to the one polygon that contains it (a county, a city, or any non-overlapping units) and writes "
    "the polygons with the number of points in FIELD, like QGIS's \"Count points in polygon\" (same parameter and field names, "
    "the same counts on the same layers). Polygons and lines in POINTS are placed by their point on surface. With "
    "CATEGORY_FIELD, one more column per value (FIELD_value) counts the points of that value. Points are reprojected to the "
    "polygons' CRS. Unlike QGIS, a point is counted once even where polygons overlap or share an edge (in the first polygon "
    "that contains it)." );
}

QString AssignAlgorithm::helpChinese() const
{
  return QStringLiteral(
    "将每个点落入唯一包含它的面（区县、城市或任何互不重叠的单元），输出各面的点数（字段 FIELD），"
    "与 QGIS“面内点计数”的参数名、字段名和结果一致。面状或线状设施以面内点定位。设置 CATEGORY_FIELD 时，"
    "按该字段的每个取值再加一列（FIELD_取值）。点会转换到面图层的坐标系。与 QGIS 不同，面重叠或点落在公共边上时只计一次。" );
}

QVariantMap AssignAlgorithm::run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback )
{
  std::unique_ptr<QgsProcessingFeatureSource> polygons( parameterAsSource( parameters, QStringLiteral( "POLYGONS" ), context ) );
  if ( !polygons )
    throw QgsProcessingException( invalidSourceError( parameters, QStringLiteral( "POLYGONS" ) ) );
  const QString fieldName = parameterAsString( parameters, QStringLiteral( "FIELD" ), context );
  if ( fieldName.trimmed().isEmpty() )
    throw QgsProcessingException( QStringLiteral( "FIELD: the count field needs a name" ) );

  PointReadOptions options;
  options.layerLabel = QStringLiteral( "POINTS" );
  options.categoryField = parameterAsString( parameters, QStringLiteral( "CATEGORY_FIELD" ), context );
  options.targetCrs = polygons->sourceCrs();
  PointSet points = readPointParameter( parameters, QStringLiteral( "POINTS" ), context, options, feedback );
  const UnitCounts counted = countPointsInUnits( *polygons, QStringLiteral( "POLYGONS" ), std::move( points ), feedback );
  const QStringList &categoryNames = counted.points.categoryNames;
  const int categories = categoryNames.size();

  QgsFields fields = polygons->fields();
  auto addField = [&]( const QString &name ) {
    if ( fields.lookupField( name ) >= 0 )
      throw QgsProcessingException( QStringLiteral( "OUTPUT: POLYGONS already has a field '%1'; choose another FIELD" ).arg( name ) );
    fields.append( QgsField( name, QVariant::Double ) ); // QGIS's count field is a real number too
  };
  addField( fieldName );
  for ( const QString &category : categoryNames )
    addField( fieldName + QStringLiteral( "_" ) + category );

  QString destination;
  std::unique_ptr<QgsFeatureSink> sink( parameterAsSink( parameters, QStringLiteral( "OUTPUT" ), context, destination, fields,
                                                         polygons->wkbType(), polygons->sourceCrs() ) );
  if ( !sink )
    throw QgsProcessingException( invalidSinkError( parameters, QStringLiteral( "OUTPUT" ) ) );
  for ( size_t u = 0; u < counted.units.size(); ++u )
  {
    QgsFeature out = counted.units[u];
    QgsAttributes attributes = out.attributes();
    attributes << counted.counts[u];
    for ( int c = 0; c < categories; ++c )
      attributes << counted.byCategory[u * categories + c];
    out.setAttributes( attributes );
    if ( !sink->addFeature( out, QgsFeatureSink::FastInsert ) )
      throw QgsProcessingException( writeFeatureError( sink.get(), parameters, QStringLiteral( "OUTPUT" ) ) );
  }
  feedback->setProgress( 100 );

  QVariantMap results;
  results.insert( QStringLiteral( "OUTPUT" ), destination );
  results.insert( QStringLiteral( "ASSIGNED" ), static_cast<double>( counted.points.size() - counted.outside ) );
  results.insert( QStringLiteral( "UNASSIGNED" ), static_cast<double>( counted.outside ) );
  return results;
}

} // namespace htsplan
