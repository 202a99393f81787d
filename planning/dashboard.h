#pragma once
// The dock's figures for every year of the plan from one pass over the data
// (issue 12): the first load computes the metrics once at the last year and
// keeps per-year counts per unit, kind and sector; moving the year slider
// never reassigns a point. Every number a view shows equals what
// computeMetrics gives with that evaluation year (tested year by year).
#include "planning/metrics.h"
#include "planning/pace.h"
#include "layers/targets.h"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

class QgsFeedback;

namespace htsplan
{

//! The slider's last year: the plan's start year (targets) to 2020 (issue 12).
constexpr int DASHBOARD_LAST_YEAR = 2020;

//! A target card: one kind the targets count, in one year.
struct DashboardCard
{
    Kind kind = Kind::Base;
    int target = 0;
    int count = 0;            //!< counted in the year (= TargetProgress::count at that evaluation year)
    double ratio = 0.0;       //!< count / target
    int gap = 0;              //!< max(0, target - count)
    double pathCount = 0.0;   //!< the straight path's count in the year (target at and after the target year)
    PaceState state = PaceState::OnPace;
};

//! A city or a county in one year (same order as Metrics::cities / counties).
struct DashboardUnit
{
    KindCounts counts{};                            //!< counted in the year
    KindShares shareOfProvince{};                   //!< cities only, as UnitStats::shareOfProvince
    KindCounts rank{};                              //!< cities only, as UnitStats::rank
    std::array<double, KindCount> per10kKm2{};       //!< counts per 10,000 km² (area in the equal-area CRS)
    std::array<std::optional<double>, KindCount> perMillion{}; //!< per million people; empty without a population
    std::vector<UnitCoverageShare> coverage;         //!< as UnitStats::coverage, for the year
    //! Kinds (targets order) whose count is below the unit's path (see Dashboard::view).
    std::vector<Kind> behindKinds;
};

struct DashboardView
{
    int year = 0;
    std::vector<DashboardCard> cards;     //!< the targets' kinds, in their order
    std::vector<DashboardUnit> cities;    //!< Metrics::cities order
    std::vector<DashboardUnit> counties;  //!< Metrics::counties order
};

//! The counts a year's view gives, as allocateTargets reads them (the dock's what-if split of that year).
AllocationCounts allocationCounts( const DashboardView &view );

class Dashboard
{
  public:
    //! An empty dashboard (no year is in it) until one is built.
    Dashboard() = default;

    /**
     * The first load: computeMetrics at the last year (DASHBOARD_LAST_YEAR, or the
     * targets' target year when later), the per-year counts per city, county,
     * kind and sector, and the coverage of each year (bases and parks change in few
     * years: years with the same counted carriers share one measuring).
     * Throws as computeMetrics does; Canceled on cancel; progress 0-100.
     */
    static Dashboard build( const AdminData &admin, const FacilitySet &facilities, const Targets &targets,
                            double radiusKm, QgsFeedback *feedback = nullptr );

    int firstYear() const; //!< the plan's start year
    int lastYear() const;  //!< DASHBOARD_LAST_YEAR (or later, see build)

    /**
     * The figures of one year, in microseconds: cards, cities and counties.
     * A city is behind in a kind when its count is below the straight path from
     * (start year, 0) to (the kind's target year, its total), its total being its
     * part of the whole target under the allocation options (planning/pace.h
     * cityTotals; by default population weights and Hamilton rounding, see
     * setAllocation). A county is behind when its count is below its share of its
     * city's path: its share of the city's population, of its area when either
     * population is missing (a county is not given a total of its own).
     * Throws std::out_of_range for a year outside firstYear() to lastYear().
     */
    DashboardView view( int year ) const;

    /**
     * Splits the targets among the cities again with options (the dock's what-if:
     * weights, rounding, floors and caps; the basis and kinds are the pace's, see
     * cityTotals): every view after it reads the new totals. With the weight
     * "current", each year's totals read that year's counts. Throws InputError as
     * allocateTargets does, and then keeps the totals it had.
     */
    void setAllocation( const AllocationOptions &options );
    //! The options the cities' totals follow (default: AllocationOptions(), population and Hamilton).
    const AllocationOptions &allocation() const;
    //! Each city's total of kind in year (Metrics::cities order); empty for a kind without a target.
    std::vector<long long> cityTotals( Kind kind, int year ) const;

