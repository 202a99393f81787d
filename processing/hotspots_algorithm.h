#pragma once
// htsplan:hotspots — Getis-Ord Gi* hot and cold spots of a numeric field on
// polygon units (counties, cities, hexagons), equal to R's spdep localG, with
// ArcGIS's fields and confidence classes.
#include "processing/algorithm.h"

namespace htsplan
{

class HotspotsAlgorithm : public Algorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    Group toolboxGroup() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    HotspotsAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;
};

} // namespace htsplan
