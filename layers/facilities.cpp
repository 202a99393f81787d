#include "layers/facilities.h"
#include "layers/revenue_table.h"
#include "layers/wkb_point.h"

#include "layers/arrow_batches.h"
#include "layers/cells.h"
#include "layers/contract.h"
#include "layers/key_counts.h"
#include "layers/parallel.h"
#include "layers/storage_crs.h"
#include "layers/text.h"
#include "layers/vector_file.h"

#include <gdal_priv.h>
#include <qgsfeedback.h>
#include <ogr_api.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

namespace htsplan
{

std::string Facility::label() const
{
  return name.empty() ? "fid " + std::to_string( fid ) : name;
}

std::string Facility::reference() const
{
  return name.empty() ? "fid " + std::to_string( fid ) : name + " (fid " + std::to_string( fid ) + ")";
}

namespace
{

//! The kinds of problem, one wording each: summariseProblems counts features by them.
namespace problem
{
constexpr const char *NotUtf8 = "text that is not UTF-8, read as GB18030 (GBK)";
constexpr const char *UnknownSector = "unknown sector; tallied under 'unknown'";
constexpr const char *NoSector = "no sector; tallied under 'unknown'";
constexpr const char *NoStatus = "no status (NULL); not counted toward the target";
constexpr const char *UnknownStatus = "unknown status (expected designated, candidate or planned); not counted toward the target";
constexpr const char *NoYear = "no year (NULL); counted as in place from the plan's start year";
constexpr const char *UnreadableYear = "a year that cannot be read; not counted toward the target (its year is unknown), only in counts_all";
constexpr const char *NoRevenue = "no revenue (NULL); cannot count as a backbone enterprise";
constexpr const char *BadRevenue = "revenue negative or not an amount; cannot count as a backbone enterprise";
constexpr const char *Repeat = "listed twice (same id, or no id and the same name within 1 m); counted once";
constexpr const char *SameNameSamePlace = "same name and place as another feature but a different id; both counted";
constexpr const char *SameName = "same name as another feature at another place; both counted";
constexpr const char *MultiPoint = "a multipoint of several points; placed at one of them (its point on surface)";
constexpr const char *Line = "a line, not a point or polygon; placed at a point on it";
} // namespace problem

//! Where each contract field is in the layer: the name as the layer spells it
//! (GetFieldIndex is case-insensitive: "NAME" is the name field), empty when absent.
struct LayerFields
{
    std::string name, sector, status, year, revenue, id, zoneType, parent, cityCode, countyCode;
    OGRFieldType yearType = OFTInteger;
};

bool mentionsSample( const char *text )
{
  if ( !text )
    return false;
  const std::string t = normalisedKey( text );
  return t.find( "sample" ) != std::string::npos || t.find( "样例" ) != std::string::npos;
}

std::string describeCrs( const OGRSpatialReference &srs )
{
  const char *name = srs.GetName();
  const char *authority = srs.GetAuthorityName( nullptr );
  const char *code = srs.GetAuthorityCode( nullptr );
  std::string described = name ? name : "unnamed CRS";
  if ( authority && code )
    described += std::string( " (" ) + authority + ":" + code + ")";
  return described;
}

//! How the layer's coordinates are taken: its CRS, and the transform to EPSG:4490 (null when none is needed).
struct LayerCrs
{
    bool undefined = false;  //!< no CRS: taken as CGCS2000 if the coordinates allow
    bool geographic = false; //!< degrees: coordinates must be within ±180/±90
    std::string described;
    TransformPtr toStorage;
};

LayerCrs layerCrs( OGRLayer *layer, const std::string &path )
{
  LayerCrs crs;
  const OGRSpatialReference target = cgcs2000();
  const OGRSpatialReference *srs = layer->GetSpatialRef();
  // A GeoPackage stores "no CRS" as srs_id 0 or -1, which GDAL reads as an
  // "Undefined geographic SRS" / "Undefined Cartesian SRS".
  crs.undefined = !srs || ( srs->GetName() && std::string( srs->GetName() ).rfind( "Undefined", 0 ) == 0 );
  if ( crs.undefined )
    return crs;
  crs.geographic = srs->IsGeographic();
  crs.described = describeCrs( *srs );
  if ( srs->IsSame( &target ) )
    return crs;
  crs.toStorage = makeTransform( *srs, target );
  if ( !crs.toStorage )
    throw InputError( "facilities file " + path + ", layer '" + layer->GetName() + "': CRS " + crs.described + " cannot be transformed to EPSG:4490" );
  return crs;
}

//! The layer's finite coordinates in its own CRS, and those outside ±180/±90.
struct SourceCoordinates
{
    OGREnvelope extent;
    bool any = false;
    long long features = 0;
    long long outOfRange = 0; //!< features with a coordinate outside ±180/±90
    OGREnvelope outOfRangeExtent;
    std::string firstOutOfRange; //!< the first such feature, for the message

    //! Adds what another block of rows saw (after this block's rows).
    void merge( const SourceCoordinates &other );

