#pragma once
// The report's spatial analyses: the kernels of the Processing algorithms
// (kde, nni, dbscan, hex grid, coverage) run on every facility placed in the
// province, in the equal-area CRS.
#include "analyses.h"
#include "metrics.h"

#include <string>

class QgsFeedback;

namespace htsplan
{

/**
 * Runs the analyses and writes the density raster to kdePath (GeoTIFF, in the
 * equal-area CRS). metrics gives the county of each facility
 * (Metrics::facilityCounty). Throws InputError when the parameters are not
 * usable, Canceled on cancel.
 */
Analyses computeAnalyses( const AdminData &admin, const FacilitySet &facilities, const Targets &targets, const Metrics &metrics,
                          const AnalysisOptions &options, const std::string &kdePath, QgsFeedback *feedback = nullptr );

} // namespace htsplan
