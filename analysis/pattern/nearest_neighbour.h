#pragma once
// Clark-Evans nearest-neighbour index, equal to QGIS 3.22's
// native:nearestneighbouranalysis when given the same study area.
#include <vector>

class QgsFeedback;

namespace htsplan
{

/**
 * The statistics of native:nearestneighbouranalysis (its output names in
 * brackets), plus the standard error and a p-value. Distances in metres,
 * areas in m², both in the projected CRS of the input coordinates.
 */
struct NearestNeighbourStatistics
{
    long long pointCount = 0;           //!< POINT_COUNT
    double studyAreaM2 = 0;             //!< area A the expected distance assumes
    double observedMeanDistanceM = 0;   //!< OBSERVED_MD: mean distance to the nearest other point
    double expectedMeanDistanceM = 0;   //!< EXPECTED_MD: 0.5 / sqrt(n / A), the mean for a random pattern
    double index = 0;                   //!< NN_INDEX: observed / expected; below 1 clustered, above 1 dispersed
    double standardErrorM = 0;          //!< 0.26136 / sqrt(n² / A)
    double zScore = 0;                  //!< Z_SCORE: (observed - expected) / standard error
    double pValue = 0;                  //!< two-sided, from the standard normal distribution
};

/**
 * For every point, the planar distance in metres to the nearest other point
 * (0 when another point lies at the same spot), in input order. This is the
 * distance QGIS's spatial-index query returns: sqrt(dx² + dy²) to the
 * second-nearest index entry, the first being the point itself.
 *
 * Coordinates are in a projected CRS in metres. Exact (a k-d tree search, not
 * an approximation); the result does not depend on \a threads. Reports
 * progress 0-100 and throws Canceled when \a feedback is cancelled.
 * Throws InputError for fewer than 2 points, non-finite coordinates, or all
 * points at one location.
 */
std::vector<double> nearestNeighbourDistances( const std::vector<double> &xs, const std::vector<double> &ys,
                                               QgsFeedback *feedback = nullptr, int threads = 1 );

/**
 * The Clark-Evans statistics from per-point nearest-neighbour distances (in
 * point order, as nearestNeighbourDistances() returns them) and a study area
 * in m². Sums the distances in point order and evaluates QGIS's formulas in
 * QGIS's order, so that with QGIS's area and feature order the doubles agree.
 * Throws InputError for fewer than 2 distances or an area that is not a
 * positive finite number.
 */
NearestNeighbourStatistics nearestNeighbourStatistics( const std::vector<double> &distances, double studyAreaM2 );

//! nearestNeighbourDistances() followed by nearestNeighbourStatistics().
NearestNeighbourStatistics nearestNeighbourIndex( const std::vector<double> &xs, const std::vector<double> &ys, double studyAreaM2,
                                                  QgsFeedback *feedback = nullptr, int threads = 1 );

/**
 * Area in m² of the points' bounding box, width times height as QGIS
 * computes it. QGIS itself takes the layer's extent as the data provider
 * reports it (for a GeoPackage, the extent stored in gpkg_contents), which
 * can be larger than the points' box; use that one to equal QGIS.
 */
double pointsExtentArea( const std::vector<double> &xs, const std::vector<double> &ys );

//! Area in m² of the points' convex hull (0 for fewer than 3 points or points on one line).
double convexHullArea( const std::vector<double> &xs, const std::vector<double> &ys );

} // namespace htsplan
