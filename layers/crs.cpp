#include "crs.h"

#include <cpl_conv.h>

namespace htsplan
{

OGRSpatialReference cgcs2000()
{
  OGRSpatialReference srs;
  srs.importFromEPSG( 4490 );
  srs.SetAxisMappingStrategy( OAMS_TRADITIONAL_GIS_ORDER );
  return srs;
}

const char *equalAreaProj()
{
  return "+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs";
}

const char *analysisProj()
{
  return "+proj=aea +lat_0=0 +lon_0=118 +lat_1=35 +lat_2=38 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs";
}

OGRSpatialReference analysisCrs()
{
  OGRSpatialReference srs;
  srs.importFromProj4( analysisProj() );
  srs.SetAxisMappingStrategy( OAMS_TRADITIONAL_GIS_ORDER );
  return srs;
}

std::string analysisWkt()
{
  char *wkt = nullptr;
  analysisCrs().exportToWkt( &wkt );
  std::string out = wkt ? wkt : "";
  CPLFree( wkt );
  return out;
}

OGRSpatialReference equalArea()
{
  OGRSpatialReference srs;
  srs.importFromProj4( equalAreaProj() );
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
