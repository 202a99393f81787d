#pragma once
// The coordinate systems of Chinese web maps and their way back to CGCS2000.
// Amap (高德) and Tencent publish GCJ-02, a WGS84 position moved by a secret-
// looking but public formula (410–570 m inside Shandong); Baidu publishes BD-09,
// GCJ-02 moved again (1.19–1.38 km from WGS84 inside Shandong). PROJ has neither
// (OSGeo/PROJ#982), so they are computed here. All angles in degrees,
// longitude first.
#include <optional>
#include <string_view>
#include <vector>

namespace htsplan
{

enum class SourceCrs
{
  Cgcs2000,
  Wgs84,
  Gcj02,
  Bd09
};

//! The four systems, in the order the front doors offer them.
const std::vector<SourceCrs> &allSourceCrs();

//! Reads "cgcs2000" or "EPSG:4490", "wgs84" or "EPSG:4326", "gcj02" ("gcj-02",
//! "amap", "gaode", "tencent", 高德, 腾讯), "bd09" ("bd-09", "baidu", 百度);
//! case, width and spaces do not matter.
std::optional<SourceCrs> parseSourceCrs( std::string_view text );
//! "cgcs2000", "wgs84", "gcj02" or "bd09".
const char *sourceCrsKey( SourceCrs crs );
//! For messages: "CGCS2000", "WGS84", "GCJ-02 (Amap, Tencent)", "BD-09 (Baidu)".
const char *sourceCrsLabel( SourceCrs crs );

struct LonLat
{
    double lon = 0;
    double lat = 0;
};

//! Outside the rough box of China (72.004–137.8347 E, 0.8293–55.8271 N) the
//! web maps publish WGS84 unmoved, and the GCJ-02 functions return their input.
bool outsideChina( double lon, double lat );

//! WGS84 to GCJ-02: the published series on the Krasovsky ellipsoid.
LonLat wgs84ToGcj02( double lon, double lat );
//! GCJ-02 to WGS84: the inverse of wgs84ToGcj02 by fixed-point iteration,
//! within 1e-9° (at most 20 steps, each gaining two digits or more). The
//! widely used one-step inverse is up to 3.1 m off in Shandong.
LonLat gcj02ToWgs84( double lon, double lat );
//! GCJ-02 to BD-09: Baidu's rotation and offsets.
LonLat gcj02ToBd09( double lon, double lat );
//! BD-09 to GCJ-02: the inverse of gcj02ToBd09 within 1e-9°. The widely used
//! closed form is up to 0.15 m off in Shandong; here it only starts the iteration.
LonLat bd09ToGcj02( double lon, double lat );

//! A position in CGCS2000 from one in crs. WGS84 to CGCS2000 is the identity,
//! as in PROJ 9.1: their realisations differ by far less than planning needs.
LonLat toCgcs2000( SourceCrs crs, double lon, double lat );
//! A CGCS2000 position in crs: the forward direction of toCgcs2000.
LonLat fromCgcs2000( SourceCrs crs, double lon, double lat );

//! Distance in metres between two positions on the sphere of mean radius
//! 6371008.8 m (haversine): for shifts of a few kilometres it is within 0.5%
//! of the ellipsoidal distance, enough to report how far a conversion moved a point.
double shiftMetres( double lon1, double lat1, double lon2, double lat2 );

} // namespace htsplan
