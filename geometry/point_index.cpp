#include "geometry/point_index.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace htsplan
{

namespace
{

constexpr int LEAF_SIZE = 16; // measured: 8 to 24 are within 10%
constexpr size_t NO_POINT = std::numeric_limits<size_t>::max();

} // namespace

struct PointIndex::Best
{
    explicit Best( size_t k )
      : mK( k )
    {
      mHeap.reserve( k );
    }
    bool full() const { return mHeap.size() == mK; }
    double worst() const { return mHeap.front().first; }
    void offer( double d2, uint32_t id )
    {
      const std::pair<double, uint32_t> candidate{ d2, id };
      if ( !full() )
      {
        mHeap.push_back( candidate );
        std::push_heap( mHeap.begin(), mHeap.end() );
      }
      else if ( candidate < mHeap.front() )
      {
        std::pop_heap( mHeap.begin(), mHeap.end() );
        mHeap.back() = candidate;
        std::push_heap( mHeap.begin(), mHeap.end() );
      }
    }
    //! Worth searching a subtree whose points are at squared distance diff2 or more?
    bool reaches( double diff2 ) const { return !full() || diff2 <= worst(); }
    std::vector<Neighbour> sorted()
    {
      std::sort_heap( mHeap.begin(), mHeap.end() );
      std::vector<Neighbour> result;
      result.reserve( mHeap.size() );
      for ( const auto &[d2, id] : mHeap )
        result.push_back( { id, std::sqrt( d2 ) } );
      return result;
    }

  private:
    size_t mK;
    std::vector<std::pair<double, uint32_t>> mHeap;
};

PointIndex::PointIndex( const std::vector<double> &xs, const std::vector<double> &ys, int forkDepth, const Fork &fork )
  : mPoints( std::min( xs.size(), ys.size() ) )
  , mAxis( mPoints.size() )
{
  if ( mPoints.empty() )
    return;
  Cell cell{ xs[0], ys[0], xs[0], ys[0] };
  for ( size_t i = 0; i < mPoints.size(); ++i )
  {
    mPoints[i] = { xs[i], ys[i], static_cast<uint32_t>( i ) };
    cell = { std::min( cell.minX, xs[i] ), std::min( cell.minY, ys[i] ), std::max( cell.maxX, xs[i] ), std::max( cell.maxY, ys[i] ) };
  }
  build( 0, mPoints.size(), cell, fork ? forkDepth : 0, fork );
  mPosition.resize( mPoints.size() );
  for ( size_t k = 0; k < mPoints.size(); ++k )
    mPosition[mPoints[k].id] = static_cast<uint32_t>( k );
}

// nth_element only ever sees its own range, so the tree is the same whichever
// thread builds which half.
void PointIndex::build( size_t lo, size_t hi, Cell cell, int forkDepth, const Fork &fork )
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
  if ( forkDepth > 0 && hi - lo > 65536 )
  {
    fork( [&] { build( lo, m, left, forkDepth - 1, fork ); }, [&] { build( m + 1, hi, right, forkDepth - 1, fork ); } );
  }
  else
  {
    build( lo, m, left, 0, fork );
    build( m + 1, hi, right, 0, fork );
  }
}

std::vector<PointIndex::Part> PointIndex::nearestDistanceParts( int depth, double *out ) const
{
  std::vector<Part> result;
  if ( mPoints.empty() )
    return result;
  Part part{};
  collect( { 0, mPoints.size() }, 0, std::min( depth, MAX_DEPTH ), part, result, out );
  return result;
}

void PointIndex::nearestDistances( const Part &part, double *out ) const
{
  Node path[MAX_DEPTH];
  std::copy( part.path, part.path + part.depth, path );
  visit( part.node, path, part.depth, out );
}

std::vector<PointIndex::Neighbour> PointIndex::nearest( double x, double y, size_t k ) const
{
  Best best( k );
  if ( k > 0 )
    searchNearest( x, y, NO_POINT, best );
  return best.sorted();
}

std::vector<PointIndex::Neighbour> PointIndex::nearestTo( size_t point, size_t k, bool includeSelf ) const
{
  const TreePoint &p = mPoints[position( point )];
  Best best( k );
  if ( k > 0 )
    searchNearest( p.x, p.y, includeSelf ? NO_POINT : point, best );
  return best.sorted();
}

