#pragma once
// The CRS choices for computation (the storage CRS, CGCS2000, is the
// contract's: layers/storage_crs.h): areas and distances are computed in an Albers
// equal-area projection for China, which matches ellipsoidal areas within
// 0.001% over Shandong.
#include "layers/storage_crs.h"

#include <string>
#include <ogr_spatialref.h>

namespace htsplan
{

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


} // namespace htsplan
