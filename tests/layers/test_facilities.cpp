#include <catch2/catch.hpp>

#include "layers/facilities.h"
#include "tests/testdata.h"

#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <limits>

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

namespace
{
size_t countProblems( const htsplan::FacilitySet &set, const std::string &layer, const std::string &text )
{
  return static_cast<size_t>( std::count_if( set.problems.begin(), set.problems.end(), [&]( const htsplan::Problem &p ) {
    return p.layer == layer && p.problem.find( text ) != std::string::npos;
  } ) );
}

Feature named( const std::string &wkt, const std::string &id, const std::string &name )
{
  Feature f = park( wkt, name, "it_services" );
  if ( !id.empty() )
    f.fields["id"] = id;
  return f;
}

//! Adds point features with raw coordinates (NaN, infinity: WKT cannot say them) to a layer.
void addRawPoints( const std::string &path, const std::string &layerName, const std::vector<std::pair<double, double>> &points )
{
  GDALDatasetUniquePtr ds( GDALDataset::Open( path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE ) );
  OGRLayer *layer = ds->GetLayerByName( layerName.c_str() );
  int n = 0;
  for ( const auto &[x, y] : points )
  {
    OGRFeature feature( layer->GetLayerDefn() );
    feature.SetField( "name", ( "raw " + std::to_string( ++n ) ).c_str() );
    feature.SetField( "status", "designated" );
    feature.SetGeometryDirectly( new OGRPoint( x, y ) );
    REQUIRE( layer->CreateFeature( &feature ) == OGRERR_NONE );
  }
}
} // namespace

TEST_CASE( "facilities - a feature listed twice counts once", "[layers][facilities][strict]" )
{
  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  QTemporaryDir dir;
  const std::string path = dir.filePath( "twice.gpkg" ).toStdString();
  writeLayer( path, "parks", 4490, wkbPoint, facilityFields(),
              { named( "POINT(117.5 36.5)", "P1", "软件园" ),
                named( "POINT(117.6 36.6)", "P1", "软件园二期" ),  // same id, another place: still a repeat of fid 1
                named( "POINT(117.7 36.7)", "", "科技园" ),
                named( "POINT(117.700001 36.700003)", "", "科技园" ), // no id, same name, 0.35 m away: a repeat
                named( "POINT(118.2 36.7)", "", "科技园" ),           // same name 45 km away: both counted
                named( "POINT(117.9 36.9)", "P7", "创意园" ),
                named( "POINT(117.9 36.9)", "P8", "创意园" ) } );  // same name and place, other id: both counted
  const auto set = htsplan::loadFacilities( path, targets );
  CHECK( set.items.size() == 5 );
  REQUIRE( set.unplaced.size() == 2 );
  CHECK( set.unplaced[0].reason == "repeat of fid 1" );
  CHECK( set.unplaced[0].name == "软件园二期" );
  CHECK( set.unplaced[1].reason == "repeat of fid 3" );
  CHECK( hasProblem( set, "parks", "", "repeats 软件园 (fid 1) (same id 'P1', but 14.3 km away: check which place is right); counted once" ) );
  CHECK( hasProblem( set, "parks", "", "repeats 科技园 (fid 3) (same name at the same place, no id); counted once" ) );
  CHECK( hasProblem( set, "parks", "", "same name as 科技园 (fid 3), 44.6 km away; both counted" ) );
  CHECK( hasProblem( set, "parks", "", "same name and place as 创意园 (fid 6) but another id ('P8', 'P7'); both counted" ) );

  SECTION( "the summary counts the repeats in one line" )
  {
    const std::vector<std::string> lines = htsplan::summariseProblems( set.problems );
    CHECK( std::count_if( lines.begin(), lines.end(), []( const std::string &l ) {
             return l.find( "warning: parks: 2 features: listed twice" ) == 0 && l.find( "'软件园二期 (fid 2)': repeats 软件园 (fid 1), same id 'P1', but 14.3 km away" ) != std::string::npos;
           } ) == 1 );
  }
}

TEST_CASE( "facilities - every park listed twice: 106 not 212", "[layers][facilities][strict]" )
{
  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  QTemporaryDir dir;
  const std::string path = dir.filePath( "doubled.gpkg" ).toStdString();
  std::vector<Feature> parks;
  for ( int copy = 0; copy < 2; ++copy )
    for ( int i = 0; i < 106; ++i )
      parks.push_back( named( "POINT(" + std::to_string( 115.0 + i * 0.05 ) + " 36.5)", copy == 0 || i % 2 ? "" : "", "园区" + std::to_string( i ) ) );
  writeLayer( path, "parks", 4490, wkbPoint, facilityFields(), parks );
  const auto set = htsplan::loadFacilities( path, targets );
  CHECK( set.items.size() == 106 );
  CHECK( set.unplaced.size() == 106 );
  CHECK( countProblems( set, "parks", "counted once" ) == 106 );
}

