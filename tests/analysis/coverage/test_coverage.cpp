#include <catch2/catch.hpp>

#include "analysis/coverage/coverage.h"
#include "geometry/partition_clean.h"
#include "geometry/crs.h"
#include "layers/paths.h"
#include "layers/problems.h"
#include "tests/testdata.h"

#include <QTemporaryDir>
#include <qgsfeedback.h>

#include <cmath>
#include <random>
#include <sstream>

namespace
{
OGRGeometryUniquePtr fromWkt( const std::string &wkt )
{
  OGRGeometry *g = nullptr;
  OGRGeometryFactory::createFromWkt( wkt.c_str(), nullptr, &g );
  return OGRGeometryUniquePtr( g );
}

OGRGeometryUniquePtr square( double x0, double y0, double size )
{
  std::ostringstream wkt;
  wkt.precision( 17 );
  wkt << "POLYGON((" << x0 << " " << y0 << "," << x0 + size << " " << y0 << "," << x0 + size << " " << y0 + size << "," << x0 << " "
      << y0 + size << "," << x0 << " " << y0 << "))";
  return fromWkt( wkt.str() );
}

//! Area of the regular polygon GEOS makes for a point buffer: 4 * quadrantSegments
//! vertices on the circle, (n / 2) r² sin(2 pi / n).
double polygonalCircle( double radius, int quadrantSegments )
{
  const int n = 4 * quadrantSegments;
  return 0.5 * n * radius * radius * std::sin( 2 * M_PI / n );
}

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
} // namespace

TEST_CASE( "coverage - buffer union of one point is the polygonal circle", "[analysis][coverage]" )
{
  OGRPoint point( 5000, 5000 );
  for ( int segments : { 5, 16 } )
  {
    OGRGeometryUniquePtr u = htsplan::bufferUnion( { &point }, 1000, nullptr, segments );
    REQUIRE( u );
    CHECK( htsplan::areaOf( u.get() ) == Approx( polygonalCircle( 1000, segments ) ).epsilon( 1e-12 ) );
  }
  // The report default: 16 segments, 0.16% short of pi r².
  OGRGeometryUniquePtr u = htsplan::bufferUnion( { &point }, 1000 );
  CHECK( htsplan::areaOf( u.get() ) == Approx( 3141592.65 * ( 1 - 0.0016 ) ).epsilon( 1e-4 ) );
}

