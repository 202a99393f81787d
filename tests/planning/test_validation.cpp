#include <catch2/catch.hpp>

#include "geometry/crs.h"
#include "layers/paths.h"
#include "planning/validation.h"
#include "tests/testdata.h"

#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <random>
#include <map>
#include <set>

using namespace testdata;

namespace
{
Feature point( double x, double y, const std::string &id, const std::string &name, const std::string &parent, Value year = 2012LL,
               Value status = std::string( "designated" ), const std::string &sector = "it_services" )
{
  Feature f{ "POINT(" + std::to_string( x ) + " " + std::to_string( y ) + ")",
             { { "id", id }, { "name", name }, { "sector", sector }, { "status", status }, { "year", year } } };
  if ( !parent.empty() )
    f.fields["parent"] = parent;
  return f;
}

Feature withCodes( Feature f, const std::string &city, const std::string &county )
{
  f.fields["city_code"] = city;
  f.fields["county_code"] = county;
  return f;
}

//! A zone of about 9 by 11 km in the west county (city 379900), and a clean chain zone → base → park → building, enterprise.
struct Register
{
    std::vector<Feature> zones = { { "POLYGON((117.40 36.40,117.50 36.40,117.50 36.50,117.40 36.50,117.40 36.40))",
                                     { { "id", std::string( "Z1" ) }, { "name", std::string( "西县高新区" ) }, { "zone_type", std::string( "hightech" ) },
                                       { "status", std::string( "designated" ) }, { "year", 1984LL } } } }; // the first development zones' year
    std::vector<Feature> bases = { point( 117.45, 36.45, "B1", "西县基地", "Z1", 2010LL ) };
    std::vector<Feature> parks = { point( 117.46, 36.46, "P1", "西县软件园", "B1", 2011LL ) };
    std::vector<Feature> buildings = { point( 117.461, 36.461, "T1", "软件大厦", "P1", 2012LL ) };
    std::vector<Feature> enterprises = { withCodes( point( 117.47, 36.47, "E1", "西县软件公司", "P1", 2009LL ), "379900", "379901" ), // older than its park: no designation order
                                         point( 117.2, 36.2, "E2", "独立企业", "", 2013LL ) };

    std::string write( const QTemporaryDir &dir ) const
    {
      const std::string path = dir.filePath( "register.gpkg" ).toStdString();
      writeLayer( path, "hightech_zones", 4490, wkbPolygon,
                  { { "id", OFTString }, { "name", OFTString }, { "zone_type", OFTString }, { "sector", OFTString }, { "status", OFTString }, { "year", OFTInteger } },
                  zones );
      writeLayer( path, "bases", 4490, wkbPoint, facilityFields(), bases );
      writeLayer( path, "parks", 4490, wkbPoint, facilityFields(), parks );
      writeLayer( path, "buildings", 4490, wkbPoint, facilityFields(), buildings );
      std::vector<Field> withCodes = facilityFields();
      withCodes.push_back( { "city_code", OFTString } );
      withCodes.push_back( { "county_code", OFTString } );
      writeLayer( path, "enterprises", 4490, wkbPoint, withCodes, enterprises );
      return path;
    }
};

htsplan::ValidationResult validate( const Register &reg )
{
  QTemporaryDir dir;
  const std::string adminPath = dir.filePath( "admin.gpkg" ).toStdString();
  writeTwoCountyAdmin( adminPath );
  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  const htsplan::AdminData admin = htsplan::loadAdmin( adminPath, htsplan::Vintage::Y2015, htsplan::equalArea() );
  const htsplan::FacilitySet set = htsplan::loadFacilities( reg.write( dir ), targets );
  htsplan::ValidationSettings settings;
  settings.maxYear = 2020; // the range does not move with the calendar
  return htsplan::validateRegister( set, admin, targets, settings );
}

//! rule code -> the feature ids it fired on.
std::map<std::string, std::multiset<std::string>> firings( const htsplan::ValidationResult &result )
{
  std::map<std::string, std::multiset<std::string>> out;
  for ( const htsplan::Violation &v : result.violations )
    out[v.code].insert( v.id );
  return out;
}
} // namespace