TEST_CASE( "facilities - fields in other cases are read by the name found", "[layers][facilities][strict]" )
{
  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  QTemporaryDir dir;
  const std::string path = dir.filePath( "case.gpkg" ).toStdString();
  writeLayer( path, "parks", 4490, wkbPoint, { { "ID", OFTString }, { "NAME", OFTString }, { "Sector", OFTString }, { "STATUS", OFTString }, { "Year", OFTInteger } },
              { { "POINT(117.5 36.5)", { { "ID", std::string( "P9" ) }, { "NAME", std::string( "齐鲁软件园" ) }, { "Sector", std::string( "testing" ) },
                                         { "STATUS", std::string( "candidate" ) }, { "Year", 2013LL } } } } );
  const auto set = htsplan::loadFacilities( path, targets );
  REQUIRE( set.items.size() == 1 );
  const htsplan::Facility &f = set.items[0];
  CHECK( f.name == "齐鲁软件园" );
  CHECK( f.id == "P9" );
  CHECK( f.sector >= 0 );
  CHECK( targets.sectors[f.sector].code == "testing" );
  CHECK( f.status == htsplan::Status::Candidate );
  CHECK( f.year == 2013 );
  CHECK_FALSE( hasProblem( set, "parks", "name", "missing field" ) );
  CHECK_FALSE( hasProblem( set, "parks", "year", "missing field" ) );
}

