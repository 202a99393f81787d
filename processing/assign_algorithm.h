#pragma once
// htsplan:assign — each point to exactly one polygon, counted per polygon
// (the twin of QGIS's native:countpointsinpolygon, with its parameter and
// field names), optionally per category (sector, kind, status...).
#include "processing/units_algorithm.h"

namespace htsplan
{

class AssignAlgorithm : public UnitsAlgorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    Group toolboxGroup() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    AssignAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;

  private:
    //! Writes the units with FIELD (and FIELD_value per category) to OUTPUT; returns the destination.
    QString writeCounts( const QVariantMap &parameters, QgsProcessingContext &context, const CountedUnits &counted, const QString &fieldName,
                         QgsProcessingFeedback *feedback ) const;
};

} // namespace htsplan
