#include "geometry/polygon_index.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace htsplan
{

void PolygonIndex::addRing( Polygon &polygon, const OGRLinearRing *ring )
{
  const int n = ring->getNumPoints();
  if ( n < 3 )
    return;
  polygon.ringStarts.push_back( mXs.size() );
  for ( int i = 0; i < n; ++i )
  {
    mXs.push_back( ring->getX( i ) );
    mYs.push_back( ring->getY( i ) );
  }
  if ( ring->getX( 0 ) != ring->getX( n - 1 ) || ring->getY( 0 ) != ring->getY( n - 1 ) )
  {
    mXs.push_back( ring->getX( 0 ) );
    mYs.push_back( ring->getY( 0 ) );
  }
  polygon.ringEnds.push_back( mXs.size() );
}

PolygonIndex::PolygonIndex( const std::vector<const OGRGeometry *> &polygons, int gridSize )
{
  double minX = std::numeric_limits<double>::max(), minY = minX;
  double maxX = std::numeric_limits<double>::lowest(), maxY = maxX;
  for ( const OGRGeometry *geom : polygons )
  {
    Polygon polygon{};
    OGREnvelope env;
    if ( geom && !geom->IsEmpty() )
    {
      geom->getEnvelope( &env );
      auto addPolygon = [&]( const OGRPolygon *p ) {
        for ( const OGRLinearRing *ring : *p )
          addRing( polygon, ring );
      };
      const OGRwkbGeometryType type = wkbFlatten( geom->getGeometryType() );
      if ( type == wkbPolygon )
        addPolygon( geom->toPolygon() );
      else if ( type == wkbMultiPolygon )
        for ( const OGRPolygon *p : *geom->toMultiPolygon() )
          addPolygon( p );
    }
    polygon.minX = env.MinX;
    polygon.minY = env.MinY;
    polygon.maxX = env.MaxX;
    polygon.maxY = env.MaxY;
    if ( !polygon.ringStarts.empty() )
    {
      minX = std::min( minX, env.MinX );
      minY = std::min( minY, env.MinY );
      maxX = std::max( maxX, env.MaxX );
      maxY = std::max( maxY, env.MaxY );
    }
    mPolygons.push_back( std::move( polygon ) );
  }
  if ( minX > maxX )
    return; // no polygons: every point is outside
  mGrid = std::max( 1, gridSize );
  mMinX = minX;
  mMinY = minY;
  mCellW = std::max( ( maxX - minX ) / mGrid, 1e-12 );
  mCellH = std::max( ( maxY - minY ) / mGrid, 1e-12 );
  mCells.assign( static_cast<size_t>( mGrid ) * mGrid, {} );
  for ( size_t i = 0; i < mPolygons.size(); ++i )
  {
    const Polygon &p = mPolygons[i];
    if ( p.ringStarts.empty() )
      continue;
    const int c0 = std::clamp( static_cast<int>( ( p.minX - mMinX ) / mCellW ), 0, mGrid - 1 );
    const int c1 = std::clamp( static_cast<int>( ( p.maxX - mMinX ) / mCellW ), 0, mGrid - 1 );
    const int r0 = std::clamp( static_cast<int>( ( p.minY - mMinY ) / mCellH ), 0, mGrid - 1 );
    const int r1 = std::clamp( static_cast<int>( ( p.maxY - mMinY ) / mCellH ), 0, mGrid - 1 );
    for ( int r = r0; r <= r1; ++r )
      for ( int c = c0; c <= c1; ++c )
        mCells[static_cast<size_t>( r ) * mGrid + c].push_back( static_cast<int>( i ) );
  }

  // Per polygon and grid row, the edges whose y-range meets the row's band:
  // a query in a mixed cell then tests tens of edges, not a whole boundary.
  // rowOf() is monotone in y, so an edge spanning y is always listed in rowOf(y).
  for ( Polygon &p : mPolygons )
  {
    if ( p.ringStarts.empty() )
      continue;
    p.rowStart = rowOf( p.minY );
    p.rowEdges.assign( rowOf( p.maxY ) - p.rowStart + 1, {} );
    for ( size_t r = 0; r < p.ringStarts.size(); ++r )
      for ( size_t k = p.ringStarts[r] + 1; k < p.ringEnds[r]; ++k )
      {
        const int r0 = rowOf( std::min( mYs[k - 1], mYs[k] ) ), r1 = rowOf( std::max( mYs[k - 1], mYs[k] ) );
        for ( int row = r0; row <= r1; ++row )
          p.rowEdges[row - p.rowStart].push_back( static_cast<uint32_t>( k ) );
      }
  }

  // A cell that no edge touches lies wholly inside one polygon or outside all
  // of them: its answer is computed once, from its centre, and most points
  // then need no ring test at all. Edge boxes are grown by a hair so that
  // rounding in the cell arithmetic never misses a touching edge.
  std::vector<char> touched( mCells.size(), 0 );
  const double padX = mCellW * 1e-6, padY = mCellH * 1e-6;
  for ( const Polygon &p : mPolygons )
    for ( size_t r = 0; r < p.ringStarts.size(); ++r )
      for ( size_t k = p.ringStarts[r] + 1; k < p.ringEnds[r]; ++k )
      {
        const auto cell = [&]( double v, double origin, double size ) {
          return std::clamp( static_cast<int>( std::floor( ( v - origin ) / size ) ), 0, mGrid - 1 );
        };
        const int c0 = cell( std::min( mXs[k - 1], mXs[k] ) - padX, mMinX, mCellW );
        const int c1 = cell( std::max( mXs[k - 1], mXs[k] ) + padX, mMinX, mCellW );
        const int r0 = cell( std::min( mYs[k - 1], mYs[k] ) - padY, mMinY, mCellH );
        const int r1 = cell( std::max( mYs[k - 1], mYs[k] ) + padY, mMinY, mCellH );
        for ( int rr = r0; rr <= r1; ++rr )
          for ( int cc = c0; cc <= c1; ++cc )
            touched[static_cast<size_t>( rr ) * mGrid + cc] = 1;
      }
  mCellOwner.assign( mCells.size(), MixedCell );
  for ( int r = 0; r < mGrid; ++r )
    for ( int c = 0; c < mGrid; ++c )
    {
      const size_t k = static_cast<size_t>( r ) * mGrid + c;
      if ( touched[k] )
        continue;
      const double cx = mMinX + ( c + 0.5 ) * mCellW, cy = mMinY + ( r + 0.5 ) * mCellH;
      int owner = -1;
      for ( int i : mCells[k] )
        if ( containsInRow( mPolygons[i], cx, cy, rowOf( cy ) ) )
        {
          owner = i;
          break;
        }
      mCellOwner[k] = owner;
    }
}

int PolygonIndex::rowOf( double y ) const
{
  return std::clamp( static_cast<int>( std::floor( ( y - mMinY ) / mCellH ) ), 0, mGrid - 1 );
}

bool PolygonIndex::containsInRow( const Polygon &polygon, double x, double y, int row ) const
{
  if ( x < polygon.minX || x > polygon.maxX || y < polygon.minY || y > polygon.maxY )
    return false;
  bool inside = false;
  for ( uint32_t i : polygon.rowEdges[row - polygon.rowStart] )
  {
    const double x0 = mXs[i - 1], y0 = mYs[i - 1], x1 = mXs[i], y1 = mYs[i];
    if ( ( y0 > y ) != ( y1 > y ) )
    {
      const double xCross = x0 + ( y - y0 ) * ( x1 - x0 ) / ( y1 - y0 );
      if ( x < xCross )
        inside = !inside;
    }
  }
  return inside;
}

int PolygonIndex::locate( double x, double y ) const
{
  if ( mGrid == 0 || !std::isfinite( x ) || !std::isfinite( y ) )
    return -1;
  const double fc = ( x - mMinX ) / mCellW, fr = ( y - mMinY ) / mCellH;
  if ( fc < 0 || fr < 0 || fc > mGrid || fr > mGrid )
    return -1;
  const int c = std::min( static_cast<int>( fc ), mGrid - 1 );
  const int r = std::min( static_cast<int>( fr ), mGrid - 1 );
  const size_t k = static_cast<size_t>( r ) * mGrid + c;
  if ( mCellOwner[k] != MixedCell )
    return mCellOwner[k];
  const int row = rowOf( y );
  for ( int i : mCells[k] )
    if ( containsInRow( mPolygons[i], x, y, row ) )
      return i;
  // A point on a border between two units can round out of both even-odd
  // tests (the crossing of a neighbour's edge lands a hair to the wrong
  // side): it belongs to the first unit whose boundary it lies on.
  for ( int i : mCells[k] )
    if ( onEdgeInRow( mPolygons[i], x, y, row ) )
      return i;
  return -1;
}

bool PolygonIndex::onEdgeInRow( const Polygon &polygon, double x, double y, int row ) const
{
  if ( x < polygon.minX || x > polygon.maxX || y < polygon.minY || y > polygon.maxY )
    return false;
  for ( uint32_t i : polygon.rowEdges[row - polygon.rowStart] )
  {
    const double x0 = mXs[i - 1], y0 = mYs[i - 1], x1 = mXs[i], y1 = mYs[i];
    if ( x < std::min( x0, x1 ) || x > std::max( x0, x1 ) || y < std::min( y0, y1 ) || y > std::max( y0, y1 ) )
      continue;
    // Twice the triangle's area over the edge's length is the distance to the
    // edge's line; a few ulps of the coordinates' size count as on it.
    const double dx = x1 - x0, dy = y1 - y0;
    const double length = std::hypot( dx, dy );
    const double scale = std::max( { std::fabs( x0 ), std::fabs( y0 ), std::fabs( x1 ), std::fabs( y1 ), 1.0 } );
    if ( length == 0.0 ? ( x == x0 && y == y0 ) : std::fabs( dx * ( y - y0 ) - dy * ( x - x0 ) ) <= 1e-13 * scale * length )
      return true;
  }
  return false;
}

std::vector<int> assignPoints( const PolygonIndex &index, const std::vector<double> &xs, const std::vector<double> &ys )
{
  std::vector<int> out( xs.size(), -1 );
  for ( size_t i = 0; i < xs.size(); ++i )
    out[i] = index.locate( xs[i], ys[i] );
  return out;
}

} // namespace htsplan
