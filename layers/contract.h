#pragma once
// The facility layer contract (README, "The facility layer contract"),
// declared once: the reader, the data builder (tools/), the benchmark's
// generator (bench/) and the tests take the layer and field names from here.
#include "layers/schema.h"

#include <ogr_core.h>

#include <vector>

namespace htsplan
{

//! Field names of the contract.
namespace field
{
constexpr const char *Name = "name";
constexpr const char *Sector = "sector";
constexpr const char *Status = "status";
constexpr const char *Year = "year";
constexpr const char *RevenueCny = "revenue_cny";
constexpr const char *Id = "id";
constexpr const char *ZoneType = "zone_type";
constexpr const char *Parent = "parent";
constexpr const char *EnterpriseId = "enterprise_id"; //!< enterprise_revenue: the enterprise's id
//! Optional, read when present (not written by the data builder): the city and county the register files the feature under.
constexpr const char *CityCode = "city_code";
constexpr const char *CountyCode = "county_code";
} // namespace field

//! The optional table of enterprises' revenue by year (enterprise_id, year, revenue_cny).
constexpr const char *REVENUE_TABLE = "enterprise_revenue";

struct ContractField
{
    const char *name;
    OGRFieldType type;
};

//! The fields a layer of the kind may carry, in the order the data builder writes them.
std::vector<ContractField> contractFields( Kind kind );

//! The fields of the enterprise_revenue table, in the order the data builder writes them.
std::vector<ContractField> revenueTableFields();

} // namespace htsplan
