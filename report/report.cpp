#include "report/report.h"

#include "geometry/crs.h"
#include "layers/atomic_file.h"
#include "layers/problems.h"
#include "maps/overview_map.h"
#include "report/metrics_io.h"

#include <qgsfeedback.h>

#include <filesystem>
#include <unistd.h>

namespace fs = std::filesystem;

namespace htsplan
{

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

//! The overview map's figures from the snapshot.
OverviewFigures overviewFigures( const Snapshot &snapshot, const Targets &targets )
{
  const Metrics &m = snapshot.metrics;
  OverviewFigures f;
  f.evaluationYear = m.evaluationYear;
  f.targetYear = m.targetYear;
  f.cityCount = static_cast<int>( m.cities.size() );
  f.sampleData = m.sampleData;
  f.backboneRevenueCny = targets.backboneRevenueCny;
  f.unassigned = static_cast<int>( m.unassigned.size() );
  f.planNameZh = targets.planNameZh;
  for ( const TargetProgress &p : m.targets )
    f.targets.push_back( { p.kind, p.count, p.target, p.gap, p.ratio } );
  return f;
}

} // namespace

ReportResult runReport( const ReportRequest &request, QgsFeedback *feedback )
{
  if ( request.outDir.empty() )
    throw InputError( "no output folder given (--out DIR)" );
  if ( !( request.options.figures.radiusKm > 0 ) )
    throw InputError( "the coverage radius must be positive (--radius-km)" );

  // Read and check every input before anything is written.
  const PlanningInputs inputs = loadPlanningInputs( request.inputs );
  ReportResult result;
  result.snapshot = computeSnapshot( inputs, request.options, feedback );
  const Snapshot &snapshot = result.snapshot;

  const fs::path outDir = fs::absolute( request.outDir );
  if ( fs::exists( outDir ) && !fs::is_directory( outDir ) )
    throw OutputError( "output path " + outDir.string() + " exists and is not a folder" );
  const fs::path parent = outDir.parent_path();
  std::error_code error;
  fs::create_directories( parent, error );
  StagingDir staging{ parent / ( "." + outDir.filename().string() + ".htsplan-" + std::to_string( ::getpid() ) ) };
  if ( error || !fs::create_directories( staging.path, error ) || error )
    throw OutputError( "cannot create a folder in " + parent.string() + ": " + ( error ? error.message() : "unknown error" ) );

  std::vector<std::string> names = { "metrics.json", "cities.csv", "counties.csv" };
  if ( snapshot.analyses.computed )
  {
    writeKdeGeoTiff( snapshot.density, ( staging.path / "kde.tif" ).string(), analysisWkt() );
    names.push_back( "kde.tif" );
  }
  writeFileAtomically( ( staging.path / "metrics.json" ).string(), metricsJson( snapshot.metrics, snapshot.analyses, inputs.targets ) );
  writeFileAtomically( ( staging.path / "cities.csv" ).string(), unitsCsv( snapshot.metrics.cities, false ) );
  writeFileAtomically( ( staging.path / "counties.csv" ).string(), unitsCsv( snapshot.metrics.counties, true ) );
  if ( request.withMap )
  {
    throwIfCanceled( feedback );
    OverviewMapRequest map;
    map.adminPath = request.inputs.adminPath;
    map.facilitiesPath = request.inputs.facilitiesPath;
    map.vintage = request.inputs.vintage;
    map.pdfPath = ( staging.path / "overview.pdf" ).string();
    map.pngPath = ( staging.path / "overview.png" ).string();
    exportOverviewMap( map, overviewFigures( snapshot, inputs.targets ) );
    names.push_back( "overview.pdf" );
    names.push_back( "overview.png" );
  }

  // Everything is written: move the files into place (a rename each).
  fs::create_directories( outDir, error );
  if ( error )
    throw OutputError( "cannot create the output folder " + outDir.string() + ": " + error.message() );
  for ( const std::string &name : names )
  {
    fs::rename( staging.path / name, outDir / name, error );
    if ( error )
      throw OutputError( "cannot move " + name + " into " + outDir.string() + ": " + error.message() );
    result.files.push_back( ( outDir / name ).string() );
  }
  return result;
}

} // namespace htsplan
