#pragma once
// Cleaning of a polygon coverage (the county map): repair, remove overlaps,
// fill small gaps, so that the result is a proper partition of its outline.
//
// Works on geometries in a projected CRS in metres (the equal-area CRS of
// crs.h); the caller transforms in and out. Rules, in order:
//  1. Repair each unit with MakeValid (METHOD=STRUCTURE) and keep only the
//     polygonal parts.
//  2. Overlaps: units are processed in ascending code order and each loses
//     what the lower-coded units already hold, so every overlap goes to the
//     unit with the lowest code.
//  3. Outline = union of the repaired units with interior holes filled.
//     Gaps = outline minus the union of units. A gap point goes to the nearest
//     unit within maxGapDistance, by growing rings (ringStep, 2*ringStep, ...):
//     at each distance each unit, in ascending code order, claims the part of
//     the unclaimed gap within that distance of it. A gap part with any point
//     farther than maxGapDistance from every unit is a real hole (an enclave),
//     not a sliver: it is reported and left out of the outline whole.
//  4. Polygon parts and holes smaller than minSliverArea (numerical noise of
//     the overlays) are dropped. The outline returned is the union of the
//     cleaned units, so units and outline agree.
#include <ogr_geometry.h>

#include <string>
#include <vector>

namespace htsplan
{

struct CoverageUnit
{
    std::string code;              //!< ordering key (ascending = higher priority)
    OGRGeometryUniquePtr geometry; //!< polygonal, in a metric CRS; may be invalid
};

struct CoverageOptions
{
    double ringStep = 25.0;       //!< metres between gap-filling rings
    double maxGapDistance = 200.0; //!< gaps farther from every unit are left out
    double minSliverArea = 1.0;   //!< m²: parts and holes below this are noise
    int quadrantSegments = 8;     //!< buffer approximation of the rings
    //! Metres: the result is snap-rounded to this grid (GEOS precision reduction,
    //! valid output) so that vertices closer than this merge; 0 keeps full precision.
    double gridSize = 0.001;
};

struct CoverageReport
{
    int units = 0;
    int repaired = 0;                 //!< units that were invalid on input
    double repairedAreaChange = 0.0;  //!< sum |area after repair - area before| (m²)
    double overlapArea = 0.0;         //!< m² taken from higher-coded units
    int overlapUnits = 0;             //!< units that lost some overlap
    double gapArea = 0.0;             //!< m² of gaps inside the outline
    int gapParts = 0;
    double gapAreaFilled = 0.0;       //!< m² given to units
    double gapAreaLeft = 0.0;         //!< m² farther than maxGapDistance, left out
    int gapPartsLeft = 0;
    double sliverAreaDropped = 0.0;   //!< m² of noise parts and holes dropped
    std::vector<OGRPoint> gapsLeftAt;  //!< a point inside each gap left out
    std::vector<std::string> messages; //!< one line per noteworthy event
};

struct CoverageResult
{
    std::vector<OGRGeometryUniquePtr> units; //!< MultiPolygons, same order as the input
    OGRGeometryUniquePtr outline;            //!< MultiPolygon: union of the cleaned units
    CoverageReport report;
};

//! Cleans a coverage; the input order is kept in the result.
CoverageResult cleanCoverage( std::vector<CoverageUnit> units, const CoverageOptions &options = CoverageOptions() );

//! The polygonal parts of a geometry as a MultiPolygon (never null; empty when none),
//! dropping polygons smaller than minArea.
OGRGeometryUniquePtr polygonalPart( const OGRGeometry *geometry, double minArea = 0.0 );

//! MakeValid with METHOD=STRUCTURE, keeping the polygonal parts (a MultiPolygon).
OGRGeometryUniquePtr repairPolygonal( const OGRGeometry &geometry );

//! The polygons of a geometry with all interior rings removed (a MultiPolygon),
//! or only the rings smaller than maxHoleArea when maxHoleArea > 0.
OGRGeometryUniquePtr fillHoles( const OGRGeometry &geometry, double maxHoleArea = 0.0 );

//! The geometry snap-rounded to a grid (GEOS precision reduction with valid output).
OGRGeometryUniquePtr snapToGrid( const OGRGeometry &geometry, double gridSize );

//! Area of a geometry (0 for null).
double areaOf( const OGRGeometry *geometry );

} // namespace htsplan
