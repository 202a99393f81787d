#pragma once
// `htsplan report`: load, compute, and write metrics.json, the CSV tables and
// the overview map into a folder, all or nothing.
#include "analyses.h"
#include "metrics.h"

#include <string>
#include <vector>

class QgsFeedback;

namespace htsplan
{

struct ReportRequest
{
    std::string adminPath;
    std::string facilitiesPath;
    std::string targetsPath;
    Vintage vintage = Vintage::Y2015;
    ReportOptions options;
    std::string outDir;
    bool withMap = true; //!< overview.pdf and overview.png
    AnalysisOptions analysis; //!< kde.tif and metrics.json "analyses"
};

struct ReportResult
{
    Metrics metrics;
    std::vector<std::string> files; //!< written files, absolute paths
};

//! Default inputs: the bundled data under dataDir().
ReportRequest defaultReportRequest();

/**
 * Runs the report. Every output is first written to a staging folder beside
 * outDir and moved into outDir only when all of them succeeded, so a failure
 * leaves outDir as it was. Throws InputError for bad input, std::runtime_error
 * for output failures.
 */
ReportResult runReport( const ReportRequest &request, QgsFeedback *feedback = nullptr );

} // namespace htsplan
