#include "analysis/pattern/nearest_neighbour.h"

#include "layers/problems.h"
#include "layers/parallel.h"
#include "geometry/convex_hull.h"
#include "geometry/point_index.h"

#include <qgsfeedback.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace htsplan
{

namespace
{

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

  int forkDepth = 0; // enough levels that every thread builds a subtree
  while ( ( 1 << forkDepth ) < threads )
    ++forkDepth;
  const PointIndex index( xs, ys, forkDepth, []( const std::function<void()> &left, const std::function<void()> &right ) {
    parallelFor( 2, 2, nullptr, [&]( size_t side ) { side == 0 ? left() : right(); } );
  } );
  const size_t n = index.size();
  if ( feedback && feedback->isCanceled() )
    throw Canceled();
  constexpr double BUILD_SHARE = 15; // percent of the time the tree takes
  if ( feedback )
    feedback->setProgress( BUILD_SHARE );

  // Subtrees handed out in tree order. Each distance is an exact minimum,
  // whoever computes it, and lands at its point's own slot: results do not
  // depend on the thread count.
  std::vector<double> distances( n );
  const std::vector<PointIndex::Part> parts = index.nearestDistanceParts( 10, distances.data() );
  parallelFor(
    parts.size(), threads, feedback, [&]( size_t t ) { index.nearestDistances( parts[t], distances.data() ); }, { BUILD_SHARE, 100 } );
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
  s.observedMeanDistanceM = sumDist / static_cast<double>( count );
  s.expectedMeanDistanceM = 0.5 / std::sqrt( static_cast<double>( count ) / area );
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
