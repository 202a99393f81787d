#include "processing/density_algorithm.h"

#include "analysis/density/unit_density.h"
#include "layers/problems.h"

#include <qgscoordinatetransform.h>
#include <qgsexception.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingparameters.h>

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

Algorithm::Group DensityAlgorithm::toolboxGroup() const
{
  return Group::Density;
}

QString DensityAlgorithm::menuLabel() const
{
  return QString::fromUtf8( QT_TRANSLATE_NOOP( "htsplan::Algorithm", "Density per unit" ) );
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
  const CountedUnits counted = countPoints( parameters, QStringLiteral( "UNITS" ), PointReadOptions(), context, feedback );
  const QString populationField = parameterAsString( parameters, QStringLiteral( "POPULATION_FIELD" ), context );
  const int populationIndex = populationField.isEmpty() ? -1 : counted.source->fields().lookupField( populationField );
  if ( !populationField.isEmpty() && populationIndex < 0 )
    throw InputError( QStringLiteral( "POPULATION_FIELD: UNITS has no field '%1'" ).arg( populationField ).toStdString() );

  const std::vector<double> areasKm2 = unitAreasKm2( *counted.source, counted.counts.units, context );
  QgsFields fields = withAddedFields( counted.source->fields(),
                                      { QgsField( QStringLiteral( "COUNT" ), QVariant::Int ), QgsField( QStringLiteral( "AREA_KM2" ), QVariant::Double ),
                                        QgsField( QStringLiteral( "PER_10K_KM2" ), QVariant::Double ), QgsField( QStringLiteral( "PER_MILLION" ), QVariant::Double ) },
                                      QStringLiteral( "UNITS" ), QString() );
  if ( populationIndex < 0 )
    fields.remove( fields.count() - 1 ); // PER_MILLION needs a population
  const QString destination = writeUnits( parameters, context, counted, fields, [&]( size_t u ) {
    const double count = counted.counts.counts[u];
    const double areaKm2 = areasKm2[u];
    QgsAttributes attributes;
    const std::optional<double> density = per10kKm2( count, areaKm2 );
    attributes << static_cast<int>( count ) << areaKm2 << ( density ? QVariant( *density ) : QVariant() );
    if ( populationIndex >= 0 )
    {
      bool ok = false;
      const double population = counted.counts.units[u].attribute( populationIndex ).toDouble( &ok );
      const std::optional<double> perMillion = perMillionPeople( count, ok ? std::optional<double>( population ) : std::nullopt );
      attributes << ( perMillion ? QVariant( *perMillion ) : QVariant() );
    }
    return attributes;
  }, feedback );

  double totalArea = 0, totalCount = 0;
  for ( size_t u = 0; u < areasKm2.size(); ++u )
  {
    totalArea += areasKm2[u];
    totalCount += counted.counts.counts[u];
  }
  QVariantMap results;
  results.insert( QStringLiteral( "OUTPUT" ), destination );
  results.insert( QStringLiteral( "TOTAL_COUNT" ), totalCount );
  results.insert( QStringLiteral( "TOTAL_AREA_KM2" ), totalArea );
  results.insert( QStringLiteral( "PER_10K_KM2" ), per10kKm2( totalCount, totalArea ).value_or( 0.0 ) );
  return results;
}

std::vector<double> DensityAlgorithm::unitAreasKm2( const QgsProcessingFeatureSource &source, const std::vector<QgsFeature> &units,
                                                    QgsProcessingContext &context ) const
{
  const QgsCoordinateTransform toEqualArea( source.sourceCrs(), analysisQgsCrs(), context.transformContext() );
  if ( source.sourceCrs().isValid() && !toEqualArea.isValid() )
    throw InputError( QStringLiteral( "UNITS (%1): no transform from %2 to the analysis CRS" ).arg( source.sourceName(), source.sourceCrs().authid() ).toStdString() );
  std::vector<double> areas;
  for ( const QgsFeature &unit : units )
  {
    QgsGeometry projected = unit.geometry();
    if ( source.sourceCrs().isValid() )
    {
      try
      {
        projected.transform( toEqualArea );
      }
      catch ( const QgsCsException & )
      {
        throw InputError( QStringLiteral( "UNITS (%1): feature %2 cannot be projected to the analysis CRS" ).arg( source.sourceName() ).arg( unit.id() ).toStdString() );
      }
    }
    areas.push_back( projected.area() / 1e6 );
  }
  return areas;
}

} // namespace htsplan
