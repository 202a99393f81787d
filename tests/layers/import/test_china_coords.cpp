#include <catch2/catch.hpp>

#include "layers/import/china_coords.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>

using namespace htsplan;

namespace
{
// A grid over Shandong's box (lon 114.8–122.7, lat 34.4–38.4), corners included.
template<typename F>
void overShandong( F f )
{
  for ( int i = 0; i <= 20; ++i )
    for ( int j = 0; j <= 10; ++j )
      f( 114.8 + ( 122.7 - 114.8 ) * i / 20, 34.4 + ( 38.4 - 34.4 ) * j / 10 );
}
} // namespace

TEST_CASE( "china coords - names", "[layers][import][china_coords]" )
{
  CHECK( parseSourceCrs( "cgcs2000" ) == SourceCrs::Cgcs2000 );
  CHECK( parseSourceCrs( "EPSG:4490" ) == SourceCrs::Cgcs2000 );
  CHECK( parseSourceCrs( "WGS84" ) == SourceCrs::Wgs84 );
  CHECK( parseSourceCrs( "epsg:4326" ) == SourceCrs::Wgs84 );
  CHECK( parseSourceCrs( "gcj02" ) == SourceCrs::Gcj02 );
  CHECK( parseSourceCrs( "GCJ-02" ) == SourceCrs::Gcj02 );
  CHECK( parseSourceCrs( "amap" ) == SourceCrs::Gcj02 );
  CHECK( parseSourceCrs( "Tencent" ) == SourceCrs::Gcj02 );
  CHECK( parseSourceCrs( "高德" ) == SourceCrs::Gcj02 );
  CHECK( parseSourceCrs( "bd09" ) == SourceCrs::Bd09 );
  CHECK( parseSourceCrs( " Baidu " ) == SourceCrs::Bd09 );
  CHECK( parseSourceCrs( "百度" ) == SourceCrs::Bd09 );
  CHECK_FALSE( parseSourceCrs( "EPSG:3857" ) );
  CHECK_FALSE( parseSourceCrs( "" ) );
  for ( SourceCrs crs : { SourceCrs::Cgcs2000, SourceCrs::Wgs84, SourceCrs::Gcj02, SourceCrs::Bd09 } )
    CHECK( parseSourceCrs( sourceCrsKey( crs ) ) == crs );
  CHECK( std::string( sourceCrsKey( SourceCrs::Gcj02 ) ) == "gcj02" );
  CHECK( std::string( sourceCrsLabel( SourceCrs::Bd09 ) ) == "BD-09 (Baidu)" );
}

TEST_CASE( "china coords - published reference values", "[layers][import][china_coords]" )
{
  // The example in the README of wandergis/coordtransform (the widely used
  // JavaScript implementation), at Tiananmen: our code was written from the
  // formulas, and agrees to the last digit printed there.
  const LonLat gcj = wgs84ToGcj02( 116.404, 39.915 );
  CHECK( gcj.lon == Approx( 116.41024449916938 ).margin( 1e-12 ) );
  CHECK( gcj.lat == Approx( 39.91640428150164 ).margin( 1e-12 ) );
  const LonLat bd = gcj02ToBd09( 116.404, 39.915 );
  CHECK( bd.lon == Approx( 116.41036949371029 ).margin( 1e-12 ) );
  CHECK( bd.lat == Approx( 39.92133699351021 ).margin( 1e-12 ) );
  // Its inverses take one step: 116.39762729119315, 39.90865673957631 for
  // BD-09 and 116.39775550083061, 39.91359571849836 for GCJ-02. Ours iterate,
  // and land a few centimetres away, where the forward formula maps back exactly.
  const LonLat fromBd = bd09ToGcj02( 116.404, 39.915 );
  CHECK( shiftMetres( fromBd.lon, fromBd.lat, 116.39762729119315, 39.90865673957631 ) == Approx( 0.048 ).margin( 0.005 ) );
  const LonLat fromGcj = gcj02ToWgs84( 116.404, 39.915 );
  CHECK( shiftMetres( fromGcj.lon, fromGcj.lat, 116.39775550083061, 39.91359571849836 ) < 0.1 );
  CHECK( shiftMetres( fromGcj.lon, fromGcj.lat, 116.39775550083061, 39.91359571849836 ) > 0.001 );
}

TEST_CASE( "china coords - round trips over Shandong", "[layers][import][china_coords]" )
{
  double worstGcj = 0;
  double worstBd = 0;
  overShandong( [&]( double lon, double lat ) {
    const LonLat gcj = wgs84ToGcj02( lon, lat );
    const LonLat back = gcj02ToWgs84( gcj.lon, gcj.lat );
    worstGcj = std::max( { worstGcj, std::fabs( back.lon - lon ), std::fabs( back.lat - lat ) } );
    const LonLat bd = gcj02ToBd09( lon, lat );
    const LonLat backBd = bd09ToGcj02( bd.lon, bd.lat );
    worstBd = std::max( { worstBd, std::fabs( backBd.lon - lon ), std::fabs( backBd.lat - lat ) } );
    const LonLat viaBd = gcj02ToBd09( gcj.lon, gcj.lat );
    const LonLat cgcs = toCgcs2000( SourceCrs::Bd09, viaBd.lon, viaBd.lat );
    CHECK( std::fabs( cgcs.lon - lon ) < 1e-9 );
    CHECK( std::fabs( cgcs.lat - lat ) < 1e-9 );
  } );
  CHECK( worstGcj < 1e-9 );
  CHECK( worstBd < 1e-9 );
}

