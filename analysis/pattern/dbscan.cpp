#include "analysis/pattern/dbscan.h"

#include "layers/problems.h"
#include "layers/parallel.h"
#include "geometry/convex_hull.h"

#include <qgsfeedback.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>

namespace htsplan
{

namespace
{

//! Open-addressing map from a grid cell's key to its index among the non-empty cells.
class CellTable
{
  public:
    explicit CellTable( const std::vector<std::uint64_t> &keys )
      : mKeys( keys )
    {
      std::size_t capacity = 16;
      while ( capacity < 2 * keys.size() )
        capacity *= 2;
      mMask = capacity - 1;
      mSlots.assign( capacity, -1 );
      for ( std::size_t c = 0; c < keys.size(); ++c )
      {
        std::size_t slot = hash( keys[c] );
        while ( mSlots[slot] >= 0 )
          slot = ( slot + 1 ) & mMask;
        mSlots[slot] = static_cast<std::int32_t>( c );
      }
    }

    //! Index of the cell with this key, -1 when no point falls in it.
    std::int32_t find( std::uint64_t key ) const
    {
      std::size_t slot = hash( key );
      for ( ;; )
      {
        const std::int32_t cell = mSlots[slot];
        if ( cell < 0 || mKeys[static_cast<std::size_t>( cell )] == key )
          return cell;
        slot = ( slot + 1 ) & mMask;
      }
    }

  private:
    std::size_t hash( std::uint64_t key ) const { return static_cast<std::size_t>( ( key * 0x9E3779B97F4A7C15ull ) >> 20 ) & mMask; }

    const std::vector<std::uint64_t> &mKeys;
    std::vector<std::int32_t> mSlots;
    std::size_t mMask = 0;
};

//! Union-find over sorted point positions; roots are chosen by index so the
//! structure (and any order derived from it) does not depend on timing.
struct DisjointSets
{
    std::vector<std::int32_t> parent;

    explicit DisjointSets( std::size_t n )
      : parent( n )
    {
      for ( std::size_t i = 0; i < n; ++i )
        parent[i] = static_cast<std::int32_t>( i );
    }

    std::int32_t find( std::int32_t i )
    {
      while ( parent[static_cast<std::size_t>( i )] != i )
      {
        // path halving keeps trees flat without recursion
        std::int32_t &p = parent[static_cast<std::size_t>( i )];
        p = parent[static_cast<std::size_t>( p )];
        i = p;
      }
      return i;
    }

