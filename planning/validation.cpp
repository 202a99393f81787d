#include "planning/validation.h"

#include "geometry/polygon_index.h"
#include "geometry/reproject.h"
#include "layers/contract.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <ctime>
#include <limits>
#include <set>
#include <unordered_map>

namespace htsplan
{

namespace rule
{
constexpr const char *RefSelf = "REF_SELF";
constexpr const char *RefMissingParent = "REF_MISSING_PARENT";
constexpr const char *RefWrongKind = "REF_WRONG_KIND";
constexpr const char *RefCycle = "REF_CYCLE";
constexpr const char *RefNoParent = "REF_NO_PARENT";
constexpr const char *PlaceOutsideProvince = "PLACE_OUTSIDE_PROVINCE";
constexpr const char *PlaceOutsideZones = "PLACE_OUTSIDE_ZONES";
constexpr const char *PlaceFarFromParent = "PLACE_FAR_FROM_PARENT";
constexpr const char *PlaceOtherCity = "PLACE_OTHER_CITY";
constexpr const char *RegDuplicateId = "REG_DUPLICATE_ID";
constexpr const char *RegRepeated = "REG_REPEATED";
constexpr const char *RegSameNameNearby = "REG_SAME_NAME_NEARBY";
constexpr const char *RegSamePoint = "REG_SAME_POINT";
constexpr const char *RegChildBeforeParent = "REG_CHILD_BEFORE_PARENT";
constexpr const char *RegMissingStatus = "REG_MISSING_STATUS";
constexpr const char *RegMissingYear = "REG_MISSING_YEAR";
constexpr const char *RegYearRange = "REG_YEAR_RANGE";
constexpr const char *RegUnknownSector = "REG_UNKNOWN_SECTOR";
constexpr const char *RegCodeNotInVintage = "REG_CODE_NOT_IN_VINTAGE";
} // namespace rule

const std::vector<ValidationRule> &validationRules()
{
  static const std::vector<ValidationRule> rules = {
    { rule::RefSelf, "error", "parent names the feature itself", "上级指向自身" },
    { rule::RefMissingParent, "error", "parent names no feature of the register (neither an id nor a name)", "上级编号或名称在名录中不存在" },
    { rule::RefWrongKind, "error", "parent is of the wrong kind (building → park, park → base, base → zone, enterprise → park or building)",
      "上级类型不符（楼宇→园区，园区→基地，基地→高新区或开发区，企业→园区或楼宇）" },
    { rule::RefCycle, "error", "following the parents leads back to the feature", "上级关系形成循环" },
    { rule::RefNoParent, "warning", "a park or building, or a designated base, without a parent", "园区、楼宇或已认定基地未填写上级" },
    { rule::PlaceOutsideProvince, "error", "in no county of the admin map: outside the province", "不在任何县区内（省外）" },
    { rule::PlaceOutsideZones, "warning", "a designated base or park farther than the set distance from every zone", "已认定基地或园区不在任何高新区或开发区内" },
    { rule::PlaceFarFromParent, "warning", "a base outside its zone, a park far from its base, a building far from its park (set distances)",
      "基地在其高新区外、园区远离其基地、楼宇远离其园区（超过设定距离）" },
    { rule::PlaceOtherCity, "warning", "in another city than its parent", "与上级不在同一城市" },
    { rule::RegDuplicateId, "error", "the same id in two layers", "不同图层使用相同编号" },
    { rule::RegRepeated, "warning", "listed twice in a layer (same id, or no id and the same name within 1 m): the reader counted it once",
      "同一图层重复登记（编号相同，或无编号且同名同位置），仅计一次" },
    { rule::RegSameNameNearby, "warning", "the same name as another carrier of the kind within the set distance (200 m): likely entered twice",
      "设定距离（200 米）内有同类同名载体，可能重复登记" },
    { rule::RegSamePoint, "warning", "exactly the same point as another carrier", "与另一载体坐标完全相同" },
    { rule::RegChildBeforeParent, "warning", "a base, park or building designated before its parent (an enterprise's year is its own, not a designation under its park)",
      "基地、园区或楼宇的认定年份早于其上级（企业年份不属于上级认定，不检查）" },
    { rule::RegMissingStatus, "warning", "no status, or one that cannot be read", "认定状态缺失或无法识别" },
    { rule::RegMissingYear, "warning", "a designated carrier without a year", "已认定载体缺少认定年份" },
    { rule::RegYearRange, "warning", "a year that cannot be read, or outside the range (1984 to the current year)", "年份无法识别或超出范围（1984 年至今年）" },
    { rule::RegUnknownSector, "warning", "a sector that is not one of the targets' sectors", "行业不在目标文件的行业列表中" },
    { rule::RegCodeNotInVintage, "warning", "a city_code or county_code (optional fields) that is no city or county of the chosen map vintage",
      "city_code 或 county_code（可选字段）不是所选区划版本中的城市或县区" },
  };
  return rules;
}

namespace
{

const ValidationRule &ruleOf( const char *code )
{
  for ( const ValidationRule &r : validationRules() )
    if ( std::string( r.code ) == code )
      return r;
  throw std::logic_error( std::string( "unknown validation rule " ) + code );
}

bool parentKindAllowed( Kind child, Kind parent )
{
  switch ( child )
  {
    case Kind::Building:
      return parent == Kind::Park;
    case Kind::Park:
      return parent == Kind::Base;
    case Kind::Base:
      return parent == Kind::HightechZone;
    case Kind::Enterprise:
      return parent == Kind::Park || parent == Kind::Building;
    case Kind::HightechZone:
      return false;
  }
  return false;
}

std::string metres( double m )
{
  return m >= 1000 ? formatNumber( std::round( m / 100 ) / 10 ) + " km" : formatNumber( std::round( m ) ) + " m";
}

std::string metresZh( double m )
{
  return m >= 1000 ? formatNumber( std::round( m / 100 ) / 10 ) + " 公里" : formatNumber( std::round( m ) ) + " 米";
}

class Collector
{
  public:
    explicit Collector( const FacilitySet &set )
      : mSet( set )
    {}

