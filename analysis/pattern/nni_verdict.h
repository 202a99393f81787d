#pragma once
// The verdict on a nearest-neighbour index: clustered, random or dispersed,
// two-sided at the 5% level. One rule for the report and htsplan:nni.
#include "analysis/pattern/nearest_neighbour.h"

namespace htsplan
{

enum class NniPattern
{
  Clustered,
  Random,
  Dispersed
};

//! |z| above this rejects a random pattern, two-sided at 5%.
constexpr double NNI_CRITICAL_Z = 1.96;

//! Clustered below -NNI_CRITICAL_Z, dispersed above NNI_CRITICAL_Z, else random.
NniPattern nniPattern( const NearestNeighbourStatistics &statistics );

//! "clustered", "random" or "dispersed" (metrics.json's words).
const char *nniPatternKey( NniPattern pattern );

//! 集聚, 随机 or 离散.
const char *nniPatternNameZh( NniPattern pattern );

} // namespace htsplan
