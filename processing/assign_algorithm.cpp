#include "processing/assign_algorithm.h"

#include "layers/problems.h"

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

Algorithm::Group AssignAlgorithm::toolboxGroup() const
{
  return Group::Units;
}

QString AssignAlgorithm::menuLabel() const
{
  return QString::fromUtf8( QT_TRANSLATE_NOOP( "htsplan::Algorithm", "Assign and count" ) );
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
  const QString fieldName = parameterAsString( parameters, QStringLiteral( "FIELD" ), context );
  if ( fieldName.trimmed().isEmpty() )
    throw InputError( "FIELD: the count field needs a name" );
  PointReadOptions options;
  options.categoryField = parameterAsString( parameters, QStringLiteral( "CATEGORY_FIELD" ), context );
  const CountedUnits counted = countPoints( parameters, QStringLiteral( "POLYGONS" ), options, context, feedback );
  const QString destination = writeCounts( parameters, context, counted, fieldName, feedback );

  const UnitCounts &counts = counted.counts;
  QVariantMap results;
  results.insert( QStringLiteral( "OUTPUT" ), destination );
  results.insert( QStringLiteral( "ASSIGNED" ), static_cast<double>( counts.points.size() - counts.outside ) );
  results.insert( QStringLiteral( "UNASSIGNED" ), static_cast<double>( counts.outside ) );
  return results;
}

QString AssignAlgorithm::writeCounts( const QVariantMap &parameters, QgsProcessingContext &context, const CountedUnits &counted,
                                      const QString &fieldName, QgsProcessingFeedback *feedback ) const
{
  const UnitCounts &counts = counted.counts;
  const QStringList &categoryNames = counts.points.categoryNames;
  const int categories = categoryNames.size();
  QList<QgsField> added { QgsField( fieldName, QVariant::Double ) }; // QGIS's count field is a real number too
  for ( const QString &category : categoryNames )
    added << QgsField( fieldName + QStringLiteral( "_" ) + category, QVariant::Double );
  const QgsFields fields = withAddedFields( counted.source->fields(), added, QStringLiteral( "POLYGONS" ), QStringLiteral( "; choose another FIELD" ) );
  return writeUnits( parameters, context, counted, fields, [&]( size_t u ) {
    QgsAttributes attributes;
    attributes << counts.counts[u];
    for ( int c = 0; c < categories; ++c )
      attributes << counts.byCategory[u * categories + c];
    return attributes;
  }, feedback );
}

} // namespace htsplan
