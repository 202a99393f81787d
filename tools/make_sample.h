#pragma once
// The `sample` subcommand of htsplan-data: builds data/sample/facilities.gpkg,
// illustrative sample facilities (not real designations).
#include <cstdint>
#include <string>

namespace htsplan::tools
{

//! Generates zones, bases, parks, buildings and enterprises inside the counties
//! of the admin file `adminPath` (data/shandong.gpkg) and writes them to
//! `outPath` (EPSG:4490). The same seed gives the same file. Prints a summary
//! and returns the exit status.
int makeSample( const std::string &adminPath, uint64_t seed, const std::string &outPath );

} // namespace htsplan::tools
