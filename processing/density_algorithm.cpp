#include "processing/density_algorithm.h"

#include "layers/problems.h"
#include "processing/unit_counts.h"

#include <qgscoordinatetransform.h>
#include <qgsfeaturesink.h>
#include <qgsexception.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingparameters.h>
#include <qgsproject.h>

namespace htsplan
{

QString DensityAlgorithm::name() const
{
  return QStringLiteral( "density" );
}

QString DensityAlgorithm::displayName() const
{
  return QStringLiteral( "Facility density per unit (单元密度)" );
}

QString DensityAlgorithm::menuLabel() const
{
  return QStringLiteral( "单元密度 Density per unit" );
}

QStringList DensityAlgorithm::tags() const
{
  return QStringLiteral( "density,county,city,area,population,per capita" ).split( ',' );
}

DensityAlgorithm *DensityAlgorithm::createInstance() const
{
  return new DensityAlgorithm();
}

void DensityAlgorithm::initAlgorithm( const QVariantMap & )
{
  addParameter( new QgsProcessingParameterFeatureSource( QStringLiteral( "UNITS" ), QStringLiteral( "Units (counties or cities)" ),
                                                         QList<int>() << QgsProcessing::TypeVectorPolygon ) );
  addParameter( new QgsProcessingParameterFeatureSource( QStringLiteral( "POINTS" ), QStringLiteral( "Facilities" ),
                                                         QList<int>() << QgsProcessing::TypeVector ) );
  addParameter( new QgsProcessingParameterField( QStringLiteral( "POPULATION_FIELD" ), QStringLiteral( "Population field of the units (people)" ),
                                                 QVariant(), QStringLiteral( "UNITS" ), QgsProcessingParameterField::Numeric, false, true ) );
  addParameter( new QgsProcessingParameterFeatureSink( QStringLiteral( "OUTPUT" ), QStringLiteral( "Density" ), QgsProcessing::TypeVectorPolygon ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "TOTAL_COUNT" ), QStringLiteral( "Facilities inside the units" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "TOTAL_AREA_KM2" ), QStringLiteral( "Area of the units, km²" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "PER_10K_KM2" ), QStringLiteral( "Facilities per 10,000 km² over all units" ) ) );
}

QString DensityAlgorithm::helpEnglish() const
{
  return QStringLiteral(
    "Counts the facilities in each unit (county, city, or any non-overlapping polygons) and adds COUNT, AREA_KM2, "
    "PER_10K_KM2 (facilities per 10,000 km²) and, with POPULATION_FIELD, PER_MILLION (facilities per million people; "
    "empty where the population is unknown or zero). Areas are measured in htsplan's Albers equal-area CRS for Shandong (true to 0.03% in distance) whatever the "
    "layers' CRS, so they are true areas in km², not square degrees. A facility is counted in one unit only." );
}

QString DensityAlgorithm::helpChinese() const
{
  return QStringLiteral(
    "统计每个单元（区县、城市或任何互不重叠的面）内的设施数，并输出 COUNT、AREA_KM2（面积，平方公里）、PER_10K_KM2"
    "（每万平方公里设施数），设置 POPULATION_FIELD 时还输出 PER_MILLION（每百万人设施数，人口缺失或为零时为空）。"
    "面积一律在山东等积投影（Albers，距离误差小于 0.03%）中计算，单位为平方公里而非平方度。每个设施只计入一个单元。" );
}

