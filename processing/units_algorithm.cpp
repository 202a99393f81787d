#include "processing/units_algorithm.h"

#include <qgsfeaturesink.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingutils.h>

namespace htsplan
{

QStringList UnitsAlgorithm::pointParameters() const
{
  return { QStringLiteral( "POINTS" ) };
}

UnitsAlgorithm::CountedUnits UnitsAlgorithm::countPoints( const QVariantMap &parameters, const QString &unitsName, PointReadOptions options,
                                                          QgsProcessingContext &context, QgsProcessingFeedback *feedback ) const
{
  CountedUnits result;
  result.source.reset( parameterAsSource( parameters, unitsName, context ) );
  if ( !result.source )
    throw sourceError( parameters, unitsName );
  options.layerLabel = QStringLiteral( "POINTS" );
  options.targetCrs = result.source->sourceCrs();
  PointSet points = readPointParameter( parameters, QStringLiteral( "POINTS" ), context, options, feedback );
  result.counts = countPointsInUnits( *result.source, unitsName, std::move( points ), feedback );
  return result;
}

QgsFields UnitsAlgorithm::withAddedFields( QgsFields fields, const QList<QgsField> &added, const QString &unitsName, const QString &hint )
{
  for ( const QgsField &field : added )
  {
    if ( fields.lookupField( field.name() ) >= 0 )
      throw InputError( QStringLiteral( "OUTPUT: %1 already has a field '%2'%3" ).arg( unitsName, field.name(), hint ).toStdString() );
    fields.append( field );
  }
  return fields;
}

QString UnitsAlgorithm::writeUnits( const QVariantMap &parameters, QgsProcessingContext &context, const CountedUnits &units, const QgsFields &fields,
                                    const std::function<QgsAttributes( size_t )> &extra, QgsProcessingFeedback *feedback ) const
{
  QString destination;
  std::unique_ptr<QgsFeatureSink> sink( parameterAsSink( parameters, QStringLiteral( "OUTPUT" ), context, destination, fields,
                                                         units.source->wkbType(), units.source->sourceCrs() ) );
  if ( !sink )
    throw sinkError( parameters, QStringLiteral( "OUTPUT" ) );
  const std::vector<QgsFeature> &features = units.counts.units;
  for ( size_t u = 0; u < features.size(); ++u )
  {
    QgsFeature out = features[u];
    QgsAttributes attributes = out.attributes();
    attributes << extra( u );
    out.setAttributes( attributes );
    if ( !sink->addFeature( out, QgsFeatureSink::FastInsert ) )
      throw writeError( sink.get(), parameters, QStringLiteral( "OUTPUT" ) );
  }
  feedback->setProgress( 100 );
  return destination;
}

} // namespace htsplan
