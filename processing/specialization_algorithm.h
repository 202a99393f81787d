#pragma once
// htsplan:specialization — each unit's leading sector by location quotient,
// its Herfindahl-Hirschman index, and whether a bordering unit leads in the
// same sector (the policy's 错位发展).
#include "processing/units_algorithm.h"

namespace htsplan
{

class SpecializationAlgorithm : public UnitsAlgorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    Group toolboxGroup() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    SpecializationAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;
};

} // namespace htsplan
