#pragma once
// The report's spatial analyses: the kernels of the Processing algorithms
// (kde, nni, dbscan, hex grid) run on every facility placed in the province,
// in the analysis CRS; coverage is the one the metrics measured
// (planning/coverage_shares.h), not measured a second time.
#include "analysis/density/kde.h"
#include "planning/metrics.h"
#include "report/analyses.h"
#include "report/inputs.h"

#include <string>

class QgsFeedback;

namespace htsplan
{

/**
 * Runs the analyses; the density raster (in the analysis CRS) goes to
 * *density when given. metrics gives the county of each facility
 * (Metrics::facilityCounty). Writes nothing. Throws InputError when the
 * parameters are not usable, Canceled on cancel.
 */
Analyses computeAnalyses( const PlanningInputs &inputs, const Metrics &metrics, const AnalysisOptions &options, KdeGrid *density,
                          QgsFeedback *feedback = nullptr );

} // namespace htsplan
