#pragma once
// Geometry operations of htsplan-data that must not fail silently.
#include <ogr_geometry.h>

namespace htsplan::tools
{

//! The geometry as a MultiPolygon (the geometry type of every polygon layer).
OGRGeometryUniquePtr asMulti( OGRGeometryUniquePtr g );

//! Transforms g in place; throws Failure when PROJ fails.
void transformOrThrow( OGRGeometry &g, OGRCoordinateTransformation *ct );

} // namespace htsplan::tools
