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
/**
 * Albers equal-area conic fitted to Shandong (lon_0 118, standard parallels 35
 * and 38, GRS80, metres): the CRS every analysis of lon/lat input runs in.
 * Equal-area like equalArea(), and over the province its scale is within
 * 0.03% of true in every direction, where the China-wide equalArea() is 1.8%
 * off (a 10 km radius there would be 9.8 km east-west). equalArea() stays for
 * the administrative data, which were built in it.
 */
OGRSpatialReference analysisCrs();
//! PROJ string of analysisCrs(), for QGIS.
const char *analysisProj();
//! WKT of analysisCrs(), for files written through GDAL (GeoTIFF).
std::string analysisWkt();

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
