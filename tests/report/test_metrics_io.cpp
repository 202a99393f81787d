#include <catch2/catch.hpp>

#include "report/metrics_io.h"

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
