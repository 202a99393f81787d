#pragma once
// htsplan:importlist — a planner's register (Excel, CSV, shapefile, ...) into
// the facility contract: the one implementation behind `htsplan import`, the
// toolbox and the plugin's "Import a register" dialog.
#include "processing/algorithm.h"

namespace htsplan
{

class ImportListAlgorithm : public Algorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    Group toolboxGroup() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    ImportListAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;
    QStringList pointParameters() const override { return {}; }
};

//! The keys of the CRS parameter's options, in order ("cgcs2000", "wgs84", "gcj02", "bd09").
QStringList importCrsKeys();
//! The keys of the KIND parameter's options: "" (from the kind column), then the contract's kinds.
QStringList importKindKeys();

} // namespace htsplan
