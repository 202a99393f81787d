#include <catch2/catch.hpp>

#include "analysis/density/kde.h"
#include "layers/problems.h"
#include "tests/kde_testing.h"
#include "tests/testdata.h"

#include <qgsfeedback.h>

#include <qgsvectorlayer.h>

#include <QDir>
#include <QTemporaryDir>

#include <gdal.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>

using htsplan::KdeExtent;
using htsplan::KdeGrid;
using htsplan::KdeKernel;
using htsplan::KdeOutput;
using htsplan::KdeParameters;
using testdata::kdeParams;
using testdata::Raster;
using testdata::readRaster;


namespace
{
constexpr double PI = 3.14159265358979323846;

KdeGrid run( const std::vector<double> &xs, const std::vector<double> &ys, const KdeParameters &p, const std::vector<double> &weights = {}, int threads = 1 )
{
  return htsplan::kernelDensity( xs, ys, weights, htsplan::pointsExtent( xs, ys ), p, threads );
}

//! Raw Epanechnikov value by QGIS's expression, for a pixel centre dx, dy from the point.
double epanechnikov( double dx, double dy, double radius )
{
  return 1. - std::pow( std::sqrt( dx * dx + dy * dy ) / radius, 2 );
}

int countData( const KdeGrid &grid )
{
  int n = 0;
  for ( float v : grid.values )
    n += v != KdeGrid::NO_DATA;
  return n;
}

} // namespace

TEST_CASE( "kde - one point: QGIS's grid, the value at the centre pixel for each kernel, nodata outside", "[analysis][kde]" )
{
  // Radius 10 m, pixel 1 m: the extent (a single point) grows to 20 x 20 m,
  // ceil(20 / 1) + 1 = 21 rows and columns; the block of 2 * 10 + 1 pixels
  // covers the whole raster. QGIS's pixel centres sit half a pixel off the
  // point: the centre pixel (row 10, column 10) is at (1000.5, 2000.5), at
  // distance sqrt(0.5) from the point, so (d / r)² = 0.005.
  const std::vector<double> xs{ 1000 }, ys{ 2000 };
  const double q2 = 0.005;
  const double d = std::sqrt( 0.5 );
  struct Case
  {
      KdeKernel kernel;
      double raw;
      double scale; // scaled = raw * scale (QGIS's constants, r = 10)
  };
  const Case cases[] = {
    { KdeKernel::Quartic, ( 1 - q2 ) * ( 1 - q2 ), 116. / ( 5. * PI * 100 ) * 15. / 16. },
    { KdeKernel::Triangular, 1 - d / 10, 3. / ( PI * 100 ) },
    { KdeKernel::Uniform, 1, 2. / ( PI * 10 ) * 0.05 },
    { KdeKernel::Triweight, ( 1 - q2 ) * ( 1 - q2 ) * ( 1 - q2 ), 128. / ( 35. * PI * 100 ) * 35. / 32. },
    { KdeKernel::Epanechnikov, 1 - q2, 8. / ( 3. * PI * 100 ) * 3. / 4. },
  };
  for ( const Case &c : cases )
  {
    INFO( "kernel " << static_cast<int>( c.kernel ) );
    const KdeGrid raw = run( xs, ys, kdeParams( 10, 1, c.kernel ) );
    REQUIRE( raw.rows == 21 );
    REQUIRE( raw.cols == 21 );
    CHECK( raw.geoTransform == std::array<double, 6>{ 990, 1, 0, 2010, 0, -1 } );
    CHECK( raw.at( 10, 10 ) == Approx( c.raw ).epsilon( 1e-7 ) );
    // The corner pixel's centre is 9.5 * sqrt(2) = 13.4 m away: nodata.
    CHECK( raw.at( 0, 0 ) == KdeGrid::NO_DATA );
    CHECK( raw.at( 20, 20 ) == KdeGrid::NO_DATA );
    // Pixel (row 10, column 19): centre 9.5 m east and 0.5 m north, inside.
    CHECK( raw.at( 10, 19 ) != KdeGrid::NO_DATA );
    const KdeGrid scaled = run( xs, ys, kdeParams( 10, 1, c.kernel, KdeOutput::Scaled ) );
    CHECK( scaled.at( 10, 10 ) == Approx( c.raw * c.scale ).epsilon( 1e-6 ) );
    CHECK( countData( scaled ) == countData( raw ) );
  }
  // Pixels whose centre is within 10 m of (1000.5 - i, 2000.5 - j) offsets:
  // the disc of radius 10 around a point at a pixel corner holds 316 centres.
  CHECK( countData( run( xs, ys, kdeParams( 10, 1 ) ) ) == 316 );

  SECTION( "the triangular kernel's decay ratio" )
  {
    KdeParameters p = kdeParams( 10, 1, KdeKernel::Triangular );
    p.decayRatio = 0.5; // 1 - (1 - 0.5) d / r
    CHECK( run( xs, ys, p ).at( 10, 10 ) == Approx( 1 - 0.5 * d / 10 ).epsilon( 1e-7 ) );
    p.output = KdeOutput::Scaled; // k = 3 / ((1 + 2 * 0.5) pi r²)
    CHECK( run( xs, ys, p ).at( 10, 10 ) == Approx( 3. / ( 2 * PI * 100 ) * ( 1 - 0.5 * d / 10 ) ).epsilon( 1e-6 ) );
  }
  SECTION( "QGIS's block: radius / pixel truncated, plus one when the remainder is over 0.5 m" )
  {
    // Radius 10.4 m, pixel 1 m: block half-width 10 pixels; the raster has
    // ceil(20.8) + 1 = 22 columns, so column 21 is never reached.
    const KdeGrid grid = run( xs, ys, kdeParams( 10.4, 1 ) );
    CHECK( grid.cols == 22 );
    for ( int row = 0; row < grid.rows; ++row )
      CHECK( grid.at( row, 21 ) == KdeGrid::NO_DATA );
    // Radius 10,000 m, pixel 3,000 m: half-width 3 plus 1 (1,000 m left over),
    // a block of 9 pixels on a raster of ceil(20000 / 3000) + 1 = 8: QGIS's
    // GDAL read fails and the point adds nothing.
    const KdeGrid lost = run( xs, ys, kdeParams( 10000, 3000 ) );
    CHECK( lost.rows == 8 );
    CHECK( countData( lost ) == 0 );
  }
}

