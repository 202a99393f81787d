#pragma once
// htsplan:allocate — the province's remaining targets split among the cities
// (目标分解) by population, area, current counts, equal shares, a column of a
// table keyed by city code, or a blend (planning/allocation.h).
#include "processing/algorithm.h"

namespace htsplan
{

class AllocateAlgorithm : public Algorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    Group toolboxGroup() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    AllocateAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;
    //! No point layer parameter: the facilities are read by the contract's reader.
    QStringList pointParameters() const override { return {}; }
};

} // namespace htsplan
