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
 * "htsplan_<key>". The hot-spot page ("hotspots") is one of these: the
 * counties as areas, label and value their Gi_Bin.
 */
struct PackAnalysisPage
{
    std::string key;          //!< "kde", "coverage", "clusters", "hotspots": the page's file name
    std::string titleZh, subtitleEn;
    std::string text;         //!< the figures beside the map, several lines
    std::string rasterPath;   //!< kde: a GeoTIFF in any CRS with one band
    std::vector<PackShape> areas;   //!< coverage: one buffer union per kind (label = kind); clusters: hulls; hotspots: counties (value = Gi_Bin)
    std::vector<PackShape> areas2;  //!< coverage: the uncovered area
};

//! One city's row of the statistics table: its leading sector and its revenue growth (metrics.json statistics.specialization, statistics.growth).
struct PackCityStatistics
{
    std::string code, nameZh;
    std::string leadingSectorZh; //!< empty: no carriers with a sector
    double leadingLq = 0.0;
    double leadingCount = 0.0;   //!< carriers of the leading sector
    double carriers = 0.0;       //!< carriers with a sector
    bool fewCarriers = false;    //!< the LQ rests on few carriers: marked with an asterisk
    double hhi = 0.0;
    std::optional<double> cagr;  //!< a fraction a year; none without revenue
    std::optional<double> line;  //!< the policy's annual growth for the city, a fraction
    std::optional<bool> onTrack;
};

//! The statistics table page (a page of its own, after the analysis pages).
struct PackStatisticsPage
{
    std::string titleZh, subtitleEn;
    int growthFrom = 0, growthTo = 0; //!< 0: no revenue table, no growth columns filled
    std::vector<PackCityStatistics> cities;
    std::string text;                 //!< under the table: what the columns mean
};

//! One table of a table page: headings, rows of text, column widths in mm (they sum to at most 281 less the cells' margins).
struct PackTable
{
    std::vector<std::string> headings;
    std::vector<std::vector<std::string>> rows;
    std::vector<double> widthsMm;
    std::vector<bool> rightAligned;        //!< per column (numbers)
    std::vector<int> highlightedRows;      //!< rows given a red background (errors)
    double heightMm = 0.0;                 //!< of its frame
    double fontPt = 9.0;
};

/**
 * A page of tables on the analysis template (no map), with the text under
 * them: the data checks (数据检查) and the allocation (目标分解).
 */
struct PackTablePage
{
    std::string key;                 //!< "checks", "allocation": the page's file name
    std::string titleZh, subtitleEn;
    std::vector<PackTable> tables;   //!< from the top, one under the other
    std::string text;                //!< under the tables
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
    std::optional<PackStatisticsPage> statistics; //!< none: no statistics table page
    std::vector<PackTablePage> tablePages;        //!< after the statistics page
    std::vector<PackAggregate> aggregates;
};

} // namespace htsplan
