#pragma once
// Point density on a hexagonal grid laid out exactly like QGIS's "Create grid"
// (native:creategrid, TYPE=4 hexagon), so that a planner can reproduce every
// count with creategrid + native:countpointsinpolygon.
#include <vector>

class QgsFeedback;

namespace htsplan
{

/**
 * The hexagon grid of QGIS 3.22 native:creategrid with TYPE=4 over an extent,
 * in a projected CRS in metres.
 *
 * Cell size: the distance in metres between the centres of two neighbouring
 * cells, which is also the distance between opposite flat sides of a cell
 * (flat-topped regular hexagons, side cellSize / sqrt(3), area
 * sqrt(3) / 2 * cellSize²). In QGIS: VSPACING = cellSize; QGIS derives the
 * column step (0.866 * cellSize) from VSPACING and ignores HSPACING for
 * hexagons except that it refuses an extent narrower than HSPACING, so pass
 * HSPACING = cellSize too, with HOVERLAY = VOVERLAY = 0.
 *
 * Layout (as QGIS): the top-left corner (minX, maxY) is the reference;
 * ceil(width / (0.866 * cellSize)) columns and ceil(height / cellSize) rows;
 * column 0 touches minX with its left vertex, even columns start at maxY and
 * odd columns half a cell lower. QGIS numbers the cells column by column:
 * id = column * rows + row + 1. The cells do not cover a thin strip along the
 * left and top edges of the extent; use covering() to grow a data extent so
 * that they do.
 */
class HexGrid
{
  public:
    //! Default limit on the number of cells (columns x rows) of a grid.
    static constexpr long long DEFAULT_MAX_CELLS = 10000000;

    /**
     * The grid over [minX, maxX] x [minY, maxY] (metres). An extent thinner
     * than one cell still gets one column and one row (QGIS refuses it).
     * Throws InputError when cellSizeM is not positive and finite, when the
     * extent is not finite or inverted, or when the grid would have more than
     * maxCells cells (the message says how many).
     */
    HexGrid( double minX, double minY, double maxX, double maxY, double cellSizeM, long long maxCells = DEFAULT_MAX_CELLS );

    /**
     * The grid over a data extent grown by one side on the left, one cell on
     * top, half a side on the right and half a cell at the bottom (after
     * widening it to at least one cell each way), so that every point of
     * [minX, maxX] x [minY, maxY] lies in a cell. Give QGIS the grown extent
     * (extentMinX() ... extentMaxY()) to get the same cells.
     */
    static HexGrid covering( double minX, double minY, double maxX, double maxY, double cellSizeM,
                             long long maxCells = DEFAULT_MAX_CELLS );

    double cellSize() const { return mCellSize; }
    int columns() const { return mColumns; }
    int rows() const { return mRows; }
    long long cellCount() const { return static_cast<long long>( mColumns ) * mRows; }
    double extentMinX() const { return mMinX; }
    double extentMinY() const { return mMinY; }
    double extentMaxX() const { return mMaxX; }
    double extentMaxY() const { return mMaxY; }

    /**
     * Index (column * rows() + row) of the cell containing (x, y), or -1 when
     * the point is in no cell of the grid (or not finite). A point on an edge
     * shared by two cells goes to one of them. O(1).
     */
    long long cellOf( double x, double y ) const;

    //! QGIS's "id" of a cell: column * rows + row + 1.
    long long qgisId( int column, int row ) const { return static_cast<long long>( column ) * mRows + row + 1; }

    //! Centre of a cell (metres).
    void centre( int column, int row, double &x, double &y ) const;

    /**
     * The closed ring of a cell (7 vertices, the first repeated), computed with
     * the same floating-point operations as QGIS, so that the coordinates are
     * identical to creategrid's.
     */
    void ring( int column, int row, double xs[7], double ys[7] ) const;

  private:
    void rowSpan( int column, int row, double &top, double &middle, double &bottom ) const;
    //! Whether (x, y) is right of the two left slanted edges of a cell.
    bool rightOfLeftEdges( int column, int row, double x, double y ) const;
    int rowIn( int column, double y ) const;

    double mMinX = 0, mMinY = 0, mMaxX = 0, mMaxY = 0;
    double mCellSize = 0;
    double mXVertexLo = 0; //!< half a side: x from the left vertex to the top-left vertex
    double mXVertexHi = 0; //!< a side
    double mColumnStep = 0;
    int mColumns = 0, mRows = 0;
};

//! One cell of the grid holding at least one point.
struct HexCell
{
    long long id = 0; //!< QGIS's "id" (column * rows + row + 1)
    int column = 0;
    int row = 0;
    double centreX = 0, centreY = 0;
    double ringX[7] = {}, ringY[7] = {}; //!< closed ring, as QGIS's polygon
    long long count = 0;                 //!< all points in the cell
};

//! Counts per cell, only for cells with points, in QGIS id order.
struct HexCounts
{
    std::vector<HexCell> cells;
    int categoryCount = 0;
    /**
     * Points per cell and category: cells.size() x categoryCount values,
     * categoryCounts[cell * categoryCount + category]. Points of unknown
     * category (-1) are in HexCell::count only.
     */
    std::vector<long long> categoryCounts;
    long long pointsOutside = 0; //!< points in no cell (outside the grid, or not finite)
};

/**
 * Counts points per hexagon cell and per category.
 *
 * xs, ys: point coordinates (metres, the grid's CRS). category: empty, or one
 * index per point in [0, categoryCount) or -1 for unknown (e.g. the sector).
 * Throws InputError on arrays of different lengths or a category out of range,
 * Canceled when feedback is cancelled. Reports progress 0-100. The result is
 * the same for any thread count.
 */
HexCounts hexGridCounts( const HexGrid &grid, const std::vector<double> &xs, const std::vector<double> &ys,
                         const std::vector<int> &category, int categoryCount, int threads = 1,
                         QgsFeedback *feedback = nullptr );

} // namespace htsplan
