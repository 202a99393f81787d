#include "planning/dashboard.h"

#include "analysis/density/unit_density.h"
#include "planning/coverage_shares.h"
#include "layers/parallel.h"
#include "layers/problems.h"

#include <qgsfeedback.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace htsplan
{

namespace
{
int kindIndex( Kind kind ) { return static_cast<int>( kind ); }

//! The year from which a counted facility counts: its year, never before the plan starts (as computeMetrics).
int countsFrom( const Facility &f, const Targets &targets ) { return std::max( f.year.value_or( targets.startYear ), targets.startYear ); }

//! A field name for SQLite and OGR SQL: in double quotes, quotes doubled.
std::string sqlName( const std::string &name )
{
  std::string out = "\"";
  for ( char c : name )
    out += c == '"' ? std::string( "\"\"" ) : std::string( 1, c );
  return out + "\"";
}

std::string sqlText( const std::string &text )
{
  std::string out = "'";
  for ( char c : text )
    out += c == '\'' ? std::string( "''" ) : std::string( 1, c );
  return out + "'";
}

std::string sqlNumber( double value )
{
  char buffer[32];
  std::snprintf( buffer, sizeof buffer, "%.17g", value );
  return buffer;
}

//! Each county's city, as an index into admin.cities (-1 when its city is unknown), as computeMetrics.
std::vector<int> countyCities( const AdminData &admin )
{
  std::vector<int> cities;
  for ( const AdminUnit &c : admin.counties )
    cities.push_back( admin.cityIndex( c.cityCode ) );
  return cities;
}

/**
 * A county's share of its city's path: its share of the city's population, or
 * of its area when either population is missing.
 */
double partOfCity( const AdminUnit &county, const AdminUnit &city )
{
  if ( county.population && city.population && *city.population > 0 )
    return *county.population / *city.population;
  return city.areaKm2 > 0 ? county.areaKm2 / city.areaKm2 : 0.0;
}
} // namespace

size_t Dashboard::at( size_t unit, int kind, size_t sector, int year ) const
{
  return ( ( unit * KindCount + static_cast<size_t>( kind ) ) * ( mSectors + 1 ) + sector ) * mYears + static_cast<size_t>( year - mFirstYear );
}

int Dashboard::count( const std::vector<int> &table, size_t unit, int kind, size_t sector, int year ) const
{
  return table[at( unit, kind, sector, year )];
}

int Dashboard::countsFromYear( const Facility &facility ) const
{
  return countsTowardTarget( facility, mTargets, mLastYear ) ? countsFrom( facility, mTargets ) : 0;
}

void Dashboard::checkYear( int year ) const
{
  if ( year < mFirstYear || year > mLastYear )
    throw std::out_of_range( "year " + std::to_string( year ) + " is outside the dashboard's years " + std::to_string( mFirstYear ) + " to " +
                             std::to_string( mLastYear ) );
}

Dashboard Dashboard::build( const AdminData &admin, const FacilitySet &facilities, const Targets &targets, double radiusKm, QgsFeedback *feedback )
{
  Dashboard d;
  d.mTargets = targets;
  d.mFirstYear = targets.startYear;
  d.mLastYear = std::max( DASHBOARD_LAST_YEAR, targets.targetYear );
  ReportOptions options;
  options.radiusKm = radiusKm;
  options.year = d.mLastYear;
  {
    // computeMetrics fills the first 70% of the bar; a cancel reaches it at its next check.
    QgsFeedback inner;
    if ( feedback )
      QObject::connect( &inner, &QgsFeedback::progressChanged, [&]( double p ) {
        feedback->setProgress( 0.7 * p );
        if ( feedback->isCanceled() )
          inner.cancel();
      } );
    throwIfCanceled( feedback );
    d.mMetrics = computeMetrics( admin, facilities, targets, options, feedback ? &inner : nullptr );
  }
  throwIfCanceled( feedback );
  const Metrics &m = d.mMetrics;
  d.mYears = static_cast<size_t>( d.mLastYear - d.mFirstYear + 1 );
  d.mSectors = m.sectors.size();
  const size_t perUnit = KindCount * ( d.mSectors + 1 ) * d.mYears;
  d.mCounties.assign( m.counties.size() * perUnit, 0 );
  d.mCities.assign( m.cities.size() * perUnit, 0 );
  d.mProvince.assign( perUnit, 0 );

  // One pass: each counted facility adds one to its county, kind, sector and first year.
  std::vector<std::vector<const Facility *>> carriers( targets.coverageKinds.size() );
  std::map<Kind, std::vector<std::pair<int, long long>>> countedFrom;
  for ( size_t i = 0; i < facilities.items.size(); ++i )
  {
    const int county = m.facilityCounty[i];
    const Facility &f = facilities.items[i];
    if ( county < 0 || !countsTowardTarget( f, targets, d.mLastYear ) )
      continue;
    const int year = countsFrom( f, targets );
    const size_t sector = f.sector >= 0 ? static_cast<size_t>( f.sector ) : d.mSectors - 1;
    ++d.mCounties[d.at( static_cast<size_t>( county ), kindIndex( f.kind ), sector, year )];
    ++d.mCounties[d.at( static_cast<size_t>( county ), kindIndex( f.kind ), d.mSectors, year )];
    for ( size_t k = 0; k < targets.coverageKinds.size(); ++k )
      if ( targets.coverageKinds[k] == f.kind )
        carriers[k].push_back( &f );
    countedFrom[f.kind].emplace_back( year, f.fid );
  }
  // Cities and the province are sums of counties; then every series is made cumulative.
  const std::vector<int> countyCity = countyCities( admin );
  for ( size_t c = 0; c < m.counties.size(); ++c )
    for ( size_t j = 0; j < perUnit; ++j )
    {
      const int n = d.mCounties[c * perUnit + j];
      d.mProvince[j] += n;
      if ( countyCity[c] >= 0 )
        d.mCities[static_cast<size_t>( countyCity[c] ) * perUnit + j] += n;
    }
  for ( std::vector<int> *table : { &d.mCounties, &d.mCities, &d.mProvince } )
    for ( size_t series = 0; series < table->size(); series += d.mYears )
      for ( size_t y = 1; y < d.mYears; ++y )
        ( *table )[series + y] += ( *table )[series + y - 1];

  for ( size_t c = 0; c < admin.counties.size(); ++c )
    d.mCountyPart.push_back( countyCity[c] >= 0 ? partOfCity( admin.counties[c], admin.cities[static_cast<size_t>( countyCity[c] )] ) : 0.0 );
  d.mCountyCity = countyCity;
  try
  {
    d.setAllocation( AllocationOptions() );
  }
  catch ( const InputError &e )
  {
    // No population or area to weigh the cities by: no city has a total, none is behind.
    d.mCityTotals.assign( d.mYears, CityTotals() );
    d.mMetrics.problems.push_back( { "warning", "targets", "", "", std::string( "pace: the targets could not be split among the cities: " ) + e.what(),
                                     "pace not computed" } );
  }
  if ( feedback )
    feedback->setProgress( 75 );

  // Coverage of each year: one measuring per distinct set of counted carriers
  // (a set changes only in a year some carrier starts to count); the last
  // year's is computeMetrics' own. The others are measured side by side (each
  // buffer union is one thread's work), the largest first.
  const CoverageMeter meter( admin, radiusKm * 1000.0, true );
  struct Measuring
  {
      size_t kind = 0;   //!< index into targets.coverageKinds
      int from = 0;      //!< the first year of its set of carriers
      std::vector<const Facility *> carriers;
      CoverageShares shares;
  };
  std::vector<Measuring> measurings;
  for ( size_t k = 0; k < carriers.size(); ++k )
  {
    KindCoverage kc;
    kc.kind = kindKey( targets.coverageKinds[k] );
    kc.byYear.resize( d.mYears );
    std::vector<int> changes{ d.mFirstYear };
    for ( const Facility *f : carriers[k] )
      changes.push_back( countsFrom( *f, targets ) );
    std::sort( changes.begin(), changes.end() );
    changes.erase( std::unique( changes.begin(), changes.end() ), changes.end() );
    for ( size_t c = 0; c < changes.size(); ++c )
    {
      for ( int y = changes[c]; y <= d.mLastYear; ++y )
        kc.byYear[static_cast<size_t>( y - d.mFirstYear )] = c;
      if ( c + 1 == changes.size() )
      {
        const CoverageKind &last = m.coverage.byKind[k];
        kc.measurings.push_back( { last.cityShares, last.countyShares } );
        continue;
      }
      kc.measurings.emplace_back(); // filled below
      Measuring measuring;
      measuring.kind = k;
      measuring.from = changes[c];
      for ( const Facility *f : carriers[k] )
        if ( countsFrom( *f, targets ) <= changes[c] )
          measuring.carriers.push_back( f );
      measurings.push_back( std::move( measuring ) );
    }
    d.mCoverage.push_back( std::move( kc ) );
  }
  std::stable_sort( measurings.begin(), measurings.end(),
                    []( const Measuring &a, const Measuring &b ) { return a.carriers.size() > b.carriers.size(); } );
  parallelFor(
    measurings.size(), workerThreads(), feedback,
    [&]( size_t i ) {
      Measuring &measuring = measurings[i];
      const CoverageKind shares = meter.measure( targets.coverageKinds[measuring.kind], measuring.carriers );
      measuring.shares = { shares.cityShares, shares.countyShares };
    },
    { 75, 100 } );
  for ( Measuring &measuring : measurings )
  {
    KindCoverage &kc = d.mCoverage[measuring.kind];
    kc.measurings[kc.byYear[static_cast<size_t>( measuring.from - d.mFirstYear )]] = std::move( measuring.shares );
  }

  // The map filter: per layer, the features the attribute test would select at
  // the last year but that do not count then (placed outside the province, a
  // year that cannot be read, not read at all), excluded by fid.
  for ( const LayerReading &reading : facilities.readings )
  {
    LayerFilter lf;
    lf.reading = reading;
    lf.excluded = reading.droppedFids;
    for ( size_t i = 0; i < facilities.items.size(); ++i )
    {
      const Facility &f = facilities.items[i];
      if ( f.kind != reading.kind || f.status != Status::Designated )
        continue;
      if ( m.facilityCounty[i] >= 0 && countsTowardTarget( f, targets, d.mLastYear ) )
        continue;
      const bool revenueRejects = f.kind == Kind::Enterprise && reading.revenueIsNumber && !( f.revenueCny && *f.revenueCny >= targets.backboneRevenueCny );
      const bool yearRejects = reading.yearIsInteger && f.year && *f.year > d.mLastYear;
      if ( !revenueRejects && !yearRejects )
        lf.excluded.push_back( f.fid );
    }
    std::sort( lf.excluded.begin(), lf.excluded.end() );
    lf.excluded.erase( std::unique( lf.excluded.begin(), lf.excluded.end() ), lf.excluded.end() );
    if ( !reading.year.empty() && !reading.yearIsInteger )
      lf.countedFrom = countedFrom[reading.kind];
    d.mFilters[reading.kind] = std::move( lf );
  }
  if ( feedback )
    feedback->setProgress( 100 );
  return d;
}

int Dashboard::firstYear() const { return mFirstYear; }

int Dashboard::lastYear() const { return mLastYear; }

const Metrics &Dashboard::metrics() const { return mMetrics; }

DashboardView Dashboard::view( int year ) const
{
  checkYear( year );
  DashboardView v;
  v.year = year;
  KindCounts province{};
  for ( int k = 0; k < KindCount; ++k )
    province[k] = count( mProvince, 0, k, mSectors, year );
  for ( const KindTarget &t : mTargets.kindTargets )
  {
    DashboardCard card;
    card.kind = t.kind;
    card.target = t.target;
    card.count = province[kindIndex( t.kind )];
    card.ratio = t.target > 0 ? static_cast<double>( card.count ) / t.target : 0.0;
    card.gap = std::max( 0, t.target - card.count );
    card.pathCount = pathCount( t.target, mFirstYear, t.year, year );
    card.state = paceState( card.count, card.pathCount );
    v.cards.push_back( card );
  }
  const size_t yearIndex = static_cast<size_t>( year - mFirstYear );
  const CityTotals &totals = mCityTotals[yearIndex];
  auto unitView = [&]( const std::vector<int> &table, size_t i, const UnitStats &stats, bool isCity, double part ) {
    DashboardUnit u;
    for ( int k = 0; k < KindCount; ++k )
    {
      u.counts[k] = count( table, i, k, mSectors, year );
      if ( isCity )
        u.shareOfProvince[k] = province[k] > 0 ? static_cast<double>( u.counts[k] ) / province[k] : 0.0;
      u.per10kKm2[k] = per10kKm2( u.counts[k], stats.areaKm2 ).value_or( 0.0 );
      u.perMillion[k] = perMillionPeople( u.counts[k], stats.population );
    }
    for ( const KindCoverage &kc : mCoverage )
    {
      const CoverageShares &shares = kc.measurings[kc.byYear[yearIndex]];
      u.coverage.push_back( { kc.kind, ( isCity ? shares.cities : shares.counties )[i] } );
    }
    // A city's path runs to its total; a county's is its share of its city's.
    const int city = isCity ? static_cast<int>( i ) : mCountyCity[i];
    for ( size_t k = 0; k < totals.kinds.size() && city >= 0; ++k )
    {
      const double path = part * pathCount( totals.totals[k][static_cast<size_t>( city )], mFirstYear, totals.targetYears[k], year );
      if ( u.counts[kindIndex( totals.kinds[k] )] < path )
        u.behindKinds.push_back( totals.kinds[k] );
    }
    return u;
  };
  for ( size_t i = 0; i < mMetrics.cities.size(); ++i )
    v.cities.push_back( unitView( mCities, i, mMetrics.cities[i], true, 1.0 ) );
  for ( size_t i = 0; i < mMetrics.counties.size(); ++i )
    v.counties.push_back( unitView( mCounties, i, mMetrics.counties[i], false, mCountyPart[i] ) );
  // Competition ranking among the cities: one more than the number of cities with more.
  for ( int k = 0; k < KindCount; ++k )
    for ( DashboardUnit &u : v.cities )
      u.rank[k] = 1 + static_cast<int>( std::count_if( v.cities.begin(), v.cities.end(),
                                                       [&]( const DashboardUnit &other ) { return other.counts[k] > u.counts[k]; } ) );
  return v;
}

void Dashboard::setAllocation( const AllocationOptions &options )
{
  // The weight "current" reads the counts of the year looked at; the others do not depend on it.
  const bool byYear = options.blend[static_cast<size_t>( WeightBasis::Current )] > 0;
  std::vector<CityTotals> totals;
  for ( int year = mFirstYear; year <= mLastYear; ++year )
    if ( byYear || totals.empty() )
      totals.push_back( htsplan::cityTotals( countsAtYear( mMetrics, year ), mTargets, options ) );
    else
      totals.push_back( totals.front() );
  mCityTotals = std::move( totals );
  mAllocation = options;
}

const AllocationOptions &Dashboard::allocation() const { return mAllocation; }

std::vector<long long> Dashboard::cityTotals( Kind kind, int year ) const
{
  checkYear( year );
  const CityTotals &totals = mCityTotals[static_cast<size_t>( year - mFirstYear )];
  for ( size_t k = 0; k < totals.kinds.size(); ++k )
    if ( totals.kinds[k] == kind )
      return totals.totals[k];
  return {};
}

std::vector<int> Dashboard::sectorCounts( int year, Kind kind, int city ) const
{
  checkYear( year );
  if ( city >= static_cast<int>( mMetrics.cities.size() ) )
    throw std::out_of_range( "city " + std::to_string( city ) + " is not one of the " + std::to_string( mMetrics.cities.size() ) + " cities" );
  std::vector<int> out;
  for ( size_t s = 0; s < mSectors; ++s )
    out.push_back( city < 0 ? count( mProvince, 0, kindIndex( kind ), s, year ) : count( mCities, static_cast<size_t>( city ), kindIndex( kind ), s, year ) );
  return out;
}

std::map<int, int> Dashboard::countsByYear( Kind kind, int city ) const
{
  if ( city >= static_cast<int>( mMetrics.cities.size() ) )
    throw std::out_of_range( "city " + std::to_string( city ) + " is not one of the " + std::to_string( mMetrics.cities.size() ) + " cities" );
  std::map<int, int> out;
  for ( int y = mFirstYear; y <= mLastYear; ++y )
    out[y] = city < 0 ? count( mProvince, 0, kindIndex( kind ), mSectors, y ) : count( mCities, static_cast<size_t>( city ), kindIndex( kind ), mSectors, y );
  return out;
}

std::string Dashboard::countedFilter( Kind kind, int year ) const
{
  checkYear( year );
  const auto found = mFilters.find( kind );
  if ( found == mFilters.end() )
    return {}; // the file has no such layer
  const LayerFilter &lf = found->second;
  const LayerReading &r = lf.reading;
  const std::string none = sqlName( r.fidColumn ) + " IS NULL"; // selects nothing: a feature always has a fid
  std::vector<std::string> terms;
  if ( !r.status.empty() )
  {
    if ( r.designatedTexts.empty() )
      return none;
    std::string texts;
    for ( const std::string &t : r.designatedTexts )
      texts += ( texts.empty() ? "" : ", " ) + sqlText( t );
    terms.push_back( sqlName( r.status ) + " IN (" + texts + ")" );
  }
  if ( kind == Kind::Enterprise )
  {
    if ( r.revenue.empty() )
      return none; // no enterprise can count without a revenue
    if ( r.revenueIsNumber )
      terms.push_back( sqlName( r.revenue ) + " >= " + sqlNumber( mTargets.backboneRevenueCny ) );
  }
  if ( !r.year.empty() && r.yearIsInteger )
    terms.push_back( "(" + sqlName( r.year ) + " IS NULL OR " + sqlName( r.year ) + " <= " + std::to_string( year ) + ")" );
  // A year field of text or dates: those counted later than the year are excluded by fid.
  std::vector<long long> excluded = lf.excluded;
  for ( const auto &[from, fid] : lf.countedFrom )
    if ( from > year )
      excluded.push_back( fid );
  std::sort( excluded.begin(), excluded.end() );
  if ( !excluded.empty() )
  {
    std::string fids;
    for ( long long fid : excluded )
      fids += ( fids.empty() ? "" : "," ) + std::to_string( fid );
    terms.push_back( sqlName( r.fidColumn ) + " NOT IN (" + fids + ")" );
  }
  std::string where;
  for ( const std::string &t : terms )
    where += ( where.empty() ? "" : " AND " ) + t;
  return where;
}

AllocationCounts allocationCounts( const DashboardView &view )
{
  AllocationCounts counts;
  counts.year = view.year;
  for ( const DashboardCard &card : view.cards )
  {
    TargetProgress t;
    t.kind = card.kind;
    t.target = card.target;
    t.count = card.count;
    counts.targets.push_back( t );
  }
  for ( const DashboardUnit &city : view.cities )
    counts.cities.push_back( city.counts );
  return counts;
}

} // namespace htsplan
