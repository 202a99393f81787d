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
  CHECK_THROWS_WITH( load( file( "20.7", plan, "\"X\"" ) ), Catch::Contains( "targets[0]: 'target' must be a whole number" ) );
  CHECK_THROWS_WITH( load( file( "1e300", plan, "\"X\"" ) ), Catch::Contains( "targets[0]: 'target' must be a whole number" ) );
  CHECK_THROWS_WITH( load( file( "4294967316", plan, "\"X\"" ) ), Catch::Contains( "targets[0]: 'target' is out of range" ) );
  CHECK_THROWS_WITH( load( file( "-4294967316", plan, "\"X\"" ) ), Catch::Contains( "targets[0]: 'target' is out of range" ) );
  CHECK_THROWS_WITH( load( file( "true", plan, "\"X\"" ) ), Catch::Contains( "targets[0]: 'target' has the wrong type" ) );
  CHECK_THROWS_WITH( load( file( "\"20\"", plan, "\"X\"" ) ), Catch::Contains( "targets[0]: 'target' has the wrong type" ) );
  CHECK_THROWS_WITH( load( file( "20", "5", "\"X\"" ) ), Catch::Contains( "'plan' must be an object" ) );
  CHECK_THROWS_WITH( load( file( "20", R"({"start_year":2011,"name_zh":7})", "\"X\"" ) ), Catch::Contains( "plan: 'name_zh' has the wrong type" ) );
  CHECK_THROWS_WITH( load( file( "20", plan, "7" ) ), Catch::Contains( "sectors[0]: 'name_en' has the wrong type" ) );
  const std::string infinite = R"({"plan":{"start_year":2011},"targets":[{"kind":"base","target":3,"year":2015}],
    "backbone_revenue_threshold_cny":1e999,"coverage_kinds":["base"],"sectors":[{"code":"x","name_zh":"x"}]})";
  CHECK_THROWS_WITH( load( infinite ), Catch::Contains( "malformed JSON: number overflow parsing '1e999'" ) );
}
