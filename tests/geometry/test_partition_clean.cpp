// The coverage cleaning rules (layers/coverage_clean.h) on small synthetic
// cases whose answers are computed by hand. Coordinates are metres.
#include <catch2/catch.hpp>

#include "geometry/partition_clean.h"

#include <ogr_geometry.h>

using namespace htsplan;

namespace
{

OGRGeometryUniquePtr wkt( const char *text )
{
  OGRGeometry *g = nullptr;
  REQUIRE( OGRGeometryFactory::createFromWkt( text, nullptr, &g ) == OGRERR_NONE );
  return OGRGeometryUniquePtr( g );
}

OGRGeometryUniquePtr box( double x0, double y0, double x1, double y1 )
{
  OGRLinearRing ring;
  ring.addPoint( x0, y0 );
  ring.addPoint( x1, y0 );
  ring.addPoint( x1, y1 );
  ring.addPoint( x0, y1 );
  ring.addPoint( x0, y0 );
  auto p = std::make_unique<OGRPolygon>();
  p->addRing( &ring );
  return OGRGeometryUniquePtr( p.release() );
}

CoverageUnit unit( const char *code, OGRGeometryUniquePtr g )
{
  CoverageUnit u;
  u.code = code;
  u.geometry = std::move( g );
  return u;
}

double intersectionArea( const OGRGeometry &a, const OGRGeometry &b )
{
  OGRGeometryUniquePtr i( a.Intersection( &b ) );
  return areaOf( polygonalPart( i.get() ).get() );
}

} // namespace

TEST_CASE( "coverage clean - two overlapping squares: the overlap goes to the lower code", "[layers][coverage]" )
{
  // A = [0,200]x[0,200] (code 370102), B = [100,300]x[0,200] (code 370101):
  // the overlap [100,200]x[0,200] = 20,000 m² goes to B, the lower code.
  std::vector<CoverageUnit> units;
  units.push_back( unit( "370102", box( 0, 0, 200, 200 ) ) );
  units.push_back( unit( "370101", box( 100, 0, 300, 200 ) ) );
  const CoverageResult r = cleanCoverage( std::move( units ) );

  REQUIRE( r.units.size() == 2 ); // input order kept
  CHECK( areaOf( r.units[0].get() ) == Approx( 20000.0 ) );
  CHECK( areaOf( r.units[1].get() ) == Approx( 40000.0 ) );
  CHECK( r.report.overlapArea == Approx( 20000.0 ) );
  CHECK( r.report.overlapUnits == 1 );
  CHECK( r.report.repaired == 0 );
  CHECK( r.report.gapArea == 0.0 );
  CHECK( intersectionArea( *r.units[0], *r.units[1] ) < 1e-6 );
  CHECK( areaOf( r.outline.get() ) == Approx( 60000.0 ) );
  for ( const auto &g : r.units )
  {
    CHECK( g->IsValid() );
    CHECK( wkbFlatten( g->getGeometryType() ) == wkbMultiPolygon );
  }
}

TEST_CASE( "coverage clean - a gap is shared out by growing 25 m rings, ties to the lower code", "[layers][coverage]" )
{
  // Four units enclose the gap [100,160]x[0,100] (6,000 m²):
  //   C "1" above [0,260]x[100,150], D "2" below [0,260]x[-50,0],
  //   A "3" left [0,100]x[0,100],    B "4" right [160,260]x[0,100].
  // Ring 25 m, in code order: C takes y in [75,100] (1,500), D y in [0,25] (1,500),
  // A x in [100,125] for y in [25,75] (1,250), B x in [135,160] (1,250).
  // Ring 50 m: the strip x in [125,135], y in [25,75] is split by C (y >= 50, 250)
  // and D (y <= 50, 250). So C and D gain 1,750, A and B 1,250.
  std::vector<CoverageUnit> units;
  units.push_back( unit( "3", box( 0, 0, 100, 100 ) ) );
  units.push_back( unit( "4", box( 160, 0, 260, 100 ) ) );
  units.push_back( unit( "1", box( 0, 100, 260, 150 ) ) );
  units.push_back( unit( "2", box( 0, -50, 260, 0 ) ) );
  const CoverageResult r = cleanCoverage( std::move( units ) );

  CHECK( r.report.gapParts == 1 );
  CHECK( r.report.gapArea == Approx( 6000.0 ) );
  CHECK( r.report.gapAreaFilled == Approx( 6000.0 ) );
  CHECK( r.report.gapAreaLeft == 0.0 );
  CHECK( areaOf( r.units[0].get() ) == Approx( 10000.0 + 1250.0 ) );
  CHECK( areaOf( r.units[1].get() ) == Approx( 10000.0 + 1250.0 ) );
  CHECK( areaOf( r.units[2].get() ) == Approx( 13000.0 + 1750.0 ) );
  CHECK( areaOf( r.units[3].get() ) == Approx( 13000.0 + 1750.0 ) );
  CHECK( areaOf( r.outline.get() ) == Approx( 260.0 * 200.0 ) );
  for ( size_t i = 0; i < r.units.size(); ++i )
  {
    CHECK( r.units[i]->IsValid() );
    for ( size_t j = i + 1; j < r.units.size(); ++j )
      CHECK( intersectionArea( *r.units[i], *r.units[j] ) < 1e-6 );
  }
}

