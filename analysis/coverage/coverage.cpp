#include "analysis/coverage/coverage.h"

#include "geometry/partition_clean.h"

#include "layers/problems.h"
#include "layers/parallel.h"

#include <qgsfeedback.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <cmath>
#include <string>

namespace htsplan
{

OGRGeometryUniquePtr bufferUnion( const std::vector<const OGRGeometry *> &geometries, double radiusM, QgsFeedback *feedback,
                                  int quadrantSegments )
{
  OGRMultiPolygon buffers;
  for ( const OGRGeometry *g : geometries )
  {
    if ( feedback && feedback->isCanceled() )
      return nullptr;
    if ( !g || g->IsEmpty() )
      continue;
    OGRGeometryUniquePtr buffer( g->Buffer( radiusM, quadrantSegments ) );
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

namespace
{
//! A polygon of the buffer union with its bounding box.
struct Part
{
    const OGRPolygon *polygon;
    OGREnvelope envelope;
};

void measureNear( const OGRGeometry &unit, const OGRMultiPolygon &near, UnitCoverage &result, char &failed );

//! Covered area and uncovered part of one unit, from the union's polygons near it (or as kept in cache for the same polygons).
void measureUnit( const OGRGeometry &unit, const std::vector<Part> &parts, UnitCoverage &result, char &failed, size_t index, UnitCoverageCache *cache )
{
  OGREnvelope box;
  unit.getEnvelope( &box );
  // The union's polygons are disjoint, so any subset is a valid MultiPolygon.
  OGRMultiPolygon near;
  for ( const Part &part : parts )
    if ( part.envelope.Intersects( box ) )
      near.addGeometry( part.polygon );
  std::string nearBytes;
  if ( cache )
  {
    nearBytes.resize( near.WkbSize() );
    near.exportToWkb( wkbNDR, reinterpret_cast<unsigned char *>( nearBytes.data() ), wkbVariantIso );
    if ( cache->find( index, nearBytes, result ) )
      return;
  }
  measureNear( unit, near, result, failed );
  if ( cache && !failed )
    cache->keep( index, std::move( nearBytes ), result );
}

void measureNear( const OGRGeometry &unit, const OGRMultiPolygon &near, UnitCoverage &result, char &failed )
{
  if ( near.IsEmpty() )
  {
    result.uncovered = polygonalPart( &unit );
    return;
  }
  // One overlay per unit: the covered area is what the difference leaves out.
  OGRGeometryUniquePtr outside( unit.Difference( &near ) );
  if ( !outside )
  {
    failed = 1;
    result.uncovered = polygonalPart( nullptr );
    return;
  }
  result.uncovered = polygonalPart( outside.get() );
  result.coveredM2 = std::clamp( result.areaM2 - areaOf( result.uncovered.get() ), 0.0, result.areaM2 );
  // A unit the buffers miss comes back with its vertices reordered: its area
  // may differ in the last bits, which must not count as "reached".
  if ( result.coveredM2 < 1e-9 * result.areaM2 )
    result.coveredM2 = 0;
}

//! The parameters and units every measuring needs; InputError otherwise.
void checkCoverageInput( const std::vector<CoverageUnitInput> &units, const CoverageParameters &parameters )
{
  // Zero is refused: point carriers would cover nothing, and a planner asking
  // for "within 0 km" has most likely left the field empty.
  if ( !std::isfinite( parameters.radiusM ) || parameters.radiusM <= 0 )
    throw InputError( "coverage radius must be a positive number of metres (got " + formatNumber( parameters.radiusM ) + " m)" );
  if ( parameters.quadrantSegments < 1 )
    throw InputError( "coverage: buffer segments per quarter circle must be at least 1 (got " + std::to_string( parameters.quadrantSegments ) + ")" );
  if ( units.empty() )
    throw InputError( "coverage: there are no units (counties or cities) to measure coverage in" );
}
} // namespace

CoverageSummary unitCoverage( const std::vector<const OGRGeometry *> &carriers, const std::vector<CoverageUnitInput> &units,
                              const CoverageParameters &parameters, QgsFeedback *feedback )
{
  checkCoverageInput( units, parameters );
  if ( feedback )
    feedback->setProgress( 0 );
  OGRGeometryUniquePtr buffers = bufferUnion( carriers, parameters.radiusM, feedback, parameters.quadrantSegments );
  throwIfCanceled( feedback );
  CoverageSummary summary = unitCoverageOfUnion( buffers.get(), units, parameters, feedback );
  summary.buffers = std::move( buffers );
  return summary;
}

struct UnitCoverageCache::Entry
{
    std::string near;
    double coveredM2 = 0;
    OGRGeometryUniquePtr uncovered;
};

struct UnitCoverageCache::Slots
{
    explicit Slots( size_t units )
      : entries( units ), locks( units )
    {}
    std::vector<std::vector<Entry>> entries;
    mutable std::vector<std::mutex> locks;
    std::atomic<size_t> hits{ 0 };
};

UnitCoverageCache::UnitCoverageCache( size_t units )
  : mSlots( std::make_unique<Slots>( units ) )
{}

UnitCoverageCache::~UnitCoverageCache() = default;

bool UnitCoverageCache::find( size_t unit, const std::string &near, UnitCoverage &result ) const
{
  const std::lock_guard<std::mutex> lock( mSlots->locks[unit] );
  for ( const Entry &e : mSlots->entries[unit] )
    if ( e.near == near )
    {
      result.coveredM2 = e.coveredM2;
      result.uncovered.reset( e.uncovered ? e.uncovered->clone() : nullptr );
      ++mSlots->hits;
      return true;
    }
  return false;
}

void UnitCoverageCache::keep( size_t unit, std::string near, const UnitCoverage &result )
{
  Entry e{ std::move( near ), result.coveredM2, OGRGeometryUniquePtr( result.uncovered ? result.uncovered->clone() : nullptr ) };
  const std::lock_guard<std::mutex> lock( mSlots->locks[unit] );
  mSlots->entries[unit].push_back( std::move( e ) );
}

size_t UnitCoverageCache::hits() const { return mSlots->hits; }

CoverageSummary unitCoverageOfUnion( const OGRGeometry *buffers, const std::vector<CoverageUnitInput> &units, const CoverageParameters &parameters,
                                     QgsFeedback *feedback, UnitCoverageCache *cache )
{
  checkCoverageInput( units, parameters );
  CoverageSummary summary;
  summary.units.resize( units.size() );
  for ( size_t i = 0; i < units.size(); ++i )
  {
    if ( !units[i].geometry || units[i].geometry->IsEmpty() )
      throw InputError( "coverage: unit " + std::to_string( i ) + " has no geometry" );
    summary.units[i].areaM2 = areaOf( units[i].geometry );
    if ( !( summary.units[i].areaM2 > 0 ) )
      throw InputError( "coverage: unit " + std::to_string( i ) + " has zero area" );
  }

  if ( feedback )
    feedback->setProgress( 40 );

  // The union's polygons with their boxes: a unit is intersected only with the
  // polygons near it, not with the whole province's coverage.
  std::vector<Part> parts;
  if ( buffers )
  {
    auto add = [&]( const OGRPolygon *p ) {
      Part part{ p, {} };
      p->getEnvelope( &part.envelope );
      parts.push_back( part );
    };
    const OGRwkbGeometryType type = wkbFlatten( buffers->getGeometryType() );
    if ( type == wkbPolygon )
      add( buffers->toPolygon() );
    else if ( type == wkbMultiPolygon )
      for ( const OGRPolygon *p : *buffers->toMultiPolygon() )
        add( p );
  }

  // Units are independent: threads take them one at a time, each computed the
  // same way whatever the thread count; the totals are summed in input order.
  std::vector<char> failed( units.size(), 0 );
  parallelFor(
    units.size(), parameters.threads, feedback, [&]( size_t i ) { measureUnit( *units[i].geometry, parts, summary.units[i], failed[i], i, cache ); },
    { 40, 85 } );

  for ( size_t i = 0; i < units.size(); ++i )
  {
    if ( failed[i] )
      throw InputError( "coverage: unit " + std::to_string( i ) + ": GEOS could not intersect it with the buffers (invalid geometry?)" );
    UnitCoverage &result = summary.units[i];
    result.areaShare = result.coveredM2 / result.areaM2;
    result.reached = result.coveredM2 > 0;
    result.covered = result.areaShare >= parameters.coveredShare;
    summary.areaM2 += result.areaM2;
    summary.coveredM2 += result.coveredM2;
    summary.unitsReached += result.reached;
    summary.unitsCovered += result.covered;
    if ( std::isfinite( units[i].population ) && units[i].population >= 0 )
    {
      result.coveredPopulation = units[i].population * result.areaShare;
      summary.population += units[i].population;
      summary.coveredPopulation += result.coveredPopulation;
    }
    else
    {
      ++summary.unitsWithoutPopulation;
    }
  }
  summary.areaShare = summary.coveredM2 / summary.areaM2;
  if ( summary.unitsWithoutPopulation < static_cast<int>( units.size() ) && summary.population > 0 )
    summary.populationShare = summary.coveredPopulation / summary.population;

  if ( parameters.dissolveUncovered )
  {
    // Two halves by input order, each dissolved (in parallel when allowed),
    // then joined: the same operations whatever the thread count.
    auto dissolve = [&summary]( size_t from, size_t to, OGRGeometryUniquePtr &out ) {
      OGRMultiPolygon pieces;
      for ( size_t i = from; i < to; ++i )
        for ( const OGRPolygon *p : *summary.units[i].uncovered->toMultiPolygon() )
          pieces.addGeometry( p );
      out = pieces.IsEmpty() ? polygonalPart( nullptr ) : polygonalPart( OGRGeometryUniquePtr( pieces.UnionCascaded() ).get() );
    };
    const size_t half = units.size() / 2;
    OGRGeometryUniquePtr first, second;
    parallelFor( 2, parameters.threads, nullptr, [&]( size_t part ) {
      if ( part == 0 )
        dissolve( 0, half, first );
      else
        dissolve( half, units.size(), second );
    } );
    throwIfCanceled( feedback );
    if ( first->IsEmpty() )
      summary.uncovered = std::move( second );
    else if ( second->IsEmpty() )
      summary.uncovered = std::move( first );
    else
      summary.uncovered = polygonalPart( OGRGeometryUniquePtr( first->Union( second.get() ) ).get() );
    if ( !summary.uncovered )
      throw InputError( "coverage: GEOS could not dissolve the uncovered area (invalid unit geometries?)" );
  }
  if ( feedback )
    feedback->setProgress( 100 );
  return summary;
}

} // namespace htsplan
