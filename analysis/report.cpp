#include "report.h"

#include "metrics_io.h"
#include "overview_map.h"
#include "planning_map.h"
#include "report_analyses.h"

#include <qgsfeedback.h>

#include <filesystem>
#include <unistd.h>

namespace fs = std::filesystem;

namespace htsplan
{

ReportRequest defaultReportRequest()
{
  ReportRequest r;
  r.adminPath = defaultAdminPath().toStdString();
  r.facilitiesPath = defaultFacilitiesPath().toStdString();
  r.targetsPath = defaultTargetsPath().toStdString();
  return r;
}

namespace
{
//! Removes the staging folder whatever happens.
struct StagingDir
{
    fs::path path;
    ~StagingDir()
    {
      std::error_code ignored;
      fs::remove_all( path, ignored );
    }
};
} // namespace

ReportResult runReport( const ReportRequest &request, QgsFeedback *feedback )
{
  if ( request.outDir.empty() )
    throw InputError( "no output folder given (--out DIR)" );
  if ( !( request.options.radiusKm > 0 ) )
    throw InputError( "the coverage radius must be positive (--radius-km)" );

  // Read and check every input before anything is written.
  const Targets targets = loadTargets( request.targetsPath );
  const AdminData admin = loadAdmin( request.adminPath, request.vintage );
  const FacilitySet facilities = loadFacilities( request.facilitiesPath, targets );

  ReportResult result;
  result.metrics = computeMetrics( admin, facilities, targets, request.options, feedback );

  const fs::path outDir = fs::absolute( request.outDir );
  if ( fs::exists( outDir ) && !fs::is_directory( outDir ) )
    throw std::runtime_error( "output path " + outDir.string() + " exists and is not a folder" );
  const fs::path parent = outDir.parent_path();
  fs::create_directories( parent );
  StagingDir staging{ parent / ( "." + outDir.filename().string() + ".htsplan-" + std::to_string( ::getpid() ) ) };
  fs::create_directories( staging.path );

  std::vector<std::string> names = { "metrics.json", "cities.csv", "counties.csv" };
  if ( request.analysis.enabled )
  {
    result.metrics.analyses = computeAnalyses( admin, facilities, targets, result.metrics, request.analysis,
                                               ( staging.path / "kde.tif" ).string(), feedback );
    if ( result.metrics.analyses.computed )
      names.push_back( "kde.tif" );
  }
  writeFileAtomically( ( staging.path / "metrics.json" ).string(), metricsJson( result.metrics, targets ) );
  writeFileAtomically( ( staging.path / "cities.csv" ).string(), unitsCsv( result.metrics.cities, false ) );
  writeFileAtomically( ( staging.path / "counties.csv" ).string(), unitsCsv( result.metrics.counties, true ) );
  if ( request.withMap )
  {
    if ( feedback && feedback->isCanceled() )
      throw Canceled();
    OverviewMapRequest map;
    map.adminPath = request.adminPath;
    map.facilitiesPath = request.facilitiesPath;
    map.vintage = request.vintage;
    map.pdfPath = ( staging.path / "overview.pdf" ).string();
    map.pngPath = ( staging.path / "overview.png" ).string();
    exportOverviewMap( map, result.metrics, targets );
    names.push_back( "overview.pdf" );
    names.push_back( "overview.png" );
  }

  // Everything is written: move the files into place (a rename each).
  fs::create_directories( outDir );
  for ( const std::string &name : names )
  {
    fs::rename( staging.path / name, outDir / name );
    result.files.push_back( ( outDir / name ).string() );
  }
  return result;
}

} // namespace htsplan
