#include <catch2/catch.hpp>

#include "layers/import/city_weights.h"
#include "layers/problems.h"

#include <QTemporaryDir>

#include <cpl_string.h>

#include <fstream>

using namespace htsplan;

namespace
{
const std::vector<std::pair<std::string, std::string>> Cities = { { "370100", "济南市" }, { "370200", "青岛市" }, { "371200", "莱芜市" } };

std::string writeBytes( const QTemporaryDir &dir, const std::string &name, const std::string &bytes )
{
  const std::string path = dir.path().toStdString() + "/" + name;
  std::ofstream( path, std::ios::binary ) << bytes;
  return path;
}

std::string gbk( const std::string &utf8 )
{
  char *bytes = CPLRecode( utf8.c_str(), CPL_ENC_UTF8, "GB18030" );
  std::string out = bytes;
  CPLFree( bytes );
  return out;
}

std::string errorOf( const std::string &path, const std::string &column )
{
  try
  {
    readCityWeights( path, column, Cities );
  }
  catch ( const InputError &e )
  {
    return e.what();
  }
  return "no error";
}
} // namespace

TEST_CASE( "city weights - a UTF-8 CSV keyed by city code", "[layers][import][weights]" )
{
  QTemporaryDir dir;
  const std::string path = writeBytes( dir, "gdp.csv", "city_code,name,gdp,value_added\n370100,济南市,\"5,000.5\",1\n370200,青岛市,8000,2\n371200,莱芜市,700,0\n" );
  const CityWeights w = readCityWeights( path, "GDP", Cities );
  CHECK( w.column == "gdp" );
  CHECK( w.codeColumn == "city_code" );
  CHECK( w.encoding == "UTF-8" );
  CHECK( w.byCode.at( "370100" ) == Approx( 5000.5 ) );
  CHECK( w.byCode.at( "370200" ) == Approx( 8000 ) );
  CHECK( w.byCode.at( "371200" ) == Approx( 700 ) );
  // A weight of 0 is a weight: that city gets its floor.
  CHECK( readCityWeights( path, "value_added", Cities ).byCode.at( "371200" ) == 0 );
}

TEST_CASE( "city weights - a GBK file as Excel saves it on a Chinese Windows", "[layers][import][weights]" )
{
  QTemporaryDir dir;
  const std::string path = writeBytes( dir, "gbk.csv", gbk( "城市代码,城市,服务业增加值（亿元）\n370100,济南市,3500\n370200,青岛市,5200\n371200,莱芜市,300\n" ) );
  const CityWeights w = readCityWeights( path, "服务业增加值（亿元）", Cities );
  CHECK( w.encoding == "GB18030" );
  CHECK( w.codeColumn == "城市代码" );
  // The column's unit (亿元) scales every value alike: the shares do not change.
  CHECK( w.byCode.at( "370200" ) / w.byCode.at( "370100" ) == Approx( 5200.0 / 3500.0 ) );
}

TEST_CASE( "city weights - bad tables are refused naming file, row and field", "[layers][import][weights]" )
{
  QTemporaryDir dir;
  const std::string missing = writeBytes( dir, "missing.csv", "code,gdp\n370100,5000\n370200,8000\n" );
  CHECK( errorOf( missing, "gdp" ) == "weights " + missing + " (column 'gdp'): no row for 371200 莱芜市 (every city of the map needs a weight)" );
  const std::string negative = writeBytes( dir, "negative.csv", "code,gdp\n370100,5000\n370200,-8000\n371200,700\n" );
  CHECK( errorOf( negative, "gdp" ) == "weights " + negative + " (column 'gdp'): row 3, field 'gdp': '-8000' for 370200 青岛市 is negative (weights must be >= 0)" );
  const std::string null = writeBytes( dir, "null.csv", "code,gdp\n370100,\n370200,8000\n371200,NULL\n" );
  CHECK( errorOf( null, "gdp" ) == "weights " + null + " (column 'gdp'): row 2, field 'gdp': no weight (null) for 370100 济南市; row 4, field 'gdp': no weight (null) for 371200 莱芜市" );
  const std::string unknown = writeBytes( dir, "unknown.csv", "code,gdp\n370100,1\n370200,2\n371200,3\n379900,4\n" );
  CHECK( errorOf( unknown, "gdp" ) == "weights " + unknown + " (column 'gdp'): row 5, field 'code': '379900' is not a city of the map (370100 济南市, 370200 青岛市, 371200 莱芜市)" );
  const std::string twice = writeBytes( dir, "twice.csv", "code,gdp\n370100,1\n370200,2\n371200,3\n370100.0,4\n" );
  CHECK( errorOf( twice, "gdp" ) == "weights " + twice + " (column 'gdp'): row 5, field 'code': 370100 济南市 again (first in row 2)" );
  const std::string text = writeBytes( dir, "text.csv", "code,gdp\n370100,many\n370200,2\n371200,3\n" );
  CHECK( errorOf( text, "gdp" ).find( "row 2, field 'gdp': 'many' is not an amount for 370100 济南市" ) != std::string::npos );
  CHECK( errorOf( text, "gnp" ) == "weights " + text + ": no column 'gnp' (columns: 'code', 'gdp')" );
  const std::string noCode = writeBytes( dir, "nocode.csv", "city,gdp\n济南市,1\n" );
  CHECK( errorOf( noCode, "gdp" ).find( "no city code column" ) != std::string::npos );
}
