#include "processing/algorithm.h"

#include "layers/problems.h"
#include "processing/gpkg_output.h"

#include <qgsprocessingfeedback.h>
#include <qgsprocessingoutputs.h>
#include <qgsprocessingparameters.h>
#include <qgsproviderregistry.h>
#include <qgsvectorlayer.h>

#include <qgsexception.h>

#include <QIcon>

#include <cmath>

namespace htsplan
{

QString Algorithm::toolboxGroupId( Group group )
{
  switch ( group )
  {
    case Group::Density:
      return QStringLiteral( "density" );
    case Group::Pattern:
      return QStringLiteral( "pattern" );
    case Group::Coverage:
      return QStringLiteral( "coverage" );
    case Group::Units:
      return QStringLiteral( "units" );
    case Group::Registers:
      return QStringLiteral( "registers" );
  }
  return QString();
}

QString Algorithm::toolboxGroupName( Group group )
{
  switch ( group )
  {
    case Group::Density:
      return QStringLiteral( "Density (密度)" );
    case Group::Pattern:
      return QStringLiteral( "Spatial pattern (空间格局)" );
    case Group::Coverage:
      return QStringLiteral( "Coverage (覆盖)" );
    case Group::Units:
      return QStringLiteral( "Admin units (行政单元)" );
    case Group::Registers:
      return QStringLiteral( "Registers (名录)" );
  }
  return QString();
}

QString Algorithm::group() const
{
  return toolboxGroupName( toolboxGroup() );
}

QString Algorithm::groupId() const
{
  return toolboxGroupId( toolboxGroup() );
}

QIcon Algorithm::icon() const
{
  return QIcon( svgIconPath() );
}

QString Algorithm::svgIconPath() const
{
  return QStringLiteral( ":/htsplan-processing/%1.svg" ).arg( name() );
}

QString Algorithm::shortHelpString() const
{
  return helpEnglish() + QStringLiteral( "\n\n" ) + helpChinese();
}

QgsProcessingAlgorithm::Flags Algorithm::flags() const
{
  return QgsProcessingAlgorithm::flags() | FlagCanCancel;
}

QStringList Algorithm::pointParameters() const
{
  return { QStringLiteral( "INPUT" ) };
}

bool Algorithm::prepareAlgorithm( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback * )
{
  // An instance run again (a script reusing it; QGIS's batch mode takes a fresh one) must not read the last run's files.
  mLayerFiles.clear();
  for ( const QString &name : pointParameters() )
  {
    const QVariant value = parameters.value( name );
    if ( value.canConvert<QgsProcessingFeatureSourceDefinition>() )
    {
      const QgsProcessingFeatureSourceDefinition definition = value.value<QgsProcessingFeatureSourceDefinition>();
      if ( definition.selectedFeaturesOnly || definition.featureLimit >= 0 )
        continue; // QGIS's iterator applies these
    }
    QgsVectorLayer *layer = parameterAsVectorLayer( parameters, name, context );
    if ( !layer || layer->providerType() != QLatin1String( "ogr" ) || !layer->subsetString().isEmpty() || layer->isModified() )
      continue;
    const QVariantMap parts = QgsProviderRegistry::instance()->decodeUri( QStringLiteral( "ogr" ), layer->source() );
    LayerFile file;
    file.path = parts.value( QStringLiteral( "path" ) ).toString();
    file.layerName = parts.value( QStringLiteral( "layerName" ) ).toString();
    if ( file.layerName.isEmpty() && parts.value( QStringLiteral( "layerId" ) ).isValid() && parts.value( QStringLiteral( "layerId" ) ).toInt() != 0 )
      continue; // a layer chosen by index: leave it to QGIS
    file.name = layer->name();
    file.crs = layer->crs();
    file.extent = layer->extent();
    mLayerFiles[name] = file;
  }
  return true;
}

PointSet Algorithm::readPointParameter( const QVariantMap &parameters, const QString &name, QgsProcessingContext &context,
                                        const PointReadOptions &readOptions, QgsProcessingFeedback *feedback ) const
{
  PointReadOptions options = readOptions;
  options.transformContext = context.transformContext();
  const auto file = mLayerFiles.find( name );
  if ( file != mLayerFiles.end() )
  {
    try
    {
      return readPointsFromFile( file->second.path, file->second.layerName, file->second.crs, file->second.extent, file->second.name, options, feedback );
    }
    catch ( const InputError & )
    {
      throw;
    }
    catch ( const Canceled & )
    {
      throw;
    }
    catch ( const std::runtime_error &e )
    {
      if ( feedback )
        feedback->pushInfo( QStringLiteral( "%1: reading through QGIS instead (%2)" ).arg( name, QString::fromStdString( e.what() ) ) );
    }
  }
  std::unique_ptr<QgsProcessingFeatureSource> source( parameterAsSource( parameters, name, context ) );
  if ( !source )
    throw sourceError( parameters, name );
  return readPoints( *source, options, feedback );
}

QgsFeatureSink *Algorithm::pointSink( const QVariantMap &parameters, const QString &name, QgsProcessingContext &context, QString &destination,
                                      const QgsFields &fields, QgsWkbTypes::Type type, const QgsCoordinateReferenceSystem &crs ) const
{
  const QString gpkg = gpkgDestination( parameters, name, context );
  if ( !gpkg.isEmpty() )
  {
    destination = gpkg;
    return new GpkgSink( gpkg, fields, type, crs );
  }
  return QgsProcessingParameters::parameterAsSink( parameterDefinition( name ), parameters, fields, type, crs, context, destination );
}

const Algorithm::LayerFile *Algorithm::layerFile( const QString &name ) const
{
  const auto file = mLayerFiles.find( name );
  return file == mLayerFiles.end() ? nullptr : &file->second;
}

QString Algorithm::gpkgDestination( const QVariantMap &parameters, const QString &name, QgsProcessingContext &context ) const
{
  const QgsProcessingParameterDefinition *definition = parameterDefinition( name );
  QVariant value = parameters.value( name );
  QgsProject *project = nullptr;
  QString layerName;
  if ( value.canConvert<QgsProcessingOutputLayerDefinition>() )
  {
    const QgsProcessingOutputLayerDefinition output = value.value<QgsProcessingOutputLayerDefinition>();
    if ( output.useRemapping() )
      return QString();
    project = output.destinationProject;
    layerName = output.destinationName;
    value = output.sink;
  }
  const QString target = value.canConvert<QgsProperty>() && definition
                           ? value.value<QgsProperty>().valueAsString( context.expressionContext(), definition->defaultValue().toString() )
                           : value.toString();
  // "ogr:dbname=..." and "file.gpkg|layername=..." name a layer inside a file: QGIS's sink handles those.
  if ( !definition || !target.endsWith( QLatin1String( ".gpkg" ), Qt::CaseInsensitive ) || target.contains( '|' )
       || target.startsWith( QLatin1String( "ogr:" ) ) )
    return QString();
  if ( project )
    context.addLayerToLoadOnCompletion( target, QgsProcessingContext::LayerDetails( layerName.isEmpty() ? definition->description() : layerName,
                                                                                    project, name, QgsProcessingUtils::LayerHint::Vector ) );
  return target;
}

namespace
{
void setFailure( QgsProcessingFeedback *feedback, RunFailure failure )
{
  if ( auto *run = dynamic_cast<RunFeedback *>( feedback ) )
    run->setFailure( failure );
}
} // namespace

InputError Algorithm::sourceError( const QVariantMap &parameters, const QString &name )
{
  return InputError( invalidSourceError( parameters, name ).toStdString() );
}

OutputError Algorithm::sinkError( const QVariantMap &parameters, const QString &name )
{
  return OutputError( invalidSinkError( parameters, name ).toStdString() );
}

OutputError Algorithm::writeError( QgsFeatureSink *sink, const QVariantMap &parameters, const QString &name )
{
  return OutputError( writeFeatureError( sink, parameters, name ).toStdString() );
}

QVariantMap Algorithm::processAlgorithm( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback )
{
  try
  {
    return run( parameters, context, feedback );
  }
  catch ( const Canceled & )
  {
    // QGIS's convention: a cancel is not a failure; the run returns the results it has (none).
    if ( feedback )
      feedback->pushInfo( QStringLiteral( "%1: canceled" ).arg( id() ) );
    return {};
  }
  catch ( const InputError &e )
  {
    setFailure( feedback, RunFailure::BadInput );
    throw QgsProcessingException( QStringLiteral( "%1: bad input: %2" ).arg( id(), QString::fromStdString( e.what() ) ) );
  }
  catch ( const OutputError &e )
  {
    setFailure( feedback, RunFailure::Output );
    throw QgsProcessingException( QStringLiteral( "%1: the output could not be written: %2" ).arg( id(), QString::fromStdString( e.what() ) ) );
  }
  catch ( const QgsCsException &e )
  {
    // A feature that cannot be projected: the input's, not the algorithm's.
    setFailure( feedback, RunFailure::BadInput );
    throw QgsProcessingException( QStringLiteral( "%1: bad input: cannot project a feature: %2" ).arg( id(), e.what() ) );
  }
  catch ( const QgsProcessingException & )
  {
    setFailure( feedback, RunFailure::Algorithm );
    throw;
  }
  catch ( const std::exception &e )
  {
    setFailure( feedback, RunFailure::Algorithm );
    throw QgsProcessingException( QStringLiteral( "%1 failed: %2" ).arg( id(), QString::fromStdString( e.what() ) ) );
  }
  catch ( ... )
  {
    // Nothing else may reach QGIS: an unknown exception there ends the planner's session.
    setFailure( feedback, RunFailure::Algorithm );
    throw QgsProcessingException( QStringLiteral( "%1 failed: unknown error" ).arg( id() ) );
  }
}

double Algorithm::positiveParameter( const QVariantMap &parameters, const QString &name, const QString &unit,
                                     QgsProcessingContext &context ) const
{
  const double value = parameterAsDouble( parameters, name, context );
  if ( !std::isfinite( value ) || value <= 0 )
    throw InputError( QStringLiteral( "%1 must be a positive number of %2 (got %3)" )
                        .arg( name, unit, parameters.value( name ).toString() )
                        .toStdString() );
  return value;
}

} // namespace htsplan