TEST_CASE( "coverage - per unit area and population", "[analysis][coverage]" )
{
  const double circle = polygonalCircle( 1000, 16 ); // 3136548.49 m²
  htsplan::CoverageParameters parameters;
  parameters.radiusM = 1000;

  SECTION( "a point carrier in the middle of a 10 km square" )
  {
    auto unit = square( 0, 0, 10000 );
    OGRPoint carrier( 5000, 5000 );
    const htsplan::CoverageSummary s = htsplan::unitCoverage( { &carrier }, { { unit.get(), 250000 } }, parameters );
    REQUIRE( s.units.size() == 1 );
    const htsplan::UnitCoverage &u = s.units[0];
    CHECK( u.areaM2 == Approx( 1e8 ) );
    CHECK( u.coveredM2 == Approx( circle ).epsilon( 1e-12 ) );
    CHECK( u.areaShare == Approx( circle / 1e8 ) );
    CHECK( u.coveredPopulation == Approx( 250000 * circle / 1e8 ) ); // 7841 people
    CHECK( u.reached );
    CHECK_FALSE( u.covered );
    CHECK( htsplan::areaOf( u.uncovered.get() ) == Approx( 1e8 - circle ) );
    CHECK( s.areaShare == Approx( circle / 1e8 ) );
    CHECK( s.populationShare == Approx( circle / 1e8 ) );
    CHECK( s.unitsReached == 1 );
    CHECK( s.unitsCovered == 0 );
    CHECK( s.unitsWithoutPopulation == 0 );
    REQUIRE( s.uncovered );
    CHECK( htsplan::areaOf( s.uncovered.get() ) == Approx( 1e8 - circle ) );
    CHECK( htsplan::areaOf( s.buffers.get() ) == Approx( circle ) );
  }

  SECTION( "a carrier on the border of two units, a third unit of unknown population fully covered" )
  {
    auto a = square( 0, 0, 10000 );
    auto b = square( 10000, 0, 10000 );
    auto c = square( 50000, 0, 2000 );
    OGRPoint onBorder( 10000, 5000 );
    // A polygon carrier containing c: its buffer covers c whole.
    auto park = square( 49000, -1000, 4000 );
    const htsplan::CoverageSummary s = htsplan::unitCoverage( { &onBorder, park.get() },
                                                              { { a.get(), 1e6 }, { b.get(), 3e6 }, { c.get(), NaN } }, parameters );
    // The 64-gon is symmetric about x = 10000: half in each square.
    CHECK( s.units[0].coveredM2 == Approx( circle / 2 ).epsilon( 1e-9 ) );
    CHECK( s.units[1].coveredM2 == Approx( circle / 2 ).epsilon( 1e-9 ) );
    CHECK( s.units[0].coveredPopulation == Approx( 1e6 * circle / 2 / 1e8 ) );
    CHECK( s.units[1].coveredPopulation == Approx( 3e6 * circle / 2 / 1e8 ) );
    CHECK( s.units[2].coveredM2 == Approx( 4e6 ) );
    CHECK( s.units[2].areaShare == Approx( 1.0 ) );
    CHECK( s.units[2].covered );
    CHECK( std::isnan( s.units[2].coveredPopulation ) );
    CHECK( s.units[2].uncovered->IsEmpty() );
    CHECK( s.unitsReached == 3 );
    CHECK( s.unitsCovered == 1 );
    CHECK( s.unitsWithoutPopulation == 1 );
    // Population share: (1e6 + 3e6) * (circle / 2 / 1e8) / 4e6, unit c left out.
    CHECK( s.population == Approx( 4e6 ) );
    CHECK( s.populationShare == Approx( circle / 2 / 1e8 ) );
    CHECK( s.areaM2 == Approx( 2e8 + 4e6 ) );
    CHECK( s.areaShare == Approx( ( circle + 4e6 ) / ( 2e8 + 4e6 ) ) );
    // Dissolved: the two squares minus the circle, one polygon.
    CHECK( htsplan::areaOf( s.uncovered.get() ) == Approx( 2e8 - circle ) );
    CHECK( s.uncovered->toMultiPolygon()->getNumGeometries() == 1 );
  }

  SECTION( "a buffer near the unit's corner that does not touch it" )
  {
    // The circle's box overlaps the square's corner, the circle (1273 m away) does not.
    auto a = square( 0, 0, 10000 );
    OGRPoint carrier( 10900, 10900 );
    const htsplan::CoverageSummary s = htsplan::unitCoverage( { &carrier }, { { a.get(), 100 } }, parameters );
    CHECK( s.units[0].coveredM2 == 0 );
    CHECK_FALSE( s.units[0].reached );
    CHECK( s.unitsReached == 0 );
    CHECK( htsplan::areaOf( s.uncovered.get() ) == Approx( 1e8 ) );
  }

  SECTION( "no carriers: nothing covered, the uncovered area is every unit" )
  {
    auto a = square( 0, 0, 10000 );
    const htsplan::CoverageSummary s = htsplan::unitCoverage( {}, { { a.get(), 5 } }, parameters );
    CHECK( s.coveredM2 == 0 );
    CHECK_FALSE( s.units[0].reached );
    CHECK( s.populationShare == 0 );
    CHECK( htsplan::areaOf( s.uncovered.get() ) == Approx( 1e8 ) );
    CHECK( !s.buffers );
  }

  SECTION( "the covered rule is a share of at least one half" )
  {
    auto a = square( 0, 0, 2000 );
    OGRPoint carrier( 1000, 1000 ); // the circle covers 3136548 / 4000000 = 78%
    parameters.coveredShare = 0.8;
    CHECK_FALSE( htsplan::unitCoverage( { &carrier }, { { a.get() } }, parameters ).units[0].covered );
    parameters.coveredShare = 0.5;
    CHECK( htsplan::unitCoverage( { &carrier }, { { a.get() } }, parameters ).units[0].covered );
  }
}

