#include "analysis/stats/weights.h"

#include "geometry/point_index.h"
#include "layers/parallel.h"
#include "layers/problems.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace htsplan
{

namespace
{
void requireCoordinates( const std::vector<double> &xs, const std::vector<double> &ys, const char *what )
{
  if ( xs.size() != ys.size() )
    throw InputError( std::string( what ) + ": " + std::to_string( xs.size() ) + " x coordinates but " + std::to_string( ys.size() ) + " y coordinates" );
  for ( size_t i = 0; i < xs.size(); ++i )
    if ( !std::isfinite( xs[i] ) || !std::isfinite( ys[i] ) )
      throw InputError( std::string( what ) + ": unit " + std::to_string( i ) + " has coordinates that are not finite numbers" );
}

//! Each unit's hits in increasing order, units in parallel blocks (a unit's list is its own: the same lists on any thread count).
template <class Query>
NeighbourLists listsInParallel( size_t count, Query query )
{
  NeighbourLists lists( count );
  parallelForBlocks( count, 4096, workerThreads(), nullptr, [&]( size_t begin, size_t end ) {
    for ( size_t i = begin; i < end; ++i )
    {
      const std::vector<PointIndex::Neighbour> hits = query( i );
      lists[i].reserve( hits.size() );
      for ( const PointIndex::Neighbour &hit : hits )
        lists[i].push_back( hit.index );
      std::sort( lists[i].begin(), lists[i].end() );
    }
  } );
  return lists;
}

void sortLists( NeighbourLists &lists )
{
  for ( auto &list : lists )
  {
    std::sort( list.begin(), list.end() );
    list.erase( std::unique( list.begin(), list.end() ), list.end() );
  }
}
} // namespace

NeighbourLists contiguityNeighbours( const std::vector<UnitVertices> &units, bool queen, double snapM )
{
  if ( !( snapM >= 0 ) || !std::isfinite( snapM ) )
    throw InputError( "contiguity: the snap tolerance must be a finite number of metres >= 0" );
  std::vector<double> xs, ys;
  std::vector<size_t> owner;
  for ( size_t u = 0; u < units.size(); ++u )
  {
    requireCoordinates( units[u].xs, units[u].ys, "contiguity" );
    xs.insert( xs.end(), units[u].xs.begin(), units[u].xs.end() );
    ys.insert( ys.end(), units[u].ys.begin(), units[u].ys.end() );
    owner.insert( owner.end(), units[u].xs.size(), u );
  }
  NeighbourLists lists( units.size() );
  if ( xs.empty() )
    return lists;
  // Count the vertex pairs within the snap distance per pair of units, as
  // spdep's polypoly does (it stops counting at 2: rook needs two).
  const PointIndex index( xs, ys );
  std::map<std::pair<size_t, size_t>, int> pairs;
  for ( size_t v = 0; v < xs.size(); ++v )
    for ( const PointIndex::Neighbour &hit : index.withinOf( v, snapM ) )
      if ( owner[hit.index] > owner[v] )
        ++pairs[{ owner[v], owner[hit.index] }];
  const int needed = queen ? 1 : 2;
  for ( const auto &[pair, count] : pairs )
    if ( count >= needed )
    {
      lists[pair.first].push_back( pair.second );
      lists[pair.second].push_back( pair.first );
    }
  sortLists( lists );
  return lists;
}

NeighbourLists distanceBandNeighbours( const std::vector<double> &xs, const std::vector<double> &ys, double bandM )
{
  requireCoordinates( xs, ys, "distance band" );
  if ( !( bandM > 0 ) || !std::isfinite( bandM ) )
    throw InputError( "distance band: the band must be a positive number of metres" );
  if ( xs.empty() )
    return NeighbourLists();
  const PointIndex index( xs, ys );
  return listsInParallel( xs.size(), [&]( size_t i ) { return index.withinOf( i, bandM ); } );
}

NeighbourLists nearestNeighbourLists( const std::vector<double> &xs, const std::vector<double> &ys, size_t k )
{
  requireCoordinates( xs, ys, "k nearest neighbours" );
  if ( k < 1 || k >= xs.size() )
    throw InputError( "k nearest neighbours: k must be at least 1 and less than the number of units (" + std::to_string( xs.size() ) + "), got " + std::to_string( k ) );
  const PointIndex index( xs, ys );
  return listsInParallel( xs.size(), [&]( size_t i ) { return index.nearestTo( i, k ); } );
}

double smallestFullBand( const std::vector<double> &xs, const std::vector<double> &ys )
{
  requireCoordinates( xs, ys, "smallest distance band" );
  if ( xs.size() < 2 )
    throw InputError( "smallest distance band: needs at least 2 units, got " + std::to_string( xs.size() ) );
  const PointIndex index( xs, ys );
  double band = 0;
  for ( size_t i = 0; i < xs.size(); ++i )
    band = std::max( band, index.nearestTo( i, 1 ).front().distance );
  return band;
}

std::vector<size_t> isolatedUnits( const NeighbourLists &lists )
{
  std::vector<size_t> out;
  for ( size_t i = 0; i < lists.size(); ++i )
    if ( lists[i].empty() )
      out.push_back( i );
  return out;
}

std::string nameUnits( const std::vector<size_t> &units, const std::vector<std::string> &names, size_t max )
{
  std::string out;
  for ( size_t i = 0; i < units.size() && i < max; ++i )
  {
    if ( i > 0 )
      out += ", ";
    out += units[i] < names.size() && !names[units[i]].empty() ? names[units[i]] : "#" + std::to_string( units[i] );
  }
  if ( units.size() > max )
    out += " and " + std::to_string( units.size() - max ) + " more";
  return out;
}

SpatialWeights makeWeights( const NeighbourLists &lists, WeightStyle style, bool includeSelf )
{
  SpatialWeights w;
  if ( !includeSelf )
    w.neighbours = lists;
  else
  {
    // Lists are sorted: i goes in its place, in one allocation per list (re-sorting
    // every list cost more than Gi* itself at 160,000 units).
    w.neighbours.resize( lists.size() );
    for ( size_t i = 0; i < lists.size(); ++i )
    {
      const std::vector<size_t> &list = lists[i];
      const auto at = std::lower_bound( list.begin(), list.end(), i );
      std::vector<size_t> &out = w.neighbours[i];
      out.reserve( list.size() + 1 );
      out.assign( list.begin(), at );
      if ( at == list.end() || *at != i )
        out.push_back( i );
      out.insert( out.end(), at, list.end() );
    }
  }
  w.weights.resize( lists.size() );
  for ( size_t i = 0; i < lists.size(); ++i )
  {
    const size_t count = w.neighbours[i].size();
    const double value = style == WeightStyle::Binary ? 1.0 : 1.0 / static_cast<double>( count );
    w.weights[i].assign( count, value );
  }
  return w;
}

} // namespace htsplan
