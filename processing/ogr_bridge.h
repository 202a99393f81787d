#pragma once
// Geometry hand-over between QGIS and OGR (the kernels work on OGR/GEOS
// geometries and plain arrays; Processing sinks want QgsGeometry). Through WKB,
// so nothing is lost.
#include <ogr_geometry.h>
#include <qgsgeometry.h>

namespace htsplan
{

//! Null for a null or empty geometry.
OGRGeometryUniquePtr toOgr( const QgsGeometry &geometry );
QgsGeometry fromOgr( const OGRGeometry *geometry );

} // namespace htsplan
