#pragma once
// The CRS the facility contract stores coordinates in (CGCS2000, EPSG:4490,
// longitude/latitude) and transforms with their GDAL handle owned.
#include <ogr_spatialref.h>

#include <memory>
#include <string>

namespace htsplan
{

//! EPSG:4490 with longitude/latitude axis order.
OGRSpatialReference cgcs2000();

struct TransformDeleter
{
    void operator()( OGRCoordinateTransformation *t ) const { OGRCoordinateTransformation::DestroyCT( t ); }
};
using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;

//! A transform with traditional GIS axis order on both sides; null when PROJ refuses.
TransformPtr makeTransform( const OGRSpatialReference &from, const OGRSpatialReference &to );

//! True when every coordinate of the envelope could be longitude/latitude.
bool plausibleLonLat( double minX, double minY, double maxX, double maxY );

//! "x 36.1 to 37.9, y 117 to 120.3": an extent for a message.
std::string describeExtent( const OGREnvelope &e );

//! What coordinates that cannot be longitude/latitude look like ("they look like latitude/longitude
//! swapped", "... Web Mercator metres", "... Gauss-Kruger metres ...", "... projected metres"):
//! for the facility reader's and the importer's messages alike.
std::string coordinatesLookLike( const OGREnvelope &e );

} // namespace htsplan
