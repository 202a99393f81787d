#include "analysis/stats/moran.h"

#include "layers/problems.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace htsplan
{

double twoSidedP( double z )
{
  return std::erfc( std::fabs( z ) / std::sqrt( 2.0 ) );
}

namespace
{
void requireValues( const std::vector<double> &values, const SpatialWeights &weights, size_t minimum, const char *what )
{
  if ( values.size() != weights.size() )
    throw InputError( std::string( what ) + ": " + std::to_string( values.size() ) + " values but weights for " + std::to_string( weights.size() ) + " units" );
  for ( size_t i = 0; i < values.size(); ++i )
    if ( !std::isfinite( values[i] ) )
      throw InputError( std::string( what ) + ": the value of unit " + std::to_string( i ) + " is not a finite number (drop null values first)" );
  if ( values.size() < minimum )
    throw InputError( std::string( what ) + " needs at least " + std::to_string( minimum ) + " units, got " + std::to_string( values.size() ) );
  if ( std::all_of( values.begin(), values.end(), [&]( double v ) { return v == values.front(); } ) )
    throw InputError( std::string( what ) + ": all " + std::to_string( values.size() ) + " values are equal (" + std::to_string( values.front() )
                      + "): there is no variation to cluster" );
}

std::vector<double> deviations( const std::vector<double> &values )
{
  double sum = 0;
  for ( double v : values )
    sum += v;
  const double mean = sum / static_cast<double>( values.size() );
  std::vector<double> z( values.size() );
  for ( size_t i = 0; i < values.size(); ++i )
    z[i] = values[i] - mean;
  return z;
}

//! Σ_j w_ij v_j per unit (spdep's lag.listw; 0 for a unit without neighbours).
std::vector<double> spatialLag( const SpatialWeights &w, const std::vector<double> &v )
{
  std::vector<double> lag( w.size(), 0.0 );
  for ( size_t i = 0; i < w.size(); ++i )
    for ( size_t k = 0; k < w.neighbours[i].size(); ++k )
      lag[i] += w.weights[i][k] * v[w.neighbours[i][k]];
  return lag;
}

double weightOf( const SpatialWeights &w, size_t i, size_t j )
{
  const auto &list = w.neighbours[i];
  const auto it = std::lower_bound( list.begin(), list.end(), j );
  return it != list.end() && *it == j ? w.weights[i][static_cast<size_t>( it - list.begin() )] : 0.0;
}

double moranI( const std::vector<double> &z, const SpatialWeights &w, double n, double s0 )
{
  double zz = 0, zlz = 0;
  const std::vector<double> lag = spatialLag( w, z );
  for ( size_t i = 0; i < z.size(); ++i )
  {
    zz += z[i] * z[i];
    zlz += z[i] * lag[i];
  }
  return ( n / s0 ) * ( zlz / zz );
}
} // namespace

GlobalMoran globalMoran( const std::vector<double> &values, const SpatialWeights &weights, int permutations, uint64_t seed )
{
  requireValues( values, weights, 4, "Moran's I" );
  GlobalMoran r;
  const size_t isolated = isolatedUnits( weights.neighbours ).size();
  const size_t used = values.size() - isolated;
  if ( used < 4 )
    throw InputError( "Moran's I needs at least 4 units with neighbours (the randomisation variance divides by n - 3), got " + std::to_string( used ) );
  if ( isolated > 0 )
    r.warnings.push_back( std::to_string( isolated ) + " units have no neighbour: n reduced to " + std::to_string( used ) + " (spdep's adjust.n)" );
  r.unitsUsed = used;

  // spdep's spweights.constants.
  double s0 = 0, s1 = 0, s2 = 0;
  std::vector<double> rowSums( weights.size(), 0.0 ), colSums( weights.size(), 0.0 );
  for ( size_t i = 0; i < weights.size(); ++i )
    for ( size_t k = 0; k < weights.neighbours[i].size(); ++k )
    {
      const size_t j = weights.neighbours[i][k];
      const double wij = weights.weights[i][k];
      rowSums[i] += wij;
      colSums[j] += wij;
      s1 += wij * wij + wij * weightOf( weights, j, i );
    }
  for ( size_t i = 0; i < weights.size(); ++i )
  {
    s0 += rowSums[i];
    s2 += ( rowSums[i] + colSums[i] ) * ( rowSums[i] + colSums[i] );
  }
  const double n = static_cast<double>( used );
  const double nn = n * n, s02 = s0 * s0;

  const std::vector<double> z = deviations( values );
  double zz = 0, z4 = 0;
  for ( double d : z )
  {
    zz += d * d;
    z4 += d * d * d * d;
  }
  const double kurtosis = static_cast<double>( values.size() ) * z4 / ( zz * zz );
  r.I = moranI( z, weights, n, s0 );
  r.expectation = -1.0 / ( n - 1 );
  const double e2 = r.expectation * r.expectation;

  double vr = n * ( s1 * ( nn - 3 * n + 3 ) - n * s2 + 3 * s02 );
  const double tmp = kurtosis * ( s1 * ( nn - n ) - 2 * n * s2 + 6 * s02 );
  if ( tmp > vr )
    r.warnings.push_back( "kurtosis overflow: the values' distribution does not meet the randomisation test's assumptions" );
  r.varianceRandomisation = ( vr - tmp ) / ( ( n - 1 ) * ( n - 2 ) * ( n - 3 ) * s02 ) - e2;
  r.varianceNormality = ( nn * s1 - n * s2 + 3 * s02 ) / ( s02 * ( nn - 1 ) ) - e2;
  auto zOf = [&]( double variance, double &zOut, double &pOut, const char *name ) {
    if ( variance > 0 )
    {
      zOut = ( r.I - r.expectation ) / std::sqrt( variance );
      pOut = 0.5 * std::erfc( zOut / std::sqrt( 2.0 ) );
    }
    else
    {
      zOut = 0;
      pOut = 1;
      r.warnings.push_back( std::string( "the variance under " ) + name + " is not positive: z set to 0, p to 1" );
    }
  };
  zOf( r.varianceRandomisation, r.zRandomisation, r.pRandomisation, "randomisation" );
  zOf( r.varianceNormality, r.zNormality, r.pNormality, "normality" );

  if ( permutations > 0 )
  {
    r.permutations = permutations;
    r.seed = seed;
    std::mt19937_64 random( seed );
    std::vector<double> shuffled = z;
    int atLeast = 0;
    for ( int k = 0; k < permutations; ++k )
    {
      // Fisher-Yates with our own draws: std::shuffle's sequence is not fixed by the standard.
      for ( size_t i = shuffled.size() - 1; i > 0; --i )
      {
        const size_t j = static_cast<size_t>( random() % ( i + 1 ) );
        std::swap( shuffled[i], shuffled[j] );
      }
      if ( moranI( shuffled, weights, n, s0 ) >= r.I )
        ++atLeast;
    }
    r.pPermutation = ( 1.0 + atLeast ) / ( 1.0 + permutations );
  }
  return r;
}

LocalMoran localMoran( const std::vector<double> &values, const SpatialWeights &weights, LocalMoranVariance formula, double alpha )
{
  requireValues( values, weights, 3, "local Moran's I" );
  const size_t count = values.size();
  const double n = static_cast<double>( count );
  const std::vector<double> z = deviations( values );
  const std::vector<double> lz = spatialLag( weights, z );
  double zz = 0, z4 = 0;
  for ( double d : z )
  {
    zz += d * d;
    z4 += d * d * d * d;
  }
  const double s2 = zz / n; // mlvar = TRUE
  const double m2 = zz / n;
  const double b2 = ( z4 / n ) / ( s2 * s2 );
  const double a = ( n - b2 ) / ( n - 1 );
  const double b = ( 2 * b2 - n ) / ( ( n - 1 ) * ( n - 2 ) );

  LocalMoran r;
  r.Ii.resize( count );
  r.expectation.resize( count );
  r.variance.resize( count );
  r.z.resize( count );
  r.p.resize( count );
  r.type.resize( count );
  for ( size_t i = 0; i < count; ++i )
  {
    double wi = 0, wi2 = 0;
    for ( double w : weights.weights[i] )
    {
      wi += w;
      wi2 += w * w;
    }
    r.Ii[i] = ( z[i] / s2 ) * lz[i];
    if ( formula == LocalMoranVariance::Conditional )
    {
      r.expectation[i] = -( z[i] * z[i] * wi ) / ( ( n - 1 ) * m2 );
      r.variance[i] = ( z[i] / m2 ) * ( z[i] / m2 ) * ( n / ( n - 2 ) ) * ( wi2 - ( wi * wi / ( n - 1 ) ) ) * ( m2 - ( z[i] * z[i] / ( n - 1 ) ) );
    }
    else
    {
      r.expectation[i] = -wi / ( n - 1 );
      r.variance[i] = a * wi2 + b * ( wi * wi - wi2 ) - r.expectation[i] * r.expectation[i];
    }
    if ( r.variance[i] > 0 )
    {
      r.z[i] = ( r.Ii[i] - r.expectation[i] ) / std::sqrt( r.variance[i] );
      r.p[i] = twoSidedP( r.z[i] );
    }
    else
    {
      r.z[i] = 0;
      r.p[i] = 1;
      ++r.undefined;
    }
    if ( r.p[i] < alpha )
    {
      const bool high = z[i] > 0, lagHigh = lz[i] > 0;
      r.type[i] = high ? ( lagHigh ? LisaType::HighHigh : LisaType::HighLow ) : ( lagHigh ? LisaType::LowHigh : LisaType::LowLow );
    }
  }
  if ( r.undefined > 0 )
    r.warnings.push_back( std::to_string( r.undefined ) + " units have a local Moran variance of 0 (no neighbour, or a value at the mean under the conditional formula): z set to 0, p to 1, not significant" );
  return r;
}

std::string lisaLabel( LisaType type, bool chinese )
{
  switch ( type )
  {
    case LisaType::HighHigh:
      return chinese ? "高-高聚集" : "High-High";
    case LisaType::LowLow:
      return chinese ? "低-低聚集" : "Low-Low";
    case LisaType::HighLow:
      return chinese ? "高-低异常" : "High-Low";
    case LisaType::LowHigh:
      return chinese ? "低-高异常" : "Low-High";
    case LisaType::NotSignificant:
      break;
  }
  return chinese ? "不显著" : "Not Significant";
}

std::string lisaCode( LisaType type )
{
  switch ( type )
  {
    case LisaType::HighHigh:
      return "HH";
    case LisaType::LowLow:
      return "LL";
    case LisaType::HighLow:
      return "HL";
    case LisaType::LowHigh:
      return "LH";
    case LisaType::NotSignificant:
      break;
  }
  return std::string();
}

} // namespace htsplan
