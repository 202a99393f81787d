#pragma once
// htsplan:growth — revenue growth per city against the policy's lines (20% a
// year, 25% in the central cities and the Blue Economic Zone), from a
// facilities GeoPackage with an enterprise_revenue table (planning/growth.h).
#include "processing/algorithm.h"

namespace htsplan
{

class GrowthAlgorithm : public Algorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    Group toolboxGroup() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    GrowthAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;
    //! No point layer parameter: the facilities are read by the contract's reader.
    QStringList pointParameters() const override { return {}; }
};

} // namespace htsplan
