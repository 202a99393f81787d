#pragma once
// Points counted per polygon unit: the shared core of htsplan:assign and
// htsplan:density (and of the report's per-county figures through assign.h).
#include "processing/point_source.h"

#include <qgsfeature.h>
#include <ogr_geometry.h>

#include <vector>

class QgsFeatureSource;
class QgsProcessingFeedback;

namespace htsplan
{

struct UnitCounts
{
    std::vector<QgsFeature> units;          //!< the polygon features, in feature order
    std::vector<OGRGeometryUniquePtr> shapes; //!< their geometries (null when empty), in the units' CRS
    PointSet points;                        //!< in the units' CRS
    std::vector<int> unitOf;                //!< per point: index into units, -1 outside every unit
    std::vector<double> counts;             //!< per unit
    std::vector<double> byCategory;         //!< per unit, points.categoryNames.size() values
    long long outside = 0;
};

/**
 * Reads the units and assigns each point (already read in the units' CRS:
 * PointReadOptions::targetCrs) to the first unit that contains it. Throws
 * InputError for a units layer without features.
 */
UnitCounts countPointsInUnits( const QgsFeatureSource &units, const QString &unitsLabel, PointSet points, QgsProcessingFeedback *feedback );

} // namespace htsplan
