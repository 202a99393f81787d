#include "analysis/pattern/nearest_neighbour.h"

#include "layers/problems.h"
#include "analysis/parallel.h"
#include "geometry/convex_hull.h"

#include <qgsfeedback.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace htsplan
{

namespace
{

// A static k-d tree stored implicitly in one array (as in kdbush): the node
// over [lo, hi) keeps its median at m = (lo + hi) / 2, the left child is
// [lo, m), the right child [m + 1, hi), and the split axis, kept at m, is the
// longer side of the node's cell. (Alternating axes cost 30 times more on
// points along one vertical line: every x split ties and prunes nothing.)
// A grid was the first idea, but enterprise records are strongly
// clustered (thousands of points per km² in city centres, a handful in the
// countryside, many at one address): no single cell size suits both, while
// median splits adapt to any density.
struct TreePoint
{
    double x, y;
    uint32_t id; //!< index in the input arrays
};

constexpr int LEAF_SIZE = 16; // measured: 8 to 24 are within 10%

class KdTree
{
  public:
    KdTree( const std::vector<double> &xs, const std::vector<double> &ys, int threads )
      : mPoints( xs.size() )
      , mAxis( xs.size() )
    {
      Cell cell{ xs[0], ys[0], xs[0], ys[0] };
      for ( size_t i = 0; i < xs.size(); ++i )
      {
        mPoints[i] = { xs[i], ys[i], static_cast<uint32_t>( i ) };
        cell = { std::min( cell.minX, xs[i] ), std::min( cell.minY, ys[i] ), std::max( cell.maxX, xs[i] ), std::max( cell.maxY, ys[i] ) };
      }
      int spawnDepth = 0;
      while ( ( 1 << spawnDepth ) < threads )
        ++spawnDepth;
      build( 0, mPoints.size(), cell, spawnDepth );
    }

    size_t size() const { return mPoints.size(); }

    //! A subtree and the path to it from the root.
    struct Node
    {
        size_t lo, hi;
    };
    static constexpr int MAX_DEPTH = 64;
    struct Task
    {
        Node node;
        int depth;
        Node path[MAX_DEPTH];
    };

    /**
     * Splits the tree into the subtrees at \a depth (in tree order), the work
     * units of the threads. Nodes above them keep a median point each, whose
     * distances are written to \a out here.
     */
    std::vector<Task> tasks( int depth, double *out ) const
    {
      std::vector<Task> result;
      Task task{};
      collect( { 0, mPoints.size() }, 0, depth, task, result, out );
      return result;
    }

    //! Writes the nearest-neighbour distance of every point of the task's subtree to out[id].
    void run( const Task &task, double *out ) const
    {
      Node path[MAX_DEPTH];
      std::copy( task.path, task.path + task.depth, path );
      visit( task.node, path, task.depth, out );
    }

  private:
    // nth_element only ever sees its own range, so the tree is the same
    // whichever thread builds which half.
    struct Cell
    {
        double minX, minY, maxX, maxY;
    };

    void build( size_t lo, size_t hi, Cell cell, int spawnDepth )
    {
      if ( hi - lo <= LEAF_SIZE )
        return;
      const size_t m = ( lo + hi ) / 2;
      const int axis = cell.maxX - cell.minX >= cell.maxY - cell.minY ? 0 : 1;
      mAxis[m] = static_cast<uint8_t>( axis );
      auto first = mPoints.begin() + static_cast<std::ptrdiff_t>( lo );
      auto middle = mPoints.begin() + static_cast<std::ptrdiff_t>( m );
      auto last = mPoints.begin() + static_cast<std::ptrdiff_t>( hi );
      if ( axis == 0 )
        std::nth_element( first, middle, last, []( const TreePoint &a, const TreePoint &b ) { return a.x < b.x; } );
      else
        std::nth_element( first, middle, last, []( const TreePoint &a, const TreePoint &b ) { return a.y < b.y; } );
      Cell left = cell, right = cell;
      if ( axis == 0 )
        left.maxX = right.minX = mPoints[m].x;
      else
        left.maxY = right.minY = mPoints[m].y;
      if ( spawnDepth > 0 && hi - lo > 65536 )
      {
        parallelFor( 2, 2, nullptr, [&]( size_t side ) {
          if ( side == 0 )
            build( lo, m, left, spawnDepth - 1 );
          else
            build( m + 1, hi, right, spawnDepth - 1 );
        } );
      }
      else
      {
        build( lo, m, left, 0 );
        build( m + 1, hi, right, 0 );
      }
    }

    void collect( Node node, int depth, int taskDepth, Task &task, std::vector<Task> &result, double *out ) const
    {
      if ( depth == taskDepth || node.hi - node.lo <= LEAF_SIZE )
      {
        task.node = node;
        task.depth = depth;
        result.push_back( task );
        return;
      }
      const size_t m = ( node.lo + node.hi ) / 2;
      out[mPoints[m].id] = std::sqrt( nearestToMedian( node, task.path, depth ) );
      task.path[depth] = node;
      collect( { node.lo, m }, depth + 1, taskDepth, task, result, out );
      collect( { m + 1, node.hi }, depth + 1, taskDepth, task, result, out );
    }

    // Visits the points in tree order, so a point's leaf and ancestors are
    // known without a descent from the root: each search starts among its
    // near neighbours and climbs, and once the best distance is small the
    // other subtrees are skipped by one comparison each.
    void visit( Node node, Node *path, int depth, double *out ) const
    {
      if ( node.hi - node.lo <= LEAF_SIZE )
      {
        for ( size_t k = node.lo; k < node.hi; ++k )
        {
          const double qx = mPoints[k].x, qy = mPoints[k].y;
          double best = std::numeric_limits<double>::infinity();
          for ( size_t j = node.lo; j < node.hi; ++j )
            consider( j, qx, qy, k, best );
          climb( path, depth, k, best );
          out[mPoints[k].id] = std::sqrt( best );
        }
        return;
      }
      const size_t m = ( node.lo + node.hi ) / 2;
      out[mPoints[m].id] = std::sqrt( nearestToMedian( node, path, depth ) );
      path[depth] = node;
      visit( { node.lo, m }, path, depth + 1, out );
      visit( { m + 1, node.hi }, path, depth + 1, out );
    }

    //! Squared distance from the median of \a node to its nearest other point.
    double nearestToMedian( Node node, const Node *path, int depth ) const
    {
      const size_t m = ( node.lo + node.hi ) / 2;
      const double qx = mPoints[m].x, qy = mPoints[m].y;
      double best = std::numeric_limits<double>::infinity();
      search( node.lo, m, qx, qy, m, best );
      search( m + 1, node.hi, qx, qy, m, best );
      climb( path, depth, m, best );
      return best;
    }

    //! Looks at the ancestors' medians and their other subtrees, from the nearest ancestor up.
    void climb( const Node *path, int depth, size_t k, double &best ) const
    {
      const double qx = mPoints[k].x, qy = mPoints[k].y;
      for ( int d = depth - 1; d >= 0; --d )
      {
        const Node &a = path[d];
        const size_t m = ( a.lo + a.hi ) / 2;
        consider( m, qx, qy, k, best );
        const double diff = mAxis[m] == 0 ? qx - mPoints[m].x : qy - mPoints[m].y;
        if ( diff * diff < best )
        {
          if ( k < m )
            search( m + 1, a.hi, qx, qy, k, best );
          else
            search( a.lo, m, qx, qy, k, best );
        }
      }
    }

    void consider( size_t k, double qx, double qy, size_t self, double &best ) const
    {
      if ( k == self )
        return;
      const double dx = qx - mPoints[k].x;
      const double dy = qy - mPoints[k].y;
      const double d2 = dx * dx + dy * dy;
      if ( d2 < best )
        best = d2;
    }

    // Points left of a split have coordinate <= split, points right of it >=.
    // Rounding is monotonic, so a point beyond the split plane has a computed
    // squared distance of at least diff²: skipping the far side when
    // diff² >= best never loses the exact minimum.
    void search( size_t lo, size_t hi, double qx, double qy, size_t self, double &best ) const
    {
      if ( hi - lo <= LEAF_SIZE )
      {
        for ( size_t k = lo; k < hi; ++k )
          consider( k, qx, qy, self, best );
        return;
      }
      const size_t m = ( lo + hi ) / 2;
      consider( m, qx, qy, self, best );
      const double diff = mAxis[m] == 0 ? qx - mPoints[m].x : qy - mPoints[m].y;
      if ( diff <= 0 )
      {
        search( lo, m, qx, qy, self, best );
        if ( diff * diff < best )
          search( m + 1, hi, qx, qy, self, best );
      }
      else
      {
        search( m + 1, hi, qx, qy, self, best );
        if ( diff * diff < best )
          search( lo, m, qx, qy, self, best );
      }
    }

    std::vector<TreePoint> mPoints;
    std::vector<uint8_t> mAxis; //!< split axis of the node whose median is at this position (0 x, 1 y)
};

void checkPoints( const std::vector<double> &xs, const std::vector<double> &ys )
{
  if ( xs.size() != ys.size() )
    throw InputError( "nearest-neighbour analysis: " + std::to_string( xs.size() ) + " x coordinates but " + std::to_string( ys.size() ) + " y coordinates" );
  if ( xs.size() < 2 )
    throw InputError( "nearest-neighbour analysis needs at least 2 points (got " + std::to_string( xs.size() ) + "): the index is undefined" );
  if ( xs.size() > std::numeric_limits<uint32_t>::max() )
    throw InputError( "nearest-neighbour analysis: too many points (" + std::to_string( xs.size() ) + ")" );
  bool allSame = true;
  for ( size_t i = 0; i < xs.size(); ++i )
  {
    if ( !std::isfinite( xs[i] ) || !std::isfinite( ys[i] ) )
      throw InputError( "nearest-neighbour analysis: point " + std::to_string( i ) + " has coordinates that are not finite numbers" );
    allSame = allSame && xs[i] == xs[0] && ys[i] == ys[0];
  }
  if ( allSame )
    throw InputError( "nearest-neighbour analysis: all " + std::to_string( xs.size() ) + " points are at the same location (" + formatNumber( xs[0] ) + ", " + formatNumber( ys[0] )
                      + "): the index is undefined" );
}

void checkStudyArea( double areaM2 )
{
  if ( !std::isfinite( areaM2 ) || areaM2 <= 0 )
    throw InputError( "nearest-neighbour analysis: the study area must be positive (got " + formatNumber( areaM2 )
                      + " m²; the extent or hull of points on one line has no area)" );
}

} // namespace

std::vector<double> nearestNeighbourDistances( const std::vector<double> &xs, const std::vector<double> &ys, QgsFeedback *feedback, int threads )
{
  checkPoints( xs, ys );
  threads = std::max( 1, threads );
  if ( feedback && feedback->isCanceled() )
    throw Canceled();
  if ( feedback )
    feedback->setProgress( 0 );

  const KdTree tree( xs, ys, threads );
  const size_t n = tree.size();
  if ( feedback && feedback->isCanceled() )
    throw Canceled();
  constexpr double BUILD_SHARE = 15; // percent of the time the tree takes
  if ( feedback )
    feedback->setProgress( BUILD_SHARE );

  // Subtrees handed out by a counter, in tree order. Each distance is an
  // exact minimum, whoever computes it, and lands at its point's own slot:
  // results do not depend on the thread count. Only the calling thread talks
  // to the feedback.
  std::vector<double> distances( n );
  const std::vector<KdTree::Task> tasks = tree.tasks( 10, distances.data() );
  parallelFor(
    tasks.size(), threads, feedback, [&]( size_t t ) { tree.run( tasks[t], distances.data() ); }, { BUILD_SHARE, 100 } );
  if ( feedback )
    feedback->setProgress( 100 );
  return distances;
}

NearestNeighbourStatistics nearestNeighbourStatistics( const std::vector<double> &distances, double studyAreaM2 )
{
  if ( distances.size() < 2 )
    throw InputError( "nearest-neighbour analysis needs at least 2 points (got " + std::to_string( distances.size() ) + "): the index is undefined" );
  checkStudyArea( studyAreaM2 );

  // QGIS adds the distances one by one in feature order, in a double; so do
  // we (a million additions take a millisecond), so that the sums agree bit
  // for bit, not just to rounding.
  double sumDist = 0.0;
  for ( double d : distances )
    sumDist += d;

  // QGIS's expressions in QGIS's order, with the count as a long long.
  const long long count = static_cast<long long>( distances.size() );
  const double area = studyAreaM2;
  NearestNeighbourStatistics s;
  s.pointCount = count;
  s.studyAreaM2 = area;
  s.observedMeanDistanceM = sumDist / count;
  s.expectedMeanDistanceM = 0.5 / std::sqrt( count / area );
  s.index = s.observedMeanDistanceM / s.expectedMeanDistanceM;
  s.standardErrorM = 0.26136 / std::sqrt( std::pow( count, 2 ) / area );
  s.zScore = ( s.observedMeanDistanceM - s.expectedMeanDistanceM ) / s.standardErrorM;
  s.pValue = std::erfc( std::fabs( s.zScore ) / std::sqrt( 2.0 ) );
  return s;
}

NearestNeighbourStatistics nearestNeighbourIndex( const std::vector<double> &xs, const std::vector<double> &ys, double studyAreaM2, QgsFeedback *feedback, int threads )
{
  checkStudyArea( studyAreaM2 ); // before the search, not after it
  return nearestNeighbourStatistics( nearestNeighbourDistances( xs, ys, feedback, threads ), studyAreaM2 );
}

double pointsExtentArea( const std::vector<double> &xs, const std::vector<double> &ys )
{
  if ( xs.empty() )
    return 0;
  const auto [minX, maxX] = std::minmax_element( xs.begin(), xs.end() );
  const auto [minY, maxY] = std::minmax_element( ys.begin(), ys.end() );
  return ( *maxX - *minX ) * ( *maxY - *minY );
}

double convexHullArea( const std::vector<double> &xs, const std::vector<double> &ys )
{
  return convexHull( xs, ys ).area;
}

} // namespace htsplan
