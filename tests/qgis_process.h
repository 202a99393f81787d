#pragma once
// Runs QGIS's own algorithms through /usr/bin/qgis_process.bin from a test, so
// that an htsplan kernel can be compared with its QGIS twin on the same file.
#include <QVariantMap>

#include <string>
#include <utility>
#include <vector>

namespace testdata
{

using Params = std::vector<std::pair<std::string, std::string>>;

//! ctest's code for a skipped test (SKIP_RETURN_CODE of the twin tests).
constexpr int SkipReturnCode = 77;

/**
 * The qgis_process program: /usr/bin/qgis_process.bin, or the path in the
 * environment variable HTSPLAN_QGIS_PROCESS (to check the skip with a missing one).
 */
std::string qgisProcessPath();

//! Whether qgisProcessPath() is an executable file (twin tests are skipped when not).
bool qgisProcessAvailable();

/**
 * Runs `qgis_process.bin --json run ALGORITHM -- KEY=VALUE ...` (offscreen)
 * and returns its "results" object. Throws std::runtime_error with the
 * program's output when it fails or prints no JSON.
 */
QVariantMap runQgisProcess( const std::string &algorithm, const Params &params );

} // namespace testdata
