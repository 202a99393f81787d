// Specialization from the engine's units: the leading sector and the
// same-lead flag on a hand-built case, the city adjacency on the bundled map.
#include "planning/metrics.h"
#include "planning/specialization.h"
#include "geometry/crs.h"
#include "layers/admin.h"
#include "layers/paths.h"

#include <catch2/catch.hpp>

#include <algorithm>

namespace
{
htsplan::UnitStats unit( const std::string &code, std::vector<std::pair<std::string, int>> sectors )
{
  htsplan::UnitStats u;
  u.code = code;
  for ( const auto &[sector, enterprises] : sectors )
  {
    htsplan::SectorCounts s;
    s.sector = sector;
    s.counts[static_cast<int>( htsplan::Kind::Enterprise )] = enterprises;
    s.counts[static_cast<int>( htsplan::Kind::Park )] = enterprises > 0 ? 1 : 0; // kinds are summed
    u.bySector.push_back( s );
  }
  return u;
}
} // namespace

TEST_CASE( "specialization - leading sectors and neighbours leading in the same sector", "[planning][specialization]" )
{
  // Three cities in a row (A-B-C), plus D bordering none. unknown is no sector.
  const std::vector<htsplan::UnitStats> cities = {
    unit( "A", { { "marine", 5 }, { "biotech", 0 }, { "unknown", 40 } } ), // 6 + 0 (+ the park)
    unit( "B", { { "marine", 3 }, { "biotech", 1 } } ),                    // 4 + 2
    unit( "C", { { "marine", 0 }, { "biotech", 5 } } ),                    // 0 + 6
    unit( "D", { { "marine", 0 }, { "biotech", 0 } } ),
  };
  const std::vector<std::vector<int>> neighbours = { { 1 }, { 0, 2 }, { 1 }, {} };
  const htsplan::Specialization s = htsplan::computeSpecialization( cities, {}, neighbours );
  REQUIRE( s.sectors == std::vector<std::string>{ "marine", "biotech" } );
  // Carriers: A 6, B 6, C 6; marine 10, biotech 8, total 18.
  CHECK( s.cities[0].carriers == 6 );
  CHECK( s.cities[0].lq[0] == Approx( ( 6.0 / 6.0 ) / ( 10.0 / 18.0 ) ) );
  CHECK( s.cities[1].lq[0] == Approx( ( 4.0 / 6.0 ) / ( 10.0 / 18.0 ) ) ); // 1.2
  CHECK( s.cities[1].lq[1] == Approx( ( 2.0 / 6.0 ) / ( 8.0 / 18.0 ) ) );  // 0.75
  CHECK( s.cities[0].leadingSector == "marine" );
  CHECK( s.cities[1].leadingSector == "marine" );
  CHECK( s.cities[2].leadingSector == "biotech" );
  CHECK( s.cities[3].leadingSector.empty() );
  CHECK( s.cities[1].hhi == Approx( 4.0 / 9.0 + 1.0 / 9.0 ) );
  // A and B border each other and both lead in marine; C borders B but leads in biotech.
  CHECK( s.cities[0].sameLeadNeighbours == std::vector<std::string>{ "B" } );
  CHECK( s.cities[1].sameLeadNeighbours == std::vector<std::string>{ "A" } );
  CHECK( s.cities[2].sameLeadNeighbours.empty() );
  CHECK( s.lorenzCities.gini == Approx( 0.25 ) ); // 0, 6, 6, 6: 2 * 54 / (4 * 18) - 5 / 4
  CHECK( s.sectorHhiCities[1] == Approx( ( 2.0 / 8.0 ) * ( 2.0 / 8.0 ) + ( 6.0 / 8.0 ) * ( 6.0 / 8.0 ) ) );
}

TEST_CASE( "specialization - city adjacency on the bundled map", "[planning][specialization]" )
{
  const htsplan::AdminData admin = htsplan::loadAdmin( htsplan::defaultAdminPath(), htsplan::Vintage::Current, htsplan::equalArea() );
  const std::vector<std::vector<int>> n = htsplan::cityNeighbours( admin );
  REQUIRE( n.size() == 16 );
  auto borders = [&]( const char *a, const char *b ) {
    const int i = admin.cityIndex( a ), j = admin.cityIndex( b );
    REQUIRE( i >= 0 );
    REQUIRE( j >= 0 );
    return std::find( n[static_cast<size_t>( i )].begin(), n[static_cast<size_t>( i )].end(), j ) != n[static_cast<size_t>( i )].end();
  };
  CHECK( borders( "370100", "370300" ) );  // 济南 - 淄博
  CHECK( borders( "370200", "370600" ) );  // 青岛 - 烟台
  CHECK( borders( "370600", "371000" ) );  // 烟台 - 威海
  CHECK_FALSE( borders( "370100", "370200" ) ); // 济南 - 青岛
  CHECK_FALSE( borders( "371000", "370200" ) ); // 威海 - 青岛: 烟台 lies between
  size_t pairs = 0;
  for ( const auto &list : n )
    pairs += list.size();
  CHECK( pairs == 2 * 29 ); // OGR Intersects on the same polygons (checked with osgeo)
}
