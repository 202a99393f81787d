#include "geometry/convex_hull.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace htsplan
{

namespace
{

struct Vertex
{
    double x, y;
    bool operator<( const Vertex &other ) const { return x < other.x || ( x == other.x && y < other.y ); }
    bool operator==( const Vertex &other ) const { return x == other.x && y == other.y; }
};

//! > 0 when o, a, b turn counter-clockwise; differences keep precision at large coordinates.
double cross( const Vertex &o, const Vertex &a, const Vertex &b )
{
  return ( a.x - o.x ) * ( b.y - o.y ) - ( a.y - o.y ) * ( b.x - o.x );
}

/**
 * Drops the points strictly inside the quadrilateral of the leftmost, lowest,
 * rightmost and highest points (Akl-Toussaint): they cannot be hull vertices,
 * and a large set then sorts only a thin rim of its points.
 */
void dropInterior( std::vector<Vertex> &points )
{
  if ( points.size() < 64 )
    return;
  Vertex left = points[0], bottom = left, right = left, top = left;
  for ( const Vertex &p : points )
  {
    if ( p.x < left.x )
      left = p;
    if ( p.x > right.x )
      right = p;
    if ( p.y < bottom.y )
      bottom = p;
    if ( p.y > top.y )
      top = p;
  }
  points.erase( std::remove_if( points.begin(), points.end(),
                                [&]( const Vertex &p ) {
                                  return cross( left, bottom, p ) > 0 && cross( bottom, right, p ) > 0 && cross( right, top, p ) > 0 &&
                                         cross( top, left, p ) > 0;
                                } ),
                points.end() );
}

//! Andrew's monotone chain over sorted, distinct vertices; drops collinear vertices.
std::vector<Vertex> monotoneChain( const std::vector<Vertex> &points )
{
  const std::size_t m = points.size();
  if ( m < 2 )
    return points;
  std::vector<Vertex> hull( 2 * m );
  std::size_t k = 0;
  for ( std::size_t i = 0; i < m; ++i )
  {
    while ( k >= 2 && cross( hull[k - 2], hull[k - 1], points[i] ) <= 0 )
      --k;
    hull[k++] = points[i];
  }
  for ( std::size_t i = m - 1, lower = k + 1; i-- > 0; )
  {
    while ( k >= lower && cross( hull[k - 2], hull[k - 1], points[i] ) <= 0 )
      --k;
    hull[k++] = points[i];
  }
  hull.resize( k - 1 ); // the last vertex repeats the first
  return hull;
}

} // namespace

ConvexHull convexHull( const std::vector<double> &xs, const std::vector<double> &ys )
{
  const std::size_t n = std::min( xs.size(), ys.size() );
  std::vector<Vertex> points( n );
  for ( std::size_t i = 0; i < n; ++i )
    points[i] = { xs[i], ys[i] };
  dropInterior( points );
  std::sort( points.begin(), points.end() );
  points.erase( std::unique( points.begin(), points.end() ), points.end() );
  const std::vector<Vertex> hull = monotoneChain( points );

  ConvexHull result;
  result.xs.reserve( hull.size() );
  result.ys.reserve( hull.size() );
  // Shoelace relative to the first vertex: projected coordinates are large
  // (millions of metres) and would cancel digits otherwise.
  double twiceArea = 0;
  for ( std::size_t v = 0; v < hull.size(); ++v )
  {
    result.xs.push_back( hull[v].x );
    result.ys.push_back( hull[v].y );
    if ( v >= 2 )
      twiceArea += cross( hull[0], hull[v - 1], hull[v] );
  }
  result.area = std::fabs( twiceArea ) / 2;
  return result;
}

} // namespace htsplan
