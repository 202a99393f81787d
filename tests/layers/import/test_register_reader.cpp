#include <catch2/catch.hpp>

#include "layers/import/import_list.h"
#include "layers/import/register_reader.h"
#include "layers/problems.h"
#include "layers/targets.h"
#include "layers/text.h"
#include "tests/testdata.h"

#include <QTemporaryDir>

#include <filesystem>
#include <fstream>

using namespace htsplan;

namespace
{
std::string writeBytes( const QTemporaryDir &dir, const std::string &name, const std::string &bytes )
{
  const std::string path = dir.path().toStdString() + "/" + name;
  std::ofstream( path, std::ios::binary ) << bytes;
  return path;
}

//! UTF-8 text as GBK bytes (what Excel saves on a Chinese Windows).
std::string gbk( const std::string &utf8 )
{
  char *bytes = CPLRecode( utf8.c_str(), CPL_ENC_UTF8, "GB18030" );
  std::string out = bytes;
  CPLFree( bytes );
  return out;
}

std::vector<RegisterRow> allRows( RegisterReader &reader )
{
  std::vector<RegisterRow> rows;
  reader.forEachRow( [&]( const RegisterRow &row ) { rows.push_back( row ); } );
  return rows;
}

std::string sha( const std::string &path )
{
  std::ifstream in( path, std::ios::binary );
  return std::string( std::istreambuf_iterator<char>( in ), {} );
}
} // namespace

TEST_CASE( "register reader - CSV encodings: BOM, UTF-8, GBK", "[layers][import]" )
{
  QTemporaryDir dir;
  const std::string text = "名称,经度,纬度\r\n济南软件园,117.1,36.6\r\n青岛（海洋）园,120.3,36.0\r\n";

  SECTION( "UTF-8 with a byte order mark" )
  {
    RegisterReader reader( writeBytes( dir, "bom.csv", "\xEF\xBB\xBF" + text ), {} );
    CHECK( reader.encoding() == "UTF-8 with BOM" );
    CHECK_FALSE( reader.encodingGuessed() );
    CHECK( reader.headers() == std::vector<std::string> { "名称", "经度", "纬度" } );
  }
  SECTION( "GBK without a mark is read as GB18030, and says it guessed" )
  {
    const std::string path = writeBytes( dir, "gbk.csv", gbk( text ) );
    const std::string before = sha( path );
    RegisterReader reader( path, {} );
    CHECK( reader.encoding() == "GB18030" );
    CHECK( reader.encodingGuessed() );
    CHECK( reader.headers()[0] == "名称" );
    const std::vector<RegisterRow> rows = allRows( reader );
    REQUIRE( rows.size() == 2 );
    CHECK( rows[1].cells[0] == "青岛（海洋）园" );
    CHECK( rows[0].number == 2 );
    CHECK( rows[1].number == 3 );
    CHECK( sha( path ) == before );
  }
  SECTION( "a forced encoding wins over the detection" )
  {
    RegisterReadOptions options;
    options.encoding = "GB18030";
    RegisterReader reader( writeBytes( dir, "forced.csv", gbk( text ) ), options );
    CHECK( reader.encoding() == "GB18030" );
    CHECK_FALSE( reader.encodingGuessed() );
    CHECK( allRows( reader )[0].cells[0] == "济南软件园" );
  }
}

TEST_CASE( "register reader - row numbers as Excel shows them, empty rows skipped and counted", "[layers][import]" )
{
  QTemporaryDir dir;
  // A quoted cell over two lines is still one row; the blank row is skipped but keeps its number.
  RegisterReader reader( writeBytes( dir, "rows.csv", "名称,经度,纬度\n\"甲\n乙\",117.1,36.6\n,,\n丙,117.2,36.7\n" ), {} );
  const std::vector<RegisterRow> rows = allRows( reader );
  REQUIRE( rows.size() == 2 );
  CHECK( rows[0].number == 2 );
  CHECK( rows[1].number == 4 );
  CHECK( rows[1].cells[0] == "丙" );
  CHECK( reader.skippedEmptyRows() == 1 );
}

