#include "analysis/stats/specialization.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace htsplan
{

namespace
{
void checkMatrix( const CountMatrix &m )
{
  if ( m.counts.size() != m.units * m.sectors )
    throw std::invalid_argument( "count matrix: " + std::to_string( m.counts.size() ) + " values for " + std::to_string( m.units ) + " units x " +
                                 std::to_string( m.sectors ) + " sectors" );
  for ( double c : m.counts )
    if ( !std::isfinite( c ) || c < 0 )
      throw std::invalid_argument( "count matrix: a count is negative or not finite" );
}

std::vector<double> rowTotals( const CountMatrix &m )
{
  std::vector<double> totals( m.units, 0.0 );
  for ( std::size_t u = 0; u < m.units; ++u )
    for ( std::size_t s = 0; s < m.sectors; ++s )
      totals[u] += m.at( u, s );
  return totals;
}

std::vector<double> columnTotals( const CountMatrix &m )
{
  std::vector<double> totals( m.sectors, 0.0 );
  for ( std::size_t u = 0; u < m.units; ++u )
    for ( std::size_t s = 0; s < m.sectors; ++s )
      totals[s] += m.at( u, s );
  return totals;
}
} // namespace

std::vector<double> locationQuotients( const CountMatrix &m )
{
  checkMatrix( m );
  const std::vector<double> unit = rowTotals( m ), sector = columnTotals( m );
  double total = 0.0;
  for ( double t : unit )
    total += t;
  std::vector<double> lq( m.counts.size(), 0.0 );
  for ( std::size_t u = 0; u < m.units; ++u )
    for ( std::size_t s = 0; s < m.sectors; ++s )
      if ( unit[u] > 0 && sector[s] > 0 )
        lq[u * m.sectors + s] = ( m.at( u, s ) / unit[u] ) / ( sector[s] / total );
  return lq;
}

std::vector<double> hhiByUnit( const CountMatrix &m )
{
  checkMatrix( m );
  const std::vector<double> unit = rowTotals( m );
  std::vector<double> hhi( m.units, 0.0 );
  for ( std::size_t u = 0; u < m.units; ++u )
    if ( unit[u] > 0 )
      for ( std::size_t s = 0; s < m.sectors; ++s )
      {
        const double share = m.at( u, s ) / unit[u];
        hhi[u] += share * share;
      }
  return hhi;
}

std::vector<double> hhiBySector( const CountMatrix &m )
{
  checkMatrix( m );
  const std::vector<double> sector = columnTotals( m );
  std::vector<double> hhi( m.sectors, 0.0 );
  for ( std::size_t s = 0; s < m.sectors; ++s )
    if ( sector[s] > 0 )
      for ( std::size_t u = 0; u < m.units; ++u )
      {
        const double share = m.at( u, s ) / sector[s];
        hhi[s] += share * share;
      }
  return hhi;
}

Lorenz lorenzCurve( const std::vector<double> &values )
{
  for ( double v : values )
    if ( !std::isfinite( v ) || v < 0 )
      throw std::invalid_argument( "Gini coefficient: a value is negative or not finite" );
  std::vector<double> sorted = values;
  std::sort( sorted.begin(), sorted.end() );
  const std::size_t n = sorted.size();
  double total = 0.0, weighted = 0.0;
  for ( std::size_t i = 0; i < n; ++i )
  {
    total += sorted[i];
    weighted += static_cast<double>( i + 1 ) * sorted[i];
  }
  Lorenz out;
  out.unitShare.push_back( 0.0 );
  out.valueShare.push_back( 0.0 );
  double cumulative = 0.0;
  for ( std::size_t k = 1; k <= n; ++k )
  {
    cumulative += sorted[k - 1];
    const double x = static_cast<double>( k ) / static_cast<double>( n );
    out.unitShare.push_back( x );
    out.valueShare.push_back( total > 0 ? cumulative / total : x );
  }
  if ( total > 0 )
  {
    const double dn = static_cast<double>( n );
    out.gini = 2.0 * weighted / ( dn * total ) - ( dn + 1.0 ) / dn;
  }
  return out;
}

int leadingSector( const CountMatrix &m, const std::vector<double> &lq, std::size_t unit )
{
  int best = -1;
  for ( std::size_t s = 0; s < m.sectors; ++s )
  {
    if ( m.at( unit, s ) <= 0 )
      continue;
    const std::size_t i = unit * m.sectors + s;
    if ( best < 0 )
    {
      best = static_cast<int>( s );
      continue;
    }
    const std::size_t b = unit * m.sectors + static_cast<std::size_t>( best );
    if ( lq[i] > lq[b] || ( lq[i] == lq[b] && m.counts[i] > m.counts[b] ) )
      best = static_cast<int>( s );
  }
  return best;
}

} // namespace htsplan
