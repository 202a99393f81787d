// loadTargets on any file content: it reads the file or throws InputError,
// never anything else (a JSON type error must come out as an InputError too).
#include "layers/problems.h"
#include "layers/targets.h"
#include "tests/fuzz/fuzz_check.h"

#include <fstream>
#include <string>
#include <unistd.h>

namespace
{
// One file per fuzzing process, rewritten for each input.
const std::string &scratchPath()
{
  static const std::string path = [] {
    char name[] = "/tmp/htsplan-fuzz-targets-XXXXXX";
    const int fd = mkstemp( name );
    FUZZ_CHECK( fd >= 0 );
    close( fd );
    return std::string( name );
  }();
  return path;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput( const uint8_t *data, size_t size )
{
  {
    std::ofstream out( scratchPath(), std::ios::binary | std::ios::trunc );
    out.write( reinterpret_cast<const char *>( data ), static_cast<std::streamsize>( size ) );
  }
  try
  {
    htsplan::loadTargets( scratchPath() );
  }
  catch ( const htsplan::InputError & )
  {
  }
  return 0;
}
