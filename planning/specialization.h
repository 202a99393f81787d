#pragma once
// Which city and county specializes in what (特色发展、专业发展), and where
// neighbouring cities lead in the same sector (错位发展 asks them not to):
// location quotients, HHI and Gini of the counted carriers by sector.
#include "analysis/stats/specialization.h"
#include "layers/admin.h"

#include <string>
#include <vector>

namespace htsplan
{

struct UnitStats;

//! One city or county.
struct UnitSpecialization
{
    std::string code;
    std::string nameZh;
    double carriers = 0;       //!< counted carriers of every kind with a known sector
    std::vector<double> counts; //!< per sector of Specialization::sectors
    std::vector<double> lq;     //!< per sector of Specialization::sectors
    std::string leadingSector; //!< largest LQ (ties: larger count, then the targets' order); empty without carriers
    double leadingLq = 0.0;
    double leadingCount = 0.0; //!< carriers of the leading sector
    //! Fewer than SPECIALIZATION_FEW_CARRIERS carriers: one carrier more or less moves the
    //! LQ a lot (Heze with a single carrier "leads" at LQ 10), so pages and tables mark it.
    bool fewCarriers = false;
    double hhi = 0.0;          //!< over sectors; 0 without carriers
    //! Cities only: codes of the neighbouring cities (sharing a boundary) that lead in the same sector.
    std::vector<std::string> sameLeadNeighbours;
};

struct Specialization
{
    bool computed = false;
    std::vector<std::string> sectors; //!< the targets' sector codes ("unknown" left out: it is no sector)
    std::vector<UnitSpecialization> cities, counties;
    std::vector<double> sectorHhiCities, sectorHhiCounties; //!< per sector, over the units
    Lorenz lorenzCities, lorenzCounties;                    //!< carriers across units
};

//! Per unit (row of m): counts, carriers, LQ, HHI and the leading sector
//! (names from sectors, one per column); code and name left empty.
std::vector<UnitSpecialization> specializeMatrix( const CountMatrix &m, const std::vector<std::string> &sectors );

//! Per polygon, the indices of the polygons that intersect it (a shared
//! boundary or vertex), ascending; a null geometry has none.
std::vector<std::vector<int>> touchingPolygons( const std::vector<const OGRGeometry *> &shapes );

//! touchingPolygons() of admin.cities.
std::vector<std::vector<int>> cityNeighbours( const AdminData &admin );

//! Per unit, the codes of the neighbours that lead in the same sector (none for a unit without carriers).
void flagSameLeadNeighbours( std::vector<UnitSpecialization> &units, const std::vector<std::vector<int>> &neighbours );

//! From the units' bySector counts (summed over kinds); cityNeighbours as from
//! cityNeighbours(), parallel to cities (empty: no flags).
Specialization computeSpecialization( const std::vector<UnitStats> &cities, const std::vector<UnitStats> &counties,
                                      const std::vector<std::vector<int>> &cityNeighbours );

} // namespace htsplan
