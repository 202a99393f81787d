#include <catch2/catch.hpp>

#include "layers/problems.h"
#include "layers/targets.h"

#include <QTemporaryDir>

#include <fstream>

namespace
{
std::string bundledTargets() { return std::string( HTSPLAN_SOURCE_DIR ) + "/data/targets/shandong-2013.json"; }
} // namespace

TEST_CASE( "targets - the bundled policy targets", "[layers][targets]" )
{
  const htsplan::Targets t = htsplan::loadTargets( bundledTargets() );
  CHECK( t.startYear == 2011 );
  CHECK( t.targetYear == 2015 );
  REQUIRE( t.targetFor( htsplan::Kind::Base ) );
  CHECK( t.targetFor( htsplan::Kind::Base )->target == 20 );
  CHECK( t.targetFor( htsplan::Kind::Park )->target == 100 );
  CHECK( t.targetFor( htsplan::Kind::Building )->target == 200 );
  CHECK( t.targetFor( htsplan::Kind::Enterprise )->target == 100 );
  CHECK_FALSE( t.targetFor( htsplan::Kind::HightechZone ) );
  CHECK( t.backboneRevenueCny == Approx( 1e8 ) );
  CHECK( t.sectors.size() == 9 );
  CHECK( t.centralCities == std::vector<std::string>{ "370100", "370200" } );
  CHECK( t.coverageKinds == std::vector<htsplan::Kind>{ htsplan::Kind::Base, htsplan::Kind::Park } );

  SECTION( "sectors are found by code, Chinese name and alias" )
  {
    const int it = *t.sectorIndex( "it_services" );
    CHECK( t.sectors[it].nameZh == "信息技术服务" );
    CHECK( t.sectorIndex( "信息技术服务" ) == it );
    CHECK( t.sectorIndex( "  IT Services " ) == it );
    CHECK( t.sectorIndex( "软件和信息技术服务" ) == it );
    CHECK_FALSE( t.sectorIndex( "quantum_finance" ) );
    CHECK_FALSE( t.sectorIndex( "" ) );
  }
}

TEST_CASE( "targets - a malformed file names the file and the line", "[layers][targets]" )
{
  QTemporaryDir dir;
  const std::string path = dir.filePath( "bad.json" ).toStdString();
  std::ofstream( path ) << "{\n  \"plan\": {\"start_year\": 2011},\n  \"targets\": [ { \"kind\": \"base\" \"target\": 20 } ]\n}\n";
  try
  {
    htsplan::loadTargets( path );
    FAIL( "no error for malformed JSON" );
  }
  catch ( const htsplan::InputError &e )
  {
    const std::string message = e.what();
    CHECK_THAT( message, Catch::Contains( path ) );
    CHECK_THAT( message, Catch::Contains( "line 3" ) );
  }
}

TEST_CASE( "targets - a missing file or an unknown kind is an input error", "[layers][targets]" )
{
  CHECK_THROWS_AS( htsplan::loadTargets( "/nonexistent/targets.json" ), htsplan::InputError );
  QTemporaryDir dir;
  const std::string path = dir.filePath( "kind.json" ).toStdString();
  std::ofstream( path ) << R"({"plan":{"start_year":2011},"targets":[{"kind":"castle","target":3,"year":2015}],
    "backbone_revenue_threshold_cny":1e8,"sectors":[{"code":"x","name_zh":"x"}]})";
  CHECK_THROWS_WITH( htsplan::loadTargets( path ), Catch::Contains( "unknown kind 'castle'" ) );

  const std::string coveragePath = dir.filePath( "coverage.json" ).toStdString();
  std::ofstream( coveragePath ) << R"({"plan":{"start_year":2011},"targets":[{"kind":"base","target":3,"year":2015}],
    "backbone_revenue_threshold_cny":1e8,"coverage_kinds":["base","castle"],"sectors":[{"code":"x","name_zh":"x"}]})";
  CHECK_THROWS_WITH( htsplan::loadTargets( coveragePath ), Catch::Contains( "coverage_kinds: unknown kind \"castle\"" ) );
}

