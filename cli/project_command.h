#pragma once
// `htsplan project`: a QGIS project with the styled planning map and the
// dock's state, ready to open (data/sample/shandong-planning.qgz is made by it).
#include "report/report.h"

namespace htsplan
{

//! Writes request.outDir (a .qgz path) atomically; throws InputError / OutputError.
//! Returns the number of layers in the project.
int writePlanningProject( const ReportRequest &request );

} // namespace htsplan
