#include "report/compute_analyses.h"

#include "geometry/polygon_index.h"
#include "geometry/reproject.h"
#include "analysis/pattern/dbscan.h"
#include "analysis/density/hexgrid.h"
#include "analysis/density/kde.h"
#include "analysis/pattern/nearest_neighbour.h"
#include "analysis/pattern/nni_verdict.h"
#include "layers/problems.h"
#include "layers/parallel.h"

#include <qgsfeedback.h>

#include <algorithm>
#include <chrono>
#include <cmath>

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

void fromAnalysisCrs( double &x, double &y )
{
  projectPoints( *analysisToStorage(), &x, &y, 1 );
}

//! Every facility placed in the province, in the facilities' order, in the analysis CRS.
struct PlacedPoints
{
    std::vector<double> xs, ys;
    std::vector<int> sector;
};

PlacedPoints placedFacilities( const FacilitySet &facilities, const Metrics &metrics )
{
  PlacedPoints points;
  for ( size_t i = 0; i < facilities.items.size(); ++i )
  {
    if ( metrics.facilityCounty[i] < 0 )
      continue;
    points.xs.push_back( facilities.items[i].x );
    points.ys.push_back( facilities.items[i].y );
    points.sector.push_back( facilities.items[i].sector );
  }
  return points;
}

//! A point of the analysis CRS in lon/lat, and the Chinese name of the unit (county or city) holding it.
struct Place
{
    double lon = 0, lat = 0;
    std::string unit; //!< empty outside every unit
};

Place placeOf( double x, double y, const std::vector<AdminUnit> &units )
{
  fromAnalysisCrs( x, y );
  std::vector<const OGRGeometry *> shapes;
  for ( const AdminUnit &u : units )
    shapes.push_back( u.geometry.get() );
  const int where = PolygonIndex( shapes ).locate( x, y );
  return { x, y, where >= 0 ? units[where].nameZh : std::string() };
}

//! Kernel density over the points' extent; the densest pixel and the county holding it. The raster goes to *density when given.
KdeSummary kdeSummary( const PlacedPoints &points, const AdminData &admin, const AnalysisOptions &options, KdeGrid *density )
{
  KdeParameters p;
  p.radius = options.kdeRadiusM;
  p.pixelSize = options.kdePixelM;
  const KdeExtent extent = pointsExtent( points.xs, points.ys );
  KdeGrid grid = kernelDensity( points.xs, points.ys, {}, extent, p, workerThreads(), nullptr );
  size_t best = 0;
  for ( size_t i = 1; i < grid.values.size(); ++i )
    if ( grid.values[i] > grid.values[best] )
      best = i;
  KdeSummary k;
  k.radiusM = p.radius;
  k.pixelM = p.pixelSize;
  k.rows = grid.rows;
  k.cols = grid.cols;
  k.maxValue = grid.values.empty() ? 0.0 : grid.values[best];
  const Place peak = placeOf( grid.geoTransform[0] + ( static_cast<double>( best % grid.cols ) + 0.5 ) * grid.geoTransform[1],
                              grid.geoTransform[3] + ( static_cast<double>( best / grid.cols ) + 0.5 ) * grid.geoTransform[5], admin.counties );
  k.peakLon = peak.lon;
  k.peakLat = peak.lat;
  k.peakCounty = peak.unit;
  k.file = "kde.tif";
  if ( density )
    *density = std::move( grid );
  return k;
}

//! Counts on a hexagon grid over the points' extent; the fullest cell.
HexSummary hexSummary( const PlacedPoints &points, const AnalysisOptions &options )
{
  const KdeExtent box = pointsExtent( points.xs, points.ys );
  const HexGrid grid = HexGrid::covering( box.xMin, box.yMin, box.xMax, box.yMax, options.hexCellM );
  const HexCounts counts = hexGridCounts( grid, points.xs, points.ys, {}, 0, workerThreads(), nullptr );
  HexSummary h;
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
  return h;
}

//! Nearest-neighbour index with the province as study area.
NniSummary nniSummary( const PlacedPoints &points, const AdminData &admin )
{
  const NearestNeighbourStatistics s = nearestNeighbourIndex( points.xs, points.ys, admin.provinceAreaKm2 * 1e6, nullptr, workerThreads() );
  NniSummary n;
  n.studyArea = "province";
  n.areaKm2 = admin.provinceAreaKm2;
  n.points = s.pointCount;
  n.observedM = s.observedMeanDistanceM;
  n.expectedM = s.expectedMeanDistanceM;
  n.index = s.index;
  n.zScore = s.zScore;
  n.pValue = s.pValue;
  n.pattern = nniPatternKey( nniPattern( s ) );
  return n;
}

