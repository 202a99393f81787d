#pragma once
// Revenue growth against the policy's lines (20% a year province-wide, 25% in
// the central cities and the Blue Economic Zone): compound annual growth per
// city, group and sector over a span of years, on a balanced panel.
#include "layers/admin.h"
#include "layers/facilities.h"
#include "layers/targets.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace htsplan
{

//! (to / from)^(1 / years) - 1, a fraction a year; none when from is not
//! positive, to is negative or years < 1 (no rate can be said).
std::optional<double> compoundAnnualGrowth( double revenueFrom, double revenueTo, int years );

//! One unit's revenue summed over the balanced panel of a span.
struct PanelSum
{
    int enterprises = 0;     //!< with revenue in both years
    double revenueFrom = 0;  //!< yuan, in the first year
    double revenueTo = 0;    //!< yuan, in the last year
};

//! What the panel rule left out of a span.
struct PanelCount
{
    int panel = 0;   //!< enterprises with revenue in both years and a unit
    int leftOut = 0; //!< enterprises with revenue in some year of the span but not in both ends
};

/**
 * The balanced panel of the span from..to: an enterprise enters its unit's
 * sum only when it has revenue in both years, so that entries and exits do
 * not pass for growth. unitsOf gives per record's item its units (a city, the
 * groups it belongs to; empty: in none), records the revenue rows. Returns one
 * PanelSum per unit (units of them); count (may be null) receives the panel's
 * size and the enterprises left out (counted once each, whatever their units).
 */
std::vector<PanelSum> balancedPanel( const std::vector<std::vector<int>> &unitsOf, size_t units, const std::vector<RevenueRecord> &records,
                                     int from, int to, PanelCount *count = nullptr );

//! A unit's growth over the span and, per year, from the span's start to that year.
struct UnitGrowth
{
    std::string code;  //!< city code, group ("province", "blue_zone", "central_cities") or sector code ("unknown")
    std::string name;  //!< Chinese name (cities, sectors); empty for groups
    std::optional<double> line; //!< the policy's annual growth for the unit, a fraction (none: the targets give none)
    PanelSum span;
    std::optional<double> cagr;   //!< over the span; none without a panel revenue in the first year
    std::optional<bool> onTrack;  //!< cagr >= line; none without cagr or line
    //! Per year after the span's start up to its end: the growth from the start to that year, on that pair's own panel.
    std::map<int, std::optional<double>> cagrByYear;
    std::map<int, std::optional<bool>> onTrackByYear;
};

struct GrowthStats
{
    bool computed = false; //!< the facilities have an enterprise_revenue table
    int fromYear = 0;
    int toYear = 0;
    int enterprisesWithRevenue = 0; //!< enterprises placed in a county with any revenue row
    PanelCount panel;               //!< the span's panel
    int unplaced = 0;               //!< enterprises with revenue rows that lie in no county (not in any figure)
    std::vector<UnitGrowth> cities;  //!< in the admin map's order
    std::vector<UnitGrowth> groups;  //!< province, blue_zone, central_cities
    std::vector<UnitGrowth> sectors; //!< the targets' sectors in order, then "unknown" when it has revenue
};

/**
 * Growth of the facilities' revenue table over from..to (from < to, both
 * within the table's years). facilityCounty gives each item's county (-1:
 * none), countyCity each county's city; central the central cities' codes.
 * A city's line is the central cities' when it is one, else the Blue Economic
 * Zone's when all of its counties lie in the zone (Binzhou, partly in it, is
 * not), else the province's; a sector's is the province's.
 */
GrowthStats computeGrowth( const AdminData &admin, const FacilitySet &facilities, const Targets &targets, const std::vector<int> &facilityCounty,
                           const std::vector<int> &countyCity, const std::set<std::string> &central, int from, int to );

} // namespace htsplan
