#include "layers/facilities.h"
#include "layers/wkb_point.h"

#include "layers/arrow_batches.h"
#include "layers/contract.h"
#include "layers/storage_crs.h"
#include "layers/vector_file.h"

#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstring>
#include <unordered_map>

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
  f.name = defn->GetFieldIndex( field::Name );
  f.sector = defn->GetFieldIndex( field::Sector );
  f.status = defn->GetFieldIndex( field::Status );
  f.year = defn->GetFieldIndex( field::Year );
  f.revenue = defn->GetFieldIndex( field::RevenueCny );
  f.id = defn->GetFieldIndex( field::Id );
  f.zoneType = defn->GetFieldIndex( field::ZoneType );
  f.parent = defn->GetFieldIndex( field::Parent );

  const std::string layerName = layer->GetName();
  auto missing = [&]( int index, const char *field, const char *consequence ) {
    if ( index < 0 )
      problems.push_back( { "warning", layerName, "", field, std::string( "missing field '" ) + field + "': " + consequence } );
  };
  missing( f.name, field::Name, "features are named by their fid" );
  missing( f.status, field::Status, "every feature counts as designated" );
  missing( f.year, field::Year, "every feature counts as in place from the plan's start year" );
  if ( kind != Kind::HightechZone )
    missing( f.sector, field::Sector, "every feature is tallied under 'unknown'" );
  if ( kind == Kind::Enterprise )
    missing( f.revenue, field::RevenueCny, "no enterprise can count as a backbone enterprise" );
  if ( kind == Kind::HightechZone )
    missing( f.zoneType, field::ZoneType, "zones are not told apart by type" );
  return f;
}

//! Files one row's problems under its layer and facility.
class RowReport
{
  public:
    RowReport( Problems &problems, const std::string &layerName, const std::string &label )
      : mProblems( problems ), mLayerName( layerName ), mLabel( label )
    {}
    void operator()( const char *severity, const char *field, const std::string &text ) const
    {
      mProblems.push_back( { severity, mLayerName, mLabel, field, text } );
    }

  private:
    Problems &mProblems;
    const std::string &mLayerName;
    const std::string &mLabel;
};

//! The status field: an unknown value makes a candidate, which does not count.
void readStatus( const ArrowColumn &status, int64_t row, Facility &fac, const RowReport &report )
{
  if ( status.isNull( row ) )
    return;
  const std::string text = status.text( row );
  if ( const auto parsed = parseStatus( text ) )
    fac.status = *parsed;
  else
  {
    fac.status = Status::Candidate;
    report( "warning", field::Status, "unknown status '" + text + "' (expected designated, candidate or planned); not counted toward the target" );
  }
}

//! The year field, text or number; an implausible one is reported and left unset.
void readYear( const ArrowColumn &year, int64_t row, Facility &fac, const RowReport &report )
{
  if ( year.isNull( row ) )
    return;
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
    report( "warning", field::Year, "year '" + text + "' is not a plausible year; counted as in place from the plan's start year" );
}

//! An enterprise's revenue; a negative or non-numeric one is an error and leaves it unset.
void readRevenue( const ArrowColumn &revenue, int64_t row, Facility &fac, const RowReport &report )
{
  if ( fac.kind != Kind::Enterprise || revenue.isNull( row ) )
    return;
  const std::optional<double> value = revenue.number( row );
  if ( !value || !std::isfinite( *value ) || *value < 0 )
    report( "error", field::RevenueCny, "revenue " + revenue.text( row ) + " is negative or not a number; not counted as backbone" );
  else
    fac.revenueCny = *value;
}

/**
 * Places a facility from its WKB geometry in EPSG:4490: points by their
 * coordinates (no geometry object kept), polygons (repaired when invalid) and
 * lines by their point on surface in the layer's own CRS. Returns nullptr when
 * placed, else the reason it is unplaced ("no geometry", "empty geometry").
 */
