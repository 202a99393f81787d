#pragma once
// Hot spots (Getis-Ord Gi*) and Moran's I of polygon units: the weights
// conventions of htsplan:hotspots and htsplan:moran (binary with the unit
// itself for Gi*, row-standardised for Moran) in one place, used by those
// algorithms and by the report's county statistics, so that both give the
// same numbers.
#include "analysis/stats/getis_ord.h"
#include "analysis/stats/moran.h"
#include "analysis/stats/weights.h"

#include <cstdint>
#include <string>
#include <vector>

class OGRGeometry;

namespace htsplan
{

/**
 * The vertices of a polygon or multipolygon for contiguity, as spdep's
 * poly2nb lists them: every ring's vertices, closing vertex included, then the
 * unit's very first vertex dropped. Throws InputError naming \a what when the geometry
 * is not polygonal.
 */
UnitVertices outlineVertices( const OGRGeometry &polygonal, const std::string &what );

//! Gi* of values with binary weights, each unit its own neighbour (spdep's include.self, style "B").
GetisOrd hotSpots( const std::vector<double> &values, const NeighbourLists &lists, bool fdr = false );

//! Global and local Moran's I with row-standardised weights (spdep style "W").
struct MoranResult
{
    GlobalMoran global;
    LocalMoran local;
};
MoranResult moranOf( const std::vector<double> &values, const NeighbourLists &lists, int permutations, uint64_t seed,
                     LocalMoranVariance variance = LocalMoranVariance::Conditional );

//! The report's settings: the toolbox's defaults (queen contiguity, 1 m snap, 999 permutations, seed 1, spdep's default local variance).
constexpr double COUNTY_STATISTICS_SNAP_M = 1.0;
constexpr int COUNTY_STATISTICS_PERMUTATIONS = 999;
constexpr uint64_t COUNTY_STATISTICS_SEED = 1;

//! Hot spots and Moran's I of one count over the counties.
struct CountyPattern
{
    std::string variable;      //!< "enterprises", "carriers"
    std::string description;   //!< what the value counts
    std::vector<double> values; //!< per county, in the counties' order
    GetisOrd gi;
    MoranResult moran;
};

//! The counties' neighbours and the patterns of the report's counts.
struct CountyStatistics
{
    bool computed = false;
    std::vector<std::string> codes, names; //!< per county, in the admin map's order
    NeighbourLists neighbours;             //!< queen contiguity, COUNTY_STATISTICS_SNAP_M
    std::vector<size_t> isolated;          //!< counties with no contiguous neighbour (长岛县)
    std::vector<CountyPattern> patterns;   //!< enterprises, then carriers of every kind
    std::vector<std::string> skipped;      //!< a count that could not be analysed, and why (all values equal, ...)
};

/**
 * Queen contiguity of \a outlines (metres) and, per (variable, description,
 * values) in \a counts, Gi* and Moran's I as htsplan:hotspots and
 * htsplan:moran compute them with their default parameters. A count the
 * kernels refuse (all values equal, fewer than 4 units with neighbours) is
 * left out and named in `skipped`.
 */
struct CountyCount
{
    std::string variable, description;
    std::vector<double> values;
};
CountyStatistics countyStatistics( const std::vector<UnitVertices> &outlines, const std::vector<std::string> &codes, const std::vector<std::string> &names,
                                   const std::vector<CountyCount> &counts );

} // namespace htsplan
