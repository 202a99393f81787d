#pragma once
// The policy's targets as data (data/targets/shandong-2013.json).
#include "layers/schema.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace htsplan
{

struct Sector
{
    std::string code;   //!< "it_services"
    std::string nameZh; //!< 信息技术服务
    std::string nameEn;
    std::vector<std::string> aliases;
};

struct KindTarget
{
    Kind kind;
    int target = 0;
    int year = 0;
};

struct GrowthTarget
{
    std::string group;         //!< "province", "central_cities" or "blue_zone"
    double annualGrowth = 0.0; //!< fraction a year (0.2 = 20%)
};

struct Targets
{
    std::string path;
    std::string planNameZh;
    std::string planNameEn;
    int startYear = 0;
    int targetYear = 0;                   //!< the latest year of the kind targets
    std::vector<KindTarget> kindTargets;  //!< base, park, building, enterprise
    double backboneRevenueCny = 0.0;      //!< an enterprise is backbone at revenue >= this
    std::vector<GrowthTarget> growth;
    std::vector<std::string> centralCities; //!< city codes or names as the file gives them (planning/ centralCityCodes resolves them on the admin map)
    std::vector<Sector> sectors;
    //! The kinds whose coverage of the province is measured ("coverage_kinds"), in file order.
    std::vector<Kind> coverageKinds;

    //! Index into sectors of a code, Chinese or English name or alias (trimmed,
    //! case-insensitive for Latin text); nullopt when unknown.
    std::optional<int> sectorIndex( const std::string &text ) const;
    const KindTarget *targetFor( Kind kind ) const;
};

//! Reads and checks a targets file; throws InputError naming the file (and the
//! line for malformed JSON).
Targets loadTargets( const std::string &path );

} // namespace htsplan
