#include "processing/coverage_algorithm.h"

#include "analysis/coverage/coverage.h"
#include "processing/ogr_bridge.h"
#include "processing/point_source.h"
#include "layers/problems.h"
#include "planning/defaults.h"
#include "layers/parallel.h"

#include <qgscoordinatetransform.h>
#include <qgsexception.h>
#include <qgsfeaturesink.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingparameters.h>

#include <cmath>

namespace htsplan
{

QString CoverageAlgorithm::name() const
{
  return QStringLiteral( "coverage" );
}

QString CoverageAlgorithm::displayName() const
{
  return QStringLiteral( "Service coverage (服务覆盖)" );
}

Algorithm::Group CoverageAlgorithm::toolboxGroup() const
{
  return Group::Coverage;
}

QString CoverageAlgorithm::menuLabel() const
{
  return QString::fromUtf8( QT_TRANSLATE_NOOP( "htsplan::Algorithm", "Service coverage" ) );
}

QStringList CoverageAlgorithm::tags() const
{
  return QStringLiteral( "coverage,buffer,radius,population,service area,gap" ).split( ',' );
}

CoverageAlgorithm *CoverageAlgorithm::createInstance() const
{
  return new CoverageAlgorithm();
}

void CoverageAlgorithm::initAlgorithm( const QVariantMap & )
{
  addParameter( new QgsProcessingParameterFeatureSource( QStringLiteral( "CARRIERS" ), QStringLiteral( "Carriers (bases, parks, zones...)" ),
                                                         QList<int>() << QgsProcessing::TypeVectorAnyGeometry ) );
  addParameter( new QgsProcessingParameterNumber( QStringLiteral( "RADIUS" ), QStringLiteral( "Radius (metres)" ),
                                                  QgsProcessingParameterNumber::Double, DEFAULT_COVERAGE_RADIUS_KM * 1000.0, false, 0.0 ) );
  addParameter( new QgsProcessingParameterFeatureSource( QStringLiteral( "UNITS" ), QStringLiteral( "Units (counties or cities)" ),
                                                         QList<int>() << QgsProcessing::TypeVectorPolygon ) );
  addParameter( new QgsProcessingParameterField( QStringLiteral( "POPULATION_FIELD" ), QStringLiteral( "Population field of the units" ),
                                                 QVariant(), QStringLiteral( "UNITS" ), QgsProcessingParameterField::Numeric, false, true ) );
  auto *segments = new QgsProcessingParameterNumber( QStringLiteral( "SEGMENTS" ), QStringLiteral( "Buffer segments per quarter circle (QGIS's buffer: 5)" ),
                                                     QgsProcessingParameterNumber::Integer, DEFAULT_QUADRANT_SEGMENTS, false, 1 );
  segments->setFlags( segments->flags() | QgsProcessingParameterDefinition::FlagAdvanced );
  addParameter( segments );
  addParameter( new QgsProcessingParameterFeatureSink( QStringLiteral( "OUTPUT" ), QStringLiteral( "Coverage per unit" ), QgsProcessing::TypeVectorPolygon ) );
  addParameter( new QgsProcessingParameterFeatureSink( QStringLiteral( "UNCOVERED" ), QStringLiteral( "Uncovered area" ), QgsProcessing::TypeVectorPolygon,
                                                       QVariant(), true, false ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "AREA_SHARE" ), QStringLiteral( "Share of the units' area within the radius" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "POPULATION_SHARE" ), QStringLiteral( "Share of the population within the radius" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "COVERED_KM2" ), QStringLiteral( "Area within the radius, km²" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "UNITS_REACHED" ), QStringLiteral( "Units with any part within the radius" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "UNITS_COVERED" ), QStringLiteral( "Units with at least half their area within the radius" ) ) );
}

QString CoverageAlgorithm::helpEnglish() const
{
  return QStringLiteral(
    "How much of each unit (county, city) lies within RADIUS metres of the carriers, measured from their geometry (a park's "
    "polygon, not only its centre): AREA_KM2, COVERED_KM2, AREA_SHARE, COVERED_POP (the population spread evenly over the "
    "unit's area), REACHED (any part covered) and COVERED (at least half). Totals: AREA_SHARE, POPULATION_SHARE (over units "
    "with a known population), units reached and covered. UNCOVERED writes the area outside every buffer, for planning "
    "new carriers. Buffers are round with SEGMENTS segments per quarter circle (16; QGIS's buffer uses 5, so its covered "
    "areas are about 1.5% smaller). Longitude/latitude layers are measured in htsplan's Albers equal-area CRS for Shandong (true to 0.03% in distance)." );
}

