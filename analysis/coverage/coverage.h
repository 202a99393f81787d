#pragma once
// Area coverage: how much of a study area lies within a distance of a set of
// facilities, measured from their geometry in the equal-area CRS.
#include <ogr_geometry.h>

#include <limits>
#include <memory>
#include <string>
#include <vector>

class QgsFeedback;

namespace htsplan
{

/**
 * Segments per quarter circle of the buffers in reports: the polygonal circle's
 * area is 0.16% short of pi r². QGIS's native:buffer defaults to SEGMENTS=5
 * (1.6% short); pass 5 to reproduce QGIS's buffers exactly.
 */
constexpr int DEFAULT_QUADRANT_SEGMENTS = 16;

/**
 * Union of the buffers of the geometries by radiusM metres (GEOS buffer with
 * round caps and joins, quadrantSegments segments per quarter circle; one
 * cascaded union). Geometries must be in a projected CRS in metres. Returns
 * null when there are no geometries or when feedback is cancelled (progress
 * is left to the caller).
 */
OGRGeometryUniquePtr bufferUnion( const std::vector<const OGRGeometry *> &geometries, double radiusM, QgsFeedback *feedback = nullptr,
                                  int quadrantSegments = DEFAULT_QUADRANT_SEGMENTS );

/**
 * Area in m² of studyArea covered by the union of the buffers. Both in the same
 * projected CRS in metres.
 */
double coveredArea( const std::vector<const OGRGeometry *> &geometries, const OGRGeometry &studyArea, double radiusM,
                    QgsFeedback *feedback = nullptr );

//! A unit (county or city) to measure coverage in.
struct CoverageUnitInput
{
    const OGRGeometry *geometry = nullptr;                       //!< polygonal, projected CRS in metres
    double population = std::numeric_limits<double>::quiet_NaN(); //!< people; NaN when unknown
};

//! Coverage of one unit.
struct UnitCoverage
{
    double areaM2 = 0;        //!< the unit's area (m²)
    double coveredM2 = 0;     //!< its area within the radius of a carrier (m²)
    double areaShare = 0;     //!< coveredM2 / areaM2
    double coveredPopulation = std::numeric_limits<double>::quiet_NaN(); //!< population * areaShare; NaN when unknown
    bool reached = false;     //!< any part covered (coveredM2 > 0; below 1e-9 of the area counts as 0)
    bool covered = false;     //!< areaShare >= CoverageParameters::coveredShare
    OGRGeometryUniquePtr uncovered; //!< the unit minus the buffers (MultiPolygon, may be empty)
};

struct CoverageParameters
{
    double radiusM = 0;                                //!< buffer distance in metres, > 0
    int quadrantSegments = DEFAULT_QUADRANT_SEGMENTS;  //!< segments per quarter circle (QGIS: 5)
    double coveredShare = 0.5;                         //!< a unit is "covered" from this area share on
    bool dissolveUncovered = true;                     //!< also build the dissolved uncovered area
    int threads = 1;                                   //!< units measured in parallel; same result for any count
};

//! Coverage of a set of units, and totals over them.
struct CoverageSummary
{
    std::vector<UnitCoverage> units; //!< same order as the input
    double areaM2 = 0;               //!< sum of the units' areas (units must not overlap)
    double coveredM2 = 0;
    double areaShare = 0;
    double population = 0;           //!< total over units of known population
    double coveredPopulation = 0;    //!< over units of known population
    //! coveredPopulation / population; NaN when no unit has a known population
    double populationShare = std::numeric_limits<double>::quiet_NaN();
    int unitsWithoutPopulation = 0;  //!< left out of the population totals
    int unitsReached = 0;
    int unitsCovered = 0;
    OGRGeometryUniquePtr buffers;    //!< union of the carriers' buffers (null when no carriers)
    //! Union of the units minus the buffers (MultiPolygon); null unless dissolveUncovered.
    OGRGeometryUniquePtr uncovered;
};

/**
 * Area and population coverage of units by the buffers of carriers.
 *
 * carriers: points, lines or polygons; units: polygonal, with population
 * spread evenly over each unit's area. All in one projected CRS in metres.
 * Each unit is intersected only with the parts of the buffer union whose
 * bounding boxes touch it. Throws InputError when the radius is not positive
 * and finite, quadrantSegments < 1, there are no units, or a unit has no
 * geometry or zero area; Canceled when feedback is cancelled. Progress 0-100.
 */
CoverageSummary unitCoverage( const std::vector<const OGRGeometry *> &carriers, const std::vector<CoverageUnitInput> &units,
                              const CoverageParameters &parameters, QgsFeedback *feedback = nullptr );

/**
 * Units' results kept between measurings against different buffer unions
 * (the dashboard's years): a unit's result depends only on its geometry and
 * on the union's polygons near it, so when those are the same bytes as in an
 * earlier measuring the earlier result is taken, not computed again. Safe
 * for measurings on several threads at once; one cache per set of units.
 */
class UnitCoverageCache
{
  public:
    explicit UnitCoverageCache( size_t units );
    ~UnitCoverageCache();
    UnitCoverageCache( const UnitCoverageCache & ) = delete;
    UnitCoverageCache &operator=( const UnitCoverageCache & ) = delete;

    struct Entry;
    //! The result kept for unit and the near polygons' bytes, or false.
    bool find( size_t unit, const std::string &near, UnitCoverage &result ) const;
    void keep( size_t unit, std::string near, const UnitCoverage &result );
    size_t hits() const;

  private:
    struct Slots;
    std::unique_ptr<Slots> mSlots;
};

/**
 * unitCoverage against a buffer union already made (bufferUnion of the
 * carriers with parameters' radius and segments; null when there are no
 * carriers): several sets of units (cities, counties) measured against one
 * union, with the same results as unitCoverage of the carriers. The summary's
 * buffers stay null. Throws as unitCoverage; progress 40-100.
 */
CoverageSummary unitCoverageOfUnion( const OGRGeometry *buffers, const std::vector<CoverageUnitInput> &units, const CoverageParameters &parameters,
                                     QgsFeedback *feedback = nullptr, UnitCoverageCache *cache = nullptr );

} // namespace htsplan
