#pragma once
// Placing the points of the sample generator: inside a polygon, near a point,
// or offshore. The random placement uses no trigonometry (libm results may
// differ between platforms), so that the same seed gives the same file.
#include "tools/rng.h"

#include <ogr_geometry.h>

namespace htsplan::tools
{

//! A point in EPSG:4490 (x longitude, y latitude).
struct Pt
{
    double x = 0.0;
    double y = 0.0;
};

// A degree of longitude is about 0.80 of a degree of latitude over Shandong
// (cos 36.6°); a constant keeps the generator free of libm differences.
constexpr double kKmPerDegLat = 111.0;
constexpr double kLonScale = 0.80;

bool contains( const OGRGeometry &g, const Pt &p );

//! Uniform in a disc of radius km around c (rejection in the square: no trigonometry).
Pt inDisc( Rng &rng, const Pt &c, double km );

//! Uniform inside g (rejection in its envelope); throws Failure after 100,000 misses.
Pt inGeometry( Rng &rng, const OGRGeometry &g );

//! A point uniformly inside a disc of radius km around centre, retried until it
//! lies inside `within`; after 2,000 misses, anywhere inside `within`.
Pt nearInside( Rng &rng, const Pt &centre, double km, const OGRGeometry &within );

//! A point at latitude lat, east of the province, `metres` from it (measured in
//! the equal-area CRS), rounded to six decimals of longitude.
Pt pointOffshore( const OGRGeometry &province, double lat, double metres );

} // namespace htsplan::tools
