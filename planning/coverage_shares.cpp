#include "planning/coverage_shares.h"

#include "layers/parallel.h"
#include "geometry/reproject.h"

#include <cmath>
#include <stdexcept>

namespace htsplan
{

CoverageMeter::CoverageMeter( const AdminData &admin, double radiusM, bool reuseUnitResults )
  : mRadiusM( radiusM )
{
  if ( reuseUnitResults )
  {
    mCityResults = std::make_unique<UnitCoverageCache>( admin.cities.size() );
    mCountyResults = std::make_unique<UnitCoverageCache>( admin.counties.size() );
  }
  const TransformPtr toArea = storageToAnalysis();
  auto project = [&]( const std::vector<AdminUnit> &units, std::vector<CoverageUnitInput> &inputs, bool withPopulation ) {
    for ( const AdminUnit &u : units )
    {
      mShapes.push_back( projectedCopy( *u.geometry, *toArea ) );
      CoverageUnitInput input;
      input.geometry = mShapes.back().get();
      if ( withPopulation && u.population )
        input.population = *u.population;
      inputs.push_back( input );
    }
  };
  project( admin.cities, mCities, true );
  project( admin.counties, mCounties, false ); // counties carry no population figure
}

size_t CoverageMeter::reusedUnits() const
{
  return ( mCityResults ? mCityResults->hits() : 0 ) + ( mCountyResults ? mCountyResults->hits() : 0 );
}

CoverageKind CoverageMeter::measure( Kind kind, const std::vector<const Facility *> &carriers ) const
{
  const TransformPtr toArea = storageToAnalysis();
  std::vector<OGRGeometryUniquePtr> owned;
  std::vector<const OGRGeometry *> shapes;
  for ( const Facility *f : carriers )
  {
    if ( f->kind != kind )
      continue;
    const OGRPoint location( f->x, f->y );
    owned.push_back( projectedCopy( f->geometry ? *f->geometry : static_cast<const OGRGeometry &>( location ), *toArea ) );
    shapes.push_back( owned.back().get() );
  }
  CoverageParameters p;
  p.radiusM = mRadiusM;
  p.threads = workerThreads();
  p.dissolveUncovered = false;
  // One buffer union for both the cities and the counties.
  const OGRGeometryUniquePtr buffers = bufferUnion( shapes, p.radiusM, nullptr, p.quadrantSegments );
  const CoverageSummary cities = unitCoverageOfUnion( buffers.get(), mCities, p, nullptr, mCityResults.get() );
  const CoverageSummary counties = unitCoverageOfUnion( buffers.get(), mCounties, p, nullptr, mCountyResults.get() );
  CoverageKind c;
  c.kind = kindKey( kind );
  c.carriers = static_cast<long long>( shapes.size() );
  c.areaShare = cities.areaShare;
  c.populationShare = std::isnan( cities.populationShare ) ? 0.0 : cities.populationShare;
  c.citiesReached = cities.unitsReached;
  c.citiesCovered = cities.unitsCovered;
  c.countiesReached = counties.unitsReached;
  c.countiesCovered = counties.unitsCovered;
  c.uncoveredKm2 = ( cities.areaM2 - cities.coveredM2 ) / 1e6;
  for ( const UnitCoverage &u : cities.units )
    c.cityShares.push_back( u.areaShare );
  for ( const UnitCoverage &u : counties.units )
    c.countyShares.push_back( u.areaShare );
  return c;
}

} // namespace htsplan