TEST_CASE( "coverage - bad input", "[analysis][coverage]" )
{
  auto a = square( 0, 0, 10000 );
  OGRPoint carrier( 5000, 5000 );
  htsplan::CoverageParameters parameters;
  parameters.radiusM = 0;
  CHECK_THROWS_WITH( htsplan::unitCoverage( { &carrier }, { { a.get() } }, parameters ), Catch::Contains( "positive" ) && Catch::Contains( "got 0 m" ) );
  parameters.radiusM = -5;
  CHECK_THROWS_WITH( htsplan::unitCoverage( { &carrier }, { { a.get() } }, parameters ), Catch::Contains( "got -5 m" ) );
  parameters.radiusM = NaN;
  CHECK_THROWS_AS( htsplan::unitCoverage( { &carrier }, { { a.get() } }, parameters ), htsplan::InputError );
  parameters.radiusM = 1000;
  CHECK_THROWS_WITH( htsplan::unitCoverage( { &carrier }, {}, parameters ), Catch::Contains( "no units" ) );
  auto flat = fromWkt( "POLYGON((0 0,10 0,20 0,0 0))" );
  CHECK_THROWS_WITH( htsplan::unitCoverage( { &carrier }, { { a.get() }, { flat.get() } }, parameters ), Catch::Contains( "unit 1 has zero area" ) );
  CHECK_THROWS_WITH( htsplan::unitCoverage( { &carrier }, { { nullptr } }, parameters ), Catch::Contains( "unit 0 has no geometry" ) );
  parameters.quadrantSegments = 0;
  CHECK_THROWS_AS( htsplan::unitCoverage( { &carrier }, { { a.get() } }, parameters ), htsplan::InputError );
  parameters.quadrantSegments = 16;
  QgsFeedback feedback;
  feedback.cancel();
  CHECK_THROWS_AS( htsplan::unitCoverage( { &carrier }, { { a.get() } }, parameters, &feedback ), htsplan::Canceled );
}

TEST_CASE( "coverage - 137 units, 2000 carriers", "[analysis][coverage]" )
{
  // 137 squares of 25 km with 400 vertices each (county-like rings), 2000 point
  // carriers, radius 10 km.
  std::vector<OGRGeometryUniquePtr> owned;
  std::vector<htsplan::CoverageUnitInput> units;
  for ( int i = 0; i < 137; ++i )
  {
    OGRGeometryUniquePtr unit = square( ( i % 12 ) * 25000.0, ( i / 12 ) * 25000.0, 25000 );
    unit->segmentize( 250 );
    units.push_back( { unit.get(), 500000.0 } );
    owned.push_back( std::move( unit ) );
  }
  std::mt19937_64 random( 5 );
  std::vector<OGRPoint> points;
  for ( int i = 0; i < 2000; ++i )
    points.emplace_back( static_cast<double>( random() % 300000 ), static_cast<double>( random() % 300000 ) );
  std::vector<const OGRGeometry *> carriers;
  for ( const OGRPoint &p : points )
    carriers.push_back( &p );
  htsplan::CoverageParameters parameters;
  parameters.radiusM = 10000;
  QgsFeedback feedback;
  double lastProgress = 0;
  QObject::connect( &feedback, &QgsFeedback::progressChanged, [&]( double p ) { lastProgress = p; } );
  const htsplan::CoverageSummary s = htsplan::unitCoverage( carriers, units, parameters, &feedback );
  CHECK( lastProgress == 100 );
  // Covered area (unit minus its uncovered part) against a plain intersection
  // of the unit with the whole union, for every tenth unit.
  OGRGeometryUniquePtr buffers = htsplan::bufferUnion( carriers, 10000 );
  for ( size_t i = 0; i < s.units.size(); i += 10 )
  {
    OGRGeometryUniquePtr inside( owned[i]->Intersection( buffers.get() ) );
    CHECK( s.units[i].coveredM2 == Approx( htsplan::areaOf( inside.get() ) ).epsilon( 1e-9 ).margin( 1e-3 ) );
  }
  double uncovered = 0;
  for ( const htsplan::UnitCoverage &u : s.units )
    uncovered += htsplan::areaOf( u.uncovered.get() );
  CHECK( htsplan::areaOf( s.uncovered.get() ) == Approx( uncovered ).epsilon( 1e-9 ) );
  CHECK( s.areaM2 == Approx( 137 * 625e6 ) );
  // Equal population density everywhere: the population share is the area share.
  CHECK( s.populationShare == Approx( s.areaShare ).epsilon( 1e-12 ) );
  // The whole study area against the existing province-style measure.
  OGRMultiPolygon all;
  for ( const auto &u : owned )
    all.addGeometry( u.get() );
  OGRGeometryUniquePtr outline( all.UnionCascaded() );
  CHECK( htsplan::coveredArea( carriers, *outline, 10000 ) == Approx( s.coveredM2 ).epsilon( 1e-9 ) );
}

