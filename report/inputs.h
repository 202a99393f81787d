#pragma once
// The planning inputs read and checked in one sequence, for every front door
// (`htsplan report`, the plugin's task, the dock to come).
#include "layers/admin.h"
#include "layers/facilities.h"
#include "layers/targets.h"

#include <string>

class QgsFeedback;

namespace htsplan
{

struct InputPaths
{
    std::string adminPath;
    std::string facilitiesPath;
    std::string targetsPath;
    Vintage vintage = Vintage::Y2015;
};

//! The bundled data (layers/paths.h), the 2015 map.
InputPaths defaultInputPaths();

struct PlanningInputs
{
    InputPaths paths;
    Targets targets;
    AdminData admin;       //!< areas in the equal-area CRS
    FacilitySet facilities;
};

/**
 * Reads the targets, the administrative map (areas measured in the equal-area
 * CRS) and the facilities, in that order: the facilities' sectors are checked
 * against the targets. Throws InputError naming the file, layer, feature and
 * field (any other error while reading a file becomes an InputError naming it);
 * Canceled between the steps when feedback is cancelled. Progress 0-100.
 */
PlanningInputs loadPlanningInputs( const InputPaths &paths, QgsFeedback *feedback = nullptr );

} // namespace htsplan