//! Cluster ids of result's largest clusters (at most count), largest first; ties in id order.
std::vector<int> largestClusters( const DbscanResult &result, size_t count )
{
  std::vector<int> order( result.clusterCount );
  for ( int i = 0; i < result.clusterCount; ++i )
    order[i] = i;
  std::stable_sort( order.begin(), order.end(), [&]( int l, int r ) { return result.clusterSizes[l] > result.clusterSizes[r]; } );
  order.resize( std::min<size_t>( order.size(), count ) );
  return order;
}

//! Describes the chosen clusters (indexes into result's clusters): hulls and dominant sectors of their members only.
std::vector<ClusterInfo> describeClusters( const PlacedPoints &points, const DbscanResult &result, const std::vector<int> &order,
                                           const AdminData &admin, const Targets &targets )
{
  std::vector<int> chosen( result.clusterCount + 1, -1 );
  for ( size_t k = 0; k < order.size(); ++k )
    chosen[order[k] + 1] = static_cast<int>( k );
  std::vector<double> cx, cy;
  std::vector<int> cs;
  DbscanResult subset;
  subset.clusterCount = static_cast<int>( order.size() );
  for ( size_t k = 0; k < order.size(); ++k )
    subset.clusterSizes.push_back( result.clusterSizes[order[k]] );
  for ( size_t i = 0; i < points.xs.size(); ++i )
  {
    const int k = chosen[result.clusterIds[i]];
    if ( result.clusterIds[i] == 0 || k < 0 )
      continue;
    cx.push_back( points.xs[i] );
    cy.push_back( points.ys[i] );
    cs.push_back( points.sector[i] );
    subset.clusterIds.push_back( k + 1 );
  }
  const std::vector<ClusterSummary> summaries = summarizeClusters( cx, cy, subset, cs, nullptr );
  std::vector<ClusterInfo> described;
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
    mx /= static_cast<double>( std::max<size_t>( 1, s.hullXs.size() ) );
    my /= static_cast<double>( std::max<size_t>( 1, s.hullYs.size() ) );
    const Place centre = placeOf( mx, my, admin.cities );
    info.centreLon = centre.lon;
    info.centreLat = centre.lat;
    info.city = centre.unit;
    described.push_back( info );
  }
  return described;
}

//! DBSCAN clusters; the largest ten described.
DbscanSummary dbscanSummary( const PlacedPoints &points, const AdminData &admin, const Targets &targets, const AnalysisOptions &options )
{
  const DbscanResult result = dbscan( points.xs, points.ys, options.dbscanEpsM, options.dbscanMinSize, false, nullptr, workerThreads() );
  DbscanSummary d;
  d.epsM = options.dbscanEpsM;
  d.minSize = options.dbscanMinSize;
  d.clusters = result.clusterCount;
  for ( int id : result.clusterIds )
    ( id > 0 ? d.clustered : d.noise ) += 1;
  d.largest = describeClusters( points, result, largestClusters( result, 10 ), admin, targets );
  for ( const ClusterSummary &s : summarizeClusters( points.xs, points.ys, result ) )
  {
    ClusterOutline outline;
    outline.id = s.clusterId;
    outline.size = s.pointCount;
    outline.lons = s.hullXs;
    outline.lats = s.hullYs;
    if ( !outline.lons.empty() )
      projectPoints( *analysisToStorage(), outline.lons.data(), outline.lats.data(), outline.lons.size() );
    d.outlines.push_back( std::move( outline ) );
  }
  return d;
}

} // namespace

Analyses computeAnalyses( const PlanningInputs &inputs, const Metrics &metrics, const AnalysisOptions &options, KdeGrid *density,
                          QgsFeedback *feedback )
{
  Analyses a;
  Stopwatch watch;
  PlacedPoints points = placedFacilities( inputs.facilities, metrics );
  a.points = static_cast<long long>( points.xs.size() );
  if ( points.xs.size() < 2 )
    return a; // nothing to analyse: the report's other figures still stand
  toAnalysisCrs( points.xs, points.ys );
  a.seconds.push_back( { "project", watch.lap() } );
  throwIfCanceled( feedback );

  a.kde = kdeSummary( points, inputs.admin, options, density );
  a.seconds.push_back( { "kde", watch.lap() } );
  throwIfCanceled( feedback );

  a.hex = hexSummary( points, options );
  a.seconds.push_back( { "hex_density", watch.lap() } );
  throwIfCanceled( feedback );

  a.nni = nniSummary( points, inputs.admin );
  a.seconds.push_back( { "nni", watch.lap() } );
  throwIfCanceled( feedback );

  a.dbscan = dbscanSummary( points, inputs.admin, inputs.targets, options );
  a.seconds.push_back( { "dbscan", watch.lap() } );
  throwIfCanceled( feedback );

  a.computed = true;
  return a;
}

} // namespace htsplan
