#include "planning/metrics.h"

#include "geometry/polygon_index.h"

#include <qgsfeedback.h>

#include <algorithm>
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

//! Designated (and backbone for enterprises), whatever the year.
bool qualifies( const Facility &f, const Targets &targets )
{
  if ( f.status != Status::Designated )
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
} // namespace

bool countsTowardTarget( const Facility &facility, const Targets &targets, int evaluationYear )
{
  return qualifies( facility, targets ) && effectiveYear( facility, targets ) <= evaluationYear;
}

Metrics computeMetrics( const AdminData &admin, const FacilitySet &facilities, const Targets &targets,
                        const ReportOptions &options, QgsFeedback *feedback )
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

  // Assign every facility to one county (and so one city).
  std::vector<const OGRGeometry *> countyGeoms;
  for ( const AdminUnit &c : admin.counties )
    countyGeoms.push_back( c.geometry.get() );
  const PolygonIndex countyIndex( countyGeoms );
  std::vector<int> countyCity;
  for ( const AdminUnit &c : admin.counties )
    countyCity.push_back( admin.cityIndex( c.cityCode ) );

  for ( const AdminUnit &c : admin.counties )
    m.counties.push_back( unitFrom( c ) );
  for ( const AdminUnit &c : admin.cities )
    m.cities.push_back( unitFrom( c ) );

  m.sectors.clear();
  for ( const Sector &s : targets.sectors )
    m.sectors.push_back( { s.code, s.nameZh, s.nameEn, {}, {}, {} } );
  m.sectors.push_back( { "unknown", "未知领域", "unknown sector", {}, {}, {} } );
  std::vector<std::vector<const Facility *>> countedByCounty( m.counties.size() ), countedByCity( m.cities.size() ),
    countedBySector( m.sectors.size() );

  std::set<std::string> central( targets.centralCities.begin(), targets.centralCities.end() );
  GroupStats province{ "province", {}, {}, admin.provinceAreaKm2, admin.provincePopulation, {}, {} };
  GroupStats blue{ "blue_zone", {}, {}, 0.0, std::nullopt, {}, {} };
  GroupStats centralGroup{ "central_cities", {}, {}, 0.0, std::nullopt, {}, {} };
  std::vector<const Facility *> countedProvince, countedBlue, countedCentral;

  m.facilityCounty.assign( facilities.items.size(), -1 );
  for ( size_t i = 0; i < facilities.items.size(); ++i )
  {
    const Facility &f = facilities.items[i];
    const int county = countyIndex.locate( f.x, f.y );
    m.facilityCounty[i] = county;
    if ( county < 0 )
    {
      m.unassigned.push_back( { kindLayer( f.kind ), f.label(), "outside the province" } );
      m.problems.push_back( { "warning", kindLayer( f.kind ), f.label(), "",
                              "outside the province (" + std::to_string( f.x ) + ", " + std::to_string( f.y ) + "); not counted" } );
      continue;
    }
    const int city = countyCity[county];
    const bool counted = countsTowardTarget( f, targets, m.evaluationYear );
    const int k = kindIndex( f.kind );
    SectorStats &sector = f.sector >= 0 ? m.sectors[f.sector] : m.sectors.back();
    const bool isBlue = admin.counties[county].blueZone;
    const bool isCentral = city >= 0 && central.count( admin.cities[city].code );

    for ( KindCounts *c : { &m.counties[county].countsAll, &sector.countsAll, &province.countsAll } )
      ++( *c )[k];
    if ( city >= 0 )
      ++m.cities[city].countsAll[k];
    if ( isBlue )
      ++blue.countsAll[k];
    if ( isCentral )
      ++centralGroup.countsAll[k];
    if ( !counted )
      continue;
    for ( KindCounts *c : { &m.counties[county].counts, &sector.counts, &province.counts } )
      ++( *c )[k];
    countedByCounty[county].push_back( &f );
    countedBySector[&sector - m.sectors.data()].push_back( &f );
    if ( city >= 0 )
    {
      ++m.cities[city].counts[k];
      countedByCity[city].push_back( &f );
    }
    countedProvince.push_back( &f );
    if ( isBlue )
    {
      ++blue.counts[k];
      countedBlue.push_back( &f );
    }
    if ( isCentral )
    {
      ++centralGroup.counts[k];
      countedCentral.push_back( &f );
    }
  }
  throwIfCanceled( feedback );
  if ( feedback )
    feedback->setProgress( 20 );

  // Groups' areas and populations: a population is known only when the group
  // is made of whole cities whose populations are all known.
  std::vector<int> countiesPerCity( admin.cities.size(), 0 ), blueCountiesPerCity( admin.cities.size(), 0 );
  for ( size_t c = 0; c < admin.counties.size(); ++c )
  {
    const int city = countyCity[c];
    if ( city < 0 )
      continue;
    ++countiesPerCity[city];
    if ( admin.counties[c].blueZone )
    {
      blue.areaKm2 += admin.counties[c].areaKm2;
      ++blueCountiesPerCity[city];
    }
    if ( central.count( admin.cities[city].code ) )
      centralGroup.areaKm2 += admin.counties[c].areaKm2;
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
  blue.population = groupPopulation( [&]( size_t i ) { return blueCountiesPerCity[i]; } );
  centralGroup.population = groupPopulation( [&]( size_t i ) { return central.count( admin.cities[i].code ) ? countiesPerCity[i] : 0; } );
  for ( const GrowthTarget &g : targets.growth )
    for ( GroupStats *group : { &province, &blue, &centralGroup } )
      if ( group->group == g.group )
        group->annualGrowthTarget = g.annualGrowth;
  province.byYear = cumulative( countedProvince, targets, m.evaluationYear );
  blue.byYear = cumulative( countedBlue, targets, m.evaluationYear );
  centralGroup.byYear = cumulative( countedCentral, targets, m.evaluationYear );
  for ( size_t i = 0; i < m.counties.size(); ++i )
    m.counties[i].byYear = cumulative( countedByCounty[i], targets, m.evaluationYear );
  for ( size_t i = 0; i < m.cities.size(); ++i )
    m.cities[i].byYear = cumulative( countedByCity[i], targets, m.evaluationYear );
  for ( size_t i = 0; i < m.sectors.size(); ++i )
    m.sectors[i].byYear = cumulative( countedBySector[i], targets, m.evaluationYear );
  m.groups = { province, blue, centralGroup };

  // Province-wide target progress.
  for ( const KindTarget &t : targets.kindTargets )
  {
    TargetProgress p;
    p.kind = t.kind;
    p.byYear = province.byYear[kindIndex( t.kind )];
    p.count = province.counts[kindIndex( t.kind )];
    p.target = t.target;
    p.gap = std::max( 0, t.target - p.count );
    p.ratio = t.target > 0 ? static_cast<double>( p.count ) / t.target : 0.0;
    m.targets.push_back( p );
  }

  // Coverage: units with at least one counted carrier, and the share of the
  // province within the radius of a counted base or park.
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
  const CoverageMeter meter( admin, options.radiusKm * 1000.0 );
  for ( size_t k = 0; k < targets.coverageKinds.size(); ++k )
  {
    cov.byKind.push_back( meter.measure( targets.coverageKinds[k], countedProvince ) );
    throwIfCanceled( feedback );
    if ( feedback )
      feedback->setProgress( 20 + 80.0 * ( k + 1 ) / targets.coverageKinds.size() );
  }
  if ( feedback )
    feedback->setProgress( 100 );
  return m;
}

} // namespace htsplan