TEST_CASE( "kde - every pixel of a large block equals QGIS's expression, triweight's pow included", "[analysis][kde]" )
{
  // One point at (0.25, 0.75), radius 100 m, pixel 1 m: 201 x 201 pixels, the
  // block is the raster, pixel (row, col) is computed at centre
  // (col + 0.5 - 99.75, row + 0.5 - 99.25) (y counted up from the bottom).
  // About 31,000 values: triweight's cubes must equal std::pow's in each.
  for ( KdeKernel kernel : { KdeKernel::Triweight, KdeKernel::Quartic } )
  {
    const KdeGrid grid = run( { 0.25 }, { 0.75 }, kdeParams( 100, 1, kernel ) );
    REQUIRE( grid.rows == 201 );
    int inside = 0, equal = 0;
    for ( int row = 0; row < grid.rows; ++row )
      for ( int col = 0; col < grid.cols; ++col )
      {
        const double dx = ( col + 0.5 ) * 1 + -99.75 - 0.25;
        const double dy = ( row + 0.5 ) * 1 + -99.25 - 0.75;
        const double d = std::sqrt( std::pow( dx, 2 ) + std::pow( dy, 2 ) );
        if ( d > 100 )
        {
          equal += grid.at( row, col ) == KdeGrid::NO_DATA;
          continue;
        }
        ++inside;
        const double v = std::pow( 1. - std::pow( d / 100, 2 ), kernel == KdeKernel::Triweight ? 3 : 2 );
        equal += grid.at( row, col ) == static_cast<float>( 0.0 + v );
      }
    CHECK( inside > 31000 );
    CHECK( equal == grid.rows * grid.cols );
  }
}

