#pragma once
// The dock's what-if split (目标分解) saved in the QGIS project, beside the
// dock's other choices (maps/dashboard_state.h): the weights and their
// factors, the rounding, the basis, floors and caps, the weights table and
// its column, and each kind's target when the planner changed it.
#include "planning/allocation.h"

class QgsProject;

namespace htsplan
{

//! The plan saved in the project, or the default plan (population, Hamilton, remaining) when none is.
AllocationPlan readAllocationPlan( const QgsProject &project );

//! Writes the plan into the project's "htsplan" entries (the table's path relative to the project file when it has one).
void writeAllocationPlan( QgsProject &project, const AllocationPlan &plan );

} // namespace htsplan
