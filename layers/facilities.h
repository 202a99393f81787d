#pragma once
// The facility layer contract: what a planner brings in a GeoPackage
// (see README, "The facility layer contract").
#include "layers/problems.h"
#include "layers/schema.h"
#include "layers/targets.h"

#include <ogr_geometry.h>

#include <optional>
#include <string>
#include <vector>

namespace htsplan
{

struct Facility
{
    Kind kind = Kind::Base;
    long long fid = 0;
    std::string name;
    std::string id;
    std::string parent;
    std::string zoneType;
    int sector = -1;                 //!< index into Targets::sectors, -1 when unknown or missing
    Status status = Status::Designated;
    std::optional<int> year;         //!< year of designation
    std::optional<double> revenueCny;
    double x = 0.0;                  //!< longitude, EPSG:4490 (point on surface for polygons)
    double y = 0.0;                  //!< latitude, EPSG:4490
    OGRGeometryUniquePtr geometry;   //!< lines and polygons: the geometry in EPSG:4490, repaired when invalid; null for points (x, y)

    //! "name" when it has one, else "fid N".
    std::string label() const;
};

//! A feature that cannot be placed on the map.
struct Unassigned
{
    std::string layer;
    std::string name;
    std::string reason; //!< "outside the province", "no geometry" or "empty geometry"
};

struct FacilitySet
{
    std::string path;
    bool isSample = false;           //!< the layers say they are illustrative sample data
    std::vector<Facility> items;     //!< every feature with a usable geometry
    std::vector<Kind> layersPresent;
    std::vector<Unassigned> unplaced; //!< features without a usable geometry
    Problems problems;
};

//! Reads every known facility layer of a GeoPackage (or any OGR dataset).
//! Throws InputError for a missing file, a file with none of the known layers,
//! or a layer without a CRS whose coordinates are not plausible lon/lat.
FacilitySet loadFacilities( const std::string &path, const Targets &targets );

} // namespace htsplan
