#include "report/snapshot.h"

#include "geometry/reproject.h"
#include "layers/problems.h"
#include "report/compute_analyses.h"

namespace htsplan
{

namespace
{
/**
 * Hot spots and Moran's I of the counties' enterprises and carriers counted
 * in the evaluation year (counts: the figures of every other table, so a
 * report for 2012 finds 2012's hot spots), on the counties' outlines in the
 * analysis CRS, as htsplan:hotspots and htsplan:moran compute them on the
 * counties layer. The counties without a contiguous neighbour are problems
 * (named, on stderr and in metrics.json), never dropped.
 */
CountyStatistics countyPatterns( const AdminData &admin, Metrics &metrics )
{
  if ( admin.counties.size() != metrics.counties.size() || admin.counties.size() < 3 )
    return {};
  const TransformPtr toAnalysis = storageToAnalysis();
  std::vector<UnitVertices> outlines;
  std::vector<std::string> codes, names;
  CountyCount enterprises{ "enterprises", "enterprises counted in the county in the evaluation year (counts.enterprise)", {} };
  CountyCount carriers{ "carriers", "carriers of every kind counted in the county in the evaluation year (sum of counts)", {} };
  for ( size_t i = 0; i < admin.counties.size(); ++i )
  {
    const AdminUnit &county = admin.counties[i];
    if ( !county.geometry || county.code != metrics.counties[i].code )
      return {};
    outlines.push_back( outlineVertices( *projectedCopy( *county.geometry, *toAnalysis ), "counties: " + county.nameZh ) );
    codes.push_back( county.code );
    names.push_back( county.nameZh );
    const KindCounts &all = metrics.counties[i].counts;
    enterprises.values.push_back( all[static_cast<int>( Kind::Enterprise )] );
    double sum = 0;
    for ( int n : all )
      sum += n;
    carriers.values.push_back( sum );
  }
  CountyStatistics s = countyStatistics( outlines, codes, names, { enterprises, carriers } );
  for ( size_t i : s.isolated )
    metrics.problems.push_back( { "warning", "counties", s.names[i], "",
                                  "no contiguous neighbour (queen, " + std::to_string( static_cast<int>( COUNTY_STATISTICS_SNAP_M ) ) +
                                    " m): kept in the hot spots with itself as its only neighbour (its Gi* is its standardised value, as spdep), "
                                    "left out of Moran's I's n and its local Moran not significant",
                                  "no contiguous neighbour for the spatial statistics" } );
  for ( const std::string &skipped : s.skipped )
    metrics.problems.push_back( { "warning", "counties", "", "", "spatial statistics of " + skipped + ": not computed", "" } );
  return s;
}
} // namespace

Snapshot computeSnapshot( const PlanningInputs &inputs, const SnapshotOptions &options, QgsFeedback *feedback )
{
  Snapshot snapshot;
  snapshot.metrics = computeMetrics( inputs.admin, inputs.facilities, inputs.targets, options.figures, feedback );
  snapshot.metrics.specialization = computeSpecialization( snapshot.metrics.cities, snapshot.metrics.counties, cityNeighbours( inputs.admin ) );
  snapshot.metrics.countyStatistics = countyPatterns( inputs.admin, snapshot.metrics );
  snapshot.metrics.validation = validateRegister( inputs.facilities, inputs.admin, inputs.targets, {}, feedback );
  AllocationOptions split = options.split.options;
  if ( split.blend[static_cast<size_t>( WeightBasis::Table )] > 0 )
    readWeightsTable( split, options.split.tablePath, options.split.tableColumn, inputs.admin, "--split-table" );
  try
  {
    // The planner's targets (the dock's what-if) stand in for the file's in the split and the
    // pace only; the target cards and metrics.json's progress keep the file's.
    Metrics planned;
    const bool ownTargets = !options.split.targets.empty();
    if ( ownTargets )
    {
      planned = snapshot.metrics;
      for ( TargetProgress &t : planned.targets )
        if ( const auto it = options.split.targets.find( t.kind ); it != options.split.targets.end() )
          t.target = it->second;
    }
    const Metrics &m = ownTargets ? planned : snapshot.metrics;
    snapshot.allocation = allocateTargets( m, split );
    for ( const TargetProgress &t : snapshot.metrics.targets )
      if ( const auto it = options.split.targets.find( t.kind ); it != options.split.targets.end() && it->second != t.target )
        snapshot.allocation.notes.push_back( std::string( kindLayer( t.kind ) ) + ": split a target of " + std::to_string( it->second ) +
                                             " as the planner set it (the targets file gives " + std::to_string( t.target ) + ")" );
    snapshot.allocated = true;
    Problems ignored; // centralCityCodes' warnings are computeMetrics' already
    const PaceGroups groups = paceGroups( inputs.admin, centralCityCodes( inputs.admin, inputs.targets, ignored ) );
    snapshot.pace = computePace( m, inputs.targets, groups, split, snapshot.metrics.evaluationYear );
    snapshot.paced = true;
  }
  catch ( const InputError &e )
  {
    // A split the planner asked for (--split-*, the dock's tab) that cannot be made is bad input:
    // said, nothing written. The default split failing (no target, no population or area on
    // another map) leaves the report standing without it.
    if ( !isDefaultPlan( options.split ) )
      throw InputError( std::string( "the targets cannot be split as asked: " ) + e.what() );
    snapshot.metrics.problems.push_back( { "warning", "targets", "", "", std::string( "allocation not computed: " ) + e.what(), "allocation not computed" } );
  }
  if ( options.analyses.enabled )
    snapshot.analyses = computeAnalyses( inputs, snapshot.metrics, options.analyses, &snapshot.density, feedback );
  return snapshot;
}

} // namespace htsplan
