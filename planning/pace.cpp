#include "planning/pace.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace htsplan
{

namespace
{
int kindIndex( Kind kind ) { return static_cast<int>( kind ); }

//! The cumulative count at the end of year from a by-year series (start year to evaluation year).
int countAt( const std::map<int, int> &byYear, int year )
{
  const auto it = byYear.find( year );
  return it == byYear.end() ? 0 : it->second;
}

void checkYear( const Metrics &m, int startYear, int year )
{
  if ( year < startYear || year > m.evaluationYear )
    throw std::out_of_range( "year " + std::to_string( year ) + " is outside the metrics' years " + std::to_string( startYear ) + " to " +
                             std::to_string( m.evaluationYear ) );
}

//! The unit's growth at year: the span's at its end, else from the span's start to year.
void growthAt( const GrowthStats &growth, const std::vector<UnitGrowth> &units, const std::string &code, int year, PaceUnit &u )
{
  if ( !growth.computed )
    return;
  for ( const UnitGrowth &g : units )
    if ( g.code == code )
    {
      u.line = g.line;
      if ( year == growth.toYear )
        u.cagr = g.cagr;
      else if ( const auto it = g.cagrByYear.find( year ); it != g.cagrByYear.end() )
        u.cagr = it->second;
      if ( u.cagr && u.line )
        u.growthGap = ( *u.cagr - *u.line ) * 100.0;
    }
}

//! The score, shortfall and flag of a unit from its kinds.
void summarise( PaceUnit &u )
{
  double sum = 0;
  int due = 0;
  u.shortfall = 0;
  u.behind = false;
  for ( const PaceKind &k : u.kinds )
  {
    u.shortfall += k.gap;
    u.behind = u.behind || k.state != PaceState::OnPace;
    if ( k.ratio )
    {
      sum += std::min( 1.0, *k.ratio );
      ++due;
    }
  }
  u.score = due > 0 ? sum / due : 1.0;
}

PaceKind paceKind( Kind kind, int targetYear, long long total, int actual, int startYear, int year )
{
  PaceKind k;
  k.kind = kind;
  k.targetYear = targetYear;
  k.total = total;
  k.path = pathCount( total, startYear, targetYear, year );
  k.actual = actual;
  // A path of 3.2 needs 4 carriers: the count is compared with the path itself.
  const double needed = std::ceil( k.path - 1e-9 );
  k.gap = std::max( 0, static_cast<int>( needed ) - actual );
  if ( k.path > 0 )
    k.ratio = actual / k.path;
  k.state = paceState( actual, k.path );
  return k;
}
} // namespace

const char *paceStateKey( PaceState state )
{
  switch ( state )
  {
    case PaceState::OnPace:
      return "on_pace";
    case PaceState::Behind:
      return "behind";
    case PaceState::FarBehind:
      return "far_behind";
  }
  return "";
}

double pathCount( long long target, int startYear, int targetYear, int year )
{
  if ( year < startYear )
    return 0.0;
  if ( year >= targetYear )
    return static_cast<double>( target );
  if ( year <= startYear )
    return 0.0;
  return static_cast<double>( target ) * ( year - startYear ) / ( targetYear - startYear );
}

PaceState paceState( long long count, double pathCount )
{
  if ( static_cast<double>( count ) >= pathCount )
    return PaceState::OnPace;
  if ( static_cast<double>( count ) >= 0.8 * pathCount )
    return PaceState::Behind;
  return PaceState::FarBehind;
}

Metrics countsAtYear( const Metrics &m, int year )
{
  int start = year;
  for ( const TargetProgress &t : m.targets )
    if ( !t.byYear.empty() )
      start = std::min( start, t.byYear.begin()->first );
  checkYear( m, start, year );
  Metrics out;
  out.vintage = m.vintage;
  out.targetYear = m.targetYear;
  out.evaluationYear = year;
  out.coverage.provinceAreaKm2 = m.coverage.provinceAreaKm2;
  out.groups = m.groups;
  out.targets = m.targets;
  for ( TargetProgress &t : out.targets )
  {
    t.count = countAt( t.byYear, year );
    t.gap = std::max( 0, t.target - t.count );
    t.ratio = t.target > 0 ? static_cast<double>( t.count ) / t.target : 0.0;
  }
  for ( const UnitStats &c : m.cities )
  {
    UnitStats city;
    city.code = c.code;
    city.nameZh = c.nameZh;
    city.nameEn = c.nameEn;
    city.areaKm2 = c.areaKm2;
    city.population = c.population;
    for ( int k = 0; k < KindCount; ++k )
      city.counts[k] = countAt( c.byYear[k], year );
    city.byYear = c.byYear;
    out.cities.push_back( std::move( city ) );
  }
  return out;
}

CityTotals cityTotals( const Metrics &m, const Targets &targets, const AllocationOptions &options )
{
  AllocationOptions whole = options;
  whole.basis = AllocationBasis::Whole;
  whole.kinds.clear();
  const Allocation a = allocateTargets( m, whole );
  CityTotals out;
  out.notes = a.notes;
  for ( const KindAllocation &k : a.kinds )
  {
    const KindTarget *target = targets.targetFor( k.kind );
    out.kinds.push_back( k.kind );
    out.targetYears.push_back( target ? target->year : m.targetYear );
    std::vector<long long> totals;
    for ( const CityAllocation &c : k.cities )
      totals.push_back( c.allocated );
    out.totals.push_back( std::move( totals ) );
  }
  return out;
}

PaceGroups paceGroups( const AdminData &admin, const std::set<std::string> &centralCodes )
{
  std::vector<int> counties( admin.cities.size(), 0 ), blue( admin.cities.size(), 0 );
  for ( const AdminUnit &county : admin.counties )
  {
    const int city = admin.cityIndex( county.cityCode );
    if ( city < 0 )
      continue;
    ++counties[static_cast<size_t>( city )];
    blue[static_cast<size_t>( city )] += county.blueZone ? 1 : 0;
  }
  PaceGroups groups;
  for ( size_t i = 0; i < admin.cities.size(); ++i )
  {
    if ( counties[i] > 0 && blue[i] == counties[i] )
      groups.blueZone.push_back( admin.cities[i].code );
    if ( centralCodes.count( admin.cities[i].code ) )
      groups.central.push_back( admin.cities[i].code );
  }
  return groups;
}

Pace computePace( const Metrics &m, const Targets &targets, const PaceGroups &groups, const AllocationOptions &options, int year )
{
  checkYear( m, targets.startYear, year );
  const CityTotals totals = cityTotals( countsAtYear( m, year ), targets, options );
  Pace pace;
  pace.year = year;
  pace.startYear = targets.startYear;
  pace.options = options;
  pace.options.basis = AllocationBasis::Whole;
  pace.options.kinds.clear();
  pace.notes = totals.notes;
  for ( size_t c = 0; c < m.cities.size(); ++c )
  {
    const UnitStats &city = m.cities[c];
    PaceUnit u;
    u.code = city.code;
    u.nameZh = city.nameZh;
    u.nameEn = city.nameEn;
    for ( size_t k = 0; k < totals.kinds.size(); ++k )
      u.kinds.push_back( paceKind( totals.kinds[k], totals.targetYears[k], totals.totals[k][c], countAt( city.byYear[kindIndex( totals.kinds[k] )], year ),
                                   targets.startYear, year ) );
    growthAt( m.growth, m.growth.cities, u.code, year, u );
    summarise( u );
    pace.cities.push_back( std::move( u ) );
  }

  std::vector<std::string> all;
  for ( const UnitStats &city : m.cities )
    all.push_back( city.code );
  const struct
  {
      const char *code, *nameZh, *nameEn;
      const std::vector<std::string> &cities;
  } groupList[] = { { "province", "全省", "Province", all },
                    { "blue_zone", "蓝色经济区", "Blue Economic Zone", groups.blueZone },
                    { "central_cities", "中心城市", "Central cities", groups.central } };
  for ( const auto &g : groupList )
  {
    PaceUnit u;
    u.code = g.code;
    u.nameZh = g.nameZh;
    u.nameEn = g.nameEn;
    u.cities = g.cities;
    for ( size_t k = 0; k < totals.kinds.size(); ++k )
    {
      long long total = 0;
      int actual = 0;
      for ( const PaceUnit &city : pace.cities )
        if ( std::find( g.cities.begin(), g.cities.end(), city.code ) != g.cities.end() )
        {
          total += city.kinds[k].total;
          actual += city.kinds[k].actual;
        }
      u.kinds.push_back( paceKind( totals.kinds[k], totals.targetYears[k], total, actual, targets.startYear, year ) );
    }
    growthAt( m.growth, m.growth.groups, u.code, year, u );
    summarise( u );
    pace.groups.push_back( std::move( u ) );
  }

  for ( size_t i = 0; i < pace.cities.size(); ++i )
    pace.ranking.push_back( i );
  std::sort( pace.ranking.begin(), pace.ranking.end(), [&]( size_t a, size_t b ) {
    const PaceUnit &x = pace.cities[a], &y = pace.cities[b];
    if ( x.score != y.score )
      return x.score < y.score;
    if ( x.shortfall != y.shortfall )
      return x.shortfall > y.shortfall;
    return x.code < y.code;
  } );
  return pace;
}

} // namespace htsplan
