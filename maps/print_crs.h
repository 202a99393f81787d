#pragma once
// The CRS maps are drawn and printed in, decided once for every layout.
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

} // namespace htsplan