namespace
{
//! The bundled targets file with one piece of text replaced.
std::string editedTargets( const QTemporaryDir &dir, const std::string &from, const std::string &to, const std::string &prefix = {} )
{
  std::ifstream in( bundledTargets() );
  std::string text( ( std::istreambuf_iterator<char>( in ) ), std::istreambuf_iterator<char>() );
  const auto at = text.find( from );
  REQUIRE( at != std::string::npos );
  text.replace( at, from.size(), to );
  const std::string path = dir.filePath( "edited.json" ).toStdString();
  std::ofstream( path, std::ios::binary ) << prefix << text;
  return path;
}
} // namespace

TEST_CASE( "targets - read strictly: whole numbers in range, each kind once, errors with the key path", "[layers][targets][strict]" )
{
  QTemporaryDir dir;
  const std::string base = R"("kind": "base", "name_zh": "高技术服务业基地", "target": 20)";

  SECTION( "a byte-order mark is accepted" )
  {
    const htsplan::Targets t = htsplan::loadTargets( editedTargets( dir, "\"format\"", "\"format\"", "\xEF\xBB\xBF" ) );
    CHECK( t.targetFor( htsplan::Kind::Base )->target == 20 );
  }
  SECTION( "4294967316 is not 20" )
  {
    const std::string path = editedTargets( dir, base, R"("kind": "base", "target": 4294967316)" );
    CHECK_THROWS_WITH( htsplan::loadTargets( path ), Catch::Contains( path ) && Catch::Contains( "'targets[0].target' is 4294967316, outside 1..1000000" ) );
  }
  SECTION( "20.7 is not 20" )
  {
    const std::string path = editedTargets( dir, base, R"("kind": "base", "target": 20.7)" );
    CHECK_THROWS_WITH( htsplan::loadTargets( path ), Catch::Contains( "'targets[0].target' is 20.7, not a whole number" ) );
  }
  SECTION( "a target as text, negative or zero" )
  {
    CHECK_THROWS_WITH( htsplan::loadTargets( editedTargets( dir, base, R"("kind": "base", "target": "20")" ) ),
                       Catch::Contains( "'targets[0].target' is \"20\", not a number" ) );
    CHECK_THROWS_WITH( htsplan::loadTargets( editedTargets( dir, base, R"("kind": "base", "target": -3)" ) ),
                       Catch::Contains( "'targets[0].target' is -3, outside 1..1000000" ) );
  }
  SECTION( "a duplicated kind names both entries" )
  {
    const std::string path = editedTargets( dir, R"("kind": "building")", R"("kind": "park")" );
    CHECK_THROWS_WITH( htsplan::loadTargets( path ), Catch::Contains( "'targets[2].kind': 'park' is already the kind of targets[1]" ) );
  }
  SECTION( "a year out of range, a start year as a fraction" )
  {
    CHECK_THROWS_WITH( htsplan::loadTargets( editedTargets( dir, R"("start_year": 2011)", R"("start_year": 2011.5)" ) ),
                       Catch::Contains( "'plan.start_year' is 2011.5, not a whole number" ) );
    CHECK_THROWS_WITH( htsplan::loadTargets( editedTargets( dir, R"("target": 20, "year": 2015)", R"("target": 20, "year": 20150)" ) ),
                       Catch::Contains( "'targets[0].year' is 20150, outside 1949..2100" ) );
  }
  SECTION( "a threshold as text, a missing key, a sector code twice" )
  {
    CHECK_THROWS_WITH( htsplan::loadTargets( editedTargets( dir, "100000000,", "\"1亿\"," ) ),
                       Catch::Contains( "'backbone_revenue_threshold_cny' is \"1亿\", not a number" ) );
    CHECK_THROWS_WITH( htsplan::loadTargets( editedTargets( dir, R"("annual_revenue_growth": 0.20)", R"("growth": 0.20)" ) ),
                       Catch::Contains( "'growth_targets[0].annual_revenue_growth' is missing" ) );
    CHECK_THROWS_WITH( htsplan::loadTargets( editedTargets( dir, R"("code": "biotech")", R"("code": "marine")" ) ),
                       Catch::Contains( "'sectors[8].code': 'marine' is already the code of sectors[7]" ) );
  }
  SECTION( "central cities by name are kept for the admin map to resolve; a repeated one is an error" )
  {
    CHECK( htsplan::loadTargets( editedTargets( dir, R"(["370100", "370200"])", R"(["济南市", "Qingdao"])" ) ).centralCities ==
           std::vector<std::string>{ "济南市", "Qingdao" } );
    CHECK_THROWS_WITH( htsplan::loadTargets( editedTargets( dir, R"(["370100", "370200"])", R"(["370100", "370100"])" ) ),
                       Catch::Contains( "'central_cities[1]': '370100' is listed twice" ) );
  }
}