TEST_CASE( "register reader - bad files name the file", "[layers][import]" )
{
  QTemporaryDir dir;
  const std::string folder = dir.path().toStdString();
  CHECK_THROWS_WITH( RegisterReader( folder + "/missing.csv", {} ), Catch::Contains( "register file " + folder + "/missing.csv: no such file" ) );
  CHECK_THROWS_WITH( RegisterReader( writeBytes( dir, "empty.csv", "" ), {} ), Catch::Contains( "empty.csv: empty (0 bytes)" ) );
  std::filesystem::create_directory( folder + "/folder.csv" );
  CHECK_THROWS_WITH( RegisterReader( folder + "/folder.csv", {} ), Catch::Contains( "folder.csv: a folder, not a file" ) );
  std::filesystem::create_symlink( folder + "/loop.xlsx", folder + "/loop.xlsx" );
  CHECK_THROWS_WITH( RegisterReader( folder + "/loop.xlsx", {} ), Catch::Contains( "symbolic link loop" ) );
  CHECK_THROWS_WITH( RegisterReader( writeBytes( dir, "broken.xlsx", "PK\x03\x04 not really a zip" ), {} ), Catch::Contains( "broken.xlsx" ) );
  RegisterReadOptions sheet;
  sheet.sheet = "第二页";
  CHECK_THROWS_WITH( RegisterReader( writeBytes( dir, "one.csv", "a,b\n1,2\n" ), sheet ), Catch::Contains( "no sheet '第二页'" ) );
}

TEST_CASE( "register import - rows kept, corrected and rejected, each with its reason", "[layers][import]" )
{
  QTemporaryDir dir;
  const Targets targets = loadTargets( testdata::bundledTargets() );
  const std::string path = writeBytes( dir, "list.csv",
                                       "编号,名称,领域,状态,认定年份,营业收入（亿元）,经度,纬度\n"
                                       "E1,甲公司,信息技术服务,已认定,2014年,1.5,117.1,36.6\n"     // row 2: clean
                                       "E2,乙公司,无此领域,DESIGNATED,二〇一四,abc,117.2,36.6\n" // row 3: kept with three problems
                                       "E3,丙公司,marine,已认定,2014,,,36.6\n"                  // row 4: no longitude
                                       "E1,甲公司,信息技术服务,已认定,2014,1.5,117.1,36.6\n"     // row 5: repeat of row 2
                                       "E5,戊公司,marine,已认定,2014,-3,117°07′12″,36度39分\n" ); // row 6: DMS, negative revenue
  ImportOptions options;
  options.kind = Kind::Enterprise;
  options.crs = SourceCrs::Cgcs2000;
  const ImportResult result = importRegister( path, options, targets );

  REQUIRE( result.facilities.size() == 3 );
  CHECK( result.rejectedRows() == 2 );
  const ImportedFacility &first = result.facilities[0];
  CHECK( first.sector == "it_services" );
  CHECK( first.status == "designated" );
  CHECK( first.year == 2014 );
  CHECK( first.revenueCny == Approx( 1.5e8 ) );
  const ImportedFacility &second = result.facilities[1];
  CHECK( second.sector == "无此领域" );
  CHECK( second.status == "designated" );
  CHECK_FALSE( second.year );
  CHECK_FALSE( second.revenueCny );
  const ImportedFacility &dms = result.facilities[2];
  CHECK( dms.lon == Approx( 117.12 ).margin( 1e-12 ) );
  CHECK( dms.lat == Approx( 36.65 ).margin( 1e-12 ) );
  CHECK( dms.srcRow == 6 );

  auto reasons = [&]( long long row ) {
    std::string all;
    for ( const RowIssue &i : result.issues )
      if ( i.row == row )
        all += ( i.rejected ? "[rejected] " : "[kept] " ) + i.toString() + "\n";
    return all;
  };
  CHECK( reasons( 2 ).empty() );
  CHECK_THAT( reasons( 3 ), Catch::Contains( "[kept] 第3行 (row 3): 领域" ) && Catch::Contains( "年份无法识别" ) && Catch::Contains( "营业收入无法识别" ) );
  CHECK_THAT( reasons( 4 ), Catch::Contains( "[rejected] 第4行 (row 4): 经度: 经度为空 (longitude is empty)" ) );
  CHECK_THAT( reasons( 5 ), Catch::Contains( "[rejected]" ) && Catch::Contains( "编号与第2行重复" ) );
  CHECK_THAT( reasons( 6 ), Catch::Contains( "negative" ) );
}

