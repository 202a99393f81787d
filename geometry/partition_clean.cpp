#include "geometry/partition_clean.h"

#include "geometry/geos_handles.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

// GEOS (through OGR) does every overlay here; GEOS 3.11 has no coverage
// cleaning of its own, so the rules of coverage_clean.h are implemented with
// MakeValid, Union, Difference, Intersection and Buffer.

namespace htsplan
{

namespace
{

OGRGeometryUniquePtr own( OGRGeometry *g )
{
  return OGRGeometryUniquePtr( g );
}

OGRGeometryUniquePtr emptyMulti()
{
  return OGRGeometryUniquePtr( new OGRMultiPolygon() );
}

void collectPolygons( const OGRGeometry *g, double minArea, OGRMultiPolygon &out, double &dropped )
{
  if ( !g || g->IsEmpty() )
    return;
  switch ( wkbFlatten( g->getGeometryType() ) )
  {
    case wkbPolygon:
    {
      const double a = g->toPolygon()->get_Area();
      if ( a > 0.0 && a >= minArea )
        out.addGeometry( g );
      else
        dropped += a;
      break;
    }
    case wkbMultiPolygon:
    case wkbGeometryCollection:
    {
      const OGRGeometryCollection *c = g->toGeometryCollection();
      for ( int i = 0; i < c->getNumGeometries(); ++i )
        collectPolygons( c->getGeometryRef( i ), minArea, out, dropped );
      break;
    }
    default:
      break; // points and lines left over by an overlay
  }
}

OGRGeometryUniquePtr polygonsOf( const OGRGeometry *g, double minArea, double &dropped )
{
  auto out = std::make_unique<OGRMultiPolygon>();
  collectPolygons( g, minArea, *out, dropped );
  return OGRGeometryUniquePtr( out.release() );
}

//! Overlay results are checked once more: GEOS's OverlayNG output is valid, but
//! a removed hole or a dropped sliver could in principle touch a shell.
OGRGeometryUniquePtr ensureValid( OGRGeometryUniquePtr g )
{
  if ( !g || g->IsEmpty() || g->IsValid() )
    return g;
  return repairPolygonal( *g );
}

OGRGeometryUniquePtr unionAll( const std::vector<const OGRGeometry *> &parts )
{
  OGRMultiPolygon all;
  double ignored = 0.0;
  for ( const OGRGeometry *p : parts )
    collectPolygons( p, 0.0, all, ignored );
  if ( all.IsEmpty() )
    return emptyMulti();
  if ( all.getNumGeometries() == 1 )
    return OGRGeometryUniquePtr( all.clone() );
  return polygonsOf( own( all.UnionCascaded() ).get(), 0.0, ignored );
}

OGRPolygon rectangle( const OGREnvelope &e )
{
  OGRLinearRing ring;
  ring.addPoint( e.MinX, e.MinY );
  ring.addPoint( e.MaxX, e.MinY );
  ring.addPoint( e.MaxX, e.MaxY );
  ring.addPoint( e.MinX, e.MaxY );
  ring.addPoint( e.MinX, e.MinY );
  OGRPolygon p;
  p.addRing( &ring );
  return p;
}

OGREnvelope grown( OGREnvelope e, double d )
{
  e.MinX -= d;
  e.MinY -= d;
  e.MaxX += d;
  e.MaxY += d;
  return e;
}

OGREnvelope envelopeOf( const OGRGeometry &g )
{
  OGREnvelope e;
  g.getEnvelope( &e );
  return e;
}

std::string formatArea( double m2 )
{
  char buf[64];
  std::snprintf( buf, sizeof buf, "%.1f m²", m2 );
  return buf;
}

} // namespace

double areaOf( const OGRGeometry *geometry )
{
  if ( !geometry || geometry->IsEmpty() )
    return 0.0;
  const OGRwkbGeometryType t = wkbFlatten( geometry->getGeometryType() );
  if ( t == wkbPolygon )
    return geometry->toPolygon()->get_Area();
  if ( t == wkbMultiPolygon || t == wkbGeometryCollection )
  {
    // Sum of the parts: for a valid MultiPolygon this is its area.
    double a = 0.0;
    const OGRGeometryCollection *c = geometry->toGeometryCollection();
    for ( int i = 0; i < c->getNumGeometries(); ++i )
      a += areaOf( c->getGeometryRef( i ) );
    return a;
  }
  return 0.0;
}

OGRGeometryUniquePtr polygonalPart( const OGRGeometry *geometry, double minArea )
{
  double ignored = 0.0;
  return polygonsOf( geometry, minArea, ignored );
}

OGRGeometryUniquePtr repairPolygonal( const OGRGeometry &geometry )
{
  if ( geometry.IsValid() )
    return polygonalPart( &geometry );
  // STRUCTURE (GDAL >= 3.4 with GEOS >= 3.10) keeps the area enclosed by a
  // self-intersecting ring instead of cutting it by the even-odd rule.
  const char *const options[] = { "METHOD=STRUCTURE", nullptr };
  OGRGeometryUniquePtr fixed = own( geometry.MakeValid( options ) );
  if ( !fixed )
    fixed = own( geometry.MakeValid() ); // LINEWORK, the older default
  return polygonalPart( fixed.get() );
}

OGRGeometryUniquePtr snapToGrid( const OGRGeometry &geometry, double gridSize )
{
  if ( gridSize <= 0.0 || geometry.IsEmpty() )
    return OGRGeometryUniquePtr( geometry.clone() );
  const GeosContext context;
  OGRGeometryUniquePtr out;
  if ( const GeosGeometryPtr g = ownGeos( context, geometry.exportToGEOS( context.handle() ) ) )
    if ( const GeosGeometryPtr r = ownGeos( context, GEOSGeom_setPrecision_r( context.handle(), g.get(), gridSize, 0 ) ) )
      out.reset( OGRGeometryFactory::createFromGEOS( context.handle(), r.get() ) );
  if ( !out )
    return OGRGeometryUniquePtr( geometry.clone() );
  return out;
}

OGRGeometryUniquePtr fillHoles( const OGRGeometry &geometry, double maxHoleArea )
{
  auto out = std::make_unique<OGRMultiPolygon>();
  OGRGeometryUniquePtr polys = polygonalPart( &geometry );
  const OGRMultiPolygon *mp = polys->toMultiPolygon();
  for ( int i = 0; i < mp->getNumGeometries(); ++i )
  {
    const OGRPolygon *p = mp->getGeometryRef( i );
    OGRPolygon q;
    q.addRingDirectly( p->getExteriorRing()->clone() );
    for ( int r = 0; maxHoleArea > 0.0 && r < p->getNumInteriorRings(); ++r )
    {
      const OGRLinearRing *hole = p->getInteriorRing( r );
      if ( std::fabs( hole->get_Area() ) >= maxHoleArea )
        q.addRingDirectly( hole->clone() );
    }
    out->addGeometry( &q );
  }
  if ( maxHoleArea <= 0.0 && out->getNumGeometries() > 1 )
  {
    // A filled shell can cover another part (an island in a lake): dissolve.
    return polygonalPart( own( out->UnionCascaded() ).get() );
  }
  return OGRGeometryUniquePtr( out.release() );
}

namespace
{

//! Unit indexes by code (stable: equal codes keep their input order); lower codes win overlaps.
std::vector<size_t> codeOrder( const std::vector<CoverageUnit> &input )
{
  std::vector<size_t> order( input.size() );
  std::iota( order.begin(), order.end(), 0 );
  std::stable_sort( order.begin(), order.end(), [&]( size_t a, size_t b ) { return input[a].code < input[b].code; } );
  return order;
}

//! Rule 1: each unit's polygons, repaired when invalid.
std::vector<OGRGeometryUniquePtr> repairUnits( const std::vector<CoverageUnit> &input, CoverageReport &report )
{
  const size_t n = input.size();
  std::vector<OGRGeometryUniquePtr> repaired( n );
  for ( size_t i = 0; i < n; ++i )
  {
    const OGRGeometry *g = input[i].geometry.get();
    if ( !g )
    {
      repaired[i] = emptyMulti();
      continue;
    }
    if ( !g->IsValid() )
    {
      ++report.repaired;
      repaired[i] = repairPolygonal( *g );
      report.repairedAreaChange += std::fabs( areaOf( repaired[i].get() ) - areaOf( g ) );
    }
    else
    {
      repaired[i] = polygonalPart( g );
    }
  }
  return repaired;
}

/**
 * Rule 2: overlaps go to the lowest code. Each unit loses the union of the
 * already cleaned lower-coded units whose envelopes reach it. Fills \a cleaned
 * and their \a envelopes (both sized like \a repaired).
 */
void resolveOverlaps( const std::vector<OGRGeometryUniquePtr> &repaired, const std::vector<size_t> &order, const CoverageOptions &options,
                      std::vector<OGRGeometryUniquePtr> &cleaned, std::vector<OGREnvelope> &envelopes, CoverageReport &report )
{
  const size_t n = repaired.size();
  for ( size_t k = 0; k < n; ++k )
  {
    const size_t i = order[k];
    const OGREnvelope env = envelopeOf( *repaired[i] );
    std::vector<const OGRGeometry *> lower;
    for ( size_t j = 0; j < k; ++j )
    {
      const size_t o = order[j];
      if ( !cleaned[o]->IsEmpty() && envelopes[o].Intersects( env ) )
        lower.push_back( cleaned[o].get() );
    }
    if ( lower.empty() || repaired[i]->IsEmpty() )
    {
      cleaned[i] = OGRGeometryUniquePtr( repaired[i]->clone() );
    }
    else
    {
      OGRGeometryUniquePtr taken = unionAll( lower );
      cleaned[i] = polygonalPart( own( repaired[i]->Difference( taken.get() ) ).get() );
      const double lost = areaOf( repaired[i].get() ) - areaOf( cleaned[i].get() );
      if ( lost > options.minSliverArea )
      {
        report.overlapArea += lost;
        ++report.overlapUnits;
      }
    }
    envelopes[i] = envelopeOf( *cleaned[i] );
  }
}

//! The gaps: the outline (the units' union with its holes filled) minus the units' union.
OGRGeometryUniquePtr gapsOf( const std::vector<OGRGeometryUniquePtr> &cleaned )
{
  std::vector<const OGRGeometry *> all;
  for ( const auto &g : cleaned )
    all.push_back( g.get() );
  OGRGeometryUniquePtr coverageUnion = unionAll( all );
  OGRGeometryUniquePtr outline = fillHoles( *coverageUnion );
  return polygonalPart( own( outline->Difference( coverageUnion.get() ) ).get() );
}

/**
 * A hole with some point farther than maxGapDistance from every unit is no
 * sliver but a real hole (an enclave of another province, such as Henan's
 * 范县 seat inside 莘县): it is reported and left out whole. The hole's
 * boundary is all unit edges, so "farther from every unit" is "survives an
 * inward buffer".
 */
bool leaveRealHole( const OGRPolygon &part, double partArea, const CoverageOptions &options, CoverageReport &report )
{
  OGRGeometryUniquePtr core = own( part.Buffer( -options.maxGapDistance, options.quadrantSegments ) );
  if ( !( core && !core->IsEmpty() && areaOf( core.get() ) > 0.0 ) )
    return false;
  ++report.gapPartsLeft;
  report.gapAreaLeft += partArea;
  OGRPoint c;
  part.Centroid( &c );
  report.gapsLeftAt.push_back( c );
  char buf[200];
  std::snprintf( buf, sizeof buf, "hole of %.1f m² reaching farther than %.0f m from every unit, near (%.1f, %.1f): a real hole, left out whole",
                 partArea, options.maxGapDistance, c.getX(), c.getY() );
  report.messages.push_back( buf );
  return true;
}

/**
 * Rule 3 for one gap part: rings of growing distance around the candidate
 * units (in code order) claim what they reach into \a claims. Returns what
 * is left of the part.
 */
OGRGeometryUniquePtr claimGap( const OGRPolygon &part, const std::vector<size_t> &order, const std::vector<OGRGeometryUniquePtr> &cleaned,
                               const std::vector<OGREnvelope> &envelopes, const CoverageOptions &options,
                               std::vector<std::vector<OGRGeometryUniquePtr>> &claims, CoverageReport &report )
{
  const size_t n = cleaned.size();
  const OGREnvelope partEnv = envelopeOf( part );
  const OGREnvelope reach = grown( partEnv, options.maxGapDistance );
  std::vector<size_t> candidates; // in code order
  for ( size_t k = 0; k < n; ++k )
    if ( envelopes[order[k]].Intersects( reach ) )
      candidates.push_back( order[k] );

  OGRGeometryUniquePtr remaining( part.clone() );
  const int steps = static_cast<int>( std::ceil( options.maxGapDistance / options.ringStep - 1e-9 ) );
  for ( int s = 1; s <= steps && areaOf( remaining.get() ) >= options.minSliverArea; ++s )
  {
    const double d = std::min( s * options.ringStep, options.maxGapDistance );
    for ( size_t i : candidates )
    {
      if ( remaining->IsEmpty() )
        break;
      // Only the part of the unit near the gap matters: clip before buffering.
      const OGRPolygon clip = rectangle( grown( envelopeOf( *remaining ), d * 1.01 + 1.0 ) );
      if ( !envelopes[i].Intersects( envelopeOf( clip ) ) )
        continue;
      OGRGeometryUniquePtr near = own( cleaned[i]->Intersection( &clip ) );
      if ( !near || near->IsEmpty() )
        continue;
      OGRGeometryUniquePtr ring = own( near->Buffer( d, options.quadrantSegments ) );
      if ( !ring || ring->IsEmpty() )
        continue;
      OGRGeometryUniquePtr claim = polygonalPart( own( remaining->Intersection( ring.get() ) ).get() );
      if ( claim->IsEmpty() )
        continue;
      remaining = polygonalPart( own( remaining->Difference( claim.get() ) ).get() );
      report.gapAreaFilled += areaOf( claim.get() );
      claims[i].push_back( std::move( claim ) );
    }
  }
  return remaining;
}

//! Reports what no unit reached of a gap part (\a left m², at its largest part) as left out.
void reportGapLeft( const OGRGeometry &remaining, double left, const CoverageOptions &options, CoverageReport &report )
{
  ++report.gapPartsLeft;
  report.gapAreaLeft += left;
  OGRPoint c;
  // The largest part of what is left.
  const OGRMultiPolygon *leftParts = remaining.toMultiPolygon();
  const OGRPolygon *largest = leftParts->getGeometryRef( 0 );
  for ( int k = 1; k < leftParts->getNumGeometries(); ++k )
    if ( leftParts->getGeometryRef( k )->get_Area() > largest->get_Area() )
      largest = leftParts->getGeometryRef( k );
  largest->Centroid( &c );
  report.gapsLeftAt.push_back( c );
  char buf[160];
  std::snprintf( buf, sizeof buf, "gap of %.1f m² farther than %.0f m from every unit, near (%.1f, %.1f): left out", left,
                 options.maxGapDistance, c.getX(), c.getY() );
  report.messages.push_back( buf );
}

//! Rule 3: gaps inside the outline go to the nearest unit within reach; returns each unit's claims.
std::vector<std::vector<OGRGeometryUniquePtr>> fillGaps( const std::vector<size_t> &order, const std::vector<OGRGeometryUniquePtr> &cleaned,
                                                          const std::vector<OGREnvelope> &envelopes, const CoverageOptions &options,
                                                          CoverageReport &report )
{
  OGRGeometryUniquePtr gaps = gapsOf( cleaned );
  std::vector<std::vector<OGRGeometryUniquePtr>> claims( cleaned.size() );
  const OGRMultiPolygon *gapParts = gaps->toMultiPolygon();
  for ( int gi = 0; gi < gapParts->getNumGeometries(); ++gi )
  {
    const OGRPolygon *part = gapParts->getGeometryRef( gi );
    const double partArea = part->get_Area();
    if ( partArea < options.minSliverArea )
    {
      report.sliverAreaDropped += partArea;
      continue;
    }
    ++report.gapParts;
    report.gapArea += partArea;
    if ( leaveRealHole( *part, partArea, options, report ) )
      continue;
    const OGRGeometryUniquePtr remaining = claimGap( *part, order, cleaned, envelopes, options, claims, report );
    const double left = areaOf( remaining.get() );
    if ( left >= options.minSliverArea )
      reportGapLeft( *remaining, left, options, report );
    else
      report.sliverAreaDropped += left;
  }
  return claims;
}

//! A unit with its claims merged, snapped, and its noise parts and holes dropped.
OGRGeometryUniquePtr finishUnit( OGRGeometryUniquePtr g, const std::vector<OGRGeometryUniquePtr> &claims, const CoverageOptions &options,
                                 CoverageReport &report )
{
  if ( !claims.empty() )
  {
    std::vector<const OGRGeometry *> parts { g.get() };
    for ( const auto &c : claims )
      parts.push_back( c.get() );
    g = unionAll( parts );
  }
  double dropped = 0.0;
  g = polygonalPart( snapToGrid( *g, options.gridSize ).get() );
  g = polygonsOf( g.get(), options.minSliverArea, dropped );
  const double before = areaOf( g.get() );
  g = fillHoles( *g, options.minSliverArea );
  dropped += areaOf( g.get() ) - before; // holes filled count as noise too
  report.sliverAreaDropped += dropped;
  g = ensureValid( std::move( g ) );
  return g;
}

//! The union of the finished units, so units and outline always agree.
OGRGeometryUniquePtr outlineOf( const std::vector<OGRGeometryUniquePtr> &units, const CoverageOptions &options )
{
  std::vector<const OGRGeometry *> finalParts;
  for ( const auto &g : units )
    finalParts.push_back( g.get() );
  OGRGeometryUniquePtr outline = unionAll( finalParts );
  outline = polygonalPart( snapToGrid( *outline, options.gridSize ).get() );
  return ensureValid( fillHoles( *outline, options.minSliverArea ) );
}

} // namespace

CoverageResult cleanCoverage( std::vector<CoverageUnit> input, const CoverageOptions &options )
{
  CoverageResult result;
  CoverageReport &report = result.report;
  const size_t n = input.size();
  report.units = static_cast<int>( n );

  const std::vector<size_t> order = codeOrder( input );
  const std::vector<OGRGeometryUniquePtr> repaired = repairUnits( input, report );
  std::vector<OGRGeometryUniquePtr> cleaned( n );
  std::vector<OGREnvelope> envelopes( n );
  resolveOverlaps( repaired, order, options, cleaned, envelopes, report );
  const std::vector<std::vector<OGRGeometryUniquePtr>> claims = fillGaps( order, cleaned, envelopes, options, report );

  result.units.resize( n );
  for ( size_t i = 0; i < n; ++i )
  {
    result.units[i] = finishUnit( std::move( cleaned[i] ), claims[i], options, report );
    if ( result.units[i]->IsEmpty() )
      report.messages.push_back( "unit " + input[i].code + " is empty after cleaning" );
  }
  result.outline = outlineOf( result.units, options );

  if ( report.repaired )
    report.messages.push_back( std::to_string( report.repaired ) + " invalid units repaired (area change " +
                               formatArea( report.repairedAreaChange ) + ")" );
  return result;
}

} // namespace htsplan
