// Catch's implementation, compiled once for every test executable (no
// precompiled header here: CATCH_CONFIG_RUNNER must come first).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "tests/session.h"

#include <QTemporaryDir>
#include <qgsapplication.h>

#include <cstdlib>

namespace testdata
{

int runTestsWithQgis( int argc, char *argv[] )
{
  if ( !std::getenv( "QT_QPA_PLATFORM" ) )
    setenv( "QT_QPA_PLATFORM", "offscreen", 1 );
  // A throwaway profile so that tests never write into the user's QGIS settings.
  QTemporaryDir profile;
  QgsApplication app( argc, argv, false, profile.path() );
  QgsApplication::initQgis();
  const int result = Catch::Session().run( argc, argv );
  QgsApplication::exitQgis();
  return result;
}

} // namespace testdata
