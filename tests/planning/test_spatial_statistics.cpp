// The report's county statistics (planning/spatial_statistics.h) on a hand-built
// case: a 3 x 3 block of squares and an island; outlines from OGR geometries.
#include "planning/spatial_statistics.h"
#include "layers/problems.h"

#include <catch2/catch.hpp>

#include <ogr_geometry.h>

#include <algorithm>
#include <string>

using namespace htsplan;

namespace
{
UnitVertices square( double x, double y )
{
  OGRGeometry *g = nullptr;
  const std::string wkt = "POLYGON ((" + std::to_string( x ) + " " + std::to_string( y ) + "," + std::to_string( x + 1000 ) + " " + std::to_string( y ) + "," +
                          std::to_string( x + 1000 ) + " " + std::to_string( y + 1000 ) + "," + std::to_string( x ) + " " + std::to_string( y + 1000 ) + "," +
                          std::to_string( x ) + " " + std::to_string( y ) + "))";
  REQUIRE( OGRGeometryFactory::createFromWkt( wkt.c_str(), nullptr, &g ) == OGRERR_NONE );
  const OGRGeometryUniquePtr owned( g );
  return outlineVertices( *g, "square" );
}
} // namespace

TEST_CASE( "spatial statistics - outline vertices", "[planning][statistics]" )
{
  const UnitVertices v = square( 0, 0 );
  CHECK( v.xs.size() == 4 ); // five with the closing vertex, less the first (spdep's poly2nb)
  CHECK( v.xs.front() == 1000 );
  OGRGeometry *multi = nullptr;
  REQUIRE( OGRGeometryFactory::createFromWkt( "MULTIPOLYGON (((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5),(5.2 5.1,5.8 5.1,5.8 5.5,5.2 5.1)))", nullptr, &multi ) ==
           OGRERR_NONE );
  const OGRGeometryUniquePtr ownedMulti( multi );
  // Every ring of every part with its closing vertex (4 + 4 + 4), less the unit's first.
  const UnitVertices m = outlineVertices( *multi, "m" );
  CHECK( m.xs.size() == 11 );
  CHECK( std::count( m.xs.begin(), m.xs.end(), 5.0 ) == 2 ); // the second part's first vertex, twice
  OGRPoint point( 1, 2 );
  try
  {
    outlineVertices( point, "counties: 某县" );
    FAIL( "a point has no outline" );
  }
  catch ( const InputError &e )
  {
    CHECK( std::string( e.what() ) == "counties: 某县 is not a polygon" );
  }
}

TEST_CASE( "spatial statistics - counties with an island, one count all equal", "[planning][statistics]" )
{
  std::vector<UnitVertices> outlines;
  std::vector<std::string> codes, names;
  for ( int row = 0; row < 3; ++row )
    for ( int column = 0; column < 3; ++column )
    {
      outlines.push_back( square( column * 1000.0, row * 1000.0 ) );
      codes.push_back( std::to_string( row * 3 + column ) );
      names.push_back( "county " + codes.back() );
    }
  outlines.push_back( square( 10000, 10000 ) );
  codes.push_back( "9" );
  names.push_back( "长岛县" );
  // High in the south-west corner.
  const std::vector<double> values = { 40, 30, 2, 30, 20, 1, 2, 1, 0, 3 };
  const CountyStatistics s = countyStatistics( outlines, codes, names, { { "enterprises", "e", values }, { "carriers", "c", std::vector<double>( 10, 7.0 ) } } );
  REQUIRE( s.computed );
  CHECK( s.isolated == std::vector<size_t>{ 9 } );
  CHECK( s.neighbours[4].size() == 8 ); // the centre: queen
  CHECK( s.neighbours[0] == std::vector<size_t>{ 1, 3, 4 } );
  REQUIRE( s.patterns.size() == 1 ); // the equal count is left out, and said
  REQUIRE( s.skipped.size() == 1 );
  CHECK( s.skipped.front().rfind( "carriers: ", 0 ) == 0 );
  const CountyPattern &p = s.patterns.front();
  CHECK( p.gi.neighbours[9] == 1 ); // the island keeps itself
  CHECK( p.gi.neighbours[4] == 9 );
  CHECK( p.gi.z[0] > 0 );
  CHECK( p.gi.z[8] < 0 );
  CHECK( p.moran.global.unitsUsed == 9 ); // the island left out of n
  CHECK( p.moran.global.permutations == COUNTY_STATISTICS_PERMUTATIONS );
  CHECK( p.moran.global.seed == COUNTY_STATISTICS_SEED );
  CHECK( p.moran.global.I > 0 ); // clustered
  CHECK( p.moran.local.z[9] == 0 );
  CHECK( p.moran.local.p[9] == 1 );
  // Equal to the kernels called as the algorithms call them.
  const GetisOrd direct = getisOrdGiStar( values, makeWeights( s.neighbours, WeightStyle::Binary, true ) );
  CHECK( direct.z == p.gi.z );
  const GlobalMoran global = globalMoran( values, makeWeights( s.neighbours, WeightStyle::RowStandardised ), 999, 1 );
  CHECK( global.I == p.moran.global.I );
  CHECK( global.pPermutation == p.moran.global.pPermutation );
}
