#pragma once
// The CRS maps are shown and printed in, decided once: the plugin's canvas
// and every layout.
#include <qgscoordinatereferencesystem.h>

namespace htsplan
{

/**
 * Albers equal-area conic for China (lon_0 105, standard parallels 25 and 47,
 * GRS80): the projection of China's national atlases, so the province looks as
 * planners know it, and the same CRS the administrative areas are measured in
 * (geometry/crs.h equalArea(); tests/maps checks they agree).
 */
QgsCoordinateReferenceSystem printCrs();

/**
 * CGCS2000 / 3-degree Gauss-Kruger CM 120E (EPSG:4549): the conformal CRS of
 * China's surveying for the canvas, where shapes and bearings matter more
 * than areas; the plugin sets it on a project without a CRS of its own.
 */
QgsCoordinateReferenceSystem displayCrs();

} // namespace htsplan
