#pragma once
// The one place the test executables start QGIS and run Catch.

namespace testdata
{

/**
 * Starts QgsApplication without a display (offscreen, a throwaway profile),
 * runs the Catch session with the command line and returns its exit code.
 */
int runTestsWithQgis( int argc, char *argv[] );

} // namespace testdata
