#pragma once
// Specialization of units (cities, counties) in sectors, on a plain count
// matrix: location quotients, Herfindahl-Hirschman indices, the Gini
// coefficient and its Lorenz curve. The policy's 特色发展、错位发展、专业发展.
#include <cstddef>
#include <vector>

namespace htsplan
{

//! Counts per unit x sector, row-major: counts[u * sectors + s].
struct CountMatrix
{
    std::size_t units = 0;
    std::size_t sectors = 0;
    std::vector<double> counts;

    double at( std::size_t u, std::size_t s ) const { return counts[u * sectors + s]; }
};

//! LQ[u * sectors + s] = (c_us / c_u) / (c_s / c_total). A unit or a sector
//! without carriers has LQ 0 everywhere (nothing to specialize in: it never
//! leads); so does every cell when the matrix is all zero. Never NaN.
//! Throws std::invalid_argument when counts has not units x sectors values or one is negative.
std::vector<double> locationQuotients( const CountMatrix &m );

//! Per unit: sum over sectors of (c_us / c_u)^2, from 1/sectors (even) to 1
//! (a single sector); 0 for a unit without carriers.
std::vector<double> hhiByUnit( const CountMatrix &m );

//! Per sector: sum over units of (c_us / c_s)^2; 0 for a sector without carriers.
std::vector<double> hhiBySector( const CountMatrix &m );

//! The Lorenz curve of values (>= 0) across units: units sorted ascending,
//! points (k / n, share of the total held by the k smallest), k = 0..n.
struct Lorenz
{
    double gini = 0.0; //!< 0 = even, (n-1)/n = all in one unit; 0 when the total is 0
    std::vector<double> unitShare;  //!< k / n, from 0 to 1
    std::vector<double> valueShare; //!< cumulative share, from 0 to 1 (the diagonal when the total is 0)
};

//! Gini = (2 sum_i i x_(i)) / (n sum x) - (n + 1) / n over the ascending x_(i), i = 1..n.
//! Throws std::invalid_argument on a negative or non-finite value.
Lorenz lorenzCurve( const std::vector<double> &values );

//! The index of the unit's leading sector: the largest LQ, ties to the larger
//! count, then to the first sector; -1 for a unit without carriers.
int leadingSector( const CountMatrix &m, const std::vector<double> &lq, std::size_t unit );

} // namespace htsplan
