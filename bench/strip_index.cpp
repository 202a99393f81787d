#include "bench/strip_index.h"

#include <algorithm>
#include <cmath>

namespace htsplan::bench
{

void StripIndex::addRing( const OGRLinearRing &ring, std::vector<Edge> &edges ) const
{
  const int n = ring.getNumPoints();
  for ( int i = 0; i + 1 < n; ++i )
    edges.push_back( { ring.getX( i ), ring.getY( i ), ring.getX( i + 1 ), ring.getY( i + 1 ) } );
}

StripIndex::StripIndex( const OGRGeometry &polygon )
{
  OGREnvelope env;
  polygon.getEnvelope( &env );
  mMinX = env.MinX;
  mMinY = env.MinY;
  mMaxX = env.MaxX;
  mMaxY = env.MaxY;

  std::vector<Edge> edges;
  auto addPolygon = [&]( const OGRPolygon &p ) {
    if ( p.getExteriorRing() )
      addRing( *p.getExteriorRing(), edges );
    for ( int r = 0; r < p.getNumInteriorRings(); ++r )
      addRing( *p.getInteriorRing( r ), edges );
  };
  const OGRwkbGeometryType type = wkbFlatten( polygon.getGeometryType() );
  if ( type == wkbPolygon )
    addPolygon( *polygon.toPolygon() );
  else if ( type == wkbMultiPolygon )
    for ( const OGRPolygon *p : *polygon.toMultiPolygon() )
      addPolygon( *p );

  // About four edges per strip on average keeps tests short without a large table.
  const size_t strips = std::clamp<size_t>( edges.size() / 4, 1, 4096 );
  mStripHeight = std::max( ( mMaxY - mMinY ) / static_cast<double>( strips ), 1e-12 );
  auto stripOf = [&]( double y ) {
    const double s = std::floor( ( y - mMinY ) / mStripHeight );
    return static_cast<size_t>( std::clamp( s, 0.0, static_cast<double>( strips - 1 ) ) );
  };
  std::vector<size_t> counts( strips + 1, 0 );
  for ( const Edge &e : edges )
    for ( size_t s = stripOf( std::min( e.y1, e.y2 ) ); s <= stripOf( std::max( e.y1, e.y2 ) ); ++s )
      ++counts[s + 1];
  for ( size_t s = 0; s < strips; ++s )
    counts[s + 1] += counts[s];
  mStart = counts;
  mEdges.resize( counts[strips] );
  for ( const Edge &e : edges )
    for ( size_t s = stripOf( std::min( e.y1, e.y2 ) ); s <= stripOf( std::max( e.y1, e.y2 ) ); ++s )
      mEdges[counts[s]++] = e;
}

bool StripIndex::contains( double x, double y ) const
{
  if ( x < mMinX || x > mMaxX || y < mMinY || y > mMaxY )
    return false;
  const size_t strips = mStart.size() - 1;
  const size_t s = std::min( strips - 1, static_cast<size_t>( ( y - mMinY ) / mStripHeight ) );
  bool inside = false;
  for ( size_t i = mStart[s]; i < mStart[s + 1]; ++i )
  {
    const Edge &e = mEdges[i];
    // Half-open in y, so that a vertex shared by two edges is crossed once.
    if ( ( e.y1 > y ) != ( e.y2 > y ) && x < e.x1 + ( y - e.y1 ) * ( e.x2 - e.x1 ) / ( e.y2 - e.y1 ) )
      inside = !inside;
  }
  return inside;
}

} // namespace htsplan::bench
