#pragma once
// htsplan:kde — kernel density raster, the twin of QGIS's heatmap
// (qgis:heatmapkerneldensityestimation): same parameters, same grid, same values.
#include "processing/algorithm.h"

namespace htsplan
{

class KdeAlgorithm : public Algorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    KdeAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;
};

} // namespace htsplan
