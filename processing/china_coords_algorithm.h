#pragma once
// htsplan:chinacoords — converts a point layer between CGCS2000/WGS84 and the
// offset systems of Chinese web maps (GCJ-02: Amap, Tencent; BD-09: Baidu),
// which PROJ does not offer.
#include "processing/algorithm.h"

namespace htsplan
{

class ChinaCoordsAlgorithm : public Algorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    Group toolboxGroup() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    ChinaCoordsAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;
    QStringList pointParameters() const override { return {}; }
};

} // namespace htsplan