    void add( const OGREnvelope &e, const std::string &feature )
    {
      extent.Merge( e );
      any = true;
      ++features;
      if ( !plausibleLonLat( e.MinX, e.MinY, e.MaxX, e.MaxY ) )
      {
        if ( outOfRange++ == 0 )
          firstOutOfRange = feature;
        outOfRangeExtent.Merge( e );
      }
    }
};

/**
 * Checks the layer's coordinates (their extent in its own CRS, finite ones
 * only) against its CRS, once the layer is read: no CRS and not lon/lat, or a
 * geographic CRS and outside ±180/±90, is an InputError saying what the
 * coordinates look like; a projected CRS with lon/lat-like values a warning.
 */
void checkCoordinates( const LayerCrs &crs, const SourceCoordinates &coordinates, const std::string &path, const std::string &layerName, Problems &problems )
{
  const OGREnvelope &extent = coordinates.extent;
  const bool any = coordinates.any;
  if ( crs.undefined )
  {
    if ( !any )
      return;
    if ( !plausibleLonLat( extent.MinX, extent.MinY, extent.MaxX, extent.MaxY ) )
      throw InputError( "facilities file " + path + ", layer '" + layerName + "': no CRS, and the coordinates (" + describeExtent( extent ) +
                        ") are not longitude/latitude (" + coordinatesLookLike( coordinates.outOfRangeExtent ) + "); assign the layer's CRS and try again" );
    problems.push_back( { "warning", layerName, "", "", "layer has no CRS; its coordinates look like longitude/latitude, CGCS2000 (EPSG:4490) assumed" } );
    return;
  }
  if ( crs.geographic && coordinates.outOfRange > 0 )
    throw InputError( "facilities file " + path + ", layer '" + layerName + "': the CRS is " + crs.described + ", in degrees, but " +
                      ( coordinates.outOfRange == coordinates.features ? "all " + std::to_string( coordinates.features ) + " features have"
                                                                       : std::to_string( coordinates.outOfRange ) + " of " + std::to_string( coordinates.features ) +
                                                                           " features (the first " + coordinates.firstOutOfRange + ") have" ) +
                      " coordinates (" + describeExtent( coordinates.outOfRangeExtent ) + ") outside ±180/±90: " + coordinatesLookLike( coordinates.outOfRangeExtent ) +
                      "; fix the coordinates or assign the layer's true CRS and try again" );
  if ( any && !crs.geographic && plausibleLonLat( extent.MinX, extent.MinY, extent.MaxX, extent.MaxY ) )
    problems.push_back( { "warning", layerName, "", "",
                          "the CRS is " + crs.described + ", in metres, but the coordinates (" + describeExtent( extent ) +
                            ") look like longitude/latitude: the layer's CRS is probably wrong (EPSG:4490 expected); its features will lie outside the province" } );
  if ( crs.toStorage )
    problems.push_back( { "warning", layerName, "", "", "layer is in " + crs.described + "; reprojected to CGCS2000 (EPSG:4490)" } );
}

//! A field that may hold revenue under another name ("营业收入（万元）", "Revenue"), for the missing-field warning.
std::string revenueLikeField( OGRFeatureDefn *defn )
{
  for ( int i = 0; i < defn->GetFieldCount(); ++i )
  {
    const std::string name = defn->GetFieldDefn( i )->GetNameRef();
    const std::string key = foldKey( name );
    if ( key.find( "revenue" ) != std::string::npos || key.find( "收入" ) != std::string::npos || key.find( "营收" ) != std::string::npos )
    {
      const double unit = amountUnitFromHeader( name );
      return "; field '" + name + "' may hold it" +
             ( unit != 1 ? " in units of " + formatNumber( unit ) + " yuan: rename it revenue_cny and convert it to yuan" : ": rename it revenue_cny (in yuan)" );
    }
  }
  return {};
}

LayerFields findFields( OGRLayer *layer, Kind kind, Problems &problems )
{
  OGRFeatureDefn *defn = layer->GetLayerDefn();
  auto find = [&]( const char *contractName ) -> std::string {
    const int index = defn->GetFieldIndex( contractName );
    return index < 0 ? std::string() : std::string( defn->GetFieldDefn( index )->GetNameRef() );
  };
  LayerFields f;
  f.name = find( field::Name );
  f.sector = find( field::Sector );
  f.status = find( field::Status );
  f.year = find( field::Year );
  f.revenue = find( field::RevenueCny );
  f.id = find( field::Id );
  f.zoneType = find( field::ZoneType );
  f.parent = find( field::Parent );
  f.cityCode = find( field::CityCode );
  f.countyCode = find( field::CountyCode );
  if ( !f.year.empty() )
    f.yearType = defn->GetFieldDefn( defn->GetFieldIndex( f.year.c_str() ) )->GetType();

  const std::string layerName = layer->GetName();
  auto missing = [&]( const std::string &found, const char *field, const std::string &consequence ) {
    if ( found.empty() )
      problems.push_back( { "warning", layerName, "", field, std::string( "missing field '" ) + field + "': " + consequence } );
  };
  missing( f.name, field::Name, "features are named by their fid" );
  missing( f.status, field::Status, "every feature counts as designated" );
  missing( f.year, field::Year, "every feature counts as in place from the plan's start year" );
  if ( kind != Kind::HightechZone )
    missing( f.sector, field::Sector, "every feature is tallied under 'unknown'" );
  if ( kind == Kind::Enterprise )
    missing( f.revenue, field::RevenueCny, "no enterprise can count as a backbone enterprise" + revenueLikeField( defn ) );
  if ( kind == Kind::HightechZone )
    missing( f.zoneType, field::ZoneType, "zones are not told apart by type" );
  return f;
}

//! Files one row's problems under its layer and facility.
class RowReport
{
  public:
    RowReport( Problems &problems, const std::string &layerName, const std::string &feature )
      : mProblems( problems ), mLayerName( layerName ), mFeature( feature )
    {}
    //! A problem of a kind (see namespace problem), with what this feature shows of it.
    void operator()( const char *severity, const std::string &field, const char *kind, const std::string &value, const std::string &text ) const
    {
      mProblems.push_back( { severity, mLayerName, mFeature, field, text, kind, value } );
    }

