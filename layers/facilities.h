#pragma once
// The facility layer contract: what a planner brings in a GeoPackage
// (see README, "The facility layer contract").
#include "layers/problems.h"
#include "layers/schema.h"
#include "layers/targets.h"

#include <ogr_geometry.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

class QgsFeedback;

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
    std::string cityCode;            //!< the optional city_code field (normalisedKey), empty when absent
    std::string countyCode;          //!< the optional county_code field (normalisedKey), empty when absent
    int sector = -1;                 //!< index into Targets::sectors, -1 when unknown or missing
    Status status = Status::Designated;
    std::optional<int> year;         //!< year of designation
    //! The year field holds something that is not a year ("2016年度前", 1850, "TBD"): the feature
    //! never counts toward a target (its year is unknown, so is the year it counts from) but is in counts_all.
    bool yearUnreadable = false;
    std::optional<double> revenueCny;
    double x = 0.0;                  //!< longitude, EPSG:4490 (point on surface for polygons)
    double y = 0.0;                  //!< latitude, EPSG:4490
    OGRGeometryUniquePtr geometry;   //!< lines and polygons: the geometry in EPSG:4490, repaired when invalid; null for points (x, y)

    //! "name" when it has one, else "fid N".
    std::string label() const;
    //! "name (fid N)" when it has a name, else "fid N": how problems name a feature (names repeat).
    std::string reference() const;
};

//! A feature that cannot be placed on the map.
struct Unassigned
{
    std::string layer;
    std::string name;
    //! "outside the province", "inside the province's outline but in no county of the admin map",
    //! "no geometry", "empty geometry", "NaN or infinite coordinates", "cannot be reprojected",
    //! "unreadable geometry", or "repeat of fid N" (a feature listed twice, counted once)
    std::string reason;
};

/**
 * How one facility layer was read: enough to select its features again in the
 * file as the reader took them (the dashboard's map filter, planning/dashboard.h).
 */
struct LayerReading
{
    Kind kind = Kind::Base;
    std::string layer;     //!< the layer's name in the file
    std::string fidColumn; //!< the FID column as the file spells it ("fid"; "OGC_FID" when the driver names none)
    //! The contract fields as the layer spells them ("STATUS"), empty when the layer lacks them.
    std::string status, year, revenue;
    bool yearIsInteger = false;   //!< the year field is an integer field (else text or a date)
    bool revenueIsNumber = false; //!< the revenue field is a number field (else text with units)
    //! The distinct status texts (as read, trimmed or not) that parsed as designated.
    std::set<std::string> designatedTexts;
    //! Some text that parsed as designated was not UTF-8 (read as GB18030): the file's bytes differ from designatedTexts.
    bool designatedNotUtf8 = false;
    //! Features of the layer that are not among the items: without a usable geometry, or repeats.
    std::vector<long long> droppedFids;
};

//! One usable row of the optional enterprise_revenue table: an enterprise's revenue in a year.
struct RevenueRecord
{
    size_t item = 0;        //!< index into FacilitySet::items (an enterprise)
    int year = 0;
    double revenueCny = 0;  //!< yuan, >= 0
};

struct FacilitySet
{
    std::string path;
    bool isSample = false;           //!< the layers say they are illustrative sample data
    std::vector<Facility> items;     //!< every feature with a usable geometry
    std::vector<Kind> layersPresent;
    std::vector<Unassigned> unplaced; //!< features without a usable geometry, and repeats
    Problems problems;
    std::vector<LayerReading> readings; //!< one per layer read, in layersPresent order
    bool revenueTable = false;          //!< the file has an enterprise_revenue table
    std::vector<RevenueRecord> revenue; //!< its usable rows (layers/revenue_table.h)
};

/**
 * Reads every known facility layer of a GeoPackage (or any OGR dataset),
 * strictly (README, "The facility layer contract"): fields are found
 * case-insensitively and read by the name found; text that is not UTF-8 is
 * read as GB18030; a feature repeated under the same id, or without an id
 * under the same name at the same place (within 1 m), counts once; every
 * feature dropped or read differently from what the file says is a problem
 * with a kind (summariseProblems counts them).
 * Throws InputError for a missing file, a file with none of the known layers,
 * a layer without a CRS whose coordinates are not plausible lon/lat, or a
 * layer in a geographic CRS whose coordinates are outside ±180/±90 (the
 * message names the CRS, the extent and what the coordinates look like).
 */
//! feedback (may be null) is checked between batches of rows: Canceled is thrown when it is set.
FacilitySet loadFacilities( const std::string &path, const Targets &targets, QgsFeedback *feedback = nullptr );

} // namespace htsplan
