#include <catch2/catch.hpp>

#include "geometry/polygon_index.h"

#include <geos_c.h>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <iomanip>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace
{
OGRGeometryUniquePtr fromWkt( const char *wkt )
{
  OGRGeometry *g = nullptr;
  OGRGeometryFactory::createFromWkt( wkt, nullptr, &g );
  REQUIRE( g );
  return OGRGeometryUniquePtr( g );
}

std::vector<const OGRGeometry *> raw( const std::vector<OGRGeometryUniquePtr> &owned )
{
  std::vector<const OGRGeometry *> out;
  for ( const auto &g : owned )
    out.push_back( g.get() );
  return out;
}

std::vector<OGRGeometryUniquePtr> polygons( std::initializer_list<const char *> wkts )
{
  std::vector<OGRGeometryUniquePtr> out;
  for ( const char *wkt : wkts )
    out.push_back( fromWkt( wkt ) );
  return out;
}

//! Grid sizes that put cell lines on, beside and far from the test points.
const int GridSizes[] = { 1, 2, 3, 7, 512 };

//! The answer for (x, y), the same for every grid size (else -3, which no check accepts).
int locateEverywhere( const std::vector<OGRGeometryUniquePtr> &owned, double x, double y )
{
  int first = -3;
  for ( int grid : GridSizes )
  {
    const htsplan::PolygonIndex index( raw( owned ), grid );
    const int found = index.locate( x, y );
    if ( grid == GridSizes[0] )
      first = found;
    else if ( found != first )
    {
      UNSCOPED_INFO( "(" << x << ", " << y << "): grid " << grid << " gives " << found << ", grid " << GridSizes[0] << " gives " << first );
      return -3;
    }
  }
  return first;
}

//! A GEOS context and geometries freed with it.
struct Geos
{
    GEOSContextHandle_t context = GEOS_init_r();
    ~Geos() { GEOS_finish_r( context ); }
    Geos() = default;
    Geos( const Geos & ) = delete;
    Geos &operator=( const Geos & ) = delete;
};
} // namespace

TEST_CASE( "polygon index - inside, outside, holes and multipolygons", "[geometry][polygon_index]" )
{
  const auto owned = polygons( { "POLYGON((0 0,10 0,10 10,0 10,0 0))",
                                 // the right square has a hole: points in it belong to no polygon
                                 "POLYGON((10 0,20 0,20 10,10 10,10 0),(14 4,16 4,16 6,14 6,14 4))",
                                 "MULTIPOLYGON(((100 100,101 100,101 101,100 101,100 100)),((200 200,201 200,201 201,200 201,200 200)))" } );
  CHECK( locateEverywhere( owned, 5, 5 ) == 0 );
  CHECK( locateEverywhere( owned, 12, 5 ) == 1 );
  CHECK( locateEverywhere( owned, 15, 5 ) == -1 );   // in the hole
  CHECK( locateEverywhere( owned, 14.5, 4.5 ) == -1 ); // in the hole, off its centre
  CHECK( locateEverywhere( owned, 13.9, 5 ) == 1 );  // just left of the hole
  CHECK( locateEverywhere( owned, 200.5, 200.5 ) == 2 );
  CHECK( locateEverywhere( owned, 100.5, 100.5 ) == 2 );
  CHECK( locateEverywhere( owned, 150, 150 ) == -1 ); // between the parts, inside the index's extent
  CHECK( locateEverywhere( owned, -1, 5 ) == -1 );
  CHECK( locateEverywhere( owned, 5, -0.5 ) == -1 );
  CHECK( locateEverywhere( owned, 300, 300 ) == -1 );
  const htsplan::PolygonIndex index( raw( owned ) );
  CHECK( htsplan::assignPoints( index, { 1, 19, 100.5, 15 }, { 1, 9, 100.5, 5 } ) == std::vector<int> { 0, 1, 2, -1 } );
  CHECK( index.locate( std::nan( "" ), 5 ) == -1 );
}