std::vector<PointIndex::Neighbour> PointIndex::within( double x, double y, double radius ) const
{
  return searchWithin( x, y, radius, NO_POINT );
}

std::vector<PointIndex::Neighbour> PointIndex::withinOf( size_t point, double radius, bool includeSelf ) const
{
  const TreePoint &p = mPoints[position( point )];
  return searchWithin( p.x, p.y, radius, includeSelf ? NO_POINT : point );
}

// Points left of a split have coordinate <= split, points right of it >=.
// Rounding is monotonic, so a point beyond the split plane has a computed
// squared distance of at least diff²: skipping the far side when diff² is
// beyond the best (or the radius) never loses an exact result.
template <class Visit, class Far>
void PointIndex::descend( size_t lo, size_t hi, double qx, double qy, const Visit &visit, const Far &farSideCounts ) const
{
  if ( hi - lo <= LEAF_SIZE )
  {
    for ( size_t k = lo; k < hi; ++k )
      visit( k );
    return;
  }
  const size_t m = ( lo + hi ) / 2;
  visit( m );
  const double diff = mAxis[m] == 0 ? qx - mPoints[m].x : qy - mPoints[m].y;
  if ( diff <= 0 )
  {
    descend( lo, m, qx, qy, visit, farSideCounts );
    if ( farSideCounts( diff * diff ) )
      descend( m + 1, hi, qx, qy, visit, farSideCounts );
  }
  else
  {
    descend( m + 1, hi, qx, qy, visit, farSideCounts );
    if ( farSideCounts( diff * diff ) )
      descend( lo, m, qx, qy, visit, farSideCounts );
  }
}

// Ties with the worst of the k best are searched: a lower index wins them.
void PointIndex::searchNearest( double qx, double qy, size_t self, Best &best ) const
{
  auto offer = [&]( size_t k ) {
    if ( mPoints[k].id == self )
      return;
    const double dx = qx - mPoints[k].x;
    const double dy = qy - mPoints[k].y;
    best.offer( dx * dx + dy * dy, mPoints[k].id );
  };
  descend( 0, mPoints.size(), qx, qy, offer, [&]( double diff2 ) { return best.reaches( diff2 ); } );
}

// sqrt is monotonic too: sqrt(diff²) > radius rules out the far side.
std::vector<PointIndex::Neighbour> PointIndex::searchWithin( double qx, double qy, double radius, size_t self ) const
{
  std::vector<Neighbour> found;
  auto take = [&]( size_t k ) {
    if ( mPoints[k].id == self )
      return;
    const double dx = qx - mPoints[k].x;
    const double dy = qy - mPoints[k].y;
    const double distance = std::sqrt( dx * dx + dy * dy );
    if ( distance <= radius )
      found.push_back( { mPoints[k].id, distance } );
  };
  descend( 0, mPoints.size(), qx, qy, take, [&]( double diff2 ) { return std::sqrt( diff2 ) <= radius; } );
  std::sort( found.begin(), found.end(), []( const Neighbour &a, const Neighbour &b ) { return a.index < b.index; } );
  return found;
}

void PointIndex::collect( Node node, int depth, int partDepth, Part &part, std::vector<Part> &result, double *out ) const
{
  if ( depth == partDepth || node.hi - node.lo <= LEAF_SIZE )
  {
    part.node = node;
    part.depth = depth;
    result.push_back( part );
    return;
  }
  const size_t m = ( node.lo + node.hi ) / 2;
  out[mPoints[m].id] = std::sqrt( nearestToMedian( node, part.path, depth ) );
  part.path[depth] = node;
  collect( { node.lo, m }, depth + 1, partDepth, part, result, out );
  collect( { m + 1, node.hi }, depth + 1, partDepth, part, result, out );
}

// Visits the points in tree order, so a point's leaf and ancestors are
// known without a descent from the root: each search starts among its
// near neighbours and climbs, and once the best distance is small the
// other subtrees are skipped by one comparison each.
void PointIndex::visit( Node node, Node *path, int depth, double *out ) const
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
double PointIndex::nearestToMedian( Node node, const Node *path, int depth ) const
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
void PointIndex::climb( const Node *path, int depth, size_t k, double &best ) const
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

void PointIndex::consider( size_t k, double qx, double qy, size_t self, double &best ) const
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
void PointIndex::search( size_t lo, size_t hi, double qx, double qy, size_t self, double &best ) const
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

} // namespace htsplan
