#include "report/metrics_io.h"

#include "analysis/density/unit_density.h"
#include "layers/text.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace htsplan
{

namespace
{
using json = nlohmann::ordered_json;

json kindCounts( const KindCounts &counts )
{
  json out = json::object();
  for ( Kind kind : allKinds() )
    out[kindKey( kind )] = counts[static_cast<int>( kind )];
  return out;
}

//! Per measured kind ("base", "park"), the share of the province within the radius.
json areaShares( const CoverageStats &coverage )
{
  json shares = json::object();
  for ( const CoverageKind &c : coverage.byKind )
    shares[c.kind] = c.areaShare;
  return shares;
}

json kindShares( const KindShares &shares )
{
  json out = json::object();
  for ( Kind kind : allKinds() )
    out[kindKey( kind )] = shares[static_cast<int>( kind )];
  return out;
}

json optionalNumber( const std::optional<double> &value )
{
  return value ? json( *value ) : json( nullptr );
}

json byYear( const std::map<int, int> &years )
{
  json out = json::object();
  for ( const auto &[year, count] : years )
    out[std::to_string( year )] = count;
  return out;
}

json yearCounts( const YearCounts &counts )
{
  json out = json::object();
  for ( Kind kind : allKinds() )
    out[kindKey( kind )] = byYear( counts[static_cast<int>( kind )] );
  return out;
}

//! One city or county; the city code for a county, the rank and share of the province for a city.
json unitJson( const UnitStats &u, bool isCounty )
{
  json out;
  out["code"] = u.code;
  out["name"] = u.nameZh;
  out["name_en"] = u.nameEn;
  if ( isCounty )
    out["city_code"] = u.cityCode;
  out["area_km2"] = u.areaKm2;
  out["population"] = optionalNumber( u.population );
  out["counts"] = kindCounts( u.counts );
  out["counts_all"] = kindCounts( u.countsAll );
  json density = json::object(), perCapita = json::object();
  for ( Kind kind : allKinds() )
  {
    const int n = u.counts[static_cast<int>( kind )];
    density[kindKey( kind )] = per10kKm2( n, u.areaKm2 ).value_or( 0.0 );
    perCapita[kindKey( kind )] = optionalNumber( perMillionPeople( n, u.population ) );
  }
  out["per_10k_km2"] = density;
  out["per_million_people"] = perCapita;
  out["by_year"] = yearCounts( u.byYear );
  json sectors = json::object();
  for ( const SectorCounts &s : u.bySector )
    sectors[s.sector] = kindCounts( s.counts );
  out["by_sector"] = sectors;
  json coverage = json::object();
  for ( const UnitCoverageShare &c : u.coverage )
    coverage[c.kind] = c.areaShare;
  out["coverage_share"] = coverage;
  if ( !isCounty )
  {
    out["rank"] = kindCounts( u.rank );
    out["share_of_province"] = kindShares( u.shareOfProvince );
  }
  return out;
}

//! The "analyses" section; its coverage is the one measured with the figures (planning/coverage_shares.h).
json analysesJson( const Analyses &a, const CoverageStats &measured )
{
  json out;
  out["facilities"] = a.points;
  out["crs"] = "Albers equal-area fitted to Shandong (+proj=aea +lat_0=0 +lon_0=118 +lat_1=35 +lat_2=38 +ellps=GRS80); distances in metres";
  const KdeSummary &k = a.kde;
  out["kde"] = { { "kernel", "quartic" }, { "radius_m", k.radiusM }, { "pixel_m", k.pixelM }, { "rows", k.rows }, { "columns", k.cols },
                 { "max_value", k.maxValue }, { "peak", { { "lon", k.peakLon }, { "lat", k.peakLat }, { "county", k.peakCounty } } },
                 { "file", k.file } };
  const NniSummary &n = a.nni;
  out["nni"] = { { "study_area", n.studyArea }, { "area_km2", n.areaKm2 }, { "point_count", n.points }, { "observed_md_m", n.observedM },
                 { "expected_md_m", n.expectedM }, { "nn_index", n.index }, { "z_score", n.zScore }, { "p_value", n.pValue },
                 { "pattern", n.pattern } };
  const DbscanSummary &d = a.dbscan;
  json largest = json::array();
  for ( const ClusterInfo &c : d.largest )
    largest.push_back( { { "cluster_id", c.id }, { "size", c.size }, { "sector", c.sector }, { "city", c.city },
                         { "hull_area_km2", c.hullAreaKm2 }, { "centre", { { "lon", c.centreLon }, { "lat", c.centreLat } } } } );
  out["dbscan"] = { { "eps_m", d.epsM }, { "min_size", d.minSize }, { "clusters", d.clusters }, { "clustered", d.clustered },
                    { "noise", d.noise }, { "largest", largest } };
  const HexSummary &h = a.hex;
  out["hex_density"] = { { "cell_m", h.cellM }, { "cells_with_facilities", h.cells }, { "max_count", h.maxCount },
                         { "densest_cell", { { "lon", h.maxLon }, { "lat", h.maxLat } } } };
  json coverage = json::array();
  for ( const CoverageKind &c : measured.byKind )
    coverage.push_back( { { "kind", c.kind }, { "carriers", c.carriers }, { "area_share", c.areaShare },
                          { "population_share", c.populationShare }, { "cities_reached", c.citiesReached },
                          { "cities_covered", c.citiesCovered }, { "counties_reached", c.countiesReached },
                          { "counties_covered", c.countiesCovered }, { "uncovered_km2", c.uncoveredKm2 } } );
  out["coverage"] = { { "radius_m", measured.radiusKm * 1000.0 }, { "by_kind", coverage } };
  json seconds = json::object();
  for ( const auto &[name, s] : a.seconds )
    seconds[name] = std::round( s * 1000.0 ) / 1000.0;
  seconds["coverage"] = std::round( measured.seconds * 1000.0 ) / 1000.0;
  out["seconds"] = seconds;
  return out;
}

json bySectorCode( const std::vector<std::string> &sectors, const std::vector<double> &values )
{
  json out = json::object();
  for ( std::size_t s = 0; s < sectors.size() && s < values.size(); ++s )
    out[sectors[s]] = values[s];
  return out;
}

json lorenzJson( const Lorenz &l )
{
  json points = json::array();
  for ( std::size_t k = 0; k < l.unitShare.size(); ++k )
    points.push_back( json::array( { l.unitShare[k], l.valueShare[k] } ) );
  return { { "gini", l.gini }, { "lorenz", points } };
}

json specializationUnits( const Specialization &sp, const std::vector<UnitSpecialization> &units, bool withNeighbours )
{
  json out = json::array();
  for ( const UnitSpecialization &u : units )
  {
    json unit = { { "code", u.code }, { "name", u.nameZh }, { "carriers", u.carriers },
                  { "leading_sector", u.leadingSector.empty() ? json( nullptr ) : json( u.leadingSector ) }, { "leading_lq", u.leadingLq },
                  { "leading_count", u.leadingCount }, { "few_carriers", u.fewCarriers },
                  { "hhi", u.hhi }, { "lq", bySectorCode( sp.sectors, u.lq ) } };
    if ( withNeighbours )
      unit["same_lead_neighbours"] = u.sameLeadNeighbours;
    out.push_back( unit );
  }
  return out;
}

//! statistics.specialization (planning/specialization.h).
json specializationJson( const Specialization &sp )
{
  return { { "carriers", "counted carriers of every kind with a known sector (unknown left out)" },
           { "sectors", sp.sectors },
           { "cities", specializationUnits( sp, sp.cities, true ) },
           { "counties", specializationUnits( sp, sp.counties, false ) },
           { "sector_hhi", { { "cities", bySectorCode( sp.sectors, sp.sectorHhiCities ) }, { "counties", bySectorCode( sp.sectors, sp.sectorHhiCounties ) } } },
           { "gini", { { "cities", lorenzJson( sp.lorenzCities ) }, { "counties", lorenzJson( sp.lorenzCounties ) } } } };
}

//! One CSV cell, always valid UTF-8 (text that is not is read as GB18030), quoted when needed.
std::string csvField( const std::string &raw )
{
  const std::string text = utf8OrGb18030( raw );
  if ( text.find_first_of( ",\"\n\r" ) == std::string::npos )
    return text;
  std::string out = "\"";
  for ( char c : text )
  {
    if ( c == '"' )
      out += '"';
    out += c;
  }
  return out + "\"";
}

} // namespace

namespace
{
//! statistics.growth: revenue growth per city, group and sector over the span (README, "metrics.json").
json growthJson( const GrowthStats &g )
{
  auto unit = []( const char *key, const UnitGrowth &u, bool named ) {
    json years = json::object();
    for ( const auto &[year, rate] : u.cagrByYear )
      years[std::to_string( year )] = { { "cagr", optionalNumber( rate ) },
                                         { "on_track", u.onTrackByYear.at( year ) ? json( *u.onTrackByYear.at( year ) ) : json() } };
    json out;
    out[key] = u.code;
    if ( named )
      out["name"] = u.name;
    out["annual_growth_target"] = optionalNumber( u.line );
    out["enterprises"] = u.span.enterprises;
    out["revenue_from_cny"] = u.span.revenueFrom;
    out["revenue_to_cny"] = u.span.revenueTo;
    out["cagr"] = optionalNumber( u.cagr );
    out["on_track"] = u.onTrack ? json( *u.onTrack ) : json();
    out["by_year"] = years;
    return out;
  };
  json cities = json::array(), groups = json::array(), sectors = json::array();
  for ( const UnitGrowth &u : g.cities )
    cities.push_back( unit( "code", u, true ) );
  for ( const UnitGrowth &u : g.groups )
    groups.push_back( unit( "group", u, false ) );
  for ( const UnitGrowth &u : g.sectors )
    sectors.push_back( unit( "sector", u, true ) );
  return { { "from_year", g.fromYear }, { "to_year", g.toYear }, { "rule", "balanced_panel" },
           { "enterprises_with_revenue", g.enterprisesWithRevenue }, { "panel_enterprises", g.panel.panel },
           { "left_out", g.panel.leftOut }, { "unplaced", g.unplaced },
           { "cities", cities }, { "groups", groups }, { "sectors", sectors } };
}
} // namespace

namespace
{
//! The neighbours both statistics use, and the counties without one (named: never silently dropped).
json countyWeightsJson( const CountyStatistics &s, const char *style )
{
  json isolated = json::array();
  for ( size_t i : s.isolated )
    isolated.push_back( { { "code", s.codes[i] }, { "name", s.names[i] } } );
  return { { "units", "counties" }, { "neighbours", "queen contiguity (a shared vertex within snap_m)" }, { "snap_m", COUNTY_STATISTICS_SNAP_M },
           { "style", style }, { "isolated", isolated } };
}

//! statistics.hotspots: Gi* per county of each count, as htsplan:hotspots names its fields.
json hotspotsJson( const CountyStatistics &s )
{
  json out = { { "weights", countyWeightsJson( s, "binary, each county its own neighbour (spdep include.self, style B)" ) } };
  for ( const CountyPattern &p : s.patterns )
  {
    json bins = json::object();
    for ( int bin = 3; bin >= -3; --bin )
      bins[std::to_string( bin )] = 0;
    json counties = json::array();
    int hot = 0, cold = 0;
    for ( size_t i = 0; i < p.values.size(); ++i )
    {
      const int bin = p.gi.bin[i];
      bins[std::to_string( bin )] = bins[std::to_string( bin )].get<int>() + 1;
      hot += bin > 0 ? 1 : 0;
      cold += bin < 0 ? 1 : 0;
      counties.push_back( { { "code", s.codes[i] }, { "name", s.names[i] }, { "value", p.values[i] }, { "GiZScore", p.gi.z[i] },
                            { "GiPValue", p.gi.p[i] }, { "NNeighbors", p.gi.neighbours[i] }, { "Gi_Bin", bin }, { "label", giBinLabel( bin, false ) },
                            { "label_zh", giBinLabel( bin, true ) } } );
    }
    out[p.variable] = { { "value", p.description }, { "hot_spots", hot }, { "cold_spots", cold }, { "bins", bins }, { "counties", counties } };
  }
  return out;
}

//! statistics.moran: global and local Moran's I of each count, as htsplan:moran gives them.
json moranJson( const CountyStatistics &s )
{
  json out = { { "weights", countyWeightsJson( s, "row-standardised (spdep style W)" ) } };
  for ( const CountyPattern &p : s.patterns )
  {
    const GlobalMoran &g = p.moran.global;
    json counties = json::array();
    for ( size_t i = 0; i < p.values.size(); ++i )
      counties.push_back( { { "code", s.codes[i] }, { "name", s.names[i] }, { "value", p.values[i] }, { "LMiIndex", p.moran.local.Ii[i] },
                            { "LMiZScore", p.moran.local.z[i] }, { "LMiPValue", p.moran.local.p[i] }, { "COType", lisaCode( p.moran.local.type[i] ) },
                            { "COType_zh", lisaLabel( p.moran.local.type[i], true ) } } );
    out[p.variable] = { { "value", p.description },
                        { "global",
                          { { "I", g.I }, { "expected_I", g.expectation }, { "units", g.unitsUsed },
                            { "randomisation", { { "variance", g.varianceRandomisation }, { "z", g.zRandomisation }, { "p", g.pRandomisation } } },
                            { "normality", { { "variance", g.varianceNormality }, { "z", g.zNormality }, { "p", g.pNormality } } },
                            { "p_alternative", "greater (clustering), one-sided" },
                            { "permutation", { { "p", g.pPermutation }, { "permutations", g.permutations }, { "seed", g.seed } } } } },
                        { "local_variance", "conditional randomisation (spdep 1.2 localmoran default); p two-sided; COType where p < 0.05" },
                        { "counties", counties } };
  }
  return out;
}
} // namespace

namespace
{
//! validation: the register's checks, counts by rule (every rule, in rule order) and the violations.
json validationJson( const ValidationResult &v )
{
  json byRule = json::object();
  for ( const ValidationRule &r : validationRules() )
    byRule[r.code] = v.byRule.at( r.code );
  json list = json::array();
  for ( const Violation &x : v.violations )
    list.push_back( { { "code", x.code }, { "severity", x.severity }, { "layer", x.layer }, { "fid", x.fid }, { "id", x.id }, { "name", x.name },
                      { "field", x.field }, { "message_en", x.messageEn }, { "message_zh", x.messageZh } } );
  return { { "errors", v.errors }, { "warnings", v.warnings }, { "by_rule", byRule }, { "violations", list } };
}

//! The split's options as the records give them: weights, method, basis, floors and caps, the table.
json allocationOptionsJson( const AllocationOptions &o )
{
  json weights = json::object();
  for ( int b = 0; b < WeightBasisCount; ++b )
    if ( o.blend[static_cast<size_t>( b )] > 0 )
      weights[weightBasisKey( static_cast<WeightBasis>( b ) )] = o.blend[static_cast<size_t>( b )];
  json floors = json::object(), caps = json::object();
  for ( const auto &[code, n] : o.floors )
    floors[code] = n;
  for ( const auto &[code, n] : o.caps )
    caps[code] = n;
  return { { "weights", weights },
           { "method", apportionMethodKey( o.method ) },
           { "basis", allocationBasisKey( o.basis ) },
           { "floor", o.floorAll },
           { "cap", o.capAll >= 0 ? json( o.capAll ) : json() },
           { "floors", floors },
           { "caps", caps },
           { "table", o.tableName.empty() ? json() : json( o.tableName ) } };
}

//! allocation: the remaining targets split among the cities, per kind (the targets' order), the cities in Metrics::cities order.
json allocationJson( const Allocation &a )
{
  json kinds = json::array();
  for ( const KindAllocation &k : a.kinds )
  {
    json cities = json::array();
    for ( const CityAllocation &c : k.cities )
      cities.push_back( { { "code", c.code }, { "name", c.nameZh }, { "current", c.current }, { "allocated", c.allocated }, { "expected", c.expected } } );
    kinds.push_back( { { "kind", kindKey( k.kind ) }, { "target", k.target }, { "counted", k.counted }, { "remaining", k.remaining }, { "cities", cities } } );
  }
  json out = { { "evaluation_year", a.evaluationYear } };
  out.update( allocationOptionsJson( a.options ) );
  out["kinds"] = kinds;
  out["notes"] = a.notes;
  return out;
}

//! pace: who is behind in the evaluation year, per city and group and kind, and the ranking.
json paceJson( const Pace &p )
{
  auto kindsOf = []( const PaceUnit &u ) {
    json kinds = json::array();
    for ( const PaceKind &k : u.kinds )
      kinds.push_back( { { "kind", kindKey( k.kind ) }, { "target_year", k.targetYear }, { "total", k.total }, { "path", k.path }, { "actual", k.actual },
                         { "gap", k.gap }, { "ratio", optionalNumber( k.ratio ) }, { "state", paceStateKey( k.state ) } } );
    return kinds;
  };
  auto growthOf = []( const PaceUnit &u ) {
    return json{ { "cagr", optionalNumber( u.cagr ) }, { "line", optionalNumber( u.line ) }, { "gap_points", optionalNumber( u.growthGap ) } };
  };
  std::vector<int> rank( p.cities.size(), 0 );
  json ranking = json::array();
  for ( size_t r = 0; r < p.ranking.size(); ++r )
  {
    rank[p.ranking[r]] = static_cast<int>( r ) + 1;
    ranking.push_back( p.cities[p.ranking[r]].code );
  }
  json cities = json::array();
  for ( size_t i = 0; i < p.cities.size(); ++i )
  {
    const PaceUnit &u = p.cities[i];
    cities.push_back( { { "code", u.code }, { "name", u.nameZh }, { "rank", rank[i] }, { "score", u.score }, { "shortfall", u.shortfall }, { "behind", u.behind },
                        { "kinds", kindsOf( u ) }, { "revenue_growth", growthOf( u ) } } );
  }
  json groups = json::array();
  for ( const PaceUnit &u : p.groups )
    groups.push_back( { { "group", u.code }, { "name", u.nameZh }, { "cities", u.cities }, { "behind", u.behind }, { "kinds", kindsOf( u ) },
                        { "revenue_growth", growthOf( u ) } } );
  json out = { { "year", p.year }, { "plan_start_year", p.startYear } };
  out.update( allocationOptionsJson( p.options ) );
  out["rule"] = PACE_RULE;
  out["ranking_rule"] = PACE_RANKING_RULE;
  out["cities"] = cities;
  out["groups"] = groups;
  out["ranking"] = ranking;
  out["notes"] = p.notes;
  return out;
}

nlohmann::ordered_json metricsToJson( const Metrics &m, const Analyses &analyses, const Targets &targets, const std::string &exportFont,
                                      const Allocation *allocation, const Pace *pace )
{
  json doc;
  doc["htsplan_version"] = HTSPLAN_VERSION;
  doc["inputs"] = { { "admin", m.adminPath }, { "facilities", m.facilitiesPath }, { "targets", m.targetsPath }, { "vintage", vintageKey( m.vintage ) } };
  doc["target_year"] = m.targetYear;
  doc["evaluation_year"] = m.evaluationYear;
  doc["plan_start_year"] = targets.startYear;
  doc["sample_data"] = m.sampleData;
  doc["area_crs"] = "Albers equal-area (+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +ellps=GRS80)";

  json targetList = json::array();
  for ( const TargetProgress &p : m.targets )
    targetList.push_back( { { "kind", kindKey( p.kind ) }, { "target", p.target }, { "count", p.count }, { "ratio", p.ratio }, { "gap", p.gap }, { "by_year", byYear( p.byYear ) } } );
  doc["targets"] = targetList;

  json cities = json::array(), counties = json::array();
  for ( const UnitStats &u : m.cities )
    cities.push_back( unitJson( u, false ) );
  for ( const UnitStats &u : m.counties )
    counties.push_back( unitJson( u, true ) );
  doc["cities"] = cities;
  doc["counties"] = counties;

  const CoverageStats &c = m.coverage;
  auto subset = []( const KindCounts &counts ) {
    return json{ { "base", counts[static_cast<int>( Kind::Base )] }, { "park", counts[static_cast<int>( Kind::Park )] }, { "building", counts[static_cast<int>( Kind::Building )] } };
  };
  doc["coverage"] = { { "radius_km", c.radiusKm }, { "province_area_km2", c.provinceAreaKm2 },
                      { "area_share_within_radius", areaShares( c ) },
                      { "cities_with", subset( c.citiesWith ) }, { "cities_total", c.citiesTotal },
                      { "counties_with", subset( c.countiesWith ) }, { "counties_total", c.countiesTotal } };

  json groups = json::array();
  for ( const GroupStats &g : m.groups )
  {
    const json years = yearCounts( g.byYear );
    groups.push_back( { { "group", g.group }, { "counts", kindCounts( g.counts ) }, { "counts_all", kindCounts( g.countsAll ) },
                        { "area_km2", g.areaKm2 }, { "population", optionalNumber( g.population ) },
                        { "annual_growth_target", optionalNumber( g.annualGrowthTarget ) }, { "by_year", years } } );
  }
  doc["groups"] = groups;

  json sectors = json::array();
  for ( const SectorStats &s : m.sectors )
    sectors.push_back( { { "sector", s.code }, { "name", s.nameZh }, { "name_en", s.nameEn }, { "counts", kindCounts( s.counts ) }, { "counts_all", kindCounts( s.countsAll ) }, { "by_year", yearCounts( s.byYear ) } } );
  doc["sectors"] = sectors;

  json unassigned = json::array();
  for ( const Unassigned &u : m.unassigned )
    unassigned.push_back( { { "layer", u.layer }, { "name", u.name }, { "reason", u.reason } } );
  doc["unassigned"] = unassigned;

  if ( analyses.computed )
    doc["analyses"] = analysesJson( analyses, m.coverage );
  if ( m.specialization.computed )
    doc["statistics"]["specialization"] = specializationJson( m.specialization );
  if ( m.growth.computed )
    doc["statistics"]["growth"] = growthJson( m.growth );
  if ( m.countyStatistics.computed )
  {
    doc["statistics"]["hotspots"] = hotspotsJson( m.countyStatistics );
    doc["statistics"]["moran"] = moranJson( m.countyStatistics );
  }

  if ( m.validation.computed )
    doc["validation"] = validationJson( m.validation );
  if ( allocation )
    doc["allocation"] = allocationJson( *allocation );
  if ( pace )
    doc["pace"] = paceJson( *pace );

  json problems = json::array();
  for ( const Problem &p : m.problems )
    problems.push_back( { { "severity", p.severity }, { "layer", p.layer }, { "feature", p.feature }, { "field", p.field }, { "problem", p.problem },
                          { "kind", p.kind.empty() ? p.problem : p.kind } } );
  doc["problems"] = problems;
  if ( !exportFont.empty() )
    doc["exports"] = { { "font", exportFont } };
  return doc;
}
} // namespace

std::string metricsJson( const Metrics &metrics, const Analyses &analyses, const Targets &targets, const std::string &exportFont,
                         const Allocation *allocation, const Pace *pace )
{
  // Names come from planners' files: a byte that is not UTF-8 must never lose
  // the report (the reader decodes GBK already; this is the last guard).
  return metricsToJson( metrics, analyses, targets, exportFont, allocation, pace ).dump( 2, ' ', false, json::error_handler_t::replace ) + "\n";
}

std::string unitsCsv( const std::vector<UnitStats> &units, bool withCityCode )
{
  std::ostringstream out;
  out << "\xEF\xBB\xBF"; // byte-order mark: Excel then reads the Chinese names as UTF-8
  out << "code,name_zh,name_en";
  if ( withCityCode )
    out << ",city_code";
  out << ",area_km2,population";
  for ( const char *suffix : { "", "_all", "_per_10k_km2", "_per_million" } )
    for ( Kind kind : allKinds() )
      out << ',' << kindKey( kind ) << suffix;
  out << "\r\n";
  for ( const UnitStats &u : units )
  {
    out << csvField( u.code ) << ',' << csvField( u.nameZh ) << ',' << csvField( u.nameEn );
    if ( withCityCode )
      out << ',' << csvField( u.cityCode );
    out << ',' << formatNumber( u.areaKm2 ) << ',' << ( u.population ? formatNumber( *u.population ) : "" );
    for ( Kind kind : allKinds() )
      out << ',' << u.counts[static_cast<int>( kind )];
    for ( Kind kind : allKinds() )
      out << ',' << u.countsAll[static_cast<int>( kind )];
    for ( Kind kind : allKinds() )
      out << ',' << formatNumber( per10kKm2( u.counts[static_cast<int>( kind )], u.areaKm2 ).value_or( 0.0 ) );
    for ( Kind kind : allKinds() )
    {
      const std::optional<double> perMillion = perMillionPeople( u.counts[static_cast<int>( kind )], u.population );
      out << ',' << ( perMillion ? formatNumber( *perMillion ) : "" );
    }
    out << "\r\n";
  }
  return out.str();
}

std::string specializationCsv( const Specialization &sp )
{
  std::ostringstream out;
  out << "\xEF\xBB\xBF"; // byte-order mark, as cities.csv
  out << "level,code,name_zh,sector,count,carriers,share,lq,leading,unit_hhi,same_lead_neighbours\r\n";
  auto rows = [&]( const char *level, const std::vector<UnitSpecialization> &units ) {
    for ( const UnitSpecialization &u : units )
    {
      std::string neighbours;
      for ( const std::string &code : u.sameLeadNeighbours )
        neighbours += ( neighbours.empty() ? "" : ";" ) + code;
      for ( std::size_t s = 0; s < sp.sectors.size(); ++s )
        out << level << ',' << csvField( u.code ) << ',' << csvField( u.nameZh ) << ',' << csvField( sp.sectors[s] ) << ','
            << formatNumber( u.counts[s] ) << ',' << formatNumber( u.carriers ) << ','
            << formatNumber( u.carriers > 0 ? u.counts[s] / u.carriers : 0.0 ) << ',' << formatNumber( u.lq[s] ) << ','
            << ( u.leadingSector == sp.sectors[s] ? 1 : 0 ) << ',' << formatNumber( u.hhi ) << ','
            << ( u.leadingSector == sp.sectors[s] ? csvField( neighbours ) : std::string() ) << "\r\n";
    }
  };
  rows( "city", sp.cities );
  rows( "county", sp.counties );
  return out.str();
}

std::string growthCsv( const GrowthStats &g )
{
  std::ostringstream out;
  out << "\xEF\xBB\xBF"; // byte-order mark, as in cities.csv
  out << "scope,code,name,from_year,to_year,enterprises,revenue_from_cny,revenue_to_cny,cagr,annual_growth_target,on_track";
  for ( int y = g.fromYear + 1; y <= g.toYear; ++y )
    out << ",cagr_" << y << ",on_track_" << y;
  out << "\r\n";
  auto flag = []( const std::optional<bool> &b ) { return b ? ( *b ? "on track" : "behind" ) : ""; };
  auto number = []( const std::optional<double> &v ) { return v ? formatNumber( *v ) : std::string(); };
  auto rows = [&]( const char *scope, const std::vector<UnitGrowth> &units ) {
    for ( const UnitGrowth &u : units )
    {
      out << scope << ',' << csvField( u.code ) << ',' << csvField( u.name ) << ',' << g.fromYear << ',' << g.toYear << ',' << u.span.enterprises << ','
          << formatNumber( u.span.revenueFrom ) << ',' << formatNumber( u.span.revenueTo ) << ',' << number( u.cagr ) << ',' << number( u.line ) << ','
          << flag( u.onTrack );
      for ( int y = g.fromYear + 1; y <= g.toYear; ++y )
        out << ',' << number( u.cagrByYear.at( y ) ) << ',' << flag( u.onTrackByYear.at( y ) );
      out << "\r\n";
    }
  };
  rows( "city", g.cities );
  rows( "group", g.groups );
  rows( "sector", g.sectors );
  return out.str();
}

} // namespace htsplan