    void unite( std::int32_t a, std::int32_t b )
    {
      a = find( a );
      b = find( b );
      if ( a != b )
        parent[static_cast<std::size_t>( std::max( a, b ) )] = std::min( a, b );
    }
};

//! The points sorted by grid cell, with the cells' extents in that order.
struct Grid
{
    std::vector<double> xs, ys;            //!< sorted coordinates
    std::vector<std::int32_t> source;      //!< sorted position -> input index
    std::vector<std::uint64_t> cellKeys;   //!< row * columns + column, ascending
    std::vector<std::int32_t> cellStarts;  //!< cell c holds positions [cellStarts[c], cellStarts[c + 1])
    std::int64_t columns = 0, rows = 0;
};

// Cells a little smaller than eps / sqrt(2): their diagonal is shorter than eps
// with a margin that absorbs rounding in the cell assignment and the distance
// test, so all points of one cell are neighbours. Offsets up to 2 cells then
// reach every point within eps.
constexpr double CellFraction = 0.70710678118654752 * ( 1 - 1e-4 );
constexpr int Reach = 2;

Grid buildGrid( const std::vector<double> &xs, const std::vector<double> &ys, double eps, QgsFeedback *feedback )
{
  const std::size_t n = xs.size();
  double minX = std::numeric_limits<double>::max(), minY = minX;
  double maxX = std::numeric_limits<double>::lowest(), maxY = maxX;
  for ( std::size_t i = 0; i < n; ++i )
  {
    if ( !std::isfinite( xs[i] ) || !std::isfinite( ys[i] ) )
      throw InputError( "dbscan: point " + std::to_string( i ) + " has a coordinate that is not a number (" + formatNumber( xs[i] ) + ", " +
                        formatNumber( ys[i] ) + ")" );
    minX = std::min( minX, xs[i] );
    maxX = std::max( maxX, xs[i] );
    minY = std::min( minY, ys[i] );
    maxY = std::max( maxY, ys[i] );
  }
  const double inverse = 1.0 / ( eps * CellFraction );
  const double columns = std::floor( ( maxX - minX ) * inverse ) + 1;
  const double rows = std::floor( ( maxY - minY ) * inverse ) + 1;
  if ( columns * rows > 4e18 )
    throw InputError( "dbscan: eps " + formatNumber( eps ) + " m is too small for points spread over " + formatNumber( maxX - minX ) + " x " +
                      formatNumber( maxY - minY ) + " m" );

  Grid grid;
  grid.columns = static_cast<std::int64_t>( columns );
  grid.rows = static_cast<std::int64_t>( rows );
  std::vector<std::uint64_t> keys( n );
  for ( std::size_t i = 0; i < n; ++i )
  {
    const auto column = static_cast<std::uint64_t>( ( xs[i] - minX ) * inverse );
    const auto row = static_cast<std::uint64_t>( ( ys[i] - minY ) * inverse );
    keys[i] = row * static_cast<std::uint64_t>( grid.columns ) + column;
  }
  throwIfCanceled( feedback );
  // Points ordered by cell, and by input index within a cell: a fixed order,
  // whatever the thread count.
  grid.source.resize( n );
  if ( columns * rows <= 4.0 * static_cast<double>( n ) + 4096 )
  {
    // few cells for the points (the usual case): a counting sort
    std::vector<std::int32_t> next( static_cast<std::size_t>( columns * rows ) + 1, 0 );
    for ( std::uint64_t key : keys )
      ++next[key + 1];
    for ( std::size_t b = 1; b < next.size(); ++b )
      next[b] += next[b - 1];
    for ( std::size_t i = 0; i < n; ++i )
      grid.source[static_cast<std::size_t>( next[keys[i]]++ )] = static_cast<std::int32_t>( i );
  }
  else
  {
    std::vector<std::pair<std::uint64_t, std::int32_t>> order( n );
    for ( std::size_t i = 0; i < n; ++i )
      order[i] = { keys[i], static_cast<std::int32_t>( i ) };
    std::sort( order.begin(), order.end() );
    for ( std::size_t p = 0; p < n; ++p )
      grid.source[p] = order[p].second;
  }
  throwIfCanceled( feedback );

  grid.xs.resize( n );
  grid.ys.resize( n );
  for ( std::size_t p = 0; p < n; ++p )
  {
    const auto i = static_cast<std::size_t>( grid.source[p] );
    grid.xs[p] = xs[i];
    grid.ys[p] = ys[i];
    if ( p == 0 || keys[i] != grid.cellKeys.back() )
    {
      grid.cellKeys.push_back( keys[i] );
      grid.cellStarts.push_back( static_cast<std::int32_t>( p ) );
    }
  }
  grid.cellStarts.push_back( static_cast<std::int32_t>( n ) );
  return grid;
}

//! Non-empty cells from nearest cells away from cell c up to farthest (in
//! rows or columns, whichever is more), c excluded; returns how many.
int neighbourCells( const Grid &grid, const CellTable &table, std::size_t c, std::int32_t *out, int nearest = 1, int farthest = Reach )
{
  const std::uint64_t key = grid.cellKeys[c];
  const auto column = static_cast<std::int64_t>( key % static_cast<std::uint64_t>( grid.columns ) );
  const auto row = static_cast<std::int64_t>( key / static_cast<std::uint64_t>( grid.columns ) );
  int count = 0;
  for ( std::int64_t r = std::max<std::int64_t>( 0, row - farthest ); r <= std::min( grid.rows - 1, row + farthest ); ++r )
    for ( std::int64_t k = std::max<std::int64_t>( 0, column - farthest ); k <= std::min( grid.columns - 1, column + farthest ); ++k )
    {
      if ( std::max( std::abs( r - row ), std::abs( k - column ) ) < nearest )
        continue;
      const std::int32_t cell = table.find( static_cast<std::uint64_t>( r * grid.columns + k ) );
      if ( cell >= 0 )
        out[count++] = cell;
    }
  return count;
}

//! The neighbour search shared by the steps of dbscan().
struct Search
{
    const Grid &grid;
    const CellTable &table;
    double eps2;       //!< eps², m²
    std::size_t need;  //!< neighbours (the point included) that make a core point
    bool cellIsClique; //!< all points of one cell are neighbours
    int threads;
    QgsFeedback *feedback;

