#include "processing/output_style.h"

#include "layers/paths.h"

#include <qgsgraduatedsymbolrenderer.h>
#include <qgsmaplayer.h>
#include <qgsprocessingcontext.h>
#include <qgsprocessingfeedback.h>
#include <qgsvectorlayer.h>

#include <QFileInfo>

namespace htsplan
{

namespace
{

/**
 * Styles one loaded output. QGIS calls it on the main thread after the layer
 * is added; a new one per output, deleted by the context that holds it
 * (QgsProcessingContext's destructor deletes its post-processors in 3.22:
 * a shared static one would be deleted twice).
 */
class BundledStylePostProcessor : public QgsProcessingLayerPostProcessorInterface
{
  public:
    explicit BundledStylePostProcessor( const QString &styleName )
      : mStyleName( styleName )
    {
    }

    void postProcessLayer( QgsMapLayer *layer, QgsProcessingContext &, QgsProcessingFeedback *feedback ) override
    {
      if ( !layer )
        return;
      const QString error = applyBundledStyle( *layer, mStyleName );
      if ( !error.isEmpty() && feedback )
        feedback->reportError( error, false );
    }

  private:
    QString mStyleName;
};

} // namespace

QString bundledStylePath( const QString &styleName )
{
  return QString::fromStdString( stylesDir() ) + QLatin1Char( '/' ) + styleName + QStringLiteral( ".qml" );
}

QString applyBundledStyle( QgsMapLayer &layer, const QString &styleName )
{
  const QString path = bundledStylePath( styleName );
  if ( !QFileInfo::exists( path ) )
    return QStringLiteral( "%1: style %2 not found: QGIS's default style kept" ).arg( layer.name(), path );
  bool applied = false;
  const QString message = layer.loadNamedStyle( path, applied );
  if ( !applied )
    return QStringLiteral( "%1: style %2 not applied (%3): QGIS's default style kept" ).arg( layer.name(), path, message );
  // A graduated style's classes are placeholders (styles/allocation.qml): made again on the
  // layer's values, with the style's method and number of classes.
  if ( auto *vector = qobject_cast<QgsVectorLayer *>( &layer ) )
    if ( auto *graduated = dynamic_cast<QgsGraduatedSymbolRenderer *>( vector->renderer() ) )
      if ( !graduated->ranges().isEmpty() && vector->featureCount() > 0 )
        graduated->updateClasses( vector, graduated->ranges().size() );
  layer.triggerRepaint();
  return QString();
}

void styleWhenLoaded( QgsProcessingContext &context, const QString &destination, const QString &styleName )
{
  if ( destination.isEmpty() || !context.willLoadLayerOnCompletion( destination ) )
    return;
  context.layerToLoadOnCompletionDetails( destination ).setPostProcessor( new BundledStylePostProcessor( styleName ) );
}

} // namespace htsplan
