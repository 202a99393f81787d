#pragma once
// Reprojection with the transform checked before use: a CRS PROJ cannot
// transform, or a coordinate it cannot project, is an error, never a silent
// pass-through.
#include "layers/storage_crs.h"

#include <ogr_geometry.h>

#include <vector>

namespace htsplan
{

//! A transform from one CRS to the other; throws std::runtime_error naming both when PROJ refuses.
TransformPtr requireTransform( const OGRSpatialReference &from, const OGRSpatialReference &to );

//! Transforms from EPSG:4490 to the analysis CRS and back (geometry/crs.h analysisCrs()).
TransformPtr storageToAnalysis();
TransformPtr analysisToStorage();

//! A copy of geometry in the transform's target CRS; throws std::runtime_error when a coordinate cannot be projected.
OGRGeometryUniquePtr projectedCopy( const OGRGeometry &geometry, OGRCoordinateTransformation &transform );

//! Projects the points in place; throws std::runtime_error when one cannot be projected.
void projectPoints( OGRCoordinateTransformation &transform, double *xs, double *ys, size_t count );

//! Lon/lat (EPSG:4490) to the analysis CRS in place, in slices over the worker
//! threads (each its own PROJ transform: they are not to be shared).
void toAnalysisCrs( std::vector<double> &xs, std::vector<double> &ys );

} // namespace htsplan