TEST_CASE( "facilities - years, statuses and revenues in odd forms", "[layers][facilities][strict]" )
{
  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  QTemporaryDir dir;
  const std::string path = dir.filePath( "odd.gpkg" ).toStdString();

  SECTION( "a year as text: 2016年 is 2016, an unreadable one never counts" )
  {
    const std::vector<Field> fields = { { "name", OFTString }, { "status", OFTString }, { "year", OFTString } };
    writeLayer( path, "parks", 4490, wkbPoint, fields,
                { { "POINT(117.5 36.5)", { { "name", std::string( "甲" ) }, { "status", std::string( " 已认定 " ) }, { "year", std::string( "2016年" ) } } },
                  { "POINT(117.6 36.5)", { { "name", std::string( "乙" ) }, { "status", std::string( "DESIGNATED" ) }, { "year", std::string( "去年" ) } } },
                  { "POINT(117.7 36.5)", { { "name", std::string( "丙" ) }, { "status", std::string( "designated" ) }, { "year", std::string( "1850" ) } } },
                  { "POINT(117.8 36.5)", { { "name", std::string( "丁" ) }, { "status", Value() }, { "year", Value() } } } } );
    const auto set = htsplan::loadFacilities( path, targets );
    REQUIRE( set.items.size() == 4 );
    CHECK( set.items[0].year == 2016 );
    CHECK( set.items[0].status == htsplan::Status::Designated );
    CHECK_FALSE( set.items[0].yearUnreadable );
    CHECK( set.items[1].status == htsplan::Status::Designated );
    CHECK( set.items[1].yearUnreadable );
    CHECK_FALSE( set.items[1].year );
    CHECK( set.items[2].yearUnreadable );
    CHECK( set.items[3].status == htsplan::Status::Unknown );
    CHECK_FALSE( set.items[3].yearUnreadable );
    CHECK( countProblems( set, "parks", "cannot be read" ) == 2 );
    CHECK( countProblems( set, "parks", "no status (NULL)" ) == 1 );
    CHECK( countProblems( set, "parks", "no year (NULL)" ) == 1 );
  }
  SECTION( "a year as a date or a date-time gives its year" )
  {
    const std::vector<Field> fields = { { "name", OFTString }, { "year", OFTDate } };
    writeLayer( path, "parks", 4490, wkbPoint, fields,
                { { "POINT(117.5 36.5)", { { "name", std::string( "甲" ) }, { "year", std::string( "2014-06-30" ) } } },
                  { "POINT(117.6 36.5)", { { "name", std::string( "乙" ) }, { "year", std::string( "1969-12-31" ) } } } } );
    writeLayer( path, "bases", 4490, wkbPoint, { { "name", OFTString }, { "YEAR", OFTDateTime } },
                { { "POINT(117.5 36.5)", { { "name", std::string( "丙" ) }, { "YEAR", std::string( "2013-12-31T23:59:59" ) } } } } );
    const auto set = htsplan::loadFacilities( path, targets );
    REQUIRE( set.items.size() == 3 );
    CHECK( set.items[0].year == 2013 ); // bases are read first
    CHECK( set.items[1].year == 2014 );
    CHECK( set.items[2].year == 1969 );
  }
  SECTION( "revenue: NULL and text with units" )
  {
    const std::vector<Field> fields = { { "name", OFTString }, { "revenue_cny", OFTString } };
    writeLayer( path, "enterprises", 4490, wkbPoint, fields,
                { { "POINT(117.5 36.5)", { { "name", std::string( "甲公司" ) }, { "revenue_cny", std::string( "1.2亿" ) } } },
                  { "POINT(117.6 36.5)", { { "name", std::string( "乙公司" ) }, { "revenue_cny", Value() } } },
                  { "POINT(117.7 36.5)", { { "name", std::string( "丙公司" ) }, { "revenue_cny", std::string( "-5" ) } } } } );
    const auto set = htsplan::loadFacilities( path, targets );
    REQUIRE( set.items.size() == 3 );
    CHECK( set.items[0].revenueCny == Approx( 1.2e8 ) );
    CHECK_FALSE( set.items[1].revenueCny );
    CHECK_FALSE( set.items[2].revenueCny );
    CHECK( countProblems( set, "enterprises", "no revenue (NULL)" ) == 1 );
    CHECK( countProblems( set, "enterprises", "revenue '-5' is negative or not an amount" ) == 1 );
  }
  SECTION( "revenues that look like 万元" )
  {
    writeLayer( path, "enterprises", 4490, wkbPoint, facilityFields(),
                { { "POINT(117.5 36.5)", { { "name", std::string( "甲公司" ) }, { "revenue_cny", 35000.0 } } },
                  { "POINT(117.6 36.5)", { { "name", std::string( "乙公司" ) }, { "revenue_cny", 8000.0 } } } } );
    const auto set = htsplan::loadFacilities( path, targets );
    CHECK( hasProblem( set, "enterprises", "revenue_cny", "all 2 revenues are below 1000000 yuan (largest 35000): they look like 万元" ) );
    CHECK( hasProblem( set, "enterprises", "revenue_cny", "read as 万元 1 would be" ) );
  }
  SECTION( "a revenue field under another name is pointed at" )
  {
    writeLayer( path, "enterprises", 4490, wkbPoint, { { "name", OFTString }, { "营业收入（万元）", OFTReal } },
                { { "POINT(117.5 36.5)", { { "name", std::string( "甲公司" ) }, { "营业收入（万元）", 35000.0 } } } } );
    const auto set = htsplan::loadFacilities( path, targets );
    CHECK( hasProblem( set, "enterprises", "revenue_cny", "field '营业收入（万元）' may hold it in units of 10000 yuan" ) );
  }
}

TEST_CASE( "facilities - text that is not UTF-8 is read as GB18030", "[layers][facilities][strict]" )
{
  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  QTemporaryDir dir;
  const std::string path = dir.filePath( "gbk.gpkg" ).toStdString();
  const std::string gbkName = "\xC8\xED\xBC\xFE\xD4\xB0";   // 软件园 in GBK
  const std::string gbkSector = "\xD0\xC5\xCF\xA2\xBC\xBC\xCA\xF5\xB7\xFE\xCE\xF1"; // 信息技术服务
  writeLayer( path, "parks", 4490, wkbPoint, facilityFields(), { park( "POINT(117.5 36.5)", gbkName, gbkSector ) } );
  const auto set = htsplan::loadFacilities( path, targets );
  REQUIRE( set.items.size() == 1 );
  CHECK( set.items[0].name == "软件园" );
  REQUIRE( set.items[0].sector >= 0 );
  CHECK( targets.sectors[set.items[0].sector].code == "it_services" );
  CHECK( countProblems( set, "parks", "not UTF-8, read as GB18030" ) == 2 );
}