TEST_CASE( "validation - a clean register breaks no rule", "[planning][validation]" )
{
  const htsplan::ValidationResult result = validate( Register() );
  CHECK( result.violations.empty() );
  CHECK( result.errors == 0 );
  CHECK( result.warnings == 0 );
  CHECK( result.byRule.size() == htsplan::validationRules().size() );
}

TEST_CASE( "validation - each rule fires where it should and nowhere else", "[planning][validation]" )
{
  Register reg;
  reg.buildings.push_back( point( 117.462, 36.462, "T2", "自指楼宇", "T2" ) );         // REF_SELF
  reg.buildings.push_back( point( 117.463, 36.463, "T3", "缺上级楼宇", "P999" ) );      // REF_MISSING_PARENT
  reg.buildings.push_back( point( 117.464, 36.464, "T4", "挂基地楼宇", "B1" ) );        // REF_WRONG_KIND
  reg.enterprises.push_back( point( 117.471, 36.471, "E3", "循环企业", "T5" ) );        // REF_CYCLE with T5 ...
  reg.buildings.push_back( point( 117.472, 36.472, "T5", "循环楼宇", "E3" ) );          // ... which also names a wrong kind
  reg.parks.push_back( point( 117.455, 36.455, "P2", "无上级园区", "" ) );              // REF_NO_PARENT
  reg.enterprises.push_back( point( 116.5, 36.5, "E4", "省外企业", "" ) );              // PLACE_OUTSIDE_PROVINCE
  reg.bases.push_back( point( 117.80, 36.80, "B3", "候选基地", "", Value(), std::string( "candidate" ) ) );
  reg.parks.push_back( point( 117.801, 36.801, "P3", "区外园区", "B3" ) );              // PLACE_OUTSIDE_ZONES
  reg.buildings.push_back( point( 117.49, 36.49, "T6", "远处楼宇", "P1" ) );            // PLACE_FAR_FROM_PARENT (about 4 km)
  reg.enterprises.push_back( point( 118.2, 36.5, "E5", "东县企业", "P1" ) );            // PLACE_OTHER_CITY
  reg.enterprises.push_back( point( 117.3, 36.3, "T1", "重号企业", "" ) );              // REG_DUPLICATE_ID (a building's id)
  reg.buildings.push_back( point( 117.465, 36.465, "T7", "重复楼宇", "P1" ) );
  reg.buildings.push_back( point( 117.465, 36.465, "T7", "重复楼宇", "P1" ) );          // REG_REPEATED
  reg.enterprises.push_back( point( 117.30, 36.40, "E6", "同名企业", "" ) );
  reg.enterprises.push_back( point( 117.301, 36.40, "E7", "同名企业", "" ) );           // REG_SAME_NAME_NEARBY (about 90 m)
  reg.enterprises.push_back( point( 117.35, 36.35, "E8", "甲企业", "" ) );
  reg.enterprises.push_back( point( 117.35, 36.35, "E9", "乙企业", "" ) );              // REG_SAME_POINT
  reg.buildings.push_back( point( 117.466, 36.466, "T8", "早认定楼宇", "P1", 2005LL ) ); // REG_CHILD_BEFORE_PARENT (P1: 2011)
  reg.enterprises.push_back( point( 117.21, 36.21, "E10", "无状态企业", "", 2012LL, Value() ) ); // REG_MISSING_STATUS
  reg.enterprises.push_back( point( 117.22, 36.22, "E11", "无年份企业", "", Value() ) );         // REG_MISSING_YEAR
  reg.enterprises.push_back( point( 117.23, 36.23, "E12", "老企业", "", 1983LL ) );              // REG_YEAR_RANGE
  reg.enterprises.push_back( point( 117.24, 36.24, "E13", "量子企业", "", 2012LL, std::string( "designated" ), "quantum_finance" ) ); // REG_UNKNOWN_SECTOR
  reg.enterprises.push_back( withCodes( point( 117.25, 36.25, "E14", "错市企业", "" ), "379700", "379901" ) ); // REG_CODE_NOT_IN_VINTAGE (city)
  reg.enterprises.push_back( withCodes( point( 117.26, 36.26, "E15", "错县企业", "" ), "379900", "379903" ) ); // REG_CODE_NOT_IN_VINTAGE (county)

  const htsplan::ValidationResult result = validate( reg );
  using S = std::multiset<std::string>;
  const std::map<std::string, S> expected = {
    { "REF_SELF", S{ "T2" } },
    { "REF_MISSING_PARENT", S{ "T3" } },
    { "REF_WRONG_KIND", S{ "T4", "T5" } },
    { "REF_CYCLE", S{ "E3", "T5" } },
    { "REF_NO_PARENT", S{ "P2" } },
    { "PLACE_OUTSIDE_PROVINCE", S{ "E4" } },
    { "PLACE_OUTSIDE_ZONES", S{ "P3" } },
    { "PLACE_FAR_FROM_PARENT", S{ "T6" } },
    { "PLACE_OTHER_CITY", S{ "E5" } },
    { "REG_DUPLICATE_ID", S{ "T1" } },
    { "REG_REPEATED", S{ "T7" } },
    { "REG_SAME_NAME_NEARBY", S{ "E7" } },
    { "REG_SAME_POINT", S{ "E9" } },
    { "REG_CHILD_BEFORE_PARENT", S{ "T8" } },
    { "REG_MISSING_STATUS", S{ "E10" } },
    { "REG_MISSING_YEAR", S{ "E11" } },
    { "REG_YEAR_RANGE", S{ "E12" } },
    { "REG_UNKNOWN_SECTOR", S{ "E13" } },
    { "REG_CODE_NOT_IN_VINTAGE", S{ "E14", "E15" } },
  };
  CHECK( firings( result ) == expected );
  // Every rule of the list has its case.
  for ( const htsplan::ValidationRule &r : htsplan::validationRules() )
  {
    INFO( r.code );
    CHECK( expected.count( r.code ) == 1 );
    CHECK( result.byRule.at( r.code ) == static_cast<int>( expected.at( r.code ).size() ) );
  }
  // Errors: the broken references (1 + 1 + 2 + 2), the carrier outside the province, the id in two layers; the rest are warnings.
  CHECK( result.errors == 8 );
  CHECK( result.warnings == 14 );

  SECTION( "messages name the layer, the feature and the field, in both languages" )
  {
    const auto wrong = std::find_if( result.violations.begin(), result.violations.end(), []( const htsplan::Violation &v ) { return v.id == "T4"; } );
    REQUIRE( wrong != result.violations.end() );
    CHECK( wrong->layer == "buildings" );
    CHECK( wrong->field == "parent" );
    CHECK( wrong->messageEn.find( "buildings: feature T4 挂基地楼宇" ) == 0 );
    CHECK( wrong->messageEn.find( "field 'parent'" ) != std::string::npos );
    CHECK( wrong->messageEn.find( "B1" ) != std::string::npos );
    CHECK( wrong->messageZh.find( "buildings 图层，要素 T4 挂基地楼宇" ) == 0 );
    CHECK( wrong->messageZh.find( "字段 parent" ) != std::string::npos );
    // The point is the feature's place.
    CHECK( wrong->x == Approx( 117.464 ) );
    CHECK( wrong->y == Approx( 36.464 ) );
    const auto county = std::find_if( result.violations.begin(), result.violations.end(), []( const htsplan::Violation &v ) { return v.id == "E15"; } );
    REQUIRE( county != result.violations.end() );
    CHECK( county->field == "county_code" );
    CHECK( county->messageEn.find( "county 379903 is no county" ) != std::string::npos );
  }
  SECTION( "distances are metres in the analysis CRS" )
  {
    const auto far = std::find_if( result.violations.begin(), result.violations.end(), []( const htsplan::Violation &v ) { return v.code == "PLACE_FAR_FROM_PARENT"; } );
    REQUIRE( far != result.violations.end() );
    // T6 is 0.03° east and north of P1: 2.69 km and 3.33 km at 36.5° N, 4.3 km in all.
    CHECK( far->messageEn.find( "4.3 km from its parent P1" ) != std::string::npos );
  }
}

