#pragma once
// htsplan:moran — global and local Moran's I (LISA) of a numeric field on
// polygon units, equal to R's spdep (moran.test, localmoran), with
// ArcGIS's local fields and GeoDa's cluster types.
#include "processing/algorithm.h"

namespace htsplan
{

class MoranAlgorithm : public Algorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    Group toolboxGroup() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    MoranAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;
};

} // namespace htsplan