TEST_CASE( "facilities - coordinates that do not fit the CRS name the cause", "[layers][facilities][strict]" )
{
  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  QTemporaryDir dir;
  const std::string path = dir.filePath( "crs.gpkg" ).toStdString();

  SECTION( "latitude/longitude swapped in EPSG:4490" )
  {
    writeLayer( path, "parks", 4490, wkbPoint, facilityFields(),
                { park( "POINT(36.1 117.0)", "甲", "testing" ), park( "POINT(37.9 120.3)", "乙", "testing" ) } );
    CHECK_THROWS_WITH( htsplan::loadFacilities( path, targets ),
                       Catch::Contains( path ) && Catch::Contains( "layer 'parks'" ) && Catch::Contains( "EPSG:4490" ) &&
                         Catch::Contains( "x 36.1 to 37.9, y 117 to 120.3" ) && Catch::Contains( "latitude/longitude swapped" ) );
  }
  SECTION( "one feature swapped among good ones is named" )
  {
    writeLayer( path, "parks", 4490, wkbPoint, facilityFields(),
                { park( "POINT(117.5 36.5)", "甲", "testing" ), park( "POINT(118.5 36.6)", "乙", "testing" ), park( "POINT(36.7 119.5)", "丙", "testing" ) } );
    CHECK_THROWS_WITH( htsplan::loadFacilities( path, targets ),
                       Catch::Contains( "1 of 3 features (the first 丙 (fid 3)) have coordinates (x 36.7 to 36.7, y 119.5 to 119.5) outside ±180/±90: "
                                        "they look like latitude/longitude swapped" ) );
  }
  SECTION( "Web Mercator metres labelled EPSG:4490" )
  {
    writeLayer( path, "parks", 4490, wkbPoint, facilityFields(), { park( "POINT(13080000 4370000)", "甲", "testing" ) } );
    CHECK_THROWS_WITH( htsplan::loadFacilities( path, targets ), Catch::Contains( "outside ±180/±90" ) && Catch::Contains( "Web Mercator" ) );
  }
  SECTION( "Gauss-Kruger metres labelled EPSG:4326" )
  {
    writeLayer( path, "parks", 4326, wkbPoint, facilityFields(), { park( "POINT(544795.7 4041140.8)", "甲", "testing" ) } );
    CHECK_THROWS_WITH( htsplan::loadFacilities( path, targets ), Catch::Contains( "EPSG:4326" ) && Catch::Contains( "Gauss-Kruger" ) );
  }
  SECTION( "longitude/latitude labelled with a projected CRS is a warning" )
  {
    writeLayer( path, "parks", 4548, wkbPoint, facilityFields(), { park( "POINT(117.5 36.5)", "甲", "testing" ) } );
    const auto set = htsplan::loadFacilities( path, targets );
    CHECK( hasProblem( set, "parks", "", "look like longitude/latitude: the layer's CRS is probably wrong" ) );
  }
}

TEST_CASE( "facilities - unusable geometries and layers are each reported", "[layers][facilities][strict]" )
{
  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  QTemporaryDir dir;
  const std::string path = dir.filePath( "geoms.gpkg" ).toStdString();
  writeLayer( path, "parks", 4490, wkbPoint, facilityFields(),
              { park( "POINT(117.5 36.5)", "好园", "testing" ), park( "", "无几何园", "testing" ), park( "POINT EMPTY", "空园", "testing" ) } );
  // GDAL writes a point with a NaN as POINT EMPTY; infinities are kept.
  addRawPoints( path, "parks", { { std::nan( "" ), 36.5 }, { std::numeric_limits<double>::infinity(), 36.5 }, { 117.5, -std::numeric_limits<double>::infinity() } } );
  writeLayer( path, "bases", 4490, wkbPoint, facilityFields(), {} );
  writeLayer( path, "shops", 4490, wkbPoint, facilityFields(), {} );
  const auto set = htsplan::loadFacilities( path, targets );
  CHECK( set.items.size() == 1 );
  REQUIRE( set.unplaced.size() == 5 );
  CHECK( set.unplaced[0].reason == "no geometry" );
  CHECK( set.unplaced[1].reason == "empty geometry" );
  CHECK( set.unplaced[2].reason == "empty geometry" );
  CHECK( set.unplaced[3].reason == "NaN or infinite coordinates" );
  CHECK( set.unplaced[4].reason == "NaN or infinite coordinates" );
  const std::vector<std::string> lines = htsplan::summariseProblems( set.problems );
  auto hasLine = [&]( const std::string &text ) {
    return std::any_of( lines.begin(), lines.end(), [&]( const std::string &l ) { return l.find( text ) != std::string::npos; } );
  };
  CHECK( hasLine( "warning: parks: 2 features: NaN or infinite coordinates; not counted (e.g. 'raw 2 (fid 5)', 'raw 3 (fid 6)')" ) );
  CHECK( hasLine( "warning: parks: feature '无几何园 (fid 2)': no geometry; not counted" ) );
  CHECK( hasLine( "warning: parks: 2 features: empty geometry; not counted (e.g. '空园 (fid 3)', 'raw 1 (fid 4)')" ) );
  CHECK( hasLine( "warning: bases: layer has no features" ) );
  CHECK( hasLine( "warning: hightech_zones, buildings, enterprises: layers missing from " + path + ": none of those kinds in the report (counted as 0)" ) );
  CHECK( hasLine( "warning: shops: not a layer of the facility contract" ) );
}

