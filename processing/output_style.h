#pragma once
// The shipped QML styles (styles/<name>.qml) on the layers the statistics
// algorithms write: applied by QGIS when it loads an output on completion
// (toolbox, model, processing.runAndLoadResults), and by the plugin's dock on
// the results it adds. One style file per result, found as the planning
// layers find theirs (stylesDir(): installed share/htsplan/styles, or the
// sources' styles/ in the build tree, or HTSPLAN_STYLES).
#include <QString>

class QgsMapLayer;
class QgsProcessingContext;

namespace htsplan
{

//! The path of a shipped style: <stylesDir>/<styleName>.qml.
QString bundledStylePath( const QString &styleName );

/**
 * Loads styles/<styleName>.qml onto layer; a graduated style's classes are
 * made again on the layer's values (its method, its number of classes). Returns an empty string when it
 * was applied, else why not (the file missing, or QGIS's reason), naming the
 * layer and the file.
 */
QString applyBundledStyle( QgsMapLayer &layer, const QString &styleName );

/**
 * When QGIS loads destination into the project on completion, it styles it
 * with styles/<styleName>.qml (a layer post-processor, owned by context as
 * QGIS 3.22 wants it). Does nothing when the output is not loaded (a file
 * path given to `htsplan run`, the dock's own runs).
 */
void styleWhenLoaded( QgsProcessingContext &context, const QString &destination, const QString &styleName );

} // namespace htsplan
