#pragma once
// htsplan:nni — Clark-Evans nearest-neighbour index, the twin of QGIS's
// native:nearestneighbouranalysis, with a choice of study area.
#include "analysis/pattern/nearest_neighbour.h"
#include "processing/algorithm.h"

namespace htsplan
{

class NniAlgorithm : public Algorithm
{
  public:
    QString name() const override;
    QString displayName() const override;
    Group toolboxGroup() const override;
    QString menuLabel() const override;
    QStringList tags() const override;
    NniAlgorithm *createInstance() const override;
    void initAlgorithm( const QVariantMap &configuration = QVariantMap() ) override;

  protected:
    QString helpEnglish() const override;
    QString helpChinese() const override;
    QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) override;

  private:
    struct StudyAreaSize
    {
        double m2 = 0;  //!< in the points' CRS
        QString name;   //!< "layer extent", "convex hull" or "polygons of AREA"
    };
    //! The study area of STUDY_AREA; for the polygons of AREA, drops the points outside them.
    StudyAreaSize measureStudyArea( const QVariantMap &parameters, QgsProcessingContext &context, int studyArea, PointSet &points,
                                    QgsProcessingFeedback *feedback ) const;
    //! OUTPUT_HTML_FILE, as QGIS's tool writes it, in English and Chinese.
    void writeHtml( const QString &path, const NearestNeighbourStatistics &statistics, const StudyAreaSize &area, const QString &pattern ) const;
};

} // namespace htsplan