  private:
    Problems &mProblems;
    const std::string &mLayerName;
    const std::string &mFeature;
};

std::string quoted( const std::string &text ) { return "'" + text + "'"; }

//! The status field: NULL or an unknown value makes Status::Unknown, which does not count.
void readStatus( const ArrowColumn &status, const std::string &fieldName, const std::string &text, int64_t row, Facility &fac, const RowReport &report )
{
  if ( status.isNull( row ) )
  {
    fac.status = Status::Unknown;
    report( "warning", fieldName, problem::NoStatus, {}, problem::NoStatus );
    return;
  }
  const Parsed<Status> parsed = parseStatusCell( text );
  if ( parsed.value )
    fac.status = *parsed.value;
  else
  {
    fac.status = Status::Unknown;
    report( "warning", fieldName, problem::UnknownStatus, quoted( text ),
            "unknown status '" + text + "' (expected designated, candidate or planned); not counted toward the target" );
  }
}

//! The year field: an integer, text ("2014", "2014年", "2014-06") or a date.
//! NULL counts from the plan's start (the contract's rule for no year); anything
//! that cannot be read as a year never counts toward a target.
void readYear( const ArrowColumn &year, const std::string &fieldName, int64_t row, Facility &fac, const RowReport &report )
{
  if ( year.isNull( row ) )
  {
    report( "warning", fieldName, problem::NoYear, {}, problem::NoYear );
    return;
  }
  Parsed<int> parsed;
  std::string text;
  if ( year.isDate() )
  {
    const std::optional<int> y = year.dateYear( row );
    text = std::to_string( y.value_or( 0 ) );
    if ( y && plausibleYear( *y ) )
      parsed.value = y;
    else
      parsed.problem = "a date in year " + text + ", outside the plausible years";
  }
  else
  {
    text = utf8OrGb18030( year.text( row ) );
    parsed = parseYearCell( text );
  }
  if ( parsed.value )
  {
    fac.year = parsed.value;
    return;
  }
  fac.yearUnreadable = true;
  report( "warning", fieldName, problem::UnreadableYear, quoted( text ) + " (" + parsed.problem + ")",
          "year '" + text + "' cannot be read (" + parsed.problem + "); not counted toward the target, only in counts_all" );
}

//! An enterprise's revenue in yuan: a number, or text with a unit ("1.2亿", "3000万元").
void readRevenue( const ArrowColumn &revenue, const std::string &fieldName, int64_t row, Facility &fac, const RowReport &report )
{
  if ( fac.kind != Kind::Enterprise || !revenue.present() )
    return;
  if ( revenue.isNull( row ) )
  {
    report( "warning", fieldName, problem::NoRevenue, {}, problem::NoRevenue );
    return;
  }
  const std::string text = utf8OrGb18030( revenue.text( row ) );
  std::optional<double> value;
  std::string why;
  if ( revenue.isText() )
  {
    const Parsed<double> parsed = parseAmountCell( text );
    value = parsed.value;
    why = parsed.problem;
  }
  else
  {
    value = revenue.number( row );
    if ( value && ( !std::isfinite( *value ) || *value < 0 ) )
    {
      why = "negative or not finite";
      value.reset();
    }
  }
  if ( value )
    fac.revenueCny = *value;
  else
    report( "error", fieldName, problem::BadRevenue, quoted( text ),
            "revenue '" + text + "' is negative or not an amount" + ( why.empty() ? std::string() : " (" + why + ")" ) + "; not counted as backbone" );
}

/**
 * Warns when an enterprise layer's revenues look like 万元 (10,000 yuan)
 * rather than yuan: none reaches the backbone threshold, all are below 1% of
 * it, and some would reach it times 10,000.
 */
void checkRevenueUnit( const std::vector<Facility> &items, size_t first, const Targets &targets, const std::string &layerName, const std::string &fieldName,
                       Problems &problems )
{
  if ( targets.backboneRevenueCny <= 0 )
    return;
  size_t withRevenue = 0, wouldReach = 0;
  double largest = 0;
  for ( size_t i = first; i < items.size(); ++i )
    if ( items[i].revenueCny )
    {
      ++withRevenue;
      largest = std::max( largest, *items[i].revenueCny );
      wouldReach += *items[i].revenueCny * 1e4 >= targets.backboneRevenueCny ? 1 : 0;
    }
  if ( withRevenue == 0 || largest >= targets.backboneRevenueCny / 100 || wouldReach == 0 )
    return;
  problems.push_back( { "warning", layerName, "", fieldName,
                        "all " + std::to_string( withRevenue ) + " revenues are below " + formatNumber( targets.backboneRevenueCny / 100 ) +
                          " yuan (largest " + formatNumber( largest ) + "): they look like 万元 (10,000 yuan), not yuan; read as yuan, no enterprise is a backbone enterprise, read as 万元 " +
                          std::to_string( wouldReach ) + " would be. Convert the field to yuan" } );
}

/**
 * Places a facility from its WKB geometry in EPSG:4490: points by their
 * coordinates (no geometry object kept), polygons (repaired when invalid) and
 * lines by their point on surface in the layer's own CRS. Returns nullptr when
 * placed, else the reason it is unplaced. Adds the finite coordinates, in the
 * layer's own CRS, to source.
 */
const char *placeFacility( std::string_view wkb, OGRCoordinateTransformation *toStorage, Facility &fac, const RowReport &report,
                           SourceCoordinates &source, const std::string &feature )
{
  if ( wkb.empty() )
    return "no geometry";
  double x = 0, y = 0;
  if ( readWkbPoint( wkb, x, y ) )
  {
    if ( std::isnan( x ) && std::isnan( y ) )
      return "empty geometry"; // how WKB writes POINT EMPTY
    if ( !std::isfinite( x ) || !std::isfinite( y ) )
      return "NaN or infinite coordinates";
    OGREnvelope at;
    at.Merge( x, y );
    source.add( at, feature );
    if ( toStorage && !toStorage->Transform( 1, &x, &y ) )
      return "cannot be reprojected";
    // Points keep no geometry object: x and y say it all (and millions of
    // OGRPoints would cost gigabytes).
    fac.x = x;
    fac.y = y;
    return nullptr;
  }
  OGRGeometry *parsed = nullptr;
  if ( OGRGeometryFactory::createFromWkb( wkb.data(), nullptr, &parsed, wkb.size(), wkbVariantIso ) != OGRERR_NONE || !parsed )
    return "unreadable geometry";
  OGRGeometryUniquePtr g( parsed );
  if ( g->IsEmpty() )
    return "empty geometry";
  OGREnvelope envelope;
  g->getEnvelope( &envelope );
  if ( !std::isfinite( envelope.MinX ) || !std::isfinite( envelope.MaxX ) || !std::isfinite( envelope.MinY ) || !std::isfinite( envelope.MaxY ) )
    return "NaN or infinite coordinates";
  source.add( envelope, feature );
  const OGRwkbGeometryType flat = wkbFlatten( g->getGeometryType() );
  const bool polygonal = flat == wkbPolygon || flat == wkbMultiPolygon || flat == wkbCurvePolygon || flat == wkbMultiSurface;
  if ( flat == wkbMultiPoint && g->toMultiPoint()->getNumGeometries() > 1 )
  {
    const std::string points = std::to_string( g->toMultiPoint()->getNumGeometries() ) + " points";
    report( "warning", "", problem::MultiPoint, points, std::string( problem::MultiPoint ) + ": " + points );
  }
  else if ( OGR_GT_IsCurve( flat ) || flat == wkbMultiLineString || flat == wkbMultiCurve )
    report( "warning", "", problem::Line, {}, problem::Line );
  if ( polygonal && !g->IsValid() )
  {
    OGRGeometryUniquePtr repaired( g->MakeValid() );
    if ( !repaired || repaired->IsEmpty() )
    {
      report( "error", "", "invalid polygon that cannot be repaired; not counted", {}, "invalid polygon that cannot be repaired" );
      return "empty geometry";
    }
    report( "warning", "", "invalid polygon (e.g. self-intersecting ring); repaired for the computation, source left unchanged", {},
            "invalid polygon (e.g. self-intersecting ring); repaired for the computation, source left unchanged" );
    g = std::move( repaired );
  }
  // A polygon is placed by its point on surface, computed in the layer's own CRS.
  OGRGeometryH surfacePoint = OGR_G_PointOnSurface( OGRGeometry::ToHandle( g.get() ) );
  OGRGeometryUniquePtr point( OGRGeometry::FromHandle( surfacePoint ) );
  if ( !point || point->IsEmpty() )
    return "empty geometry";
  if ( toStorage && ( point->transform( toStorage ) != OGRERR_NONE || g->transform( toStorage ) != OGRERR_NONE ) )
    return "cannot be reprojected";
  const OGRPoint *p = point->toPoint();
  fac.x = p->getX();
  fac.y = p->getY();
  g->assignSpatialReference( nullptr );
  fac.geometry = std::move( g );
  return nullptr;
}

//! Approximate distance in metres between two points in longitude/latitude (enough to tell 1 m from 1 km).
double metresApart( const Facility &a, const Facility &b )
{
  constexpr double metresPerDegree = 111195.0;
  const double dx = ( b.x - a.x ) * std::cos( ( a.y + b.y ) / 2 * M_PI / 180 ) * metresPerDegree;
  const double dy = ( b.y - a.y ) * metresPerDegree;
  return std::hypot( dx, dy );
}

/**
 * The repeat rule (README, "The facility layer contract"), over the layer's
 * placed features set.items[first..]: a feature with the id of an earlier one
 * is a repeat; so is one with the name of an earlier one within 1 m when
 * either has no id. A repeat is dropped (listed as unplaced, "repeat of fid
 * N") and reported naming both. The same name at another place, or at the same
 * place under another id, is a warning and both count.
 */
void dropRepeats( FacilitySet &set, size_t first, const std::string &layerName, std::unordered_set<std::string> &namesSeen,
                  std::vector<long long> &droppedFids )
{
  constexpr double samePlaceM = 1.0;
  constexpr double cell = 1e-5; // degrees, about 1 m: features within 1 m are in neighbouring cells
  struct FirstOfName
  {
      size_t index;        //!< in kept
      bool placed = false; //!< in byNamePlace (only names seen twice are: a million unique names need no place keys)
  };
  // Only features whose id or name hash is shared can repeat one another: the
  // others are kept without a string or a map entry (the rule is unchanged).
  const size_t n = set.items.size() - first;
  std::vector<bool> idShared, nameShared;
  parallelFor( 2, workerThreads(), nullptr, [&]( size_t task ) {
    std::string Facility::*key = task == 0 ? &Facility::id : &Facility::name;
    std::vector<uint64_t> hashes( n );
    for ( size_t i = 0; i < n; ++i )
      hashes[i] = keyHash( set.items[first + i].*key );
    ( task == 0 ? idShared : nameShared ) = sharedHashes( hashes );
  } );

  std::unordered_map<std::string, size_t> byId;                     // normalised id -> index in kept
  std::unordered_map<std::string, FirstOfName> firstByName;         // normalised name -> its first feature
  std::unordered_map<std::string, std::vector<size_t>> byNamePlace; // name and cell -> indexes in kept
  auto placeKey = []( const std::string &name, long long cx, long long cy ) {
    return name + '\x1f' + std::to_string( cx ) + '\x1f' + std::to_string( cy );
  };
  auto cellOf = [cell]( double v ) { return static_cast<long long>( std::floor( v / cell ) ); };

  // Kept features are compacted in place: kept[k] is set.items[first + k].
  size_t keptCount = 0;
  auto kept = [&]( size_t k ) -> Facility & { return set.items[first + k]; };
  auto keep = [&]( size_t i ) {
    if ( keptCount != i )
      kept( keptCount ) = std::move( set.items[first + i] );
    ++keptCount;
  };
  for ( size_t i = 0; i < n; ++i )
  {
    if ( !idShared[i] && !nameShared[i] )
    {
      keep( i );
      continue;
    }
    Facility &f = set.items[first + i];
    const std::string id = idShared[i] ? normalisedKey( f.id ) : std::string();
    const std::string name = nameShared[i] ? normalisedKey( f.name ) : std::string();
    const std::string ref = f.reference();
    const RowReport report( set.problems, layerName, ref );
    auto repeatOf = [&]( const Facility &earlier, const std::string &why ) {
      report( "warning", "", problem::Repeat, "repeats " + earlier.reference() + ", " + why,
              "repeats " + earlier.reference() + " (" + why + "); counted once" );
      set.unplaced.push_back( { layerName, f.label(), "repeat of fid " + std::to_string( earlier.fid ) } );
      droppedFids.push_back( f.fid );
      // A parent may name what was dropped (checkParents finds the kept features among the items).
      for ( const std::string &key : { normalisedKey( f.id ), normalisedKey( f.name ) } )
        if ( !key.empty() )
          namesSeen.insert( key );
    };

    if ( !id.empty() )
    {
      const auto found = byId.find( id );
      if ( found != byId.end() )
      {
        const Facility &earlier = kept( found->second );
        const double apart = metresApart( earlier, f );
        repeatOf( earlier, "same id '" + f.id + "'" +
                             ( apart > samePlaceM ? ", but " + formatNumber( std::round( apart / 100 ) / 10 ) + " km away: check which place is right" : std::string() ) );
        continue;
      }
    }
    const long long cx = cellOf( f.x ), cy = cellOf( f.y );
    auto earlierName = name.empty() ? firstByName.end() : firstByName.find( name );
    if ( earlierName != firstByName.end() )
    {
      if ( !earlierName->second.placed )
      {
        const Facility &firstOne = kept( earlierName->second.index );
        byNamePlace[placeKey( name, cellOf( firstOne.x ), cellOf( firstOne.y ) )].push_back( earlierName->second.index );
        earlierName->second.placed = true;
      }
      const Facility *samePlace = nullptr;
      for ( long long dx = -1; dx <= 1 && !samePlace; ++dx )
        for ( long long dy = -1; dy <= 1 && !samePlace; ++dy )
        {
          const auto found = byNamePlace.find( placeKey( name, cx + dx, cy + dy ) );
          if ( found == byNamePlace.end() )
            continue;
          for ( size_t k : found->second )
            if ( metresApart( kept( k ), f ) <= samePlaceM )
            {
              samePlace = &kept( k );
              break;
            }
        }
      if ( samePlace && ( normalisedKey( f.id ).empty() || normalisedKey( samePlace->id ).empty() ) )
      {
        repeatOf( *samePlace, "same name at the same place" + std::string( normalisedKey( f.id ).empty() ? ", no id" : "" ) );
        continue;
      }
      if ( samePlace )
        report( "warning", "", problem::SameNameSamePlace, "same name and place as " + samePlace->reference() + " (id '" + samePlace->id + "')",
                "same name and place as " + samePlace->reference() + " but another id ('" + f.id + "', '" + samePlace->id + "'); both counted" );
      else
      {
        const Facility &other = kept( earlierName->second.index );
        const std::string distance = formatNumber( std::round( metresApart( other, f ) / 100 ) / 10 ) + " km";
        report( "warning", "", problem::SameName, "same name as " + other.reference() + ", " + distance + " away",
                "same name as " + other.reference() + ", " + distance + " away; both counted" );
      }
    }
    if ( !id.empty() )
      byId.emplace( id, keptCount );
    if ( earlierName != firstByName.end() )
      byNamePlace[placeKey( name, cx, cy )].push_back( keptCount );
    else if ( !name.empty() )
      firstByName.emplace( name, FirstOfName{ keptCount } );
    keep( i );
  }
  set.items.resize( first + keptCount );
}

/**
 * The parent references (README: kept for the hierarchy checks): a parent that
 * is neither an id nor a name of any feature read, and a cycle of parents
 * (A in B in A), are warnings. Counts do not depend on them.
 */
void checkParents( FacilitySet &set, const std::unordered_set<std::string> &namesSeen )
{
  constexpr const char *NotFound = "parent that is neither an id nor a name of any facility read; left out of the hierarchy";
  // Only the keys some parent names are looked up: a million enterprises name a few thousand parents.
  std::unordered_set<std::string> named;
  for ( const Facility &f : set.items )
    if ( !f.parent.empty() )
      if ( std::string parent = normalisedKey( f.parent ); !parent.empty() )
        named.insert( std::move( parent ) );
  if ( named.empty() )
    return;
  KeyCounts namedHashes( named.size() );
  for ( const std::string &key : named )
    namedHashes.add( keyHash( key ) );
  std::unordered_map<std::string, size_t> byKey; // normalised id, then name -> index in items
  for ( size_t i = 0; i < set.items.size(); ++i )
    if ( namedHashes.count( keyHash( set.items[i].id ) ) )
      if ( const std::string id = normalisedKey( set.items[i].id ); named.count( id ) )
        byKey.emplace( id, i );
  for ( size_t i = 0; i < set.items.size(); ++i )
    if ( namedHashes.count( keyHash( set.items[i].name ) ) )
      if ( const std::string name = normalisedKey( set.items[i].name ); named.count( name ) )
        byKey.emplace( name, i );

  constexpr int Unvisited = 0, OnPath = 1, Done = 2;
  std::vector<int> state( set.items.size(), Unvisited );
  std::vector<long long> parentOf( set.items.size(), -1 );
  for ( size_t i = 0; i < set.items.size(); ++i )
  {
    const Facility &f = set.items[i];
    const std::string parent = normalisedKey( f.parent );
    if ( parent.empty() )
      continue;
    if ( const auto found = byKey.find( parent ); found != byKey.end() )
      parentOf[i] = static_cast<long long>( found->second );
    else if ( !namesSeen.count( parent ) )
      set.problems.push_back( { "warning", kindLayer( f.kind ), f.reference(), field::Parent, std::string( NotFound ) + ": '" + f.parent + "'", NotFound,
                                "'" + f.parent + "'" } );
  }
  std::vector<size_t> path;
  for ( size_t start = 0; start < set.items.size(); ++start )
  {
    path.clear();
    long long at = static_cast<long long>( start );
    while ( at >= 0 && state[static_cast<size_t>( at )] == Unvisited )
    {
      state[static_cast<size_t>( at )] = OnPath;
      path.push_back( static_cast<size_t>( at ) );
      at = parentOf[static_cast<size_t>( at )];
    }
    if ( at >= 0 && state[static_cast<size_t>( at )] == OnPath )
    {
      const auto cycleStart = std::find( path.begin(), path.end(), static_cast<size_t>( at ) );
      std::string chain;
      for ( auto it = cycleStart; it != path.end(); ++it )
        chain += set.items[*it].reference() + " in ";
      chain += set.items[static_cast<size_t>( at )].reference();
      const Facility &first = set.items[static_cast<size_t>( at )];
      set.problems.push_back( { "warning", kindLayer( first.kind ), first.reference(), field::Parent,
                                "parent cycle: " + chain + "; left out of the hierarchy" } );
    }
    for ( size_t i : path )
      state[i] = Done;
  }
}

//! What one block of rows gives: merged into the set in row order, so the result
//! and the order of the problems do not depend on the threads.
struct RowBlock
{
    size_t kept = 0; //!< features placed, written into the set's items from the block's first row on
    Problems problems;
    std::vector<Unassigned> unplaced;
    SourceCoordinates source;
    std::vector<std::string> namesSeen; //!< keys of the unplaced features
    std::set<std::string> designatedTexts; //!< status texts that parsed as designated
    bool designatedNotUtf8 = false;
    std::vector<long long> droppedFids; //!< the unplaced features
};

void SourceCoordinates::merge( const SourceCoordinates &other )
{
  if ( !other.any )
    return;
  extent.Merge( other.extent );
  any = true;
  features += other.features;
  if ( other.outOfRange )
  {
    if ( !outOfRange )
      firstOutOfRange = other.firstOutOfRange;
    outOfRange += other.outOfRange;
    outOfRangeExtent.Merge( other.outOfRangeExtent );
  }
}

/**
 * Coordinate transformations for the threads: PROJ's objects are not to be
 * shared between threads, so each block borrows one (a clone of the layer's)
 * and gives it back.
 */
class TransformPool
{
  public:
    explicit TransformPool( OGRCoordinateTransformation *prototype )
      : mPrototype( prototype )
    {}
    TransformPtr take()
    {
      if ( !mPrototype )
        return nullptr;
      const std::lock_guard<std::mutex> lock( mMutex );
      if ( mFree.empty() )
        return TransformPtr( mPrototype->Clone() );
      TransformPtr t = std::move( mFree.back() );
      mFree.pop_back();
      return t;
    }
    void giveBack( TransformPtr t )
    {
      if ( !t )
        return;
      const std::lock_guard<std::mutex> lock( mMutex );
      mFree.push_back( std::move( t ) );
    }