TEST_CASE( "kde - pixels exactly on the circle are inside (the column bracket keeps them)", "[analysis][kde]" )
{
  // Layer extent -0.5..0.5, radius 5 m, pixel 1 m: the grown extent starts at
  // -5.5, so pixel centres lie on whole metres and the point at (0, 0) sees
  // them at integer dx, dy. Inside (distance <= 5, exact for integers): the
  // 81 lattice points of the disc, 12 of them on the circle (3-4-5 and 5-0),
  // where the quartic kernel is exactly 0, so they hold 0, not nodata.
  const KdeGrid grid = htsplan::kernelDensity( { 0 }, { 0 }, {}, KdeExtent{ -0.5, -0.5, 0.5, 0.5 }, kdeParams( 5, 1 ), 1 );
  REQUIRE( grid.rows == 12 );
  REQUIRE( grid.cols == 12 );
  int inside = 0, onCircle = 0, wrong = 0;
  for ( int row = 0; row < grid.rows; ++row )
    for ( int col = 0; col < grid.cols; ++col )
    {
      const int dx = col - 5, dy = row - 5; // the disc is symmetric: the block's flip does not matter
      const int d2 = dx * dx + dy * dy;
      const float v = grid.at( row, col );
      if ( d2 > 25 || col > 10 || row > 10 )
      {
        wrong += v != KdeGrid::NO_DATA;
        continue;
      }
      ++inside;
      onCircle += d2 == 25 && v == 0.0f;
      wrong += v != static_cast<float>( std::pow( 1. - std::pow( std::sqrt( static_cast<double>( d2 ) ) / 5, 2 ), 2 ) );
    }
  CHECK( inside == 81 );
  CHECK( onCircle == 12 );
  CHECK( wrong == 0 );
}

TEST_CASE( "kde - two weighted points add in float, in point order, with QGIS's vertical flip in the block", "[analysis][kde]" )
{
  // A at (0, 0) weight 2, B at (4, 0) weight 3; radius 10, pixel 1, raw
  // Epanechnikov (1 - d²/r²). Extent -10..14 x -10..10: 25 columns, 21 rows.
  const std::vector<double> xs{ 0, 4 }, ys{ 0, 0 };
  const KdeGrid grid = run( xs, ys, kdeParams( 10, 1, KdeKernel::Epanechnikov ), { 2, 3 } );
  REQUIRE( grid.cols == 25 );
  REQUIRE( grid.rows == 21 );
  // Pixel (row 10, column 12): centre (2.5, 0.5); A at d² = 6.5, B at d² = 2.5.
  // QGIS adds A's double value into a float 0, then B's into that float.
  const float first = static_cast<float>( 0.0 + 2 * epanechnikov( 2.5, 0.5, 10 ) );
  const float expected = static_cast<float>( static_cast<double>( first ) + 3 * epanechnikov( -1.5, 0.5, 10 ) );
  CHECK( grid.at( 10, 12 ) == expected );
  CHECK( grid.at( 10, 12 ) == Approx( 2 * 0.935 + 3 * 0.975 ) );
  // Only B reaches column 24 (centre x 14.5): at row 10, d² = 10.5² + 0.5² > 100.
  CHECK( grid.at( 10, 24 ) == KdeGrid::NO_DATA );
  // Column 22 (centre x 12.5) is beyond A's block: row 5 has B's value alone, d² = 8.5² + 4.5².
  CHECK( grid.at( 5, 22 ) == static_cast<float>( 3 * epanechnikov( 8.5, -4.5, 10 ) ) );
  CHECK( grid.at( 5, 22 ) == Approx( 3 * 0.075 ) );

  SECTION( "the flip shows when the block is not centred on the point's row" )
  {
    // A at (0, 0), B at (0, 5.3): extent -10..10 x -10..15.3, 27 rows. B's
    // block starts at row trunc((15.3 - 5.3) - 10) = 0 and its pixel-centre
    // y starts at (trunc(5.3 + 10 - 10) + 0.5) - 10 = -4.5 and goes up with
    // the row: row 0 (geographic centre y = 14.8) is computed at y = -4.5,
    // 9.8 m below B, so it gets B's kernel at d² = 0.5² + 9.8².
    const std::vector<double> xs2{ 0, 0 }, ys2{ 0, 5.3 };
    const KdeGrid flipped = run( xs2, ys2, kdeParams( 10, 1, KdeKernel::Epanechnikov ) );
    REQUIRE( flipped.rows == 27 );
    // A's block starts at row trunc(15.3 - 10) = 5; row 0 is B's alone.
    CHECK( flipped.at( 0, 10 ) == static_cast<float>( epanechnikov( 0.5, -4.5 - 5.3, 10 ) ) );
    CHECK( flipped.at( 0, 10 ) == Approx( 1 - ( 0.25 + 9.8 * 9.8 ) / 100 ) );
    // Unflipped it would be 9.5 m away: 1 - (0.25 + 90.25) / 100 = 0.095.
    CHECK( flipped.at( 0, 10 ) != Approx( 0.095 ) );
  }
}