TEST_CASE( "polygon index - a point on a shared edge goes to exactly one polygon, the same along the edge", "[geometry][polygon_index]" )
{
  SECTION( "a vertical edge" )
  {
    const auto owned = polygons( { "POLYGON((0 0,10 0,10 10,0 10,0 0))", "POLYGON((10 0,20 0,20 10,10 10,10 0))" } );
    std::set<int> found;
    for ( double y : { 0.5, 1.0, 2.5, 3.3, 5.0, 7.75, 9.0, 9.999 } )
    {
      const int i = locateEverywhere( owned, 10, y );
      INFO( "(10, " << y << ") -> " << i );
      CHECK( ( i == 0 || i == 1 ) );
      found.insert( i );
    }
    CHECK( found.size() == 1 );
  }
  SECTION( "a horizontal edge" )
  {
    const auto owned = polygons( { "POLYGON((0 0,10 0,10 10,0 10,0 0))", "POLYGON((0 10,10 10,10 20,0 20,0 10))" } );
    std::set<int> found;
    for ( double x : { 0.5, 1.0, 2.5, 5.0, 9.5 } )
    {
      const int i = locateEverywhere( owned, x, 10 );
      INFO( "(" << x << ", 10) -> " << i );
      CHECK( ( i == 0 || i == 1 ) );
      found.insert( i );
    }
    CHECK( found.size() == 1 );
  }
  SECTION( "a diagonal edge, rings in opposite orientations" )
  {
    // lower-right triangle counter-clockwise, upper-left clockwise
    const auto owned = polygons( { "POLYGON((0 0,16 0,16 16,0 0))", "POLYGON((0 0,0 16,16 16,0 0))" } );
    std::set<int> found;
    for ( double t : { 1.0, 2.5, 4.0, 8.0, 12.25, 15.5 } )
    {
      const int i = locateEverywhere( owned, t, t );
      INFO( "(" << t << ", " << t << ") -> " << i );
      CHECK( ( i == 0 || i == 1 ) );
      found.insert( i );
    }
    CHECK( found.size() == 1 );
    CHECK( locateEverywhere( owned, 8, 4 ) == 0 );
    CHECK( locateEverywhere( owned, 4, 8 ) == 1 );
  }
  SECTION( "an edge on the outside of the set may be in or out, never in another polygon" )
  {
    const auto owned = polygons( { "POLYGON((0 0,10 0,10 10,0 10,0 0))", "POLYGON((10 0,20 0,20 10,10 10,10 0))" } );
    for ( double y : { 2.0, 5.0 } )
    {
      const int left = locateEverywhere( owned, 0, y ), right = locateEverywhere( owned, 20, y );
      CHECK( ( left == 0 || left == -1 ) );
      CHECK( ( right == 1 || right == -1 ) );
    }
    const int bottom = locateEverywhere( owned, 15, 0 ), top = locateEverywhere( owned, 5, 10 );
    CHECK( ( bottom == 1 || bottom == -1 ) );
    CHECK( ( top == 0 || top == -1 ) );
  }
}

TEST_CASE( "polygon index - a shared vertex goes to exactly one of the polygons around it", "[geometry][polygon_index]" )
{
  // four squares meeting at (10, 10), and a triangle fan of six around (50, 50)
  const auto squares = polygons( { "POLYGON((0 0,10 0,10 10,0 10,0 0))", "POLYGON((10 0,20 0,20 10,10 10,10 0))",
                                   "POLYGON((0 10,10 10,10 20,0 20,0 10))", "POLYGON((10 10,20 10,20 20,10 20,10 10))" } );
  const int centre = locateEverywhere( squares, 10, 10 );
  CHECK( ( centre >= 0 && centre <= 3 ) );
  // the midpoints of the four half-edges around the centre are also shared
  for ( const auto &[x, y] : std::vector<std::pair<double, double>> { { 10, 5 }, { 10, 15 }, { 5, 10 }, { 15, 10 } } )
  {
    const int i = locateEverywhere( squares, x, y );
    INFO( "(" << x << ", " << y << ") -> " << i );
    CHECK( ( i >= 0 && i <= 3 ) );
  }

  const auto fan = polygons( { "POLYGON((50 50,60 50,55 58,50 50))", "POLYGON((50 50,55 58,45 58,50 50))", "POLYGON((50 50,45 58,40 50,50 50))",
                               "POLYGON((50 50,40 50,45 42,50 50))", "POLYGON((50 50,45 42,55 42,50 50))", "POLYGON((50 50,55 42,60 50,50 50))" } );
  const int hub = locateEverywhere( fan, 50, 50 );
  CHECK( ( hub >= 0 && hub <= 5 ) );
  CHECK( locateEverywhere( fan, 55, 50.5 ) == 0 );
  CHECK( locateEverywhere( fan, 55, 49.5 ) == 5 );
}

