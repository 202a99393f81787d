#pragma once
// Density of carriers in a unit (county, city, any polygon): the one formula
// behind metrics.json, the CSV tables and htsplan:density.
#include <optional>

namespace htsplan
{

//! Carriers per 10,000 km² (area in km², equal-area CRS); nullopt for an area that is not positive.
inline std::optional<double> per10kKm2( double count, double areaKm2 )
{
  if ( !( areaKm2 > 0 ) )
    return std::nullopt;
  return count / areaKm2 * 10000.0;
}

//! Carriers per million residents; nullopt when the population is unknown or not positive.
inline std::optional<double> perMillionPeople( double count, std::optional<double> population )
{
  if ( !population || !( *population > 0 ) )
    return std::nullopt;
  return count / *population * 1e6;
}

} // namespace htsplan
