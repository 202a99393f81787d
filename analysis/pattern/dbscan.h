#pragma once
// DBSCAN clustering of points that gives the same clusters, ids and sizes as
// QGIS 3.22's native:dbscanclustering, computed on a grid index.
#include <cstddef>
#include <vector>

class QgsFeedback;

namespace htsplan
{

/**
 * Clusters of one DBSCAN run, per point in the order the points were given.
 *
 * The rules are those of QGIS 3.22 native:dbscanclustering (read from its
 * source and checked with qgis_process on the same data):
 * - Two points are neighbours when dx * dx + dy * dy <= eps * eps, computed
 *   in doubles as QGIS's KDBush index does: a distance exactly equal to eps
 *   counts. A point is its own neighbour, and duplicates count separately.
 * - A point is core when it has at least minSize neighbours, itself included
 *   (minSize 1: every point is core, clusters are the eps-connected groups).
 * - Clusters are the groups of core points linked by neighbour steps. QGIS
 *   walks the features in order and starts a cluster at each core point not
 *   yet in one, so cluster ids run 1, 2, ... in the order of each cluster's
 *   first core point in feature order.
 * - A non-core point that neighbours a core point is a border point. QGIS
 *   grows each cluster completely before starting the next, so a border point
 *   reachable from several clusters joins the one with the lowest id. With
 *   DBSCAN* (borderPointsAreNoise) border points are noise.
 * - Noise points have no cluster: QGIS writes NULL for both CLUSTER_ID and
 *   CLUSTER_SIZE (here id 0 and size 0). CLUSTER_SIZE of a clustered point is
 *   its cluster's member count, border points included.
 * - NUM_CLUSTERS is clusterCount.
 * The wrapper must give the points in QGIS's request order (fid order for a
 * GeoPackage) and leave out features without a point geometry: QGIS gives
 * them NULL and does not index them.
 */
struct DbscanResult
{
    std::vector<int> clusterIds;   //!< per point: cluster id 1..clusterCount, 0 for noise (QGIS: NULL)
    std::vector<int> clusterSizes; //!< per cluster: clusterSizes[id - 1] = member count
    int clusterCount = 0;          //!< number of clusters (QGIS's NUM_CLUSTERS)

    //! Cluster size of point i (QGIS's CLUSTER_SIZE), 0 for noise (QGIS: NULL).
    int pointClusterSize( std::size_t i ) const
    {
      const int id = clusterIds[i];
      return id > 0 ? clusterSizes[static_cast<std::size_t>( id - 1 )] : 0;
    }
};

/**
 * Runs DBSCAN on points (xs[i], ys[i]) in a projected CRS in metres, eps in
 * metres, minSize points (itself included) for a core point; borderPointsAreNoise
 * is QGIS's DBSCAN* flag. No points give zero clusters, as in QGIS.
 * Throws InputError when eps is not a positive finite number (QGIS accepts 0;
 * htsplan refuses it as a mistake), minSize < 1 (QGIS's minimum), the arrays
 * differ in length, a coordinate is not finite, or eps is so small against the
 * extent that the grid would overflow. Throws Canceled when feedback is
 * canceled; reports progress 0-100. The result is the same for any thread count.
 */
DbscanResult dbscan( const std::vector<double> &xs, const std::vector<double> &ys, double eps, int minSize, bool borderPointsAreNoise,
                     QgsFeedback *feedback = nullptr, int threads = 1 );

/**
 * One cluster's outline and make-up, for the summary layer.
 * The hull is the convex hull of the members as open vertex lists
 * (counter-clockwise, first vertex not repeated; the wrapper closes the ring):
 * one vertex when all members coincide, two (the extreme ends) when the
 * members are collinear, else a polygon without collinear vertices.
 */
struct ClusterSummary
{
    int clusterId = 0;
    int pointCount = 0;
    std::vector<double> hullXs, hullYs;
    double hullArea = 0;       //!< m², 0 for one or two hull vertices
    int dominantCategory = -1; //!< most frequent category index among members; ties to the lowest; -1 when all unknown
};

/**
 * Summaries of the clusters of result, in cluster id order. categories is
 * empty (every dominantCategory is -1) or holds one category index per point,
 * -1 for unknown: unknown members are left out of the vote unless all are
 * unknown. Throws InputError when categories has the wrong length or an index
 * below -1; Canceled when feedback is canceled.
 */
std::vector<ClusterSummary> summarizeClusters( const std::vector<double> &xs, const std::vector<double> &ys, const DbscanResult &result,
                                               const std::vector<int> &categories = {}, QgsFeedback *feedback = nullptr );

} // namespace htsplan
