#pragma once
// How many threads the kernels use. Results never depend on it: kernels split
// work so that every output value is computed in the same order whatever the
// thread count.
#include <algorithm>
#include <cstdlib>
#include <exception>
#include <thread>
#include <vector>

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

//! Runs work( t ) for t = 0 .. threads - 1: t = 0 on the calling thread (the
//! only one allowed to talk to a QgsFeedback, a QObject), the others on new
//! threads, and joins them all. An exception on any thread is rethrown here
//! once every thread has joined: escaping a std::thread it would call
//! std::terminate and take the planner's QGIS session down with it. When the
//! system refuses a thread, its share runs on the calling thread.
template <class Work>
void runOnThreads( int threads, Work &&work )
{
  threads = std::max( 1, threads );
  std::vector<std::exception_ptr> errors( threads );
  auto guarded = [&]( int t ) {
    try
    {
      work( t );
    }
    catch ( ... )
    {
      errors[t] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  int started = 1;
  try
  {
    for ( ; started < threads; ++started )
      pool.emplace_back( guarded, started );
  }
  catch ( ... )
  {
  }
  guarded( 0 );
  for ( int t = started; t < threads; ++t )
    guarded( t );
  for ( std::thread &thread : pool )
    thread.join();
  for ( const std::exception_ptr &error : errors )
    if ( error )
      std::rethrow_exception( error );
}

} // namespace htsplan
