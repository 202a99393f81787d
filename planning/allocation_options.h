#pragma once
// The planner's choice of how to split the targets as text: one reading for
// htsplan:allocate's parameters, `htsplan report/export --split-*` and the
// report's record of it (metrics.json, the pack).
#include "layers/admin.h"
#include "planning/allocation.h"

#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace htsplan
{

/**
 * The blend factors of "population", "population=0.5,current=0.5" (also ':'
 * and Chinese commas; a key alone is factor 1). Keys: weightBasisKey's
 * (population, area, current, equal, table). Throws InputError naming option
 * and the entry for an unknown key, a factor that is not a number >= 0, a key
 * given twice, or factors all 0.
 */
std::array<double, WeightBasisCount> parseBlend( const std::string &text, const std::string &option );

//! hamilton (also largest-remainder), dhondt (d'hondt), sainte-lague (saintelague); InputError naming option otherwise.
ApportionMethod parseApportionMethod( const std::string &text, const std::string &option );

//! remaining, fill-up (also fill_up); InputError naming option otherwise (whole is the pace's, not a planner's choice).
AllocationBasis parseAllocationBasis( const std::string &text, const std::string &option );

/**
 * "370100=2, 371200=1" (also ':' and Chinese commas): whole numbers from 0 to
 * 1,000,000 per city code; InputError naming option and the entry.
 */
std::map<std::string, long long> parseBoundsByCode( const std::string &text, const std::string &option );

/**
 * A bound for every city and per city in one text: "2" (every city), "370100=2,
 * 371200=1" (per city), or both ("1, 370100=2"). Sets all (when a bare number is
 * given) and byCode; InputError naming option and the entry (as parseBoundsByCode),
 * or for two bare numbers.
 */
void parseBounds( const std::string &text, const std::string &option, long long &all, std::map<std::string, long long> &byCode );

//! The blend as the records say it: "population", "population 0.5 + current 0.5".
std::string blendText( const std::array<double, WeightBasisCount> &blend );

/**
 * Reads the blend's table (layers/import/city_weights.h) into options.table
 * and tableName, for the cities of admin. Returns how it was read ("'gdp' of
 * w.csv, read as UTF-8 (...)"). Throws InputError naming option when the blend
 * uses the table and path or column is empty, and as readCityWeights does.
 */
std::string readWeightsTable( AllocationOptions &options, const std::string &path, const std::string &column, const AdminData &admin,
                              const std::string &option );
//! As above for the cities given (code, Chinese name): a front door without the admin map (the dock's metrics).
std::string readWeightsTable( AllocationOptions &options, const std::string &path, const std::string &column,
                              const std::vector<std::pair<std::string, std::string>> &cities, const std::string &option );


} // namespace htsplan
