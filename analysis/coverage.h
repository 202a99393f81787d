#pragma once
// Area coverage: how much of a study area lies within a distance of a set of
// facilities, measured from their geometry in the equal-area CRS.
#include <ogr_geometry.h>

#include <vector>

class QgsFeedback;

namespace htsplan
{

/**
 * Union of the buffers of the geometries by radiusM metres. Geometries must be
 * in a projected CRS in metres. Returns null when there are no geometries or
 * when feedback is cancelled (progress is left to the caller).
 */
OGRGeometryUniquePtr bufferUnion( const std::vector<const OGRGeometry *> &geometries, double radiusM, QgsFeedback *feedback = nullptr );

/**
 * Area in m² of studyArea covered by the union of the buffers. Both in the same
 * projected CRS in metres.
 */
double coveredArea( const std::vector<const OGRGeometry *> &geometries, const OGRGeometry &studyArea, double radiusM,
                    QgsFeedback *feedback = nullptr );

} // namespace htsplan
