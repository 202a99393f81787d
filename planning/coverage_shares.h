#pragma once
// Coverage of the province by the counted carriers of each kind the targets
// measure (targets file "coverage_kinds"), computed once for both places the
// report shows it: metrics.json "coverage.area_share_within_radius" and
// "analyses.coverage.by_kind".
#include "analysis/coverage/coverage.h"
#include "layers/admin.h"
#include "layers/facilities.h"

#include <memory>
#include <string>
#include <vector>

namespace htsplan
{

//! How much of the province's cities and counties lies within the radius of one kind's carriers.
struct CoverageKind
{
    std::string kind;             //!< "base", "park"
    long long carriers = 0;
    double areaShare = 0;         //!< of the province (its cities' area), a fraction
    double populationShare = 0;   //!< of the people of cities with a known population, spread over their area
    int citiesReached = 0, citiesCovered = 0;   //!< reached: any part within the radius; covered: at least half its area
    int countiesReached = 0, countiesCovered = 0;
    double uncoveredKm2 = 0;
    //! Per city and per county (admin order): the share of its area within the radius, a fraction.
    //! areaShare is their mean over the cities weighted by area in the analysis CRS.
    std::vector<double> cityShares, countyShares;
};

/**
 * Measures coverage of the province's cities and counties. Everything is
 * projected to the analysis CRS (geometry/crs.h analysisCrs(): equal-area,
 * and true in distance to 0.03% over Shandong, so a 10 km radius is 10 km on
 * the ground in every direction); shares are areas over areas in that one CRS.
 */
class CoverageMeter
{
  public:
    /**
     * Projects the units once; radiusM is the buffer distance in metres. With
     * reuseUnitResults, a unit measured again against the very same buffer
     * polygons near it takes its earlier result (the dashboard's years: the
     * same shares, fewer overlays).
     */
    CoverageMeter( const AdminData &admin, double radiusM, bool reuseUnitResults = false );
    //! Units whose result was taken from an earlier measuring.
    size_t reusedUnits() const;

    //! Coverage by the carriers of kind among carriers (facilities counted and placed in the province, in facility order).
    CoverageKind measure( Kind kind, const std::vector<const Facility *> &carriers ) const;

  private:
    double mRadiusM = 0;
    std::vector<OGRGeometryUniquePtr> mShapes; //!< owns the projected unit geometries
    std::vector<CoverageUnitInput> mCities, mCounties;
    std::unique_ptr<UnitCoverageCache> mCityResults, mCountyResults; //!< with reuseUnitResults only
};

} // namespace htsplan
