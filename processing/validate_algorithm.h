#pragma once
// htsplan:validate — checks that the register hangs together (planning/validation.h)
// (parents, places, duplicates, years, sectors): a layer of violations, never a write to the register.
#include "processing/algorithm.h"

namespace htsplan
{

class ValidateAlgorithm : public Algorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    Group toolboxGroup() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    ValidateAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;
    //! No point layer parameter: the facilities are read by the contract's reader.
    QStringList pointParameters() const override { return {}; }
};

} // namespace htsplan