TEST_CASE( "facilities - multipoints and lines where points are expected are placed with a warning", "[layers][facilities][strict]" )
{
  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  QTemporaryDir dir;
  const std::string path = dir.filePath( "multi.gpkg" ).toStdString();
  writeLayer( path, "parks", 4490, wkbUnknown, facilityFields(),
              { park( "MULTIPOINT((117.5 36.5),(118.5 36.5))", "两点园", "testing" ), park( "MULTIPOINT((117.5 36.5))", "一点园", "testing" ),
                park( "LINESTRING(117.5 36.5,117.6 36.5)", "线园", "testing" ), park( "POINT Z(117.5 36.6 40)", "立体园", "testing" ) } );
  const auto set = htsplan::loadFacilities( path, targets );
  REQUIRE( set.items.size() == 4 );
  CHECK( set.items[3].x == Approx( 117.5 ) );
  CHECK( set.items[3].y == Approx( 36.6 ) );
  CHECK( countProblems( set, "parks", "a multipoint of several points; placed at one of them (its point on surface): 2 points" ) == 1 );
  CHECK( countProblems( set, "parks", "a line, not a point or polygon" ) == 1 );
}

TEST_CASE( "facilities - a 10,000-character name with quotes and SQL is read whole and shortened on stderr", "[layers][facilities][strict]" )
{
  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  QTemporaryDir dir;
  const std::string path = dir.filePath( "long.gpkg" ).toStdString();
  std::string name = "园'); DROP TABLE parks; -- \"";
  while ( name.size() < 30000 )
    name += "软件园";
  writeLayer( path, "parks", 4490, wkbPoint, facilityFields(), { park( "POINT(117.5 36.5)", name, "nonsense" ), park( "POINT(117.6 36.5)", "乙", "nonsense" ) } );
  const auto set = htsplan::loadFacilities( path, targets );
  REQUIRE( set.items.size() == 2 );
  CHECK( set.items[0].name == name );
  const std::vector<std::string> lines = htsplan::summariseProblems( set.problems );
  const auto sector = std::find_if( lines.begin(), lines.end(), []( const std::string &l ) { return l.find( "unknown sector" ) != std::string::npos; } );
  REQUIRE( sector != lines.end() );
  CHECK( sector->size() < 400 );
  CHECK_THAT( *sector, Catch::StartsWith( "warning: parks, field 'sector': 2 features: unknown sector; tallied under 'unknown' (e.g. '园'); DROP TABLE parks; -- \"软件园" ) );
  CHECK_THAT( *sector, Catch::Contains( "…': 'nonsense', '乙 (fid 2)': 'nonsense')" ) );
}

TEST_CASE( "facilities - parent cycles and unknown parents are warnings", "[layers][facilities][strict]" )
{
  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  QTemporaryDir dir;
  const std::string path = dir.filePath( "parents.gpkg" ).toStdString();
  auto child = []( const std::string &wkt, const std::string &id, const std::string &name, const std::string &parent ) {
    Feature f = named( wkt, id, name );
    f.fields["parent"] = parent;
    return f;
  };
  writeLayer( path, "bases", 4490, wkbPoint, facilityFields(), { child( "POINT(117.5 36.5)", "B1", "甲基地", "P2" ) } );
  writeLayer( path, "parks", 4490, wkbPoint, facilityFields(),
              { child( "POINT(117.6 36.5)", "P1", "乙园", "B1" ),       // in a base: fine
                child( "POINT(117.7 36.5)", "P2", "丙园", "P1" ),       // P2 in P1 in B1 in P2: a cycle
                child( "POINT(117.8 36.5)", "P3", "丁园", "无此园" ),   // unknown
                child( "", "P4", "无位置园", "" ),
                child( "POINT(117.9 36.5)", "P5", "戊园", "无位置园" ) } ); // a parent without geometry is still known
  const auto set = htsplan::loadFacilities( path, targets );
  CHECK( countProblems( set, "bases", "parent cycle: 甲基地 (fid 1) in 丙园 (fid 2) in 乙园 (fid 1) in 甲基地 (fid 1); left out of the hierarchy" ) == 1 );
  CHECK( countProblems( set, "parks", "parent cycle" ) == 0 );
  CHECK( countProblems( set, "parks", "parent that is neither an id nor a name of any facility read; left out of the hierarchy: '无此园'" ) == 1 );
  CHECK( countProblems( set, "parks", "neither an id nor a name" ) == 1 );
  CHECK( set.items.size() == 5 ); // the hierarchy never changes a count
}

