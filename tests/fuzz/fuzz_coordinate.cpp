// parseCoordinateCell on any bytes, as a longitude and as a latitude: a value
// is finite and in range. A cell read as both goes through every conversion
// to CGCS2000, which must give finite numbers and, well inside China, round trip.
#include "layers/import/china_coords.h"
#include "layers/import/coordinates.h"
#include "tests/fuzz/fuzz_check.h"

#include <cmath>

using namespace htsplan;

extern "C" int LLVMFuzzerTestOneInput( const uint8_t *data, size_t size )
{
  const std::string_view text = fuzzInput( data, size );
  const ParsedCoordinate lon = parseCoordinateCell( text, Axis::Lon );
  const ParsedCoordinate lat = parseCoordinateCell( text, Axis::Lat );
  FUZZ_CHECK( lon.degrees.has_value() == lon.problem.empty() );
  FUZZ_CHECK( lat.degrees.has_value() == lat.problem.empty() );
  if ( lon.degrees )
    FUZZ_CHECK( std::fabs( *lon.degrees ) <= 180 );
  if ( lat.degrees )
    FUZZ_CHECK( std::fabs( *lat.degrees ) <= 90 );
  if ( !lon.degrees || !lat.degrees )
    return 0;
  // The same number on both axes: a point on the diagonal, and its mirror.
  for ( const LonLat p : { LonLat { *lon.degrees, *lat.degrees }, LonLat { *lon.degrees + 90, *lat.degrees } } )
  {
    for ( SourceCrs crs : { SourceCrs::Cgcs2000, SourceCrs::Wgs84, SourceCrs::Gcj02, SourceCrs::Bd09 } )
    {
      const LonLat out = toCgcs2000( crs, p.lon, p.lat );
      FUZZ_CHECK( std::isfinite( out.lon ) && std::isfinite( out.lat ) );
    }
    const bool wellInside = p.lon > 73 && p.lon < 135 && p.lat > 4 && p.lat < 53;
    if ( wellInside )
    {
      const LonLat gcj = wgs84ToGcj02( p.lon, p.lat );
      const LonLat back = gcj02ToWgs84( gcj.lon, gcj.lat );
      FUZZ_CHECK( std::fabs( back.lon - p.lon ) < 1e-9 && std::fabs( back.lat - p.lat ) < 1e-9 );
      const LonLat bd = gcj02ToBd09( p.lon, p.lat );
      const LonLat backBd = bd09ToGcj02( bd.lon, bd.lat );
      FUZZ_CHECK( std::fabs( backBd.lon - p.lon ) < 1e-9 && std::fabs( backBd.lat - p.lat ) < 1e-9 );
      FUZZ_CHECK( shiftMetres( p.lon, p.lat, gcj.lon, gcj.lat ) < 2000 );
    }
  }
  return 0;
}
