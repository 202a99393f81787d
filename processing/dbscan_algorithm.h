#pragma once
// htsplan:dbscan — density clusters, the twin of QGIS's native:dbscanclustering
// (same membership), plus a layer of cluster hulls with the dominant sector.
#include "processing/algorithm.h"

namespace htsplan
{

class DbscanAlgorithm : public Algorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    Group toolboxGroup() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    DbscanAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;
};

} // namespace htsplan
