// The nearest-neighbour index against native:nearestneighbouranalysis.
#include <catch2/catch.hpp>

#include "analysis/pattern/nearest_neighbour.h"
#include "tests/generators.h"
#include "tests/qgis_process.h"
#include "tests/testdata.h"

#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>

using testdata::clusteredPoints;
using testdata::Points;

TEST_CASE( "nni - equals native:nearestneighbouranalysis", "[compare][nni][twin]" )
{
  QTemporaryDir dir;
  const std::string path = dir.filePath( "points.gpkg" ).toStdString();
  const Points p = clusteredPoints( 4000, 5 );
  std::vector<testdata::Feature> features;
  char wkt[100];
  for ( size_t i = 0; i < p.xs.size(); ++i )
  {
    std::snprintf( wkt, sizeof wkt, "POINT (%.17g %.17g)", p.xs[i], p.ys[i] );
    features.push_back( { wkt, {} } );
  }
  testdata::writeLayer( path, "points", 4548, wkbPoint, {}, features );

  // The coordinates and the extent as QGIS reads them: through OGR, the extent
  // from gpkg_contents.
  Points read;
  auto readLayer = [&]( double &area ) {
    read = {};
    GDALDatasetUniquePtr ds( GDALDataset::Open( path.c_str(), GDAL_OF_VECTOR ) );
    REQUIRE( ds );
    OGRLayer *layer = ds->GetLayer( 0 );
    for ( const auto &f : *layer )
    {
      const OGRPoint *point = f->GetGeometryRef()->toPoint();
      read.xs.push_back( point->getX() );
      read.ys.push_back( point->getY() );
    }
    OGREnvelope extent;
    REQUIRE( layer->GetExtent( &extent, TRUE ) == OGRERR_NONE );
    area = ( extent.MaxX - extent.MinX ) * ( extent.MaxY - extent.MinY );
  };
  auto compare = [&]( double area ) {
    const auto ours = htsplan::nearestNeighbourIndex( read.xs, read.ys, area, nullptr, 2 );
    const QVariantMap qgis = testdata::runQgisProcess( "native:nearestneighbouranalysis", { { "INPUT", path }, { "OUTPUT_HTML_FILE", dir.filePath( "nn.html" ).toStdString() } } );
    CHECK( qgis.value( "POINT_COUNT" ).toLongLong() == ours.pointCount );
    auto relative = [&]( const char *key, double value ) {
      const double theirs = qgis.value( key ).toDouble();
      return std::fabs( value - theirs ) / std::fabs( theirs );
    };
    INFO( "observed " << ours.observedMeanDistanceM << " vs " << qgis.value( "OBSERVED_MD" ).toDouble() );
    CHECK( relative( "OBSERVED_MD", ours.observedMeanDistanceM ) <= 1e-9 );
    CHECK( relative( "EXPECTED_MD", ours.expectedMeanDistanceM ) <= 1e-9 );
    CHECK( relative( "NN_INDEX", ours.index ) <= 1e-9 );
    CHECK( relative( "Z_SCORE", ours.zScore ) <= 1e-9 );
    // Same distances, same order of addition, same formulas, same extent: in
    // practice the doubles are identical. Checked so that a change shows.
    CHECK( ours.observedMeanDistanceM == qgis.value( "OBSERVED_MD" ).toDouble() );
    CHECK( ours.expectedMeanDistanceM == qgis.value( "EXPECTED_MD" ).toDouble() );
    CHECK( ours.zScore == qgis.value( "Z_SCORE" ).toDouble() );
    return ours;
  };

  double area = 0;
  readLayer( area );
  REQUIRE( read.xs == p.xs );
  // Freshly written, the stored extent is the points' box, but GDAL keeps it
  // to about 15 significant digits: not bit-equal.
  CHECK( area == Approx( htsplan::pointsExtentArea( read.xs, read.ys ) ).epsilon( 1e-13 ) );
  // Records sharing an address are in the data, so QGIS's handling of them is compared too.
  const std::vector<double> distances = htsplan::nearestNeighbourDistances( read.xs, read.ys );
  CHECK( std::count( distances.begin(), distances.end(), 0.0 ) > 200 );
  const auto fresh = compare( area );
  CHECK( fresh.index < 0.5 ); // clustered, as generated

  // QGIS takes the extent the GeoPackage stores, even when it is wider than
  // the points (as after deleting features): so must the wrapper.
  {
    GDALDatasetUniquePtr ds( GDALDataset::Open( path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE ) );
    REQUIRE( ds );
    ds->ExecuteSQL( "UPDATE gpkg_contents SET min_x = min_x - 50000, max_y = max_y + 20000", nullptr, nullptr );
  }
  double stale = 0;
  readLayer( stale );
  CHECK( stale > area * 1.1 );
  const auto widened = compare( stale );
  CHECK( widened.observedMeanDistanceM == fresh.observedMeanDistanceM );
  CHECK( widened.expectedMeanDistanceM > fresh.expectedMeanDistanceM );
}
