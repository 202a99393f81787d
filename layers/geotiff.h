#pragma once
// GeoTIFF output through GDAL.
#include <array>
#include <string>
#include <vector>

namespace htsplan
{

/**
 * Writes a single-band Float32 GeoTIFF (DEFLATE) with the given geotransform,
 * nodata value and CRS (WKT; empty for none). values holds rows * cols cells,
 * row by row from the top. Atomic (layers/atomic_file.h); throws OutputError
 * naming the file and GDAL's message on failure.
 */
void writeFloat32GeoTiff( const std::string &path, const std::vector<float> &values, int cols, int rows,
                          const std::array<double, 6> &geoTransform, double noData, const std::string &crsWkt );

} // namespace htsplan
