#include "layers/problems.h"

#include <qgsfeedback.h>

#include <cstdio>

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

std::string formatNumber( double value )
{
  char text[64];
  std::snprintf( text, sizeof text, "%.10g", value );
  return text;
}

void throwIfCanceled( const QgsFeedback *feedback )
{
  if ( feedback && feedback->isCanceled() )
    throw Canceled();
}

} // namespace htsplan
