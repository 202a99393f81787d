#pragma once
// Moran's I, global and local (LISA), as R's spdep 1.2 computes them
// (moran.test, moran.mc, localmoran), on plain arrays.
#include "analysis/stats/weights.h"

#include <cstdint>
#include <string>
#include <vector>

namespace htsplan
{

//! Two-sided p-value of a standard normal z: 2 Φ(−|z|).
double twoSidedP( double z );

//! Global Moran's I (spdep moran.test, adjust.n = TRUE: n counts the units that have neighbours).
struct GlobalMoran
{
    double I = 0;
    double expectation = 0;            //!< E[I] = −1 / (n − 1)
    double varianceNormality = 0;      //!< Var[I] under normality
    double varianceRandomisation = 0;  //!< Var[I] under randomisation (uses the kurtosis)
    double zNormality = 0, zRandomisation = 0;
    double pNormality = 0, pRandomisation = 0; //!< one-sided, "greater" (clustering), as moran.test's default
    int permutations = 0;              //!< 0 when no permutation test was asked for
    uint64_t seed = 0;
    double pPermutation = 1;           //!< (1 + #{permuted I >= I}) / (permutations + 1)
    size_t unitsUsed = 0;              //!< n after adjust.n
    std::vector<std::string> warnings; //!< e.g. isolated units, kurtosis overflow
};

/**
 * Moran's I of \a values under \a weights (no self-neighbours). \a permutations
 * > 0 adds a permutation test with a std::mt19937_64 seeded with \a seed (the
 * same seed gives the same p). Throws InputError for fewer than 4 units with
 * neighbours (the randomisation variance divides by n − 3), non-finite
 * values, all values equal, or sizes that disagree.
 */
GlobalMoran globalMoran( const std::vector<double> &values, const SpatialWeights &weights, int permutations = 0, uint64_t seed = 1 );

//! Local Moran variance formula; both are spdep 1.2's localmoran.
enum class LocalMoranVariance
{
    Conditional, //!< localmoran(conditional = TRUE, mlvar = TRUE): spdep 1.2's default (Sokal et al. 1998, conditional randomisation)
    Total        //!< localmoran(conditional = FALSE, mlvar = TRUE): Anselin's 1995 total randomisation
};

//! LISA quadrant: the unit's deviation from the mean and its neighbours' (the spatial lag of the deviations).
enum class LisaType
{
    NotSignificant,
    HighHigh,
    LowLow,
    HighLow,
    LowHigh
};

struct LocalMoran
{
    std::vector<double> Ii, expectation, variance, z, p; //!< p two-sided
    std::vector<LisaType> type;                          //!< quadrant where p < alpha, else NotSignificant
    size_t undefined = 0;                                //!< units with zero variance (isolated, or value at the mean): z 0, p 1
    std::vector<std::string> warnings;
};

/**
 * Local Moran's Ii of \a values under \a weights (spdep's localmoran,
 * alternative "two.sided"). A unit whose variance is 0 (no neighbours, or
 * under the conditional formula a value equal to the mean) gets z 0 and p 1
 * where spdep gives NaN, counted in `undefined`. Quadrants as GeoDa and PySAL:
 * High when above the mean (deviation > 0) and for the lag, when the lag of
 * the deviations is > 0. Throws InputError for fewer than 3 units, non-finite
 * values, all values equal.
 */
LocalMoran localMoran( const std::vector<double> &values, const SpatialWeights &weights, LocalMoranVariance variance = LocalMoranVariance::Conditional,
                       double alpha = 0.05 );

//! 高-高聚集, 低-低聚集, 高-低异常, 低-高异常, 不显著 (or HH/LL/HL/LH/Not significant with \a chinese false).
std::string lisaLabel( LisaType type, bool chinese );

//! ArcGIS's COType: HH, LL, HL, LH, or empty when not significant.
std::string lisaCode( LisaType type );

} // namespace htsplan
