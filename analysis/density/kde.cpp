#include "analysis/density/kde.h"

#include "layers/geotiff.h"
#include "layers/problems.h"
#include "layers/parallel.h"

#include <qgsfeedback.h>

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <random>
#include <sstream>

// This file is compiled with -O3 -fno-math-errno -fno-trapping-math
// -ffp-contract=off (see CMakeLists.txt): the first three let GCC vectorise
// the pixel loop (they change no value: sqrt is exact, and no exception flags
// are read), the last keeps every product and sum rounded separately as in
// QGIS's own build, which bit equality depends on.

namespace htsplan
{

namespace
{

constexpr double PI = 3.14159265358979323846; // QGIS's M_PI

std::string thousands( long long value )
{
  std::string digits = std::to_string( value );
  for ( int i = static_cast<int>( digits.size() ) - 3; i > 0; i -= 3 )
    digits.insert( static_cast<size_t>( i ), "," );
  return digits;
}

/**
 * u³ rounded correctly, from exact products (Dekker's split; no FMA), and
 * whether it might differ from glibc's pow( u, 3 ), which QGIS's triweight
 * kernel calls: pow is within 0.54 ulp of the exact value (glibc's stated
 * bound), so when the exact value is within 0.45 ulp of our result no other
 * double is close enough for pow to return it. Otherwise (about 1 in 10) the
 * caller asks pow. Branch-free, so that GCC vectorises it; pow is 20 times
 * slower and does not vectorise.
 */
inline double cube( double u, uint64_t &askPow )
{
  const double split = 134217729.0; // 2^27 + 1
  double c = split * u;
  const double uh = c - ( c - u );
  const double ul = u - uh;
  const double p = u * u;
  const double e = ( ( uh * uh - p ) + 2 * uh * ul ) + ul * ul; // u² = p + e exactly
  c = split * p;
  const double ph = c - ( c - p );
  const double pl = p - ph;
  const double h = p * u;
  const double l = ( ( ph * uh - h ) + ph * ul + pl * uh ) + pl * ul; // p u = h + l exactly
  const double s = l + e * u;
  const double r = h + s;
  const double err = s - ( r - h ); // u³ = r + err to about 2^-104 relative
  uint64_t bits;
  std::memcpy( &bits, &r, sizeof bits );
  const uint64_t exponent = bits & 0x7FF0000000000000ull;
  double ulp;
  std::memcpy( &ulp, &exponent, sizeof ulp );
  ulp *= 0x1p-52;
  // A power of two has a closer neighbour below: ask pow there too.
  askPow = ( std::fabs( err ) > 0.45 * ulp ) | ( ( bits & 0x000FFFFFFFFFFFFFull ) == 0 );
  return r;
}

/**
 * QGIS's kernel functions (qgskde.cpp), written with the same expressions so
 * that every value rounds the same way. Constants that do not depend on the
 * distance are computed once, by the same expression QGIS evaluates per pixel.
 */
template<KdeKernel Kernel, bool Scaled>
struct KernelValue
{
    double bandwidth;
    double decay;
    double factor; //!< the leading constant of the scaled expression

    KernelValue( double kernelBandwidth, double kernelDecay )
      : bandwidth( kernelBandwidth )
      , decay( kernelDecay )
      , factor( 1 )
    {
      switch ( Kernel )
      {
        case KdeKernel::Uniform:
        {
          const double k = 2. / ( PI * bandwidth );
          factor = k * ( 0.5 / bandwidth );
          break;
        }
        case KdeKernel::Quartic:
          factor = 116. / ( 5. * PI * std::pow( bandwidth, 2 ) ) * ( 15. / 16. );
          break;
        case KdeKernel::Triweight:
          factor = 128. / ( 35. * PI * std::pow( bandwidth, 2 ) ) * ( 35. / 32. );
          break;
        case KdeKernel::Epanechnikov:
          factor = 8. / ( 3. * PI * std::pow( bandwidth, 2 ) ) * ( 3. / 4. );
          break;
        case KdeKernel::Triangular:
          factor = 3. / ( ( 1. + 2. * decay ) * PI * std::pow( bandwidth, 2 ) );
          break;
      }
    }