TEST_CASE( "polygon index - a hole is outside unless another polygon fills it", "[geometry][polygon_index]" )
{
  // a frame with a square hole, and the island that fills the hole exactly
  const char *frame = "POLYGON((0 0,30 0,30 30,0 30,0 0),(10 10,20 10,20 20,10 20,10 10))";
  const char *island = "POLYGON((10 10,20 10,20 20,10 20,10 10))";
  SECTION( "the hole alone" )
  {
    const auto owned = polygons( { frame } );
    CHECK( locateEverywhere( owned, 15, 15 ) == -1 );
    CHECK( locateEverywhere( owned, 10.001, 19.999 ) == -1 );
    CHECK( locateEverywhere( owned, 5, 15 ) == 0 );
    CHECK( locateEverywhere( owned, 25, 25 ) == 0 );
    CHECK( locateEverywhere( owned, 9.999, 15 ) == 0 );
  }
  for ( bool islandFirst : { false, true } )
  {
    DYNAMIC_SECTION( "filled by an island, listed " << ( islandFirst ? "first" : "second" ) )
    {
      const auto owned = islandFirst ? polygons( { island, frame } ) : polygons( { frame, island } );
      const int frameIndex = islandFirst ? 1 : 0, islandIndex = islandFirst ? 0 : 1;
      CHECK( locateEverywhere( owned, 15, 15 ) == islandIndex );
      CHECK( locateEverywhere( owned, 10.001, 19.999 ) == islandIndex );
      CHECK( locateEverywhere( owned, 5, 15 ) == frameIndex );
      // on the hole's edge and corners: one of the two, never neither
      for ( const auto &[x, y] : std::vector<std::pair<double, double>> { { 10, 15 }, { 20, 15 }, { 15, 10 }, { 15, 20 }, { 10, 10 }, { 20, 20 } } )
      {
        const int i = locateEverywhere( owned, x, y );
        INFO( "(" << x << ", " << y << ") -> " << i );
        CHECK( ( i == frameIndex || i == islandIndex ) );
      }
    }
  }
}

