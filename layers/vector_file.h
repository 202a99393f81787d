#pragma once
// Opening an input file read-only, with the error a planner can act on.
#include <gdal_priv.h>

#include <string>

namespace htsplan
{

/**
 * Throws InputError "<role> file <path>: ..." unless path names a readable,
 * non-empty regular file (or a symbolic link to one): "no such file", "a
 * symbolic link loop", "a folder, not a file", "empty", "cannot be read
 * (permission denied)". role names the input ("admin", "facilities", "targets").
 */
void checkInputFile( const std::string &path, const std::string &role );

/**
 * Opens path read-only as an OGR vector dataset (the source is never
 * modified), after checkInputFile(). Throws InputError "<role> file <path>:
 * not a readable vector dataset (GDAL's reason)<hint>".
 */
GDALDatasetUniquePtr openVectorFile( const std::string &path, const std::string &role, const std::string &hint = std::string() );

} // namespace htsplan
