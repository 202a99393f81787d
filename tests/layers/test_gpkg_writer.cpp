#include <catch2/catch.hpp>

#include "layers/gpkg_writer.h"
#include "layers/problems.h"
#include "tests/testdata.h"

#include <QDir>
#include <QTemporaryDir>

#include <random>

namespace
{

OGRSpatialReference epsg( int code )
{
  OGRSpatialReference srs;
  srs.importFromEPSG( code );
  srs.SetAxisMappingStrategy( OAMS_TRADITIONAL_GIS_ORDER );
  return srs;
}

//! The single value of an SQL query on path.
std::string sqlValue( const std::string &path, const std::string &sql )
{
  GDALDatasetUniquePtr ds( GDALDataset::Open( path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY ) );
  REQUIRE( ds );
  OGRLayer *result = ds->ExecuteSQL( sql.c_str(), nullptr, nullptr );
  REQUIRE( result );
  OGRFeatureUniquePtr f( result->GetNextFeature() );
  const std::string value = f ? f->GetFieldAsString( 0 ) : "";
  ds->ReleaseResultSet( result );
  return value;
}

//! Features of layer in path whose geometry meets the rectangle, through GDAL's spatial filter (the R-tree).
long long countIn( const std::string &path, const char *layer, double x0, double y0, double x1, double y1 )
{
  GDALDatasetUniquePtr ds( GDALDataset::Open( path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY ) );
  REQUIRE( ds );
  OGRLayer *l = ds->GetLayerByName( layer );
  REQUIRE( l );
  REQUIRE( l->TestCapability( OLCFastSpatialFilter ) );
  l->SetSpatialFilterRect( x0, y0, x1, y1 );
  return l->GetFeatureCount( TRUE );
}

} // namespace

TEST_CASE( "gpkg writer - rows and a packed R-tree SQLite accepts", "[layers][gpkg_writer]" )
{
  QTemporaryDir dir;
  const std::string path = dir.filePath( "out/points.gpkg" ).toStdString(); // the folder is created
  std::mt19937 random( 7 );
  std::uniform_real_distribution<double> x( 116.0, 122.0 ), y( 35.0, 38.0 );
  std::vector<std::pair<double, double>> points;
  for ( int i = 0; i < 5000; ++i )
    points.emplace_back( x( random ), y( random ) );

  const OGRSpatialReference cgcs2000 = epsg( 4490 );
  htsplan::GpkgWriter out( path );
  out.createLayer( "points", &cgcs2000, wkbPoint, { "test points" } );
  out.addField( "n", OFTInteger );
  OGRFeature f( out.layerDefn() );
  for ( size_t i = 0; i < points.size(); ++i )
  {
    f.SetFID( OGRNullFID );
    f.SetField( 0, static_cast<int>( i ) );
    f.SetGeometryDirectly( new OGRPoint( points[i].first, points[i].second ) );
    out.write( f );
  }
  // Null and empty geometries have no box (as the R-tree triggers would do).
  f.SetFID( OGRNullFID );
  f.SetGeometryDirectly( nullptr );
  out.write( f );
  f.SetGeometryDirectly( new OGRPoint() );
  f.SetFID( OGRNullFID );
  out.write( f );
  out.createLayer( "zones", &cgcs2000, wkbPolygon );
  OGRFeature zone( out.layerDefn() );
  OGRGeometry *polygon = nullptr;
  OGRGeometryFactory::createFromWkt( "POLYGON((117 36,118 36,118 37,117 37,117 36))", nullptr, &polygon );
  zone.SetGeometryDirectly( polygon );
  out.write( zone );
  CHECK_FALSE( QFileInfo::exists( QString::fromStdString( path ) ) );
  out.commit();

  REQUIRE( out.stats().size() == 2 );
  CHECK( out.stats()[0].rows == 5002 );
  CHECK( out.stats()[1].rows == 1 );
  CHECK( sqlValue( path, "SELECT rtreecheck('rtree_points_geom')" ) == "ok" );
  CHECK( sqlValue( path, "SELECT rtreecheck('rtree_zones_geom')" ) == "ok" );
  CHECK( sqlValue( path, "SELECT count(*) FROM rtree_points_geom" ) == "5000" );
  CHECK( sqlValue( path, "SELECT description FROM gpkg_contents WHERE table_name = 'points'" ) == "test points" );
  CHECK( QDir( dir.filePath( "out" ) ).entryList( QDir::Files | QDir::Hidden ) == QStringList{ "points.gpkg" } );

  SECTION( "the spatial filter finds what a scan finds" )
  {
    for ( const auto &[x0, y0, x1, y1] : std::vector<std::array<double, 4>>{ { 117, 36, 118, 37 }, { 116, 35, 116.3, 35.2 }, { 121.9, 37.9, 123, 39 } } )
    {
      const long long expected = std::count_if( points.begin(), points.end(), [&, x0 = x0, y0 = y0, x1 = x1, y1 = y1]( const auto &p ) {
        return p.first >= x0 && p.first <= x1 && p.second >= y0 && p.second <= y1;
      } );
      CHECK( countIn( path, "points", x0, y0, x1, y1 ) == expected );
    }
    CHECK( countIn( path, "zones", 117.5, 36.5, 117.6, 36.6 ) == 1 );
  }

  SECTION( "later edits keep the R-tree in step (the triggers)" )
  {
    {
      GDALDatasetUniquePtr ds( GDALDataset::Open( path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE ) );
      OGRLayer *l = ds->GetLayerByName( "points" );
      OGRFeatureUniquePtr moved( l->GetFeature( 1 ) );
      moved->SetGeometryDirectly( new OGRPoint( 100, 10 ) );
      REQUIRE( l->SetFeature( moved.get() ) == OGRERR_NONE );
    }
    CHECK( countIn( path, "points", 99, 9, 101, 11 ) == 1 );
    CHECK( sqlValue( path, "SELECT rtreecheck('rtree_points_geom')" ) == "ok" );
  }
}

