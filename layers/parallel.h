#pragma once
// How the kernels use threads. Results never depend on the thread count:
// kernels split work into tasks whose outputs do not depend on which thread
// runs them, so every output value is computed in the same order whatever the
// thread count.
#include "layers/problems.h"

#include <qgsfeedback.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>
#include <type_traits>
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

//! The part of the progress bar a parallelFor fills, in percent.
struct ProgressRange
{
    double from = 0;
    double to = 100;
};

namespace detail
{

//! Calls fn( task, stop ) when fn takes the stop flag (to give up inside a long task), else fn( task ).
template <class Fn>
void runTask( Fn &fn, std::size_t task, const std::atomic<bool> &stop )
{
  if constexpr ( std::is_invocable_v<Fn &, std::size_t, const std::atomic<bool> &> )
    fn( task, stop );
  else
    fn( task );
}

} // namespace detail

/**
 * Runs fn( task ) for task = 0 .. tasks - 1 on up to \a threads threads, the
 * calling thread included; tasks are handed out one at a time, in order.
 * fn may also take a second argument, a const std::atomic<bool> & that turns
 * true when the work should stop, to give up inside a long task.
 *
 * Only the calling thread talks to \a feedback (may be null; a QObject): it
 * sets the progress over \a progress as tasks finish and watches for cancel,
 * which stops the workers through a shared flag before their next task.
 * An exception in any task stops the others and is rethrown here once every
 * thread has joined (escaping a std::thread it would call std::terminate and
 * take the planner's QGIS session down with it). Throws Canceled when the
 * feedback was cancelled. When the system refuses a thread, the others do
 * its share.
 */
template <class Fn>
void parallelFor( std::size_t tasks, int threads, QgsFeedback *feedback, Fn &&fn, ProgressRange progress = {} )
{
  std::atomic<std::size_t> next{ 0 };
  std::atomic<std::size_t> done{ 0 };
  std::atomic<bool> stop{ false };
  std::exception_ptr error;
  std::mutex errorMutex;
  auto report = [&]() {
    if ( !feedback )
      return;
    if ( feedback->isCanceled() )
      stop = true;
    else
      feedback->setProgress( progress.from + ( progress.to - progress.from ) * static_cast<double>( done ) / static_cast<double>( tasks ) );
  };
  auto work = [&]( bool reporter ) {
    try
    {
      for ( std::size_t task = next++; task < tasks && !stop; task = next++ )
      {
        detail::runTask( fn, task, stop );
        ++done;
        if ( reporter )
          report();
      }
      // The last tasks may still run on workers: keep watching for cancel.
      while ( reporter && feedback && !stop && done < tasks )
      {
        std::this_thread::sleep_for( std::chrono::milliseconds( 20 ) );
        report();
      }
    }
    catch ( ... )
    {
      const std::lock_guard<std::mutex> lock( errorMutex );
      if ( !error )
        error = std::current_exception();
      stop = true;
    }
  };

  const std::size_t workers = std::min<std::size_t>( static_cast<std::size_t>( std::max( 1, threads ) ), std::max<std::size_t>( 1, tasks ) );
  std::vector<std::thread> pool;
  try
  {
    for ( std::size_t t = 1; t < workers; ++t )
      pool.emplace_back( work, false );
  }
  catch ( ... )
  {
  }
  work( true );
  for ( std::thread &thread : pool )
    thread.join();
  if ( error )
    std::rethrow_exception( error );
  if ( stop || ( feedback && feedback->isCanceled() ) )
    throw Canceled();
  // A worker may have finished the last task after the caller's last report.
  if ( feedback )
    feedback->setProgress( progress.to );
}

/**
 * parallelFor over [0, count) in blocks of \a block items: fn( begin, end ).
 * Blocks cut the same items whatever the thread count.
 */
template <class Fn>
void parallelForBlocks( std::size_t count, std::size_t block, int threads, QgsFeedback *feedback, Fn &&fn, ProgressRange progress = {} )
{
  const std::size_t blocks = ( count + block - 1 ) / block;
  parallelFor(
    blocks, threads, feedback, [&]( std::size_t b ) { fn( b * block, std::min( count, ( b + 1 ) * block ) ); }, progress );
}

} // namespace htsplan
