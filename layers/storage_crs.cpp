#include "layers/storage_crs.h"

#include "layers/problems.h"

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

std::string describeExtent( const OGREnvelope &e )
{
  return "x " + formatCoordinate( e.MinX ) + " to " + formatCoordinate( e.MaxX ) + ", y " + formatCoordinate( e.MinY ) + " to " + formatCoordinate( e.MaxY );
}

std::string coordinatesLookLike( const OGREnvelope &e )
{
  if ( e.MinX >= -90 && e.MaxX <= 90 && e.MinY >= -180 && e.MaxY <= 180 )
    return "they look like latitude/longitude swapped (latitude first)";
  if ( e.MinX > 1.0e7 && e.MaxX < 1.6e7 && e.MinY > 2.0e6 && e.MaxY < 7.0e6 )
    return "they look like Web Mercator metres (EPSG:3857)";
  if ( e.MinX > 1.3e7 && e.MaxX < 4.5e7 && e.MinY > 2.0e6 && e.MaxY < 6.0e6 )
    return "they look like Gauss-Kruger metres with the zone number in front (e.g. CGCS2000 3-degree zone 39, EPSG:4527)";
  if ( e.MinX > 0 && e.MaxX < 1.0e6 && e.MinY > 2.0e6 && e.MaxY < 6.0e6 )
    return "they look like Gauss-Kruger or UTM metres (e.g. CGCS2000 3-degree zone CM 117E, EPSG:4548)";
  return "they look like projected metres";
}

} // namespace htsplan
