#include "problems.h"

namespace htsplan
{

std::string Problem::toString() const
{
  std::string out = severity + ": " + layer;
  if ( !feature.empty() )
    out += ": feature '" + feature + "'";
  if ( !field.empty() )
    out += ", field '" + field + "'";
  out += ": " + problem;
  return out;
}

} // namespace htsplan
