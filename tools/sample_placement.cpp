#include "tools/sample_placement.h"

#include "geometry/crs.h"
#include "tools/failure.h"
#include "tools/geometry_helpers.h"

#include <cmath>

namespace htsplan::tools
{

bool contains( const OGRGeometry &g, const Pt &p )
{
  OGRPoint pt( p.x, p.y );
  return g.Contains( &pt );
}

Pt inDisc( Rng &rng, const Pt &c, double km )
{
  for ( ;; )
  {
    const double u = rng.range( -1.0, 1.0 ), v = rng.range( -1.0, 1.0 );
    if ( u * u + v * v <= 1.0 )
      return { c.x + u * km / ( kKmPerDegLat * kLonScale ), c.y + v * km / kKmPerDegLat };
  }
}

Pt inGeometry( Rng &rng, const OGRGeometry &g )
{
  OGREnvelope e;
  g.getEnvelope( &e );
  for ( int i = 0; i < 100000; ++i )
  {
    const Pt p { rng.range( e.MinX, e.MaxX ), rng.range( e.MinY, e.MaxY ) };
    if ( contains( g, p ) )
      return p;
  }
  throw Failure( "cannot place a point inside a polygon" );
}

Pt nearInside( Rng &rng, const Pt &centre, double km, const OGRGeometry &within )
{
  for ( int i = 0; i < 2000; ++i )
  {
    const Pt p = inDisc( rng, centre, km );
    if ( contains( within, p ) )
      return p;
  }
  return inGeometry( rng, within );
}

Pt pointOffshore( const OGRGeometry &province, double lat, double metres )
{
  const OGRSpatialReference geo = cgcs2000(), ea = equalArea();
  TransformPtr toEa = makeTransform( geo, ea );
  OGRGeometryUniquePtr prov( province.clone() );
  transformOrThrow( *prov, toEa.get() );
  auto distance = [&]( double lon ) {
    OGRPoint p( lon, lat );
    transformOrThrow( p, toEa.get() );
    return p.Distance( prov.get() );
  };
  double lo = 122.0, hi = 123.5; // distance grows eastwards from the coast
  if ( distance( lo ) > 0.0 || distance( hi ) < metres )
    throw Failure( "cannot place the offshore building" );
  for ( int i = 0; i < 60; ++i )
  {
    const double mid = 0.5 * ( lo + hi );
    ( distance( mid ) < metres ? lo : hi ) = mid;
  }
  return { std::round( hi * 1e6 ) / 1e6, lat };
}

} // namespace htsplan::tools
