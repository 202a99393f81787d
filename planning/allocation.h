#pragma once
// Breaking the province's targets down to cities (目标分解, issue 14): per
// kind, the remaining quota (target − counted in the evaluation year) split
// among the cities of the map's vintage by weights the planner picks, rounded
// to whole carriers that sum exactly to the quota.
#include "analysis/apportion/apportion.h"
#include "planning/metrics.h"

#include <array>
#include <map>
#include <string>
#include <vector>

namespace htsplan
{

//! What a city's weight is read from.
enum class WeightBasis
{
  Population, //!< residents; a city without a figure stands in with its share of the province's area (as the dashboard's pace)
  Area,       //!< km², in the equal-area CRS
  Current,    //!< the city's count of the kind in the evaluation year
  Equal,      //!< one each
  Table       //!< a column of a table keyed by city code (layers/import/city_weights.h)
};
constexpr int WeightBasisCount = 5;
//! "population", "area", "current", "equal", "table".
const char *weightBasisKey( WeightBasis basis );

//! How the remaining quota meets the carriers a city already has.
enum class AllocationBasis
{
  /**
   * The remaining quota is split by weight among all cities. A city already at or
   * over its share of the whole target (weight × target) still gets its part of what
   * remains: it is flagged (aboveShare), not skipped.
   */
  Remaining,
  /**
   * The whole target is split by weight and the remaining quota fills the cities up
   * to it: each city's expected total is λ × its weight, λ set so that the additions
   * sum to the remaining quota. A city already at or over that level gets its floor
   * (0 by default) and keeps what it has: nothing is taken away.
   */
  FillUp,
  /**
   * The whole target is split by weight, whatever the cities already have: each
   * city's part of the target (planning/pace.h: the total its pace runs to).
   * KindAllocation::remaining is then the whole target, CityAllocation::allocated
   * and expected the city's part; floors and caps bound the part; nothing is noted
   * for a target already met or a city over its share.
   */
  Whole
};
const char *allocationBasisKey( AllocationBasis basis );

struct AllocationOptions
{
    ApportionMethod method = ApportionMethod::LargestRemainder;
    AllocationBasis basis = AllocationBasis::Remaining;
    //! Factor of each basis (WeightBasis order): each basis is normalised to sum to 1 over the
    //! cities, then mixed by the factors over their sum. One factor alone is that basis.
    std::array<double, WeightBasisCount> blend{ 1, 0, 0, 0, 0 };
    std::map<std::string, double> table; //!< city code -> weight, for WeightBasis::Table
    std::string tableName;               //!< names the table in messages ("gdp of weights.csv")
    long long floorAll = 0;              //!< fewest new carriers per city, every city
    long long capAll = -1;               //!< most new carriers per city, every city (< 0: none)
    std::map<std::string, long long> floors, caps; //!< per city code, over floorAll / capAll
    std::vector<Kind> kinds;             //!< the kinds to split (empty: every kind with a target)
};

/**
 * A split as the planner sets it (the dock's what-if, saved in the project):
 * the options, each kind's target over the targets file's, and where the
 * weights table is read from. One value, so whatever follows the planner's
 * split (the pace, the meeting pack) takes it in one call.
 */
struct AllocationPlan
{
    AllocationOptions options;
    std::map<Kind, int> targets;        //!< kind -> target; a kind not here keeps the targets file's
    std::string tablePath, tableColumn; //!< the table options.table is read from (WeightBasis::Table)
};

struct CityAllocation
{
    std::string code, nameZh, nameEn;
    double weight = 0;        //!< blended and normalised: the cities' weights sum to 1
    double shareOfTarget = 0; //!< weight × target
    int current = 0;          //!< counted in the evaluation year
    double quota = 0;         //!< the exact share before rounding
    long long allocated = 0;  //!< new carriers to designate
    long long expected = 0;   //!< current + allocated (AllocationBasis::Whole: allocated, the city's part)
    bool aboveShare = false;  //!< current >= shareOfTarget
    bool atFloor = false;     //!< quota held at the floor (or over the fill-up level)
    bool atCap = false;       //!< quota held at the cap
};

struct KindAllocation
{
    Kind kind = Kind::Base;
    int target = 0;
    int counted = 0;         //!< the province's count in the evaluation year
    long long remaining = 0; //!< max(0, target − counted): what is split (AllocationBasis::Whole: the target)
    bool targetMet = false;  //!< counted >= target: 0 remaining, nothing split, floors not applied
    std::vector<CityAllocation> cities; //!< Metrics::cities order
};

struct Allocation
{
    int evaluationYear = 0;
    Vintage vintage = Vintage::Y2015;
    AllocationOptions options;
    std::vector<KindAllocation> kinds; //!< the targets' order
    //! What a planner should know: stand-in populations, targets already met, cities over their share.
    std::vector<std::string> notes;
};

/**
 * The counts a split starts from: the evaluation year, per kind its target and
 * the province's count in that year, and each city's counts in that year.
 */
struct AllocationCounts
{
    int year = 0;
    std::vector<TargetProgress> targets; //!< kind, target and the province's count (byYear unused); their order is the split's
    std::vector<KindCounts> cities;      //!< Metrics::cities order
};

//! The counts of m: its evaluation year, its targets and its cities' counts.
AllocationCounts allocationCounts( const Metrics &m );
//! counts with the plan's targets in place of the targets file's.
AllocationCounts withPlanTargets( AllocationCounts counts, const AllocationPlan &plan );

//! True for AllocationPlan(): population weights, Hamilton, basis remaining, no bounds, table or targets of its own.
bool isDefaultPlan( const AllocationPlan &plan );

/**
 * Splits each kind's remaining quota among m.cities (see AllocationOptions).
 * Ties go to the smaller city code. Throws InputError naming the kind, the
 * cities and the values for: a kind without a target, a blend factor negative
 * or all zero, a table without a city or with an unknown code, a floor or cap
 * for an unknown code, weights 0 for every city, floors adding up to more than
 * the quota, caps adding up to less.
 */
Allocation allocateTargets( const Metrics &m, const AllocationOptions &options );

/**
 * As above with other counts: another evaluation year (the dashboard's view of a
 * year, without computing the metrics again) or other targets (a what-if). m gives
 * the cities' codes, names, areas and populations. Also throws InputError when
 * counts has not one entry per city of m.
 */
Allocation allocateTargets( const Metrics &m, const AllocationCounts &counts, const AllocationOptions &options );

} // namespace htsplan
