#include "layers/admin.h"

#include "layers/problems.h"
#include "layers/quiet_gdal_errors.h"
#include "layers/storage_crs.h"
#include "layers/vector_file.h"

#include <ogr_api.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>


namespace htsplan
{

namespace
{
std::string layerError( const std::string &path, const std::string &layer, const std::string &what )
{
  return "admin file " + path + ", layer '" + layer + "': " + what;
}

//! " (its extent: x, y to x, y)" for a message about a geometry that cannot be transformed.
std::string extentText( const OGRGeometry &geometry )
{
  OGREnvelope e;
  geometry.getEnvelope( &e );
  return " (its extent: " + formatNumber( e.MinX ) + ", " + formatNumber( e.MinY ) + " to " + formatNumber( e.MaxX ) + ", " + formatNumber( e.MaxY ) +
         "; a wrong CRS?)";
}

int requiredField( OGRLayer *layer, const char *field, const std::string &path )
{
  const int index = layer->GetLayerDefn()->GetFieldIndex( field );
  if ( index < 0 )
    throw InputError( layerError( path, layer->GetName(), std::string( "missing field '" ) + field + "'" ) );
  return index;
}

//! Reads one polygon layer into units, geometries in EPSG:4490, areas in km² (in areaCrs).
std::vector<AdminUnit> readUnits( GDALDataset *ds, const std::string &path, const char *layerName, bool isCounty, Vintage vintage,
                                  const OGRSpatialReference &areaCrs )
{
  OGRLayer *layer = ds->GetLayerByName( layerName );
  if ( !layer )
    throw InputError( layerError( path, layerName, "layer not found" ) );
  const int codeField = requiredField( layer, "code", path );
  const int nameField = requiredField( layer, "name_zh", path );
  const int nameEnField = layer->GetLayerDefn()->GetFieldIndex( "name_en" );
  int cityField = -1, popField = -1, popSourceField = -1;
  const int blueField = layer->GetLayerDefn()->GetFieldIndex( "blue_zone" );
  if ( isCounty )
    cityField = requiredField( layer, vintage == Vintage::Y2015 ? "city_code_2015" : "city_code", path );
  else
  {
    popField = layer->GetLayerDefn()->GetFieldIndex( "population" );
    popSourceField = layer->GetLayerDefn()->GetFieldIndex( "population_source" );
  }

  const OGRSpatialReference *srs = layer->GetSpatialRef();
  // A GeoPackage stores "no CRS" as srs_id 0 or -1, which GDAL reads as an
  // "Undefined geographic SRS" / "Undefined Cartesian SRS".
  if ( srs && srs->GetName() && std::string( srs->GetName() ).rfind( "Undefined", 0 ) == 0 )
    srs = nullptr;
  if ( !srs )
  {
    // No CRS: taken as CGCS2000 only when the coordinates are longitude/latitude
    // (metres read as degrees would make every area a PROJ error).
    OGREnvelope extent;
    if ( layer->GetExtent( &extent, TRUE ) == OGRERR_NONE &&
         !( extent.MinX >= -180 && extent.MaxX <= 180 && extent.MinY >= -90 && extent.MaxY <= 90 ) )
      throw InputError( layerError( path, layerName, "has no CRS, and its extent (" + formatNumber( extent.MinX ) + ", " + formatNumber( extent.MinY ) +
                                                       " to " + formatNumber( extent.MaxX ) + ", " + formatNumber( extent.MaxY ) +
                                                       ") is not longitude/latitude: set the layer's CRS (e.g. ogr2ogr -a_srs EPSG:4548 for Gauss-Kruger zone 39)" ) );
  }
  const OGRSpatialReference target = cgcs2000();
  TransformPtr toStorage;
  if ( srs && !srs->IsSame( &target ) )
    toStorage = makeTransform( *srs, target );
  const TransformPtr toArea = makeTransform( target, areaCrs );
  if ( !toArea || ( srs && !srs->IsSame( &target ) && !toStorage ) )
    throw InputError( layerError( path, layerName, "PROJ cannot transform the layer's CRS to EPSG:4490 or to the equal-area CRS" ) );

  std::vector<AdminUnit> units;
  const QuietGdalErrors quiet; // a feature PROJ cannot transform is an InputError below, not a page of PROJ messages
  layer->ResetReading();
  for ( auto &feature : *layer )
  {
    AdminUnit unit;
    unit.code = feature->GetFieldAsString( codeField );
    unit.nameZh = feature->GetFieldAsString( nameField );
    if ( nameEnField >= 0 )
      unit.nameEn = feature->GetFieldAsString( nameEnField );
    if ( cityField >= 0 )
      unit.cityCode = feature->GetFieldAsString( cityField );
    if ( popField >= 0 && feature->IsFieldSetAndNotNull( popField ) )
      unit.population = feature->GetFieldAsDouble( popField );
    if ( popSourceField >= 0 && feature->IsFieldSetAndNotNull( popSourceField ) )
      unit.populationSource = feature->GetFieldAsString( popSourceField );
    if ( blueField >= 0 && feature->IsFieldSetAndNotNull( blueField ) )
    {
      const std::string text = feature->GetFieldAsString( blueField );
      unit.blueZoneText = isCounty ? ( feature->GetFieldAsInteger( blueField ) ? "full" : "none" ) : text;
      unit.blueZone = isCounty ? feature->GetFieldAsInteger( blueField ) != 0 : ( text == "full" || text == "partial" );
    }
    OGRGeometry *geom = feature->GetGeometryRef();
    if ( !geom || geom->IsEmpty() )
      throw InputError( layerError( path, layerName, "feature '" + unit.nameZh + "' (" + unit.code + ") has no geometry" ) );
    unit.geometry.reset( geom->clone() );
    if ( toStorage && unit.geometry->transform( toStorage.get() ) != OGRERR_NONE )
      throw InputError( layerError( path, layerName, "feature '" + unit.nameZh + "' cannot be reprojected to EPSG:4490" + extentText( *geom ) ) );
    OGRGeometryUniquePtr projected( unit.geometry->clone() );
    if ( projected->transform( toArea.get() ) != OGRERR_NONE )
      throw InputError( layerError( path, layerName, "feature '" + unit.nameZh + "' cannot be projected to the equal-area CRS" + extentText( *unit.geometry ) ) );
    unit.areaKm2 = OGR_G_Area( OGRGeometry::ToHandle( projected.get() ) ) / 1e6;
    units.push_back( std::move( unit ) );
  }
  if ( units.empty() )
    throw InputError( layerError( path, layerName, "has no features" ) );
  return units;
}
} // namespace

int AdminData::cityIndex( const std::string &code ) const
{
  for ( size_t i = 0; i < cities.size(); ++i )
    if ( cities[i].code == code )
      return static_cast<int>( i );
  return -1;
}

AdminData loadAdmin( const std::string &path, Vintage vintage, const OGRSpatialReference &areaCrs )
{
  const GDALDatasetUniquePtr ds = openVectorFile( path, "admin" );

  AdminData admin;
  admin.path = path;
  admin.vintage = vintage;
  admin.counties = readUnits( ds.get(), path, "counties", true, vintage, areaCrs );
  admin.cities = readUnits( ds.get(), path, cityLayerName( vintage ), false, vintage, areaCrs );
  std::vector<AdminUnit> province = readUnits( ds.get(), path, "province", false, vintage, areaCrs );
  admin.province = std::move( province.front().geometry );
  admin.provinceAreaKm2 = province.front().areaKm2;

  const std::vector<AdminUnit> current =
    vintage == Vintage::Current ? std::vector<AdminUnit>() : readUnits( ds.get(), path, cityLayerName( Vintage::Current ), false, Vintage::Current, areaCrs );
  double total = 0.0;
  bool allKnown = true;
  for ( const AdminUnit &city : vintage == Vintage::Current ? admin.cities : current )
  {
    allKnown = allKnown && city.population.has_value();
    total += city.population.value_or( 0.0 );
  }
  if ( allKnown )
    admin.provincePopulation = total;

  for ( const AdminUnit &county : admin.counties )
    if ( admin.cityIndex( county.cityCode ) < 0 )
      throw InputError( layerError( path, "counties", "feature '" + county.nameZh + "' (" + county.code + "), field '" +
                                                          ( vintage == Vintage::Y2015 ? "city_code_2015" : "city_code" ) +
                                                          "': city " + county.cityCode + " is not in layer '" + cityLayerName( vintage ) + "'" ) );
  return admin;
}

} // namespace htsplan
