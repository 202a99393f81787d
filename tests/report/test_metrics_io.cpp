#include <catch2/catch.hpp>

#include "report/metrics_io.h"
#include "report/snapshot.h"

// No QGIS header here (and no precompiled one: tests/CMakeLists.txt): QGIS
// carries an older nlohmann json_fwd.hpp.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace
{
std::string bundledTargets() { return std::string( HTSPLAN_SOURCE_DIR ) + "/data/targets/shandong-2013.json"; }
} // namespace

TEST_CASE( "metrics_io - bytes that are not UTF-8 never lose the report", "[report][strict]" )
{
  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  htsplan::Metrics m;
  htsplan::UnitStats county;
  county.code = "379901";
  county.nameZh = "\xC8\xED\xBC\xFE"; // 软件 in GBK
  county.nameEn = "a,\"quoted\" name";
  m.counties.push_back( county );
  m.problems.push_back( { "warning", "parks", "\xFF\xFE broken", "name", "bad \xC3 byte", "a kind", "'\xFF'" } );
  m.problems.push_back( { "warning", "parks", "", "", "a layer problem" } );

  const std::string json = htsplan::metricsJson( m, htsplan::Analyses(), targets );
  CHECK_THAT( json, Catch::Contains( "\"feature\": \"\xEF\xBF\xBD\xEF\xBF\xBD broken\"" ) ); // U+FFFD for each bad byte
  CHECK_THAT( json, Catch::Contains( "\"kind\": \"a kind\"" ) );
  CHECK_THAT( json, Catch::Contains( "\"kind\": \"a layer problem\"" ) ); // a problem without a kind is its own kind

  const std::string csv = htsplan::unitsCsv( m.counties, true );
  CHECK_THAT( csv, Catch::Contains( "379901,软件,\"a,\"\"quoted\"\" name\"" ) ); // GBK read as GB18030, quotes doubled
}

namespace
{
std::vector<std::string> keysOf( const nlohmann::ordered_json &object )
{
  std::vector<std::string> keys;
  for ( const auto &item : object.items() )
    keys.push_back( item.key() );
  return keys;
}
} // namespace

TEST_CASE( "metrics_io - each city and county carries its sectors, coverage shares, rank and share, as computed", "[report]" )
{
  const htsplan::PlanningInputs inputs = htsplan::loadPlanningInputs( htsplan::defaultInputPaths() );
  htsplan::SnapshotOptions options;
  options.analyses.enabled = false;
  const htsplan::Metrics m = htsplan::computeSnapshot( inputs, options ).metrics;
  const nlohmann::ordered_json doc = nlohmann::ordered_json::parse( htsplan::metricsJson( m, htsplan::Analyses(), inputs.targets ) );

  const std::vector<std::string> kinds = { "hightech_zone", "base", "park", "building", "enterprise" };
  // The keys that were there before come first, in their order; the new ones after them.
  const std::vector<std::string> cityKeys = { "code", "name", "name_en", "area_km2", "population", "counts", "counts_all",
                                              "per_10k_km2", "per_million_people", "by_year", "by_sector", "coverage_share",
                                              "rank", "share_of_province" };
  const std::vector<std::string> countyKeys = { "code", "name", "name_en", "city_code", "area_km2", "population", "counts",
                                                "counts_all", "per_10k_km2", "per_million_people", "by_year", "by_sector",
                                                "coverage_share" };
  for ( const bool cities : { true, false } )
  {
    const std::vector<htsplan::UnitStats> &units = cities ? m.cities : m.counties;
    const nlohmann::ordered_json &list = doc.at( cities ? "cities" : "counties" );
    REQUIRE( list.size() == units.size() );
    for ( size_t i = 0; i < units.size(); ++i )
    {
      const htsplan::UnitStats &u = units[i];
      const nlohmann::ordered_json &unit = list[i];
      INFO( u.code );
      CHECK( keysOf( unit ) == ( cities ? cityKeys : countyKeys ) );

      std::vector<std::string> sectorKeys;
      for ( const htsplan::SectorCounts &s : u.bySector )
      {
        sectorKeys.push_back( s.sector );
        for ( size_t k = 0; k < kinds.size(); ++k )
          CHECK( unit["by_sector"][s.sector].at( kinds[k] ).get<int>() == s.counts[k] );
      }
      CHECK( keysOf( unit["by_sector"] ) == sectorKeys );

      std::vector<std::string> coverageKeys;
      for ( const htsplan::UnitCoverageShare &c : u.coverage )
      {
        coverageKeys.push_back( c.kind );
        CHECK( unit["coverage_share"].at( c.kind ).get<double>() == c.areaShare ); // written to round-trip
      }
      CHECK( keysOf( unit["coverage_share"] ) == coverageKeys );
      CHECK( coverageKeys == std::vector<std::string>{ "base", "park" } );

      if ( !cities )
        continue;
      CHECK( keysOf( unit["rank"] ) == kinds );
      CHECK( keysOf( unit["share_of_province"] ) == kinds );
      for ( size_t k = 0; k < kinds.size(); ++k )
      {
        CHECK( unit["rank"][kinds[k]].get<int>() == u.rank[k] );
        CHECK( unit["share_of_province"][kinds[k]].get<double>() == u.shareOfProvince[k] );
      }
    }
  }
  // The bundled sample has carriers: ranks start at 1 and shares add up to 1.
  for ( const int k : { 1, 2 } )
  {
    double total = 0;
    int first = 0;
    for ( const auto &city : doc["cities"] )
    {
      total += city["share_of_province"][kinds[k]].get<double>();
      first += city["rank"][kinds[k]].get<int>() == 1 ? 1 : 0;
    }
    CHECK( total == Approx( 1.0 ) );
    CHECK( first >= 1 );
  }
}
