#include "report/report.h"

#include "geometry/crs.h"
#include "layers/atomic_file.h"
#include "layers/output_transaction.h"
#include "layers/problems.h"
#include "maps/export_font.h"
#include "maps/overview_map.h"
#include "report/metrics_io.h"

#include <qgsfeedback.h>

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace htsplan
{

namespace
{
//! The files a report writes: an existing folder holding only these can be replaced.
bool isReportFile( const std::string &name )
{
  static const char *const names[] = { "metrics.json", "cities.csv", "counties.csv", "kde.tif", "kde.tif.aux.xml", "overview.pdf", "overview.png" };
  return std::find( std::begin( names ), std::end( names ), name ) != std::end( names );
}

//! OutputError when outDir holds anything but an earlier report: the whole folder is replaced.
void checkReplaceable( const fs::path &outDir )
{
  std::error_code error;
  if ( !fs::is_directory( outDir, error ) )
    return;
  std::vector<std::string> others;
  for ( fs::directory_iterator it( outDir, error ), end; !error && it != end; it.increment( error ) )
    if ( !isReportFile( it->path().filename().string() ) )
      others.push_back( it->path().filename().string() );
  if ( error )
    throw OutputError( "cannot read the output folder " + outDir.string() + ": " + error.message() );
  if ( !others.empty() )
    throw OutputError( "output folder " + outDir.string() + " holds " + std::to_string( others.size() ) + " file(s) that are not part of a report ('" +
                       others.front() + "'" + ( others.size() > 1 ? ", ..." : "" ) +
                       "): the report replaces the whole folder; give a new or empty folder, or one that holds only an earlier report" );
}

//! InputError unless year (0: the target year) is within the plan's horizon.
void checkEvaluationYear( int year, const Targets &targets )
{
  if ( year == 0 )
    return;
  const int last = targets.targetYear + EVALUATION_YEAR_MARGIN;
  if ( year < targets.startYear || year > last )
    throw InputError( "--year " + std::to_string( year ) + ": outside the plan's horizon, " + std::to_string( targets.startYear ) + " to " +
                      std::to_string( last ) + " (the start year to " + std::to_string( EVALUATION_YEAR_MARGIN ) + " years after the target year " +
                      std::to_string( targets.targetYear ) + ", targets file " + targets.path + ")" );
}

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

  // The output folder first: one that cannot be written fails before the work.
  // The whole folder is staged beside it and replaces it at the end.
  OutputTransaction transaction;
  fs::path outDir = fs::absolute( request.outDir ).lexically_normal();
  if ( !outDir.has_filename() && outDir.has_relative_path() )
    outDir = outDir.parent_path(); // "out/" is out
  const fs::path staging = transaction.stage( outDir.string(), OutputTransaction::Kind::Folder );
  checkReplaceable( outDir );

  // Read and check every input before anything is written.
  const PlanningInputs inputs = loadPlanningInputs( request.inputs, feedback );
  checkEvaluationYear( request.options.figures.year, inputs.targets );
  ReportResult result;
  result.snapshot = computeSnapshot( inputs, request.options, feedback );
  const Snapshot &snapshot = result.snapshot;

  std::vector<std::string> names = { "metrics.json", "cities.csv", "counties.csv" };
  try
  {
    if ( snapshot.analyses.computed )
    {
      writeKdeGeoTiff( snapshot.density, ( staging / "kde.tif" ).string(), analysisWkt() );
      names.push_back( "kde.tif" );
    }
    writeFileAtomically( ( staging / "metrics.json" ).string(), metricsJson( snapshot.metrics, snapshot.analyses, inputs.targets,
                                                                                 request.withMap ? exportFontFamily().toStdString() : std::string() ) );
    writeFileAtomically( ( staging / "cities.csv" ).string(), unitsCsv( snapshot.metrics.cities, false ) );
    writeFileAtomically( ( staging / "counties.csv" ).string(), unitsCsv( snapshot.metrics.counties, true ) );
    if ( request.withMap )
    {
      throwIfCanceled( feedback );
      OverviewMapRequest map;
      map.adminPath = request.inputs.adminPath;
      map.facilitiesPath = request.inputs.facilitiesPath;
      map.vintage = request.inputs.vintage;
      map.pdfPath = ( staging / "overview.pdf" ).string();
      map.pngPath = ( staging / "overview.png" ).string();
      exportOverviewMap( map, overviewFigures( snapshot, inputs.targets ) );
      names.push_back( "overview.pdf" );
      names.push_back( "overview.png" );
    }
  }
  catch ( const OutputError &e )
  {
    // Name the file the planner asked for, not its staged twin.
    std::string message = e.what();
    for ( size_t at = message.find( staging.string() ); at != std::string::npos; at = message.find( staging.string(), at ) )
      message.replace( at, staging.string().size(), outDir.string() );
    throw OutputError( message );
  }
  // Anything GDAL or QGIS left beside the outputs (an .aux.xml) is not an output.
  std::error_code error;
  for ( fs::directory_iterator it( staging, error ), end; !error && it != end; it.increment( error ) )
    if ( std::find( names.begin(), names.end(), it->path().filename().string() ) == names.end() )
      fs::remove_all( it->path(), error );

  // Everything is written: the staged folder replaces outDir whole.
  throwIfCanceled( feedback );
  transaction.commit();
  result.warnings = transaction.warnings();
  for ( const std::string &name : names )
    result.files.push_back( ( outDir / name ).string() );
  return result;
}

} // namespace htsplan
