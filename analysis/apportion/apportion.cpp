#include "analysis/apportion/apportion.h"

#include "layers/problems.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace htsplan
{

namespace
{
constexpr long long NoCap = LLONG_MAX;

struct Checked
{
    size_t n = 0;
    std::vector<long long> held, lo, hi;
};

std::string nameOf( const ApportionUnits &u, size_t i )
{
  return u.names.empty() ? u.keys[i] : u.names[i];
}

//! "370100 济南市 5, 370200 青岛市 4" for the units that pass, at most 20 of them.
template<typename Value, typename Keep>
std::string listed( const ApportionUnits &u, size_t n, Value value, Keep keep )
{
  std::string out;
  int shown = 0;
  for ( size_t i = 0; i < n; ++i )
  {
    if ( !keep( i ) )
      continue;
    if ( shown == 20 )
      return out + ", …";
    out += ( shown++ ? ", " : "" ) + nameOf( u, i ) + " " + value( i );
  }
  return out;
}

Checked check( const ApportionUnits &u, long long seats )
{
  Checked c;
  c.n = u.keys.size();
  auto sized = [&]( size_t size, const char *what, bool optional ) {
    if ( size != c.n && !( optional && size == 0 ) )
      throw InputError( std::string( "apportionment: " ) + std::to_string( size ) + " " + what + " for " + std::to_string( c.n ) + " units" );
  };
  sized( u.weights.size(), "weights", false );
  sized( u.names.size(), "names", true );
  sized( u.held.size(), "held counts", true );
  sized( u.floors.size(), "floors", true );
  sized( u.caps.size(), "caps", true );
  if ( seats < 0 )
    throw InputError( "apportionment: " + std::to_string( seats ) + " seats to split is negative" );
  c.held = u.held.empty() ? std::vector<long long>( c.n, 0 ) : u.held;
  c.lo = u.floors.empty() ? std::vector<long long>( c.n, 0 ) : u.floors;
  c.hi.assign( c.n, NoCap );
  for ( size_t i = 0; i < c.n; ++i )
  {
    if ( !u.caps.empty() && u.caps[i] >= 0 )
      c.hi[i] = u.caps[i];
    if ( !std::isfinite( u.weights[i] ) || u.weights[i] < 0 )
      throw InputError( nameOf( u, i ) + ": weight " + formatNumber( u.weights[i] ) + " (weights must be finite numbers >= 0)" );
    if ( c.held[i] < 0 )
      throw InputError( nameOf( u, i ) + ": " + std::to_string( c.held[i] ) + " held is negative" );
    if ( c.lo[i] < 0 )
      throw InputError( nameOf( u, i ) + ": floor " + std::to_string( c.lo[i] ) + " is negative" );
    if ( c.lo[i] > c.hi[i] )
      throw InputError( nameOf( u, i ) + ": floor " + std::to_string( c.lo[i] ) + " is above its cap " + std::to_string( c.hi[i] ) );
  }
  long long floors = 0;
  for ( long long f : c.lo )
    floors += f;
  if ( floors > seats )
    throw InputError( "the floors add up to " + std::to_string( floors ) + ", more than the " + std::to_string( seats ) + " to split (" +
                      listed( u, c.n, [&]( size_t i ) { return std::to_string( c.lo[i] ); }, [&]( size_t i ) { return c.lo[i] > 0; } ) + ")" );
  // What the units can take: a cap each (none: anything), only the floor for a weight of 0.
  long long capacity = 0;
  bool unbounded = false;
  for ( size_t i = 0; i < c.n; ++i )
  {
    if ( u.weights[i] > 0 && c.hi[i] == NoCap )
      unbounded = true;
    else
      capacity += u.weights[i] > 0 ? c.hi[i] : c.lo[i];
  }
  if ( !unbounded && capacity < seats )
  {
    std::string why = listed( u, c.n, [&]( size_t i ) { return "cap " + std::to_string( c.hi[i] ); },
                              [&]( size_t i ) { return u.weights[i] > 0 && c.hi[i] != NoCap; } );
    const std::string zero = listed( u, c.n, []( size_t ) { return std::string(); }, [&]( size_t i ) { return !( u.weights[i] > 0 ); } );
    if ( !zero.empty() )
      why += ( why.empty() ? "" : "; " ) + std::string( "weight 0, floor only: " ) + zero;
    throw InputError( "the units can take at most " + std::to_string( capacity ) + " of the " + std::to_string( seats ) + " to split (" + why + ")" );
  }
  return c;
}

//! The quotas clamp(λw − held, floor, cap) summing to seats, and which are held at a bound.
void solveQuotas( const ApportionUnits &u, const Checked &c, long long seats, Apportionment &a )
{
  const size_t n = c.n;
  auto at = [&]( double lambda, size_t i ) {
    if ( !( u.weights[i] > 0 ) )
      return static_cast<double>( c.lo[i] );
    const double v = lambda * u.weights[i] - static_cast<double>( c.held[i] );
    return std::min( std::max( v, static_cast<double>( c.lo[i] ) ), static_cast<double>( c.hi[i] ) );
  };
  auto total = [&]( double lambda ) {
    double sum = 0;
    for ( size_t i = 0; i < n; ++i )
      sum += at( lambda, i );
    return sum;
  };
  // The sum grows with λ; at upper every weighted unit is at its cap or past all the seats.
  double upper = 0;
  for ( size_t i = 0; i < n; ++i )
    if ( u.weights[i] > 0 )
      upper = std::max( upper, ( static_cast<double>( std::min( c.hi[i], seats ) + c.held[i] ) + 1 ) / u.weights[i] );
  double lower = 0;
  for ( int step = 0; step < 200; ++step )
  {
    const double mid = 0.5 * ( lower + upper );
    ( total( mid ) < static_cast<double>( seats ) ? lower : upper ) = mid;
  }
  const double lambda = upper;
  // Units held at a bound by λ; the others share what is left exactly (S × w / W when nothing binds).
  a.quotas.assign( n, 0.0 );
  a.atFloor.assign( n, false );
  a.atCap.assign( n, false );
  double fixedSum = 0, freeHeld = 0, freeWeight = 0;
  for ( size_t i = 0; i < n; ++i )
  {
    const double v = lambda * u.weights[i] - static_cast<double>( c.held[i] );
    const double tolerance = 1e-9 * std::max( 1.0, std::fabs( v ) );
    if ( !( u.weights[i] > 0 ) || v <= static_cast<double>( c.lo[i] ) + tolerance )
      a.atFloor[i] = true;
    else if ( c.hi[i] != NoCap && v >= static_cast<double>( c.hi[i] ) - tolerance )
      a.atCap[i] = true;
    if ( a.atFloor[i] || a.atCap[i] )
    {
      a.quotas[i] = static_cast<double>( a.atFloor[i] ? c.lo[i] : c.hi[i] );
      fixedSum += a.quotas[i];
    }
    else
    {
      freeHeld += static_cast<double>( c.held[i] );
      freeWeight += u.weights[i];
    }
  }
  const double share = static_cast<double>( seats ) - fixedSum + freeHeld;
  for ( size_t i = 0; i < n; ++i )
    if ( !a.atFloor[i] && !a.atCap[i] )
      a.quotas[i] = std::min( std::max( share * u.weights[i] / freeWeight - static_cast<double>( c.held[i] ), static_cast<double>( c.lo[i] ) ),
                              static_cast<double>( c.hi[i] ) );
}

//! Whether a beats b: larger value, equal values (to 1e-9 relative) to the smaller key.
bool before( double a, const std::string &keyA, double b, const std::string &keyB )
{
  const double tolerance = 1e-9 * std::max( std::fabs( a ), std::fabs( b ) );
  if ( std::fabs( a - b ) > tolerance )
    return a > b;
  return keyA < keyB;
}

void largestRemainder( const ApportionUnits &u, const Checked &c, long long seats, Apportionment &a )
{
  long long given = 0;
  std::vector<size_t> open;
  for ( size_t i = 0; i < c.n; ++i )
  {
    a.seats[i] = std::min( std::max( static_cast<long long>( std::floor( a.quotas[i] + 1e-9 ) ), c.lo[i] ), c.hi[i] );
    given += a.seats[i];
    if ( u.weights[i] > 0 && a.seats[i] < c.hi[i] )
      open.push_back( i );
  }
  const long long left = seats - given;
  if ( left < 0 || left > static_cast<long long>( open.size() ) )
    throw std::logic_error( "largest remainder: " + std::to_string( left ) + " seats left for " + std::to_string( open.size() ) + " units" );
  // Remainders on a grid of 1e-9, so that equal shares computed apart tie, and ties go by key.
  auto remainder = [&]( size_t i ) { return static_cast<double>( std::llround( ( a.quotas[i] - static_cast<double>( a.seats[i] ) ) * 1e9 ) ); };
  std::sort( open.begin(), open.end(), [&]( size_t x, size_t y ) {
    const double rx = remainder( x ), ry = remainder( y );
    return rx != ry ? rx > ry : u.keys[x] < u.keys[y];
  } );
  for ( long long s = 0; s < left; ++s )
    ++a.seats[open[static_cast<size_t>( s )]];
}

void divisor( const ApportionUnits &u, const Checked &c, long long seats, ApportionMethod method, Apportionment &a )
{
  long long left = seats;
  for ( size_t i = 0; i < c.n; ++i )
  {
    a.seats[i] = c.lo[i];
    left -= c.lo[i];
  }
  auto priority = [&]( size_t i ) {
    const double held = static_cast<double>( c.held[i] + a.seats[i] );
    return u.weights[i] / ( method == ApportionMethod::DHondt ? held + 1 : 2 * held + 1 );
  };
  for ( ; left > 0; --left )
  {
    long long best = -1;
    double bestPriority = 0;
    for ( size_t i = 0; i < c.n; ++i )
    {
      if ( !( u.weights[i] > 0 ) || a.seats[i] >= c.hi[i] )
        continue;
      const double p = priority( i );
      if ( best < 0 || before( p, u.keys[i], bestPriority, u.keys[static_cast<size_t>( best )] ) )
      {
        best = static_cast<long long>( i );
        bestPriority = p;
      }
    }
    if ( best < 0 )
      throw std::logic_error( "divisor method: no unit can take a seat" );
    ++a.seats[static_cast<size_t>( best )];
  }
}
} // namespace

const char *apportionMethodKey( ApportionMethod method )
{
  switch ( method )
  {
    case ApportionMethod::LargestRemainder:
      return "hamilton";
    case ApportionMethod::DHondt:
      return "dhondt";
    case ApportionMethod::SainteLague:
      return "saintelague";
  }
  return "";
}

Apportionment apportion( const ApportionUnits &units, long long seats, ApportionMethod method )
{
  const Checked c = check( units, seats );
  Apportionment a;
  a.seats.assign( c.n, 0 );
  if ( c.n == 0 )
    return a;
  solveQuotas( units, c, seats, a );
  if ( method == ApportionMethod::LargestRemainder )
    largestRemainder( units, c, seats, a );
  else
    divisor( units, c, seats, method, a );
  return a;
}

} // namespace htsplan