TEST_CASE( "targets - numbers and texts of the wrong kind are input errors", "[layers][targets]" )
{
  // Cases tests/fuzz/fuzz_targets.cpp found or suggested: json's own
  // conversions truncated 20.7, overflowed on 1e300 and threw their own
  // type_error for a non-text name.
  QTemporaryDir dir;
  const auto load = [&]( const std::string &json ) {
    const std::string path = dir.filePath( "t.json" ).toStdString();
    std::ofstream( path ) << json;
    return htsplan::loadTargets( path );
  };
  const auto file = []( const std::string &target, const std::string &plan, const std::string &nameEn ) {
    return R"({"plan":)" + plan + R"(,"targets":[{"kind":"base","target":)" + target +
           R"(,"year":2015}],"backbone_revenue_threshold_cny":1e8,"coverage_kinds":["base"],"sectors":[{"code":"x","name_zh":"x","name_en":)" +
           nameEn + "}]}";
  };
  const std::string plan = R"({"start_year":2011,"name_zh":"计划"})";
  REQUIRE( load( file( "20", plan, "\"X\"" ) ).targetFor( htsplan::Kind::Base )->target == 20 );
  CHECK( load( file( "20", plan, "\"X\"" ) ).planNameZh == "计划" );
  CHECK_THROWS_WITH( load( file( "20.7", plan, "\"X\"" ) ), Catch::Contains( "'targets[0].target' is 20.7, not a whole number" ) );
  CHECK_THROWS_WITH( load( file( "1e300", plan, "\"X\"" ) ), Catch::Contains( "'targets[0].target' is 1e+300, not a whole number" ) );
  CHECK_THROWS_WITH( load( file( "4294967316", plan, "\"X\"" ) ), Catch::Contains( "'targets[0].target' is 4294967316, outside 1..1000000" ) );
  CHECK_THROWS_WITH( load( file( "-4294967316", plan, "\"X\"" ) ), Catch::Contains( "'targets[0].target' is -4294967316, outside 1..1000000" ) );
  CHECK_THROWS_WITH( load( file( "true", plan, "\"X\"" ) ), Catch::Contains( "'targets[0].target' is true, not a number" ) );
  CHECK_THROWS_WITH( load( file( "\"20\"", plan, "\"X\"" ) ), Catch::Contains( "'targets[0].target' is \"20\", not a number" ) );
  CHECK_THROWS_WITH( load( file( "20", "5", "\"X\"" ) ), Catch::Contains( "'plan' must be an object" ) );
  CHECK_THROWS_WITH( load( file( "20", R"({"start_year":2011,"name_zh":7})", "\"X\"" ) ), Catch::Contains( "'plan.name_zh' is 7, not a text" ) );
  CHECK_THROWS_WITH( load( file( "20", plan, "7" ) ), Catch::Contains( "'sectors[0].name_en' is 7, not a text" ) );
  const std::string infinite = R"({"plan":{"start_year":2011},"targets":[{"kind":"base","target":3,"year":2015}],
    "backbone_revenue_threshold_cny":1e999,"coverage_kinds":["base"],"sectors":[{"code":"x","name_zh":"x"}]})";
  CHECK_THROWS_WITH( load( infinite ), Catch::Contains( "malformed JSON: number overflow parsing '1e999'" ) );
}
