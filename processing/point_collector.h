#pragma once
// Internal to point_source.cpp and point_file.cpp: what both point readers
// (QGIS's feature iterator and GDAL's Arrow stream) share, so that they give
// the same PointSet for the same layer.
#include "processing/point_source.h"

#include <QVariant>

#include <map>
#include <optional>
#include <string>

class QgsProcessingFeedback;

namespace htsplan
{

class PointCollector
{
  public:
    PointCollector( PointSet &set, const PointReadOptions &options, const QString &sourceName );

    //! A weight for the last `added` points of feature fid; throws InputError naming the feature for null, negative or non-numbers.
    void addWeight( QgsFeatureId fid, std::optional<double> value, const QString &text, int added );
    //! A category for the last `added` points; empty text is unknown (-1).
    void addCategory( const QString &text, int added );
    //! Renumbers categories by name, reports skipped features and projects to the working CRS.
    void finish( QgsProcessingFeedback *feedback );

    const QString &label() const { return mLabel; }

  private:
    PointSet &mSet;
    const PointReadOptions &mOptions;
    QString mLabel, mSourceName;
    std::map<QString, int> mCategoryIds; //!< first-seen ids, renumbered sorted at the end
    int mCategoriesSeen = 0;
};

} // namespace htsplan
