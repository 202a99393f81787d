#pragma once
// What every htsplan Processing algorithm shares: the group, bilingual help,
// and the error boundary (htsplan errors become QgsProcessingException, a
// cancel ends the run quietly, nothing else escapes into QGIS).
#include "layers/problems.h"
#include "processing/point_source.h"

#include <qgsprocessingalgorithm.h>
#include <qgsprocessingfeedback.h>

#include <map>

namespace htsplan
{

//! What stopped a run, for front doors that tell failures apart (the CLI's exit codes).
enum class RunFailure
{
  None,
  Algorithm, //!< the computation failed
  BadInput,  //!< a parameter, layer or feature the algorithm cannot use
  Output     //!< an output cannot be written
};

/**
 * A feedback that the error boundary tells the kind of failure before it
 * throws the QgsProcessingException carrying the message: QGIS passes on only
 * the message.
 */
class RunFeedback : public QgsProcessingFeedback
{
  public:
    RunFailure failure() const { return mFailure; }
    void setFailure( RunFailure failure ) { mFailure = failure; }

  private:
    RunFailure mFailure = RunFailure::None;
};

class Algorithm : public QgsProcessingAlgorithm
{
  public:
    //! The toolbox groups, named as a planner sorts the work.
    enum class Group
    {
      Density,  //!< 密度: kde, density, hexdensity
      Pattern,  //!< 格局: dbscan, nni
      Coverage, //!< 覆盖: coverage
      Units,    //!< 行政单元: assign
      Registers //!< 名录: importlist, chinacoords
    };
    //! The group's stable ASCII id (a toolbox group id, never translated).
    static QString toolboxGroupId( Group group );
    //! The group's name in the toolbox: English, then Chinese.
    static QString toolboxGroupName( Group group );

    //! The group this algorithm belongs to in the toolbox.
    virtual Group toolboxGroup() const = 0;
    QString group() const override;
    QString groupId() const override;
    //! The algorithm's own icon, from the processing library's resources (":/htsplan-processing/<name>.svg").
    QIcon icon() const override;
    QString svgIconPath() const override;
    //! English help, then the Chinese help.
    QString shortHelpString() const override;
    //! The entry in the plugin's spatial analysis menu, in English, marked with
    //! QT_TRANSLATE_NOOP( "htsplan::Algorithm", ... ): the plugin shows it translated (plugin/i18n).
    virtual QString menuLabel() const = 0;
    Flags flags() const override;
    //! Notes, on the main thread, which point inputs are plain layer files that can be read directly.
    bool prepareAlgorithm( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;

  protected:
    virtual QString helpEnglish() const = 0;
    virtual QString helpChinese() const = 0;
    //! The algorithm's work; may throw InputError, OutputError, Canceled or QgsProcessingException.
    virtual QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) = 0;
    //! The parameters read with readPointParameter() (default: INPUT).
    virtual QStringList pointParameters() const;
    /**
     * Reads a point input: straight from the file through GDAL when it is a
     * whole OGR layer without a filter, selection or unsaved edits (several
     * times faster), else through QGIS's feature iterator. Same result either way.
     */
    PointSet readPointParameter( const QVariantMap &parameters, const QString &name, QgsProcessingContext &context,
                                 const PointReadOptions &options, QgsProcessingFeedback *feedback ) const;
    /**
     * parameterAsSink() for an output of one feature per input point: a
     * plain .gpkg file is written through GpkgSink (gpkg_output.h: rows in one
     * transaction, an R-tree packed after them), whose flushBuffer() the
     * caller must call once the features are added; anything else through QGIS.
     */
    QgsFeatureSink *pointSink( const QVariantMap &parameters, const QString &name, QgsProcessingContext &context, QString &destination,
                               const QgsFields &fields, QgsWkbTypes::Type type, const QgsCoordinateReferenceSystem &crs ) const;
    //! InputError for a feature source parameter that cannot be loaded.
    static InputError sourceError( const QVariantMap &parameters, const QString &name );
    //! OutputError for a sink that cannot be created (names the parameter and the file).
    static OutputError sinkError( const QVariantMap &parameters, const QString &name );
    //! OutputError for a feature the sink refused.
    static OutputError writeError( QgsFeatureSink *sink, const QVariantMap &parameters, const QString &name );
    //! A positive, finite number parameter, or InputError naming it and the value.
    double positiveParameter( const QVariantMap &parameters, const QString &name, const QString &unit, QgsProcessingContext &context ) const;

    //! A point input that is a whole layer of a file, noted by prepareAlgorithm().
    struct LayerFile
    {
        QString path, layerName, name;
        QgsCoordinateReferenceSystem crs;
        QgsRectangle extent;
    };
    //! The file behind point parameter name, or null when QGIS must read it (memory layer, filter, selection, edits).
    const LayerFile *layerFile( const QString &name ) const;
    /**
     * The GeoPackage file sink parameter name writes to when it is a plain
     * .gpkg path (no field remapping, no layer within an existing file), else
     * empty (memory layers, other formats: parameterAsSink()). When not empty,
     * the caller writes the file itself (gpkg_output.h) and the layer is
     * loaded on completion as parameterAsSink() would have it.
     */
    QString gpkgDestination( const QVariantMap &parameters, const QString &name, QgsProcessingContext &context ) const;

  private:
    std::map<QString, LayerFile> mLayerFiles; //!< filled by prepareAlgorithm, per point parameter
    QVariantMap processAlgorithm( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) final;
};

} // namespace htsplan
