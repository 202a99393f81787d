#pragma once
// The convex hull of a point set, on plain coordinate arrays.
#include <vector>

namespace htsplan
{

/**
 * A convex hull as an open vertex list: counter-clockwise, first vertex not
 * repeated. One vertex when all points coincide, two (the extreme ends) when
 * they are collinear, else a polygon without collinear vertices; none for no
 * points.
 */
struct ConvexHull
{
    std::vector<double> xs, ys;
    double area = 0; //!< in the square of the coordinates' unit (m² in a projected CRS), 0 for fewer than 3 vertices
};

/**
 * The convex hull of the points (xs[i], ys[i]) for i below the shorter
 * array's length (Andrew's monotone chain). Exact for a given input: the
 * result does not depend on the points' order.
 */
ConvexHull convexHull( const std::vector<double> &xs, const std::vector<double> &ys );

} // namespace htsplan
