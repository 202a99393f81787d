#include <catch2/catch.hpp>

#include "analysis/density/hexgrid.h"
#include "layers/problems.h"
#include "tests/generators.h"
#include "tests/testdata.h"

#include <QTemporaryDir>
#include <qgsfeedback.h>

#include <cmath>
#include <map>
#include <random>
#include <sstream>

using htsplan::HexGrid;
using testdata::randomPoints;

namespace
{
// Even-odd point-in-ring test on a cell's ring: the brute-force reference.
bool inRing( const HexGrid &grid, int column, int row, double x, double y )
{
  double xs[7], ys[7];
  grid.ring( column, row, xs, ys );
  bool inside = false;
  for ( int i = 0, j = 6; i < 7; j = i++ )
    if ( ( ys[i] > y ) != ( ys[j] > y ) && x < ( xs[j] - xs[i] ) * ( y - ys[i] ) / ( ys[j] - ys[i] ) + xs[i] )
      inside = !inside;
  return inside;
}

} // namespace

TEST_CASE( "hexgrid - layout is QGIS's creategrid hexagon layout", "[analysis][hexgrid]" )
{
  // Same extent and spacing as `creategrid TYPE=4 EXTENT=0,10000,0,5000 VSPACING=1000`,
  // whose first feature (id 1) is
  // POLYGON((0 4500,288.675134594813 5000,866.025403784439 5000,1154.70053837925 4500,
  //          866.025403784439 4000,288.675134594813 4000,0 4500)); 60 features.
  const HexGrid grid( 0, 0, 10000, 5000, 1000 );
  CHECK( grid.columns() == 12 ); // ceil(10000 / 866.0254)
  CHECK( grid.rows() == 5 );
  CHECK( grid.cellCount() == 60 );
  double xs[7], ys[7];
  grid.ring( 0, 0, xs, ys );
  const double ex[7] = { 0, 288.675134594813, 866.025403784439, 1154.70053837925, 866.025403784439, 288.675134594813, 0 };
  const double ey[7] = { 4500, 5000, 5000, 4500, 4000, 4000, 4500 };
  for ( int i = 0; i < 7; ++i )
  {
    CHECK( xs[i] == Approx( ex[i] ).margin( 1e-9 ) );
    CHECK( ys[i] == Approx( ey[i] ).margin( 1e-9 ) );
  }
  // Odd columns start half a cell lower.
  grid.ring( 1, 0, xs, ys );
  CHECK( xs[0] == Approx( 866.025403784439 ).margin( 1e-9 ) );
  CHECK( ys[1] == 4500 );
  CHECK( ys[4] == 3500 );
  CHECK( grid.qgisId( 0, 0 ) == 1 );
  CHECK( grid.qgisId( 1, 0 ) == 6 );  // column-major: 5 rows per column
  CHECK( grid.qgisId( 11, 4 ) == 60 );
  double cx, cy;
  grid.centre( 1, 0, cx, cy );
  CHECK( cx == Approx( 866.025403784439 + 577.350269189626 ) );
  CHECK( cy == 4000 );
}

