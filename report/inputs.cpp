#include "report/inputs.h"

#include "geometry/crs.h"
#include "layers/paths.h"
#include "layers/problems.h"
#include "layers/vector_file.h"

#include <qgsfeedback.h>

namespace htsplan
{

InputPaths defaultInputPaths()
{
  InputPaths paths;
  paths.adminPath = defaultAdminPath();
  paths.facilitiesPath = defaultFacilitiesPath();
  paths.targetsPath = defaultTargetsPath();
  return paths;
}

PlanningInputs loadPlanningInputs( const InputPaths &paths, QgsFeedback *feedback )
{
  PlanningInputs inputs;
  inputs.paths = paths;
  // A link loop, a folder, an empty file: the same clear refusal as the other inputs.
  checkInputFile( paths.targetsPath, "targets" );
  inputs.targets = loadTargets( paths.targetsPath );
  if ( feedback )
    feedback->setProgress( 10 );
  throwIfCanceled( feedback );
  inputs.admin = loadAdmin( paths.adminPath, paths.vintage, equalArea() );
  if ( feedback )
    feedback->setProgress( 60 );
  throwIfCanceled( feedback );
  inputs.facilities = loadFacilities( paths.facilitiesPath, inputs.targets );
  if ( feedback )
    feedback->setProgress( 100 );
  throwIfCanceled( feedback );
  return inputs;
}

} // namespace htsplan
