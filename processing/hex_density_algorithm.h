#pragma once
// htsplan:hexdensity — facilities counted on a hexagonal grid laid out like
// QGIS's native:creategrid (hexagon), per category.
#include "processing/algorithm.h"

namespace htsplan
{

class HexDensityAlgorithm : public Algorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    HexDensityAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;
};

} // namespace htsplan
