// The conversions on any pair of doubles (NaN, infinities, the poles): no
// undefined behaviour, no endless loop, and finite input inside the box of
// China gives finite output.
#include "layers/import/china_coords.h"
#include "tests/fuzz/fuzz_check.h"

#include <cmath>
#include <cstring>

using namespace htsplan;

extern "C" int LLVMFuzzerTestOneInput( const uint8_t *data, size_t size )
{
  if ( size < 2 * sizeof( double ) )
    return 0;
  double lon = 0, lat = 0;
  std::memcpy( &lon, data, sizeof lon );
  std::memcpy( &lat, data + sizeof lon, sizeof lat );
  const bool inside = !outsideChina( lon, lat );
  for ( SourceCrs crs : { SourceCrs::Cgcs2000, SourceCrs::Wgs84, SourceCrs::Gcj02, SourceCrs::Bd09 } )
  {
    const LonLat out = toCgcs2000( crs, lon, lat );
    if ( inside )
      FUZZ_CHECK( std::isfinite( out.lon ) && std::isfinite( out.lat ) );
  }
  const LonLat gcj = wgs84ToGcj02( lon, lat );
  if ( inside )
    FUZZ_CHECK( std::isfinite( gcj.lon ) && std::isfinite( gcj.lat ) );
  shiftMetres( lon, lat, gcj.lon, gcj.lat );
  return 0;
}
