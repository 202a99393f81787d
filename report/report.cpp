#include "report/report.h"

#include "geometry/crs.h"
#include "layers/atomic_file.h"
#include "layers/output_transaction.h"
#include "layers/problems.h"
#include "maps/export_font.h"
#include "maps/pack_charts.h"
#include "maps/pack_layouts.h"
#include "report/metrics_io.h"
#include "report/pack_figures.h"
#include "analysis/density/kde.h"

#include <qgsfeedback.h>
#include <qgslayoutatlas.h>
#include <qgslayoutmanager.h>
#include <qgsprintlayout.h>
#include <qgsproject.h>

#include <QDir>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;

namespace htsplan
{

namespace
{
//! The files and folders a report or a pack writes: an existing folder holding only these can be replaced.
bool isReportFile( const std::string &name )
{
  static const char *const names[] = { "metrics.json", "cities.csv",       "counties.csv", "specialization.csv", "kde.tif", "kde.tif.aux.xml", "overview.pdf",
                                       "overview.png", "htsplan_pack.pdf", "pages",        "charts",  "cities",
                                       "htsplan_pack.qgz", "htsplan_pack.gpkg", "growth.csv", "hotspots.csv" };
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


} // namespace

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

namespace
{
/**
 * With HTSPLAN_TIMES set, each step's wall time on stderr ("htsplan: time
 * read 2.41 s"): where a big run spends its time, without a profiler.
 */
void stepTime( const char *step )
{
  static const bool enabled = std::getenv( "HTSPLAN_TIMES" ) != nullptr;
  static auto last = std::chrono::steady_clock::now();
  if ( !enabled )
    return;
  const auto now = std::chrono::steady_clock::now();
  std::cerr << "htsplan: time " << step << " " << std::chrono::duration<double>( now - last ).count() << " s\n";
  last = now;
}

PackFigureOptions packFigureOptions( const ReportRequest &request, bool analysisPages, const std::string &kdeTif )
{
  PackFigureOptions options;
  options.analysisPages = analysisPages;
  options.kdeTifPath = kdeTif;
  options.pointLimit = request.packPointLimit;
  options.hexCellM = request.options.analyses.hexCellM;
  return options;
}

//! The absolute output folder ("out/" is out).
fs::path outputFolder( const ReportRequest &request )
{
  fs::path outDir = fs::absolute( request.outDir ).lexically_normal();
  if ( !outDir.has_filename() && outDir.has_relative_path() )
    outDir = outDir.parent_path();
  return outDir;
}
} // namespace

PreparedReport prepareReport( const ReportRequest &request, QgsFeedback *feedback )
{
  if ( request.outDir.empty() )
    throw InputError( "no output folder given (--out DIR)" );
  if ( !( request.options.figures.radiusKm > 0 ) )
    throw InputError( "the coverage radius must be positive (--radius-km)" );
  {
    // The output folder first: one that cannot be written fails before the work.
    OutputTransaction probe;
    probe.stage( outputFolder( request ).string(), OutputTransaction::Kind::Folder );
    checkReplaceable( outputFolder( request ) );
  }
  // Read and check every input before anything is written.
  PreparedReport prepared;
  stepTime( "start" );
  prepared.inputs = loadPlanningInputs( request.inputs, feedback );
  stepTime( "read" );
  checkEvaluationYear( request.options.figures.year, prepared.inputs.targets );
  // A pack without analysis pages needs none of the analyses (a third of the
  // time at a million points): its metrics.json has no "analyses", as with --no-analyses.
  SnapshotOptions options = request.options;
  if ( request.pack && !request.pack->analyses )
    options.analyses.enabled = false;
  prepared.snapshot = computeSnapshot( prepared.inputs, options, feedback );
  stepTime( "figures and analyses" );
  return prepared;
}

ReportResult runReport( const ReportRequest &request, QgsFeedback *feedback )
{
  const PreparedReport prepared = prepareReport( request, feedback );
  return writeReport( request, prepared, feedback );
}

ReportResult writeReport( const ReportRequest &request, const PreparedReport &prepared, QgsFeedback *feedback )
{
  // The whole folder is staged beside it and replaces it at the end.
  OutputTransaction transaction;
  const fs::path outDir = outputFolder( request );
  const fs::path staging = transaction.stage( outDir.string(), OutputTransaction::Kind::Folder );
  checkReplaceable( outDir );

  const PlanningInputs &inputs = prepared.inputs;
  ReportResult result;
  result.snapshot = prepared.snapshot;
  const Snapshot &snapshot = result.snapshot;

  std::vector<std::string> names = { "metrics.json", "cities.csv", "counties.csv", "specialization.csv" };
  try
  {
    if ( snapshot.analyses.computed )
    {
      writeKdeGeoTiff( snapshot.density, ( staging / "kde.tif" ).string(), analysisWkt() );
      names.push_back( "kde.tif" );
    }
    writeFileAtomically( ( staging / "metrics.json" ).string(), metricsJson( snapshot.metrics, snapshot.analyses, inputs.targets,
                                                                                 ( request.withMap || request.pack ) ? exportFontFamily().toStdString() : std::string(),
                                                                                 snapshot.allocated ? &snapshot.allocation : nullptr,
                                                                                 snapshot.paced ? &snapshot.pace : nullptr ) );
    writeFileAtomically( ( staging / "cities.csv" ).string(), unitsCsv( snapshot.metrics.cities, false ) );
    writeFileAtomically( ( staging / "counties.csv" ).string(), unitsCsv( snapshot.metrics.counties, true ) );
    writeFileAtomically( ( staging / "specialization.csv" ).string(), specializationCsv( snapshot.metrics.specialization ) );
    if ( snapshot.metrics.growth.computed )
    {
      writeFileAtomically( ( staging / "growth.csv" ).string(), growthCsv( snapshot.metrics.growth ) );
      names.push_back( "growth.csv" );
    }
    if ( snapshot.metrics.countyStatistics.computed )
    {
      writeFileAtomically( ( staging / "hotspots.csv" ).string(), hotspotsCsv( snapshot.metrics.countyStatistics ) );
      names.push_back( "hotspots.csv" );
    }
    stepTime( "metrics.json, tables, kde.tif" );
    if ( request.withMap || request.pack )
    {
      throwIfCanceled( feedback );
      PackRequest pack;
      if ( request.pack )
        pack = *request.pack;
      else
      {
        // `htsplan report`: the overview page alone, as overview.pdf and overview.png.
        pack.cities = false;
        pack.analyses = false;
        pack.pdfName = "overview.pdf";
        pack.pagesDir.clear();
        pack.dpi = 150;
      }
      pack.adminPath = request.inputs.adminPath;
      pack.facilitiesPath = request.inputs.facilitiesPath;
      pack.outDir = staging.string();
      pack.finalDir = outDir.string();
      const std::string kdeTif = snapshot.analyses.computed && pack.analyses ? ( staging / "kde.tif" ).string() : std::string();
      const PackFigures figures = packFigures( inputs, snapshot, packFigureOptions( request, pack.analyses, kdeTif ), feedback );
      stepTime( "pack figures" );
      const PackResult written = exportMeetingPack( pack, figures, feedback );
      stepTime( "pages" );
      result.pages = written.pages;
      result.notes = written.notes;
      for ( const std::string &file : written.files )
      {
        // The overview's charts are in its PDF and PNG: `htsplan report` keeps its documented outputs.
        if ( !request.pack && file.rfind( "charts/", 0 ) == 0 )
          continue;
        if ( std::find( names.begin(), names.end(), file ) == names.end() )
          names.push_back( file );
      }
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
  std::vector<std::string> topLevel;
  for ( const std::string &name : names )
    topLevel.push_back( fs::path( name ).begin()->string() );
  std::error_code error;
  for ( fs::directory_iterator it( staging, error ), end; !error && it != end; it.increment( error ) )
    if ( std::find( topLevel.begin(), topLevel.end(), it->path().filename().string() ) == topLevel.end() )
      fs::remove_all( it->path(), error );

  // Everything is written: the staged folder replaces outDir whole.
  throwIfCanceled( feedback );
  transaction.commit();
  result.warnings = transaction.warnings();
  for ( const std::string &name : names )
    result.files.push_back( ( outDir / name ).string() );
  return result;
}

ProjectPackResult addPackLayouts( const ReportRequest &request, const PreparedReport &prepared, QgsProject &project, QgsLayerTreeGroup &group,
                                  const std::string &dataDir, QgsFeedback *feedback )
{
  const PackRequest pack = request.pack.value_or( PackRequest() );
  const QString dir = QString::fromStdString( dataDir );
  const QString chartsDir = dir + QStringLiteral( "/charts" );
  if ( !QDir().mkpath( chartsDir ) )
    throw OutputError( "cannot create the folder " + chartsDir.toStdString() );
  const Snapshot &snapshot = prepared.snapshot;
  std::string kdeTif;
  if ( snapshot.analyses.computed && pack.analyses )
  {
    kdeTif = ( fs::path( dataDir ) / "kde.tif" ).string();
    writeKdeGeoTiff( snapshot.density, kdeTif, analysisWkt() );
  }
  const PackFigures figures = packFigures( prepared.inputs, snapshot, packFigureOptions( request, pack.analyses, kdeTif ), feedback );
  throwIfCanceled( feedback );

  const PackLayers layers = addPackToProject( project, group, request.inputs.adminPath, request.inputs.facilitiesPath, figures, chartsDir );
  // A project saved with the layouts opens again with their data.
  storePackLayers( layers, dir + QStringLiteral( "/pack_layers.gpkg" ), project );
  PackLayoutOptions options;
  options.templatesDir = QString::fromStdString( pack.templatesDir );
  options.overview = pack.overview;
  options.overviewPapers = { Paper::A4, Paper::A3 };
  options.cities = pack.cities;
  options.analyses = pack.analyses;
  PackLayouts layouts = fillPackLayouts( options, layers, project, figures );
  showPackCharts( layouts, writePackCharts( figures, chartsDir ) );

  ProjectPackResult result;
  for ( const QString &line : layers.aggregated )
    result.notes.push_back( line.toStdString() );
  QgsLayoutManager *manager = project.layoutManager();
  for ( PackLayout &layout : layouts.layouts )
  {
    const QString name = layout.layout->name();
    if ( QgsMasterLayoutInterface *old = manager->layoutByName( name ) )
      manager->removeLayout( old );
    if ( layout.atlas )
      result.atlasPages = layout.layout->atlas()->count();
    // The manager takes the layout, and deletes it when it refuses it.
    if ( !manager->addLayout( layout.layout.release() ) )
      throw OutputError( "the project's layout manager refuses the layout '" + name.toStdString() + "'" );
    result.layouts.push_back( name.toStdString() );
  }
  return result;
}

} // namespace htsplan
