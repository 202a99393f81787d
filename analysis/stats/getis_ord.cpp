#include "analysis/stats/getis_ord.h"

#include "analysis/stats/moran.h"
#include "layers/problems.h"

#include <algorithm>
#include <cmath>

namespace htsplan
{

GetisOrd getisOrdGiStar( const std::vector<double> &values, const SpatialWeights &weights, bool fdr )
{
  const size_t count = values.size();
  if ( count != weights.size() )
    throw InputError( "Getis-Ord Gi*: " + std::to_string( count ) + " values but weights for " + std::to_string( weights.size() ) + " units" );
  if ( count < 3 )
    throw InputError( "Getis-Ord Gi* needs at least 3 units, got " + std::to_string( count ) );
  double sum = 0;
  for ( size_t i = 0; i < count; ++i )
  {
    if ( !std::isfinite( values[i] ) )
      throw InputError( "Getis-Ord Gi*: the value of unit " + std::to_string( i ) + " is not a finite number (drop null values first)" );
    sum += values[i];
  }
  if ( std::all_of( values.begin(), values.end(), [&]( double v ) { return v == values.front(); } ) )
    throw InputError( "Getis-Ord Gi*: all " + std::to_string( count ) + " values are equal: there are no hot or cold spots" );
  for ( size_t i = 0; i < count; ++i )
    if ( !std::binary_search( weights.neighbours[i].begin(), weights.neighbours[i].end(), i ) )
      throw InputError( "Getis-Ord Gi*: the weights must include each unit itself (Gi*, not Gi); unit " + std::to_string( i ) + " is missing" );

  const double n = static_cast<double>( count );
  const double mean = sum / n;
  double ss = 0;
  for ( double v : values )
    ss += ( v - mean ) * ( v - mean );
  const double si2 = ss / n; // spdep: sum(scale(x, scale = FALSE)^2) / n

  GetisOrd r;
  r.z.resize( count );
  r.p.resize( count );
  r.neighbours.resize( count );
  r.bin.assign( count, 0 );
  for ( size_t i = 0; i < count; ++i )
  {
    double lag = 0, wi = 0, s1i = 0;
    for ( size_t k = 0; k < weights.neighbours[i].size(); ++k )
    {
      const double w = weights.weights[i][k];
      lag += w * values[weights.neighbours[i][k]];
      wi += w;
      s1i += w * w;
    }
    r.neighbours[i] = static_cast<int>( weights.neighbours[i].size() );
    const double variance = si2 * ( ( n * s1i - wi * wi ) / ( n - 1 ) );
    if ( variance > 0 )
    {
      r.z[i] = ( lag - wi * mean ) / std::sqrt( variance );
      r.p[i] = twoSidedP( r.z[i] );
    }
    else
    {
      r.z[i] = 0;
      r.p[i] = 1;
      ++r.undefined;
    }
  }
  if ( r.undefined > 0 )
    r.warnings.push_back( std::to_string( r.undefined ) + " units have every unit as a neighbour (Gi* variance 0): z set to 0, p to 1; use a smaller band or fewer neighbours" );

  const double levels[3] = { 0.10, 0.05, 0.01 };
  for ( int level = 0; level < 3; ++level )
  {
    const double cutoff = fdr ? benjaminiHochbergCutoff( r.p, levels[level] ) : levels[level];
    for ( size_t i = 0; i < count; ++i )
    {
      const bool significant = fdr ? ( cutoff > 0 && r.p[i] <= cutoff ) : r.p[i] < cutoff;
      if ( significant )
        r.bin[i] = ( r.z[i] > 0 ? 1 : -1 ) * ( level + 1 );
    }
  }
  return r;
}

double benjaminiHochbergCutoff( std::vector<double> p, double alpha )
{
  std::sort( p.begin(), p.end() );
  const double m = static_cast<double>( p.size() );
  double cutoff = 0;
  for ( size_t k = 0; k < p.size(); ++k )
    if ( p[k] <= static_cast<double>( k + 1 ) / m * alpha )
      cutoff = p[k];
  return cutoff;
}

std::string giBinLabel( int bin, bool chinese )
{
  static const char *confidence[] = { "90", "95", "99" };
  if ( bin == 0 || bin < -3 || bin > 3 )
    return chinese ? "不显著" : "Not Significant";
  const std::string level = confidence[std::abs( bin ) - 1];
  if ( chinese )
    return std::string( bin > 0 ? "热点" : "冷点" ) + "（" + level + "%置信度）";
  return std::string( bin > 0 ? "Hot Spot - " : "Cold Spot - " ) + level + "% Confidence";
}

} // namespace htsplan
