// The two point readers (QGIS's feature iterator and GDAL's Arrow stream)
// must give the same PointSet for the same layer.
#include "processing/point_source.h"
#include "layers/problems.h"
#include "tests/testdata.h"

#include <catch2/catch.hpp>

#include <QTemporaryDir>
#include <qgsvectorlayer.h>

using testdata::writeLayer;

namespace
{

struct Both
{
    htsplan::PointSet viaQgis, viaFile;
};

Both readBoth( const std::string &path, const std::string &layerName, const htsplan::PointReadOptions &options )
{
  QgsVectorLayer layer( QString::fromStdString( path + "|layername=" + layerName ), QStringLiteral( "t" ), QStringLiteral( "ogr" ) );
  REQUIRE( layer.isValid() );
  Both both;
  both.viaQgis = htsplan::readPoints( *layer.dataProvider(), options, nullptr );
  both.viaFile = htsplan::readPointsFromFile( QString::fromStdString( path ), QString::fromStdString( layerName ), layer.crs(),
                                              layer.extent(), layer.name(), options, nullptr );
  return both;
}

} // namespace

TEST_CASE( "point source - the file reader equals QGIS's iterator", "[analysis][point_source]" )
{
  QTemporaryDir dir;
  const std::string path = dir.filePath( "p.gpkg" ).toStdString();
  std::vector<testdata::Feature> features = {
    { "POINT(500000 4000000)", { { "w", 1.5 }, { "sector", std::string( "testing" ) } } },
    { "", { { "w", 2.0 }, { "sector", std::string( "testing" ) } } }, // no geometry: skipped
    { "POLYGON((500000 4000000,501000 4000000,501000 4001000,500000 4001000,500000 4000000))", { { "w", 3.0 }, { "sector", std::string( "ecommerce" ) } } },
    { "POINT(502000 4002000)", { { "w", 0.0 }, { "sector", std::monostate() } } },
  };
  writeLayer( path, "mixed", 4548, wkbUnknown, { { "w", OFTReal }, { "sector", OFTString } }, features );

  htsplan::PointReadOptions options;
  options.weightField = QStringLiteral( "w" );
  options.categoryField = QStringLiteral( "sector" );
  const Both both = readBoth( path, "mixed", options );
  for ( const htsplan::PointSet *set : { &both.viaQgis, &both.viaFile } )
  {
    REQUIRE( set->size() == 3 );
    CHECK( set->withoutGeometry == 1 );
    CHECK( set->xs[0] == 500000 );
    CHECK( set->xs[1] == Approx( 500500 ) ); // the square's point on surface
    CHECK( set->weights == std::vector<double> { 1.5, 3.0, 0.0 } );
    CHECK( set->categoryNames == QStringList { QStringLiteral( "ecommerce" ), QStringLiteral( "testing" ) } );
    CHECK( set->categories == std::vector<int> { 1, 0, -1 } );
    CHECK_FALSE( set->reprojected );
  }
  CHECK( both.viaQgis.xs == both.viaFile.xs );
  CHECK( both.viaQgis.ys == both.viaFile.ys );
  CHECK( both.viaQgis.fids == both.viaFile.fids );
  CHECK( both.viaQgis.sourceExtent == both.viaFile.sourceExtent );
}

TEST_CASE( "point source - lon/lat input is projected to metres, the same either way", "[analysis][point_source]" )
{
  QTemporaryDir dir;
  const std::string path = dir.filePath( "g.gpkg" ).toStdString();
  writeLayer( path, "pts", 4490, wkbPoint, {}, { { "POINT(117 36)", {} }, { "POINT(117.1 36)", {} } } );
  const Both both = readBoth( path, "pts", {} );
  for ( const htsplan::PointSet *set : { &both.viaQgis, &both.viaFile } )
  {
    REQUIRE( set->size() == 2 );
    CHECK( set->reprojected );
    // 0.1 degree of longitude at 36° N is 9,016.4 m on the ellipsoid; the
    // analysis CRS keeps distances within 0.03% (the China-wide Albers: 8,787 m).
    CHECK( set->xs[1] - set->xs[0] == Approx( 9016.4 ).epsilon( 0.0005 ) );
  }
  CHECK( both.viaQgis.xs == both.viaFile.xs );
  CHECK( both.viaQgis.ys == both.viaFile.ys );
}

TEST_CASE( "point source - a null weight names the feature", "[analysis][point_source]" )
{
  QTemporaryDir dir;
  const std::string path = dir.filePath( "w.gpkg" ).toStdString();
  writeLayer( path, "pts", 4548, wkbPoint, { { "w", OFTReal } },
              { { "POINT(1 1)", { { "w", 1.0 } } }, { "POINT(2 2)", { { "w", std::monostate() } } } } );
  QgsVectorLayer layer( QString::fromStdString( path + "|layername=pts" ), QStringLiteral( "t" ), QStringLiteral( "ogr" ) );
  htsplan::PointReadOptions options;
  options.layerLabel = QStringLiteral( "INPUT" );
  options.weightField = QStringLiteral( "w" );
  CHECK_THROWS_WITH( htsplan::readPoints( *layer.dataProvider(), options, nullptr ), Catch::Contains( "feature 2" ) && Catch::Contains( "NULL" ) );
  CHECK_THROWS_WITH( htsplan::readPointsFromFile( QString::fromStdString( path ), QStringLiteral( "pts" ), layer.crs(), layer.extent(),
                                                  layer.name(), options, nullptr ),
                     Catch::Contains( "feature 2" ) && Catch::Contains( "NULL" ) );
}
