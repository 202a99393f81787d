#pragma once
// The counties and the province of an admin GeoPackage (data/shandong.gpkg),
// as the sample generator places points in them.
#include <ogr_geometry.h>

#include <string>
#include <vector>

namespace htsplan::tools
{

struct County
{
    std::string code;
    std::string city;              //!< the 2015 city
    OGRGeometryUniquePtr geometry; //!< EPSG:4490
};

struct Admin
{
    std::vector<County> counties; //!< in ascending code order
    OGRGeometryUniquePtr province; //!< EPSG:4490
};

//! Reads the layers counties and province; throws Failure unless there are
//! 137 counties and a province.
Admin readAdmin( const std::string &path );

} // namespace htsplan::tools
