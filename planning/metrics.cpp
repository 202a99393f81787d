#include "planning/metrics.h"

#include "layers/contract.h"
#include "layers/revenue_table.h"

#include "geometry/polygon_index.h"

#include <qgsfeedback.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cctype>
#include <set>

namespace htsplan
{

namespace
{
int kindIndex( Kind kind ) { return static_cast<int>( kind ); }

//! The year from which a facility is in place: its year, but never before the plan starts.
int effectiveYear( const Facility &f, const Targets &targets )
{
  return std::max( f.year.value_or( targets.startYear ), targets.startYear );
}

//! Designated (and backbone for enterprises), whatever the year; never with a
//! year that cannot be read (the year it counts from is unknown).
bool qualifies( const Facility &f, const Targets &targets )
{
  if ( f.status != Status::Designated || f.yearUnreadable )
    return false;
  if ( f.kind == Kind::Enterprise )
    return f.revenueCny && *f.revenueCny >= targets.backboneRevenueCny;
  return true;
}

UnitStats unitFrom( const AdminUnit &unit )
{
  UnitStats s;
  s.code = unit.code;
  s.nameZh = unit.nameZh;
  s.nameEn = unit.nameEn;
  s.cityCode = unit.cityCode;
  s.areaKm2 = unit.areaKm2;
  s.population = unit.population;
  return s;
}

YearCounts cumulative( const std::vector<const Facility *> &counted, const Targets &targets, int evaluationYear )
{
  YearCounts out;
  for ( auto &years : out )
    for ( int y = targets.startYear; y <= evaluationYear; ++y )
      years[y] = 0;
  for ( const Facility *f : counted )
    for ( int y = effectiveYear( *f, targets ); y <= evaluationYear; ++y )
      ++out[kindIndex( f->kind )][y];
  return out;
}
//! The counted facilities of each place, for the cumulative counts by year.
struct Counted
{
    std::vector<std::vector<const Facility *>> byCounty, byCity, bySector;
    std::vector<const Facility *> province, blue, central;
};

//! The province, blue zone and central cities groups, being counted.
struct Groups
{
    GroupStats province, blue, central;
};

//! Each county's city, as an index into admin.cities (-1 when its city is unknown).
std::vector<int> countyCities( const AdminData &admin )
{
  std::vector<int> cities;
  for ( const AdminUnit &c : admin.counties )
    cities.push_back( admin.cityIndex( c.cityCode ) );
  return cities;
}

//! The report's header and empty per-unit and per-sector figures; InputError for an evaluation year before the plan.
Metrics emptyMetrics( const AdminData &admin, const FacilitySet &facilities, const Targets &targets, const ReportOptions &options )
{
  Metrics m;
  m.adminPath = admin.path;
  m.facilitiesPath = facilities.path;
  m.targetsPath = targets.path;
  m.vintage = admin.vintage;
  m.sampleData = facilities.isSample;
  m.targetYear = targets.targetYear;
  m.evaluationYear = options.year > 0 ? options.year : targets.targetYear;
  m.problems = facilities.problems;
  m.unassigned = facilities.unplaced;
  if ( m.evaluationYear < targets.startYear )
    throw InputError( "evaluation year " + std::to_string( m.evaluationYear ) + " is before the plan's start year " +
                      std::to_string( targets.startYear ) + " (targets file " + targets.path + ")" );
  for ( const AdminUnit &c : admin.counties )
    m.counties.push_back( unitFrom( c ) );
  for ( const AdminUnit &c : admin.cities )
    m.cities.push_back( unitFrom( c ) );
  for ( const Sector &s : targets.sectors )
    m.sectors.push_back( { s.code, s.nameZh, s.nameEn, {}, {}, {} } );
  m.sectors.push_back( { "unknown", "未知领域", "unknown sector", {}, {}, {} } );
  for ( std::vector<UnitStats> *units : { &m.counties, &m.cities } )
    for ( UnitStats &u : *units )
      for ( const SectorStats &s : m.sectors )
        u.bySector.push_back( { s.code, {} } );
  return m;
}

//! Places every facility in one county (and so one city) and counts it everywhere it belongs.
Counted assignAndCount( const AdminData &admin, const FacilitySet &facilities, const Targets &targets, const std::set<std::string> &central,
                        const std::vector<int> &countyCity, Metrics &m, Groups &groups )
{
  std::vector<const OGRGeometry *> countyGeoms;
  for ( const AdminUnit &c : admin.counties )
    countyGeoms.push_back( c.geometry.get() );
  const PolygonIndex countyIndex( countyGeoms );
  Counted counted;
  counted.byCounty.resize( m.counties.size() );
  counted.byCity.resize( m.cities.size() );
  counted.bySector.resize( m.sectors.size() );

  // The province's outline tells "outside the province" from "in a gap of the admin map".
  const PolygonIndex provinceIndex( admin.province ? std::vector<const OGRGeometry *>{ admin.province.get() } : std::vector<const OGRGeometry *>{} );
  OGREnvelope provinceExtent;
  if ( admin.province )
    admin.province->getEnvelope( &provinceExtent );
  struct Outside
  {
      size_t total = 0, outside = 0, swappedInside = 0;
      OGREnvelope extent;
  };
  std::array<Outside, KindCount> outsideByKind;

  m.facilityCounty.assign( facilities.items.size(), -1 );
  for ( size_t i = 0; i < facilities.items.size(); ++i )
  {
    const Facility &f = facilities.items[i];
    const int county = countyIndex.locate( f.x, f.y );
    m.facilityCounty[i] = county;
    Outside &o = outsideByKind[kindIndex( f.kind )];
    ++o.total;
    if ( county < 0 )
    {
      const bool inOutline = admin.province && provinceIndex.locate( f.x, f.y ) >= 0;
      const std::string reason = inOutline ? "inside the province's outline but in no county of the admin map" : "outside the province";
      m.unassigned.push_back( { kindLayer( f.kind ), f.label(), reason } );
      const std::string where = "(" + formatCoordinate( f.x ) + ", " + formatCoordinate( f.y ) + ")";
      m.problems.push_back( { "warning", kindLayer( f.kind ), f.reference(), "", reason + " " + where + "; not counted", reason + "; not counted", where } );
      if ( !inOutline )
      {
        ++o.outside;
        o.extent.Merge( f.x, f.y );
        o.swappedInside += countyIndex.locate( f.y, f.x ) >= 0 ? 1 : 0;
      }
      continue;
    }
    const int city = countyCity[county];
    const bool counts = countsTowardTarget( f, targets, m.evaluationYear );
    const int k = kindIndex( f.kind );
    SectorStats &sector = f.sector >= 0 ? m.sectors[f.sector] : m.sectors.back();
    const bool isBlue = admin.counties[county].blueZone;
    const bool isCentral = city >= 0 && central.count( admin.cities[city].code );

    for ( KindCounts *c : { &m.counties[county].countsAll, &sector.countsAll, &groups.province.countsAll } )
      ++( *c )[k];
    if ( city >= 0 )
      ++m.cities[city].countsAll[k];
    if ( isBlue )
      ++groups.blue.countsAll[k];
    if ( isCentral )
      ++groups.central.countsAll[k];
    if ( !counts )
      continue;
    for ( KindCounts *c : { &m.counties[county].counts, &sector.counts, &groups.province.counts } )
      ++( *c )[k];
    const size_t sectorIndex = static_cast<size_t>( &sector - m.sectors.data() );
    counted.byCounty[county].push_back( &f );
    counted.bySector[sectorIndex].push_back( &f );
    ++m.counties[county].bySector[sectorIndex].counts[k];
    if ( city >= 0 )
    {
      ++m.cities[city].counts[k];
      ++m.cities[city].bySector[sectorIndex].counts[k];
      counted.byCity[city].push_back( &f );
    }
    counted.province.push_back( &f );
    if ( isBlue )
    {
      ++groups.blue.counts[k];
      counted.blue.push_back( &f );
    }
    if ( isCentral )
    {
      ++groups.central.counts[k];
      counted.central.push_back( &f );
    }
  }
  for ( Kind kind : allKinds() )
  {
    const Outside &o = outsideByKind[kindIndex( kind )];
    if ( o.outside == 0 )
      continue;
    std::string text = std::to_string( o.outside ) + " of " + std::to_string( o.total ) + " features lie outside the province (x " +
                       formatCoordinate( o.extent.MinX ) + " to " + formatCoordinate( o.extent.MaxX ) + ", y " + formatCoordinate( o.extent.MinY ) +
                       " to " + formatCoordinate( o.extent.MaxY ) + ")";
    if ( o.swappedInside == o.outside )
      text += ": their coordinates look like latitude/longitude swapped (swapped back, every one falls in the province); fix the layer's coordinates";
    else if ( o.swappedInside > 0 )
      text += "; " + std::to_string( o.swappedInside ) + " of them fall in the province with longitude and latitude swapped";
    else if ( o.outside == o.total && o.total > 1 )
      text += ": none of the layer is in the province; is its CRS right?";
    m.problems.push_back( { o.outside == o.total ? "error" : "warning", kindLayer( kind ), "", "", text + "; not counted" } );
  }
  return counted;
}

/**
 * The groups' areas, populations and growth targets. A population is known
 * only when the group is made of whole cities whose populations are all known.
 */
void describeGroups( const AdminData &admin, const Targets &targets, const std::set<std::string> &central, const std::vector<int> &countyCity,
                     Groups &groups )
{
  std::vector<int> countiesPerCity( admin.cities.size(), 0 ), blueCountiesPerCity( admin.cities.size(), 0 );
  for ( size_t c = 0; c < admin.counties.size(); ++c )
  {
    const int city = countyCity[c];
    if ( city < 0 )
      continue;
    ++countiesPerCity[city];
    if ( admin.counties[c].blueZone )
    {
      groups.blue.areaKm2 += admin.counties[c].areaKm2;
      ++blueCountiesPerCity[city];
    }
    if ( central.count( admin.cities[city].code ) )
      groups.central.areaKm2 += admin.counties[c].areaKm2;
  }
  auto groupPopulation = [&]( auto member ) -> std::optional<double> {
    double total = 0.0;
    bool any = false;
    for ( size_t i = 0; i < admin.cities.size(); ++i )
    {
      const int inGroup = member( i );
      if ( inGroup == 0 )
        continue;
      if ( inGroup < countiesPerCity[i] || !admin.cities[i].population )
        return std::nullopt;
      total += *admin.cities[i].population;
      any = true;
    }
    return any ? std::optional<double>( total ) : std::nullopt;
  };
  groups.blue.population = groupPopulation( [&]( size_t i ) { return blueCountiesPerCity[i]; } );
  groups.central.population = groupPopulation( [&]( size_t i ) { return central.count( admin.cities[i].code ) ? countiesPerCity[i] : 0; } );
  for ( const GrowthTarget &g : targets.growth )
    for ( GroupStats *group : { &groups.province, &groups.blue, &groups.central } )
      if ( group->group == g.group )
        group->annualGrowthTarget = g.annualGrowth;
}

//! The cumulative counts by year of every group, county, city and sector.
void countByYear( const Counted &counted, const Targets &targets, Metrics &m, Groups &groups )
{
  groups.province.byYear = cumulative( counted.province, targets, m.evaluationYear );
  groups.blue.byYear = cumulative( counted.blue, targets, m.evaluationYear );
  groups.central.byYear = cumulative( counted.central, targets, m.evaluationYear );
  for ( size_t i = 0; i < m.counties.size(); ++i )
    m.counties[i].byYear = cumulative( counted.byCounty[i], targets, m.evaluationYear );
  for ( size_t i = 0; i < m.cities.size(); ++i )
    m.cities[i].byYear = cumulative( counted.byCity[i], targets, m.evaluationYear );
  for ( size_t i = 0; i < m.sectors.size(); ++i )
    m.sectors[i].byYear = cumulative( counted.bySector[i], targets, m.evaluationYear );
}

/**
 * Drops each unit's "unknown" sector when it has nothing counted, and gives
 * every city its rank among the cities and its share of the province's count.
 */
void describeUnits( const GroupStats &province, Metrics &m )
{
  for ( std::vector<UnitStats> *units : { &m.counties, &m.cities } )
    for ( UnitStats &u : *units )
    {
      const KindCounts &unknown = u.bySector.back().counts;
      if ( std::all_of( unknown.begin(), unknown.end(), []( int n ) { return n == 0; } ) )
        u.bySector.pop_back();
    }
  for ( int k = 0; k < KindCount; ++k )
    for ( UnitStats &u : m.cities )
    {
      // Competition ranking: one more than the number of cities with more.
      u.rank[k] = 1 + static_cast<int>( std::count_if( m.cities.begin(), m.cities.end(),
                                                       [&]( const UnitStats &other ) { return other.counts[k] > u.counts[k]; } ) );
      u.shareOfProvince[k] = province.counts[k] > 0 ? static_cast<double>( u.counts[k] ) / province.counts[k] : 0.0;
    }
}

//! Province-wide progress toward each kind's target.
std::vector<TargetProgress> targetProgress( const GroupStats &province, const Targets &targets )
{
  std::vector<TargetProgress> progress;
  for ( const KindTarget &t : targets.kindTargets )
  {
    TargetProgress p;
    p.kind = t.kind;
    p.byYear = province.byYear[kindIndex( t.kind )];
    p.count = province.counts[kindIndex( t.kind )];
    p.target = t.target;
    p.gap = std::max( 0, t.target - p.count );
    p.ratio = t.target > 0 ? static_cast<double>( p.count ) / t.target : 0.0;
    progress.push_back( p );
  }
  return progress;
}

/**
 * Coverage: units with at least one counted carrier, and per kind the
 * targets measure, the share of the province and of each city and county
 * within the radius of a counted carrier (one measuring for all three).
 * Progress from 20 to 100.
 */
void measureCoverage( const AdminData &admin, const Targets &targets, const std::vector<const Facility *> &carriers, const ReportOptions &options,
                      Metrics &m, QgsFeedback *feedback )
{
  CoverageStats &cov = m.coverage;
  cov.radiusKm = options.radiusKm;
  cov.provinceAreaKm2 = admin.provinceAreaKm2;
  cov.citiesTotal = static_cast<int>( m.cities.size() );
  cov.countiesTotal = static_cast<int>( m.counties.size() );
  for ( int k = 0; k < KindCount; ++k )
  {
    for ( const UnitStats &u : m.cities )
      cov.citiesWith[k] += u.counts[k] > 0 ? 1 : 0;
    for ( const UnitStats &u : m.counties )
      cov.countiesWith[k] += u.counts[k] > 0 ? 1 : 0;
  }
  const auto start = std::chrono::steady_clock::now();
  const CoverageMeter meter( admin, options.radiusKm * 1000.0 );
  for ( size_t k = 0; k < targets.coverageKinds.size(); ++k )
  {
    cov.byKind.push_back( meter.measure( targets.coverageKinds[k], carriers ) );
    const CoverageKind &measured = cov.byKind.back();
    for ( size_t i = 0; i < m.cities.size(); ++i )
      m.cities[i].coverage.push_back( { measured.kind, measured.cityShares[i] } );
    for ( size_t i = 0; i < m.counties.size(); ++i )
      m.counties[i].coverage.push_back( { measured.kind, measured.countyShares[i] } );
    throwIfCanceled( feedback );
    if ( feedback )
      feedback->setProgress( 20 + 80.0 * static_cast<double>( k + 1 ) / static_cast<double>( targets.coverageKinds.size() ) );
  }
  cov.seconds = std::chrono::duration<double>( std::chrono::steady_clock::now() - start ).count();
  if ( feedback )
    feedback->setProgress( 100 );
}
} // namespace

std::set<std::string> centralCityCodes( const AdminData &admin, const Targets &targets, Problems &problems )
{
  std::set<std::string> codes;
  auto bare = []( const std::string &name ) {
    std::string key = normalisedKey( name );
    const std::string shi = "市";
    if ( key.size() > shi.size() && key.compare( key.size() - shi.size(), shi.size(), shi ) == 0 )
      key.erase( key.size() - shi.size() );
    return key;
  };
  for ( size_t i = 0; i < targets.centralCities.size(); ++i )
  {
    const std::string &entry = targets.centralCities[i];
    const std::string where = "targets file " + targets.path + ", central_cities[" + std::to_string( i ) + "]";
    if ( admin.cityIndex( entry ) >= 0 )
    {
      codes.insert( entry );
      continue;
    }
    const AdminUnit *named = nullptr;
    for ( const AdminUnit &c : admin.cities )
      if ( bare( c.nameZh ) == bare( entry ) || ( !c.nameEn.empty() && bare( c.nameEn ) == bare( entry ) ) )
        named = &c;
    if ( named )
    {
      codes.insert( named->code );
      continue;
    }
    const bool isCode = entry.size() == 6 && std::all_of( entry.begin(), entry.end(), []( unsigned char c ) { return std::isdigit( c ); } );
    if ( isCode )
    {
      problems.push_back( { "warning", "targets", "", "central_cities",
                            where + ": city " + entry + " is not on the " + std::string( admin.vintage == Vintage::Y2015 ? "2015" : "current" ) +
                              " map; the central cities group leaves it out" } );
      continue;
    }
    std::string valid;
    for ( const AdminUnit &c : admin.cities )
      valid += ( valid.empty() ? "" : ", " ) + c.code + " " + c.nameZh + ( c.nameEn.empty() ? "" : " " + c.nameEn );
    throw InputError( where + ": '" + entry + "' is neither a city code nor a city name of the admin map " + admin.path + " (valid: " + valid + ")" );
  }
  return codes;
}

namespace
{

//! The growth figures over the asked span (default: the plan's start to the evaluation year);
//! the enterprises the balanced panel leaves out are a warning with their count.
void measureGrowth( const AdminData &admin, const FacilitySet &facilities, const Targets &targets, const ReportOptions &options,
                    const std::set<std::string> &central, const std::vector<int> &countyCity, Metrics &m )
{
  if ( !facilities.revenueTable )
    return;
  // By default the plan's start; an evaluation in the start year itself looks back one year.
  const int from = options.growthFrom > 0 ? options.growthFrom : std::min( targets.startYear, m.evaluationYear - 1 );
  const int to = options.growthTo > 0 ? options.growthTo : m.evaluationYear;
  const int first = firstRevenueYear( targets ), last = lastRevenueYear( targets );
  if ( from >= to || from < first || to > last )
    throw InputError( "revenue growth span " + std::to_string( from ) + "-" + std::to_string( to ) + ": the first year must come before the last, both within " +
                      std::to_string( first ) + "-" + std::to_string( last ) );
  m.growth = computeGrowth( admin, facilities, targets, m.facilityCounty, countyCity, central, from, to );
  const std::string span = std::to_string( from ) + "-" + std::to_string( to );
  if ( m.growth.panel.leftOut > 0 )
    m.problems.push_back( { "warning", REVENUE_TABLE, "", "", std::to_string( m.growth.panel.leftOut ) +
                            " enterprises with revenue in " + span + " but not in both " + std::to_string( from ) + " and " + std::to_string( to ) +
                            ": left out of the growth figures (balanced panel: only enterprises present in both years)" } );
  if ( m.growth.unplaced > 0 )
    m.problems.push_back( { "warning", REVENUE_TABLE, "", "", std::to_string( m.growth.unplaced ) +
                            " enterprises with revenue lie in no county: left out of the growth figures" } );
}

} // namespace

bool countsTowardTarget( const Facility &facility, const Targets &targets, int evaluationYear )
{
  return qualifies( facility, targets ) && effectiveYear( facility, targets ) <= evaluationYear;
}

Metrics computeMetrics( const AdminData &admin, const FacilitySet &facilities, const Targets &targets,
                        const ReportOptions &options, QgsFeedback *feedback )
{
  Metrics m = emptyMetrics( admin, facilities, targets, options );
  const std::set<std::string> central = centralCityCodes( admin, targets, m.problems );
  const std::vector<int> countyCity = countyCities( admin );
  Groups groups{ { "province", {}, {}, admin.provinceAreaKm2, admin.provincePopulation, {}, {} },
                 { "blue_zone", {}, {}, 0.0, std::nullopt, {}, {} },
                 { "central_cities", {}, {}, 0.0, std::nullopt, {}, {} } };

  const Counted counted = assignAndCount( admin, facilities, targets, central, countyCity, m, groups );
  throwIfCanceled( feedback );
  if ( feedback )
    feedback->setProgress( 20 );

  describeGroups( admin, targets, central, countyCity, groups );
  countByYear( counted, targets, m, groups );
  describeUnits( groups.province, m );
  m.groups = { groups.province, groups.blue, groups.central };
  m.targets = targetProgress( groups.province, targets );
  measureCoverage( admin, targets, counted.province, options, m, feedback );
  measureGrowth( admin, facilities, targets, options, central, countyCity, m );
  return m;
}

} // namespace htsplan
