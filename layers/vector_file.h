#pragma once
// Opening an input vector file read-only, with the error a planner can act on.
#include <gdal_priv.h>

#include <string>

namespace htsplan
{

/**
 * Opens path read-only as an OGR vector dataset (the source is never
 * modified). Throws InputError "<role> file <path>: no such file" or
 * "...: not a readable vector dataset<hint>". role names the input ("admin",
 * "facilities").
 */
GDALDatasetUniquePtr openVectorFile( const std::string &path, const std::string &role, const std::string &hint = std::string() );

} // namespace htsplan