const char *placeFacility( std::string_view wkb, OGRCoordinateTransformation *toStorage, Facility &fac, const RowReport &report )
{
  if ( wkb.empty() )
    return "no geometry";
  double x = 0, y = 0;
  if ( readWkbPoint( wkb, x, y ) )
  {
    if ( std::isnan( x ) || std::isnan( y ) )
      return "empty geometry";
    if ( toStorage && !toStorage->Transform( 1, &x, &y ) )
    {
      report( "error", "", "cannot be reprojected to EPSG:4490" );
      return "no geometry";
    }
    // Points keep no geometry object: x and y say it all (and millions of
    // OGRPoints would cost gigabytes).
    fac.x = x;
    fac.y = y;
    return nullptr;
  }
  OGRGeometry *parsed = nullptr;
  if ( OGRGeometryFactory::createFromWkb( wkb.data(), nullptr, &parsed, wkb.size(), wkbVariantIso ) != OGRERR_NONE || !parsed )
  {
    report( "error", "", "unreadable geometry" );
    return "no geometry";
  }
  OGRGeometryUniquePtr g( parsed );
  if ( g->IsEmpty() )
    return "empty geometry";
  const OGRwkbGeometryType flat = wkbFlatten( g->getGeometryType() );
  const bool polygonal = flat == wkbPolygon || flat == wkbMultiPolygon || flat == wkbCurvePolygon || flat == wkbMultiSurface;
  if ( polygonal && !g->IsValid() )
  {
    OGRGeometryUniquePtr repaired( g->MakeValid() );
    if ( !repaired || repaired->IsEmpty() )
    {
      report( "error", "", "invalid polygon that cannot be repaired" );
      return "empty geometry";
    }
    report( "warning", "", "invalid polygon (e.g. self-intersecting ring); repaired for the computation, source left unchanged" );
    g = std::move( repaired );
  }
  // A polygon is placed by its point on surface, computed in the layer's own CRS.
  OGRGeometryH surfacePoint = OGR_G_PointOnSurface( OGRGeometry::ToHandle( g.get() ) );
  OGRGeometryUniquePtr point( OGRGeometry::FromHandle( surfacePoint ) );
  if ( !point || point->IsEmpty() )
    return "empty geometry";
  if ( toStorage && ( point->transform( toStorage ) != OGRERR_NONE || g->transform( toStorage ) != OGRERR_NONE ) )
  {
    report( "error", "", "cannot be reprojected to EPSG:4490" );
    return "no geometry";
  }
  const OGRPoint *p = point->toPoint();
  fac.x = p->getX();
  fac.y = p->getY();
  g->assignSpatialReference( nullptr );
  fac.geometry = std::move( g );
  return nullptr;
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
  readArrowBatches( layer, { field::Name, field::Sector, field::Status, field::Year, field::RevenueCny, field::Id, field::ZoneType, field::Parent },
                    [&]( const auto &column, int64_t rows ) {
    const ArrowColumn fid = column( fidName ), geom = column( geomName ), name = column( field::Name ), id = column( field::Id ),
                      parent = column( field::Parent ), zoneType = column( field::ZoneType ), sector = column( field::Sector ),
                      status = column( field::Status ), year = column( field::Year ), revenue = column( field::RevenueCny );
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
      const RowReport report( set.problems, layerName, label );

      const std::string sectorText = sector.text( row );
      if ( const auto index = sectorOf( sectorText ) )
        fac.sector = *index;
      else if ( !sectorText.empty() )
        report( "warning", field::Sector, "unknown sector '" + sectorText + "'; tallied under 'unknown'" );
      else if ( sectorExpected )
        report( "warning", field::Sector, "no sector; tallied under 'unknown'" );
      readStatus( status, row, fac, report );
      readYear( year, row, fac, report );
      readRevenue( revenue, row, fac, report );

      if ( const char *unplaced = placeFacility( geom.bytes( row ), toStorage.get(), fac, report ) )
        set.unplaced.push_back( { layerName, label, unplaced } );
      else
        set.items.push_back( std::move( fac ) );
    }
  } );
}

} // namespace

FacilitySet loadFacilities( const std::string &path, const Targets &targets )
{
  const GDALDatasetUniquePtr ds = openVectorFile( path, "facilities", " (GeoPackage expected)" );

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
