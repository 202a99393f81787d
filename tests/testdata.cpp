#include "tests/testdata.h"

#include <ogr_spatialref.h>

#include <filesystem>
#include <stdexcept>

namespace testdata
{

void writeLayer( const std::string &path, const std::string &layerName, int epsg, OGRwkbGeometryType type,
                 const std::vector<Field> &fields, const std::vector<Feature> &features, const std::string &description )
{
  GDALDriver *driver = GetGDALDriverManager()->GetDriverByName( "GPKG" );
  GDALDatasetUniquePtr ds;
  if ( std::filesystem::exists( path ) )
    ds.reset( GDALDataset::Open( path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE ) );
  else
    ds.reset( driver->Create( path.c_str(), 0, 0, 0, GDT_Unknown, nullptr ) );
  if ( !ds )
    throw std::runtime_error( "cannot open " + path );
  OGRSpatialReference srs;
  if ( epsg )
  {
    srs.importFromEPSG( epsg );
    srs.SetAxisMappingStrategy( OAMS_TRADITIONAL_GIS_ORDER );
  }
  char **options = nullptr;
  if ( !description.empty() )
    options = CSLSetNameValue( options, "DESCRIPTION", description.c_str() );
  OGRLayer *layer = ds->CreateLayer( layerName.c_str(), epsg ? &srs : nullptr, type, options );
  CSLDestroy( options );
  if ( !layer )
    throw std::runtime_error( "cannot create layer " + layerName );
  for ( const Field &f : fields )
  {
    OGRFieldDefn defn( f.name.c_str(), f.type );
    layer->CreateField( &defn );
  }
  for ( const Feature &f : features )
  {
    OGRFeature feature( layer->GetLayerDefn() );
    if ( !f.wkt.empty() )
    {
      OGRGeometry *g = nullptr;
      if ( OGRGeometryFactory::createFromWkt( f.wkt.c_str(), nullptr, &g ) != OGRERR_NONE )
        throw std::runtime_error( "bad WKT " + f.wkt );
      feature.SetGeometryDirectly( g );
    }
    for ( const auto &[name, value] : f.fields )
    {
      if ( std::holds_alternative<std::string>( value ) )
        feature.SetField( name.c_str(), std::get<std::string>( value ).c_str() );
      else if ( std::holds_alternative<long long>( value ) )
        feature.SetField( name.c_str(), static_cast<GIntBig>( std::get<long long>( value ) ) );
      else if ( std::holds_alternative<double>( value ) )
        feature.SetField( name.c_str(), std::get<double>( value ) );
      else
        feature.SetFieldNull( feature.GetFieldIndex( name.c_str() ) );
    }
    if ( layer->CreateFeature( &feature ) != OGRERR_NONE )
      throw std::runtime_error( "cannot write a feature to " + layerName );
  }
}

std::vector<Field> facilityFields()
{
  return { { "id", OFTString }, { "name", OFTString }, { "sector", OFTString }, { "status", OFTString },
           { "year", OFTInteger }, { "parent", OFTString }, { "revenue_cny", OFTReal } };
}

void writeTwoCountyAdmin( const std::string &path )
{
  const char *west = "MULTIPOLYGON(((117 36,118 36,118 37,117 37,117 36)))";
  const char *east = "MULTIPOLYGON(((118 36,119 36,119 37,118 37,118 36)))";
  writeLayer( path, "counties", 4490, wkbMultiPolygon,
              { { "code", OFTString }, { "name_zh", OFTString }, { "name_en", OFTString }, { "city_code_2015", OFTString }, { "city_code", OFTString }, { "blue_zone", OFTInteger } },
              { { west, { { "code", std::string( "379901" ) }, { "name_zh", std::string( "西县" ) }, { "name_en", std::string( "West" ) }, { "city_code_2015", std::string( "379900" ) }, { "city_code", std::string( "379900" ) }, { "blue_zone", 0LL } } },
                { east, { { "code", std::string( "379902" ) }, { "name_zh", std::string( "东县" ) }, { "name_en", std::string( "East" ) }, { "city_code_2015", std::string( "379800" ) }, { "city_code", std::string( "379900" ) }, { "blue_zone", 1LL } } } } );
  const std::vector<Field> cityFields = { { "code", OFTString }, { "name_zh", OFTString }, { "name_en", OFTString }, { "population", OFTInteger64 }, { "population_source", OFTString }, { "blue_zone", OFTString } };
  writeLayer( path, "cities_2015", 4490, wkbMultiPolygon, cityFields,
              { { west, { { "code", std::string( "379900" ) }, { "name_zh", std::string( "西市" ) }, { "population", 1000000LL }, { "blue_zone", std::string( "none" ) } } },
                { east, { { "code", std::string( "379800" ) }, { "name_zh", std::string( "东市" ) }, { "population", Value() }, { "blue_zone", std::string( "full" ) } } } } );
  writeLayer( path, "cities", 4490, wkbMultiPolygon, cityFields,
              { { "MULTIPOLYGON(((117 36,119 36,119 37,117 37,117 36)))", { { "code", std::string( "379900" ) }, { "name_zh", std::string( "西市" ) }, { "population", 3000000LL }, { "blue_zone", std::string( "partial" ) } } } } );
  writeLayer( path, "province", 4490, wkbMultiPolygon, { { "code", OFTString }, { "name_zh", OFTString } },
              { { "MULTIPOLYGON(((117 36,119 36,119 37,117 37,117 36)))", { { "code", std::string( "370000" ) }, { "name_zh", std::string( "测试省" ) } } } } );
}

std::string bundledTargets() { return std::string( HTSPLAN_SOURCE_DIR ) + "/data/targets/shandong-2013.json"; }

} // namespace testdata
