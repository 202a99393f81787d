#pragma once
// Kernel density raster, equal bit for bit to QGIS 3.22's
// qgis:heatmapkerneldensityestimation (QgsKernelDensityEstimation) on the same
// projected points.
#include <array>
#include <string>
#include <vector>

class QgsFeedback;

namespace htsplan
{

//! Kernel shapes, in QGIS's order and with its values (KERNEL parameter).
enum class KdeKernel
{
  Quartic = 0,
  Triangular = 1,
  Uniform = 2,
  Triweight = 3,
  Epanechnikov = 4,
};

//! Output values, as QGIS's OUTPUT_VALUE parameter: raw sums or scaled (density per square map unit).
enum class KdeOutput
{
  Raw = 0,
  Scaled = 1,
};

//! A rectangle in the points' projected CRS (metres).
struct KdeExtent
{
    double xMin = 0, yMin = 0, xMax = 0, yMax = 0;
};

struct KdeParameters
{
    double radius = 0;                      //!< search radius, metres (CRS units); QGIS's RADIUS
    double pixelSize = 0;                   //!< pixel side, metres (CRS units); QGIS's PIXEL_SIZE
    KdeKernel kernel = KdeKernel::Quartic;  //!< QGIS's KERNEL
    double decayRatio = 0;                  //!< triangular kernel only; QGIS's DECAY
    KdeOutput output = KdeOutput::Raw;      //!< QGIS's OUTPUT_VALUE
    long long maxPixels = 500'000'000;      //!< larger rasters are refused before allocating
};

//! The raster: Float32 values, row 0 at the top, NO_DATA where no kernel reaches.
struct KdeGrid
{
    static constexpr float NO_DATA = -9999.0f;
    int rows = 0;
    int cols = 0;
    //! GDAL geotransform: { xMin, pixel, 0, yMax, 0, -pixel } of the grown extent (as QGIS).
    std::array<double, 6> geoTransform{};
    std::vector<float> values; //!< rows * cols, row-major

    float at( int row, int col ) const { return values[static_cast<size_t>( row ) * cols + col]; }
};

/**
 * The bounding box of the points (projected coordinates, metres), as a layer
 * extent: what QGIS takes from the layer. Throws InputError when there are no points.
 */
KdeExtent pointsExtent( const std::vector<double> &xs, const std::vector<double> &ys );

/**
 * Size of the raster QGIS makes for a layer extent: the extent grown by the
 * radius on each side, ceil(size / pixel) + 1 rows and columns. Checks the
 * parameters and throws InputError for a bad radius or pixel size, or a
 * raster over maxPixels (saying rows x cols, pixels and GiB). Allocates nothing.
 */
KdeGrid kdeGridShape( const KdeExtent &layerExtent, const KdeParameters &parameters );

/**
 * Kernel density of points given in a projected CRS (metres), like
 * qgis:heatmapkerneldensityestimation with a fixed radius: same grid, same
 * nodata, same values bit for bit (including QGIS's rounding of the block of
 * pixels each point touches, its y-flip within that block, and float sums
 * added in the points' order, which must be the layer's feature order).
 *
 * \param layerExtent the layer's extent (not grown); pointsExtent() computes it.
 *        Points outside the grown extent are skipped as QGIS does.
 * \param weights empty for weight 1, else one non-negative number per point
 *        (QGIS's WEIGHT_FIELD); NaN (a null attribute) is refused.
 * \param threads the raster is split by rows; the result is the same for any count.
 * \param feedback progress 0-100 and cancel (throws Canceled); may be null.
 */
KdeGrid kernelDensity( const std::vector<double> &xs, const std::vector<double> &ys, const std::vector<double> &weights,
                       const KdeExtent &layerExtent, const KdeParameters &parameters, int threads, QgsFeedback *feedback = nullptr );

/**
 * Writes the grid as a single-band Float32 GeoTIFF with nodata -9999, the
 * grid's geotransform and crsWkt (the points' CRS), atomically
 * (layers/geotiff.h); throws OutputError naming the file.
 */
void writeKdeGeoTiff( const KdeGrid &grid, const std::string &path, const std::string &crsWkt );

} // namespace htsplan
