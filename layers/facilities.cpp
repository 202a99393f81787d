#include "layers/facilities.h"
#include "layers/wkb_point.h"

#include "layers/arrow_batches.h"
#include "layers/storage_crs.h"

#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstring>
#include <unordered_map>
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

void readLayer( OGRLayer *layer, Kind kind, const std::string &path, const Targets &targets, FacilitySet &set )
{
  const std::string layerName = layer->GetName();
  TransformPtr toStorage = storageTransform( layer, path, set.problems );
  const FieldIndexes f = findFields( layer, kind, set.problems );
  const std::string fidName = layer->GetFIDColumn() && *layer->GetFIDColumn() ? layer->GetFIDColumn() : "OGC_FID";
  const std::string geomName = layer->GetGeometryColumn() && *layer->GetGeometryColumn() ? layer->GetGeometryColumn() : "wkb_geometry";
  const bool sectorExpected = f.sector >= 0 && kind != Kind::HightechZone;

  // Sector texts repeat: look each distinct one up once.
  std::unordered_map<std::string, std::optional<int>> sectorCache;
  auto sectorOf = [&]( const std::string &text ) {
    auto found = sectorCache.find( text );
    if ( found == sectorCache.end() )
      found = sectorCache.emplace( text, targets.sectorIndex( text ) ).first;
    return found->second;
  };

  const GIntBig expected = layer->GetFeatureCount( FALSE );
  if ( expected > 0 )
    set.items.reserve( set.items.size() + static_cast<size_t>( expected ) );
  readArrowBatches( layer, { "name", "sector", "status", "year", "revenue_cny", "id", "zone_type", "parent" },
                    [&]( const auto &column, int64_t rows ) {
    const ArrowColumn fid = column( fidName ), geom = column( geomName ), name = column( "name" ), id = column( "id" ),
                      parent = column( "parent" ), zoneType = column( "zone_type" ), sector = column( "sector" ),
                      status = column( "status" ), year = column( "year" ), revenue = column( "revenue_cny" );
    for ( int64_t row = 0; row < rows; ++row )
    {
      Facility fac;
      fac.kind = kind;
      fac.fid = static_cast<long long>( fid.number( row ).value_or( -1 ) );
      fac.name = name.text( row );
      fac.id = id.text( row );
      fac.parent = parent.text( row );
      fac.zoneType = zoneType.text( row );
      const std::string label = fac.label();
      auto report = [&]( const char *severity, const char *field, const std::string &text ) {
        set.problems.push_back( { severity, layerName, label, field, text } );
      };

      const std::string sectorText = sector.text( row );
      if ( const auto index = sectorOf( sectorText ) )
        fac.sector = *index;
      else if ( !sectorText.empty() )
        report( "warning", "sector", "unknown sector '" + sectorText + "'; tallied under 'unknown'" );
      else if ( sectorExpected )
        report( "warning", "sector", "no sector; tallied under 'unknown'" );

      if ( !status.isNull( row ) )
      {
        const std::string text = status.text( row );
        if ( const auto parsed = parseStatus( text ) )
          fac.status = *parsed;
        else
        {
          fac.status = Status::Candidate;
          report( "warning", "status", "unknown status '" + text + "' (expected designated, candidate or planned); not counted toward the target" );
        }
      }

      if ( !year.isNull( row ) )
      {
        const std::string text = year.text( row );
        long parsed = 0;
        bool whole = false;
        if ( year.isText() )
        {
          char *end = nullptr;
          parsed = std::strtol( text.c_str(), &end, 10 );
          whole = !text.empty() && end && *end == '\0';
        }
        else if ( const std::optional<double> value = year.number( row ) )
        {
          whole = std::floor( *value ) == *value && std::fabs( *value ) < 1e9;
          parsed = whole ? static_cast<long>( *value ) : 0;
        }
        if ( whole && parsed > 1900 && parsed < 2200 )
          fac.year = static_cast<int>( parsed );
        else
          report( "warning", "year", "year '" + text + "' is not a plausible year; counted as in place from the plan's start year" );
      }

      if ( kind == Kind::Enterprise && !revenue.isNull( row ) )
      {
        const std::optional<double> value = revenue.number( row );
        if ( !value || !std::isfinite( *value ) || *value < 0 )
          report( "error", "revenue_cny", "revenue " + revenue.text( row ) + " is negative or not a number; not counted as backbone" );
        else
          fac.revenueCny = *value;
      }

      const std::string_view wkb = geom.bytes( row );
      if ( wkb.empty() )
      {
        set.unplaced.push_back( { layerName, label, "no geometry" } );
        continue;
      }
      double x = 0, y = 0;
      if ( readWkbPoint( wkb, x, y ) )
      {
        if ( std::isnan( x ) || std::isnan( y ) )
        {
          set.unplaced.push_back( { layerName, label, "empty geometry" } );
          continue;
        }
        if ( toStorage && !toStorage->Transform( 1, &x, &y ) )
        {
          report( "error", "", "cannot be reprojected to EPSG:4490" );
          set.unplaced.push_back( { layerName, label, "no geometry" } );
          continue;
        }
        // Points keep no geometry object: x and y say it all (and millions of
        // OGRPoints would cost gigabytes).
        fac.x = x;
        fac.y = y;
        set.items.push_back( std::move( fac ) );
        continue;
      }
      OGRGeometry *parsed = nullptr;
      if ( OGRGeometryFactory::createFromWkb( wkb.data(), nullptr, &parsed, wkb.size(), wkbVariantIso ) != OGRERR_NONE || !parsed )
      {
        report( "error", "", "unreadable geometry" );
        set.unplaced.push_back( { layerName, label, "no geometry" } );
        continue;
      }
      OGRGeometryUniquePtr g( parsed );
      if ( g->IsEmpty() )
      {
        set.unplaced.push_back( { layerName, label, "empty geometry" } );
        continue;
      }
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
  } );
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
