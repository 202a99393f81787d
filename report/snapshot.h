#pragma once
// The engine's one snapshot of where the plan stands: the figures of
// metrics.json, the CSV tables, the CLI summary, the plugin's table and the
// layout's target table all come from computeSnapshot().
#include "analysis/density/kde.h"
#include "planning/allocation.h"
#include "planning/allocation_options.h"
#include "planning/pace.h"
#include "planning/metrics.h"
#include "report/analyses.h"
#include "report/inputs.h"

class QgsFeedback;

namespace htsplan
{

struct SnapshotOptions
{
    ReportOptions figures;    //!< evaluation year, coverage radius
    AnalysisOptions analyses; //!< the spatial analyses; enabled = false leaves them out
    /**
     * How the targets are split among the cities (`--split-*`, or the dock's what-if):
     * the allocation and the pace's city totals follow it, a kind's target in
     * AllocationPlan::targets standing in for the targets file's (said in the
     * allocation's notes). Default: population weights, Hamilton, basis
     * remaining, no floors or caps, the file's targets.
     */
    AllocationPlan split;
};

struct Snapshot
{
    Metrics metrics;
    Analyses analyses; //!< computed = false when not asked for or too few points
    KdeGrid density;   //!< the kernel density of the analyses (empty when not computed), in the analysis CRS
    //! The split of the remaining targets among the cities (planning/allocation.h) with
    //! SnapshotOptions::split, every kind with a target; allocated = false when it could not be
    //! split (the reason is then a problem of metrics.json).
    Allocation allocation;
    bool allocated = false;
    //! Who is behind (planning/pace.h) in the evaluation year, the cities' totals split the same
    //! way (basis whole); paced = false when allocated is.
    Pace pace;
    bool paced = false;
};

/**
 * Computes every figure from loaded inputs. Writes nothing. Throws InputError
 * for unusable options (a weights table that cannot be read included),
 * Canceled on cancel; progress 0-100 (the figures first, then the analyses).
 */
Snapshot computeSnapshot( const PlanningInputs &inputs, const SnapshotOptions &options, QgsFeedback *feedback = nullptr );

} // namespace htsplan