QVariantMap DensityAlgorithm::run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback )
{
  std::unique_ptr<QgsProcessingFeatureSource> units( parameterAsSource( parameters, QStringLiteral( "UNITS" ), context ) );
  if ( !units )
    throw QgsProcessingException( invalidSourceError( parameters, QStringLiteral( "UNITS" ) ) );
  const QString populationField = parameterAsString( parameters, QStringLiteral( "POPULATION_FIELD" ), context );
  const int populationIndex = populationField.isEmpty() ? -1 : units->fields().lookupField( populationField );
  if ( !populationField.isEmpty() && populationIndex < 0 )
    throw QgsProcessingException( QStringLiteral( "POPULATION_FIELD: UNITS has no field '%1'" ).arg( populationField ) );

  PointReadOptions options;
  options.layerLabel = QStringLiteral( "POINTS" );
  options.targetCrs = units->sourceCrs();
  PointSet points = readPointParameter( parameters, QStringLiteral( "POINTS" ), context, options, feedback );
  const UnitCounts counted = countPointsInUnits( *units, QStringLiteral( "UNITS" ), std::move( points ), feedback );

  QgsFields fields = units->fields();
  for ( const char *name : { "COUNT", "AREA_KM2", "PER_10K_KM2", "PER_MILLION" } )
  {
    if ( fields.lookupField( QString::fromLatin1( name ) ) >= 0 )
      throw QgsProcessingException( QStringLiteral( "OUTPUT: UNITS already has a field '%1'" ).arg( QString::fromLatin1( name ) ) );
  }
  fields.append( QgsField( QStringLiteral( "COUNT" ), QVariant::Int ) );
  fields.append( QgsField( QStringLiteral( "AREA_KM2" ), QVariant::Double ) );
  fields.append( QgsField( QStringLiteral( "PER_10K_KM2" ), QVariant::Double ) );
  if ( populationIndex >= 0 )
    fields.append( QgsField( QStringLiteral( "PER_MILLION" ), QVariant::Double ) );

  QString destination;
  std::unique_ptr<QgsFeatureSink> sink( parameterAsSink( parameters, QStringLiteral( "OUTPUT" ), context, destination, fields,
                                                         units->wkbType(), units->sourceCrs() ) );
  if ( !sink )
    throw QgsProcessingException( invalidSinkError( parameters, QStringLiteral( "OUTPUT" ) ) );

  const QgsCoordinateTransform toEqualArea( units->sourceCrs(), analysisQgsCrs(), QgsProject::instance()->transformContext() );
  double totalArea = 0, totalCount = 0;
  for ( size_t u = 0; u < counted.units.size(); ++u )
  {
    const QgsFeature &unit = counted.units[u];
    QgsGeometry projected = unit.geometry();
    if ( units->sourceCrs().isValid() )
    {
      try
      {
        projected.transform( toEqualArea );
      }
      catch ( const QgsCsException & )
      {
        throw InputError( QStringLiteral( "UNITS (%1): feature %2 cannot be projected to the analysis CRS" ).arg( units->sourceName() ).arg( unit.id() ).toStdString() );
      }
    }
    const double areaKm2 = projected.area() / 1e6;
    const double count = counted.counts[u];
    totalArea += areaKm2;
    totalCount += count;
    QgsAttributes attributes = unit.attributes();
    attributes << static_cast<int>( count ) << areaKm2 << ( areaKm2 > 0 ? QVariant( count / areaKm2 * 1e4 ) : QVariant() );
    if ( populationIndex >= 0 )
    {
      bool ok = false;
      const double population = unit.attribute( populationIndex ).toDouble( &ok );
      attributes << ( ok && population > 0 ? QVariant( count / population * 1e6 ) : QVariant() );
    }
    QgsFeature out = unit;
    out.setAttributes( attributes );
    if ( !sink->addFeature( out, QgsFeatureSink::FastInsert ) )
      throw QgsProcessingException( writeFeatureError( sink.get(), parameters, QStringLiteral( "OUTPUT" ) ) );
  }
  feedback->setProgress( 100 );

  QVariantMap results;
  results.insert( QStringLiteral( "OUTPUT" ), destination );
  results.insert( QStringLiteral( "TOTAL_COUNT" ), totalCount );
  results.insert( QStringLiteral( "TOTAL_AREA_KM2" ), totalArea );
  results.insert( QStringLiteral( "PER_10K_KM2" ), totalArea > 0 ? totalCount / totalArea * 1e4 : 0.0 );
  return results;
}

} // namespace htsplan
