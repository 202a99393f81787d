#include "report/compute_analyses.h"

#include "geometry/polygon_index.h"
#include "analysis/coverage/coverage.h"
#include "geometry/crs.h"
#include "analysis/pattern/dbscan.h"
#include "analysis/density/hexgrid.h"
#include "analysis/density/kde.h"
#include "analysis/pattern/nearest_neighbour.h"
#include "layers/problems.h"
#include "analysis/parallel.h"

#include <qgsfeedback.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace htsplan
{

namespace
{

class Stopwatch
{
  public:
    double lap()
    {
      const auto now = std::chrono::steady_clock::now();
      const double s = std::chrono::duration<double>( now - mStart ).count();
      mStart = now;
      return s;
    }

  private:
    std::chrono::steady_clock::time_point mStart = std::chrono::steady_clock::now();
};

//! Lon/lat to the analysis CRS in place, in chunks over the worker threads
//! (each thread its own PROJ transform: they are not thread-safe).
void toAnalysisCrs( std::vector<double> &xs, std::vector<double> &ys )
{
  const size_t n = xs.size();
  const int threads = static_cast<int>( std::min<size_t>( workerThreads(), std::max<size_t>( 1, n / 100000 ) ) );
  std::vector<int> failed( threads, 0 );
  parallelFor( static_cast<size_t>( threads ), threads, nullptr, [&]( size_t t ) {
    const TransformPtr transform = makeTransform( cgcs2000(), analysisCrs() );
    const size_t begin = n * t / threads, end = n * ( t + 1 ) / threads;
    if ( !transform || !transform->Transform( end - begin, xs.data() + begin, ys.data() + begin ) )
      failed[t] = 1;
  } );
  if ( std::count( failed.begin(), failed.end(), 1 ) )
    throw std::runtime_error( "cannot project the facilities to the analysis CRS" );
}

void fromAnalysisCrs( double &x, double &y )
{
  const TransformPtr transform = makeTransform( analysisCrs(), cgcs2000() );
  if ( transform )
    transform->Transform( 1, &x, &y );
}

} // namespace

Analyses computeAnalyses( const PlanningInputs &inputs, const Metrics &metrics, const AnalysisOptions &options, KdeGrid *density,
                          QgsFeedback *feedback )
{
  const AdminData &admin = inputs.admin;
  const FacilitySet &facilities = inputs.facilities;
  const Targets &targets = inputs.targets;
  Analyses a;
  Stopwatch watch;
  // Every facility placed in the province, in the facilities' order.
  std::vector<double> xs, ys;
  std::vector<int> sector, county;
  for ( size_t i = 0; i < facilities.items.size(); ++i )
  {
    if ( metrics.facilityCounty[i] < 0 )
      continue;
    xs.push_back( facilities.items[i].x );
    ys.push_back( facilities.items[i].y );
    sector.push_back( facilities.items[i].sector );
    county.push_back( metrics.facilityCounty[i] );
  }
  a.points = static_cast<long long>( xs.size() );
  if ( xs.size() < 2 )
    return a; // nothing to analyse: the report's other figures still stand
  toAnalysisCrs( xs, ys );
  a.seconds.push_back( { "project", watch.lap() } );
  throwIfCanceled( feedback );

  // Kernel density.
  {
    KdeParameters p;
    p.radius = options.kdeRadiusM;
    p.pixelSize = options.kdePixelM;
    const KdeExtent extent = pointsExtent( xs, ys );
    KdeGrid grid = kernelDensity( xs, ys, {}, extent, p, workerThreads(), nullptr );
    size_t best = 0;
    for ( size_t i = 1; i < grid.values.size(); ++i )
      if ( grid.values[i] > grid.values[best] )
        best = i;
    KdeSummary &k = a.kde;
    k.radiusM = p.radius;
    k.pixelM = p.pixelSize;
    k.rows = grid.rows;
    k.cols = grid.cols;
    k.maxValue = grid.values.empty() ? 0.0 : grid.values[best];
    double px = grid.geoTransform[0] + ( best % grid.cols + 0.5 ) * grid.geoTransform[1];
    double py = grid.geoTransform[3] + ( best / grid.cols + 0.5 ) * grid.geoTransform[5];
    fromAnalysisCrs( px, py );
    k.peakLon = px;
    k.peakLat = py;
    std::vector<const OGRGeometry *> shapes;
    for ( const AdminUnit &c : admin.counties )
      shapes.push_back( c.geometry.get() );
    const int where = PolygonIndex( shapes ).locate( px, py );
    k.peakCounty = where >= 0 ? admin.counties[where].nameZh : std::string();
    k.file = "kde.tif";
    if ( density )
      *density = std::move( grid );
  }
  a.seconds.push_back( { "kde", watch.lap() } );
  throwIfCanceled( feedback );

  // Hexagon grid.
  {
    const KdeExtent box = pointsExtent( xs, ys );
    const HexGrid grid = HexGrid::covering( box.xMin, box.yMin, box.xMax, box.yMax, options.hexCellM );
    const HexCounts counts = hexGridCounts( grid, xs, ys, {}, 0, workerThreads(), nullptr );
    HexSummary &h = a.hex;
    h.cellM = options.hexCellM;
    h.cells = static_cast<long long>( counts.cells.size() );
    for ( const HexCell &cell : counts.cells )
      if ( cell.count > h.maxCount )
      {
        h.maxCount = cell.count;
        h.maxLon = cell.centreX;
        h.maxLat = cell.centreY;
      }
    fromAnalysisCrs( h.maxLon, h.maxLat );
  }
  a.seconds.push_back( { "hex_density", watch.lap() } );
  throwIfCanceled( feedback );

  // Nearest-neighbour index over the province.
  {
    const NearestNeighbourStatistics s = nearestNeighbourIndex( xs, ys, admin.provinceAreaKm2 * 1e6, nullptr, workerThreads() );
    NniSummary &n = a.nni;
    n.studyArea = "province";
    n.areaKm2 = admin.provinceAreaKm2;
    n.points = s.pointCount;
    n.observedM = s.observedMeanDistanceM;
    n.expectedM = s.expectedMeanDistanceM;
    n.index = s.index;
    n.zScore = s.zScore;
    n.pValue = s.pValue;
    n.pattern = s.zScore < -1.96 ? "clustered" : s.zScore > 1.96 ? "dispersed" : "random";
  }
  a.seconds.push_back( { "nni", watch.lap() } );
  throwIfCanceled( feedback );

  // DBSCAN clusters, the largest ten described.
  {
    const DbscanResult result = dbscan( xs, ys, options.dbscanEpsM, options.dbscanMinSize, false, nullptr, workerThreads() );
    DbscanSummary &d = a.dbscan;
    d.epsM = options.dbscanEpsM;
    d.minSize = options.dbscanMinSize;
    d.clusters = result.clusterCount;
    for ( int id : result.clusterIds )
      ( id > 0 ? d.clustered : d.noise ) += 1;
    std::vector<int> order( result.clusterCount );
    for ( int i = 0; i < result.clusterCount; ++i )
      order[i] = i;
    std::stable_sort( order.begin(), order.end(), [&]( int l, int r ) { return result.clusterSizes[l] > result.clusterSizes[r]; } );
    order.resize( std::min<size_t>( order.size(), 10 ) );
    // Summaries only for the largest: members gathered per chosen cluster.
    std::vector<int> chosen( result.clusterCount + 1, -1 );
    for ( size_t k = 0; k < order.size(); ++k )
      chosen[order[k] + 1] = static_cast<int>( k );
    std::vector<double> cx, cy;
    std::vector<int> cs;
    DbscanResult subset;
    subset.clusterCount = static_cast<int>( order.size() );
    for ( size_t k = 0; k < order.size(); ++k )
      subset.clusterSizes.push_back( result.clusterSizes[order[k]] );
    for ( size_t i = 0; i < xs.size(); ++i )
    {
      const int k = chosen[result.clusterIds[i]];
      if ( result.clusterIds[i] == 0 || k < 0 )
        continue;
      cx.push_back( xs[i] );
      cy.push_back( ys[i] );
      cs.push_back( sector[i] );
      subset.clusterIds.push_back( k + 1 );
    }
    const std::vector<ClusterSummary> summaries = summarizeClusters( cx, cy, subset, cs, nullptr );
    std::vector<const OGRGeometry *> cityShapes;
    for ( const AdminUnit &c : admin.cities )
      cityShapes.push_back( c.geometry.get() );
    const PolygonIndex cityIndex( cityShapes );
    for ( size_t k = 0; k < summaries.size(); ++k )
    {
      const ClusterSummary &s = summaries[k];
      ClusterInfo info;
      info.id = order[k] + 1;
      info.size = s.pointCount;
      info.sector = s.dominantCategory >= 0 && s.dominantCategory < static_cast<int>( targets.sectors.size() ) ? targets.sectors[s.dominantCategory].code : "unknown";
      info.hullAreaKm2 = s.hullArea / 1e6;
      double mx = 0, my = 0;
      for ( size_t v = 0; v < s.hullXs.size(); ++v )
      {
        mx += s.hullXs[v];
        my += s.hullYs[v];
      }
      mx /= std::max<size_t>( 1, s.hullXs.size() );
      my /= std::max<size_t>( 1, s.hullYs.size() );
      fromAnalysisCrs( mx, my );
      info.centreLon = mx;
      info.centreLat = my;
      const int city = cityIndex.locate( mx, my );
      info.city = city >= 0 ? admin.cities[city].nameZh : std::string();
      d.largest.push_back( info );
    }
  }
  a.seconds.push_back( { "dbscan", watch.lap() } );
  throwIfCanceled( feedback );

  // Coverage of the province's cities and counties by counted bases and parks.
  {
    const TransformPtr toArea = makeTransform( cgcs2000(), analysisCrs() );
    auto projected = [&]( const std::vector<AdminUnit> &units, std::vector<OGRGeometryUniquePtr> &owned ) {
      std::vector<CoverageUnitInput> unitInputs;
      for ( const AdminUnit &u : units )
      {
        OGRGeometryUniquePtr g( u.geometry->clone() );
        g->transform( toArea.get() );
        CoverageUnitInput input;
        input.geometry = g.get();
        if ( u.population )
          input.population = *u.population;
        unitInputs.push_back( input );
        owned.push_back( std::move( g ) );
      }
      return unitInputs;
    };
    std::vector<OGRGeometryUniquePtr> cityOwned, countyOwned;
    const std::vector<CoverageUnitInput> cityInputs = projected( admin.cities, cityOwned );
    std::vector<CoverageUnitInput> countyInputs = projected( admin.counties, countyOwned );
    for ( CoverageUnitInput &c : countyInputs )
      c.population = std::numeric_limits<double>::quiet_NaN(); // counties carry no population figure
    a.coverageRadiusM = metrics.coverage.radiusKm * 1000.0;
    for ( Kind kind : { Kind::Base, Kind::Park } )
    {
      std::vector<OGRGeometryUniquePtr> owned;
      std::vector<const OGRGeometry *> carriers;
      for ( size_t i = 0; i < facilities.items.size(); ++i )
      {
        const Facility &f = facilities.items[i];
        if ( f.kind != kind || metrics.facilityCounty[i] < 0 || !countsTowardTarget( f, targets, metrics.evaluationYear ) )
          continue;
        OGRGeometryUniquePtr g( f.geometry ? f.geometry->clone() : new OGRPoint( f.x, f.y ) );
        g->transform( toArea.get() );
        carriers.push_back( g.get() );
        owned.push_back( std::move( g ) );
      }
      CoverageParameters p;
      p.radiusM = a.coverageRadiusM;
      p.threads = workerThreads();
      CoverageKind c;
      c.kind = kindKey( kind );
      c.carriers = static_cast<long long>( carriers.size() );
      p.dissolveUncovered = false;
      const CoverageSummary cities = unitCoverage( carriers, cityInputs, p, nullptr );
      const CoverageSummary counties = unitCoverage( carriers, countyInputs, p, nullptr );
      c.areaShare = cities.areaShare;
      c.populationShare = std::isnan( cities.populationShare ) ? 0.0 : cities.populationShare;
      c.citiesReached = cities.unitsReached;
      c.citiesCovered = cities.unitsCovered;
      c.countiesReached = counties.unitsReached;
      c.countiesCovered = counties.unitsCovered;
      c.uncoveredKm2 = ( cities.areaM2 - cities.coveredM2 ) / 1e6;
      a.coverage.push_back( c );
    }
  }
  a.seconds.push_back( { "coverage", watch.lap() } );

  a.computed = true;
  return a;
}

} // namespace htsplan
