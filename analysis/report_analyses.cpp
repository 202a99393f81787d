#include "report_analyses.h"

#include "assign.h"
#include "coverage.h"
#include "crs.h"
#include "dbscan.h"
#include "hexgrid.h"
#include "kde.h"
#include "nearest_neighbour.h"
#include "problems.h"
#include "threads.h"

#include <qgsfeedback.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

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

//! Lon/lat to the equal-area CRS in place, in chunks over the worker threads
//! (each thread its own PROJ transform: they are not thread-safe).
void toEqualArea( std::vector<double> &xs, std::vector<double> &ys )
{
  const size_t n = xs.size();
  const int threads = static_cast<int>( std::min<size_t>( workerThreads(), std::max<size_t>( 1, n / 100000 ) ) );
  std::vector<std::thread> pool;
  std::vector<int> failed( threads, 0 );
  for ( int t = 0; t < threads; ++t )
  {
    pool.emplace_back( [&, t] {
      const TransformPtr transform = makeTransform( cgcs2000(), equalArea() );
      const size_t begin = n * t / threads, end = n * ( t + 1 ) / threads;
      if ( !transform || !transform->Transform( end - begin, xs.data() + begin, ys.data() + begin ) )
        failed[t] = 1;
    } );
  }
  for ( std::thread &thread : pool )
    thread.join();
  if ( std::count( failed.begin(), failed.end(), 1 ) )
    throw std::runtime_error( "cannot project the facilities to the equal-area CRS" );
}

void fromEqualArea( double &x, double &y )
{
  const TransformPtr transform = makeTransform( equalArea(), cgcs2000() );
  if ( transform )
    transform->Transform( 1, &x, &y );
}

void checkCanceled( QgsFeedback *feedback )
{
  if ( feedback && feedback->isCanceled() )
    throw Canceled();
}

} // namespace

Analyses computeAnalyses( const AdminData &admin, const FacilitySet &facilities, const Targets &targets, const Metrics &metrics,
                          const AnalysisOptions &options, const std::string &kdePath, QgsFeedback *feedback )
{
  Analyses a;
  Stopwatch watch;
  // Every facility placed in the province, in the facilities' order.
  std::vector<double> xs, ys, lons, lats;
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
  toEqualArea( xs, ys );
  a.seconds.push_back( { "project", watch.lap() } );
  checkCanceled( feedback );

  // Kernel density.
  {
    KdeParameters p;
    p.radius = options.kdeRadiusM;
    p.pixelSize = options.kdePixelM;
    const KdeExtent extent = pointsExtent( xs, ys );
    const KdeGrid grid = kernelDensity( xs, ys, {}, extent, p, workerThreads(), nullptr );
    writeKdeGeoTiff( grid, kdePath, equalAreaWkt() );
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
    fromEqualArea( px, py );
    k.peakLon = px;
    k.peakLat = py;
    std::vector<const OGRGeometry *> shapes;
    for ( const AdminUnit &c : admin.counties )
      shapes.push_back( c.geometry.get() );
    const int where = PolygonIndex( shapes ).locate( px, py );
    k.peakCounty = where >= 0 ? admin.counties[where].nameZh : std::string();
    k.file = "kde.tif";
  }
  a.seconds.push_back( { "kde", watch.lap() } );
  checkCanceled( feedback );

  // Hexagon grid.
  {
    double minX = xs[0], maxX = minX, minY = ys[0], maxY = minY;
    for ( size_t i = 0; i < xs.size(); ++i )
    {
      minX = std::min( minX, xs[i] );
      maxX = std::max( maxX, xs[i] );
      minY = std::min( minY, ys[i] );
      maxY = std::max( maxY, ys[i] );
    }
    const HexGrid grid = HexGrid::covering( minX, minY, maxX, maxY, options.hexCellM );
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
    fromEqualArea( h.maxLon, h.maxLat );
  }
  a.seconds.push_back( { "hex_density", watch.lap() } );
  checkCanceled( feedback );

  // NNI_DBSCAN_COVERAGE

  a.computed = true;
  (void)targets;
  return a;
}

} // namespace htsplan
