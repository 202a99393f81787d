#include "planning/growth.h"

#include <cmath>
#include <unordered_map>

namespace htsplan
{

std::optional<double> compoundAnnualGrowth( double revenueFrom, double revenueTo, int years )
{
  if ( years < 1 || !( revenueFrom > 0 ) || !( revenueTo >= 0 ) )
    return std::nullopt;
  return std::pow( revenueTo / revenueFrom, 1.0 / years ) - 1.0;
}

std::vector<PanelSum> balancedPanel( const std::vector<std::vector<int>> &unitsOf, size_t units, const std::vector<RevenueRecord> &records,
                                     int from, int to, PanelCount *count )
{
  struct Ends
  {
    std::optional<double> from, to;
    bool inSpan = false;
  };
  std::unordered_map<size_t, Ends> ends;
  for ( const RevenueRecord &r : records )
  {
    if ( r.item >= unitsOf.size() || unitsOf[r.item].empty() || r.year < from || r.year > to )
      continue;
    Ends &e = ends[r.item];
    e.inSpan = true;
    if ( r.year == from )
      e.from = r.revenueCny;
    if ( r.year == to )
      e.to = r.revenueCny;
  }
  std::vector<PanelSum> sums( units );
  PanelCount c;
  for ( const auto &[item, e] : ends )
  {
    if ( !e.from || !e.to )
    {
      ++c.leftOut;
      continue;
    }
    ++c.panel;
    for ( int unit : unitsOf[item] )
    {
      PanelSum &s = sums[static_cast<size_t>( unit )];
      ++s.enterprises;
      s.revenueFrom += *e.from;
      s.revenueTo += *e.to;
    }
  }
  if ( count )
    *count = c;
  return sums;
}

namespace
{

std::optional<double> groupLine( const Targets &targets, const std::string &group )
{
  for ( const GrowthTarget &g : targets.growth )
    if ( g.group == group )
      return g.annualGrowth;
  return std::nullopt;
}

std::optional<bool> onTrack( const std::optional<double> &cagr, const std::optional<double> &line )
{
  if ( !cagr || !line )
    return std::nullopt;
  // A rate equal to the line within rounding is on track (20% written as 0.2).
  return *cagr >= *line - 1e-12;
}

} // namespace

GrowthStats computeGrowth( const AdminData &admin, const FacilitySet &facilities, const Targets &targets, const std::vector<int> &facilityCounty,
                           const std::vector<int> &countyCity, const std::set<std::string> &central, int from, int to )
{
  GrowthStats g;
  g.computed = facilities.revenueTable;
  g.fromYear = from;
  g.toYear = to;
  if ( !g.computed )
    return g;

  // Units: cities, then the three groups, then the sectors and "unknown".
  const size_t cities = admin.cities.size();
  const size_t groupBase = cities;
  const size_t sectorBase = groupBase + 3;
  const size_t unknownSector = sectorBase + targets.sectors.size();
  const size_t units = unknownSector + 1;

  // A city is held to the zone's line only when the zone covers all of it: the zone's
  // 25% is a target for the zone, and Binzhou, of whose counties only Wudi and Zhanhua
  // lie in it, is otherwise judged by the province's line (its two counties still count
  // in the blue_zone group).
  std::vector<int> countiesIn( cities, 0 ), blueCounties( cities, 0 );
  for ( size_t c = 0; c < admin.counties.size(); ++c )
  {
    if ( countyCity[c] < 0 )
      continue;
    const size_t city = static_cast<size_t>( countyCity[c] );
    ++countiesIn[city];
    if ( admin.counties[c].blueZone )
      ++blueCounties[city];
  }
  std::vector<bool> cityBlue( cities, false );
  for ( size_t c = 0; c < cities; ++c )
    cityBlue[c] = countiesIn[c] > 0 && blueCounties[c] == countiesIn[c];

  std::vector<std::vector<int>> unitsOf( facilities.items.size() );
  std::vector<bool> hasRevenue( facilities.items.size(), false );
  for ( const RevenueRecord &r : facilities.revenue )
    hasRevenue[r.item] = true;
  for ( size_t i = 0; i < facilities.items.size(); ++i )
  {
    if ( !hasRevenue[i] )
      continue;
    const int county = i < facilityCounty.size() ? facilityCounty[i] : -1;
    const int city = county >= 0 ? countyCity[static_cast<size_t>( county )] : -1;
    if ( city < 0 )
    {
      ++g.unplaced;
      continue;
    }
    ++g.enterprisesWithRevenue;
    std::vector<int> &u = unitsOf[i];
    u.push_back( city );
    u.push_back( static_cast<int>( groupBase ) );
    if ( admin.counties[static_cast<size_t>( county )].blueZone )
      u.push_back( static_cast<int>( groupBase + 1 ) );
    if ( central.count( admin.cities[static_cast<size_t>( city )].code ) )
      u.push_back( static_cast<int>( groupBase + 2 ) );
    const int sector = facilities.items[i].sector;
    u.push_back( static_cast<int>( sector >= 0 ? sectorBase + static_cast<size_t>( sector ) : unknownSector ) );
  }

  std::vector<UnitGrowth> all( units );
  const std::optional<double> province = groupLine( targets, "province" );
  const std::optional<double> blue = groupLine( targets, "blue_zone" );
  const std::optional<double> centralLine = groupLine( targets, "central_cities" );
  for ( size_t c = 0; c < cities; ++c )
  {
    all[c].code = admin.cities[c].code;
    all[c].name = admin.cities[c].nameZh;
    all[c].line = central.count( admin.cities[c].code ) ? centralLine : cityBlue[c] ? blue : province;
  }
  const char *const groupNames[] = { "province", "blue_zone", "central_cities" };
  for ( size_t k = 0; k < 3; ++k )
  {
    all[groupBase + k].code = groupNames[k];
    all[groupBase + k].line = groupLine( targets, groupNames[k] );
  }
  for ( size_t s = 0; s < targets.sectors.size(); ++s )
  {
    all[sectorBase + s].code = targets.sectors[s].code;
    all[sectorBase + s].name = targets.sectors[s].nameZh;
    all[sectorBase + s].line = province;
  }
  all[unknownSector].code = "unknown";
  all[unknownSector].line = province;

  for ( int y = from + 1; y <= to; ++y )
  {
    const std::vector<PanelSum> sums = balancedPanel( unitsOf, units, facilities.revenue, from, y, y == to ? &g.panel : nullptr );
    for ( size_t u = 0; u < units; ++u )
    {
      const std::optional<double> rate = compoundAnnualGrowth( sums[u].revenueFrom, sums[u].revenueTo, y - from );
      all[u].cagrByYear[y] = rate;
      all[u].onTrackByYear[y] = onTrack( rate, all[u].line );
      if ( y == to )
      {
        all[u].span = sums[u];
        all[u].cagr = rate;
        all[u].onTrack = all[u].onTrackByYear[y];
      }
    }
  }
  g.cities.assign( all.begin(), all.begin() + static_cast<std::ptrdiff_t>( groupBase ) );
  g.groups.assign( all.begin() + static_cast<std::ptrdiff_t>( groupBase ), all.begin() + static_cast<std::ptrdiff_t>( sectorBase ) );
  g.sectors.assign( all.begin() + static_cast<std::ptrdiff_t>( sectorBase ), all.begin() + static_cast<std::ptrdiff_t>( unknownSector ) );
  if ( all[unknownSector].span.enterprises > 0 )
    g.sectors.push_back( all[unknownSector] );
  return g;
}

} // namespace htsplan
