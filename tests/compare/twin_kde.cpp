// The kernel density kernel against qgis:heatmapkerneldensityestimation.
#include <catch2/catch.hpp>

#include "analysis/density/kde.h"
#include "tests/qgis_process.h"
#include "tests/kde_testing.h"
#include "tests/testdata.h"

#include <qgsvectorlayer.h>

#include <QTemporaryDir>

#include <gdal.h>

#include <cmath>
#include <cstdio>
#include <random>

using htsplan::KdeExtent;
using htsplan::KdeGrid;
using htsplan::KdeKernel;
using htsplan::KdeOutput;
using htsplan::KdeParameters;
using testdata::kdeParams;
using testdata::Raster;
using testdata::readRaster;

TEST_CASE( "kde - equals qgis:heatmapkerneldensityestimation bit for bit", "[compare][kde][twin]" )
{
  QTemporaryDir dir;
  const std::string gpkg = dir.filePath( "points.gpkg" ).toStdString();
  // 2,000 clustered points in EPSG:4548 (CGCS2000 Gauss-Kruger 117E, metres)
  // with a weight field; coordinates round-trip through text exactly.
  std::mt19937 rng( 42 );
  std::normal_distribution<double> spread( 0, 4000 );
  std::uniform_real_distribution<double> centre( 0, 60000 );
  std::uniform_int_distribution<int> weight( 0, 9 );
  std::vector<std::pair<double, double>> centres;
  for ( int c = 0; c < 6; ++c )
    centres.emplace_back( 480000 + centre( rng ), 4000000 + centre( rng ) );
  std::vector<double> xs, ys, ws;
  std::vector<testdata::Feature> features;
  for ( int i = 0; i < 2000; ++i )
  {
    const auto &c = centres[static_cast<size_t>( i % 6 )];
    char wkt[128];
    std::snprintf( wkt, sizeof wkt, "POINT(%.17g %.17g)", c.first + spread( rng ), c.second + spread( rng ) );
    double x = 0, y = 0;
    std::sscanf( wkt, "POINT(%lf %lf)", &x, &y );
    xs.push_back( x );
    ys.push_back( y );
    ws.push_back( 0.5 * weight( rng ) );
    features.push_back( { wkt, { { "w", ws.back() } } } );
  }
  testdata::writeLayer( gpkg, "points", 4548, wkbPoint, { { "w", OFTReal } }, features );
  // QGIS grows the layer's extent as the provider reports it: GDAL keeps a
  // GeoPackage's extent in gpkg_contents to 15 digits, which can be an ulp off
  // the points' own bounding box. The wrapper passes the layer's extent too.
  QgsVectorLayer layer( QString::fromStdString( gpkg + "|layername=points" ), "points", "ogr" );
  REQUIRE( layer.isValid() );
  const QgsRectangle layerExtent = layer.extent();
  const KdeExtent extent{ layerExtent.xMinimum(), layerExtent.yMinimum(), layerExtent.xMaximum(), layerExtent.yMaximum() };
  const KdeExtent own = htsplan::pointsExtent( xs, ys );
  CHECK( extent.xMin == Approx( own.xMin ).epsilon( 1e-14 ) );
  CHECK( extent.yMax == Approx( own.yMax ).epsilon( 1e-14 ) );

  struct Case
  {
      double radius, pixel;
      KdeKernel kernel;
      KdeOutput output;
      bool weighted;
      double decay;
  };
  const Case cases[] = {
    { 5000, 250, KdeKernel::Quartic, KdeOutput::Raw, false, 0 },
    { 3000, 170, KdeKernel::Triweight, KdeOutput::Scaled, true, 0 },
    { 4000.7, 300, KdeKernel::Triangular, KdeOutput::Raw, true, 0.3 },
    { 2500, 123.4, KdeKernel::Epanechnikov, KdeOutput::Scaled, false, 0 },
  };
  int n = 0;
  for ( const Case &c : cases )
  {
    const std::string out = dir.filePath( QStringLiteral( "qgis%1.tif" ).arg( n++ ) ).toStdString();
    INFO( "kernel " << static_cast<int>( c.kernel ) << ", radius " << c.radius << ", pixel " << c.pixel );
    testdata::Params qp{ { "INPUT", gpkg + "|layername=points" },
                         { "RADIUS", std::to_string( c.radius ) },
                         { "PIXEL_SIZE", std::to_string( c.pixel ) },
                         { "KERNEL", std::to_string( static_cast<int>( c.kernel ) ) },
                         { "DECAY", std::to_string( c.decay ) },
                         { "OUTPUT_VALUE", std::to_string( static_cast<int>( c.output ) ) },
                         { "OUTPUT", out } };
    if ( c.weighted )
      qp.push_back( { "WEIGHT_FIELD", "w" } );
    testdata::runQgisProcess( "qgis:heatmapkerneldensityestimation", qp );
    const Raster q = readRaster( out );

    KdeParameters p = kdeParams( c.radius, c.pixel, c.kernel, c.output );
    p.decayRatio = c.decay;
    const KdeGrid ours = htsplan::kernelDensity( xs, ys, c.weighted ? ws : std::vector<double>{}, extent, p, 2 );
    REQUIRE( ours.rows == q.rows );
    REQUIRE( ours.cols == q.cols );
    for ( int i = 0; i < 6; ++i )
      CHECK( ours.geoTransform[static_cast<size_t>( i )] == q.geoTransform[i] );
    CHECK( q.noData == -9999 );
    size_t maskDiffers = 0, valueDiffers = 0;
    double maxDiff = 0, maxValue = 0;
    for ( size_t i = 0; i < q.values.size(); ++i )
    {
      const bool qNo = q.values[i] == KdeGrid::NO_DATA, oNo = ours.values[i] == KdeGrid::NO_DATA;
      if ( qNo != oNo )
        ++maskDiffers;
      else if ( !qNo )
      {
        maxValue = std::max( maxValue, static_cast<double>( q.values[i] ) );
        if ( q.values[i] != ours.values[i] )
        {
          ++valueDiffers;
          maxDiff = std::max( maxDiff, std::abs( static_cast<double>( q.values[i] ) - ours.values[i] ) );
        }
      }
    }
    INFO( "pixels " << q.values.size() << ", mask differs " << maskDiffers << ", values differ " << valueDiffers
                    << ", max abs diff " << maxDiff << " (" << maxDiff / maxValue << " of the max " << maxValue << ")" );
    CHECK( maxValue > 0 );
    CHECK( maskDiffers == 0 );
    CHECK( maxDiff <= 1e-5 * maxValue );
    CHECK( valueDiffers == 0 );
  }
}
