#pragma once
// htsplan:coverage — how much of each unit's area and population lies within
// a distance of the chosen carriers, and where the gaps are.
#include "analysis/coverage/coverage.h"
#include "processing/algorithm.h"

namespace htsplan
{

class CoverageAlgorithm : public Algorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    Group toolboxGroup() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    CoverageAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;

  private:
    //! OUTPUT: the units with their coverage fields; returns the destination.
    QString writeUnits( const QVariantMap &parameters, QgsProcessingContext &context, const QgsProcessingFeatureSource &units,
                        const std::vector<QgsFeature> &features, const CoverageSummary &summary ) const;
    //! UNCOVERED: the dissolved area outside every buffer, in crs; returns the destination.
    QString writeUncovered( const QVariantMap &parameters, QgsProcessingContext &context, const QgsCoordinateReferenceSystem &crs,
                            const CoverageSummary &summary ) const;
};

} // namespace htsplan
