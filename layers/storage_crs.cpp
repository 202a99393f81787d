#include "layers/storage_crs.h"

namespace htsplan
{

OGRSpatialReference cgcs2000()
{
  OGRSpatialReference srs;
  srs.importFromEPSG( 4490 );
  srs.SetAxisMappingStrategy( OAMS_TRADITIONAL_GIS_ORDER );
  return srs;
}

TransformPtr makeTransform( const OGRSpatialReference &from, const OGRSpatialReference &to )
{
  OGRSpatialReference a( from ), b( to );
  a.SetAxisMappingStrategy( OAMS_TRADITIONAL_GIS_ORDER );
  b.SetAxisMappingStrategy( OAMS_TRADITIONAL_GIS_ORDER );
  return TransformPtr( OGRCreateCoordinateTransformation( &a, &b ) );
}

bool plausibleLonLat( double minX, double minY, double maxX, double maxY )
{
  return minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90;
}

} // namespace htsplan
