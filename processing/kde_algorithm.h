#pragma once
// htsplan:kde — kernel density raster, the twin of QGIS's heatmap
// (qgis:heatmapkerneldensityestimation): same parameters, same grid, same values.
#include "analysis/density/kde.h"
#include "processing/algorithm.h"

namespace htsplan
{

class KdeAlgorithm : public Algorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    Group toolboxGroup() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    KdeAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;

  private:
    //! RADIUS, PIXEL_SIZE (metres, positive), KERNEL, DECAY and OUTPUT_VALUE.
    KdeParameters kdeParameters( const QVariantMap &parameters, QgsProcessingContext &context ) const;
    //! The OUTPUT path; InputError unless it names a GeoTIFF.
    QString geoTiffOutput( const QVariantMap &parameters, QgsProcessingContext &context ) const;
    //! The extent QGIS grows by the radius: the layer's own, or the points' once reprojected.
    static KdeExtent rasterExtent( const PointSet &points );
};

} // namespace htsplan
