#pragma once
// Reads a Processing feature source into plain coordinate arrays for the
// kernels, in metres: geographic input (EPSG:4490/4326, or any CRS not in
// metres) is projected to htsplan's equal-area CRS, and the run says so.
// QGIS's own algorithms would read a radius in degrees there.
#include <qgscoordinatereferencesystem.h>
#include <qgscoordinatetransformcontext.h>
#include <qgsfeatureid.h>
#include <qgsrectangle.h>

#include <QString>
#include <QStringList>

#include <vector>

class QgsFeatureSource;
class QgsProcessingFeedback;

namespace htsplan
{

struct PointReadOptions
{
    QString layerLabel;      //!< names the input in messages ("INPUT")
    QString weightField;     //!< empty for none; null or negative values are errors
    QString categoryField;   //!< empty for none; values become indexes into categoryNames
    bool explodeMultipoints = false; //!< every part of a multipoint is a point (as QGIS's heatmap does)
    QgsCoordinateReferenceSystem targetCrs; //!< when valid, points are given in this CRS instead of the working CRS
    QgsCoordinateTransformContext transformContext; //!< the run's (QgsProcessingContext::transformContext()), never the project's
};

struct PointSet
{
    std::vector<double> xs, ys;          //!< in crs, metres, in feature order
    std::vector<QgsFeatureId> fids;      //!< the feature of each point
    std::vector<double> weights;         //!< empty without a weight field
    std::vector<int> categories;         //!< empty without a category field; -1 for null
    QStringList categoryNames;           //!< sorted
    QgsCoordinateReferenceSystem crs;    //!< the CRS the coordinates are in
    QgsCoordinateReferenceSystem sourceCrs;
    bool reprojected = false;            //!< true when crs is the analysis CRS, not the source's
    QgsRectangle sourceExtent;           //!< the source's own extent, in sourceCrs (QGIS's choice for heatmap and NNI)
    long long withoutGeometry = 0;       //!< features skipped for a null or empty geometry

    size_t size() const { return xs.size(); }
    //! Room for count points (a feature count; nothing when unknown, below 1).
    void reserve( long long count );
    //! The points' bounding box in crs (null when there are none).
    QgsRectangle boundingBox() const;
};

//! analysisCrs() (Albers fitted to Shandong, layers/crs.h) as QGIS sees it.
QgsCoordinateReferenceSystem analysisQgsCrs();

//! The CRS htsplan measures in for a layer in crs: crs itself when it is in metres, else analysisQgsCrs().
QgsCoordinateReferenceSystem workingCrs( const QgsCoordinateReferenceSystem &crs );

/**
 * Reads every feature of source: points as they are, polygons and lines by
 * their point on surface. Throws InputError naming the layer, feature and
 * field for a bad weight; Canceled when feedback is cancelled. Reports the
 * reprojection and skipped features through feedback.
 */
PointSet readPoints( const QgsFeatureSource &source, const PointReadOptions &options, QgsProcessingFeedback *feedback );

/**
 * The same as readPoints() for a whole file-based layer, read straight through
 * GDAL's Arrow stream: for a GeoPackage several times faster than QGIS's
 * feature iterator. crs and extent are the layer's as QGIS reports them.
 * Throws std::runtime_error when GDAL cannot read the file (callers fall
 * back to readPoints()).
 */
PointSet readPointsFromFile( const QString &path, const QString &layerName, const QgsCoordinateReferenceSystem &crs,
                             const QgsRectangle &extent, const QString &sourceName, const PointReadOptions &options,
                             QgsProcessingFeedback *feedback );

} // namespace htsplan
