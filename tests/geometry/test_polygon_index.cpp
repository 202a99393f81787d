#include <catch2/catch.hpp>

#include "geometry/polygon_index.h"

#include <ogr_geometry.h>

namespace
{
OGRGeometryUniquePtr fromWkt( const char *wkt )
{
  OGRGeometry *g = nullptr;
  OGRGeometryFactory::createFromWkt( wkt, nullptr, &g );
  return OGRGeometryUniquePtr( g );
}
} // namespace

TEST_CASE( "assign - points fall in exactly one of two neighbouring squares", "[analysis][assign]" )
{
  auto left = fromWkt( "POLYGON((0 0,10 0,10 10,0 10,0 0))" );
  // The right square has a hole: points in it belong to no polygon.
  auto right = fromWkt( "POLYGON((10 0,20 0,20 10,10 10,10 0),(14 4,16 4,16 6,14 6,14 4))" );
  auto far = fromWkt( "MULTIPOLYGON(((100 100,101 100,101 101,100 101,100 100)),((200 200,201 200,201 201,200 201,200 200)))" );
  const htsplan::PolygonIndex index( { left.get(), right.get(), far.get() } );
  CHECK( index.locate( 5, 5 ) == 0 );
  CHECK( index.locate( 12, 5 ) == 1 );
  CHECK( index.locate( 15, 5 ) == -1 ); // in the hole
  CHECK( index.locate( 200.5, 200.5 ) == 2 );
  CHECK( index.locate( 150, 150 ) == -1 );
  CHECK( index.locate( -1, 5 ) == -1 );
  const auto assigned = htsplan::assignPoints( index, { 1, 19, 100.5 }, { 1, 9, 100.5 } );
  CHECK( assigned == std::vector<int>{ 0, 1, 2 } );
}
