#include "layers/import/china_coords.h"

#include "layers/text.h"

#include <algorithm>
#include <cmath>

namespace htsplan
{

namespace
{
constexpr double kPi = 3.14159265358979323846;
// The Krasovsky 1940 ellipsoid, on which the GCJ-02 series is defined.
constexpr double kKrasovskyA = 6378245.0;
constexpr double kKrasovskyEe = 0.00669342162296594323;
// BD-09's rotation works in units of 3000 per half turn.
constexpr double kBaiduXPi = kPi * 3000.0 / 180.0;
constexpr double kTolerance = 1e-12; // degrees: far below the 1e-9° promised
constexpr int kMaxSteps = 20;

// The shift series of GCJ-02, in metres on the Krasovsky ellipsoid, for
// x = lon - 105, y = lat - 35.
double shiftNorth( double x, double y )
{
  double shift = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt( std::fabs( x ) );
  shift += ( 20.0 * std::sin( 6.0 * x * kPi ) + 20.0 * std::sin( 2.0 * x * kPi ) ) * 2.0 / 3.0;
  shift += ( 20.0 * std::sin( y * kPi ) + 40.0 * std::sin( y / 3.0 * kPi ) ) * 2.0 / 3.0;
  shift += ( 160.0 * std::sin( y / 12.0 * kPi ) + 320.0 * std::sin( y * kPi / 30.0 ) ) * 2.0 / 3.0;
  return shift;
}

double shiftEast( double x, double y )
{
  double shift = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt( std::fabs( x ) );
  shift += ( 20.0 * std::sin( 6.0 * x * kPi ) + 20.0 * std::sin( 2.0 * x * kPi ) ) * 2.0 / 3.0;
  shift += ( 20.0 * std::sin( x * kPi ) + 40.0 * std::sin( x / 3.0 * kPi ) ) * 2.0 / 3.0;
  shift += ( 150.0 * std::sin( x / 12.0 * kPi ) + 300.0 * std::sin( x / 30.0 * kPi ) ) * 2.0 / 3.0;
  return shift;
}

// Solves forward(p) = target for p by fixed-point iteration from start:
// forward is the identity plus a shift whose derivative is small, so each step
// gains about three digits.
template<typename Forward>
LonLat invert( Forward forward, double lon, double lat, LonLat p )
{
  for ( int step = 0; step < kMaxSteps; ++step )
  {
    const LonLat image = forward( p.lon, p.lat );
    const double dLon = image.lon - lon;
    const double dLat = image.lat - lat;
    p.lon -= dLon;
    p.lat -= dLat;
    if ( !( std::fabs( dLon ) > kTolerance || std::fabs( dLat ) > kTolerance ) )
      break;
  }
  return p;
}
} // namespace

const std::vector<SourceCrs> &allSourceCrs()
{
  static const std::vector<SourceCrs> all = { SourceCrs::Cgcs2000, SourceCrs::Wgs84, SourceCrs::Gcj02, SourceCrs::Bd09 };
  return all;
}

std::optional<SourceCrs> parseSourceCrs( std::string_view text )
{
  const std::string key = foldKey( text );
  for ( const char *name : { "cgcs2000", "epsg:4490", "4490", "cgcs-2000" } )
    if ( key == name )
      return SourceCrs::Cgcs2000;
  for ( const char *name : { "wgs84", "wgs-84", "epsg:4326", "4326", "gps" } )
    if ( key == name )
      return SourceCrs::Wgs84;
  for ( const char *name : { "gcj02", "gcj-02", "gcj", "amap", "gaode", "tencent", "qq", "高德", "腾讯" } )
    if ( key == name )
      return SourceCrs::Gcj02;
  for ( const char *name : { "bd09", "bd-09", "bd09ll", "baidu", "百度" } )
    if ( key == name )
      return SourceCrs::Bd09;
  return std::nullopt;
}

const char *sourceCrsKey( SourceCrs crs )
{
  switch ( crs )
  {
    case SourceCrs::Cgcs2000:
      return "cgcs2000";
    case SourceCrs::Wgs84:
      return "wgs84";
    case SourceCrs::Gcj02:
      return "gcj02";
    case SourceCrs::Bd09:
      return "bd09";
  }
  return "cgcs2000";
}

const char *sourceCrsLabel( SourceCrs crs )
{
  switch ( crs )
  {
    case SourceCrs::Cgcs2000:
      return "CGCS2000";
    case SourceCrs::Wgs84:
      return "WGS84";
    case SourceCrs::Gcj02:
      return "GCJ-02 (Amap, Tencent)";
    case SourceCrs::Bd09:
      return "BD-09 (Baidu)";
  }
  return "CGCS2000";
}

bool outsideChina( double lon, double lat )
{
  return !( lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271 );
}

LonLat wgs84ToGcj02( double lon, double lat )
{
  if ( outsideChina( lon, lat ) )
    return { lon, lat };
  const double north = shiftNorth( lon - 105.0, lat - 35.0 );
  const double east = shiftEast( lon - 105.0, lat - 35.0 );
  // Metres to degrees with the Krasovsky radii of curvature at lat.
  const double phi = lat / 180.0 * kPi;
  const double w2 = 1.0 - kKrasovskyEe * std::sin( phi ) * std::sin( phi );
  const double meridian = kKrasovskyA * ( 1.0 - kKrasovskyEe ) / ( w2 * std::sqrt( w2 ) );
  const double prime = kKrasovskyA / std::sqrt( w2 );
  return { lon + east * 180.0 / ( prime * std::cos( phi ) * kPi ), lat + north * 180.0 / ( meridian * kPi ) };
}

LonLat gcj02ToWgs84( double lon, double lat )
{
  if ( outsideChina( lon, lat ) )
    return { lon, lat };
  return invert( wgs84ToGcj02, lon, lat, { lon, lat } );
}

LonLat gcj02ToBd09( double lon, double lat )
{
  const double z = std::sqrt( lon * lon + lat * lat ) + 0.00002 * std::sin( lat * kBaiduXPi );
  const double theta = std::atan2( lat, lon ) + 0.000003 * std::cos( lon * kBaiduXPi );
  return { z * std::cos( theta ) + 0.0065, z * std::sin( theta ) + 0.006 };
}

LonLat bd09ToGcj02( double lon, double lat )
{
  // The one-step inverse evaluates the sine and cosine at the BD-09 position
  // instead of the GCJ-02 one: a good start for the iteration.
  const double x = lon - 0.0065;
  const double y = lat - 0.006;
  const double z = std::sqrt( x * x + y * y ) - 0.00002 * std::sin( y * kBaiduXPi );
  const double theta = std::atan2( y, x ) - 0.000003 * std::cos( x * kBaiduXPi );
  return invert( gcj02ToBd09, lon, lat, { z * std::cos( theta ), z * std::sin( theta ) } );
}

LonLat toCgcs2000( SourceCrs crs, double lon, double lat )
{
  switch ( crs )
  {
    case SourceCrs::Cgcs2000:
    case SourceCrs::Wgs84:
      return { lon, lat };
    case SourceCrs::Gcj02:
      return gcj02ToWgs84( lon, lat );
    case SourceCrs::Bd09:
    {
      const LonLat gcj = bd09ToGcj02( lon, lat );
      return gcj02ToWgs84( gcj.lon, gcj.lat );
    }
  }
  return { lon, lat };
}

LonLat fromCgcs2000( SourceCrs crs, double lon, double lat )
{
  switch ( crs )
  {
    case SourceCrs::Cgcs2000:
    case SourceCrs::Wgs84:
      return { lon, lat };
    case SourceCrs::Gcj02:
      return wgs84ToGcj02( lon, lat );
    case SourceCrs::Bd09:
    {
      const LonLat gcj = wgs84ToGcj02( lon, lat );
      return gcj02ToBd09( gcj.lon, gcj.lat );
    }
  }
  return { lon, lat };
}

double shiftMetres( double lon1, double lat1, double lon2, double lat2 )
{
  constexpr double kRadius = 6371008.8;
  const double toRad = kPi / 180.0;
  const double dLat = ( lat2 - lat1 ) * toRad;
  const double dLon = ( lon2 - lon1 ) * toRad;
  const double h = std::sin( dLat / 2 ) * std::sin( dLat / 2 ) +
                   std::cos( lat1 * toRad ) * std::cos( lat2 * toRad ) * std::sin( dLon / 2 ) * std::sin( dLon / 2 );
  return 2 * kRadius * std::asin( std::sqrt( std::min( 1.0, h ) ) );
}

} // namespace htsplan
