// Main of htsplan_twin_tests: the tests compare a kernel with its QGIS twin
// run through qgis_process, so without qgis_process there is nothing to
// compare. Then every test exits with 77, which ctest shows as "Skipped"
// (SKIP_RETURN_CODE), never as passed. Listing the tests (what
// catch_discover_tests does at build time) works either way.
#include "tests/qgis_process.h"
#include "tests/session.h"

#include <cstdio>
#include <cstring>

int main( int argc, char *argv[] )
{
  bool listing = false;
  for ( int i = 1; i < argc; ++i )
    listing = listing || std::strncmp( argv[i], "--list", 6 ) == 0 || std::strcmp( argv[i], "-l" ) == 0 || std::strcmp( argv[i], "-h" ) == 0
              || std::strcmp( argv[i], "--help" ) == 0;
  if ( !listing && !testdata::qgisProcessAvailable() )
  {
    std::fprintf( stderr, "SKIPPED: %s is not installed (or not executable): nothing to compare with\n",
                  testdata::qgisProcessPath().c_str() );
    return testdata::SkipReturnCode;
  }
  return testdata::runTestsWithQgis( argc, argv );
}