TEST_CASE( "china coords - why the inverse iterates", "[layers][import][china_coords]" )
{
  // The one-step inverse many libraries use, wgs = 2 gcj - forward(gcj), is
  // metres off in Shandong (3.1 m at worst on a 0.01° grid).
  double worst = 0;
  overShandong( [&]( double lon, double lat ) {
    const LonLat gcj = wgs84ToGcj02( lon, lat );
    const LonLat twice = wgs84ToGcj02( gcj.lon, gcj.lat );
    worst = std::max( worst, shiftMetres( 2 * gcj.lon - twice.lon, 2 * gcj.lat - twice.lat, lon, lat ) );
  } );
  CHECK( worst > 1 );
  CHECK( worst < 3.2 );
}

TEST_CASE( "china coords - how far the web maps move Shandong", "[layers][import][china_coords]" )
{
  double minGcj = 1e9, maxGcj = 0, minBd = 1e9, maxBd = 0;
  overShandong( [&]( double lon, double lat ) {
    const LonLat gcj = wgs84ToGcj02( lon, lat );
    const LonLat bd = gcj02ToBd09( gcj.lon, gcj.lat );
    const double gcjShift = shiftMetres( lon, lat, gcj.lon, gcj.lat );
    const double bdShift = shiftMetres( lon, lat, bd.lon, bd.lat );
    minGcj = std::min( minGcj, gcjShift );
    maxGcj = std::max( maxGcj, gcjShift );
    minBd = std::min( minBd, bdShift );
    maxBd = std::max( maxBd, bdShift );
  } );
  CHECK( minGcj > 400 );
  CHECK( maxGcj < 600 );
  CHECK( minBd > 1100 );
  CHECK( maxBd < 1500 );
  // Jinan's centre: the GCJ-02 shift is about half a kilometre.
  const LonLat jinan = wgs84ToGcj02( 117.0, 36.65 );
  CHECK( shiftMetres( 117.0, 36.65, jinan.lon, jinan.lat ) == Approx( 500 ).margin( 60 ) );
}

TEST_CASE( "china coords - outside China nothing moves", "[layers][import][china_coords]" )
{
  CHECK( outsideChina( 2.35, 48.85 ) );   // Paris
  CHECK( outsideChina( 139.7, 35.7 ) );   // Tokyo
  CHECK_FALSE( outsideChina( 117.0, 36.65 ) );
  const LonLat paris = wgs84ToGcj02( 2.35, 48.85 );
  CHECK( paris.lon == 2.35 );
  CHECK( paris.lat == 48.85 );
  const LonLat back = gcj02ToWgs84( 2.35, 48.85 );
  CHECK( back.lon == 2.35 );
  CHECK( back.lat == 48.85 );
  const LonLat same = toCgcs2000( SourceCrs::Wgs84, 117.0, 36.65 );
  CHECK( same.lon == 117.0 );
  CHECK( same.lat == 36.65 );
}

TEST_CASE( "china coords - shift distances", "[layers][import][china_coords]" )
{
  CHECK( shiftMetres( 117, 36, 117, 36 ) == 0 );
  // One degree of latitude on the mean sphere: 2πR/360.
  CHECK( shiftMetres( 117, 36, 117, 37 ) == Approx( 111195.08 ).margin( 0.01 ) );
  CHECK( shiftMetres( 0, 0, 180, 0 ) == Approx( 20015114.35 ).margin( 0.01 ) );
}

TEST_CASE( "china coords - the shifts inside the province, as the README and the help state them", "[layers][import][china_coords]" )
{
  // A 200 x 100 grid over the box, kept where the bundled province outline holds it.
  GDALDatasetUniquePtr ds( GDALDataset::Open( ( std::string( HTSPLAN_SOURCE_DIR ) + "/data/shandong.gpkg" ).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY ) );
  REQUIRE( ds );
  OGRLayer *province = ds->GetLayerByName( "province" );
  REQUIRE( province );
  OGRFeatureUniquePtr outline( province->GetNextFeature() );
  REQUIRE( outline );
  const OGRGeometry *shape = outline->GetGeometryRef();
  double minGcj = 1e9, maxGcj = 0, minBd = 1e9, maxBd = 0;
  int inside = 0;
  for ( int i = 0; i < 200; ++i )
    for ( int j = 0; j < 100; ++j )
    {
      const double lon = 114.8 + 7.9 * i / 199, lat = 34.4 + 4.0 * j / 99;
      const OGRPoint p( lon, lat );
      if ( !shape->Contains( &p ) )
        continue;
      ++inside;
      const LonLat gcj = wgs84ToGcj02( lon, lat );
      const LonLat bd = gcj02ToBd09( gcj.lon, gcj.lat );
      const double g = shiftMetres( lon, lat, gcj.lon, gcj.lat ), b = shiftMetres( lon, lat, bd.lon, bd.lat );
      minGcj = std::min( minGcj, g );
      maxGcj = std::max( maxGcj, g );
      minBd = std::min( minBd, b );
      maxBd = std::max( maxBd, b );
    }
  CHECK( inside > 9000 );
  // GCJ-02: 410-571 m; BD-09: 1.19-1.38 km (measured on this grid).
  CHECK( minGcj == Approx( 410 ).margin( 5 ) );
  CHECK( maxGcj == Approx( 571 ).margin( 5 ) );
  CHECK( minBd == Approx( 1191 ).margin( 5 ) );
  CHECK( maxBd == Approx( 1377 ).margin( 5 ) );
}
