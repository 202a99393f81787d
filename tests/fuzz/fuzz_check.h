#pragma once
// What the fuzzers share: a failed property aborts, which libFuzzer reports as
// a crash with the input that caused it.
#include <cstdio>
#include <cstdlib>
#include <string_view>

#define FUZZ_CHECK( condition )                                                         \
  do                                                                                    \
  {                                                                                     \
    if ( !( condition ) )                                                               \
    {                                                                                   \
      std::fprintf( stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #condition ); \
      std::abort();                                                                     \
    }                                                                                   \
  } while ( false )

inline std::string_view fuzzInput( const uint8_t *data, size_t size )
{
  return { reinterpret_cast<const char *>( data ), size };
}