TEST_CASE( "coverage - the bundled 137 counties, 1000 carriers at 10 km", "[analysis][coverage]" )
{
  // Speed on real county rings (equal-area CRS), and the county totals agree
  // with the province measured whole.
  GDALDatasetUniquePtr ds( GDALDataset::Open( htsplan::defaultAdminPath().c_str(), GDAL_OF_VECTOR ) );
  REQUIRE( ds );
  const htsplan::TransformPtr toArea = htsplan::makeTransform( htsplan::cgcs2000(), htsplan::equalArea() );
  std::vector<OGRGeometryUniquePtr> counties;
  std::vector<htsplan::CoverageUnitInput> units;
  OGREnvelope extent;
  for ( auto &feature : *ds->GetLayerByName( "counties" ) )
  {
    OGRGeometryUniquePtr g( feature->StealGeometry() );
    g->transform( toArea.get() );
    OGREnvelope e;
    g->getEnvelope( &e );
    extent.Merge( e );
    units.push_back( { g.get() } );
    counties.push_back( std::move( g ) );
  }
  REQUIRE( units.size() == 137 );
  std::mt19937_64 random( 9 );
  std::vector<OGRPoint> points;
  for ( int i = 0; i < 1000; ++i )
    points.emplace_back( extent.MinX + static_cast<double>( random() >> 11 ) * 0x1.0p-53 * ( extent.MaxX - extent.MinX ),
                         extent.MinY + static_cast<double>( random() >> 11 ) * 0x1.0p-53 * ( extent.MaxY - extent.MinY ) );
  std::vector<const OGRGeometry *> carriers;
  for ( const OGRPoint &p : points )
    carriers.push_back( &p );
  htsplan::CoverageParameters parameters;
  parameters.radiusM = 10000;
  const htsplan::CoverageSummary s = htsplan::unitCoverage( carriers, units, parameters );
  // Threads: the same numbers and the same uncovered geometry, byte for byte.
  for ( int threads : { 2, 3 } )
  {
    parameters.threads = threads;
    const htsplan::CoverageSummary t = htsplan::unitCoverage( carriers, units, parameters );
    bool same = t.coveredM2 == s.coveredM2 && t.uncovered->Equals( s.uncovered.get() );
    std::vector<unsigned char> a( s.uncovered->WkbSize() ), b( t.uncovered->WkbSize() );
    s.uncovered->exportToWkb( wkbNDR, a.data() );
    t.uncovered->exportToWkb( wkbNDR, b.data() );
    same = same && a == b;
    for ( size_t i = 0; i < s.units.size(); ++i )
      same = same && t.units[i].coveredM2 == s.units[i].coveredM2 && t.units[i].covered == s.units[i].covered;
    CHECK( same );
  }
  CHECK( s.areaM2 / 1e6 == Approx( 157485 ).epsilon( 0.01 ) );
  CHECK( s.unitsWithoutPopulation == 137 );
  CHECK( std::isnan( s.populationShare ) );
  OGRGeometryUniquePtr province( ds->GetLayerByName( "province" )->GetFeature( 1 )->StealGeometry() );
  province->transform( toArea.get() );
  CHECK( htsplan::coveredArea( carriers, *province, 10000 ) == Approx( s.coveredM2 ).epsilon( 1e-6 ) );
  CHECK( htsplan::areaOf( s.uncovered.get() ) == Approx( s.areaM2 - s.coveredM2 ).epsilon( 1e-6 ) );
}