TEST_CASE( "coverage clean - a sliver gap between two neighbours is closed", "[layers][coverage]" )
{
  // A frame [0,30]x[0,30] with hole [10,20]x[10,20]; inside, the square
  // [10,19.5]x[10,20] leaves a 0.5 m wide sliver (5 m²) that goes to the frame
  // "1" (lower code) in the first ring.
  std::vector<CoverageUnit> units;
  units.push_back( unit( "2", box( 10, 10, 19.5, 20 ) ) );
  units.push_back(
    unit( "1", wkt( "POLYGON((0 0,30 0,30 30,0 30,0 0),(10 10,10 20,20 20,20 10,10 10))" ) ) );
  const CoverageResult r = cleanCoverage( std::move( units ) );
  CHECK( r.report.gapArea == Approx( 5.0 ) );
  CHECK( r.report.gapAreaFilled == Approx( 5.0 ) );
  CHECK( areaOf( r.units[0].get() ) == Approx( 95.0 ) );
  CHECK( areaOf( r.units[1].get() ) == Approx( 800.0 + 5.0 ) );
  CHECK( areaOf( r.outline.get() ) == Approx( 900.0 ) );
  // The outline has no hole left.
  const OGRMultiPolygon *outline = r.outline->toMultiPolygon();
  REQUIRE( outline->getNumGeometries() == 1 );
  CHECK( outline->getGeometryRef( 0 )->getNumInteriorRings() == 0 );
}

TEST_CASE( "coverage clean - a hole reaching farther than 200 m from every unit is left out whole", "[layers][coverage]" )
{
  // Frame [-300,1300]^2 around a 1,000 m square hole: its centre is 500 m from
  // the frame, so it is a real hole (an enclave), not a sliver, and none of it
  // is given to the frame.
  std::vector<CoverageUnit> units;
  units.push_back( unit(
    "1", wkt( "POLYGON((-300 -300,1300 -300,1300 1300,-300 1300,-300 -300),(0 0,0 1000,1000 1000,1000 0,0 0))" ) ) );
  const CoverageResult r = cleanCoverage( std::move( units ) );
  CHECK( r.report.gapArea == Approx( 1000000.0 ) );
  CHECK( r.report.gapAreaFilled == 0.0 );
  CHECK( r.report.gapAreaLeft == Approx( 1000000.0 ) );
  CHECK( r.report.gapPartsLeft == 1 );
  REQUIRE( r.report.gapsLeftAt.size() == 1 );
  CHECK( r.report.gapsLeftAt[0].getX() == Approx( 500.0 ) );
  CHECK( r.report.gapsLeftAt[0].getY() == Approx( 500.0 ) );
  const double expected = 1600.0 * 1600.0 - 1000000.0;
  CHECK( areaOf( r.units[0].get() ) == Approx( expected ) );
  CHECK( areaOf( r.outline.get() ) == Approx( expected ) ); // union == outline
}

TEST_CASE( "coverage clean - a hole 300 m wide is a sliver and is filled", "[layers][coverage]" )
{
  // A 300 m x 1,000 m hole: every point is within 150 m of the frame.
  std::vector<CoverageUnit> units;
  units.push_back( unit(
    "1", wkt( "POLYGON((-300 -300,1300 -300,1300 1300,-300 1300,-300 -300),(0 0,0 1000,300 1000,300 0,0 0))" ) ) );
  const CoverageResult r = cleanCoverage( std::move( units ) );
  CHECK( r.report.gapAreaFilled == Approx( 300000.0 ) );
  CHECK( r.report.gapAreaLeft == 0.0 );
  CHECK( areaOf( r.units[0].get() ) == Approx( 1600.0 * 1600.0 ) );
}

TEST_CASE( "coverage clean - an invalid bow-tie ring is repaired into its two triangles", "[layers][coverage]" )
{
  // (0,0)-(100,100)-(100,0)-(0,100): two triangles meeting at (50,50), 2,500 m² each.
  std::vector<CoverageUnit> units;
  units.push_back( unit( "1", wkt( "POLYGON((0 0,100 100,100 0,0 100,0 0))" ) ) );
  REQUIRE_FALSE( units[0].geometry->IsValid() );
  const CoverageResult r = cleanCoverage( std::move( units ) );
  CHECK( r.report.repaired == 1 );
  REQUIRE( r.units[0]->IsValid() );
  CHECK( r.units[0]->toMultiPolygon()->getNumGeometries() == 2 );
  CHECK( areaOf( r.units[0].get() ) == Approx( 5000.0 ) );

  // The helper alone gives the same.
  OGRGeometryUniquePtr fixed = repairPolygonal( *wkt( "POLYGON((0 0,100 100,100 0,0 100,0 0))" ) );
  CHECK( fixed->IsValid() );
  CHECK( areaOf( fixed.get() ) == Approx( 5000.0 ) );
}

TEST_CASE( "coverage clean - parts below 1 m² are dropped as noise", "[layers][coverage]" )
{
  // A 100 m square plus a separate 0.5 m x 0.5 m speck (0.25 m²).
  std::vector<CoverageUnit> units;
  units.push_back( unit( "1", wkt( "MULTIPOLYGON(((0 0,100 0,100 100,0 100,0 0)),((200 0,200.5 0,200.5 0.5,200 0.5,200 0)))" ) ) );
  const CoverageResult r = cleanCoverage( std::move( units ) );
  CHECK( r.units[0]->toMultiPolygon()->getNumGeometries() == 1 );
  CHECK( areaOf( r.units[0].get() ) == Approx( 10000.0 ) );
  CHECK( r.report.sliverAreaDropped == Approx( 0.25 ) );
}
