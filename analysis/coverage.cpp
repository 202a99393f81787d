#include "coverage.h"

#include "coverage_clean.h"

#include <qgsfeedback.h>

namespace htsplan
{

OGRGeometryUniquePtr bufferUnion( const std::vector<const OGRGeometry *> &geometries, double radiusM, QgsFeedback *feedback )
{
  OGRMultiPolygon buffers;
  for ( const OGRGeometry *g : geometries )
  {
    if ( feedback && feedback->isCanceled() )
      return nullptr;
    if ( !g || g->IsEmpty() )
      continue;
    // 16 segments a quarter circle: the area of the polygonal circle is 0.16% short of pi r².
    OGRGeometryUniquePtr buffer( g->Buffer( radiusM, 16 ) );
    if ( !buffer )
      continue;
    const OGRwkbGeometryType type = wkbFlatten( buffer->getGeometryType() );
    if ( type == wkbPolygon )
      buffers.addGeometry( buffer.get() );
    else if ( type == wkbMultiPolygon )
      for ( const OGRPolygon *p : *buffer->toMultiPolygon() )
        buffers.addGeometry( p );
  }
  if ( buffers.IsEmpty() )
    return nullptr;
  return OGRGeometryUniquePtr( buffers.UnionCascaded() );
}

double coveredArea( const std::vector<const OGRGeometry *> &geometries, const OGRGeometry &studyArea, double radiusM, QgsFeedback *feedback )
{
  OGRGeometryUniquePtr covered = bufferUnion( geometries, radiusM, feedback );
  if ( !covered )
    return 0.0;
  OGRGeometryUniquePtr inside( covered->Intersection( &studyArea ) );
  return areaOf( inside.get() );
}

} // namespace htsplan
