#pragma once
// Who is behind (issue 14): each city's and group's count against a straight
// path from the plan's start to its part of the province's target, and its
// revenue growth against its line. A city's part (its "total") is its share of
// the whole target under the planner's weights and rounding
// (planning/allocation.h, AllocationBasis::Whole), so the cities' totals add up
// to the target exactly and the pace follows the split a planner chose.
#include "planning/allocation.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace htsplan
{

//! Where a count stands against the straight path from (start year, 0) to (target year, target).
enum class PaceState
{
  OnPace,      //!< green: count >= the path's count for the year
  Behind,      //!< amber: count >= 80% of the path's count
  FarBehind    //!< red: below 80% of the path's count
};
//! "on_pace", "behind", "far_behind".
const char *paceStateKey( PaceState state );

/**
 * The straight path's count in year: 0 at and before the start year, target at
 * and after the target year, linear between (a target year at the start year:
 * the target from then on).
 */
double pathCount( long long target, int startYear, int targetYear, int year );
//! Where count stands against the path's count (green, amber below it, red below 80% of it).
PaceState paceState( long long count, double pathCount );

/**
 * The part of allocateTargets' input that depends on the year, at year: each
 * city's and the province's counts are their counts at the end of year (from
 * UnitStats::byYear and TargetProgress::byYear; year from the plan's start to
 * m.evaluationYear), so that the weight "current" reads the year looked at.
 * Counties, sectors and the rest are left out. Throws std::out_of_range for
 * another year.
 */
Metrics countsAtYear( const Metrics &m, int year );

//! Each city's total per kind with a target: its part of the whole target.
struct CityTotals
{
    std::vector<Kind> kinds;                    //!< the targets' kinds, in their order
    std::vector<int> targetYears;               //!< per kind, its target's year
    std::vector<std::vector<long long>> totals; //!< [kind][city], Metrics::cities order; each kind sums to its target
    std::vector<std::string> notes;             //!< allocateTargets' notes (stand-in populations)
};

/**
 * Splits each kind's whole target among m.cities with options' weights,
 * method, floors and caps (the basis is taken as AllocationBasis::Whole, the
 * kinds as every kind with a target; the weight "current" reads m's counts).
 * Throws InputError as allocateTargets does.
 */
CityTotals cityTotals( const Metrics &m, const Targets &targets, const AllocationOptions &options );

//! One unit's pace in one kind, in one year.
struct PaceKind
{
    Kind kind = Kind::Base;
    int targetYear = 0;
    long long total = 0;         //!< the unit's part of the target (a group: the sum of its cities')
    double path = 0.0;           //!< pathCount( total, plan start, targetYear, year )
    int actual = 0;              //!< counted at the end of the year
    int gap = 0;                 //!< carriers short of the path: max(0, ⌈path⌉ − actual)
    std::optional<double> ratio; //!< actual / path; none when the path is 0 (nothing due yet)
    PaceState state = PaceState::OnPace;
};

//! A city or a group in one year.
struct PaceUnit
{
    std::string code;   //!< city code, or the group: "province", "blue_zone", "central_cities"
    std::string nameZh, nameEn;
    std::vector<std::string> cities; //!< groups: their cities' codes
    std::vector<PaceKind> kinds;     //!< the targets' kinds, in their order
    std::optional<double> cagr;      //!< revenue growth from the growth span's start to the year, a fraction a year
    std::optional<double> line;      //!< the policy's annual growth for the unit (20% or 25%), a fraction
    std::optional<double> growthGap; //!< (cagr − line) × 100: percentage points, negative below the line
    /**
     * The ranking's measure: the mean over the kinds whose path is above 0 of
     * min(1, actual / path) (1 when no kind is due yet). Capped at 1 so that being
     * ahead in one kind does not hide being behind in another.
     */
    double score = 1.0;
    int shortfall = 0;   //!< the sum of the kinds' gaps: carriers short of the paths
    bool behind = false; //!< some kind is not on pace
};

struct Pace
{
    int year = 0;      //!< the year looked at
    int startYear = 0; //!< the plan's start: every path starts at 0 there
    AllocationOptions options; //!< the split the totals follow (basis Whole)
    std::vector<PaceUnit> cities; //!< Metrics::cities order
    std::vector<PaceUnit> groups; //!< province, blue_zone, central_cities
    /**
     * The cities from furthest behind: by score (lowest first), then by
     * shortfall (largest first), then by code; indices into cities.
     */
    std::vector<size_t> ranking;
    std::vector<std::string> notes;
};

//! The pace in one sentence, as metrics.json and the pack say it.
constexpr const char *PACE_RULE =
  "each city's total is its share of the whole target (weights, rounding, floors and caps as the split's); its path runs straight from 0 in the "
  "plan's start year to the total in the target's year; on pace: counted >= path, behind: >= 80% of it, far behind: below 80%; gap: carriers "
  "short of the path (ceil(path) - counted); a group's total, path and count are its cities' sums";
//! How the cities are ranked, as metrics.json, the pack and the CLI say it.
constexpr const char *PACE_RANKING_RULE =
  "furthest behind first: by score, the mean over the kinds already due (path above 0) of min(1, counted / path), lowest first; then by the "
  "shortfall (the gaps' sum), largest first; then by city code";

//! The groups' cities, as city codes.
struct PaceGroups
{
    /**
     * The Blue Economic Zone's cities: those whose every county lies in the zone,
     * as the growth lines read it (planning/growth.h; Binzhou, partly in it, is not).
     */
    std::vector<std::string> blueZone;
    std::vector<std::string> central; //!< the central cities (centralCityCodes) on the map
};
PaceGroups paceGroups( const AdminData &admin, const std::set<std::string> &centralCodes );

/**
 * The pace of every city and group in year (the plan's start year to
 * m.evaluationYear; counts from UnitStats::byYear): totals from cityTotals at
 * that year's counts, revenue growth from m.growth (the span's growth when
 * year is the span's end, else the growth from the span's start to year; none
 * without a revenue table or outside the span). A group's total, path and
 * actual are the sums over its cities; its revenue growth is m.growth's group
 * (the Blue Economic Zone's by its counties, Binzhou's two included). Throws InputError as allocateTargets
 * does, std::out_of_range for a year outside the metrics' years.
 */
Pace computePace( const Metrics &m, const Targets &targets, const PaceGroups &groups, const AllocationOptions &options, int year );

} // namespace htsplan
