#include "geometry/reproject.h"

#include "geometry/crs.h"
#include "layers/parallel.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace htsplan
{

namespace
{
std::string nameOf( const OGRSpatialReference &srs )
{
  const char *name = srs.GetName();
  return name ? name : "an unnamed CRS";
}
} // namespace

TransformPtr requireTransform( const OGRSpatialReference &from, const OGRSpatialReference &to )
{
  TransformPtr transform = makeTransform( from, to );
  if ( !transform )
    throw std::runtime_error( "PROJ cannot transform " + nameOf( from ) + " to " + nameOf( to ) );
  return transform;
}

TransformPtr storageToAnalysis() { return requireTransform( cgcs2000(), analysisCrs() ); }
TransformPtr analysisToStorage() { return requireTransform( analysisCrs(), cgcs2000() ); }

OGRGeometryUniquePtr projectedCopy( const OGRGeometry &geometry, OGRCoordinateTransformation &transform )
{
  OGRGeometryUniquePtr copy( geometry.clone() );
  if ( copy->transform( &transform ) != OGRERR_NONE )
    throw std::runtime_error( "a geometry cannot be projected to " + nameOf( *transform.GetTargetCS() ) );
  return copy;
}

void projectPoints( OGRCoordinateTransformation &transform, double *xs, double *ys, size_t count )
{
  // GDAL takes an int count: large arrays go in slices.
  constexpr size_t slice = 1 << 30;
  for ( size_t begin = 0; begin < count; begin += slice )
  {
    const int n = static_cast<int>( std::min( slice, count - begin ) );
    if ( !transform.Transform( n, xs + begin, ys + begin ) )
      throw std::runtime_error( "points cannot be projected to " + nameOf( *transform.GetTargetCS() ) );
  }
}

void toAnalysisCrs( std::vector<double> &xs, std::vector<double> &ys )
{
  const size_t n = xs.size();
  const int threads = static_cast<int>( std::min<size_t>( static_cast<size_t>( workerThreads() ), std::max<size_t>( 1, n / 100000 ) ) );
  parallelFor( static_cast<size_t>( threads ), threads, nullptr, [&]( size_t t ) {
    const size_t begin = n * t / static_cast<size_t>( threads ), end = n * ( t + 1 ) / static_cast<size_t>( threads );
    projectPoints( *storageToAnalysis(), xs.data() + begin, ys.data() + begin, end - begin );
  } );
}

} // namespace htsplan
