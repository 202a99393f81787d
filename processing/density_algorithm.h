#pragma once
// htsplan:density — facilities per county or city: count, per 10,000 km²
// and per million people, areas in the equal-area CRS.
#include "processing/units_algorithm.h"

namespace htsplan
{

class DensityAlgorithm : public UnitsAlgorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    Group toolboxGroup() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    DensityAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;

  private:
    //! Each unit's area in km², measured in the analysis CRS whatever the layer's CRS.
    std::vector<double> unitAreasKm2( const QgsProcessingFeatureSource &source, const std::vector<QgsFeature> &units,
                                      QgsProcessingContext &context ) const;
};

} // namespace htsplan
