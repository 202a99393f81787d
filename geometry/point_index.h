#pragma once
// An exact nearest-neighbour and radius index over points in a projected CRS.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace htsplan
{

/**
 * A static k-d tree over points (xs[i], ys[i]), built once, queried exactly:
 * distances are sqrt(dx² + dy²) as a brute-force loop computes them, in the
 * unit of the coordinates (metres in a projected CRS), and ties are broken
 * by the lower point index, so results equal a brute-force search bit for bit.
 *
 * The tree is stored implicitly in one array (as in kdbush): the node over
 * [lo, hi) keeps its median at m = (lo + hi) / 2, the left child is [lo, m),
 * the right child [m + 1, hi), and the split axis is the longer side of the
 * node's cell. (Alternating axes cost 30 times more on points along one
 * vertical line: every x split ties and prunes nothing.) Median splits adapt
 * to any density, where a grid would not: enterprise records are strongly
 * clustered (thousands per km² in city centres, a handful in the
 * countryside, many at one address).
 */
class PointIndex
{
  public:
    /**
     * Runs two independent parts of the build and returns when both are
     * done, possibly at once on two threads (the tree is the same either
     * way: each part only ever sees its own range).
     */
    using Fork = std::function<void( const std::function<void()> &, const std::function<void()> & )>;

    /**
     * Builds the index; the coordinates must be finite and as many as
     * 2³² - 1 at most. In the top \a forkDepth levels, a node of more than
     * 65,536 points builds its two halves through \a fork (one after the
     * other when fork is empty).
     */
    PointIndex( const std::vector<double> &xs, const std::vector<double> &ys, int forkDepth = 0, const Fork &fork = {} );

    //! Number of points.
    size_t size() const { return mPoints.size(); }

    //! A point found by a query.
    struct Neighbour
    {
        size_t index;    //!< the point's index in the input arrays
        double distance; //!< in the coordinates' unit (metres)
        bool operator==( const Neighbour &other ) const { return index == other.index && distance == other.distance; }
    };

    /**
     * The \a k points nearest to (x, y), nearest first (ties: lower index
     * first); fewer when the index holds fewer.
     */
    std::vector<Neighbour> nearest( double x, double y, size_t k ) const;

    /**
     * The \a k points nearest to point \a point of the input, nearest first;
     * the point itself is left out unless \a includeSelf (other points at the
     * same spot count, at distance 0).
     */
    std::vector<Neighbour> nearestTo( size_t point, size_t k, bool includeSelf = false ) const;

    //! Every point at most \a radius from (x, y), in index order.
    std::vector<Neighbour> within( double x, double y, double radius ) const;

    //! Every point at most \a radius from point \a point of the input, in index order; the point itself only if \a includeSelf.
    std::vector<Neighbour> withinOf( size_t point, double radius, bool includeSelf = false ) const;

    //! A subtree and the path to it from the root.
    struct Node
    {
        size_t lo, hi;
    };
    static constexpr int MAX_DEPTH = 64;
    //! A part of the all-nearest-distances search: one subtree, independent of the others.
    struct Part
    {
        Node node;
        int depth;
        Node path[MAX_DEPTH];
    };

    /**
     * Splits the all-nearest-distances search into the subtrees at \a depth
     * (in tree order), to run with nearestDistances() on any threads. Nodes
     * above them keep a median point each, whose distances are written to
     * \a out here (out has size() slots).
     */
    std::vector<Part> nearestDistanceParts( int depth, double *out ) const;

    /**
     * Writes to out[i] the distance from point i to its nearest other point
     * (0 when another lies at the same spot), for the points of \a part.
     */
    void nearestDistances( const Part &part, double *out ) const;

  private:
    struct TreePoint
    {
        double x, y;
        uint32_t id; //!< index in the input arrays
    };
    struct Cell
    {
        double minX, minY, maxX, maxY;
    };
    //! The best k so far, worst on top of a heap ordered by (squared distance, index).
    struct Best;

    size_t position( size_t point ) const { return mPosition[point]; }
    void build( size_t lo, size_t hi, Cell cell, int forkDepth, const Fork &fork );
    void collect( Node node, int depth, int partDepth, Part &part, std::vector<Part> &result, double *out ) const;
    void visit( Node node, Node *path, int depth, double *out ) const;
    double nearestToMedian( Node node, const Node *path, int depth ) const;
    void climb( const Node *path, int depth, size_t k, double &best ) const;
    void consider( size_t k, double qx, double qy, size_t self, double &best ) const;
    void search( size_t lo, size_t hi, double qx, double qy, size_t self, double &best ) const;
    //! Calls visit( position ) for the points that farSideCounts( diff² ) does not rule out, near side of each split first.
    template <class Visit, class Far>
    void descend( size_t lo, size_t hi, double qx, double qy, const Visit &visit, const Far &farSideCounts ) const;
    void searchNearest( double qx, double qy, size_t self, Best &best ) const;
    std::vector<Neighbour> searchWithin( double qx, double qy, double radius, size_t self ) const;

    std::vector<TreePoint> mPoints;
    std::vector<uint8_t> mAxis;        //!< split axis of the node whose median is at this position (0 x, 1 y)
    std::vector<uint32_t> mPosition;   //!< position in mPoints of each input point
};

} // namespace htsplan
