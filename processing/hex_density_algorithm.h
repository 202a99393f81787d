#pragma once
// htsplan:hexdensity — facilities counted on a hexagonal grid laid out like
// QGIS's native:creategrid (hexagon), per category.
#include "analysis/density/hexgrid.h"
#include "processing/algorithm.h"

namespace htsplan
{

class HexDensityAlgorithm : public Algorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    Group toolboxGroup() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    HexDensityAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;

  private:
    //! The grid over EXTENT, or over the points' extent grown by one cell.
    HexGrid gridFor( const QVariantMap &parameters, QgsProcessingContext &context, const PointSet &points, double cellSize ) const;
    //! OUTPUT: the cells holding a point, with their counts; returns the destination.
    QString writeCells( const QVariantMap &parameters, QgsProcessingContext &context, const PointSet &points, const HexCounts &counts,
                        double cellSize ) const;
};

} // namespace htsplan
