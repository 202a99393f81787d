#include "geometry/crs.h"

#include <cpl_conv.h>

namespace htsplan
{

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

} // namespace htsplan