TEST_CASE( "kde - bad input is refused with the value", "[analysis][kde]" )
{
  const std::vector<double> xs{ 0, 100 }, ys{ 0, 100 };
  CHECK_THROWS_WITH( run( xs, ys, kdeParams( 0, 10 ) ), Catch::Contains( "radius must be a positive" ) && Catch::Contains( "got 0 m" ) );
  CHECK_THROWS_WITH( run( xs, ys, kdeParams( -5, 10 ) ), Catch::Contains( "got -5 m" ) );
  CHECK_THROWS_WITH( run( xs, ys, kdeParams( NAN, 10 ) ), Catch::Contains( "radius" ) );
  CHECK_THROWS_WITH( run( xs, ys, kdeParams( 100, 0 ) ), Catch::Contains( "pixel size must be a positive" ) );
  CHECK_THROWS_WITH( run( xs, ys, kdeParams( 100, INFINITY ) ), Catch::Contains( "pixel size" ) );
  CHECK_THROWS_AS( run( {}, {}, kdeParams( 100, 10 ) ), htsplan::InputError );
  CHECK_THROWS_WITH( htsplan::kernelDensity( {}, {}, {}, KdeExtent{ 0, 0, 1, 1 }, kdeParams( 100, 10 ), 1 ), Catch::Contains( "at least one point" ) );
  CHECK_THROWS_WITH( run( xs, ys, kdeParams( 100, 10 ), { 1, NAN } ), Catch::Contains( "weight of point 1 is null" ) );
  CHECK_THROWS_WITH( run( xs, ys, kdeParams( 100, 10 ), { -2, 1 } ), Catch::Contains( "weight of point 0" ) && Catch::Contains( "got -2" ) );
  CHECK_THROWS_WITH( run( xs, ys, kdeParams( 100, 10 ), { 1 } ), Catch::Contains( "1 weights for 2 points" ) );

  SECTION( "a raster too large is refused before allocating, saying how large" )
  {
    // 700 x 450 km at 1 m: 450,021 x 700,021 pixels.
    const KdeExtent province{ 0, 0, 700000, 450000 };
    const auto huge = [&] { htsplan::kernelDensity( { 0 }, { 0 }, {}, province, kdeParams( 10, 1 ), 1 ); };
    CHECK_THROWS_WITH( huge(), Catch::Contains( "450021 rows x 700021 columns" ) && Catch::Contains( "315,024,150,441 pixels" )
                                 && Catch::Contains( "1173.6 GiB" ) && Catch::Contains( "500,000,000" ) );
    KdeParameters small = kdeParams( 10000, 500 );
    small.maxPixels = 1000;
    CHECK_THROWS_WITH( htsplan::kdeGridShape( province, small ), Catch::Contains( "941 rows x 1441 columns" ) );
    small.maxPixels = 941 * 1441;
    CHECK( htsplan::kdeGridShape( province, small ).values.empty() );
  }
}

