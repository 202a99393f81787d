#pragma once
// htsplan:coverage — how much of each unit's area and population lies within
// a distance of the chosen carriers, and where the gaps are.
#include "processing/algorithm.h"

namespace htsplan
{

class CoverageAlgorithm : public Algorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    CoverageAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;
};

} // namespace htsplan