TEST_CASE( "validation - the set distances move the place rules", "[planning][validation]" )
{
  Register reg;
  reg.buildings.push_back( point( 117.49, 36.49, "T6", "远处楼宇", "P1" ) );
  QTemporaryDir dir;
  const std::string adminPath = dir.filePath( "admin.gpkg" ).toStdString();
  writeTwoCountyAdmin( adminPath );
  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  const htsplan::AdminData admin = htsplan::loadAdmin( adminPath, htsplan::Vintage::Y2015, htsplan::equalArea() );
  const htsplan::FacilitySet set = htsplan::loadFacilities( reg.write( dir ), targets );
  htsplan::ValidationSettings settings;
  settings.maxYear = 2020;
  settings.buildingToParkM = 4400;
  CHECK( htsplan::validateRegister( set, admin, targets, settings ).byRule.at( "PLACE_FAR_FROM_PARENT" ) == 0 );
  settings.buildingToParkM = 4200;
  CHECK( htsplan::validateRegister( set, admin, targets, settings ).byRule.at( "PLACE_FAR_FROM_PARENT" ) == 1 );
}

TEST_CASE( "validation - the sample's deliberate flaws are all found", "[planning][validation]" )
{
  const htsplan::Targets targets = htsplan::loadTargets( htsplan::defaultTargetsPath() );
  const htsplan::AdminData admin = htsplan::loadAdmin( htsplan::defaultAdminPath(), htsplan::Vintage::Y2015, htsplan::equalArea() );
  const htsplan::FacilitySet set = htsplan::loadFacilities( htsplan::defaultFacilitiesPath(), targets );
  htsplan::ValidationSettings settings;
  settings.maxYear = 2020;
  const htsplan::ValidationResult result = htsplan::validateRegister( set, admin, targets, settings );
  const auto fired = firings( result );
  auto on = [&]( const std::string &code ) { return fired.count( code ) ? fired.at( code ) : std::multiset<std::string>{}; };
  // data/README.md: P110 outside every zone with no parent, T057's unknown sector, T230 in the sea off Weihai,
  // P087 dated before its base.
  CHECK( on( "REF_NO_PARENT" ) == std::multiset<std::string>{ "P110" } );
  CHECK( on( "PLACE_OUTSIDE_ZONES" ) == std::multiset<std::string>{ "P110" } );
  CHECK( on( "REG_UNKNOWN_SECTOR" ) == std::multiset<std::string>{ "T057" } );
  CHECK( on( "PLACE_OUTSIDE_PROVINCE" ) == std::multiset<std::string>{ "T230" } );
  // The sample's places hang together otherwise: no false alarm from the place and reference rules.
  for ( const char *code : { "REF_SELF", "REF_MISSING_PARENT", "REF_WRONG_KIND", "REF_CYCLE", "PLACE_FAR_FROM_PARENT", "PLACE_OTHER_CITY",
                             "REG_DUPLICATE_ID", "REG_REPEATED", "REG_SAME_NAME_NEARBY", "REG_SAME_POINT", "REG_MISSING_STATUS", "REG_YEAR_RANGE" } )
  {
    INFO( code );
    CHECK( result.byRule.at( code ) == 0 );
  }
  // About 4% of the sample's years are null: every designated carrier among them, counted here from the items.
  int designatedWithoutYear = 0;
  for ( const htsplan::Facility &f : set.items )
    designatedWithoutYear += f.status == htsplan::Status::Designated && !f.year && !f.yearUnreadable ? 1 : 0;
  CHECK( designatedWithoutYear == 23 );
  CHECK( result.byRule.at( "REG_MISSING_YEAR" ) == designatedWithoutYear );
  // The sample dates each carrier at or after its parent but for P087 (parents named by id).
  std::map<std::string, int> yearOf;
  for ( const htsplan::Facility &f : set.items )
    if ( f.year )
      yearOf[f.id] = *f.year;
  std::multiset<std::string> beforeParent;
  for ( const htsplan::Facility &f : set.items )
    if ( f.kind != htsplan::Kind::Enterprise && f.year && yearOf.count( f.parent ) && *f.year < yearOf.at( f.parent ) )
      beforeParent.insert( f.id );
  CHECK( beforeParent == std::multiset<std::string>{ "P087" } );
  CHECK( on( "REG_CHILD_BEFORE_PARENT" ) == beforeParent );
  CHECK( result.errors == 1 );
  CHECK( result.warnings == 1 + 1 + 1 + 23 + 1 );
}

