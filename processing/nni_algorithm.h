#pragma once
// htsplan:nni — Clark-Evans nearest-neighbour index, the twin of QGIS's
// native:nearestneighbouranalysis, with a choice of study area.
#include "processing/algorithm.h"

namespace htsplan
{

class NniAlgorithm : public Algorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    NniAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;
};

} // namespace htsplan