    std::size_t cells() const { return grid.cellKeys.size(); }

    //! The same expression as QGIS's KDBush index, so ties at eps agree.
    bool near( std::int32_t a, std::int32_t b ) const
    {
      const double dx = grid.xs[static_cast<std::size_t>( a )] - grid.xs[static_cast<std::size_t>( b )];
      const double dy = grid.ys[static_cast<std::size_t>( a )] - grid.ys[static_cast<std::size_t>( b )];
      return dx * dx + dy * dy <= eps2;
    }

    int neighbourCells( std::size_t c, std::int32_t *out, int nearest = 1, int farthest = Reach ) const
    {
      return htsplan::neighbourCells( grid, table, c, out, nearest, farthest );
    }
};

constexpr int MaxNeighbours = ( 2 * Reach + 1 ) * ( 2 * Reach + 1 );
constexpr std::size_t CellChunk = 256;

void checkDbscanInputs( const std::vector<double> &xs, const std::vector<double> &ys, double eps, int minSize )
{
  if ( xs.size() != ys.size() )
    throw InputError( "dbscan: " + std::to_string( xs.size() ) + " x coordinates but " + std::to_string( ys.size() ) + " y coordinates" );
  if ( !std::isfinite( eps ) || eps <= 0 )
    throw InputError( "dbscan: eps must be a positive distance in metres (got " + formatNumber( eps ) + " m)" );
  if ( minSize < 1 )
    throw InputError( "dbscan: the minimum cluster size must be at least 1 (got " + std::to_string( minSize ) + ")" );
  if ( xs.size() > static_cast<std::size_t>( std::numeric_limits<std::int32_t>::max() ) )
    throw InputError( "dbscan: too many points (" + std::to_string( xs.size() ) + ")" );
}

//! The cell margin (1e-4 of eps) must exceed rounding in the cell assignment,
//! which is of the order of 1e-16 of the coordinates; else every pair is tested.
bool cellsAreCliques( const Grid &grid, double eps )
{
  double maxAbs = 0;
  for ( std::size_t p = 0; p < grid.xs.size(); ++p )
    maxAbs = std::max( { maxAbs, std::abs( grid.xs[p] ), std::abs( grid.ys[p] ) } );
  return eps * 1e-4 > 1e-12 * maxAbs;
}

//! Step 1: core points (core[p]) and each cell's first core point (firstCore[c],
//! -1 for none), counting neighbours only until minSize is reached.
void findCorePoints( const Search &search, std::vector<std::uint8_t> &core, std::vector<std::int32_t> &firstCore )
{
  parallelForBlocks( search.cells(), CellChunk, search.threads, search.feedback, [&]( std::size_t begin, std::size_t end ) {
    std::int32_t around[MaxNeighbours];
    for ( std::size_t c = begin; c < end; ++c )
    {
      const std::int32_t first = search.grid.cellStarts[c], last = search.grid.cellStarts[c + 1];
      const auto size = static_cast<std::size_t>( last - first );
      if ( search.cellIsClique && size >= search.need )
      {
        std::fill( core.begin() + first, core.begin() + last, 1 );
        firstCore[c] = first;
        continue;
      }
      const int aroundCount = search.neighbourCells( c, around );
      for ( std::int32_t p = first; p < last; ++p )
      {
        std::size_t count = 0;
        if ( search.cellIsClique )
          count = size;
        else
          for ( std::int32_t q = first; q < last && count < search.need; ++q )
            count += search.near( p, q );
        for ( int a = 0; a < aroundCount && count < search.need; ++a )
        {
          const auto d = static_cast<std::size_t>( around[a] );
          for ( std::int32_t q = search.grid.cellStarts[d]; q < search.grid.cellStarts[d + 1] && count < search.need; ++q )
            count += search.near( p, q );
        }
        if ( count >= search.need )
        {
          core[static_cast<std::size_t>( p )] = 1;
          if ( firstCore[c] < 0 )
            firstCore[c] = p;
        }
      }
    }
  }, { 10, 60 } );
}

/**
 * Step 2: links core points that are neighbours. Each pair of cells is looked
 * at once, and skipped when already linked. Adjacent cells go first: they
 * link dense areas cheaply, so that the cells two apart (rarely in reach, and
 * costly to scan pair by pair) are mostly skipped.
 */
void linkCorePoints( const Search &search, const std::vector<std::uint8_t> &core, const std::vector<std::int32_t> &firstCore, DisjointSets &sets )
{
  std::int32_t around[MaxNeighbours];
  for ( int ring = 1; ring <= Reach; ++ring )
    for ( std::size_t c = 0; c < search.cells(); ++c )
    {
      if ( c % 4096 == 0 )
      {
        throwIfCanceled( search.feedback );
        if ( search.feedback )
          search.feedback->setProgress( 60 + 10.0 * ( ring - 1 ) + 10.0 * static_cast<double>( c ) / static_cast<double>( search.cells() ) );
      }
      if ( firstCore[c] < 0 )
        continue;
      const std::int32_t first = firstCore[c], last = search.grid.cellStarts[c + 1];
      if ( ring == 1 )
        for ( std::int32_t p = first; p < last; ++p )
        {
          if ( !core[static_cast<std::size_t>( p )] )
            continue;
          if ( search.cellIsClique )
            sets.unite( first, p );
          else
            for ( std::int32_t q = first; q < p; ++q )
              if ( core[static_cast<std::size_t>( q )] && search.near( p, q ) )
                sets.unite( p, q );
        }
      const int aroundCount = search.neighbourCells( c, around, ring, ring );
      for ( int a = 0; a < aroundCount; ++a )
      {
        const auto d = static_cast<std::size_t>( around[a] );
        if ( d < c || firstCore[d] < 0 )
          continue;
        if ( search.cellIsClique && sets.find( first ) == sets.find( firstCore[d] ) )
          continue;
        bool linked = false;
        for ( std::int32_t p = first; p < last && !linked; ++p )
        {
          if ( !core[static_cast<std::size_t>( p )] )
            continue;
          for ( std::int32_t q = firstCore[d]; q < search.grid.cellStarts[d + 1]; ++q )
          {
            if ( !core[static_cast<std::size_t>( q )] || !search.near( p, q ) )
              continue;
            sets.unite( p, q );
            if ( search.cellIsClique )
            {
              linked = true;
              break;
            }
          }
        }
      }
    }
  throwIfCanceled( search.feedback );
}

//! Step 3: cluster ids (per sorted position, 0 for none) in order of each
//! cluster's first core point in input order; returns the cluster count.
int numberClusters( const Grid &grid, const std::vector<std::uint8_t> &core, DisjointSets &sets, std::vector<std::int32_t> &ids )
{
  const std::size_t n = grid.source.size();
  std::vector<std::int32_t> position( n );
  for ( std::size_t p = 0; p < n; ++p )
    position[static_cast<std::size_t>( grid.source[p] )] = static_cast<std::int32_t>( p );
  std::vector<std::int32_t> rootIds( n, 0 );
  int clusters = 0;
  for ( std::size_t i = 0; i < n; ++i )
  {
    const std::int32_t p = position[i];
    if ( !core[static_cast<std::size_t>( p )] )
      continue;
    std::int32_t &id = rootIds[static_cast<std::size_t>( sets.find( p ) )];
    if ( id == 0 )
      id = ++clusters;
    ids[static_cast<std::size_t>( p )] = id;
  }
  return clusters;
}

//! Step 4: border points join the lowest-numbered cluster with a core point in reach.
void attachBorderPoints( const Search &search, const std::vector<std::uint8_t> &core, const std::vector<std::int32_t> &firstCore, std::vector<std::int32_t> &sortedIds )
{
  parallelForBlocks( search.cells(), CellChunk, search.threads, search.feedback, [&]( std::size_t begin, std::size_t end ) {
    std::int32_t nearby[MaxNeighbours + 1];
    for ( std::size_t c = begin; c < end; ++c )
    {
      const std::int32_t first = search.grid.cellStarts[c], last = search.grid.cellStarts[c + 1];
      if ( firstCore[c] == first && search.cellIsClique && static_cast<std::size_t>( last - first ) >= search.need )
        continue; // a full cell: all core
      nearby[0] = static_cast<std::int32_t>( c );
      const int nearbyCount = 1 + search.neighbourCells( c, nearby + 1 );
      for ( std::int32_t p = first; p < last; ++p )
      {
        if ( core[static_cast<std::size_t>( p )] )
          continue;
        std::int32_t best = std::numeric_limits<std::int32_t>::max();
        for ( int a = 0; a < nearbyCount; ++a )
        {
          const auto d = static_cast<std::size_t>( nearby[a] );
          if ( firstCore[d] < 0 || ( search.cellIsClique && sortedIds[static_cast<std::size_t>( firstCore[d] )] >= best ) )
            continue;
          for ( std::int32_t q = firstCore[d]; q < search.grid.cellStarts[d + 1]; ++q )
          {
            if ( !core[static_cast<std::size_t>( q )] )
              continue; // only cores are read: other threads write non-core ids
            const std::int32_t id = sortedIds[static_cast<std::size_t>( q )];
            if ( id < best && search.near( p, q ) )
            {
              best = id;
              if ( search.cellIsClique )
                break; // every core of a cell has the same id
            }
          }
        }
        if ( best != std::numeric_limits<std::int32_t>::max() )
          sortedIds[static_cast<std::size_t>( p )] = best;
      }
    }
  }, { 85, 99 } );
}

} // namespace

DbscanResult dbscan( const std::vector<double> &xs, const std::vector<double> &ys, double eps, int minSize, bool borderPointsAreNoise,
                     QgsFeedback *feedback, int threads )
{
  checkDbscanInputs( xs, ys, eps, minSize );
  const std::size_t n = xs.size();
  DbscanResult result;
  result.clusterIds.assign( n, 0 );
  if ( n == 0 )
    return result;

  const Grid grid = buildGrid( xs, ys, eps, feedback );
  const CellTable table( grid.cellKeys );
  if ( feedback )
    feedback->setProgress( 10 );
  const Search search{ grid, table, eps * eps, static_cast<std::size_t>( minSize ), cellsAreCliques( grid, eps ), threads, feedback };

  std::vector<std::uint8_t> core( n, 0 );
  std::vector<std::int32_t> firstCore( search.cells(), -1 );
  findCorePoints( search, core, firstCore );
  DisjointSets sets( n );
  linkCorePoints( search, core, firstCore, sets );
  std::vector<std::int32_t> sortedIds( n, 0 );
  result.clusterCount = numberClusters( grid, core, sets, sortedIds );
  if ( feedback )
    feedback->setProgress( 85 );
  if ( !borderPointsAreNoise )
    attachBorderPoints( search, core, firstCore, sortedIds );

  result.clusterSizes.assign( static_cast<std::size_t>( result.clusterCount ), 0 );
  for ( std::size_t p = 0; p < n; ++p )
  {
    const std::int32_t id = sortedIds[p];
    result.clusterIds[static_cast<std::size_t>( grid.source[p] )] = id;
    if ( id > 0 )
      ++result.clusterSizes[static_cast<std::size_t>( id - 1 )];
  }
  if ( feedback )
    feedback->setProgress( 100 );
  return result;
}

std::vector<ClusterSummary> summarizeClusters( const std::vector<double> &xs, const std::vector<double> &ys, const DbscanResult &result,
                                               const std::vector<int> &categories, QgsFeedback *feedback )
{
  const std::size_t n = xs.size();
  if ( ys.size() != n || result.clusterIds.size() != n )
    throw InputError( "dbscan summary: " + std::to_string( n ) + " x, " + std::to_string( ys.size() ) + " y coordinates and " +
                      std::to_string( result.clusterIds.size() ) + " cluster ids" );
  if ( !categories.empty() && categories.size() != n )
    throw InputError( "dbscan summary: " + std::to_string( categories.size() ) + " categories for " + std::to_string( n ) + " points" );
  int maxCategory = -1;
  for ( std::size_t i = 0; i < categories.size(); ++i )
  {
    if ( categories[i] < -1 )
      throw InputError( "dbscan summary: point " + std::to_string( i ) + " has category index " + std::to_string( categories[i] ) +
                        " (use -1 for unknown)" );
    maxCategory = std::max( maxCategory, categories[i] );
  }

  // members of each cluster, in input order
  const auto clusters = static_cast<std::size_t>( result.clusterCount );
  std::vector<std::size_t> starts( clusters + 2, 0 );
  for ( int id : result.clusterIds )
    ++starts[static_cast<std::size_t>( id ) + 1];
  for ( std::size_t c = 1; c < starts.size(); ++c )
    starts[c] += starts[c - 1];
  std::vector<std::size_t> members( n ), fill( starts.begin(), starts.end() - 1 );
  for ( std::size_t i = 0; i < n; ++i )
    members[fill[static_cast<std::size_t>( result.clusterIds[i] )]++] = i;

  std::vector<ClusterSummary> summaries( clusters );
  std::vector<double> memberXs, memberYs;
  std::vector<int> votes( static_cast<std::size_t>( maxCategory + 1 ), 0 );
  for ( std::size_t c = 0; c < clusters; ++c )
  {
    if ( c % 256 == 0 )
    {
      throwIfCanceled( feedback );
      if ( feedback )
        feedback->setProgress( 100.0 * static_cast<double>( c ) / static_cast<double>( clusters ) );
    }
    ClusterSummary &summary = summaries[c];
    summary.clusterId = static_cast<int>( c + 1 );
    const std::size_t begin = starts[c + 1], end = starts[c + 2];
    summary.pointCount = static_cast<int>( end - begin );

    memberXs.clear();
    memberYs.clear();
    for ( std::size_t m = begin; m < end; ++m )
    {
      memberXs.push_back( xs[members[m]] );
      memberYs.push_back( ys[members[m]] );
    }
    ConvexHull hull = convexHull( memberXs, memberYs );
    summary.hullXs = std::move( hull.xs );
    summary.hullYs = std::move( hull.ys );
    summary.hullArea = hull.area;

    if ( !categories.empty() )
    {
      for ( std::size_t m = begin; m < end; ++m )
        if ( categories[members[m]] >= 0 )
          ++votes[static_cast<std::size_t>( categories[members[m]] )];
      int best = -1;
      for ( std::size_t m = begin; m < end; ++m )
      {
        const int category = categories[members[m]];
        if ( category >= 0 &&
             ( best < 0 || votes[static_cast<std::size_t>( category )] > votes[static_cast<std::size_t>( best )] ||
               ( votes[static_cast<std::size_t>( category )] == votes[static_cast<std::size_t>( best )] && category < best ) ) )
          best = category;
      }
      summary.dominantCategory = best;
      for ( std::size_t m = begin; m < end; ++m )
        if ( categories[members[m]] >= 0 )
          votes[static_cast<std::size_t>( categories[members[m]] )] = 0;
    }
  }
  if ( feedback )
    feedback->setProgress( 100 );
  return summaries;
}

} // namespace htsplan