TEST_CASE( "hexgrid - points go to the cell that contains them", "[analysis][hexgrid]" )
{
  const HexGrid grid( 0, 0, 10000, 5000, 1000 );
  SECTION( "a point at a cell centre" )
  {
    double cx, cy;
    grid.centre( 1, 0, cx, cy );
    CHECK( grid.cellOf( cx, cy ) == 1 * 5 + 0 );
    grid.centre( 4, 3, cx, cy );
    CHECK( grid.cellOf( cx, cy ) == 4 * 5 + 3 );
  }
  SECTION( "neighbouring cells across a slanted edge" )
  {
    // Column 0, row 0's lower-right edge runs from (1154.70, 4500) to (866.03, 4000):
    // at y = 4050 it is at x = 866.03 + 0.1 * 288.68 = 894.89.
    CHECK( grid.cellOf( 880, 4050 ) == 0 );  // column 0, row 0
    CHECK( grid.cellOf( 910, 4050 ) == 5 );  // column 1, row 0 (id 6)
    CHECK( grid.cellOf( 900, 4500 ) == 0 );  // near column 0's right vertex
    // Column 0's upper-right edge, (866.03, 5000)-(1154.70, 4500), is at x = 1096.96 at y = 4600.
    CHECK( grid.cellOf( 1090, 4600 ) == 0 );
    CHECK( grid.cellOf( 1100, 4600 ) == -1 ); // right of it, above column 1's top (4500)
  }
  SECTION( "neighbouring cells across a flat edge" )
  {
    CHECK( grid.cellOf( 500, 4010 ) == 0 );
    CHECK( grid.cellOf( 500, 3990 ) == 1 );
  }
  SECTION( "points in no cell" )
  {
    CHECK( grid.cellOf( 10, 4990 ) == -1 );    // the gap left of column 0's top-left edge
    CHECK( grid.cellOf( 1443, 4900 ) == -1 );  // above the first odd column
    CHECK( grid.cellOf( -1, 4500 ) == -1 );
    CHECK( grid.cellOf( 500, 5001 ) == -1 );
    CHECK( grid.cellOf( 500, -1e300 ) == -1 );
    CHECK( grid.cellOf( NAN, 4500 ) == -1 );
  }
  SECTION( "every point agrees with a brute-force point-in-polygon test" )
  {
    std::vector<double> xs, ys;
    randomPoints( 20000, 7, -500, -500, 11000, 5500, xs, ys );
    int mismatches = 0;
    for ( size_t i = 0; i < xs.size(); ++i )
    {
      const long long cell = grid.cellOf( xs[i], ys[i] );
      int containing = -1;
      for ( int c = 0; c < grid.columns(); ++c )
        for ( int r = 0; r < grid.rows(); ++r )
          if ( inRing( grid, c, r, xs[i], ys[i] ) )
            containing = c * grid.rows() + r;
      if ( containing != cell )
        ++mismatches;
    }
    CHECK( mismatches == 0 );
  }
}

TEST_CASE( "hexgrid - counts per cell and category", "[analysis][hexgrid]" )
{
  const HexGrid grid( 0, 0, 10000, 5000, 1000 );
  // Three points in cell (0, 0), one in (1, 0), one outside.
  const std::vector<double> xs = { 577, 600, 550, 1443, -5 };
  const std::vector<double> ys = { 4500, 4400, 4600, 4000, 0 };
  const std::vector<int> category = { 0, 1, -1, 1, 0 };
  const htsplan::HexCounts counts = htsplan::hexGridCounts( grid, xs, ys, category, 2 );
  REQUIRE( counts.cells.size() == 2 );
  CHECK( counts.pointsOutside == 1 );
  CHECK( counts.categoryCount == 2 );
  const htsplan::HexCell &first = counts.cells[0];
  CHECK( first.id == 1 );
  CHECK( first.column == 0 );
  CHECK( first.row == 0 );
  CHECK( first.count == 3 );
  CHECK( first.centreX == Approx( 577.350269189626 ) );
  CHECK( first.centreY == 4500 );
  CHECK( first.ringX[3] == Approx( 1154.70053837925 ) );
  CHECK( counts.categoryCounts == std::vector<long long>{ 1, 1, 0, 1 } );
  CHECK( counts.cells[1].id == 6 );
  CHECK( counts.cells[1].count == 1 );

  SECTION( "without categories" )
  {
    const htsplan::HexCounts plain = htsplan::hexGridCounts( grid, xs, ys, {}, 0 );
    REQUIRE( plain.cells.size() == 2 );
    CHECK( plain.cells[0].count == 3 );
    CHECK( plain.categoryCounts.empty() );
  }
}

TEST_CASE( "hexgrid - the covering grid puts every point of the extent in a cell", "[analysis][hexgrid]" )
{
  std::vector<double> xs, ys;
  randomPoints( 50000, 11, 400000, 4000000, 437000, 4023000, xs, ys );
  // The extreme points themselves, on the extent's edges.
  xs.insert( xs.end(), { 400000, 437000, 400000, 437000 } );
  ys.insert( ys.end(), { 4000000, 4023000, 4023000, 4000000 } );
  for ( double cell : { 333.0, 1000.0, 5000.0, 100000.0 } )
  {
    const HexGrid grid = HexGrid::covering( 400000, 4000000, 437000, 4023000, cell );
    CHECK( grid.extentMinX() < 400000 );
    CHECK( grid.extentMaxY() > 4023000 );
    const htsplan::HexCounts counts = htsplan::hexGridCounts( grid, xs, ys, {}, 0 );
    CHECK( counts.pointsOutside == 0 );
  }
  // A single point (an empty extent) still gets a cell.
  const HexGrid one = HexGrid::covering( 5, 5, 5, 5, 1000 );
  CHECK( one.cellOf( 5, 5 ) >= 0 );
}