TEST_CASE( "kde - the same bits for 1, 2 and 3 threads; cancel", "[analysis][kde]" )
{
  std::mt19937 rng( 7 );
  std::normal_distribution<double> spread( 0, 3000 );
  std::uniform_real_distribution<double> weight( 0, 5 );
  std::vector<double> xs, ys, ws;
  for ( int i = 0; i < 10000; ++i )
  {
    const double cx = ( i % 3 ) * 20000.0; // three clusters
    xs.push_back( 500000 + cx + spread( rng ) );
    ys.push_back( 4000000 + spread( rng ) );
    ws.push_back( weight( rng ) );
  }
  for ( KdeKernel kernel : { KdeKernel::Quartic, KdeKernel::Triweight } )
  {
    const KdeGrid one = run( xs, ys, kdeParams( 2500, 100, kernel ), ws, 1 );
    REQUIRE( countData( one ) > 10000 );
    for ( int threads : { 2, 3, 16 } )
    {
      const KdeGrid many = run( xs, ys, kdeParams( 2500, 100, kernel ), ws, threads );
      CHECK( std::memcmp( one.values.data(), many.values.data(), one.values.size() * sizeof( float ) ) == 0 );
    }
  }

  QgsFeedback progress;
  double lastProgress = -1;
  bool backwards = false;
  QObject::connect( &progress, &QgsFeedback::progressChanged, [&]( double p ) {
    backwards = backwards || p < lastProgress;
    lastProgress = p;
  } );
  htsplan::kernelDensity( xs, ys, ws, htsplan::pointsExtent( xs, ys ), kdeParams( 2500, 100 ), 2, &progress );
  CHECK( lastProgress == 100 );
  CHECK_FALSE( backwards );

  QgsFeedback feedback;
  feedback.cancel();
  CHECK_THROWS_AS( htsplan::kernelDensity( xs, ys, ws, htsplan::pointsExtent( xs, ys ), kdeParams( 2500, 100 ), 2, &feedback ), htsplan::Canceled );
}

TEST_CASE( "kde - GeoTIFF written atomically", "[analysis][kde]" )
{
  QTemporaryDir dir;
  const std::string path = dir.filePath( "kde.tif" ).toStdString();
  const KdeGrid grid = run( { 500000 }, { 4000000 }, kdeParams( 10, 1 ) );
  const std::string wkt = "PROJCS[\"CGCS2000 / 3-degree Gauss-Kruger CM 117E\",GEOGCS[\"China Geodetic Coordinate System 2000\",DATUM[\"China_2000\",SPHEROID[\"CGCS2000\",6378137,298.257222101]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",117],PARAMETER[\"scale_factor\",1],PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1],AUTHORITY[\"EPSG\",\"4548\"]]";
  htsplan::writeKdeGeoTiff( grid, path, wkt );
  const Raster r = readRaster( path );
  CHECK( r.rows == 21 );
  CHECK( r.cols == 21 );
  CHECK( r.geoTransform[0] == 499990 );
  CHECK( r.geoTransform[3] == 4000010 );
  CHECK( r.geoTransform[5] == -1 );
  CHECK( r.hasNoData );
  CHECK( r.noData == -9999 );
  CHECK( r.wkt.find( "4548" ) != std::string::npos );
  CHECK( r.values == grid.values );
  CHECK( QDir( dir.path() ).entryList( QDir::Files | QDir::Hidden ) == QStringList{ "kde.tif" } );

  // Overwriting a file works; a missing folder fails and leaves nothing.
  htsplan::writeKdeGeoTiff( grid, path, wkt );
  CHECK_THROWS_WITH( htsplan::writeKdeGeoTiff( grid, dir.filePath( "no/such/kde.tif" ).toStdString(), wkt ), Catch::Contains( "no/such/kde.tif" ) );
  CHECK( QDir( dir.path() ).entryList( QDir::Files | QDir::Hidden ) == QStringList{ "kde.tif" } );
}

