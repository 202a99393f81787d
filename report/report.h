#pragma once
// `htsplan report`: load, compute, and write metrics.json, the CSV tables,
// kde.tif and the overview map into a folder, all or nothing.
#include "maps/meeting_pack.h"
#include "report/snapshot.h"

#include <optional>
#include <string>
#include <vector>

class QgsFeedback;
class QgsLayerTreeGroup;
class QgsProject;

namespace htsplan
{

struct ReportRequest
{
    InputPaths inputs = defaultInputPaths();
    SnapshotOptions options;
    std::string outDir;
    bool withMap = true; //!< overview.pdf and overview.png (from the overview template)
    //! The meeting pack instead of the overview (`htsplan export`): its pages, formats and
    //! templates; adminPath, facilitiesPath and outDir are the report's.
    std::optional<PackRequest> pack;
    long long packPointLimit = 20000; //!< report/pack_figures.h PACK_POINT_LIMIT
};

struct ReportResult
{
    Snapshot snapshot;
    std::vector<std::string> files;    //!< written files, absolute paths
    std::vector<std::string> warnings; //!< output problems that did not stop the report (an old version not deleted)
    std::vector<std::string> notes;    //!< what a planner must know about the maps (layers drawn aggregated)
    int pages = 0;                     //!< pages of the overview or the pack
};

//! How many years after the targets' target year `--year` may be (a follow-up evaluation).
constexpr int EVALUATION_YEAR_MARGIN = 10;

/**
 * Runs the report. The whole folder is first written to a staging folder
 * beside outDir, which replaces outDir at the end (OutputTransaction): an
 * earlier report there is replaced whole, and a failure or cancel leaves
 * outDir as it was and nothing beside it. An existing outDir that holds
 * anything but an earlier report's files is refused (OutputError), as is an
 * evaluation year outside the plan's horizon (InputError: the targets' start
 * year to EVALUATION_YEAR_MARGIN years after their target year). Throws
 * InputError for bad input, OutputError when an output cannot be written,
 * Canceled on cancel.
 */
ReportResult runReport( const ReportRequest &request, QgsFeedback *feedback = nullptr );

//! What the report reads and computes before it writes anything.
struct PreparedReport
{
    PlanningInputs inputs;
    Snapshot snapshot;
};

/**
 * runReport in two steps, for the plugin: prepareReport reads and computes
 * (any thread; it checks the output folder can be written, and writes
 * nothing), writeReport writes the folder as runReport does (on the thread
 * that owns QGIS's layers when maps are asked for: the main thread in QGIS).
 * Same errors as runReport.
 */
PreparedReport prepareReport( const ReportRequest &request, QgsFeedback *feedback = nullptr );
ReportResult writeReport( const ReportRequest &request, const PreparedReport &prepared, QgsFeedback *feedback = nullptr );

//! What addPackLayouts added to a project.
struct ProjectPackResult
{
    std::vector<std::string> layouts; //!< the names of the layouts added, in page order
    int atlasPages = 0;               //!< pages of the city atlas (0: none)
    std::vector<std::string> notes;   //!< layers drawn aggregated
};

/**
 * The meeting pack in a planner's project, for QGIS's Layout Designer: the
 * pack's layers in group (a group of project's layer tree), its themes and
 * variables (maps/pack_project.h addPackToProject), and its layouts filled
 * from request.pack's templates (both overview papers, the city atlas, the
 * analysis pages: the pages request.pack asks for) added to project's layout
 * manager, replacing layouts of the same names. The files the layers and
 * pictures read (pack_layers.gpkg, kde.tif, the charts in charts/) are
 * written into dataDir, which must stay: a project saved with the layouts
 * reads them. On the thread that owns project. Throws InputError,
 * OutputError, Canceled.
 */
ProjectPackResult addPackLayouts( const ReportRequest &request, const PreparedReport &prepared, QgsProject &project, QgsLayerTreeGroup &group,
                                  const std::string &dataDir, QgsFeedback *feedback = nullptr );

//! InputError unless year (0: the target year) is within the plan's horizon: the targets'
//! start year to EVALUATION_YEAR_MARGIN years after their target year (`htsplan report` and
//! `htsplan project` refuse the same years).
void checkEvaluationYear( int year, const Targets &targets );

} // namespace htsplan
