// Main of htsplan_spdep_tests: the tests compare analysis/stats with R's
// spdep run through Rscript, so without Rscript there is nothing to compare.
// Then every test exits with 77, which ctest shows as "Skipped"
// (SKIP_RETURN_CODE), never as passed. (spdep itself missing is a failure:
// scripts/setup.sh installs it with R.)
#include "tests/session.h"

#include <gdal.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

int main( int argc, char *argv[] )
{
  bool listing = false;
  for ( int i = 1; i < argc; ++i )
    listing = listing || std::strncmp( argv[i], "--list", 6 ) == 0 || std::strcmp( argv[i], "-l" ) == 0 || std::strcmp( argv[i], "-h" ) == 0
              || std::strcmp( argv[i], "--help" ) == 0;
  const char *rscript = std::getenv( "HTSPLAN_RSCRIPT" ) ? std::getenv( "HTSPLAN_RSCRIPT" ) : "/usr/bin/Rscript";
  if ( !listing && access( rscript, X_OK ) != 0 )
  {
    std::fprintf( stderr, "SKIPPED: %s is not installed (or not executable): no spdep to compare with (scripts/setup.sh installs r-base-core r-cran-spdep)\n", rscript );
    return 77;
  }
  GDALAllRegister();
  return testdata::runTestsWithQgis( argc, argv );
}