    //! Triweight: the value from pow( 1 - (d / r)², 3 ), computed by the caller.
    static constexpr bool CUBE = Kernel == KdeKernel::Triweight;
    double fromCube( double v ) const { return Scaled ? factor * v : v; }

    double operator()( double distance ) const
    {
      switch ( Kernel )
      {
        case KdeKernel::Uniform:
          return Scaled ? factor : 1.0;
        case KdeKernel::Quartic:
        {
          const double v = std::pow( 1. - std::pow( distance / bandwidth, 2 ), 2 );
          return Scaled ? factor * v : v;
        }
        case KdeKernel::Triweight:
        {
          const double v = std::pow( 1. - std::pow( distance / bandwidth, 2 ), 3 );
          return Scaled ? factor * v : v;
        }
        case KdeKernel::Epanechnikov:
        {
          const double v = ( 1. - std::pow( distance / bandwidth, 2 ) );
          return Scaled ? factor * v : v;
        }
        case KdeKernel::Triangular:
        {
          const double v = ( 1. - ( 1. - decay ) * ( distance / bandwidth ) );
          // QGIS leaves a negative decay ("coolmap") unscaled.
          return Scaled && decay >= 0 ? factor * v : v;
        }
      }
      return 0;
    }
};

//! Everything a worker needs; shared read-only (but for the values).
struct Job
{
    const std::vector<double> *xs;
    const std::vector<double> *ys;
    const std::vector<double> *weights;
    KdeExtent bounds; //!< grown extent
    double pixel;
    double radius;
    int buffer; //!< half block, pixels (QGIS's radiusSizeInPixels)
    int rows, cols;
    std::vector<double> centreX; //!< pixel-centre x per column, QGIS's expression
    float *values;
    // The raster is cut into bands of rows; each band lists the points whose
    // block reaches it, in point order.
    int bandRows;
    std::vector<size_t> bandStart; //!< bands + 1 offsets into bandPoints
    std::vector<uint32_t> bandPoints;
};

//! Where QGIS puts a point's block of pixels.
struct Block
{
    int xPosition;      //!< first column
    int yPositionIO;    //!< first row, counted from the top
    uint32_t yPosition; //!< first pixel-centre row, counted from the bottom
};

//! False when QGIS adds nothing for the point.
bool pointBlock( const Job &job, double x, double y, Block &block )
{
  // QgsRectangle::contains: points outside the extent (or NaN) are skipped.
  if ( !( job.bounds.xMin <= x && x <= job.bounds.xMax && job.bounds.yMin <= y && y <= job.bounds.yMax ) )
    return false;
  // QGIS converts these doubles to unsigned int (truncating), reads and
  // writes the block with GDALRasterIO and loses the whole point when the
  // block does not fit in the raster (the read fails). A value in (-1, 0)
  // truncates to 0, shifting the block.
  const double tx = ( x - job.bounds.xMin ) / job.pixel - job.buffer;
  const double ty = ( y - job.bounds.yMin ) / job.pixel - job.buffer;
  const double tyIO = ( job.bounds.yMax - y ) / job.pixel - job.buffer;
  if ( !( tx > -1 && tyIO > -1 && tx < job.cols && tyIO < job.rows ) )
    return false;
  block.xPosition = static_cast<int>( tx );
  block.yPositionIO = static_cast<int>( tyIO );
  const int blockSize = 2 * job.buffer + 1;
  if ( block.xPosition + blockSize > job.cols || block.yPositionIO + blockSize > job.rows )
    return false;
  // The pixel centre's y is counted up from the bottom edge (yPosition),
  // while the block's rows are written down from the top (yPositionIO):
  // QGIS's kernel is flipped vertically inside the block. yPosition is an
  // unsigned int in QGIS; keep its wrap-around.
  block.yPosition = static_cast<uint32_t>( static_cast<int64_t>( ty ) );
  return true;
}

//! Lists, per band of rows, the points whose block reaches it (in point order).
void bandPoints( Job &job )
{
  const std::vector<double> &xs = *job.xs;
  const std::vector<double> &ys = *job.ys;
  const int bands = ( job.rows + job.bandRows - 1 ) / job.bandRows;
  const int last = 2 * job.buffer;
  std::vector<size_t> count( static_cast<size_t>( bands ) + 1, 0 );
  Block block;
  for ( size_t i = 0; i < xs.size(); ++i )
    if ( pointBlock( job, xs[i], ys[i], block ) )
      for ( int band = block.yPositionIO / job.bandRows; band <= ( block.yPositionIO + last ) / job.bandRows; ++band )
        ++count[static_cast<size_t>( band ) + 1];
  for ( int band = 0; band < bands; ++band )
    count[static_cast<size_t>( band ) + 1] += count[static_cast<size_t>( band )];
  job.bandStart = count;
  job.bandPoints.resize( count.back() );
  for ( size_t i = 0; i < xs.size(); ++i )
    if ( pointBlock( job, xs[i], ys[i], block ) )
      for ( int band = block.yPositionIO / job.bandRows; band <= ( block.yPositionIO + last ) / job.bandRows; ++band )
        job.bandPoints[count[static_cast<size_t>( band )]++] = static_cast<uint32_t>( i );
}

constexpr size_t CHECK_EVERY = 4096;

//! Pixels evaluated at once: four doubles fill an AVX2 register.
constexpr int GROUP = 4;

//! One pixel of one point, as QGIS: a nodata pixel becomes 0, then float += double.
template<class Value>
inline __attribute__( ( always_inline ) ) void addPixel( const Value &kernel, double centreX, double x, double dy2, double weight, double radius, float &pixel )
{
  const double dx = centreX - x;
  const double distance = std::sqrt( std::pow( dx, 2 ) + dy2 );
  const double pixelValue = weight * kernel( distance );
  const float old = pixel;
  const float base = old == KdeGrid::NO_DATA ? 0.0f : old;
  const float sum = static_cast<float>( static_cast<double>( base ) + pixelValue );
  pixel = distance > radius ? old : sum;
}

/**
 * Adds the kernels of the band's points into its rows. A band is done by one
 * thread, in point order, so the float sums do not depend on the threads.
 */
template<class Value>
inline __attribute__( ( always_inline ) ) void accumulateBand( const Job &job, const Value &kernel, int band, const std::atomic<bool> &stop )
{
  const std::vector<double> &xs = *job.xs;
  const std::vector<double> &ys = *job.ys;
  const bool weighted = !job.weights->empty();
  const int blockSize = 2 * job.buffer + 1;
  const double radius = job.radius;
  const double *centreX = job.centreX.data();
  const double inversePixel = 1 / job.pixel; // only brackets columns, with a margin
  // Row buffers of the triweight kernel.
  const size_t bufferSize = Value::CUBE ? static_cast<size_t>( blockSize ) : 0;
  std::vector<double> distanceBuffer( bufferSize ), baseBuffer( bufferSize ), cubeBuffer( bufferSize );
  std::vector<uint64_t> askPowBuffer( bufferSize );
  double *distances = distanceBuffer.data(), *bases = baseBuffer.data(), *cubes = cubeBuffer.data();
  uint64_t *askPow = askPowBuffer.data();
  const int bandFirst = band * job.bandRows;
  const int bandLast = std::min( job.rows, bandFirst + job.bandRows ) - 1;

  for ( size_t slot = job.bandStart[static_cast<size_t>( band )]; slot < job.bandStart[static_cast<size_t>( band ) + 1]; ++slot )
  {
    if ( slot % CHECK_EVERY == 0 && stop )
      return;
    const size_t i = job.bandPoints[slot];
    const double x = xs[i];
    const double y = ys[i];
    Block block;
    pointBlock( job, x, y, block );
    const double weight = weighted ? ( *job.weights )[i] : 1.0;
    const double margin = 1e-6 * ( radius + job.pixel ) + 1e-9 * ( std::fabs( x ) + std::fabs( job.bounds.xMin ) );

    const int firstRow = std::max( block.yPositionIO, bandFirst );
    const int lastRow = std::min( block.yPositionIO + blockSize - 1, bandLast );
    for ( int row = firstRow; row <= lastRow; ++row )
    {
      const uint32_t yp = static_cast<uint32_t>( row - block.yPositionIO );
      const double centreY = ( static_cast<double>( static_cast<uint32_t>( block.yPosition + yp ) ) + 0.5 ) * job.pixel + job.bounds.yMin;
      const double dy = centreY - y;
      const double dy2 = std::pow( dy, 2 );
      // sqrt(dx² + dy²) >= sqrt(dy²): no pixel of this row is inside.
      if ( std::sqrt( dy2 ) > radius )
        continue;
      // Columns whose centre is within halfWidth of x, plus a margin far
      // above the rounding errors of these bounds and of the distance (about
      // 1e-8 radius): a superset of the pixels inside, and the exact test
      // below decides. Widened to whole groups of four within the block (the
      // extra pixels fail the test and keep their value), so that the vector
      // loop needs no scalar remainder.
      const double halfWidth = std::sqrt( std::max( 0.0, radius * radius - dy2 ) ) + margin;
      const double first = std::ceil( ( x - halfWidth - job.bounds.xMin ) * inversePixel - 0.5 );
      const double last = std::floor( ( x + halfWidth - job.bounds.xMin ) * inversePixel - 0.5 );
      const int blockLast = block.xPosition + blockSize - 1;
      int c0 = static_cast<int>( std::max<double>( block.xPosition, first ) );
      const int c1 = static_cast<int>( std::min<double>( blockLast, last ) );
      if ( c1 < c0 )
        continue;
      const int groups = ( c1 - c0 + GROUP ) / GROUP;
      const int end = std::min( c0 + groups * GROUP, blockLast + 1 );
      c0 = std::max( block.xPosition, end - groups * GROUP );
      const int whole = ( end - c0 ) / GROUP * GROUP; // pixels done in groups
      float *line = job.values + static_cast<size_t>( row ) * job.cols + c0;
      const double *cx = centreX + c0;
      if constexpr ( Value::CUBE )
      {
        // Cubes for the row at once, then pow where they might differ, then add.
        const int n = end - c0;
        for ( int k = 0; k < n; ++k )
        {
          const double dx = cx[k] - x;
          const double distance = std::sqrt( std::pow( dx, 2 ) + dy2 );
          const double u = 1. - std::pow( distance / kernel.bandwidth, 2 );
          distances[k] = distance;
          bases[k] = u;
          cubes[k] = cube( u, askPow[k] );
        }
        for ( int k = 0; k < n; ++k )
          if ( askPow[k] )
            cubes[k] = std::pow( bases[k], 3 );
        for ( int k = 0; k < n; ++k )
        {
          const double pixelValue = weight * kernel.fromCube( cubes[k] );
          const float old = line[k];
          const float base = old == KdeGrid::NO_DATA ? 0.0f : old;
          const float sum = static_cast<float>( static_cast<double>( base ) + pixelValue );
          line[k] = distances[k] > radius ? old : sum;
        }
        continue;
      }
      // One loop of whole groups: GCC's vector body then does them all, and
      // its remainder code (narrower vectors, then scalars) never runs.
      for ( int k = 0; k < whole; ++k )
        addPixel( kernel, cx[k], x, dy2, weight, radius, line[k] );
      for ( int k = whole; k < end - c0; ++k )
        addPixel( kernel, cx[k], x, dy2, weight, radius, line[k] );
    }
  }
}

template<KdeKernel Kernel>
inline __attribute__( ( always_inline ) ) void accumulateBand( const Job &job, const KdeParameters &parameters, int band, const std::atomic<bool> &stop )
{
  if ( parameters.output == KdeOutput::Scaled )
    accumulateBand( job, KernelValue<Kernel, true>( parameters.radius, parameters.decayRatio ), band, stop );
  else
    accumulateBand( job, KernelValue<Kernel, false>( parameters.radius, parameters.decayRatio ), band, stop );
}

/**
 * One band with the chosen kernel. Compiled twice, for AVX2 and for any
 * x86-64, picked at load time: AVX2 does four square roots and divisions at
 * a time instead of two (1.5 times faster), with the same IEEE results.
 */
#if defined( __x86_64__ ) && defined( __GNUC__ )
__attribute__( ( target_clones( "avx2", "default" ) ) )
#endif
void accumulateBand( const Job &job, const KdeParameters &parameters, int band, const std::atomic<bool> &stop )
{
  switch ( parameters.kernel )
  {
    case KdeKernel::Quartic:
      accumulateBand<KdeKernel::Quartic>( job, parameters, band, stop );
      break;
    case KdeKernel::Triangular:
      accumulateBand<KdeKernel::Triangular>( job, parameters, band, stop );
      break;
    case KdeKernel::Uniform:
      accumulateBand<KdeKernel::Uniform>( job, parameters, band, stop );
      break;
    case KdeKernel::Triweight:
      accumulateBand<KdeKernel::Triweight>( job, parameters, band, stop );
      break;
    case KdeKernel::Epanechnikov:
      accumulateBand<KdeKernel::Epanechnikov>( job, parameters, band, stop );
      break;
  }
}

//! Threads take bands in turn, each band summed in feature order whoever sums it.
void runThreads( const Job &job, const KdeParameters &parameters, int threads, QgsFeedback *feedback )
{
  const size_t bands = job.bandStart.size() - 1;
  parallelFor( bands, threads, feedback, [&]( size_t band, const std::atomic<bool> &stop ) { accumulateBand( job, parameters, static_cast<int>( band ), stop ); } );
}

} // namespace

KdeExtent pointsExtent( const std::vector<double> &xs, const std::vector<double> &ys )
{
  if ( xs.size() != ys.size() )
    throw InputError( "kde: " + std::to_string( xs.size() ) + " x coordinates but " + std::to_string( ys.size() ) + " y coordinates" );
  KdeExtent extent{ HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL };
  for ( size_t i = 0; i < xs.size(); ++i )
  {
    if ( !std::isfinite( xs[i] ) || !std::isfinite( ys[i] ) )
      continue;
    extent.xMin = std::min( extent.xMin, xs[i] );
    extent.yMin = std::min( extent.yMin, ys[i] );
    extent.xMax = std::max( extent.xMax, xs[i] );
    extent.yMax = std::max( extent.yMax, ys[i] );
  }
  if ( extent.xMin > extent.xMax )
    throw InputError( "kde needs at least one point (the layer has none with coordinates)" );
  return extent;
}

KdeGrid kdeGridShape( const KdeExtent &layerExtent, const KdeParameters &parameters )
{
  if ( !std::isfinite( parameters.radius ) || parameters.radius <= 0 )
    throw InputError( "kde radius must be a positive number of metres (got " + formatNumber( parameters.radius ) + " m)" );
  if ( !std::isfinite( parameters.pixelSize ) || parameters.pixelSize <= 0 )
    throw InputError( "kde pixel size must be a positive number of metres (got " + formatNumber( parameters.pixelSize ) + " m)" );
  if ( !std::isfinite( parameters.decayRatio ) )
    throw InputError( "kde decay ratio must be a number (got " + formatNumber( parameters.decayRatio ) + ")" );
  if ( static_cast<int>( parameters.kernel ) < 0 || static_cast<int>( parameters.kernel ) > 4 )
    throw InputError( "kde kernel must be 0 (quartic) to 4 (Epanechnikov) (got " + std::to_string( static_cast<int>( parameters.kernel ) ) + ")" );
  const KdeExtent &e = layerExtent;
  if ( !std::isfinite( e.xMin ) || !std::isfinite( e.yMin ) || !std::isfinite( e.xMax ) || !std::isfinite( e.yMax ) || e.xMin > e.xMax || e.yMin > e.yMax )
    throw InputError( "kde: the points' extent is empty or not finite (" + formatNumber( e.xMin ) + ", " + formatNumber( e.yMin ) + " to " + formatNumber( e.xMax ) + ", " + formatNumber( e.yMax ) + ")" );

  // QgsKernelDensityEstimation::calculateBounds and prepare.
  const double radius = parameters.radius;
  const double pixel = parameters.pixelSize;
  const KdeExtent bounds{ e.xMin - radius, e.yMin - radius, e.xMax + radius, e.yMax + radius };
  const double rows = std::max( std::ceil( ( bounds.yMax - bounds.yMin ) / pixel ) + 1, 1.0 );
  const double cols = std::max( std::ceil( ( bounds.xMax - bounds.xMin ) / pixel ) + 1, 1.0 );
  const double pixels = rows * cols;
  if ( pixels > static_cast<double>( parameters.maxPixels ) || rows > 2e9 || cols > 2e9 )
  {
    std::ostringstream message;
    message << "kde raster would be " << formatNumber( rows ) << " rows x " << formatNumber( cols ) << " columns ("
            << ( pixels < 9e18 ? thousands( static_cast<long long>( pixels ) ) : formatNumber( pixels ) ) << " pixels, "
            << std::fixed << std::setprecision( 1 ) << pixels * 4 / ( 1024.0 * 1024.0 * 1024.0 )
            << " GiB as Float32), over the limit of " << thousands( parameters.maxPixels )
            << " pixels: use a larger pixel size (got " << formatNumber( pixel ) << " m with radius " << formatNumber( radius ) << " m)";
    throw InputError( message.str() );
  }
  KdeGrid grid;
  grid.rows = static_cast<int>( rows );
  grid.cols = static_cast<int>( cols );
  grid.geoTransform = { bounds.xMin, pixel, 0, bounds.yMax, 0, -pixel };
  return grid;
}

KdeGrid kernelDensity( const std::vector<double> &xs, const std::vector<double> &ys, const std::vector<double> &weights,
                       const KdeExtent &layerExtent, const KdeParameters &parameters, int threads, QgsFeedback *feedback )
{
  if ( xs.size() != ys.size() )
    throw InputError( "kde: " + std::to_string( xs.size() ) + " x coordinates but " + std::to_string( ys.size() ) + " y coordinates" );
  if ( xs.empty() )
    throw InputError( "kde needs at least one point (the layer is empty)" );
  if ( xs.size() > UINT32_MAX )
    throw InputError( "kde takes at most " + std::to_string( UINT32_MAX ) + " points (got " + std::to_string( xs.size() ) + ")" );
  if ( !weights.empty() && weights.size() != xs.size() )
    throw InputError( "kde: " + std::to_string( weights.size() ) + " weights for " + std::to_string( xs.size() ) + " points" );
  for ( size_t i = 0; i < weights.size(); ++i )
  {
    if ( std::isnan( weights[i] ) )
      throw InputError( "kde weight of point " + std::to_string( i ) + " is null (empty or not a number)" );
    if ( weights[i] < 0 || !std::isfinite( weights[i] ) )
      throw InputError( "kde weight of point " + std::to_string( i ) + " must be a non-negative number (got " + formatNumber( weights[i] ) + ")" );
  }
  KdeGrid grid = kdeGridShape( layerExtent, parameters );
  grid.values.assign( static_cast<size_t>( grid.rows ) * grid.cols, KdeGrid::NO_DATA );

  Job job;
  job.xs = &xs;
  job.ys = &ys;
  job.weights = &weights;
  job.pixel = parameters.pixelSize;
  job.radius = parameters.radius;
  job.bounds = { layerExtent.xMin - job.radius, layerExtent.yMin - job.radius, layerExtent.xMax + job.radius, layerExtent.yMax + job.radius };
  // QgsKernelDensityEstimation::radiusSizeInPixels: the remainder is
  // compared with 0.5 map units, not half a pixel.
  job.buffer = static_cast<int>( job.radius / job.pixel );
  if ( job.radius - ( job.pixel * job.buffer ) > 0.5 )
    ++job.buffer;
  job.rows = grid.rows;
  job.cols = grid.cols;
  job.centreX.resize( static_cast<size_t>( grid.cols ) );
  for ( int c = 0; c < grid.cols; ++c )
    job.centreX[static_cast<size_t>( c )] = ( static_cast<double>( static_cast<unsigned>( c ) ) + 0.5 ) * job.pixel + job.bounds.xMin;
  job.values = grid.values.data();
  // Bands of about 128 KiB keep the rows a thread adds into in its cache.
  job.bandRows = std::max( 4, static_cast<int>( 128 * 1024 / ( sizeof( float ) * static_cast<size_t>( grid.cols ) ) ) );
  bandPoints( job );
  if ( feedback && feedback->isCanceled() )
    throw Canceled();

  runThreads( job, parameters, std::max( 1, threads ), feedback );
  if ( feedback )
    feedback->setProgress( 100 );
  return grid;
}

void writeKdeGeoTiff( const KdeGrid &grid, const std::string &path, const std::string &crsWkt )
{
  writeFloat32GeoTiff( path, grid.values, grid.cols, grid.rows, grid.geoTransform, KdeGrid::NO_DATA, crsWkt );
}

} // namespace htsplan