TEST_CASE( "validation - a finding's detail drops the layer and feature its table's columns give", "[planning][validation]" )
{
  const htsplan::Targets targets = htsplan::loadTargets( htsplan::defaultTargetsPath() );
  const htsplan::AdminData admin = htsplan::loadAdmin( htsplan::defaultAdminPath(), htsplan::Vintage::Y2015, htsplan::equalArea() );
  const htsplan::ValidationResult result = htsplan::validateRegister( htsplan::loadFacilities( htsplan::defaultFacilitiesPath(), targets ), admin, targets );
  int withField = 0, withoutField = 0;
  for ( const htsplan::Violation &v : result.violations )
  {
    INFO( v.messageEn << " / " << v.messageZh );
    const std::string en = htsplan::findingDetail( v.messageEn, v.fid ), zh = htsplan::findingDetail( v.messageZh, v.fid );
    // Both end the message, without the layer or the feature's id, and start with the field when there is one.
    CHECK( v.messageEn.size() > en.size() );
    CHECK( v.messageEn.compare( v.messageEn.size() - en.size(), en.size(), en ) == 0 );
    CHECK( v.messageZh.compare( v.messageZh.size() - zh.size(), zh.size(), zh ) == 0 );
    CHECK( en.find( "feature " ) == std::string::npos );
    CHECK( zh.find( "图层" ) == std::string::npos );
    CHECK( ( en.front() != ' ' && en.front() != ',' && en.front() != ':' ) );
    if ( v.field.empty() )
      ++withoutField;
    else
    {
      ++withField;
      CHECK( en.rfind( "field '" + v.field + "'", 0 ) == 0 );
      CHECK( zh.rfind( "字段 " + v.field, 0 ) == 0 );
    }
  }
  CHECK( withField > 0 );
  CHECK( withoutField > 0 ); // T230 outside the province names no field
  CHECK( htsplan::findingDetail( "no feature named here", 3 ) == "no feature named here" );
}

