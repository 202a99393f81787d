#pragma once
// Getis-Ord Gi* hot spots, as R's spdep 1.2 computes them (localG on
// include.self weights) with ArcGIS's confidence bins.
#include "analysis/stats/weights.h"

#include <string>
#include <vector>

namespace htsplan
{

struct GetisOrd
{
    std::vector<double> z;            //!< GiZScore
    std::vector<double> p;            //!< GiPValue, two-sided
    std::vector<int> neighbours;      //!< NNeighbors: units in the sum, the unit itself included
    std::vector<int> bin;             //!< Gi_Bin: ±3, ±2, ±1 at 99/95/90% confidence (sign of z), 0 not significant
    size_t undefined = 0;             //!< units whose sum spans every unit (variance 0): z 0, p 1
    std::vector<std::string> warnings;
};

/**
 * Gi* of \a values under \a weights, which must include each unit itself
 * (makeWeights( lists, Binary, true ) gives spdep's
 * nb2listw(include.self(nb), style = "B")). A unit with no other neighbour
 * still has itself: its z is its standardised value, as in spdep. With
 * \a fdr, the bins use Benjamini-Hochberg critical p-values at each of the
 * three levels (as ArcGIS's FDR option), else p < 0.10 / 0.05 / 0.01.
 * Throws InputError for fewer than 3 units, non-finite values, all values equal.
 */
GetisOrd getisOrdGiStar( const std::vector<double> &values, const SpatialWeights &weights, bool fdr = false );

//! The largest p that is significant at level \a alpha under Benjamini-Hochberg (0 when none is).
double benjaminiHochbergCutoff( std::vector<double> p, double alpha );

//! "Hot Spot - 99% Confidence" … "Not Significant" … "Cold Spot - 99% Confidence", or 热点（99%置信度）… 不显著 … 冷点（99%置信度）.
std::string giBinLabel( int bin, bool chinese );

} // namespace htsplan