    //! Counted carriers of one kind by sector (Metrics::sectors order) in a year: the province (city < 0) or one city.
    std::vector<int> sectorCounts( int year, Kind kind, int city = -1 ) const;
    //! Cumulative counts of one kind by year, firstYear() to lastYear(): the province (city < 0) or one city.
    std::map<int, int> countsByYear( Kind kind, int city = -1 ) const;

    //! The first year a facility counts toward its target (the year the dashboard counts it
    //! from), or 0 when it counts in no year up to lastYear(): the dock selects by it.
    int countsFromYear( const Facility &facility ) const;

    //! The metrics at lastYear(): names, codes, areas, populations, sectors, groups, problems.
    const Metrics &metrics() const;

    /**
     * An OGR SQL WHERE clause (a layer subset string for QGIS's OGR provider) that
     * selects exactly the features of kind that count in year: designated status
     * (as the reader parsed it, whatever the spelling: the distinct texts that parsed
     * as designated), a year at or before it (or none), backbone revenue for
     * enterprises, placed in the province. Names the fields as the file spells them.
     * Features the attribute test alone would take but that do not count (placed
     * outside the province or in no county, a year that cannot be read, repeats,
     * no usable geometry) are excluded by fid; with a year field of text or dates
     * (which SQL cannot compare as the reader reads it) those counted later than
     * year are too. Empty when every feature of the layer counts, or when the file
     * has no layer of kind. Valid in SQLite (GeoPackage) and OGR SQL.
     * Throws std::out_of_range for a year outside firstYear() to lastYear().
     */
    std::string countedFilter( Kind kind, int year ) const;

  private:
    //! Index of a count in the dense arrays: [unit][kind][sector][year - firstYear()].
    size_t at( size_t unit, int kind, size_t sector, int year ) const;
    //! The cumulative count of one unit table (per sector, or the unit's total with sector = sectors).
    int count( const std::vector<int> &table, size_t unit, int kind, size_t sector, int year ) const;
    void checkYear( int year ) const;

    Metrics mMetrics;
    Targets mTargets;
    int mFirstYear = 1, mLastYear = 0; //!< empty: no year is in range
    size_t mYears = 0;
    size_t mSectors = 0; //!< Metrics::sectors, "unknown" included; index mSectors holds the sum over sectors
    //! Cumulative counted carriers at the end of each year, [unit][kind][sector or sum][year].
    std::vector<int> mCounties, mCities, mProvince;
    //! Each county's share of its city's path (population share, else area share; 0 without a city).
    std::vector<double> mCountyPart;
    std::vector<int> mCountyCity; //!< each county's city, an index into Metrics::cities (-1: none)
    AllocationOptions mAllocation;
    //! The cities' totals, [year - firstYear()]: one split per year when the weights read the current counts, else the same each year.
    std::vector<CityTotals> mCityTotals;

    //! One measuring of a coverage kind's counted carriers: the shares per city and county.
    struct CoverageShares
    {
        std::vector<double> cities, counties;
    };
    //! Per coverage kind (Targets::coverageKinds order): its measurings, and which one each year uses.
    struct KindCoverage
    {
        std::string kind;
        std::vector<CoverageShares> measurings;
        std::vector<size_t> byYear; //!< [year - firstYear()] -> index into measurings
    };
    std::vector<KindCoverage> mCoverage;

    //! What the map filter needs of each layer read, and the fids to exclude per kind.
    struct LayerFilter
    {
        LayerReading reading;
        //! Features the attribute test would select at the last year that do not count then.
        std::vector<long long> excluded;
        //! Counted at the last year, by the year from which each counts (for a year field that is not an integer).
        std::vector<std::pair<int, long long>> countedFrom;
    };
    std::map<Kind, LayerFilter> mFilters;
};

} // namespace htsplan
