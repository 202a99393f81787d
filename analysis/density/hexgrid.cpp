#include "analysis/density/hexgrid.h"

#include "layers/problems.h"
#include "layers/parallel.h"

#include <qgsfeedback.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace htsplan
{

namespace
{
// QGIS's constants for the hexagon (1 / (2 sqrt 3) and 1 / sqrt 3, as written
// in qgsalgorithmgrid.cpp): using the same digits gives the same vertices.
constexpr double X_VERTEX_LO = 0.288675134594813;
constexpr double X_VERTEX_HI = 0.577350269189626;

} // namespace

HexGrid::HexGrid( double minX, double minY, double maxX, double maxY, double cellSizeM, long long maxCells )
  : mMinX( minX )
  , mMinY( minY )
  , mMaxX( maxX )
  , mMaxY( maxY )
  , mCellSize( cellSizeM )
{
  if ( !std::isfinite( cellSizeM ) || cellSizeM <= 0 )
    throw InputError( "hexagon cell size must be a positive number of metres (got " + formatNumber( cellSizeM ) + ")" );
  if ( !std::isfinite( minX ) || !std::isfinite( minY ) || !std::isfinite( maxX ) || !std::isfinite( maxY ) || maxX < minX || maxY < minY )
    throw InputError( "hexagon grid: the extent is empty or not finite (" + formatNumber( minX ) + ", " + formatNumber( minY ) + ", " + formatNumber( maxX ) + ", " + formatNumber( maxY ) + ")" );
  mXVertexLo = X_VERTEX_LO * cellSizeM;
  mXVertexHi = X_VERTEX_HI * cellSizeM;
  // QGIS: hspacing = lo + hi; with HOVERLAY = 0 the column step is hspacing - 0.
  mColumnStep = ( mXVertexLo + mXVertexHi ) - 0.0;
  // Counted in doubles first: a tiny cell over a province overflows any integer.
  const double columns = std::max( 1.0, std::ceil( ( maxX - minX ) / mColumnStep ) );
  const double rows = std::max( 1.0, std::ceil( ( maxY - minY ) / cellSizeM ) );
  const double cells = columns * rows;
  const double limit = static_cast<double>( std::min<long long>( maxCells, std::numeric_limits<int>::max() ) );
  if ( cells > limit )
  {
    std::ostringstream text;
    text.precision( 15 );
    text << "hexagon grid of " << cells << " cells (" << columns << " columns x " << rows << " rows at a cell size of "
         << cellSizeM << " m) is over the limit of " << static_cast<long long>( limit ) << " cells: use a larger cell size";
    throw InputError( text.str() );
  }
  mColumns = static_cast<int>( columns );
  mRows = static_cast<int>( rows );
}

HexGrid HexGrid::covering( double minX, double minY, double maxX, double maxY, double cellSizeM, long long maxCells )
{
  if ( !std::isfinite( cellSizeM ) || cellSizeM <= 0 )
    throw InputError( "hexagon cell size must be a positive number of metres (got " + formatNumber( cellSizeM ) + ")" );
  // A whole side on the left puts minX inside column 0's full-height band; a
  // whole cell on top puts maxY below the top of the odd columns' first row.
  // Half a side on the right and half a cell at the bottom keep maxX and minY
  // off the last column's and row's outer edges even when the extent is an
  // exact multiple of the spacing (a point on them would fall outside).
  const double left = minX - X_VERTEX_HI * cellSizeM;
  const double top = maxY + cellSizeM;
  const double right = std::max( maxX, left + cellSizeM ) + X_VERTEX_LO * cellSizeM;
  const double bottom = std::min( minY, top - cellSizeM ) - cellSizeM / 2;
  return HexGrid( left, bottom, right, top, cellSizeM, maxCells );
}

void HexGrid::rowSpan( int column, int row, double &top, double &middle, double &bottom ) const
{
  // Same expressions as QGIS (VOVERLAY = 0), so the same rounding.
  const double halfVSpacing = mCellSize / 2;
  const long long first = static_cast<long long>( row ) * 2 + ( column % 2 == 0 ? 0 : 1 );
  const double base = mMaxY + ( row * 0.0 );
  top = base - ( static_cast<double>( first + 0 ) * halfVSpacing );
  middle = base - ( static_cast<double>( first + 1 ) * halfVSpacing );
  bottom = base - ( static_cast<double>( first + 2 ) * halfVSpacing );
}

void HexGrid::ring( int column, int row, double xs[7], double ys[7] ) const
{
  const double x1 = mMinX + ( column * mColumnStep );
  const double x2 = x1 + ( mXVertexHi - mXVertexLo );
  const double x3 = mMinX + ( column * mColumnStep ) + ( mXVertexLo + mXVertexHi );
  const double x4 = x3 + ( mXVertexHi - mXVertexLo );
  double y1, y2, y3;
  rowSpan( column, row, y1, y2, y3 );
  const double rx[7] = { x1, x2, x3, x4, x3, x2, x1 };
  const double ry[7] = { y2, y1, y1, y2, y3, y3, y2 };
  std::copy( rx, rx + 7, xs );
  std::copy( ry, ry + 7, ys );
}

void HexGrid::centre( int column, int row, double &x, double &y ) const
{
  double top, bottom;
  rowSpan( column, row, top, y, bottom );
  x = mMinX + ( column * mColumnStep ) + mXVertexHi;
}

int HexGrid::rowIn( int column, double y ) const
{
  double r = std::floor( ( mMaxY - y ) / mCellSize - ( column % 2 == 0 ? 0.0 : 0.5 ) );
  if ( r < -1 || r > mRows ) // far outside: keep the int conversion defined
    return -2;
  int row = static_cast<int>( r );
  // The division may round across a row line: settle on QGIS's own y values.
  double top, middle, bottom;
  rowSpan( column, row, top, middle, bottom );
  if ( y > top )
    --row;
  else if ( y < bottom )
    ++row;
  return row;
}

bool HexGrid::rightOfLeftEdges( int column, int row, double x, double y ) const
{
  const double x1 = mMinX + ( column * mColumnStep );
  const double x2 = x1 + ( mXVertexHi - mXVertexLo );
  double top, middle, bottom;
  rowSpan( column, row, top, middle, bottom );
  const double dx = x2 - x1;
  // Below the upper-left edge (x1, middle)-(x2, top) and above the lower-left
  // edge (x1, middle)-(x2, bottom): cross products, no division.
  const double upper = dx * ( y - middle ) - ( top - middle ) * ( x - x1 );
  const double lower = dx * ( y - middle ) - ( bottom - middle ) * ( x - x1 );
  return upper <= 0 && lower >= 0;
}

long long HexGrid::cellOf( double x, double y ) const
{
  if ( !std::isfinite( x ) || !std::isfinite( y ) || x < mMinX )
    return -1;
  const double u = std::floor( ( x - mMinX ) / mColumnStep );
  if ( u > mColumns + 1 )
    return -1;
  int column = static_cast<int>( u );
  if ( x < mMinX + ( column * mColumnStep ) )
    --column;
  else if ( x >= mMinX + ( ( column + 1 ) * mColumnStep ) )
    ++column;
  if ( column < 0 )
    return -1;
  int row = rowIn( column, y );
  const double x2 = mMinX + ( column * mColumnStep ) + ( mXVertexHi - mXVertexLo );
  // Left of x2 the column shares a zigzag strip with the previous column's right edges.
  if ( x < x2 && !rightOfLeftEdges( column, row, x, y ) )
  {
    --column;
    row = rowIn( column, y );
  }
  if ( column < 0 || column >= mColumns || row < 0 || row >= mRows )
    return -1;
  return static_cast<long long>( column ) * mRows + row;
}

HexCounts hexGridCounts( const HexGrid &grid, const std::vector<double> &xs, const std::vector<double> &ys,
                         const std::vector<int> &category, int categoryCount, int threads, QgsFeedback *feedback )
{
  const size_t n = xs.size();
  if ( ys.size() != n )
    throw InputError( "hexagon grid: " + std::to_string( xs.size() ) + " x coordinates but " + std::to_string( ys.size() ) + " y coordinates" );
  if ( !category.empty() && category.size() != n )
    throw InputError( "hexagon grid: " + std::to_string( n ) + " points but " + std::to_string( category.size() ) + " category values" );
  if ( categoryCount < 0 )
    throw InputError( "hexagon grid: category count must not be negative (got " + std::to_string( categoryCount ) + ")" );
  for ( size_t i = 0; i < category.size(); ++i )
    if ( category[i] < -1 || category[i] >= categoryCount )
      throw InputError( "hexagon grid: point " + std::to_string( i ) + " has category " + std::to_string( category[i] ) + ", outside -1 .. "
                        + std::to_string( categoryCount - 1 ) );

  // Pass 1 (threads): the cell of each point. Each point's cell depends on the
  // point alone, so the split cannot change the result.
  std::vector<int> cellOfPoint( n );
  constexpr size_t BLOCK = 1 << 16;
  parallelForBlocks(
    n, BLOCK, threads, feedback,
    [&]( size_t begin, size_t end ) {
      for ( size_t i = begin; i < end; ++i )
        cellOfPoint[i] = static_cast<int>( grid.cellOf( xs[i], ys[i] ) );
    },
    { 0, 90 } );

  // Pass 2: dense totals (the grid's size is bounded), then slots for the
  // occupied cells in QGIS id order (column-major, as cell indexes are).
  HexCounts result;
  result.categoryCount = categoryCount;
  std::vector<int> slot( static_cast<size_t>( grid.cellCount() ), 0 );
  for ( size_t i = 0; i < n; ++i )
  {
    if ( cellOfPoint[i] < 0 )
      ++result.pointsOutside;
    else
      ++slot[cellOfPoint[i]];
  }
  for ( size_t cell = 0; cell < slot.size(); ++cell )
  {
    if ( slot[cell] == 0 )
    {
      slot[cell] = -1;
      continue;
    }
    HexCell c;
    c.column = static_cast<int>( cell / grid.rows() );
    c.row = static_cast<int>( cell % grid.rows() );
    c.id = grid.qgisId( c.column, c.row );
    c.count = slot[cell];
    grid.centre( c.column, c.row, c.centreX, c.centreY );
    grid.ring( c.column, c.row, c.ringX, c.ringY );
    slot[cell] = static_cast<int>( result.cells.size() );
    result.cells.push_back( c );
  }
  if ( feedback && feedback->isCanceled() )
    throw Canceled();
  result.categoryCounts.assign( result.cells.size() * static_cast<size_t>( categoryCount ), 0 );
  if ( !category.empty() && categoryCount > 0 )
  {
    for ( size_t i = 0; i < n; ++i )
      if ( cellOfPoint[i] >= 0 && category[i] >= 0 )
        ++result.categoryCounts[static_cast<size_t>( slot[cellOfPoint[i]] ) * categoryCount + category[i]];
  }
  if ( feedback )
    feedback->setProgress( 100 );
  return result;
}

} // namespace htsplan
