#include "facilities.h"

#include "crs.h"

#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>

namespace htsplan
{

std::string Facility::label() const
{
  return name.empty() ? "fid " + std::to_string( fid ) : name;
}

namespace
{

struct FieldIndexes
{
  int name = -1, sector = -1, status = -1, year = -1, revenue = -1, id = -1, zoneType = -1, parent = -1;
};

bool mentionsSample( const char *text )
{
  if ( !text )
    return false;
  const std::string t = normalisedKey( text );
  return t.find( "sample" ) != std::string::npos || t.find( "样例" ) != std::string::npos;
}

//! Decides the layer's CRS and returns the transform to EPSG:4490 (null when it is already there).
TransformPtr storageTransform( OGRLayer *layer, const std::string &path, Problems &problems )
{
  const std::string layerName = layer->GetName();
  const OGRSpatialReference target = cgcs2000();
  const OGRSpatialReference *srs = layer->GetSpatialRef();
  // A GeoPackage stores "no CRS" as srs_id 0 or -1, which GDAL reads as an
  // "Undefined geographic SRS" / "Undefined Cartesian SRS".
  const bool undefined = srs && srs->GetName() && std::string( srs->GetName() ).rfind( "Undefined", 0 ) == 0;
  if ( !srs || undefined )
  {
    OGREnvelope env;
    if ( layer->GetExtent( &env, TRUE ) != OGRERR_NONE )
      return nullptr; // empty layer: nothing to transform
    if ( !plausibleLonLat( env.MinX, env.MinY, env.MaxX, env.MaxY ) )
      throw InputError( "facilities file " + path + ", layer '" + layerName +
                        "': no CRS, and the coordinates (x " + std::to_string( env.MinX ) + " to " + std::to_string( env.MaxX ) +
                        ", y " + std::to_string( env.MinY ) + " to " + std::to_string( env.MaxY ) +
                        ") are not longitude/latitude; assign the layer's CRS and try again" );
    problems.push_back( { "warning", layerName, "", "", "layer has no CRS; its coordinates look like longitude/latitude, CGCS2000 (EPSG:4490) assumed" } );
    return nullptr;
  }
  if ( srs->IsSame( &target ) )
    return nullptr;
  const char *name = srs->GetName();
  const char *authority = srs->GetAuthorityName( nullptr );
  const char *code = srs->GetAuthorityCode( nullptr );
  std::string described = name ? name : "unnamed CRS";
  if ( authority && code )
    described += std::string( " (" ) + authority + ":" + code + ")";
  TransformPtr t = makeTransform( *srs, target );
  if ( !t )
    throw InputError( "facilities file " + path + ", layer '" + layerName + "': CRS " + described + " cannot be transformed to EPSG:4490" );
  problems.push_back( { "warning", layerName, "", "", "layer is in " + described + "; reprojected to CGCS2000 (EPSG:4490)" } );
  return t;
}

FieldIndexes findFields( OGRLayer *layer, Kind kind, Problems &problems )
{
  OGRFeatureDefn *defn = layer->GetLayerDefn();
  FieldIndexes f;
  f.name = defn->GetFieldIndex( "name" );
  f.sector = defn->GetFieldIndex( "sector" );
  f.status = defn->GetFieldIndex( "status" );
  f.year = defn->GetFieldIndex( "year" );
  f.revenue = defn->GetFieldIndex( "revenue_cny" );
  f.id = defn->GetFieldIndex( "id" );
  f.zoneType = defn->GetFieldIndex( "zone_type" );
  f.parent = defn->GetFieldIndex( "parent" );

  const std::string layerName = layer->GetName();
  auto missing = [&]( int index, const char *field, const char *consequence ) {
    if ( index < 0 )
      problems.push_back( { "warning", layerName, "", field, std::string( "missing field '" ) + field + "': " + consequence } );
  };
  missing( f.name, "name", "features are named by their fid" );
  missing( f.status, "status", "every feature counts as designated" );
  missing( f.year, "year", "every feature counts as in place from the plan's start year" );
  if ( kind != Kind::HightechZone )
    missing( f.sector, "sector", "every feature is tallied under 'unknown'" );
  if ( kind == Kind::Enterprise )
    missing( f.revenue, "revenue_cny", "no enterprise can count as a backbone enterprise" );
  if ( kind == Kind::HightechZone )
    missing( f.zoneType, "zone_type", "zones are not told apart by type" );
  return f;
}

std::string fieldText( OGRFeature &feature, int index )
{
  if ( index < 0 || !feature.IsFieldSetAndNotNull( index ) )
    return {};
  return feature.GetFieldAsString( index );
}

void readLayer( OGRLayer *layer, Kind kind, const std::string &path, const Targets &targets, FacilitySet &set )
{
  const std::string layerName = layer->GetName();
  TransformPtr toStorage = storageTransform( layer, path, set.problems );
  const FieldIndexes f = findFields( layer, kind, set.problems );

  layer->ResetReading();
  for ( auto &feature : *layer )
  {
    Facility fac;
    fac.kind = kind;
    fac.fid = feature->GetFID();
    fac.name = fieldText( *feature, f.name );
    fac.id = fieldText( *feature, f.id );
    fac.parent = fieldText( *feature, f.parent );
    fac.zoneType = fieldText( *feature, f.zoneType );
    const std::string label = fac.label();
    auto report = [&]( const char *severity, const char *field, const std::string &text ) {
      set.problems.push_back( { severity, layerName, label, field, text } );
    };

    fac.sectorText = fieldText( *feature, f.sector );
    if ( const auto index = targets.sectorIndex( fac.sectorText ) )
      fac.sector = *index;
    else if ( !fac.sectorText.empty() )
      report( "warning", "sector", "unknown sector '" + fac.sectorText + "'; tallied under 'unknown'" );
    else if ( f.sector >= 0 && kind != Kind::HightechZone )
      report( "warning", "sector", "no sector; tallied under 'unknown'" );

    if ( f.status >= 0 && feature->IsFieldSetAndNotNull( f.status ) )
    {
      const std::string text = feature->GetFieldAsString( f.status );
      if ( const auto status = parseStatus( text ) )
        fac.status = *status;
      else
      {
        fac.status = Status::Candidate;
        report( "warning", "status", "unknown status '" + text + "' (expected designated, candidate or planned); not counted toward the target" );
      }
    }

    if ( f.year >= 0 && feature->IsFieldSetAndNotNull( f.year ) )
    {
      const std::string text = feature->GetFieldAsString( f.year );
      char *end = nullptr;
      const long year = std::strtol( text.c_str(), &end, 10 );
      if ( end && *end == '\0' && year > 1900 && year < 2200 )
        fac.year = static_cast<int>( year );
      else
        report( "warning", "year", "year '" + text + "' is not a plausible year; counted as in place from the plan's start year" );
    }

    if ( kind == Kind::Enterprise && f.revenue >= 0 && feature->IsFieldSetAndNotNull( f.revenue ) )
    {
      const double revenue = feature->GetFieldAsDouble( f.revenue );
      if ( !std::isfinite( revenue ) || revenue < 0 )
        report( "error", "revenue_cny", "revenue " + fieldText( *feature, f.revenue ) + " is negative or not a number; not counted as backbone" );
      else
        fac.revenueCny = revenue;
    }

    OGRGeometry *geom = feature->GetGeometryRef();
    if ( !geom )
    {
      set.unplaced.push_back( { layerName, label, "no geometry" } );
      continue;
    }
    if ( geom->IsEmpty() )
    {
      set.unplaced.push_back( { layerName, label, "empty geometry" } );
      continue;
    }
    OGRGeometryUniquePtr g( geom->clone() );
    const OGRwkbGeometryType flat = wkbFlatten( g->getGeometryType() );
    const bool polygonal = flat == wkbPolygon || flat == wkbMultiPolygon || flat == wkbCurvePolygon || flat == wkbMultiSurface;
    if ( polygonal && !g->IsValid() )
    {
      OGRGeometryUniquePtr repaired( g->MakeValid() );
      if ( !repaired || repaired->IsEmpty() )
      {
        set.unplaced.push_back( { layerName, label, "empty geometry" } );
        report( "error", "", "invalid polygon that cannot be repaired" );
        continue;
      }
      report( "warning", "", "invalid polygon (e.g. self-intersecting ring); repaired for the computation, source left unchanged" );
      g = std::move( repaired );
    }
    // A polygon is placed by its point on surface, computed in the layer's own CRS.
    OGRGeometryH surfacePoint = OGR_G_PointOnSurface( OGRGeometry::ToHandle( g.get() ) );
    OGRGeometryUniquePtr point( OGRGeometry::FromHandle( surfacePoint ) );
    if ( !point || point->IsEmpty() )
    {
      set.unplaced.push_back( { layerName, label, "empty geometry" } );
      continue;
    }
    if ( toStorage )
    {
      if ( point->transform( toStorage.get() ) != OGRERR_NONE || g->transform( toStorage.get() ) != OGRERR_NONE )
      {
        report( "error", "", "cannot be reprojected to EPSG:4490" );
        set.unplaced.push_back( { layerName, label, "no geometry" } );
        continue;
      }
    }
    const OGRPoint *p = point->toPoint();
    fac.x = p->getX();
    fac.y = p->getY();
    g->assignSpatialReference( nullptr );
    fac.geometry = std::move( g );
    set.items.push_back( std::move( fac ) );
  }
}

} // namespace

FacilitySet loadFacilities( const std::string &path, const Targets &targets )
{
  if ( !std::filesystem::exists( path ) )
    throw InputError( "facilities file " + path + ": no such file" );
  GDALDatasetUniquePtr ds( GDALDataset::Open( path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY ) );
  if ( !ds )
    throw InputError( "facilities file " + path + ": not a readable vector dataset (GeoPackage expected)" );

  FacilitySet set;
  set.path = path;
  for ( Kind kind : allKinds() )
  {
    OGRLayer *layer = ds->GetLayerByName( kindLayer( kind ) );
    if ( !layer )
      continue;
    set.layersPresent.push_back( kind );
    set.isSample = set.isSample || mentionsSample( layer->GetMetadataItem( "DESCRIPTION" ) );
    readLayer( layer, kind, path, targets, set );
  }
  if ( set.layersPresent.empty() )
  {
    std::string found;
    for ( int i = 0; i < ds->GetLayerCount(); ++i )
      found += ( i ? ", " : "" ) + std::string( ds->GetLayer( i )->GetName() );
    throw InputError( "facilities file " + path + ": none of the layers hightech_zones, bases, parks, buildings, enterprises" +
                      ( found.empty() ? std::string( " (the file has no layers)" ) : " (found: " + found + ")" ) );
  }
  return set;
}

} // namespace htsplan
