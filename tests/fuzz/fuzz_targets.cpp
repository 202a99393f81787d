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
// One file per fuzzing process, rewritten for each input: in memory when the
// system has /dev/shm (on a disk the writes made the run 15 times slower), and
// unlinked at once, so that no run leaves it behind (libFuzzer's timed end
// skips atexit); the process reaches it through its open descriptor.
const std::string &scratchPath()
{
  static const std::string path = [] {
    const char *folder = access( "/dev/shm", W_OK ) == 0 ? "/dev/shm" : "/tmp";
    std::string name = std::string( folder ) + "/htsplan-fuzz-targets-XXXXXX";
    const int fd = mkstemp( name.data() );
    FUZZ_CHECK( fd >= 0 );
    unlink( name.c_str() );
    return "/proc/self/fd/" + std::to_string( fd );
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
