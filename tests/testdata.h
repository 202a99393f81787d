#pragma once
// Small GeoPackages written on the fly for tests: one layer at a time, WKT
// geometries, text/integer/real fields.
#include <ogrsf_frmts.h>

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace testdata
{

using Value = std::variant<std::monostate, std::string, long long, double>;

struct Feature
{
    std::string wkt; //!< empty for a feature without geometry
    std::map<std::string, Value> fields;
};

struct Field
{
    std::string name;
    OGRFieldType type = OFTString;
};

/**
 * Adds a layer to a GeoPackage (created when missing). epsg 0 writes a layer
 * without a CRS.
 */
void writeLayer( const std::string &path, const std::string &layer, int epsg, OGRwkbGeometryType type,
                 const std::vector<Field> &fields, const std::vector<Feature> &features, const std::string &description = {} );

//! The fields of the facility contract for point layers.
std::vector<Field> facilityFields();

/**
 * A two-county test map in EPSG:4490: county 379901 is the square lon 117-118,
 * lat 36-37 (city 379900), county 379902 the square lon 118-119, lat 36-37
 * (city 379800, in the Blue Economic Zone). Cities with populations 1,000,000
 * and unknown; province is the union.
 */
void writeTwoCountyAdmin( const std::string &path );

//! The bundled targets file.
std::string bundledTargets();

} // namespace testdata