TEST_CASE( "hexgrid - bad input", "[analysis][hexgrid]" )
{
  CHECK_THROWS_AS( HexGrid( 0, 0, 100, 100, 0 ), htsplan::InputError );
  CHECK_THROWS_WITH( HexGrid( 0, 0, 100, 100, -5 ), Catch::Contains( "got -5" ) );
  CHECK_THROWS_AS( HexGrid( 0, 0, 100, 100, NAN ), htsplan::InputError );
  CHECK_THROWS_AS( HexGrid( 0, 0, 100, 100, INFINITY ), htsplan::InputError );
  CHECK_THROWS_AS( HexGrid( 0, 0, NAN, 100, 10 ), htsplan::InputError );
  // 1 m cells over 1000 km: 1,154,701 columns x 1,000,000 rows, refused before allocating.
  CHECK_THROWS_WITH( HexGrid( 0, 0, 1e6, 1e6, 1 ), Catch::Contains( "1154701 columns x 1000000 rows" ) && Catch::Contains( "10000000" ) );

  const HexGrid grid( 0, 0, 10000, 5000, 1000 );
  CHECK_THROWS_WITH( htsplan::hexGridCounts( grid, { 1, 2 }, { 1 }, {}, 0 ), Catch::Contains( "2 x coordinates but 1 y" ) );
  CHECK_THROWS_AS( htsplan::hexGridCounts( grid, { 1, 2 }, { 1, 2 }, { 0 }, 1 ), htsplan::InputError );
  CHECK_THROWS_WITH( htsplan::hexGridCounts( grid, { 1, 2 }, { 1, 2 }, { 0, 3 }, 3 ), Catch::Contains( "point 1 has category 3" ) );
  CHECK_THROWS_AS( htsplan::hexGridCounts( grid, { 1 }, { 1 }, { -2 }, 3 ), htsplan::InputError );

  QgsFeedback feedback;
  feedback.cancel();
  CHECK_THROWS_AS( htsplan::hexGridCounts( grid, { 1 }, { 1 }, {}, 0, 1, &feedback ), htsplan::Canceled );
}

TEST_CASE( "hexgrid - same counts for any thread count, on 1M points", "[analysis][hexgrid]" )
{
  std::vector<double> xs, ys;
  randomPoints( 1000000, 3, 0, 0, 700000, 500000, xs, ys );
  std::vector<int> category( xs.size() );
  for ( size_t i = 0; i < category.size(); ++i )
    category[i] = static_cast<int>( i % 13 ) - 1;
  const HexGrid grid = HexGrid::covering( 0, 0, 700000, 500000, 2000 );

  QgsFeedback feedback;
  double lastProgress = 0;
  QObject::connect( &feedback, &QgsFeedback::progressChanged, [&]( double p ) { lastProgress = p; } );
  const htsplan::HexCounts one = htsplan::hexGridCounts( grid, xs, ys, category, 12, 1, &feedback );
  CHECK( lastProgress == 100 );
  CHECK( one.pointsOutside == 0 );
  long long total = 0;
  for ( const htsplan::HexCell &c : one.cells )
    total += c.count;
  CHECK( total == 1000000 );

  for ( int threads : { 2, 3 } )
  {
    const htsplan::HexCounts many = htsplan::hexGridCounts( grid, xs, ys, category, 12, threads );
    REQUIRE( many.cells.size() == one.cells.size() );
    bool same = many.categoryCounts == one.categoryCounts && many.pointsOutside == one.pointsOutside;
    for ( size_t i = 0; i < one.cells.size(); ++i )
      same = same && many.cells[i].id == one.cells[i].id && many.cells[i].count == one.cells[i].count;
    CHECK( same );
  }
}