QString CoverageAlgorithm::helpChinese() const
{
  return QStringLiteral(
    "计算每个单元（区县、城市）在载体 RADIUS 米范围内的面积与人口：以载体实际几何（园区按其范围面，而非中心点）缓冲。输出 AREA_KM2、"
    "COVERED_KM2、AREA_SHARE、COVERED_POP（人口按面积均匀分布）、REACHED（有覆盖）与 COVERED（覆盖过半）；合计给出面积覆盖率、"
    "人口覆盖率（仅计人口已知的单元）和覆盖的单元数。UNCOVERED 输出未覆盖区域，供布局新载体参考。经纬度图层在山东等积投影（Albers，距离误差小于 0.03%）中计算。" );
}

namespace
{
//! Features with a geometry, and those geometries in the working CRS (made valid).
struct Shapes
{
    std::vector<QgsFeature> features;
    std::vector<OGRGeometryUniquePtr> geometries;

    std::vector<const OGRGeometry *> raw() const
    {
      std::vector<const OGRGeometry *> out;
      for ( const auto &g : geometries )
        out.push_back( g.get() );
      return out;
    }
};

Shapes readShapes( QgsProcessingFeatureSource &source, const QString &label, const QgsCoordinateReferenceSystem &crs, QgsProcessingContext &context )
{
  const QgsCoordinateTransform transform( source.sourceCrs(), crs, context.transformContext() );
  if ( source.sourceCrs().isValid() && !transform.isValid() )
    throw InputError( QStringLiteral( "%1 (%2): no transform from %3 to %4" ).arg( label, source.sourceName(), source.sourceCrs().authid(), crs.authid() ).toStdString() );
  Shapes shapes;
  QgsFeatureIterator it = source.getFeatures( QgsFeatureRequest(), QgsProcessingFeatureSource::FlagSkipGeometryValidityChecks );
  QgsFeature f;
  while ( it.nextFeature( f ) )
  {
    QgsGeometry g = f.geometry();
    if ( g.isNull() || g.isEmpty() )
      continue;
    if ( source.sourceCrs().isValid() && source.sourceCrs() != crs )
    {
      try
      {
        g.transform( transform );
      }
      catch ( const QgsCsException & )
      {
        throw InputError( QStringLiteral( "%1 (%2): feature %3 cannot be projected" ).arg( label, source.sourceName() ).arg( f.id() ).toStdString() );
      }
    }
    if ( !g.isGeosValid() )
      g = g.makeValid();
    shapes.geometries.push_back( toOgr( g ) );
    shapes.features.push_back( f );
  }
  return shapes;
}

//! The units for unitCoverage(), with the population of populationIndex where it is a number >= 0.
std::vector<CoverageUnitInput> unitInputs( const Shapes &units, int populationIndex )
{
  std::vector<CoverageUnitInput> inputs;
  for ( size_t u = 0; u < units.features.size(); ++u )
  {
    CoverageUnitInput input;
    input.geometry = units.geometries[u].get();
    if ( populationIndex >= 0 )
    {
      bool ok = false;
      const double population = units.features[u].attribute( populationIndex ).toDouble( &ok );
      if ( ok && population >= 0 )
        input.population = population;
    }
    inputs.push_back( input );
  }
  return inputs;
}

bool wanted( const QVariantMap &parameters, const QString &name )
{
  return parameters.value( name ).isValid() && !parameters.value( name ).toString().isEmpty();
}
} // namespace

QVariantMap CoverageAlgorithm::run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback )
{
  std::unique_ptr<QgsProcessingFeatureSource> carriers( parameterAsSource( parameters, QStringLiteral( "CARRIERS" ), context ) );
  if ( !carriers )
    throw sourceError( parameters, QStringLiteral( "CARRIERS" ) );
  std::unique_ptr<QgsProcessingFeatureSource> units( parameterAsSource( parameters, QStringLiteral( "UNITS" ), context ) );
  if ( !units )
    throw sourceError( parameters, QStringLiteral( "UNITS" ) );
  CoverageParameters p;
  p.radiusM = positiveParameter( parameters, QStringLiteral( "RADIUS" ), QStringLiteral( "metres" ), context );
  p.quadrantSegments = parameterAsInt( parameters, QStringLiteral( "SEGMENTS" ), context );
  p.threads = workerThreads();
  p.dissolveUncovered = wanted( parameters, QStringLiteral( "UNCOVERED" ) );
  const QString populationField = parameterAsString( parameters, QStringLiteral( "POPULATION_FIELD" ), context );
  const int populationIndex = populationField.isEmpty() ? -1 : units->fields().lookupField( populationField );

  const QgsCoordinateReferenceSystem crs = workingCrs( units->sourceCrs() );
  if ( crs != units->sourceCrs() )
    feedback->pushInfo( QStringLiteral( "UNITS are not in metres: coverage is measured in htsplan's Albers equal-area CRS for Shandong (true to 0.03% in distance)" ) );
  const Shapes carrierShapes = readShapes( *carriers, QStringLiteral( "CARRIERS" ), crs, context );
  const Shapes unitShapes = readShapes( *units, QStringLiteral( "UNITS" ), crs, context );
  if ( carrierShapes.geometries.empty() )
    feedback->pushWarning( QStringLiteral( "CARRIERS (%1) has no features with a geometry: nothing is covered" ).arg( carriers->sourceName() ) );

  const CoverageSummary summary = unitCoverage( carrierShapes.raw(), unitInputs( unitShapes, populationIndex ), p, feedback );

  QVariantMap results;
  results.insert( QStringLiteral( "OUTPUT" ), writeUnits( parameters, context, *units, unitShapes.features, summary ) );
  if ( p.dissolveUncovered )
    results.insert( QStringLiteral( "UNCOVERED" ), writeUncovered( parameters, context, crs, summary ) );
  results.insert( QStringLiteral( "AREA_SHARE" ), summary.areaShare );
  results.insert( QStringLiteral( "POPULATION_SHARE" ), std::isnan( summary.populationShare ) ? QVariant() : QVariant( summary.populationShare ) );
  results.insert( QStringLiteral( "COVERED_KM2" ), summary.coveredM2 / 1e6 );
  results.insert( QStringLiteral( "UNITS_REACHED" ), summary.unitsReached );
  results.insert( QStringLiteral( "UNITS_COVERED" ), summary.unitsCovered );
  return results;
}

