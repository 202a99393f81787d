#include "processing/algorithm.h"

#include "layers/problems.h"
#include "processing/gpkg_output.h"

#include <qgsprocessingfeedback.h>
#include <qgsprocessingoutputs.h>
#include <qgsprocessingparameters.h>
#include <qgsproviderregistry.h>
#include <qgsvectorlayer.h>

#include <qgsexception.h>

#include <cmath>

namespace htsplan
{

QString Algorithm::group() const
{
  return QStringLiteral( "Planning analysis (规划分析)" );
}

QString Algorithm::groupId() const
{
  return QStringLiteral( "planning" );
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
                                        const PointReadOptions &options, QgsProcessingFeedback *feedback ) const
{
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
    throw QgsProcessingException( invalidSourceError( parameters, name ) );
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

QVariantMap Algorithm::processAlgorithm( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback )
{
  try
  {
    return run( parameters, context, feedback );
  }
  catch ( const Canceled & )
  {
    // QGIS's convention: a cancelled algorithm returns no results.
    return {};
  }
  catch ( const InputError &e )
  {
    throw QgsProcessingException( QStringLiteral( "%1: %2" ).arg( id(), QString::fromStdString( e.what() ) ) );
  }
  catch ( const QgsProcessingException & )
  {
    throw;
  }
  catch ( const std::exception &e )
  {
    throw QgsProcessingException( QStringLiteral( "%1 failed: %2" ).arg( id(), QString::fromStdString( e.what() ) ) );
  }
}

double Algorithm::positiveParameter( const QVariantMap &parameters, const QString &name, const QString &unit,
                                     QgsProcessingContext &context ) const
{
  const double value = parameterAsDouble( parameters, name, context );
  if ( !std::isfinite( value ) || value <= 0 )
    throw QgsProcessingException( QStringLiteral( "%1 must be a positive number of %2 (got %3)" )
                                    .arg( name, unit, parameters.value( name ).toString() ) );
  return value;
}

} // namespace htsplan
