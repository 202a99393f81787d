#include "tools/geometry_helpers.h"

#include "tools/failure.h"

namespace htsplan::tools
{

OGRGeometryUniquePtr asMulti( OGRGeometryUniquePtr g )
{
  if ( wkbFlatten( g->getGeometryType() ) == wkbMultiPolygon )
    return g;
  return OGRGeometryUniquePtr( OGRGeometryFactory::forceToMultiPolygon( g.release() ) );
}

void transformOrThrow( OGRGeometry &g, OGRCoordinateTransformation *ct )
{
  if ( g.transform( ct ) != OGRERR_NONE )
    throw Failure( "coordinate transformation failed" );
}

} // namespace htsplan::tools