namespace htsplan
{
std::string hotspotsCsv( const CountyStatistics &s )
{
  std::ostringstream out;
  out << "\xEF\xBB\xBF"; // byte-order mark, as in cities.csv
  out << "variable,code,name_zh,value,GiZScore,GiPValue,NNeighbors,Gi_Bin,label,label_zh,LMiIndex,LMiZScore,LMiPValue,COType,COType_zh\r\n";
  for ( const CountyPattern &p : s.patterns )
    for ( size_t i = 0; i < p.values.size(); ++i )
      out << p.variable << ',' << csvField( s.codes[i] ) << ',' << csvField( s.names[i] ) << ',' << formatNumber( p.values[i] ) << ','
          << formatNumber( p.gi.z[i] ) << ',' << formatNumber( p.gi.p[i] ) << ',' << p.gi.neighbours[i] << ',' << p.gi.bin[i] << ','
          << csvField( giBinLabel( p.gi.bin[i], false ) ) << ',' << csvField( giBinLabel( p.gi.bin[i], true ) ) << ','
          << formatNumber( p.moran.local.Ii[i] ) << ',' << formatNumber( p.moran.local.z[i] ) << ',' << formatNumber( p.moran.local.p[i] ) << ','
          << lisaCode( p.moran.local.type[i] ) << ',' << csvField( lisaLabel( p.moran.local.type[i], true ) ) << "\r\n";
  return out.str();
}
} // namespace htsplan
