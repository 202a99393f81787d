#pragma once
// `htsplan report`: load, compute, and write metrics.json, the CSV tables,
// kde.tif and the overview map into a folder, all or nothing.
#include "report/snapshot.h"

#include <string>
#include <vector>

class QgsFeedback;

namespace htsplan
{

struct ReportRequest
{
    InputPaths inputs = defaultInputPaths();
    SnapshotOptions options;
    std::string outDir;
    bool withMap = true; //!< overview.pdf and overview.png
};

struct ReportResult
{
    Snapshot snapshot;
    std::vector<std::string> files; //!< written files, absolute paths
};

/**
 * Runs the report. Every output is first written to a staging folder beside
 * outDir and moved into outDir only when all of them succeeded, so a failure
 * leaves outDir as it was. Throws InputError for bad input, OutputError when
 * an output cannot be written, Canceled on cancel.
 */
ReportResult runReport( const ReportRequest &request, QgsFeedback *feedback = nullptr );

} // namespace htsplan