TEST_CASE( "validation - a generated register with seeded flaws: each found, no false alarm", "[planning][validation]" )
{
  // A consistent hierarchy in the west county (lon 117-118, lat 36-37): zones of about
  // 3.6 by 4.4 km, bases near their centre, parks inside, buildings and enterprises
  // within about 550 m of their park; every year at or after the parent's.
  std::mt19937_64 rng( 20130701 );
  auto uniform = [&]( double a, double b ) { return std::uniform_real_distribution<double>( a, b )( rng ); };
  auto year = [&]( long long from ) { return from + static_cast<long long>( rng() % 3 ); };
  Register reg;
  reg.zones.clear();
  reg.bases.clear();
  reg.parks.clear();
  reg.buildings.clear();
  reg.enterprises.clear();
  struct Place
  {
      double x, y;
      long long year;
  };
  std::vector<Place> parks;
  for ( int z = 0; z < 8; ++z )
  {
    const double cx = uniform( 117.2, 117.8 ), cy = uniform( 36.2, 36.8 );
    const std::string zid = "Z" + std::to_string( z );
    auto corner = [&]( double dx, double dy ) { return std::to_string( cx + dx ) + " " + std::to_string( cy + dy ); };
    reg.zones.push_back( { "POLYGON((" + corner( -0.02, -0.02 ) + "," + corner( 0.02, -0.02 ) + "," + corner( 0.02, 0.02 ) + "," + corner( -0.02, 0.02 ) + "," + corner( -0.02, -0.02 ) + "))",
                           { { "id", zid }, { "name", "高新区" + zid }, { "zone_type", std::string( "hightech" ) }, { "status", std::string( "designated" ) }, { "year", 1992LL } } } );
    for ( int b = 0; b < 2; ++b )
    {
      const std::string bid = zid + "B" + std::to_string( b );
      const double bx = cx + uniform( -0.005, 0.005 ), by = cy + uniform( -0.005, 0.005 );
      const long long by0 = year( 2000 );
      reg.bases.push_back( point( bx, by, bid, "基地" + bid, zid, by0 ) );
      for ( int p = 0; p < 3; ++p )
      {
        const std::string pid = bid + "P" + std::to_string( p );
        const Place park{ bx + uniform( -0.01, 0.01 ), by + uniform( -0.01, 0.01 ), year( by0 ) };
        parks.push_back( park );
        reg.parks.push_back( point( park.x, park.y, pid, "园区" + pid, bid, park.year ) );
      }
    }
  }
  for ( int t = 0; t < 120; ++t )
  {
    const size_t p = rng() % parks.size();
    reg.buildings.push_back( point( parks[p].x + uniform( -0.005, 0.005 ), parks[p].y + uniform( -0.005, 0.005 ), "T" + std::to_string( t ), "楼宇" + std::to_string( t ),
                                    std::get<std::string>( reg.parks[p].fields.at( "id" ) ), year( parks[p].year ) ) );
  }
  for ( int e = 0; e < 200; ++e )
  {
    const size_t p = rng() % parks.size();
    const bool inPark = e % 3 != 0;
    reg.enterprises.push_back( inPark ? point( parks[p].x + uniform( -0.005, 0.005 ), parks[p].y + uniform( -0.005, 0.005 ), "E" + std::to_string( e ), "企业" + std::to_string( e ),
                                               std::get<std::string>( reg.parks[p].fields.at( "id" ) ), year( 2005 ) )
                                      : point( uniform( 117.05, 117.95 ), uniform( 36.05, 36.95 ), "E" + std::to_string( e ), "企业" + std::to_string( e ), "", year( 2005 ) ) );
  }
  CHECK( validate( reg ).violations.empty() );

  // Three flaws of each kind, each on its own feature.
  std::vector<size_t> buildings( reg.buildings.size() ), enterprises( reg.enterprises.size() );
  std::iota( buildings.begin(), buildings.end(), 0 );
  std::iota( enterprises.begin(), enterprises.end(), 0 );
  std::shuffle( buildings.begin(), buildings.end(), rng );
  std::shuffle( enterprises.begin(), enterprises.end(), rng );
  std::map<std::string, std::multiset<std::string>> seeded;
  auto idOf = []( const Feature &f ) { return std::get<std::string>( f.fields.at( "id" ) ); };
  auto moved = []( Feature &f, double dx, double dy ) {
    double x = 0, y = 0;
    REQUIRE( std::sscanf( f.wkt.c_str(), "POINT(%lf %lf)", &x, &y ) == 2 );
    f.wkt = "POINT(" + std::to_string( x + dx ) + " " + std::to_string( y + dy ) + ")";
  };
  size_t nb = 0, ne = 0;
  for ( int k = 0; k < 3; ++k )
  {
    Feature &missing = reg.buildings[buildings[nb++]];
    missing.fields["parent"] = std::string( "NOPE" ) + std::to_string( k );
    seeded["REF_MISSING_PARENT"].insert( idOf( missing ) );
    Feature &far = reg.buildings[buildings[nb++]];
    moved( far, 0.05, 0.0 ); // about 4.5 km east, still in the county
    seeded["PLACE_FAR_FROM_PARENT"].insert( idOf( far ) );
    Feature &early = reg.buildings[buildings[nb++]];
    early.fields["year"] = 1999LL; // every park is from 2000 on
    seeded["REG_CHILD_BEFORE_PARENT"].insert( idOf( early ) );
    Feature &sector = reg.enterprises[enterprises[ne++]];
    sector.fields["sector"] = std::string( "quantum_x" );
    seeded["REG_UNKNOWN_SECTOR"].insert( idOf( sector ) );
    Feature &noYear = reg.enterprises[enterprises[ne++]];
    noYear.fields["year"] = Value();
    seeded["REG_MISSING_YEAR"].insert( idOf( noYear ) );
    Feature &outside = reg.enterprises[enterprises[ne++]];
    moved( outside, -1.2, 0.0 ); // west of lon 117: in no county
    seeded["PLACE_OUTSIDE_PROVINCE"].insert( idOf( outside ) );
    Feature twice = reg.enterprises[enterprises[ne++]];
    twice.fields["id"] = std::string( "X" ) + std::to_string( k );
    moved( twice, 0.0, 0.001 ); // about 110 m north, same name
    seeded["REG_SAME_NAME_NEARBY"].insert( idOf( twice ) );
    Feature samePoint = reg.enterprises[enterprises[ne++]];
    samePoint.fields["id"] = std::string( "Y" ) + std::to_string( k );
    samePoint.fields["name"] = std::string( "同点企业" ) + std::to_string( k );
    seeded["REG_SAME_POINT"].insert( idOf( samePoint ) );
    reg.enterprises.push_back( twice );
    reg.enterprises.push_back( samePoint );
  }
  CHECK( firings( validate( reg ) ) == seeded );
}

