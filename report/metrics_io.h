#pragma once
// metrics.json and the per-unit CSV tables.
#include "planning/allocation.h"
#include "planning/metrics.h"
#include "planning/pace.h"
#include "report/analyses.h"

#include <string>

namespace htsplan
{

//! The stable metrics.json document (see README, "metrics.json"), indented text.
//! (No nlohmann type in this header: QGIS headers carry an older copy of it.)
//! exportFont: the family the map exports use (maps/export_font.h), recorded as "exports": {"font"}; empty without a map.
//! allocation: the split of the remaining targets (report/snapshot.h), "allocation"; none leaves the section out.
//! pace: who is behind in the evaluation year (planning/pace.h), "pace"; none leaves it out.
std::string metricsJson( const Metrics &metrics, const Analyses &analyses, const Targets &targets, const std::string &exportFont = std::string(),
                         const Allocation *allocation = nullptr, const Pace *pace = nullptr );

//! cities.csv / counties.csv: UTF-8 with a byte-order mark, one row per unit.
std::string unitsCsv( const std::vector<UnitStats> &units, bool withCityCode );

//! specialization.csv: one row per city x sector, then per county x sector (README, "specialization.csv").
std::string specializationCsv( const Specialization &specialization );
//! growth.csv: one row per city, group and sector (scope city|group|sector) with the span's
//! growth and, per year after its start, the growth from the start to that year; "on track" or "behind".
std::string growthCsv( const GrowthStats &growth );
//! hotspots.csv: one row per count (variable enterprises|carriers) x county: Gi* and local Moran, as metrics.json statistics.hotspots / moran.
std::string hotspotsCsv( const CountyStatistics &statistics );


} // namespace htsplan
