#include <catch2/catch.hpp>

#include "layers/facilities.h"
#include "tests/testdata.h"

#include <QTemporaryDir>

#include <algorithm>

using namespace testdata;

namespace
{
bool hasProblem( const htsplan::FacilitySet &set, const std::string &layer, const std::string &field, const std::string &text )
{
  return std::any_of( set.problems.begin(), set.problems.end(), [&]( const htsplan::Problem &p ) {
    return p.layer == layer && p.field == field && p.problem.find( text ) != std::string::npos;
  } );
}

Feature park( const std::string &wkt, const std::string &name, const std::string &sector )
{
  return { wkt, { { "name", name }, { "sector", sector }, { "status", std::string( "designated" ) }, { "year", 2012LL } } };
}
} // namespace

TEST_CASE( "facilities - bad files stop with a message naming file and layer", "[layers][facilities]" )
{
  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  QTemporaryDir dir;

  SECTION( "a missing file" )
  {
    CHECK_THROWS_WITH( htsplan::loadFacilities( "/nonexistent/f.gpkg", targets ), Catch::Contains( "/nonexistent/f.gpkg" ) && Catch::Contains( "no such file" ) );
  }
  SECTION( "none of the known layers" )
  {
    const std::string path = dir.filePath( "other.gpkg" ).toStdString();
    writeLayer( path, "shops", 4490, wkbPoint, facilityFields(), { park( "POINT(117.5 36.5)", "店", "it_services" ) } );
    CHECK_THROWS_WITH( htsplan::loadFacilities( path, targets ), Catch::Contains( "none of the layers" ) && Catch::Contains( "shops" ) );
  }
  SECTION( "no CRS and coordinates that are not longitude/latitude" )
  {
    const std::string path = dir.filePath( "metres.gpkg" ).toStdString();
    writeLayer( path, "parks", 0, wkbPoint, facilityFields(), { park( "POINT(500000 4000000)", "园", "it_services" ) } );
    CHECK_THROWS_WITH( htsplan::loadFacilities( path, targets ), Catch::Contains( "layer 'parks'" ) && Catch::Contains( "no CRS" ) );
  }
}

TEST_CASE( "facilities - recoverable problems are warnings", "[layers][facilities]" )
{
  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  QTemporaryDir dir;
  const std::string path = dir.filePath( "f.gpkg" ).toStdString();

  SECTION( "no CRS but plausible lon/lat: CGCS2000 assumed" )
  {
    writeLayer( path, "parks", 0, wkbPoint, facilityFields(), { park( "POINT(117.5 36.5)", "齐鲁软件园", "it_services" ) } );
    const auto set = htsplan::loadFacilities( path, targets );
    REQUIRE( set.items.size() == 1 );
    CHECK( set.items[0].x == Approx( 117.5 ) );
    CHECK( hasProblem( set, "parks", "", "EPSG:4490" ) );
  }
  SECTION( "another CRS is reprojected" )
  {
    // 117.5E 36.5N in CGCS2000 3-degree Gauss-Kruger zone 39 (EPSG:4548, central meridian 117E).
    writeLayer( path, "parks", 4548, wkbPoint, facilityFields(), { park( "POINT(544795.718 4041140.757)", "园", "it_services" ) } );
    const auto set = htsplan::loadFacilities( path, targets );
    REQUIRE( set.items.size() == 1 );
    CHECK( set.items[0].x == Approx( 117.5 ).margin( 1e-4 ) );
    CHECK( set.items[0].y == Approx( 36.5 ).margin( 1e-4 ) );
    CHECK( hasProblem( set, "parks", "", "reprojected" ) );
  }
  SECTION( "unknown sector, Chinese sector name and Chinese status" )
  {
    Feature chinese = park( "POINT(117.5 36.5)", "乙", "信息技术服务" );
    chinese.fields["status"] = std::string( "已认定" );
    writeLayer( path, "parks", 4490, wkbPoint, facilityFields(), { park( "POINT(117.5 36.5)", "甲", "quantum_finance" ), chinese } );
    const auto set = htsplan::loadFacilities( path, targets );
    REQUIRE( set.items.size() == 2 );
    CHECK( set.items[0].sector == -1 );
    CHECK( hasProblem( set, "parks", "sector", "unknown sector 'quantum_finance'" ) );
    CHECK( targets.sectors[set.items[1].sector].code == "it_services" );
    CHECK( set.items[1].status == htsplan::Status::Designated );
  }
  SECTION( "an invalid polygon is repaired and placed by its point on surface" )
  {
    // A bow-tie: two triangles meeting at (117.5 36.5).
    writeLayer( path, "hightech_zones", 4490, wkbPolygon, { { "name", OFTString }, { "zone_type", OFTString } },
                { { "POLYGON((117 36,118 37,118 36,117 37,117 36))", { { "name", std::string( "蝶形区" ) }, { "zone_type", std::string( "hightech" ) } } } } );
    const auto set = htsplan::loadFacilities( path, targets );
    REQUIRE( set.items.size() == 1 );
    CHECK( set.items[0].geometry->IsValid() );
    CHECK( hasProblem( set, "hightech_zones", "", "invalid polygon" ) );
  }
  SECTION( "a missing optional field and a feature without geometry" )
  {
    writeLayer( path, "bases", 4490, wkbPoint, { { "name", OFTString }, { "sector", OFTString } },
                { { "POINT(117.5 36.5)", { { "name", std::string( "基地" ) }, { "sector", std::string( "testing" ) } } },
                  { "", { { "name", std::string( "无位置基地" ) }, { "sector", std::string( "testing" ) } } } } );
    const auto set = htsplan::loadFacilities( path, targets );
    CHECK( set.items.size() == 1 );
    CHECK( hasProblem( set, "bases", "year", "missing field 'year'" ) );
    CHECK( hasProblem( set, "bases", "status", "counts as designated" ) );
    REQUIRE( set.unplaced.size() == 1 );
    CHECK( set.unplaced[0].name == "无位置基地" );
    CHECK( set.unplaced[0].reason == "no geometry" );
  }
}
