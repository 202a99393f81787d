#pragma once
// Coordinate reference systems used throughout: data is stored in CGCS2000
// (EPSG:4490, lon/lat); areas and distances are computed in an Albers
// equal-area projection for China, which matches ellipsoidal areas within
// 0.001% over Shandong.
#include <memory>
#include <string>
#include <ogr_spatialref.h>

namespace htsplan
{

//! EPSG:4490 with longitude/latitude axis order.
OGRSpatialReference cgcs2000();
//! Albers equal-area conic for China (lon_0 105, standard parallels 25 and 47, GRS80, metres).
OGRSpatialReference equalArea();
//! PROJ string of equalArea(), for QGIS (QgsCoordinateReferenceSystem::fromProj).
const char *equalAreaProj();
//! WKT of equalArea(), for files written through GDAL (GeoTIFF).
std::string equalAreaWkt();

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
