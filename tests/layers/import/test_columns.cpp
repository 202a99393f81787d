#include <catch2/catch.hpp>

#include "layers/import/columns.h"
#include "layers/problems.h"

using namespace htsplan;

TEST_CASE( "columns - role keys", "[layers][import][columns]" )
{
  for ( Role role : { Role::Name, Role::Sector, Role::Status, Role::Year, Role::Revenue, Role::Lon, Role::Lat, Role::Kind,
                      Role::Id, Role::Parent, Role::ZoneType } )
    CHECK( parseRole( roleKey( role ) ) == role );
  CHECK( std::string( roleKey( Role::ZoneType ) ) == "zone_type" );
  CHECK( parseRole( " LON " ) == Role::Lon );
  CHECK_FALSE( parseRole( "longitude" ) );
  CHECK_FALSE( parseRole( "" ) );
}

TEST_CASE( "columns - a bureau's Chinese headers", "[layers][import][columns]" )
{
  const std::vector<std::string> headers = { "序号", "企业名称", "所属领域", "认定状态", "认定年份", "营业收入（万元）", "经度", "纬度", "统一社会信用代码" };
  const ColumnMapping m = guessColumns( headers, {} );
  CHECK( m.columns == std::map<Role, int> { { Role::Name, 1 }, { Role::Sector, 2 }, { Role::Status, 3 }, { Role::Year, 4 },
                                            { Role::Revenue, 5 }, { Role::Lon, 6 }, { Role::Lat, 7 }, { Role::Id, 8 } } );
  CHECK( m.revenueFactor == 1e4 );
  REQUIRE( m.notes.size() == 1 );
  CHECK( m.notes[0] == "revenue in '营业收入（万元）' (column F) is multiplied by 10000 to yuan" );
}

TEST_CASE( "columns - other spellings", "[layers][import][columns]" )
{
  SECTION( "东经, 北纬, full-width and spaced names, units and markers" )
  {
    const ColumnMapping m = guessColumns( { "*园区名称", "东经", "北纬", "Ｙｅａｒ", "主营业务收入(亿元)", "园区 类型", "所属园区" }, {} );
    CHECK( m.columns == std::map<Role, int> { { Role::Name, 0 }, { Role::Lon, 1 }, { Role::Lat, 2 }, { Role::Year, 3 },
                                              { Role::Revenue, 4 }, { Role::ZoneType, 5 }, { Role::Parent, 6 } } );
    CHECK( m.revenueFactor == 1e8 );
  }
  SECTION( "X坐标 and Y坐标, English names, a unit in the coordinate header" )
  {
    const ColumnMapping m = guessColumns( { "ID", "Name", "Kind", "X坐标", "Y坐标（高德）", "Revenue_CNY" }, {} );
    CHECK( m.columns == std::map<Role, int> { { Role::Id, 0 }, { Role::Name, 1 }, { Role::Kind, 2 }, { Role::Lon, 3 },
                                              { Role::Lat, 4 }, { Role::Revenue, 5 } } );
    CHECK( m.revenueFactor == 1 );
    CHECK( m.notes.empty() );
  }
  SECTION( "lng, latitude, status" )
  {
    const ColumnMapping m = guessColumns( { "lng", "latitude", "status", "sector", "parent", "zone_type" }, {} );
    CHECK( m.columns == std::map<Role, int> { { Role::Lon, 0 }, { Role::Lat, 1 }, { Role::Status, 2 }, { Role::Sector, 3 },
                                              { Role::Parent, 4 }, { Role::ZoneType, 5 } } );
  }
  SECTION( "unknown headers map to nothing" )
  {
    const ColumnMapping m = guessColumns( { "备注", "联系人", "" }, {} );
    CHECK( m.columns.empty() );
    CHECK( guessColumns( {}, {} ).columns.empty() );
  }
}

TEST_CASE( "columns - two headers for one role: the first wins", "[layers][import][columns]" )
{
  const ColumnMapping m = guessColumns( { "名称", "经度", "lon", "纬度" }, {} );
  CHECK( m.columns.at( Role::Lon ) == 1 );
  REQUIRE( m.notes.size() == 1 );
  CHECK( m.notes[0] == "columns '经度' (column B) and 'lon' (column C) both look like lon: the first is used" );
}

TEST_CASE( "columns - an explicit mapping wins", "[layers][import][columns]" )
{
  const std::vector<std::string> headers = { "名称", "经度", "纬度", "经度(WGS84)", "纬度(WGS84)", "营业收入（万元）" };
  const ColumnMapping m = guessColumns( headers, { { Role::Lon, "经度(wgs84)" }, { Role::Lat, " 纬度（WGS84） " } } );
  CHECK( m.columns.at( Role::Lon ) == 3 );
  CHECK( m.columns.at( Role::Lat ) == 4 );
  CHECK( m.columns.at( Role::Name ) == 0 );
  CHECK( m.notes.size() == 1 ); // the revenue unit only: the explicit columns are no conflict

  SECTION( "a header is found without its unit" )
  {
    const ColumnMapping r = guessColumns( headers, { { Role::Revenue, "营业收入" } } );
    CHECK( r.columns.at( Role::Revenue ) == 5 );
    CHECK( r.revenueFactor == 1e4 );
  }
  SECTION( "an unusual header gets a role" )
  {
    const ColumnMapping r = guessColumns( { "载体", "备注" }, { { Role::Name, "载体" } } );
    CHECK( r.columns == std::map<Role, int> { { Role::Name, 0 } } );
  }
  SECTION( "a missing header names itself and the headers there are" )
  {
    try
    {
      guessColumns( { "名称", "经度" }, { { Role::Lat, "北纬度" } } );
      FAIL( "no error for a missing column" );
    }
    catch ( const InputError &e )
    {
      CHECK( std::string( e.what() ) == "no column '北纬度' for lat; the headers are '名称', '经度'" );
    }
  }
}

TEST_CASE( "columns - hints of Amap or Baidu coordinates", "[layers][import][columns]" )
{
  const std::vector<CrsHint> hints = crsHints( { "名称", "经度（高德）", "纬度(BD09)", "lon_gcj" }, "/data/baidu/园区_百度坐标.csv" );
  REQUIRE( hints.size() == 4 );
  CHECK( hints[0].crs == SourceCrs::Gcj02 );
  CHECK( hints[0].text == "经度（高德）" );
  CHECK( hints[1].crs == SourceCrs::Bd09 );
  CHECK( hints[1].text == "纬度(BD09)" );
  CHECK( hints[2].crs == SourceCrs::Gcj02 );
  CHECK( hints[3].crs == SourceCrs::Bd09 );
  CHECK( hints[3].text == "园区_百度坐标.csv" );
  CHECK( crsHints( { "名称", "经度", "纬度" }, "/home/amap/parks.csv" ).empty() ); // folders do not count
  CHECK( crsHints( { "Amap lon", "腾讯地图纬度", "火星坐标" } ).size() == 3 );
}
