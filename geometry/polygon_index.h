#pragma once
// Point-in-polygon assignment of facilities to administrative units.
#include <ogr_geometry.h>

#include <cstdint>
#include <vector>

namespace htsplan
{

/**
 * Finds which of a set of non-overlapping polygons contains a point.
 * Built once from the polygons' rings (copied into plain arrays), then
 * queried with plain coordinates in the polygons' CRS. A uniform grid over
 * the polygons' extent keeps, per cell, the polygons whose bounding box
 * touches it, so a query tests only a few candidates (even-odd rule over all
 * rings of a candidate); a cell no edge crosses knows its polygon outright.
 */
class PolygonIndex
{
  public:
    explicit PolygonIndex( const std::vector<const OGRGeometry *> &polygons, int gridSize = 512 );

    //! Index of the polygon containing (x, y), or -1 when none does.
    int locate( double x, double y ) const;

  private:
    struct Polygon
    {
        double minX, minY, maxX, maxY;
        std::vector<size_t> ringStarts; //!< offsets into mXs/mYs; each ring closed
        std::vector<size_t> ringEnds;
        int rowStart = 0;                          //!< first grid row of rowEdges
        std::vector<std::vector<uint32_t>> rowEdges; //!< per grid row: end vertex k of each edge (k-1, k) spanning the row's band
    };
    //! Even-odd test over the polygon's rings (exterior rings and holes alike), using only
    //! the edges whose y-range meets grid row `row`: no other edge can cross the
    //! horizontal line through the point.
    bool containsInRow( const Polygon &polygon, double x, double y, int row ) const;
    //! True when (x, y) lies on one of the polygon's edges listed for grid row `row`
    //! (within a rounding tolerance): the even-odd test may give such a point to no polygon.
    bool onEdgeInRow( const Polygon &polygon, double x, double y, int row ) const;
    int rowOf( double y ) const;
    void addRing( Polygon &polygon, const OGRLinearRing *ring );

    std::vector<Polygon> mPolygons;
    std::vector<double> mXs, mYs;
    double mMinX = 0, mMinY = 0, mCellW = 1, mCellH = 1;
    int mGrid = 0;
    std::vector<std::vector<int>> mCells;
    static constexpr int MixedCell = -2;
    std::vector<int> mCellOwner; //!< per cell: the polygon holding all of it, -1 for none, MixedCell when an edge crosses it
};

//! For each point, the index of the containing polygon or -1.
std::vector<int> assignPoints( const PolygonIndex &index, const std::vector<double> &xs, const std::vector<double> &ys );

} // namespace htsplan
