#include "analysis/pattern/nni_verdict.h"

namespace htsplan
{

NniPattern nniPattern( const NearestNeighbourStatistics &statistics )
{
  if ( statistics.zScore < -NNI_CRITICAL_Z )
    return NniPattern::Clustered;
  if ( statistics.zScore > NNI_CRITICAL_Z )
    return NniPattern::Dispersed;
  return NniPattern::Random;
}

const char *nniPatternKey( NniPattern pattern )
{
  switch ( pattern )
  {
    case NniPattern::Clustered:
      return "clustered";
    case NniPattern::Dispersed:
      return "dispersed";
    case NniPattern::Random:
      break;
  }
  return "random";
}

const char *nniPatternNameZh( NniPattern pattern )
{
  switch ( pattern )
  {
    case NniPattern::Clustered:
      return "集聚";
    case NniPattern::Dispersed:
      return "离散";
    case NniPattern::Random:
      break;
  }
  return "随机";
}

} // namespace htsplan
