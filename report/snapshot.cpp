#include "report/snapshot.h"

#include "report/compute_analyses.h"

namespace htsplan
{

Snapshot computeSnapshot( const PlanningInputs &inputs, const SnapshotOptions &options, QgsFeedback *feedback )
{
  Snapshot snapshot;
  snapshot.metrics = computeMetrics( inputs.admin, inputs.facilities, inputs.targets, options.figures, feedback );
  snapshot.metrics.specialization = computeSpecialization( snapshot.metrics.cities, snapshot.metrics.counties, cityNeighbours( inputs.admin ) );
  if ( options.analyses.enabled )
    snapshot.analyses = computeAnalyses( inputs, snapshot.metrics, options.analyses, &snapshot.density, feedback );
  return snapshot;
}

} // namespace htsplan
