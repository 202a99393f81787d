#pragma once
// Point-in-polygon for the benchmark generator: tens of millions of tests
// against county polygons of a few hundred vertices each. OGRGeometry::Contains
// builds a GEOS geometry per call (microseconds); binning the edges into
// horizontal strips makes a test look at a handful of edges.
#include <ogr_geometry.h>

#include <cstddef>
#include <vector>

namespace htsplan::bench
{

//! A polygon (or multipolygon, holes included) indexed for even-odd
//! point-in-polygon tests in its own coordinates.
class StripIndex
{
  public:
    explicit StripIndex( const OGRGeometry &polygon );

    //! True when (x, y) is inside (even-odd rule; a point exactly on an edge may go either way).
    bool contains( double x, double y ) const;

    double minX() const { return mMinX; }
    double minY() const { return mMinY; }
    double maxX() const { return mMaxX; }
    double maxY() const { return mMaxY; }

  private:
    struct Edge
    {
        double x1, y1, x2, y2;
    };
    void addRing( const OGRLinearRing &ring, std::vector<Edge> &edges ) const;

    double mMinX = 0, mMinY = 0, mMaxX = 0, mMaxY = 0;
    double mStripHeight = 1;
    std::vector<size_t> mStart; // strip s holds mEdges[mStart[s] .. mStart[s + 1])
    std::vector<Edge> mEdges;
};

} // namespace htsplan::bench
