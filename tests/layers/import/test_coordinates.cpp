#include <catch2/catch.hpp>

#include "layers/import/coordinates.h"

using htsplan::Axis;
using htsplan::parseCoordinateCell;

TEST_CASE( "coordinates - the ways registers write a longitude", "[layers][import][coordinates]" )
{
  for ( const char *text : { "117.12", " 117.12 ", "１１７．１２", "E117.12", "117.12E", "e117.12", "东经117.12", "东经 117.12",
                             "117°07′12″", "117°7'12\"", "117° 07′ 12″", "117°07'12''", "117°07’12”", "117度07分12秒",
                             "117度7.2分", "117:07:12", "117:7.2", "117°07′12", "117°07′12″E", "東經117.12" } )
  {
    INFO( text );
    const auto lon = parseCoordinateCell( text, Axis::Lon );
    if ( std::string( text ) == "東經117.12" )
    {
      // Traditional characters are not among the markers: a problem, not a guess.
      CHECK_FALSE( lon.degrees );
      continue;
    }
    REQUIRE( lon.degrees );
    CHECK( *lon.degrees == Approx( 117.12 ).margin( 1e-12 ) );
    CHECK( lon.problem.empty() );
  }
  CHECK( parseCoordinateCell( "117°30′", Axis::Lon ).degrees == 117.5 );
  CHECK( parseCoordinateCell( "117°", Axis::Lon ).degrees == 117.0 );
  CHECK( parseCoordinateCell( "-117.5", Axis::Lon ).degrees == -117.5 );
  CHECK( parseCoordinateCell( "180", Axis::Lon ).degrees == 180.0 );
}

TEST_CASE( "coordinates - latitudes", "[layers][import][coordinates]" )
{
  CHECK( parseCoordinateCell( "36.5", Axis::Lat ).degrees == 36.5 );
  CHECK( parseCoordinateCell( "北纬36.5", Axis::Lat ).degrees == 36.5 );
  CHECK( parseCoordinateCell( "N36.5", Axis::Lat ).degrees == 36.5 );
  CHECK( parseCoordinateCell( "36°30′N", Axis::Lat ).degrees == 36.5 );
  CHECK( parseCoordinateCell( "36度30分", Axis::Lat ).degrees == 36.5 );
  CHECK( parseCoordinateCell( "90", Axis::Lat ).degrees == 90.0 );
}

TEST_CASE( "coordinates - what is not a coordinate says why", "[layers][import][coordinates]" )
{
  const auto lonProblem = []( const char *text ) { return parseCoordinateCell( text, Axis::Lon ).problem; };
  const auto latProblem = []( const char *text ) { return parseCoordinateCell( text, Axis::Lat ).problem; };
  CHECK( lonProblem( "N36.5" ) == "'N36.5' is a latitude (N), not a longitude" );
  CHECK( lonProblem( "北纬36.5" ) == "'北纬36.5' is a latitude (N), not a longitude" );
  CHECK( latProblem( "E117.12" ) == "'E117.12' is a longitude (E), not a latitude" );
  CHECK( lonProblem( "W117" ) == "'W117' is a western longitude: China lies east" );
  CHECK( lonProblem( "西经117" ) == "'西经117' is a western longitude: China lies east" );
  CHECK( latProblem( "36.5S" ) == "'36.5S' is a southern latitude: China lies north" );
  CHECK( lonProblem( "-E117" ) == "'-E117' has both a sign and a hemisphere" );
  CHECK( lonProblem( "E-117" ) == "'E-117' has both a sign and a hemisphere" );
  CHECK( lonProblem( "--117" ) == "'--117' is not a longitude" );
  CHECK( lonProblem( "" ) == "no longitude" );
  CHECK( latProblem( "　" ) == "no latitude" );
  CHECK( lonProblem( "abc" ) == "'abc' is not a longitude" );
  CHECK( lonProblem( "117 07 12" ) == "'117 07 12' is not a longitude" );
  CHECK( lonProblem( "117,12" ) == "'117,12' is not a longitude" );
  CHECK( lonProblem( "+117" ) == "'+117' is not a longitude" );
  CHECK( lonProblem( "117°07′12″30" ) == "'117°07′12″30' is not a longitude" );
  CHECK( lonProblem( "07′12″" ) == "'07′12″' is not a longitude" );
  CHECK( lonProblem( "117°12″" ) == "'117°12″' is not a longitude" );
  CHECK( lonProblem( "117:" ) == "'117:' is not a longitude" );
  CHECK( lonProblem( "117" "\xC2\xB0" "75′" ) == "'117°75′': minutes must be below 60" );
  CHECK( lonProblem( "117°07′60″" ) == "'117°07′60″': seconds must be below 60" );
  CHECK( lonProblem( "117.5°30′" ) == "'117.5°30′': only the last part may have a fraction" );
  CHECK( lonProblem( "200" ) == "longitude 200 is outside -180–180" );
  CHECK( latProblem( "91.5" ) == "latitude 91.5 is outside -90–90" );
  CHECK( latProblem( "117.12" ) == "latitude 117.12 is outside -90–90" );
  for ( const char *text : { "N36.5", "W117", "", "abc", "200", "117°75′" } )
    CHECK_FALSE( parseCoordinateCell( text, Axis::Lon ).degrees );
}
