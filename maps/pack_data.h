#pragma once
// What the meeting pack prints, as plain data: report/ fills it from its one
// snapshot (so every number on a page is a number of metrics.json), maps/
// turns it into layers, charts and pages.
#include "layers/schema.h"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace htsplan
{

using KindInts = std::array<int, KindCount>;

//! One row of the target table: a kind's progress, and its cumulative count by year.
struct PackTarget
{
    Kind kind = Kind::Base;
    int count = 0;
    int target = 0;
    int gap = 0;
    double ratio = 0.0;        //!< a fraction
    std::map<int, int> byYear; //!< cumulative count at the end of each year
};

//! A city's figures for one kind, against the province.
struct PackKindFigures
{
    int count = 0;
    double share = 0.0;                //!< of the province's count, a fraction
    int rank = 0;                      //!< among the cities, 1 = most (ties share a rank)
    double per10kKm2 = 0.0;
    std::optional<double> perMillion; //!< unknown population: none
    std::optional<double> coverage;   //!< area share within the radius; only for the kinds the targets measure
};

struct PackSector
{
    std::string code, nameZh, nameEn;
};

struct PackCity
{
    std::string code, nameZh, nameEn;
    double areaKm2 = 0.0;
    std::optional<double> population;
    std::array<PackKindFigures, KindCount> kinds;
    //! Counted carriers per sector code (PackFigures::sectors' codes, "unknown" last), per kind.
    std::map<std::string, KindInts> bySector;
};

struct PackCounty
{
    std::string code, nameZh, nameEn, cityCode;
    double areaKm2 = 0.0;
    KindInts counts{};
};

//! A shape of an analysis page, in the storage CRS (EPSG:4490), as WKT.
struct PackShape
{
    std::string wkt;
    std::string label;   //!< legend class or name
    long long value = 0; //!< a count (cluster size, hexagon count)
};

/**
 * One analysis page: its title, its text and the layers drawn over the
 * province, on the template analysis_a4.qpt with the map theme
 * "htsplan_<key>". The hot-spot page of the spatial statistics (issue 13)
 * is one more of these: a key, its shapes and a theme in pack_project.cpp.
 */
struct PackAnalysisPage
{
    std::string key;          //!< "kde", "coverage", "clusters": the page's file name
    std::string titleZh, subtitleEn;
    std::string text;         //!< the figures beside the map, several lines
    std::string rasterPath;   //!< kde: a GeoTIFF in any CRS with one band
    std::vector<PackShape> areas;   //!< coverage: one buffer union per kind (label = kind); clusters: hulls
    std::vector<PackShape> areas2;  //!< coverage: the uncovered area
};

//! A facility layer too big to print point by point, drawn as hexagons instead.
struct PackAggregate
{
    Kind kind = Kind::Enterprise;
    long long points = 0;
    double cellM = 0.0;
    std::vector<PackShape> cells; //!< hexagons with at least one point (value = count)
};

struct PackFigures
{
    Vintage vintage = Vintage::Y2015;
    int evaluationYear = 0;
    int targetYear = 0;
    int startYear = 0;
    bool sampleData = false;
    double backboneRevenueCny = 0.0;
    int unassigned = 0; //!< features outside the province, not counted
    double radiusKm = 0.0;
    std::string planNameZh;
    std::string dataDate; //!< of the facilities file (its modification date), ISO
    std::vector<PackTarget> targets;
    std::vector<PackSector> sectors;
    std::vector<PackCity> cities;
    std::vector<PackCounty> counties;
    std::vector<PackAnalysisPage> analyses;
    std::vector<PackAggregate> aggregates;
};

} // namespace htsplan