    void add( const char *code, size_t item, const std::string &fieldName, const std::string &en, const std::string &zh )
    {
      const Facility &f = mSet.items[item];
      const ValidationRule &r = ruleOf( code );
      Violation v;
      v.code = code;
      v.severity = r.severity;
      v.layer = kindLayer( f.kind );
      v.fid = f.fid;
      v.id = f.id;
      v.name = f.name;
      v.field = fieldName;
      const std::string who = ( f.id.empty() ? "" : f.id + " " ) + f.reference();
      v.messageEn = v.layer + ": feature " + who + ( fieldName.empty() ? "" : ", field '" + fieldName + "'" ) + ": " + en;
      v.messageZh = v.layer + " 图层，要素 " + who + ( fieldName.empty() ? "" : "，字段 " + fieldName ) + "：" + zh;
      v.x = f.x;
      v.y = f.y;
      mViolations.push_back( std::move( v ) );
    }

    std::vector<Violation> take() { return std::move( mViolations ); }

  private:
    const FacilitySet &mSet;
    std::vector<Violation> mViolations;
};

//! "P001 name (fid 3)" for a message about another feature.
std::string other( const Facility &f )
{
  return ( f.id.empty() ? "" : f.id + " " ) + f.reference();
}

} // namespace

ValidationResult validateRegister( const FacilitySet &set, const AdminData &admin, const Targets &, const ValidationSettings &settings,
                                   QgsFeedback *feedback )
{
  const std::vector<Facility> &items = set.items;
  const size_t n = items.size();
  Collector out( set );
  int maxYear = settings.maxYear;
  if ( maxYear == 0 )
  {
    const std::time_t now = std::time( nullptr );
    std::tm utc{};
    gmtime_r( &now, &utc );
    maxYear = utc.tm_year + 1900;
  }

  // --- references: resolve each parent by id, then by name (as the reader does).
  std::unordered_map<std::string, std::vector<size_t>> byId, byName;
  for ( size_t i = 0; i < n; ++i )
  {
    if ( std::string id = normalisedKey( items[i].id ); !id.empty() )
      byId[id].push_back( i );
    if ( std::string name = normalisedKey( items[i].name ); !name.empty() )
      byName[name].push_back( i );
  }
  auto lookup = [&]( const std::string &key ) -> const std::vector<size_t> * {
    if ( const auto found = byId.find( key ); found != byId.end() )
      return &found->second;
    if ( const auto found = byName.find( key ); found != byName.end() )
      return &found->second;
    return nullptr;
  };
  std::vector<long long> parentOf( n, -1 ); // a parent of the right kind, else -1
  for ( size_t i = 0; i < n; ++i )
  {
    const Facility &f = items[i];
    if ( f.kind == Kind::HightechZone )
      continue;
    const std::string key = normalisedKey( f.parent );
    if ( key.empty() )
    {
      if ( f.kind == Kind::Park || f.kind == Kind::Building || ( f.kind == Kind::Base && f.status == Status::Designated ) )
        out.add( rule::RefNoParent, i, field::Parent, "no parent: it hangs in no " + std::string( f.kind == Kind::Base ? "zone" : f.kind == Kind::Park ? "base" : "park" ),
                 std::string( "未填写上级" ) + ( f.kind == Kind::Base ? "高新区" : f.kind == Kind::Park ? "基地" : "园区" ) );
      continue;
    }
    if ( key == normalisedKey( f.id ) || key == normalisedKey( f.name ) )
    {
      out.add( rule::RefSelf, i, field::Parent, "parent '" + f.parent + "' is the feature itself", "上级“" + f.parent + "”指向自身" );
      continue;
    }
    const std::vector<size_t> *named = lookup( key );
    if ( !named )
    {
      out.add( rule::RefMissingParent, i, field::Parent, "parent '" + f.parent + "' is neither an id nor a name of the register",
               "上级“" + f.parent + "”在名录中不存在" );
      continue;
    }
    const std::vector<size_t> &candidates = *named;
    const auto right = std::find_if( candidates.begin(), candidates.end(), [&]( size_t c ) { return parentKindAllowed( f.kind, items[c].kind ); } );
    if ( right == candidates.end() )
    {
      const Facility &p = items[candidates.front()];
      out.add( rule::RefWrongKind, i, field::Parent,
               "parent " + other( p ) + " is in " + kindLayer( p.kind ) + ", not a layer a " + kindKey( f.kind ) + " hangs in",
               "上级 " + other( p ) + " 属于 " + kindLabelZh( p.kind ) + "，" + kindLabelZh( f.kind ) + "不能隶属于它" );
      continue;
    }
    parentOf[i] = static_cast<long long>( *right );
  }
  // Cycles: the allowed kinds go down a strict order (zone > base > park > building > enterprise)
  // except enterprise → building/park, so a cycle needs a wrong kind; it is checked anyway, on
  // every parent named, so a register read with other rules cannot loop.
  {
    std::vector<long long> anyParent( n, -1 );
    for ( size_t i = 0; i < n; ++i )
    {
      const std::string key = normalisedKey( items[i].parent );
      if ( key.empty() || key == normalisedKey( items[i].id ) || key == normalisedKey( items[i].name ) )
        continue;
      if ( const std::vector<size_t> *named = lookup( key ) )
        anyParent[i] = static_cast<long long>( named->front() );
    }
    constexpr int Unvisited = 0, OnPath = 1, Done = 2;
    std::vector<int> state( n, Unvisited );
    std::vector<bool> inCycle( n, false );
    std::vector<size_t> path;
    for ( size_t start = 0; start < n; ++start )
    {
      path.clear();
      long long at = static_cast<long long>( start );
      while ( at >= 0 && state[static_cast<size_t>( at )] == Unvisited )
      {
        state[static_cast<size_t>( at )] = OnPath;
        path.push_back( static_cast<size_t>( at ) );
        at = anyParent[static_cast<size_t>( at )];
      }
      if ( at >= 0 && state[static_cast<size_t>( at )] == OnPath )
        for ( auto it = std::find( path.begin(), path.end(), static_cast<size_t>( at ) ); it != path.end(); ++it )
          inCycle[*it] = true;
      for ( size_t p : path )
        state[p] = Done;
    }
    for ( size_t i = 0; i < n; ++i )
      if ( inCycle[i] )
      {
        parentOf[i] = -1;
        out.add( rule::RefCycle, i, field::Parent, "following the parents from '" + items[i].parent + "' leads back to this feature",
                 "从上级“" + items[i].parent + "”逐级向上又回到本要素" );
      }
  }
  throwIfCanceled( feedback );

  // --- places: counties (EPSG:4490), distances in the analysis CRS.
  std::vector<const OGRGeometry *> countyPolygons;
  for ( const AdminUnit &county : admin.counties )
    countyPolygons.push_back( county.geometry.get() );
  const PolygonIndex counties( countyPolygons );
  std::vector<double> xs( n ), ys( n );
  std::vector<int> county( n, -1 );
  for ( size_t i = 0; i < n; ++i )
  {
    xs[i] = items[i].x;
    ys[i] = items[i].y;
    county[i] = counties.locate( items[i].x, items[i].y );
  }
  toAnalysisCrs( xs, ys );
  const TransformPtr toAnalysis = storageToAnalysis();
  std::vector<OGRGeometryUniquePtr> zoneShapes( n ); // zones' geometry in the analysis CRS
  std::vector<OGREnvelope> zoneBoxes( n );
  std::vector<size_t> zones;
  for ( size_t i = 0; i < n; ++i )
    if ( items[i].kind == Kind::HightechZone )
    {
      zones.push_back( i );
      if ( items[i].geometry )
      {
        zoneShapes[i] = projectedCopy( *items[i].geometry, *toAnalysis );
        zoneShapes[i]->getEnvelope( &zoneBoxes[i] );
      }
      else
        zoneBoxes[i].Merge( xs[i], ys[i] );
    }
  auto distance = [&]( size_t from, size_t to ) -> double {
    if ( zoneShapes[to] )
    {
      const OGRPoint point( xs[from], ys[from] );
      return point.Distance( zoneShapes[to].get() );
    }
    return std::hypot( xs[from] - xs[to], ys[from] - ys[to] );
  };

  for ( size_t i = 0; i < n; ++i )
  {
    const Facility &f = items[i];
    if ( county[i] < 0 )
    {
      out.add( rule::PlaceOutsideProvince, i, "", "in no county of the admin map: outside the province, or the coordinates are wrong",
               "不在行政区划图的任何县区内：位于省外或坐标有误" );
      continue;
    }
    if ( f.status == Status::Designated && ( f.kind == Kind::Base || f.kind == Kind::Park ) && !zones.empty() )
    {
      // A zone whose bounding box is farther than the nearest so far cannot be nearer: most are skipped without GEOS.
      double nearest = std::numeric_limits<double>::infinity();
      for ( size_t z : zones )
      {
        const OGREnvelope &box = zoneBoxes[z];
        const double boxDistance = std::hypot( std::max( { box.MinX - xs[i], 0.0, xs[i] - box.MaxX } ), std::max( { box.MinY - ys[i], 0.0, ys[i] - box.MaxY } ) );
        if ( boxDistance < nearest )
          nearest = std::min( nearest, distance( i, z ) );
        if ( nearest <= settings.outsideZonesM )
          break;
      }
      if ( nearest > settings.outsideZonesM )
        out.add( rule::PlaceOutsideZones, i, "", "designated, but " + metres( nearest ) + " from the nearest zone (more than " + metres( settings.outsideZonesM ) + ")",
                 "已认定，但距最近的高新区或开发区 " + metresZh( nearest ) + "（超过 " + metresZh( settings.outsideZonesM ) + "）" );
    }
    if ( parentOf[i] < 0 )
      continue;
    const size_t p = static_cast<size_t>( parentOf[i] );
    const double apart = distance( i, p );
    const double limit = f.kind == Kind::Base ? settings.baseToZoneM : f.kind == Kind::Park ? settings.parkToBaseM
                       : f.kind == Kind::Building                    ? settings.buildingToParkM
                                                                     : std::numeric_limits<double>::infinity();
    if ( apart > limit )
      out.add( rule::PlaceFarFromParent, i, "", metres( apart ) + " from its parent " + other( items[p] ) + " (more than " + metres( limit ) + ")",
               "距上级 " + other( items[p] ) + " " + metresZh( apart ) + "（超过 " + metresZh( limit ) + "）" );
    // A base inside its zone is where the zone is, whichever city holds the zone's centre.
    const bool insideZone = zoneShapes[p] && apart == 0.0;
    if ( county[p] >= 0 && !insideZone )
    {
      const std::string &city = admin.counties[static_cast<size_t>( county[i] )].cityCode;
      const std::string &parentCity = admin.counties[static_cast<size_t>( county[p] )].cityCode;
      if ( city != parentCity )
      {
        auto cityName = [&]( const std::string &code ) {
          const int c = admin.cityIndex( code );
          return c >= 0 ? admin.cities[static_cast<size_t>( c )].nameZh + " " + code : code;
        };
        out.add( rule::PlaceOtherCity, i, "", "in " + cityName( city ) + ", its parent " + other( items[p] ) + " in " + cityName( parentCity ),
                 "位于 " + cityName( city ) + "，其上级 " + other( items[p] ) + " 位于 " + cityName( parentCity ) );
      }
    }
  }
  throwIfCanceled( feedback );

  // --- the register: duplicates, years, status, sector.
  for ( const auto &[id, holders] : byId )
  {
    for ( size_t k = 1; k < holders.size(); ++k )
      if ( items[holders[k]].kind != items[holders[0]].kind )
        out.add( rule::RegDuplicateId, holders[k], field::Id, "id '" + items[holders[k]].id + "' is also " + other( items[holders[0]] ) + " in " + kindLayer( items[holders[0]].kind ),
                 "编号“" + items[holders[k]].id + "”与 " + kindLayer( items[holders[0]].kind ) + " 图层的 " + other( items[holders[0]] ) + " 相同" );
  }
  for ( const Unassigned &u : set.unplaced )
  {
    const std::string prefix = "repeat of fid ";
    if ( u.reason.rfind( prefix, 0 ) != 0 )
      continue;
    const long long keptFid = std::stoll( u.reason.substr( prefix.size() ) );
    const std::optional<Kind> kind = kindFromLayer( u.layer );
    for ( size_t i = 0; i < n; ++i )
      if ( items[i].fid == keptFid && kind && items[i].kind == *kind )
      {
        out.add( rule::RegRepeated, i, "", "listed again as '" + u.name + "' (same id, or no id and the same place): counted once",
                 "重复登记为“" + u.name + "”（编号相同，或无编号且位置相同）：仅计一次" );
        break;
      }
  }
  {
    std::map<std::pair<int, std::string>, std::vector<size_t>> byKindName;
    std::map<std::pair<double, double>, size_t> firstAt;
    for ( size_t i = 0; i < n; ++i )
    {
      if ( std::string name = normalisedKey( items[i].name ); !name.empty() )
        byKindName[{ static_cast<int>( items[i].kind ), name }].push_back( i );
      if ( !items[i].geometry )
      {
        const auto [at, first] = firstAt.emplace( std::make_pair( items[i].x, items[i].y ), i );
        if ( !first )
          out.add( rule::RegSamePoint, i, "", "at exactly the same point as " + other( items[at->second] ) + " (" + kindLayer( items[at->second].kind ) + ")",
                   std::string( "与 " ) + kindLayer( items[at->second].kind ) + " 图层的 " + other( items[at->second] ) + " 坐标完全相同" );
      }
    }
    for ( const auto &[key, named] : byKindName )
      for ( size_t b = 1; b < named.size(); ++b )
        for ( size_t a = 0; a < b; ++a )
        {
          const double apart = std::hypot( xs[named[a]] - xs[named[b]], ys[named[a]] - ys[named[b]] );
          if ( apart <= settings.sameNameM )
          {
            out.add( rule::RegSameNameNearby, named[b], field::Name, "the same name as " + other( items[named[a]] ) + ", " + metres( apart ) + " away: likely entered twice",
                     "与 " + other( items[named[a]] ) + " 同名，相距 " + metresZh( apart ) + "：可能重复登记" );
            break;
          }
        }
  }
  // The reader's unknown-sector problems name the feature by its reference and layer.
  std::map<std::pair<int, std::string>, std::string> unknownSector; // (kind, reference) -> value
  for ( const Problem &problem : set.problems )
    if ( problem.kind.rfind( "unknown sector", 0 ) == 0 )
      if ( const std::optional<Kind> kind = kindFromLayer( normalisedKey( problem.layer ) ) )
        unknownSector[{ static_cast<int>( *kind ), problem.feature }] = problem.value;
  std::set<std::string> countyCodes, cityCodes;
  for ( const AdminUnit &c : admin.counties )
    countyCodes.insert( normalisedKey( c.code ) );
  for ( const AdminUnit &c : admin.cities )
    cityCodes.insert( normalisedKey( c.code ) );
  for ( size_t i = 0; i < n; ++i )
  {
    const Facility &f = items[i];
    if ( f.status == Status::Unknown )
      out.add( rule::RegMissingStatus, i, field::Status, "no status, or one that cannot be read: never counted", "认定状态缺失或无法识别：不计入目标" );
    if ( f.yearUnreadable )
      out.add( rule::RegYearRange, i, field::Year, "a year that cannot be read", "年份无法识别" );
    else if ( f.year && ( *f.year < settings.minYear || *f.year > maxYear ) )
      out.add( rule::RegYearRange, i, field::Year, "year " + std::to_string( *f.year ) + " outside " + std::to_string( settings.minYear ) + "-" + std::to_string( maxYear ),
               "年份 " + std::to_string( *f.year ) + " 超出 " + std::to_string( settings.minYear ) + "–" + std::to_string( maxYear ) );
    else if ( !f.year && f.status == Status::Designated )
      out.add( rule::RegMissingYear, i, field::Year, "designated, with no year", "已认定但缺少认定年份" );
    if ( f.kind != Kind::HightechZone )
      if ( const auto found = unknownSector.find( { static_cast<int>( f.kind ), f.reference() } ); found != unknownSector.end() )
        out.add( rule::RegUnknownSector, i, field::Sector, "sector " + found->second + " is not one of the targets' sectors", "行业 " + found->second + " 不在目标文件的行业列表中" );
    if ( !f.cityCode.empty() && !cityCodes.count( f.cityCode ) )
      out.add( rule::RegCodeNotInVintage, i, field::CityCode,
               "city " + f.cityCode + " is no city of the " + vintageKey( admin.vintage ) + " map" + ( f.cityCode == "371200" ? " (Laiwu became part of Jinan in 2019)" : "" ),
               "城市代码 " + f.cityCode + " 不在 " + vintageKey( admin.vintage ) + " 版区划中" + ( f.cityCode == "371200" ? "（莱芜市已于 2019 年并入济南市）" : "" ) );
    if ( !f.countyCode.empty() && !countyCodes.count( f.countyCode ) )
      out.add( rule::RegCodeNotInVintage, i, field::CountyCode, "county " + f.countyCode + " is no county of the admin map",
               "县区代码 " + f.countyCode + " 不在行政区划图中" );
    if ( parentOf[i] >= 0 && f.kind != Kind::Enterprise )
    {
      const Facility &p = items[static_cast<size_t>( parentOf[i] )];
      if ( f.year && p.year && *f.year < *p.year )
        out.add( rule::RegChildBeforeParent, i, field::Year, "designated in " + std::to_string( *f.year ) + ", before its parent " + other( p ) + " (" + std::to_string( *p.year ) + ")",
                 std::to_string( *f.year ) + " 年认定，早于其上级 " + other( p ) + "（" + std::to_string( *p.year ) + " 年）" );
    }
  }

  ValidationResult result;
  result.computed = true;
  for ( const ValidationRule &r : validationRules() )
    result.byRule[r.code] = 0;
  result.violations = out.take();
  std::map<std::string, size_t> order;
  for ( size_t r = 0; r < validationRules().size(); ++r )
    order[validationRules()[r].code] = r;
  std::stable_sort( result.violations.begin(), result.violations.end(), [&]( const Violation &a, const Violation &b ) { return order[a.code] < order[b.code]; } );
  for ( const Violation &v : result.violations )
  {
    ++result.byRule[v.code];
    ( v.severity == "error" ? result.errors : result.warnings ) += 1;
  }
  return result;
}

std::string findingDetail( const std::string &message, long long fid )
{
  const std::string lead = "(fid " + std::to_string( fid ) + ")";
  const size_t at = message.find( lead );
  if ( at == std::string::npos )
    return message;
  size_t from = at + lead.size();
  // The separator messages put after the feature: ", " or ": " in English, "，" or "：" in Chinese.
  for ( const char *separator : { "，", "：", ",", ":" } )
    if ( message.compare( from, std::strlen( separator ), separator ) == 0 )
    {
      from += std::strlen( separator );
      break;
    }
  while ( from < message.size() && message[from] == ' ' )
    ++from;
  return message.substr( from );
}

} // namespace htsplan
