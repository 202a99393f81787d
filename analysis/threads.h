#pragma once
// How many threads the kernels use. Results never depend on it: kernels split
// work so that every output value is computed in the same order whatever the
// thread count.
#include <algorithm>
#include <cstdlib>
#include <thread>

namespace htsplan
{

//! HTSPLAN_THREADS when set to a positive number, else the machine's cores.
inline int workerThreads()
{
  if ( const char *text = std::getenv( "HTSPLAN_THREADS" ) )
  {
    const int n = std::atoi( text );
    if ( n > 0 )
      return n;
  }
  return std::max( 1u, std::thread::hardware_concurrency() );
}

} // namespace htsplan
