#include "planning/spatial_statistics.h"

#include "layers/problems.h"

#include <ogr_geometry.h>

namespace htsplan
{

namespace
{
void addPolygon( const OGRPolygon &polygon, UnitVertices &out )
{
  for ( const OGRLinearRing *ring : polygon )
    for ( int i = 0; i < ring->getNumPoints(); ++i ) // closing vertex included, as spdep takes it
    {
      out.xs.push_back( ring->getX( i ) );
      out.ys.push_back( ring->getY( i ) );
    }
}
} // namespace

UnitVertices outlineVertices( const OGRGeometry &polygonal, const std::string &what )
{
  UnitVertices vertices;
  const OGRwkbGeometryType type = wkbFlatten( polygonal.getGeometryType() );
  if ( type == wkbPolygon )
    addPolygon( *polygonal.toPolygon(), vertices );
  else if ( type == wkbMultiPolygon )
    for ( const OGRPolygon *polygon : *polygonal.toMultiPolygon() )
      addPolygon( *polygon, vertices );
  else
    throw InputError( what + " is not a polygon" );
  // spdep's poly2nb drops only the unit's very first vertex (st_coordinates minus its first
  // row), so the closing vertex of every further ring stays and that ring's first point is
  // there twice. Queen (one pair) is not affected; rook (two pairs) is: a unit touching
  // another only at such a point is spdep's rook neighbour, and so is it here.
  if ( !vertices.xs.empty() )
  {
    vertices.xs.erase( vertices.xs.begin() );
    vertices.ys.erase( vertices.ys.begin() );
  }
  return vertices;
}

GetisOrd hotSpots( const std::vector<double> &values, const NeighbourLists &lists, bool fdr )
{
  return getisOrdGiStar( values, makeWeights( lists, WeightStyle::Binary, true ), fdr );
}

MoranResult moranOf( const std::vector<double> &values, const NeighbourLists &lists, int permutations, uint64_t seed, LocalMoranVariance variance )
{
  const SpatialWeights weights = makeWeights( lists, WeightStyle::RowStandardised );
  MoranResult r;
  r.global = globalMoran( values, weights, permutations, seed );
  r.local = localMoran( values, weights, variance );
  return r;
}

CountyStatistics countyStatistics( const std::vector<UnitVertices> &outlines, const std::vector<std::string> &codes, const std::vector<std::string> &names,
                                   const std::vector<CountyCount> &counts )
{
  CountyStatistics s;
  s.codes = codes;
  s.names = names;
  s.neighbours = contiguityNeighbours( outlines, true, COUNTY_STATISTICS_SNAP_M );
  s.isolated = isolatedUnits( s.neighbours );
  for ( const CountyCount &count : counts )
  {
    try
    {
      CountyPattern p;
      p.variable = count.variable;
      p.description = count.description;
      p.values = count.values;
      p.gi = hotSpots( p.values, s.neighbours );
      p.moran = moranOf( p.values, s.neighbours, COUNTY_STATISTICS_PERMUTATIONS, COUNTY_STATISTICS_SEED );
      s.patterns.push_back( std::move( p ) );
    }
    catch ( const InputError &e )
    {
      s.skipped.push_back( count.variable + ": " + e.what() );
    }
  }
  s.computed = true;
  return s;
}

} // namespace htsplan
