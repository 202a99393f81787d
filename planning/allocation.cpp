#include "planning/allocation.h"

#include "layers/problems.h"

#include <algorithm>
#include <cmath>

namespace htsplan
{

namespace
{
int kindIndex( Kind kind ) { return static_cast<int>( kind ); }

std::string cityName( const UnitStats &c ) { return c.code + " " + c.nameZh; }

//! Every city's raw value of one basis for one kind (not yet normalised).
std::vector<double> basisValues( const Metrics &m, const AllocationCounts &counts, const AllocationOptions &options, WeightBasis basis, Kind kind,
                                 std::vector<std::string> &notes )
{
  std::vector<double> values;
  const double provincePopulation = !m.groups.empty() && m.groups[0].population ? *m.groups[0].population : 0.0;
  const double provinceArea = m.coverage.provinceAreaKm2 > 0 ? m.coverage.provinceAreaKm2 : ( m.groups.empty() ? 0.0 : m.groups[0].areaKm2 );
  std::string standIns;
  for ( size_t i = 0; i < m.cities.size(); ++i )
  {
    const UnitStats &c = m.cities[i];
    switch ( basis )
    {
      case WeightBasis::Population:
        // A city with no figure (Jinan and Laiwu on the 2015 map) takes its share of the province's
        // area as its share of the population, as the dashboard's pace does.
        if ( c.population && provincePopulation > 0 )
          values.push_back( *c.population / provincePopulation );
        else
        {
          values.push_back( provinceArea > 0 ? c.areaKm2 / provinceArea : 0.0 );
          standIns += ( standIns.empty() ? "" : ", " ) + cityName( c );
        }
        break;
      case WeightBasis::Area:
        values.push_back( c.areaKm2 );
        break;
      case WeightBasis::Current:
        values.push_back( counts.cities[i][static_cast<size_t>( kindIndex( kind ) )] );
        break;
      case WeightBasis::Equal:
        values.push_back( 1.0 );
        break;
      case WeightBasis::Table:
      {
        const auto it = options.table.find( c.code );
        if ( it == options.table.end() )
          throw InputError( "weights " + options.tableName + ": no weight for city " + cityName( c ) );
        values.push_back( it->second );
        break;
      }
    }
  }
  if ( !standIns.empty() )
  {
    const std::string note = "population weights: no population for " + standIns + "; their share of the province's area stands in for their share of its people";
    if ( std::find( notes.begin(), notes.end(), note ) == notes.end() )
      notes.push_back( note );
  }
  return values;
}

//! The blended weights of one kind, normalised to sum to 1 (all 0 when no basis has any weight).
std::vector<double> blendedWeights( const Metrics &m, const AllocationCounts &counts, const AllocationOptions &options, Kind kind, std::vector<std::string> &notes )
{
  double factors = 0;
  for ( double f : options.blend )
    factors += f;
  std::vector<double> weights( m.cities.size(), 0.0 );
  for ( int b = 0; b < WeightBasisCount; ++b )
  {
    const double factor = options.blend[static_cast<size_t>( b )];
    if ( factor == 0 )
      continue;
    const WeightBasis basis = static_cast<WeightBasis>( b );
    const std::vector<double> values = basisValues( m, counts, options, basis, kind, notes );
    double sum = 0;
    for ( double v : values )
      sum += v;
    if ( !( sum > 0 ) )
    {
      notes.push_back( std::string( kindLayer( kind ) ) + ": every city's " + weightBasisKey( basis ) + " weight is 0; left out of the blend" );
      continue;
    }
    for ( size_t i = 0; i < values.size(); ++i )
      weights[i] += factor / factors * values[i] / sum;
  }
  double sum = 0;
  for ( double w : weights )
    sum += w;
  if ( sum > 0 )
    for ( double &w : weights )
      w /= sum;
  return weights;
}

void checkOptions( const Metrics &m, const AllocationOptions &options )
{
  double factors = 0;
  for ( int b = 0; b < WeightBasisCount; ++b )
  {
    const double f = options.blend[static_cast<size_t>( b )];
    if ( !std::isfinite( f ) || f < 0 )
      throw InputError( std::string( "blend factor of " ) + weightBasisKey( static_cast<WeightBasis>( b ) ) + " is " + formatNumber( f ) + ": factors must be >= 0" );
    factors += f;
  }
  if ( !( factors > 0 ) )
    throw InputError( "blend factors: every factor is 0; give at least one weight a factor above 0" );
  std::string codes;
  for ( const UnitStats &c : m.cities )
    codes += ( codes.empty() ? "" : ", " ) + c.code;
  auto known = [&]( const std::string &code ) {
    return std::any_of( m.cities.begin(), m.cities.end(), [&]( const UnitStats &c ) { return c.code == code; } );
  };
  for ( const auto *bounds : { &options.floors, &options.caps } )
    for ( const auto &[code, value] : *bounds )
      if ( !known( code ) )
        throw InputError( std::string( bounds == &options.floors ? "floors" : "caps" ) + ": " + code + " is not a city of the " + vintageKey( m.vintage ) +
                          " map (" + codes + ")" );
  if ( options.blend[static_cast<size_t>( WeightBasis::Table )] > 0 )
    for ( const auto &[code, weight] : options.table )
      if ( !known( code ) )
        throw InputError( "weights " + options.tableName + ": " + code + " is not a city of the " + vintageKey( m.vintage ) + " map (" + codes + ")" );
}
} // namespace

const char *weightBasisKey( WeightBasis basis )
{
  switch ( basis )
  {
    case WeightBasis::Population:
      return "population";
    case WeightBasis::Area:
      return "area";
    case WeightBasis::Current:
      return "current";
    case WeightBasis::Equal:
      return "equal";
    case WeightBasis::Table:
      return "table";
  }
  return "";
}

const char *allocationBasisKey( AllocationBasis basis )
{
  switch ( basis )
  {
    case AllocationBasis::Remaining:
      return "remaining";
    case AllocationBasis::FillUp:
      return "fill_up";
    case AllocationBasis::Whole:
      return "whole";
  }
  return "";
}

AllocationCounts allocationCounts( const Metrics &m )
{
  AllocationCounts counts;
  counts.year = m.evaluationYear;
  for ( const TargetProgress &t : m.targets )
  {
    TargetProgress kind;
    kind.kind = t.kind;
    kind.target = t.target;
    kind.count = t.count;
    counts.targets.push_back( kind );
  }
  for ( const UnitStats &c : m.cities )
    counts.cities.push_back( c.counts );
  return counts;
}

AllocationCounts withPlanTargets( AllocationCounts counts, const AllocationPlan &plan )
{
  for ( TargetProgress &t : counts.targets )
    if ( const auto it = plan.targets.find( t.kind ); it != plan.targets.end() )
      t.target = it->second;
  return counts;
}

bool isDefaultPlan( const AllocationPlan &plan )
{
  const AllocationOptions &o = plan.options;
  const AllocationOptions d;
  return o.method == d.method && o.basis == d.basis && o.blend == d.blend && o.table.empty() && o.floorAll == d.floorAll && o.capAll == d.capAll &&
         o.floors.empty() && o.caps.empty() && o.kinds.empty() && plan.targets.empty() && plan.tablePath.empty();
}

Allocation allocateTargets( const Metrics &m, const AllocationOptions &options )
{
  return allocateTargets( m, allocationCounts( m ), options );
}

Allocation allocateTargets( const Metrics &m, const AllocationCounts &counts, const AllocationOptions &options )
{
  if ( counts.cities.size() != m.cities.size() )
    throw InputError( "allocation: counts of " + std::to_string( counts.cities.size() ) + " cities for the " + std::to_string( m.cities.size() ) + " cities of the " +
                      vintageKey( m.vintage ) + " map" );
  checkOptions( m, options );
  Allocation out;
  out.evaluationYear = counts.year;
  out.vintage = m.vintage;
  out.options = options;
  for ( const Kind kind : options.kinds )
    if ( std::none_of( counts.targets.begin(), counts.targets.end(), [&]( const TargetProgress &t ) { return t.kind == kind; } ) )
      throw InputError( std::string( "kind " ) + kindKey( kind ) + " has no target in the targets file" );
  for ( const TargetProgress &t : counts.targets )
  {
    if ( !options.kinds.empty() && std::find( options.kinds.begin(), options.kinds.end(), t.kind ) == options.kinds.end() )
      continue;
    KindAllocation k;
    k.kind = t.kind;
    k.target = t.target;
    k.counted = t.count;
    const bool whole = options.basis == AllocationBasis::Whole;
    k.targetMet = t.count >= t.target;
    k.remaining = whole ? t.target : k.targetMet ? 0 : t.target - t.count;
    const std::string layer = kindLayer( t.kind );
    if ( k.targetMet && !whole )
      out.notes.push_back( layer + ": the target " + std::to_string( t.target ) + " is already met (" + std::to_string( t.count ) + " counted in " +
                           std::to_string( counts.year ) + "): 0 remaining, nothing split, floors not applied" );
    const std::vector<double> weights = blendedWeights( m, counts, options, t.kind, out.notes );

    ApportionUnits units;
    for ( size_t i = 0; i < m.cities.size(); ++i )
    {
      const UnitStats &c = m.cities[i];
      units.keys.push_back( c.code );
      units.names.push_back( cityName( c ) );
      units.weights.push_back( weights[i] );
      units.held.push_back( options.basis == AllocationBasis::FillUp ? counts.cities[i][static_cast<size_t>( kindIndex( t.kind ) )] : 0 );
      const auto floor = options.floors.find( c.code );
      const auto cap = options.caps.find( c.code );
      units.floors.push_back( k.targetMet && !whole ? 0 : floor != options.floors.end() ? floor->second : options.floorAll );
      units.caps.push_back( cap != options.caps.end() ? cap->second : options.capAll );
    }
    if ( k.remaining > 0 && std::none_of( weights.begin(), weights.end(), []( double w ) { return w > 0; } ) )
      throw InputError( layer + ": every city's weight is 0, nothing to split the " + std::to_string( k.remaining ) + " remaining by" );
    Apportionment a;
    try
    {
      a = apportion( units, k.remaining, options.method );
    }
    catch ( const InputError &e )
    {
      throw InputError( layer + " (" + std::to_string( k.remaining ) + " remaining of the target " + std::to_string( t.target ) + "): " + e.what() );
    }
    std::string above;
    for ( size_t i = 0; i < m.cities.size(); ++i )
    {
      const UnitStats &c = m.cities[i];
      CityAllocation city;
      city.code = c.code;
      city.nameZh = c.nameZh;
      city.nameEn = c.nameEn;
      city.weight = weights[i];
      city.shareOfTarget = weights[i] * t.target;
      city.current = counts.cities[i][static_cast<size_t>( kindIndex( t.kind ) )];
      city.quota = a.quotas[i];
      city.allocated = a.seats[i];
      city.expected = whole ? city.allocated : city.current + city.allocated;
      city.aboveShare = city.current >= city.shareOfTarget && city.current > 0;
      city.atFloor = a.atFloor[i];
      city.atCap = a.atCap[i];
      if ( city.aboveShare && !k.targetMet && !whole )
        above += ( above.empty() ? "" : ", " ) + cityName( c ) + " (" + std::to_string( city.current ) + " ≥ " + formatNumber( std::round( city.shareOfTarget * 100 ) / 100 ) + ")";
      k.cities.push_back( city );
    }
    if ( !above.empty() )
      out.notes.push_back( layer + ": already at or over their share of the target: " + above +
                           ( options.basis == AllocationBasis::FillUp ? "; they get their floor only" : "; they still get their part of what remains (fill_up gives them none)" ) );
    out.kinds.push_back( k );
  }
  return out;
}

} // namespace htsplan
