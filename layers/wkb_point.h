#pragma once
// The one reader of point coordinates straight from WKB. In layers/ (not
// geometry/) because the facility reader needs it and layers/ is the lowest
// floor. Inline: it runs once per row, millions of times.
#include <cstdint>
#include <cstring>
#include <string_view>

namespace htsplan
{

/**
 * Reads x and y of a little-endian WKB point (2D, Z, M or ZM; ISO codes)
 * without building an OGRGeometry. False for anything else (big-endian,
 * other types, EWKB flags), which callers read the general way. An empty
 * point reads as NaN coordinates.
 */
inline bool readWkbPoint( std::string_view wkb, double &x, double &y )
{
  if ( wkb.size() < 21 || wkb[0] != 1 )
    return false;
  std::uint32_t type = 0;
  std::memcpy( &type, wkb.data() + 1, 4 );
  if ( type != 1 && type != 1001 && type != 2001 && type != 3001 )
    return false;
  std::memcpy( &x, wkb.data() + 5, 8 );
  std::memcpy( &y, wkb.data() + 13, 8 );
  return true;
}

} // namespace htsplan
