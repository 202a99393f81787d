#pragma once
// htsplan:density — facilities per county or city: count, per 10,000 km²
// and per million people, areas in the equal-area CRS.
#include "processing/algorithm.h"

namespace htsplan
{

class DensityAlgorithm : public Algorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    DensityAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QStringList pointParameters() const override { return { QStringLiteral( "POINTS" ) }; }
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;
};

} // namespace htsplan
