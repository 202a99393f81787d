#pragma once
// The report's figures: target progress, per-unit counts and densities,
// coverage, groups and sectors. One computation for the CLI and the plugin.
#include "planning/coverage_shares.h"
#include "planning/defaults.h"
#include "planning/specialization.h"
#include "planning/growth.h"
#include "planning/validation.h"
#include "planning/spatial_statistics.h"
#include "layers/admin.h"
#include "layers/facilities.h"
#include "layers/targets.h"

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

class QgsFeedback;

namespace htsplan
{

using KindCounts = std::array<int, KindCount>;
//! Per kind: a fraction.
using KindShares = std::array<double, KindCount>;
//! Per kind: the cumulative count at the end of each year, plan start year to evaluation year.
using YearCounts = std::array<std::map<int, int>, KindCount>;

struct ReportOptions
{
    double radiusKm = DEFAULT_COVERAGE_RADIUS_KM; //!< coverage radius
    int year = 0;           //!< evaluation year; 0 = the targets' target year
    int growthFrom = 0;     //!< first year of the revenue growth span; 0 = the plan's start year
    int growthTo = 0;       //!< last year of the span; 0 = the evaluation year
};

//! A unit's counted carriers of one sector.
struct SectorCounts
{
    std::string sector; //!< a sector code of the targets, or "unknown"
    KindCounts counts{};
};

//! How much of a unit lies within the radius of one kind's counted carriers.
struct UnitCoverageShare
{
    std::string kind;     //!< "base", "park": a kind the targets measure
    double areaShare = 0; //!< of the unit's area (both in the analysis CRS), a fraction
};

struct UnitStats
{
    std::string code;
    std::string nameZh;
    std::string nameEn;
    std::string cityCode;             //!< counties only
    double areaKm2 = 0.0;
    std::optional<double> population;
    KindCounts counts{};              //!< counted toward the targets
    KindCounts countsAll{};           //!< every assigned feature
    YearCounts byYear;                //!< counted, cumulative by year
    //! counts by sector: every sector of the targets in their order, then "unknown"
    //! (no sector or an unknown one) when it has any; they add up to counts.
    std::vector<SectorCounts> bySector;
    //! Per kind the targets measure (Targets::coverageKinds), in their order; from the
    //! same measuring as CoverageStats::byKind.
    std::vector<UnitCoverageShare> coverage;
    //! Cities only (0 for counties): per kind, the rank among the cities by counts,
    //! 1 = most; equal counts share a rank and the next is skipped (1, 2, 2, 4).
    KindCounts rank{};
    //! Cities only (0 for counties): per kind, counts over the province's count, a
    //! fraction; 0 when the province has none.
    KindShares shareOfProvince{};
};

struct TargetProgress
{
    Kind kind = Kind::Base;
    int target = 0;
    int count = 0;
    double ratio = 0.0; //!< count / target, a fraction
    int gap = 0;        //!< max(0, target - count)
    std::map<int, int> byYear; //!< cumulative count at the end of each year, start year to evaluation year
};

struct GroupStats
{
    std::string group; //!< "province", "blue_zone", "central_cities"
    KindCounts counts{};
    KindCounts countsAll{};
    double areaKm2 = 0.0;
    std::optional<double> population;
    std::optional<double> annualGrowthTarget;
    YearCounts byYear;
};

struct SectorStats
{
    std::string code; //!< "unknown" for features whose sector is missing or unknown
    std::string nameZh;
    std::string nameEn;
    KindCounts counts{};
    KindCounts countsAll{};
    YearCounts byYear;
};

struct CoverageStats
{
    double radiusKm = 0.0;
    double provinceAreaKm2 = 0.0;
    std::vector<CoverageKind> byKind; //!< per kind the targets measure (Targets::coverageKinds), in their order
    KindCounts citiesWith{};   //!< cities with at least one counted feature of the kind
    KindCounts countiesWith{};
    int citiesTotal = 0;
    int countiesTotal = 0;
    double seconds = 0.0; //!< time the measuring of byKind took, for the record
};

struct Metrics
{
    std::string adminPath, facilitiesPath, targetsPath;
    Vintage vintage = Vintage::Y2015;
    bool sampleData = false;
    int targetYear = 0;
    int evaluationYear = 0;
    std::vector<TargetProgress> targets;
    std::vector<UnitStats> cities;
    std::vector<UnitStats> counties;
    CoverageStats coverage;
    std::vector<GroupStats> groups;
    std::vector<SectorStats> sectors;
    std::vector<Unassigned> unassigned;
    Problems problems;
    std::vector<int> facilityCounty; //!< per FacilitySet::items, county index or -1
    //! Filled by computeSnapshot (report/snapshot.h), not by computeMetrics: the city
    //! adjacency costs a few tenths of a second the dashboard does not need.
    Specialization specialization;
    GrowthStats growth; //!< revenue growth (computed when the facilities have an enterprise_revenue table)
    //! Hot spots and Moran's I of the counties' counts; filled by computeSnapshot, as specialization.
    CountyStatistics countyStatistics;
    //! The register's checks (planning/validation.h); filled by computeSnapshot, as specialization.
    ValidationResult validation;
};

//! Whether a facility counts toward its target in the evaluation year
//! (designated, year <= evaluation year, enterprises with revenue >= threshold).
//! Placement in the province is checked separately.
bool countsTowardTarget( const Facility &facility, const Targets &targets, int evaluationYear );

//! The central cities' codes: the targets file's central_cities, each a city
//! code or a city's name (济南, 济南市, Jinan) resolved on the admin map. A
//! code not on the map is a warning (Laiwu on the current map); anything else
//! is an InputError naming the file, the key (central_cities[i]) and the valid codes.
std::set<std::string> centralCityCodes( const AdminData &admin, const Targets &targets, Problems &problems );

//! Computes every figure of the report. Checks feedback for cancel between
//! stages and throws Canceled when it is set.
Metrics computeMetrics( const AdminData &admin, const FacilitySet &facilities, const Targets &targets,
                        const ReportOptions &options, QgsFeedback *feedback = nullptr );

} // namespace htsplan
