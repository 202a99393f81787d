#include "maps/map_crs.h"

namespace htsplan
{

QgsCoordinateReferenceSystem printCrs()
{
  return QgsCoordinateReferenceSystem::fromProj(
    QStringLiteral( "+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs" ) );
}

QgsCoordinateReferenceSystem displayCrs()
{
  return QgsCoordinateReferenceSystem( QStringLiteral( "EPSG:4549" ) );
}

} // namespace htsplan