TEST_CASE( "polygon index - agrees with GEOS on the 137 bundled counties", "[geometry][polygon_index][geos]" )
{
  GDALDatasetUniquePtr ds( GDALDataset::Open( HTSPLAN_SOURCE_DIR "/data/shandong.gpkg", GDAL_OF_VECTOR | GDAL_OF_READONLY ) );
  REQUIRE( ds );
  OGRLayer *layer = ds->GetLayerByName( "counties" );
  REQUIRE( layer );
  Geos geos;
  std::vector<OGRGeometryUniquePtr> counties;
  std::vector<std::unique_ptr<GEOSGeometry, std::function<void( GEOSGeometry * )>>> shapes;
  std::vector<std::unique_ptr<const GEOSPreparedGeometry, std::function<void( const GEOSPreparedGeometry * )>>> prepared;
  std::vector<OGREnvelope> envelopes;
  for ( auto &feature : *layer )
  {
    OGRGeometryUniquePtr g( feature->StealGeometry() );
    REQUIRE( g );
    std::vector<unsigned char> wkb( g->WkbSize() );
    g->exportToWkb( wkbNDR, wkb.data() );
    GEOSGeometry *shape = GEOSGeomFromWKB_buf_r( geos.context, wkb.data(), wkb.size() );
    REQUIRE( shape );
    CHECK( GEOSisValid_r( geos.context, shape ) == 1 );
    shapes.emplace_back( shape, [&geos]( GEOSGeometry *s ) { GEOSGeom_destroy_r( geos.context, s ); } );
    prepared.emplace_back( GEOSPrepare_r( geos.context, shape ), [&geos]( const GEOSPreparedGeometry *p ) { GEOSPreparedGeom_destroy_r( geos.context, p ); } );
    OGREnvelope e;
    g->getEnvelope( &e );
    envelopes.push_back( e );
    counties.push_back( std::move( g ) );
  }
  REQUIRE( counties.size() == 137 );
  OGREnvelope extent;
  for ( const OGREnvelope &e : envelopes )
    extent.Merge( e );
  const htsplan::PolygonIndex index( raw( counties ) );

  // What GEOS says of a point: the counties whose interior holds it, and the
  // counties it touches (interior or boundary).
  auto classify = [&]( double x, double y, std::vector<int> &inside, std::vector<int> &touching ) {
    inside.clear();
    touching.clear();
    std::unique_ptr<GEOSGeometry, std::function<void( GEOSGeometry * )>> point( GEOSGeom_createPointFromXY_r( geos.context, x, y ),
                                                                               [&geos]( GEOSGeometry *p ) { GEOSGeom_destroy_r( geos.context, p ); } );
    for ( size_t i = 0; i < counties.size(); ++i )
    {
      const OGREnvelope &e = envelopes[i];
      if ( x < e.MinX || x > e.MaxX || y < e.MinY || y > e.MaxY )
        continue;
      if ( GEOSPreparedContains_r( geos.context, prepared[i].get(), point.get() ) == 1 )
        inside.push_back( static_cast<int>( i ) );
      if ( GEOSPreparedIntersects_r( geos.context, prepared[i].get(), point.get() ) == 1 )
        touching.push_back( static_cast<int>( i ) );
    }
  };
  auto contains = []( const std::vector<int> &v, int i ) { return std::find( v.begin(), v.end(), i ) != v.end(); };

  SECTION( "20,000 seeded random points in the province's extent" )
  {
    std::mt19937_64 random( 20260417 );
    std::uniform_real_distribution<double> ux( extent.MinX, extent.MaxX ), uy( extent.MinY, extent.MaxY );
    int insideCount = 0, outsideCount = 0, wrong = 0;
    std::vector<int> inside, touching;
    for ( int k = 0; k < 20000; ++k )
    {
      const double x = ux( random ), y = uy( random );
      classify( x, y, inside, touching );
      const int found = index.locate( x, y );
      // The counties do not overlap: at most one holds a point in its interior.
      REQUIRE( inside.size() <= 1 );
      bool ok;
      if ( inside.size() == 1 )
        ok = found == inside[0];
      else
        ok = found == -1 || contains( touching, found ); // a boundary point may go either way, never to a county it does not touch
      if ( !ok && ++wrong <= 10 )
        UNSCOPED_INFO( "point " << k << " (" << x << ", " << y << "): index " << found << ", GEOS inside "
                                << ( inside.empty() ? -1 : inside[0] ) << ", touching " << touching.size() );
      insideCount += !inside.empty();
      outsideCount += touching.empty();
    }
    CHECK( wrong == 0 );
    // The extent is a box around the province: both kinds of point are well represented.
    CHECK( insideCount > 8000 );
    CHECK( outsideCount > 2000 );
  }

  SECTION( "points on the county boundaries: every 7th vertex of every ring" )
  {
    int wrong = 0, shared = 0, sharedUnassigned = 0;
    std::string unassigned;
    std::vector<int> inside, touching;
    for ( const auto &county : counties )
    {
      for ( const OGRPolygon *part : *county->toMultiPolygon() )
        for ( const OGRLinearRing *ring : *part )
          for ( int v = 0; v < ring->getNumPoints() - 1; v += 7 )
          {
            const double x = ring->getX( v ), y = ring->getY( v );
            classify( x, y, inside, touching );
            const int found = index.locate( x, y );
            bool ok = found == -1 || contains( touching, found );
            if ( inside.size() == 1 )
              ok = found == inside[0];
            if ( touching.size() >= 2 && inside.empty() )
            {
              // on a border between counties: it belongs to one of them
              ++shared;
              sharedUnassigned += found == -1;
              if ( found == -1 )
              {
                std::string where;
                for ( int t : touching )
                  where += " " + std::to_string( t );
                std::ostringstream line;
                line << std::setprecision( 17 ) << "\n  (" << x << ", " << y << ") on the boundary of counties" << where;
                unassigned += line.str();
              }
            }
            if ( !ok && ++wrong <= 10 )
              UNSCOPED_INFO( "vertex (" << x << ", " << y << "): index " << found << ", touching " << touching.size() );
          }
    }
    CHECK( wrong == 0 );
    CHECK( shared > 1000 );
    INFO( sharedUnassigned << " of " << shared << " vertices on a border between counties are in no county:" << unassigned );
    // Neighbours share their border edges vertex for vertex: the index
    // computes an edge's crossing from its lower end whichever way a ring
    // lists it, so a point on a shared border lands in exactly one county.
    // (Before that fix, 6 of 14,606 such vertices were in no county.)
    CHECK( sharedUnassigned == 0 );
  }
}
