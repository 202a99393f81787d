#include "analysis/parallel.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <vector>

using namespace htsplan;

TEST_CASE( "runOnThreads runs every share once and t = 0 on the calling thread", "[threads]" )
{
  const std::thread::id caller = std::this_thread::get_id();
  for ( int threads : { 0, 1, 2, 5 } )
  {
    const int expected = std::max( 1, threads );
    std::vector<std::atomic<int>> runs( expected );
    std::atomic<bool> zeroOnCaller { false };
    runOnThreads( threads, [&]( int t ) {
      ++runs[t];
      if ( t == 0 )
        zeroOnCaller = std::this_thread::get_id() == caller;
    } );
    for ( int t = 0; t < expected; ++t )
      CHECK( runs[t] == 1 );
    CHECK( zeroOnCaller );
  }
}

TEST_CASE( "runOnThreads rethrows a worker's exception on the calling thread after all joined", "[threads]" )
{
  // Escaping a std::thread the exception would call std::terminate; here it
  // reaches the caller, and the other shares have still run to the end.
  std::atomic<int> finished { 0 };
  try
  {
    runOnThreads( 3, [&]( int t ) {
      if ( t == 2 )
        throw std::runtime_error( "share 2 failed" );
      ++finished;
    } );
    FAIL( "no exception reached the caller" );
  }
  catch ( const std::runtime_error &e )
  {
    CHECK( std::string( e.what() ) == "share 2 failed" );
  }
  CHECK( finished == 2 );

  // The calling thread's own exception is held until the workers have joined.
  std::atomic<int> workersDone { 0 };
  CHECK_THROWS_WITH( runOnThreads( 2, [&]( int t ) {
                       if ( t == 0 )
                         throw std::runtime_error( "caller failed" );
                       ++workersDone;
                     } ),
                     "caller failed" );
  CHECK( workersDone == 1 );
}
