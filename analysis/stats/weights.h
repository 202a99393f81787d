#pragma once
// Spatial weights for the spatial statistics (Moran's I, Getis-Ord Gi*):
// who neighbours whom, built as R's spdep builds it (poly2nb, dnearneigh,
// knearneigh + knn2nb), so that its numbers can be checked against spdep.
#include <cstddef>
#include <string>
#include <vector>

namespace htsplan
{

//! Neighbour lists: lists[i] holds unit i's neighbours in increasing order, never i itself.
using NeighbourLists = std::vector<std::vector<size_t>>;

//! A unit's outline for contiguity: the vertices of all its rings (planning/spatial_statistics.h builds them as spdep does; a vertex listed twice counts twice).
struct UnitVertices
{
    std::vector<double> xs, ys; //!< projected coordinates (metres)
};

/**
 * Contiguity as spdep's poly2nb(snap = snapM, queen = queen): two units are
 * neighbours when at least one (queen) or at least two (rook) pairs of their
 * vertices lie at most \a snapM apart. (Rook counts vertex pairs, not edges,
 * as spdep does: two shared points, which on clean boundaries is a shared edge.)
 */
NeighbourLists contiguityNeighbours( const std::vector<UnitVertices> &units, bool queen, double snapM );

//! Units within \a bandM of each other (distance <= band, coincident points included), as spdep's dnearneigh(coords, 0, band).
NeighbourLists distanceBandNeighbours( const std::vector<double> &xs, const std::vector<double> &ys, double bandM );

//! Each unit's \a k nearest other units (ties: lower index), as spdep's knn2nb(knearneigh(coords, k)): not symmetric.
NeighbourLists nearestNeighbourLists( const std::vector<double> &xs, const std::vector<double> &ys, size_t k );

//! The smallest distance band that gives every unit at least one neighbour: the largest nearest-neighbour distance.
double smallestFullBand( const std::vector<double> &xs, const std::vector<double> &ys );

//! Indices of the units with no neighbour.
std::vector<size_t> isolatedUnits( const NeighbourLists &lists );

//! "长岛县, 某某县" (the first \a max names, then "and N more"): for warnings naming the isolated units.
std::string nameUnits( const std::vector<size_t> &units, const std::vector<std::string> &names, size_t max = 10 );

//! Row-standardised (spdep style "W": each row sums to 1) or binary (style "B": 1 per neighbour).
enum class WeightStyle
{
    RowStandardised,
    Binary
};

//! Sparse weights: row i's weights to neighbours[i]; a unit with no neighbour has an empty row (spdep's zero.policy).
struct SpatialWeights
{
    NeighbourLists neighbours;
    std::vector<std::vector<double>> weights;
    size_t size() const { return neighbours.size(); }
};

/**
 * Weights from neighbour lists; with \a includeSelf each unit is first added
 * to its own list (spdep's include.self(), for Getis-Ord Gi*).
 */
SpatialWeights makeWeights( const NeighbourLists &lists, WeightStyle style, bool includeSelf = false );

} // namespace htsplan
