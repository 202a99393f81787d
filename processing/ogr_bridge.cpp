#include "processing/ogr_bridge.h"

#include <QByteArray>

#include <vector>

namespace htsplan
{

OGRGeometryUniquePtr toOgr( const QgsGeometry &geometry )
{
  if ( geometry.isNull() || geometry.isEmpty() )
    return nullptr;
  const QByteArray wkb = geometry.asWkb();
  OGRGeometry *result = nullptr;
  if ( OGRGeometryFactory::createFromWkb( wkb.constData(), nullptr, &result, wkb.size() ) != OGRERR_NONE )
    return nullptr;
  return OGRGeometryUniquePtr( result );
}

QgsGeometry fromOgr( const OGRGeometry *geometry )
{
  if ( !geometry || geometry->IsEmpty() )
    return QgsGeometry();
  std::vector<unsigned char> bytes( geometry->WkbSize() );
  geometry->exportToWkb( wkbNDR, bytes.data(), wkbVariantIso );
  QgsGeometry result;
  result.fromWkb( QByteArray( reinterpret_cast<const char *>( bytes.data() ), static_cast<int>( bytes.size() ) ) );
  return result;
}

} // namespace htsplan
