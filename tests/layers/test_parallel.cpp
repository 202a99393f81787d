#include "layers/parallel.h"

#include <catch2/catch.hpp>

#include <qgsfeedback.h>

#include <atomic>
#include <stdexcept>
#include <vector>

using namespace htsplan;

TEST_CASE( "parallelFor runs every task once", "[threads]" )
{
  for ( int threads : { 0, 1, 2, 5 } )
  {
    for ( size_t tasks : { 0, 1, 3, 100 } )
    {
      std::vector<std::atomic<int>> runs( tasks );
      parallelFor( tasks, threads, nullptr, [&]( size_t task ) { ++runs[task]; } );
      for ( size_t t = 0; t < tasks; ++t )
        CHECK( runs[t] == 1 );
    }
  }
}

TEST_CASE( "parallelForBlocks cuts the same blocks whatever the thread count", "[threads]" )
{
  for ( int threads : { 1, 3 } )
  {
    std::vector<int> blockOf( 10, -1 );
    parallelForBlocks( 10, 4, threads, nullptr, [&]( size_t begin, size_t end ) {
      for ( size_t i = begin; i < end; ++i )
        blockOf[i] = static_cast<int>( begin );
    } );
    CHECK( blockOf == std::vector<int>{ 0, 0, 0, 0, 4, 4, 4, 4, 8, 8 } );
  }
}

TEST_CASE( "parallelFor rethrows a task's exception on the calling thread after all joined", "[threads]" )
{
  // Escaping a std::thread the exception would call std::terminate; here it
  // reaches the caller.
  for ( int threads : { 1, 3 } )
  {
    CHECK_THROWS_WITH( parallelFor( 5, threads, nullptr, [&]( size_t task ) {
                         if ( task == 2 )
                           throw std::runtime_error( "task 2 failed" );
                       } ),
                       "task 2 failed" );
  }
}

TEST_CASE( "parallelFor reports progress and stops on cancel", "[threads]" )
{
  SECTION( "progress reaches the end of its range" )
  {
    QgsFeedback feedback;
    parallelFor( 4, 2, &feedback, []( size_t ) {}, { 10, 60 } );
    CHECK( feedback.progress() == Approx( 60 ) );
  }
  SECTION( "a cancelled feedback stops the work and throws Canceled" )
  {
    for ( int threads : { 1, 3 } )
    {
      QgsFeedback feedback;
      std::atomic<int> ran{ 0 };
      CHECK_THROWS_AS( parallelFor( 1000, threads, &feedback,
                                    [&]( size_t ) {
                                      if ( ++ran == 1 )
                                        feedback.cancel();
                                      std::this_thread::sleep_for( std::chrono::milliseconds( 1 ) );
                                    } ),
                       Canceled );
      CHECK( ran < 1000 );
    }
  }
}