QString CoverageAlgorithm::writeUnits( const QVariantMap &parameters, QgsProcessingContext &context, const QgsProcessingFeatureSource &units,
                                       const std::vector<QgsFeature> &features, const CoverageSummary &summary ) const
{
  QgsFields fields = units.fields();
  const QStringList added { QStringLiteral( "AREA_KM2" ), QStringLiteral( "COVERED_KM2" ), QStringLiteral( "AREA_SHARE" ),
                            QStringLiteral( "COVERED_POP" ), QStringLiteral( "REACHED" ), QStringLiteral( "COVERED" ) };
  for ( const QString &name : added )
  {
    if ( fields.lookupField( name ) >= 0 )
      throw InputError( QStringLiteral( "OUTPUT: UNITS already has a field '%1'" ).arg( name ).toStdString() );
    fields.append( QgsField( name, name == QLatin1String( "REACHED" ) || name == QLatin1String( "COVERED" ) ? QVariant::Int : QVariant::Double ) );
  }
  QString destination;
  std::unique_ptr<QgsFeatureSink> sink( parameterAsSink( parameters, QStringLiteral( "OUTPUT" ), context, destination, fields,
                                                         units.wkbType(), units.sourceCrs() ) );
  if ( !sink )
    throw sinkError( parameters, QStringLiteral( "OUTPUT" ) );
  for ( size_t u = 0; u < features.size(); ++u )
  {
    const UnitCoverage &c = summary.units[u];
    QgsFeature out = features[u];
    QgsAttributes attributes = out.attributes();
    attributes << c.areaM2 / 1e6 << c.coveredM2 / 1e6 << c.areaShare
               << ( std::isnan( c.coveredPopulation ) ? QVariant() : QVariant( c.coveredPopulation ) ) << int( c.reached ) << int( c.covered );
    out.setAttributes( attributes );
    if ( !sink->addFeature( out, QgsFeatureSink::FastInsert ) )
      throw writeError( sink.get(), parameters, QStringLiteral( "OUTPUT" ) );
  }
  return destination;
}

QString CoverageAlgorithm::writeUncovered( const QVariantMap &parameters, QgsProcessingContext &context, const QgsCoordinateReferenceSystem &crs,
                                           const CoverageSummary &summary ) const
{
  QgsFields fields;
  fields.append( QgsField( QStringLiteral( "AREA_KM2" ), QVariant::Double ) );
  QString destination;
  std::unique_ptr<QgsFeatureSink> sink( parameterAsSink( parameters, QStringLiteral( "UNCOVERED" ), context, destination, fields,
                                                         QgsWkbTypes::MultiPolygon, crs ) );
  if ( !sink )
    throw sinkError( parameters, QStringLiteral( "UNCOVERED" ) );
  if ( summary.uncovered && !summary.uncovered->IsEmpty() )
  {
    QgsFeature out( fields );
    out.setGeometry( fromOgr( summary.uncovered.get() ) );
    out.setAttributes( QgsAttributes() << ( summary.areaM2 - summary.coveredM2 ) / 1e6 );
    if ( !sink->addFeature( out, QgsFeatureSink::FastInsert ) )
      throw writeError( sink.get(), parameters, QStringLiteral( "UNCOVERED" ) );
  }
  return destination;
}

} // namespace htsplan