TEST_CASE( "register import - the GeoPackage follows the contract and the rows CSV opens in Excel", "[layers][import]" )
{
  QTemporaryDir dir;
  const Targets targets = loadTargets( testdata::bundledTargets() );
  const std::string path = writeBytes( dir, "parks.csv", "名称,类型,经度,纬度\n甲园,园区,117.1,36.6\n乙楼,楼宇,117.2,36.7\n丙,不明,117.2,36.7\n" );
  ImportOptions options;
  options.crs = SourceCrs::Gcj02;
  const ImportResult result = importRegister( path, options, targets );
  const std::string gpkg = dir.path().toStdString() + "/out.gpkg", rows = dir.path().toStdString() + "/rows.csv";
  writeImportedGpkg( result, gpkg );
  writeRowIssuesCsv( result, rows );

  GDALDatasetUniquePtr ds( GDALDataset::Open( gpkg.c_str(), GDAL_OF_VECTOR ) );
  REQUIRE( ds );
  CHECK( ds->GetLayerCount() == 2 );
  OGRLayer *parks = ds->GetLayerByName( "parks" );
  REQUIRE( parks );
  CHECK( parks->GetFeatureCount() == 1 );
  OGRFeatureUniquePtr f( parks->GetNextFeature() );
  CHECK( std::string( f->GetFieldAsString( "name" ) ) == "甲园" );
  CHECK( f->GetFieldAsInteger64( "src_row" ) == 2 );
  CHECK( std::string( f->GetFieldAsString( "src_crs" ) ) == "gcj02" );
  CHECK( f->GetFieldAsDouble( "src_lon" ) == 117.1 );
  CHECK( f->GetFieldAsDouble( "shift_m" ) > 400 );
  CHECK( f->GetFieldAsDouble( "shift_m" ) < 650 );
  CHECK( parks->GetSpatialRef()->GetAuthorityCode( nullptr ) == std::string( "4490" ) );

  std::ifstream in( rows, std::ios::binary );
  const std::string csv( ( std::istreambuf_iterator<char>( in ) ), {} );
  CHECK( csv.rfind( "\xEF\xBB\xBF", 0 ) == 0 );
  CHECK_THAT( csv, Catch::Contains( "4,拒绝 rejected,类型,不明,第4行 (row 4): 类型: 类型无法识别 (unknown kind '不明')" ) );
}

TEST_CASE( "register import - an empty header in the mapping means no column for the role", "[layers][import]" )
{
  QTemporaryDir dir;
  const Targets targets = loadTargets( testdata::bundledTargets() );
  const std::string path = writeBytes( dir, "years.csv", "名称,年份,经度,纬度\n甲,不详,117.1,36.6\n" );
  ImportOptions options;
  options.kind = Kind::Park;
  options.crs = SourceCrs::Cgcs2000;
  options.mapping[Role::Year] = "";
  const ImportResult result = importRegister( path, options, targets );
  CHECK( result.mapping.columns.count( Role::Year ) == 0 );
  REQUIRE( result.facilities.size() == 1 );
  CHECK_FALSE( result.facilities[0].year );
  CHECK( result.issues.empty() );
}

TEST_CASE( "register import - a rejected repeat lists only its rejection, under the column's header", "[layers][import]" )
{
  QTemporaryDir dir;
  const Targets targets = loadTargets( testdata::bundledTargets() );
  const std::string path = writeBytes( dir, "repeat.csv", "编号,名称,领域,经度,纬度\nP1,甲园,xyz,117.1,36.6\nP1,甲园,xyz,117.1,36.6\n" );
  ImportOptions options;
  options.kind = Kind::Park;
  options.crs = SourceCrs::Cgcs2000;
  const ImportResult result = importRegister( path, options, targets );
  REQUIRE( result.facilities.size() == 1 );
  REQUIRE( result.issues.size() == 2 );
  CHECK( result.issues[0].row == 2 );
  CHECK_FALSE( result.issues[0].rejected );
  CHECK( result.issues[1].row == 3 );
  CHECK( result.issues[1].rejected );
  CHECK( result.issues[1].field == "编号" );
  const std::vector<std::string> warnings = result.summary().warnings;
  CHECK( warnings == std::vector<std::string> { "kept: repeat: feature 'row 2', field '领域': unknown sector 'xyz', kept as written",
                                                "rejected: repeat: feature 'row 3', field '编号': the same id 'P1' as row 2 (a repeat, counted once)" } );
}
