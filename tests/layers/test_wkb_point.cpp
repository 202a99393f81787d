#include "layers/wkb_point.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

namespace
{

//! A little-endian WKB point of \a type with the given ordinates.
std::string wkb( std::uint32_t type, std::initializer_list<double> ordinates, char byteOrder = 1 )
{
  std::string bytes( 1, byteOrder );
  bytes.append( reinterpret_cast<const char *>( &type ), 4 );
  for ( double v : ordinates )
    bytes.append( reinterpret_cast<const char *>( &v ), 8 );
  return bytes;
}

} // namespace

TEST_CASE( "wkb point - reads little-endian points, refuses the rest", "[layers][wkb]" )
{
  double x = 0, y = 0;
  SECTION( "2D, Z, M and ZM points" )
  {
    for ( std::uint32_t type : { 1u, 1001u, 2001u, 3001u } )
    {
      CHECK( htsplan::readWkbPoint( wkb( type, { 117.5, 36.25, 9, 9 } ), x, y ) );
      CHECK( x == 117.5 );
      CHECK( y == 36.25 );
    }
  }
  SECTION( "an empty point reads as NaN" )
  {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    CHECK( htsplan::readWkbPoint( wkb( 1, { nan, nan } ), x, y ) );
    CHECK( std::isnan( x ) );
  }
  SECTION( "big-endian, other types and short input go the general way" )
  {
    CHECK_FALSE( htsplan::readWkbPoint( wkb( 1, { 1, 2 }, 0 ), x, y ) );
    CHECK_FALSE( htsplan::readWkbPoint( wkb( 4, { 1, 2 } ), x, y ) );
    CHECK_FALSE( htsplan::readWkbPoint( wkb( 0x80000001u, { 1, 2, 3 } ), x, y ) );
    CHECK_FALSE( htsplan::readWkbPoint( wkb( 1, { 1 } ), x, y ) );
  }
}
