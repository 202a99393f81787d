// Main of the unit test executables (one per folder of tests/).
#include "tests/session.h"

int main( int argc, char *argv[] )
{
  return testdata::runTestsWithQgis( argc, argv );
}