TEST_CASE( "facilities - a layer read in blocks on several threads gives the rows in file order", "[layers][facilities]" )
{
  const htsplan::Targets targets = htsplan::loadTargets( bundledTargets() );
  QTemporaryDir dir;
  const std::string path = dir.filePath( "many.gpkg" ).toStdString();
  // 20,000 parks in a projected CRS (the threads share no PROJ object): every
  // 997th has no geometry, every 1,009th an unknown status, every 2,003rd
  // repeats the first park's id; spread over three blocks of 8,192 rows.
  std::vector<Feature> parks;
  for ( int i = 0; i < 20000; ++i )
  {
    const double e = 500000 + ( i % 200 ) * 500.0, n = 4000000 + ( i / 200 ) * 500.0;
    Feature f = park( i % 997 == 0 && i ? std::string() : "POINT(" + std::to_string( e ) + " " + std::to_string( n ) + ")", "园" + std::to_string( i ), "it_services" );
    f.fields["id"] = i % 2003 == 0 ? std::string( "P0" ) : "P" + std::to_string( i );
    if ( i % 1009 == 0 && i )
      f.fields["status"] = std::string( "maybe" );
    parks.push_back( f );
  }
  writeLayer( path, "parks", 4548, wkbPoint, facilityFields(), parks );

  auto readWith = [&]( const char *threads ) {
    setenv( "HTSPLAN_THREADS", threads, 1 );
    htsplan::FacilitySet set = htsplan::loadFacilities( path, targets );
    unsetenv( "HTSPLAN_THREADS" );
    return set;
  };
  const htsplan::FacilitySet one = readWith( "1" ), two = readWith( "2" );

  const size_t noGeometry = 20, repeats = 9; // i = 997 .. 19940; i = 2003 .. 18027
  CHECK( one.items.size() == 20000 - noGeometry - repeats );
  CHECK( one.unplaced.size() == noGeometry + repeats );
  REQUIRE( two.items.size() == one.items.size() );
  bool sameItems = true, ascending = true;
  for ( size_t i = 0; i < one.items.size(); ++i )
  {
    sameItems = sameItems && one.items[i].fid == two.items[i].fid && one.items[i].x == two.items[i].x && one.items[i].y == two.items[i].y &&
                one.items[i].status == two.items[i].status && one.items[i].name == two.items[i].name;
    ascending = ascending && ( i == 0 || one.items[i].fid > one.items[i - 1].fid );
  }
  CHECK( sameItems );
  CHECK( ascending );
  // Reprojected: easting 500,000 m is zone 39's central meridian, 117E.
  CHECK( one.items[0].x == Approx( 117.0 ).margin( 1e-9 ) );
  CHECK( one.items[200].y > one.items[0].y );
  REQUIRE( two.problems.size() == one.problems.size() );
  bool sameProblems = true;
  for ( size_t i = 0; i < one.problems.size(); ++i )
    sameProblems = sameProblems && one.problems[i].problem == two.problems[i].problem && one.problems[i].feature == two.problems[i].feature;
  CHECK( sameProblems );
  const auto count = [&]( const std::string &text ) {
    return std::count_if( one.problems.begin(), one.problems.end(), [&]( const htsplan::Problem &p ) { return p.problem.find( text ) != std::string::npos; } );
  };
  CHECK( count( "no geometry" ) == static_cast<long>( noGeometry ) );
  CHECK( count( "unknown status 'maybe'" ) == 19 );
  CHECK( count( "repeats 园0 (fid 1)" ) == static_cast<long>( repeats ) );
  for ( size_t i = 0; i < one.unplaced.size(); ++i )
    CHECK( one.unplaced[i].name == two.unplaced[i].name );
}