  private:
    OGRCoordinateTransformation *mPrototype;
    std::mutex mMutex;
    std::vector<TransformPtr> mFree;
};

void readLayer( OGRLayer *layer, Kind kind, const std::string &path, const Targets &targets, FacilitySet &set, std::unordered_set<std::string> &namesSeen,
                QgsFeedback *feedback )
{
  const std::string layerName = layer->GetName();
  const LayerCrs crs = layerCrs( layer, path );
  const LayerFields f = findFields( layer, kind, set.problems );
  const std::string fidName = layer->GetFIDColumn() && *layer->GetFIDColumn() ? layer->GetFIDColumn() : "OGC_FID";
  const std::string geomName = layer->GetGeometryColumn() && *layer->GetGeometryColumn() ? layer->GetGeometryColumn() : "wkb_geometry";
  const bool sectorExpected = !f.sector.empty() && kind != Kind::HightechZone;
  TransformPool transforms( crs.toStorage.get() );
  LayerReading reading;
  reading.kind = kind;
  reading.layer = layerName;
  reading.fidColumn = fidName;
  reading.status = f.status;
  reading.year = f.year;
  reading.revenue = f.revenue;
  reading.yearIsInteger = f.yearType == OFTInteger || f.yearType == OFTInteger64;
  if ( !f.revenue.empty() )
  {
    const OGRFieldType revenueType = layer->GetLayerDefn()->GetFieldDefn( layer->GetLayerDefn()->GetFieldIndex( f.revenue.c_str() ) )->GetType();
    reading.revenueIsNumber = revenueType == OFTInteger || revenueType == OFTInteger64 || revenueType == OFTReal;
  }

  const size_t first = set.items.size();
  const GIntBig expected = layer->GetFeatureCount( FALSE );
  if ( expected > 0 )
    set.items.reserve( set.items.size() + static_cast<size_t>( expected ) );
  std::vector<std::string> wanted;
  for ( const std::string *name : { &f.name, &f.sector, &f.status, &f.year, &f.revenue, &f.id, &f.zoneType, &f.parent, &f.cityCode, &f.countyCode } )
    if ( !name->empty() )
      wanted.push_back( *name );
  SourceCoordinates source;
  long long rowsRead = 0;
  readArrowBatches( layer, wanted, [&]( const auto &column, int64_t rows ) {
    const ArrowColumn fid = column( fidName ), geom = column( geomName ), name = column( f.name ), id = column( f.id ),
                      parent = column( f.parent ), zoneType = column( f.zoneType ), sector = column( f.sector ),
                      status = column( f.status ), year = column( f.year ), revenue = column( f.revenue ),
                      cityCode = column( f.cityCode ), countyCode = column( f.countyCode );
    rowsRead += rows;
    // A planner's cancel takes effect within a batch (65,536 rows), not after the whole file.
    if ( feedback && feedback->isCanceled() )
      throw Canceled();

    // Rows are checked in blocks on every core (issue 11: checking a million
    // rows was most of reading them); each block fills its own RowBlock.
    // Each block writes its placed features into items[base + its first row ...];
    // the gaps that unplaced rows leave are closed afterwards.
    const size_t base = set.items.size();
    set.items.resize( base + static_cast<size_t>( rows ) );
    auto readRows = [&]( int64_t begin, int64_t end, RowBlock &out ) {
      // Sector texts repeat: look each distinct one up once.
      std::unordered_map<std::string, std::optional<int>> sectorCache;
      auto sectorOf = [&]( const std::string &text ) {
        auto found = sectorCache.find( text );
        if ( found == sectorCache.end() )
          found = sectorCache.emplace( text, targets.sectorIndex( foldWidth( text ) ) ).first;
        return found->second;
      };
      TransformPtr toStorage = transforms.take();
      const std::string *lastDesignated = nullptr;
      for ( int64_t row = begin; row < end; ++row )
      {
        Facility fac;
        fac.kind = kind;
        fac.fid = static_cast<long long>( fid.number( row ).value_or( -1 ) );
        // Text that is not UTF-8 (a GBK name) is decoded as GB18030 and reported with the field.
        std::vector<std::pair<std::string, std::string>> decoded;
        auto textOf = [&]( const ArrowColumn &c, const std::string &fieldName ) {
          std::string t = c.text( row );
          if ( !isValidUtf8( t ) )
          {
            t = utf8OrGb18030( t );
            decoded.emplace_back( fieldName, t );
          }
          return t;
        };
        fac.name = textOf( name, f.name );
        fac.id = textOf( id, f.id );
        fac.parent = textOf( parent, f.parent );
        fac.zoneType = textOf( zoneType, f.zoneType );
        fac.cityCode = normalisedKey( textOf( cityCode, f.cityCode ) );
        fac.countyCode = normalisedKey( textOf( countyCode, f.countyCode ) );
        const std::string sectorText = textOf( sector, f.sector );
        const std::string statusText = textOf( status, f.status );
        const std::string ref = fac.reference();
        const RowReport report( out.problems, layerName, ref );
        for ( const auto &[fieldName, text] : decoded )
          report( "warning", fieldName, problem::NotUtf8, quoted( text ), std::string( problem::NotUtf8 ) + ": '" + text + "'" );

        if ( const auto index = sectorOf( sectorText ) )
          fac.sector = *index;
        else if ( !normalisedKey( sectorText ).empty() )
          report( "warning", f.sector, problem::UnknownSector, quoted( sectorText ), "unknown sector '" + sectorText + "'; tallied under 'unknown'" );
        else if ( sectorExpected )
          report( "warning", f.sector, problem::NoSector, {}, problem::NoSector );
        if ( status.present() )
        {
          readStatus( status, f.status, statusText, row, fac, report );
          // The texts that count as designated, for the map filter (a few distinct ones in a million rows).
          if ( fac.status == Status::Designated && ( out.designatedTexts.empty() || *lastDesignated != statusText ) )
          {
            lastDesignated = &*out.designatedTexts.insert( statusText ).first;
            out.designatedNotUtf8 = out.designatedNotUtf8 ||
                                    std::any_of( decoded.begin(), decoded.end(), [&]( const auto &d ) { return d.first == f.status; } );
          }
        }
        if ( year.present() )
          readYear( year, f.year, row, fac, report );
        readRevenue( revenue, f.revenue, row, fac, report );

        if ( const char *unplaced = placeFacility( geom.bytes( row ), toStorage.get(), fac, report, out.source, ref ) )
        {
          // Placed features' ids and names are found among the items; the others' here.
          for ( const std::string *key : { &fac.id, &fac.name } )
            if ( std::string k = normalisedKey( *key ); !k.empty() )
              out.namesSeen.push_back( std::move( k ) );
          const std::string kindText = std::string( unplaced ) + "; not counted";
          out.problems.push_back( { "warning", layerName, ref, "", kindText, kindText, {} } );
          out.unplaced.push_back( { layerName, fac.label(), unplaced } );
          out.droppedFids.push_back( fac.fid );
        }
        else
          set.items[base + static_cast<size_t>( begin ) + out.kept++] = std::move( fac );
      }
      transforms.giveBack( std::move( toStorage ) );
    };

    constexpr int64_t blockRows = 8192;
    std::vector<RowBlock> blocks( static_cast<size_t>( ( rows + blockRows - 1 ) / blockRows ) );
    parallelForBlocks( static_cast<size_t>( rows ), blockRows, workerThreads(), nullptr, [&]( size_t begin, size_t end ) {
      readRows( static_cast<int64_t>( begin ), static_cast<int64_t>( end ), blocks[begin / blockRows] );
    } );
    size_t placed = base;
    for ( size_t b = 0; b < blocks.size(); ++b )
    {
      RowBlock &block = blocks[b];
      const size_t from = base + b * static_cast<size_t>( blockRows );
      if ( from != placed )
        std::move( set.items.begin() + static_cast<std::ptrdiff_t>( from ), set.items.begin() + static_cast<std::ptrdiff_t>( from + block.kept ),
                   set.items.begin() + static_cast<std::ptrdiff_t>( placed ) );
      placed += block.kept;
      std::move( block.problems.begin(), block.problems.end(), std::back_inserter( set.problems ) );
      std::move( block.unplaced.begin(), block.unplaced.end(), std::back_inserter( set.unplaced ) );
      source.merge( block.source );
      for ( std::string &key : block.namesSeen )
        namesSeen.insert( std::move( key ) );
      reading.designatedTexts.insert( block.designatedTexts.begin(), block.designatedTexts.end() );
      reading.designatedNotUtf8 = reading.designatedNotUtf8 || block.designatedNotUtf8;
      reading.droppedFids.insert( reading.droppedFids.end(), block.droppedFids.begin(), block.droppedFids.end() );
    }
    set.items.resize( placed );
  } );
  checkCoordinates( crs, source, path, layerName, set.problems );
  if ( rowsRead == 0 )
    set.problems.push_back( { "warning", layerName, "", "", "layer has no features: no " + std::string( kindKey( kind ) ) + " in the report" } );
  dropRepeats( set, first, layerName, namesSeen, reading.droppedFids );
  if ( kind == Kind::Enterprise && !f.revenue.empty() )
    checkRevenueUnit( set.items, first, targets, layerName, f.revenue, set.problems );
  set.readings.push_back( std::move( reading ) );
}

} // namespace

FacilitySet loadFacilities( const std::string &path, const Targets &targets, QgsFeedback *feedback )
{
  const GDALDatasetUniquePtr ds = openVectorFile( path, "facilities", " (GeoPackage expected)" );

  FacilitySet set;
  set.path = path;
  std::vector<Kind> missing;
  std::unordered_set<std::string> namesSeen; // ids and names of the features read that are not among the items (unplaced, repeats)
  for ( Kind kind : allKinds() )
  {
    OGRLayer *layer = ds->GetLayerByName( kindLayer( kind ) );
    if ( !layer )
    {
      missing.push_back( kind );
      continue;
    }
    set.layersPresent.push_back( kind );
    set.isSample = set.isSample || mentionsSample( layer->GetMetadataItem( "DESCRIPTION" ) );
    readLayer( layer, kind, path, targets, set, namesSeen, feedback );
  }
  if ( set.layersPresent.empty() )
  {
    std::string found;
    for ( int i = 0; i < ds->GetLayerCount(); ++i )
      found += ( i ? ", " : "" ) + std::string( ds->GetLayer( i )->GetName() );
    throw InputError( "facilities file " + path + ": none of the layers hightech_zones, bases, parks, buildings, enterprises" +
                      ( found.empty() ? std::string( " (the file has no layers)" ) : " (found: " + found + ")" ) );
  }
  for ( int i = 0; i < ds->GetLayerCount(); ++i )
  {
    const std::string name = ds->GetLayer( i )->GetName();
    bool known = false;
    for ( Kind kind : allKinds() )
      known = known || normalisedKey( name ) == kindLayer( kind );
    known = known || normalisedKey( name ) == REVENUE_TABLE;
    if ( !known && name.rfind( "gpkg_", 0 ) != 0 && name.rfind( "rtree_", 0 ) != 0 )
      set.problems.push_back( { "warning", name, "", "", "not a layer of the facility contract (hightech_zones, bases, parks, buildings, enterprises); ignored" } );
  }
  checkParents( set, namesSeen );
  for ( int i = 0; i < ds->GetLayerCount(); ++i )
    if ( normalisedKey( ds->GetLayer( i )->GetName() ) == REVENUE_TABLE )
      readRevenueTable( *ds->GetLayer( i ), path, targets, set );
  if ( !missing.empty() )
  {
    std::string names;
    for ( Kind kind : missing )
      names += ( names.empty() ? "" : ", " ) + std::string( kindLayer( kind ) );
    set.problems.push_back( { "warning", names, "", "", std::string( missing.size() > 1 ? "layers" : "layer" ) + " missing from " + path +
                                                          ": none of " + ( missing.size() > 1 ? "those kinds" : "that kind" ) + " in the report (counted as 0)" } );
  }
  return set;
}

} // namespace htsplan
