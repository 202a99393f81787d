#pragma once
// The CRS the facility contract stores coordinates in (CGCS2000, EPSG:4490,
// longitude/latitude) and transforms with their GDAL handle owned.
#include <ogr_spatialref.h>

#include <memory>

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

} // namespace htsplan
