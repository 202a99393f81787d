#pragma once
// GDAL's error handler silenced for a scope, and restored however the scope is left.
#include <cpl_error.h>

namespace htsplan
{

//! Pushes CPLQuietErrorHandler; the destructor pops it (also when an exception passes).
class QuietGdalErrors
{
  public:
    QuietGdalErrors() { CPLPushErrorHandler( CPLQuietErrorHandler ); }
    ~QuietGdalErrors() { CPLPopErrorHandler(); }
    QuietGdalErrors( const QuietGdalErrors & ) = delete;
    QuietGdalErrors &operator=( const QuietGdalErrors & ) = delete;
};

} // namespace htsplan