TEST_CASE( "validation - Laiwu's city code is no city of the current map", "[planning][validation]" )
{
  QTemporaryDir dir;
  const std::string path = dir.filePath( "laiwu.gpkg" ).toStdString();
  std::vector<Field> fields = facilityFields();
  fields.push_back( { "city_code", OFTString } );
  // 莱城区 (371202), in Laiwu on the 2015 map and in Jinan on the current one.
  writeLayer( path, "enterprises", 4490, wkbPoint, fields, { withCodes( point( 117.66, 36.21, "E1", "莱芜企业", "" ), "371200", "" ) } );
  const htsplan::Targets targets = htsplan::loadTargets( htsplan::defaultTargetsPath() );
  const htsplan::FacilitySet set = htsplan::loadFacilities( path, targets );
  REQUIRE( set.items.size() == 1 );
  CHECK( set.items[0].cityCode == "371200" );
  htsplan::ValidationSettings settings;
  settings.maxYear = 2020;
  const htsplan::AdminData y2015 = htsplan::loadAdmin( htsplan::defaultAdminPath(), htsplan::Vintage::Y2015, htsplan::equalArea() );
  const htsplan::AdminData current = htsplan::loadAdmin( htsplan::defaultAdminPath(), htsplan::Vintage::Current, htsplan::equalArea() );
  CHECK( htsplan::validateRegister( set, y2015, targets, settings ).violations.empty() );
  const htsplan::ValidationResult now = htsplan::validateRegister( set, current, targets, settings );
  REQUIRE( now.violations.size() == 1 );
  CHECK( now.violations[0].code == "REG_CODE_NOT_IN_VINTAGE" );
  CHECK( now.violations[0].messageEn.find( "city 371200 is no city of the current map" ) != std::string::npos );
}
