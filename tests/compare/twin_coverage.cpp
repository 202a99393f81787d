// The buffer union against native:buffer with DISSOLVE.
#include <catch2/catch.hpp>

#include "analysis/coverage/coverage.h"
#include "geometry/partition_clean.h"
#include "tests/qgis_process.h"
#include "tests/testdata.h"

#include <QTemporaryDir>

#include <random>

namespace
{
OGRGeometryUniquePtr fromWkt( const std::string &wkt )
{
  OGRGeometry *g = nullptr;
  OGRGeometryFactory::createFromWkt( wkt.c_str(), nullptr, &g );
  return OGRGeometryUniquePtr( g );
}
} // namespace

TEST_CASE( "coverage - buffer union equals native:buffer with DISSOLVE", "[compare][coverage][twin]" )
{
  QTemporaryDir dir;
  std::mt19937_64 random( 17 );
  struct Case
  {
      std::string name;
      OGRwkbGeometryType type;
      std::vector<std::string> wkts;
      double radius;
  };
  Case points{ "points", wkbPoint, {}, 4000 };
  for ( int i = 0; i < 80; ++i )
    points.wkts.push_back( "POINT(" + std::to_string( 400000 + random() % 60000 ) + " " + std::to_string( 4000000 + random() % 40000 ) + ")" );
  Case polygons{ "polygons", wkbPolygon,
                 { "POLYGON((400000 4000000,405000 4000000,405000 4003000,400000 4003000,400000 4000000))",
                   "POLYGON((406000 4001000,409000 4006000,403000 4007000,406000 4001000))",
                   "POLYGON((420000 4000000,430000 4000000,430000 4002000,422000 4002000,422000 4010000,420000 4010000,420000 4000000))" },
                 1500 };
  for ( const Case &c : { points, polygons } )
  {
    const std::string input = ( dir.path() + "/" ).toStdString() + c.name + ".gpkg";
    const std::string output = ( dir.path() + "/" ).toStdString() + c.name + "_buffer.gpkg";
    std::vector<testdata::Feature> features;
    std::vector<OGRGeometryUniquePtr> owned;
    std::vector<const OGRGeometry *> geometries;
    for ( const std::string &wkt : c.wkts )
    {
      features.push_back( { wkt, {} } );
      owned.push_back( fromWkt( wkt ) );
      geometries.push_back( owned.back().get() );
    }
    testdata::writeLayer( input, c.name, 32650, c.type, {}, features );
    testdata::runQgisProcess( "native:buffer", { { "INPUT", input }, { "DISTANCE", std::to_string( c.radius ) }, { "SEGMENTS", "5" },
                                                 { "END_CAP_STYLE", "0" }, { "JOIN_STYLE", "0" }, { "MITER_LIMIT", "2" },
                                                 { "DISSOLVE", "true" }, { "OUTPUT", output } } );
    GDALDatasetUniquePtr ds( GDALDataset::Open( output.c_str(), GDAL_OF_VECTOR ) );
    REQUIRE( ds );
    double qgisArea = 0;
    for ( auto &feature : *ds->GetLayer( 0 ) )
      qgisArea += htsplan::areaOf( feature->GetGeometryRef() );
    OGRGeometryUniquePtr ours = htsplan::bufferUnion( geometries, c.radius, nullptr, 5 );
    const double ourArea = htsplan::areaOf( ours.get() );
    INFO( c.name << ": ours " << ourArea << " m², QGIS " << qgisArea << " m², relative difference " << ( ourArea - qgisArea ) / qgisArea );
    CHECK( ourArea == Approx( qgisArea ).epsilon( 1e-6 ) );
    // And the 16-segment default is a different, larger polygon.
    CHECK( htsplan::areaOf( htsplan::bufferUnion( geometries, c.radius ).get() ) > qgisArea * ( 1 + 1e-5 ) );
  }
}
