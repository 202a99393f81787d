// The hexagon grid counts against native:creategrid + native:countpointsinpolygon.
#include <catch2/catch.hpp>

#include "analysis/density/hexgrid.h"
#include "tests/generators.h"
#include "tests/qgis_process.h"
#include "tests/testdata.h"

#include <QTemporaryDir>

#include <map>

using htsplan::HexGrid;
using testdata::g17;
using testdata::randomPoints;

TEST_CASE( "hexgrid - equals creategrid + countpointsinpolygon", "[compare][hexgrid][twin]" )
{
  QTemporaryDir dir;
  const std::string points = ( dir.path() + "/points.gpkg" ).toStdString();
  const std::string gridPath = ( dir.path() + "/grid.gpkg" ).toStdString();
  const std::string countsPath = ( dir.path() + "/counts.gpkg" ).toStdString();

  // Clustered and uniform points in UTM zone 50N (EPSG:32650), metres.
  std::vector<double> xs, ys;
  randomPoints( 3000, 21, 400000, 4000000, 460000, 4040000, xs, ys );
  std::vector<double> cx, cy;
  randomPoints( 2000, 22, 420000, 4010000, 423000, 4013000, cx, cy );
  xs.insert( xs.end(), cx.begin(), cx.end() );
  ys.insert( ys.end(), cy.begin(), cy.end() );
  std::vector<testdata::Feature> features;
  for ( size_t i = 0; i < xs.size(); ++i )
    features.push_back( { "POINT(" + g17( xs[i] ) + " " + g17( ys[i] ) + ")", {} } );
  testdata::writeLayer( points, "points", 32650, wkbPoint, {}, features );

  const double cellSize = 2500;
  double minX = xs[0], maxX = xs[0], minY = ys[0], maxY = ys[0];
  for ( size_t i = 0; i < xs.size(); ++i )
  {
    minX = std::min( minX, xs[i] );
    maxX = std::max( maxX, xs[i] );
    minY = std::min( minY, ys[i] );
    maxY = std::max( maxY, ys[i] );
  }
  const HexGrid grid = HexGrid::covering( minX, minY, maxX, maxY, cellSize );
  const htsplan::HexCounts ours = htsplan::hexGridCounts( grid, xs, ys, {}, 0 );
  CHECK( ours.pointsOutside == 0 );

  const std::string extent = g17( grid.extentMinX() ) + "," + g17( grid.extentMaxX() ) + "," + g17( grid.extentMinY() ) + ","
                             + g17( grid.extentMaxY() ) + " [EPSG:32650]";
  testdata::runQgisProcess( "native:creategrid", { { "TYPE", "4" }, { "EXTENT", extent }, { "HSPACING", g17( cellSize ) },
                                                    { "VSPACING", g17( cellSize ) }, { "HOVERLAY", "0" }, { "VOVERLAY", "0" },
                                                    { "CRS", "EPSG:32650" }, { "OUTPUT", gridPath } } );
  testdata::runQgisProcess( "native:countpointsinpolygon", { { "POLYGONS", gridPath }, { "POINTS", points },
                                                              { "FIELD", "NUMPOINTS" }, { "OUTPUT", countsPath } } );

  GDALDatasetUniquePtr ds( GDALDataset::Open( countsPath.c_str(), GDAL_OF_VECTOR ) );
  REQUIRE( ds );
  OGRLayer *layer = ds->GetLayer( 0 );
  CHECK( layer->GetFeatureCount() == grid.cellCount() );
  std::map<long long, long long> qgisCounts;
  std::map<long long, OGRGeometryUniquePtr> qgisCells;
  for ( auto &feature : *layer )
  {
    const long long id = feature->GetFieldAsInteger64( "id" );
    const long long n = feature->GetFieldAsInteger64( "NUMPOINTS" );
    if ( n > 0 )
    {
      qgisCounts[id] = n;
      qgisCells[id].reset( feature->StealGeometry() );
    }
  }
  std::map<long long, long long> ourCounts;
  int sameRings = 0;
  for ( const htsplan::HexCell &c : ours.cells )
  {
    ourCounts[c.id] = c.count;
    const auto it = qgisCells.find( c.id );
    if ( it == qgisCells.end() )
      continue;
    const OGRLinearRing *ring = it->second->toPolygon()->getExteriorRing();
    bool same = ring->getNumPoints() == 7;
    for ( int i = 0; same && i < 7; ++i )
      same = ring->getX( i ) == c.ringX[i] && ring->getY( i ) == c.ringY[i];
    sameRings += same;
  }
  INFO( "cells with points: ours " << ourCounts.size() << ", QGIS " << qgisCounts.size() );
  CHECK( ourCounts.size() > 100 );
  CHECK( ourCounts == qgisCounts );
  // The vertices are bit-identical to QGIS's.
  CHECK( sameRings == static_cast<int>( ours.cells.size() ) );
}
