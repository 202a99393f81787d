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

namespace
{
/**
 * Runs a reader; any other failure than InputError or Canceled while reading
 * a file (a GDAL or file system error deep in a corrupt file) is that file's
 * fault: InputError naming it, not a failure of the computation.
 */
template<typename Read>
auto readInput( const std::string &role, const std::string &path, Read read ) -> decltype( read() )
{
  try
  {
    return read();
  }
  catch ( const InputError & )
  {
    throw;
  }
  catch ( const Canceled & )
  {
    throw;
  }
  catch ( const std::runtime_error &e )
  {
    throw InputError( role + " file " + path + ": cannot be read (" + e.what() + ")" );
  }
}
} // namespace

PlanningInputs loadPlanningInputs( const InputPaths &paths, QgsFeedback *feedback )
{
  PlanningInputs inputs;
  inputs.paths = paths;
  // A link loop, a folder, an empty file: the same clear refusal as the other inputs.
  checkInputFile( paths.targetsPath, "targets" );
  inputs.targets = readInput( "targets", paths.targetsPath, [&] { return loadTargets( paths.targetsPath ); } );
  if ( feedback )
    feedback->setProgress( 10 );
  throwIfCanceled( feedback );
  inputs.admin = readInput( "admin", paths.adminPath, [&] { return loadAdmin( paths.adminPath, paths.vintage, equalArea() ); } );
  if ( feedback )
    feedback->setProgress( 60 );
  throwIfCanceled( feedback );
  inputs.facilities = readInput( "facilities", paths.facilitiesPath, [&] { return loadFacilities( paths.facilitiesPath, inputs.targets, feedback ); } );
  if ( feedback )
    feedback->setProgress( 100 );
  throwIfCanceled( feedback );
  return inputs;
}

} // namespace htsplan