TEST_CASE( "gpkg writer - copyRows copies a GeoPackage inside SQLite", "[layers][gpkg_writer]" )
{
  QTemporaryDir dir;
  const std::string source = dir.filePath( "in.gpkg" ).toStdString();
  std::vector<testdata::Feature> features;
  for ( int i = 0; i < 300; ++i )
    features.push_back( { i == 5 ? std::string() : "POINT(" + std::to_string( 117 + i * 0.01 ) + " 36.5)",
                          { { "name", "p" + std::to_string( i ) }, { "size", static_cast<long long>( i ) } } } );
  testdata::writeLayer( source, "pts", 4490, wkbPoint, { { "name", OFTString }, { "size", OFTInteger64 } }, features );

  const std::string path = dir.filePath( "copy.gpkg" ).toStdString();
  // Another CRS: the copied geometries must carry the new layer's SRS id.
  const OGRSpatialReference wgs84 = epsg( 4326 );
  htsplan::GpkgWriter out( path );
  out.createLayer( "copy", &wgs84, wkbPoint );
  out.addField( "name", OFTString );
  out.addField( "size", OFTInteger64 );
  out.addField( "twice", OFTInteger );
  out.copyRows( source, "pts", 1, []( long long fid, int k ) -> std::optional<long long> {
    REQUIRE( k == 0 );
    return fid % 2 ? std::optional<long long>( 2 * fid ) : std::nullopt;
  }, nullptr );
  out.commit();
  CHECK( out.stats().back().rows == 300 );

  GDALDatasetUniquePtr ds( GDALDataset::Open( path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY ) );
  OGRLayer *l = ds->GetLayerByName( "copy" );
  REQUIRE( l );
  CHECK( l->GetFeatureCount( FALSE ) == 300 );
  OGREnvelope extent;
  REQUIRE( l->GetExtent( &extent, FALSE ) == OGRERR_NONE );
  CHECK( extent.MinX == Approx( 117 ) );
  CHECK( extent.MaxX == Approx( 119.99 ) );
  OGRFeatureUniquePtr first( l->GetFeature( 1 ) ), sixth( l->GetFeature( 6 ) ), second( l->GetFeature( 2 ) );
  REQUIRE( first );
  CHECK( std::string( first->GetFieldAsString( "name" ) ) == "p0" );
  CHECK( first->GetFieldAsInteger( "twice" ) == 2 );
  CHECK( second->IsFieldNull( second->GetFieldIndex( "twice" ) ) );
  CHECK( sixth->GetGeometryRef() == nullptr );
  CHECK( first->GetGeometryRef()->getSpatialReference()->GetAuthorityCode( nullptr ) == std::string( "4326" ) );
  CHECK( sqlValue( path, "SELECT count(*) FROM rtree_copy_geom" ) == "299" );
  CHECK( sqlValue( path, "SELECT rtreecheck('rtree_copy_geom')" ) == "ok" );
  CHECK( sqlValue( path, "SELECT count(*) FROM copy WHERE ST_SRID(geom) = 4326" ) == "299" );
  CHECK( countIn( path, "copy", 117.995, 36, 118.025, 37 ) == 3 );
}

TEST_CASE( "gpkg writer - failures leave the target as it was", "[layers][gpkg_writer]" )
{
  QTemporaryDir dir;
  const OGRSpatialReference cgcs2000 = epsg( 4490 );

  SECTION( "no commit: no file, no temporary left" )
  {
    {
      htsplan::GpkgWriter out( dir.filePath( "x.gpkg" ).toStdString() );
      out.createLayer( "x", &cgcs2000, wkbPoint );
      OGRFeature f( out.layerDefn() );
      f.SetGeometryDirectly( new OGRPoint( 117, 36 ) );
      out.write( f );
    }
    CHECK( QDir( dir.path() ).entryList( QDir::Files | QDir::Hidden ).isEmpty() );
  }
  SECTION( "an unwritable place names the file" )
  {
    CHECK_THROWS_AS( htsplan::GpkgWriter( "/proc/htsplan/x.gpkg" ), htsplan::OutputError );
    CHECK_THROWS_WITH( htsplan::GpkgWriter( "/proc/htsplan/x.gpkg" ), Catch::Contains( "/proc/htsplan/x.gpkg" ) );
  }
}
