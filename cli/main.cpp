// htsplan: the command line front door to the shared engine.
#include "cli/import_command.h"
#include "cli/interrupt.h"
#include "cli/project_command.h"
#include "cli/processing_commands.h"
#include "layers/cells.h"
#include "report/report.h"
#include "layers/problems.h"
#include "layers/schema.h"
#include "planning/allocation_options.h"
#include "planning/defaults.h"

#include <qgsapplication.h>
#include <qgsfeedback.h>

#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

namespace
{

//! A default as the usage text shows it: "10", "500", "2" (no trailing zeros).
std::string shown( double value )
{
  if ( value == std::floor( value ) && std::fabs( value ) < 1e15 )
    return std::to_string( static_cast<long long>( value ) ); // 100000000, not 1e+08
  std::ostringstream out;
  out << value;
  return out.str();
}

//! A numeric option's accepted range, as the usage text and the messages say it.
struct OptionRange
{
    const char *option;
    double min, max;
    const char *unit; //!< "km", "m", "points"; for --year, "year"
    bool integer;
};

//! Every numeric option of `htsplan report`: distances in a range that makes
//! sense for a province some 700 km across (the rasters and grids of the
//! analyses also refuse sizes they cannot hold).
constexpr OptionRange REPORT_RANGES[] = {
  { "--radius-km", 0.1, 500, "km", false },
  { "--year", 1949, 2100, "year", true }, // then within the plan's horizon (runReport)
  { "--growth-from", 1949, 2100, "year", true }, // then within the revenue table's years (computeMetrics)
  { "--growth-to", 1949, 2100, "year", true },
  { "--kde-radius-km", 0.1, 100, "km", false },
  { "--kde-pixel-m", 10, 10000, "m", false },
  { "--eps-km", 0.01, 100, "km", false },
  { "--min-size", 1, 10000, "points", true },
  { "--hex-km", 0.1, 500, "km", false },
  { "--dpi", 72, 600, "dpi", true },
  { "--aggregate-above", 0, 100000000, "points", true },
};

std::string rangeText( const OptionRange &range )
{
  return std::string( range.integer ? "a whole number" : "a number" ) + " from " + shown( range.min ) + " to " + shown( range.max ) +
         ( std::strcmp( range.unit, "year" ) ? std::string( " " ) + range.unit : std::string() );
}

std::string optionRanges()
{
  std::string text = "\nAccepted values (report, export):\n";
  for ( const OptionRange &range : REPORT_RANGES )
    text += "  " + std::string( range.option ) + std::string( std::max<size_t>( 1, 16 - std::min<size_t>( 16, std::strlen( range.option ) ) ), ' ' ) + rangeText( range ) +
            ( std::strcmp( range.option, "--year" ) ? "" : ", within the plan: its start year to " + std::to_string( htsplan::EVALUATION_YEAR_MARGIN ) + " years after its target year" ) + "\n";
  return text;
}

//! The usage text, its defaults taken from planning/defaults.h.
std::string usage()
{
  using namespace htsplan;
  return std::string( R"(htsplan - Shandong high-tech service industry planning (version )" HTSPLAN_VERSION R"()

Usage:
  htsplan report [--admin FILE] [--facilities FILE] [--targets FILE]
                 [--vintage 2015|current] [--radius-km R] [--year Y] [--no-map]
                 [--kde-radius-km )" ) + shown( DEFAULT_KDE_RADIUS_M / 1000.0 ) + "] [--kde-pixel-m " + shown( DEFAULT_KDE_PIXEL_M ) +
         "] [--eps-km " + shown( DEFAULT_DBSCAN_EPS_M / 1000.0 ) + "] [--min-size " + shown( DEFAULT_DBSCAN_MIN_SIZE ) + R"(]
                 [--hex-km )" + shown( DEFAULT_HEX_CELL_M / 1000.0 ) + R"(] [--no-analyses]
                 [--growth-from Y] [--growth-to Y]
                 [--split-weights population|area|current|equal|table or KEY=F,...]
                 [--split-method hamilton|dhondt|sainte-lague]
                 [--split-basis remaining|fill-up] [--split-table FILE:COLUMN]
                 [--split-floor N|CODE=N,...] [--split-cap N|CODE=N,...] --out DIR
  htsplan export [the report's options] [--pages overview,cities,analyses]
                 [--paper a4|a3] [--formats pdf,png,svg] [--dpi 300] [--city-pdfs]
                 [--templates DIR] [--aggregate-above 20000] [--project] --out DIR
  htsplan project [--admin FILE] [--facilities FILE] [--targets FILE]
                  [--vintage 2015|current] [--radius-km R] [--year Y] --out FILE.qgz
  htsplan run ALGORITHM [--json] -- KEY=VALUE ...   (also --KEY=VALUE)
)" + std::string( htsplan::importUsage() ) + R"(  htsplan list [--json]
  htsplan help [ALGORITHM] [--json]
  htsplan --version

report    Computes target progress, density and coverage per city and county and
          writes DIR/metrics.json, DIR/cities.csv, DIR/counties.csv,
          DIR/specialization.csv, DIR/overview.pdf and DIR/overview.png, plus the spatial analyses of every
          placed facility (metrics.json "analyses": kernel density -> DIR/kde.tif,
          nearest-neighbour index, DBSCAN clusters, hexagon grid, coverage).
          Defaults: the bundled Shandong map and sample facilities, the 2015
          (17-city) map, a )" + shown( DEFAULT_COVERAGE_RADIUS_KM ) + R"( km radius and the targets' target year.
          The targets are split among the cities (metrics.json "allocation", the
          pack's 目标分解 page) by --split-weights (default population; a blend as
          population=0.5,current=0.5; table reads --split-table's COLUMN keyed by
          city code), --split-method (default hamilton), --split-basis (default
          remaining) and the fewest / most new carriers per city, --split-floor and
          --split-cap (a number for every city, or CODE=N per city: 370100=2,371200=1;
          both: 1,370100=2), as htsplan:allocate. "pace" (and the summary's "Behind pace")
          runs each city's straight path to its share of the whole target split
          the same way; cities are ranked furthest behind first: by the mean over
          the kinds due of min(1, counted / path), then the carriers short of the
          paths, then the code.

export    The meeting pack: the province overview, one atlas page per city (sorted
          by code) and the analysis pages (kernel density, coverage, clusters),
          from the print-layout templates in styles/layouts (or --templates DIR,
          e.g. copies edited in QGIS's Layout Designer). Writes
          DIR/htsplan_pack.pdf, DIR/pages/NN_*.png (and .svg), DIR/charts/*.svg,
          with --city-pdfs DIR/cities/htsplan_<code>_<name>.pdf, and the report's
          metrics.json, CSV tables and kde.tif. Point layers with more than
          --aggregate-above placed features are drawn as hexagon counts. With
          --project also DIR/htsplan_pack.qgz and DIR/htsplan_pack.gpkg: the pack's
          QGIS project (its layers, themes and layouts) to open in QGIS and export
          again.

project   A QGIS project with the styled planning map of the files (on the files
          themselves: edits in QGIS go to them) and the plugin dock's choices (files,
          map, year, radius), zoomed to the province; open it in QGIS with the
          htsplan plugin (scripts/qgis.sh opens the bundled one).

run       Runs one Processing algorithm: htsplan's own (htsplan:assign, ...) or
          QGIS's native ones (native:buffer, ...), with qgis_process's parameter
          names and, with --json, its JSON layout ({"results": {...}, ...}).
          Layers are file paths, optionally "file.gpkg|layername=NAME".
import    Reads a register (Excel, CSV in UTF-8 or GBK, shapefile, ...) with Chinese
          headers into the facility contract OUT.gpkg, converting Amap (gcj02) or
          Baidu (bd09) coordinates, and lists every rejected or corrected row with
          its reason in ROWS.csv (default OUT_rows.csv); htsplan:importlist.
list      Lists the algorithms; help ALGORITHM describes one.

Exit codes: 0 success, 1 the computation failed, 2 bad input or usage, 3 an
output cannot be written, 130 interrupted (Ctrl-C, SIGTERM). On any failure
nothing is written: the outputs are published together at the end, or not at all.
)" + optionRanges();
}

struct UsageError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

//! What `htsplan report` (or export) says on stderr when it fails, in one line, and its exit code.
int reportFailure( const std::string &command, const std::string &what, const std::string &message, int code )
{
  // A failed publish says itself what state the outputs are in; any other failure left nothing.
  const bool stateSaid = message.find( "nothing was written" ) != std::string::npos || message.find( "could not all be restored" ) != std::string::npos;
  std::cerr << "htsplan " << command << ": " << what << message << ( stateSaid ? "" : "; nothing was written" ) << "\n";
  return code;
}

//! The option's value read strictly (layers/cells.h): "1e3", "2014.5", " 5" and "nan" are refused; UsageError names the option and the range.
double parseOption( const std::string &option, const std::string &text )
{
  const OptionRange *range = std::find_if( std::begin( REPORT_RANGES ), std::end( REPORT_RANGES ), [&]( const OptionRange &r ) { return option == r.option; } );
  if ( range == std::end( REPORT_RANGES ) )
    throw std::logic_error( "no range for " + option );
  std::optional<double> value;
  std::string problem;
  if ( range->integer )
  {
    const htsplan::Parsed<long long> parsed = htsplan::parseStrictInteger( text, static_cast<long long>( range->min ), static_cast<long long>( range->max ) );
    if ( parsed.value )
      value = static_cast<double>( *parsed.value );
    problem = parsed.problem;
  }
  else
  {
    const htsplan::Parsed<double> parsed = htsplan::parseStrictNumber( text, range->min, range->max );
    value = parsed.value;
    problem = parsed.problem;
  }
  if ( !value )
    throw UsageError( option + " '" + text + "': " + problem + "; expected " + rangeText( *range ) );
  return *value;
}

//! A comma-separated list of words, each one of allowed; UsageError otherwise.
std::vector<std::string> parseList( const std::string &option, const std::string &value, const std::vector<std::string> &allowed )
{
  std::vector<std::string> words;
  std::stringstream in( value );
  for ( std::string word; std::getline( in, word, ',' ); )
  {
    if ( std::find( allowed.begin(), allowed.end(), word ) == allowed.end() )
    {
      std::string list;
      for ( const std::string &a : allowed )
        list += ( list.empty() ? "" : ", " ) + a;
      throw UsageError( option + " '" + value + "': '" + word + "' is not one of " + list );
    }
    words.push_back( word );
  }
  if ( words.empty() )
    throw UsageError( option + " needs at least one of its values" );
  return words;
}

bool contains( const std::vector<std::string> &words, const char *word )
{
  return std::find( words.begin(), words.end(), word ) != words.end();
}

htsplan::ReportRequest parseReport( int argc, char **argv )
{
  const bool exporting = !std::strcmp( argv[1], "export" );
  const bool projecting = !std::strcmp( argv[1], "project" );
  htsplan::ReportRequest r;
  if ( exporting )
  {
    r.pack = htsplan::PackRequest();
    r.withMap = false;
  }
  auto exportOnly = [&]( const std::string &option ) {
    if ( !exporting )
      throw UsageError( option + " is an option of htsplan export" );
  };
  // htsplan project takes the inputs, the year and the radius: the dock's choices.
  auto notForProject = [&]( const std::string &option ) {
    if ( projecting )
      throw UsageError( option + " is not an option of htsplan project" );
  };
  for ( int i = 2; i < argc; ++i )
  {
    std::string arg = argv[i];
    std::string value;
    const auto eq = arg.find( '=' );
    if ( arg.rfind( "--", 0 ) == 0 && eq != std::string::npos )
    {
      value = arg.substr( eq + 1 );
      arg = arg.substr( 0, eq );
    }
    else if ( arg == "--no-map" )
    {
      notForProject( arg );
      r.withMap = false;
      continue;
    }
    else if ( arg == "--no-analyses" )
    {
      notForProject( arg );
      r.options.analyses.enabled = false;
      continue;
    }
    else if ( arg == "--city-pdfs" )
    {
      exportOnly( arg );
      r.pack->cityPdfs = true;
      continue;
    }
    else if ( arg == "--project" )
    {
      exportOnly( arg );
      r.pack->projectName = "htsplan_pack.qgz";
      continue;
    }
    else if ( arg.rfind( "--", 0 ) == 0 )
    {
      if ( i + 1 >= argc )
        throw UsageError( arg + " needs a value" );
      value = argv[++i];
    }
    else
      throw UsageError( "unexpected argument '" + arg + "'" );

    if ( arg == "--admin" )
      r.inputs.adminPath = value;
    else if ( arg == "--facilities" )
      r.inputs.facilitiesPath = value;
    else if ( arg == "--targets" )
      r.inputs.targetsPath = value;
    else if ( arg == "--out" )
      r.outDir = value;
    else if ( arg == "--vintage" )
    {
      const auto v = htsplan::parseVintage( value );
      if ( !v )
        throw UsageError( "--vintage must be 2015 or current, got '" + value + "'" );
      r.inputs.vintage = *v;
    }
    else if ( arg == "--radius-km" )
      r.options.figures.radiusKm = parseOption( arg, value );
    else if ( arg == "--year" )
      r.options.figures.year = static_cast<int>( parseOption( arg, value ) );
    else if ( projecting && ( arg == "--growth-from" || arg == "--growth-to" ) )
      notForProject( arg );
    else if ( arg == "--growth-from" )
      r.options.figures.growthFrom = static_cast<int>( parseOption( arg, value ) );
    else if ( arg == "--growth-to" )
      r.options.figures.growthTo = static_cast<int>( parseOption( arg, value ) );
    else if ( arg == "--split-weights" || arg == "--split-method" || arg == "--split-basis" || arg == "--split-table" || arg == "--split-floor" ||
              arg == "--split-cap" )
    {
      notForProject( arg );
      htsplan::AllocationPlan &split = r.options.split;
      try
      {
        if ( arg == "--split-weights" )
          split.options.blend = htsplan::parseBlend( value, arg );
        else if ( arg == "--split-method" )
          split.options.method = htsplan::parseApportionMethod( value, arg );
        else if ( arg == "--split-basis" )
          split.options.basis = htsplan::parseAllocationBasis( value, arg );
        else if ( arg == "--split-floor" )
          htsplan::parseBounds( value, arg, split.options.floorAll, split.options.floors );
        else if ( arg == "--split-cap" )
          htsplan::parseBounds( value, arg, split.options.capAll, split.options.caps );
        else
        {
          const auto colon = value.rfind( ':' );
          if ( colon == std::string::npos || colon == 0 || colon + 1 == value.size() )
            throw UsageError( "--split-table '" + value + "': expected FILE:COLUMN (e.g. weights.csv:gdp)" );
          split.tablePath = value.substr( 0, colon );
          split.tableColumn = value.substr( colon + 1 );
        }
      }
      catch ( const htsplan::InputError &e )
      {
        throw UsageError( e.what() );
      }
    }
    else if ( projecting && ( arg == "--kde-radius-km" || arg == "--kde-pixel-m" || arg == "--eps-km" || arg == "--min-size" || arg == "--hex-km" ) )
      notForProject( arg );
    else if ( arg == "--kde-radius-km" )
      r.options.analyses.kdeRadiusM = parseOption( arg, value ) * 1000.0;
    else if ( arg == "--kde-pixel-m" )
      r.options.analyses.kdePixelM = parseOption( arg, value );
    else if ( arg == "--eps-km" )
      r.options.analyses.dbscanEpsM = parseOption( arg, value ) * 1000.0;
    else if ( arg == "--min-size" )
      r.options.analyses.dbscanMinSize = static_cast<int>( parseOption( arg, value ) );
    else if ( arg == "--hex-km" )
      r.options.analyses.hexCellM = parseOption( arg, value ) * 1000.0;
    else if ( arg == "--pages" || arg == "--formats" || arg == "--paper" || arg == "--dpi" || arg == "--templates" || arg == "--aggregate-above" )
    {
      exportOnly( arg );
      htsplan::PackRequest &p = *r.pack;
      if ( arg == "--pages" )
      {
        const auto pages = parseList( arg, value, { "overview", "cities", "analyses" } );
        p.overview = contains( pages, "overview" );
        p.cities = contains( pages, "cities" );
        p.analyses = contains( pages, "analyses" );
      }
      else if ( arg == "--formats" )
      {
        const auto formats = parseList( arg, value, { "pdf", "png", "svg" } );
        p.pdf = contains( formats, "pdf" );
        p.png = contains( formats, "png" );
        p.svg = contains( formats, "svg" );
      }
      else if ( arg == "--paper" )
      {
        if ( value != "a4" && value != "a3" )
          throw UsageError( "--paper must be a4 or a3, got '" + value + "'" );
        p.overviewPaper = value == "a3" ? htsplan::Paper::A3 : htsplan::Paper::A4;
      }
      else if ( arg == "--dpi" )
        p.dpi = parseOption( arg, value );
      else if ( arg == "--templates" )
        p.templatesDir = value;
      else
        r.packPointLimit = static_cast<long long>( parseOption( arg, value ) );
    }
    else
      throw UsageError( "unknown option " + arg );
  }
  if ( r.outDir.empty() )
    throw UsageError( std::string( argv[1] ) + ( projecting ? " needs --out FILE.qgz" : " needs --out DIR" ) );
  const htsplan::AllocationPlan &split = r.options.split;
  if ( split.options.blend[static_cast<size_t>( htsplan::WeightBasis::Table )] > 0 && split.tablePath.empty() )
    throw UsageError( "--split-weights with table needs --split-table FILE:COLUMN" );
  if ( !split.tablePath.empty() && !( split.options.blend[static_cast<size_t>( htsplan::WeightBasis::Table )] > 0 ) )
    throw UsageError( "--split-table is read only when --split-weights uses table (e.g. --split-weights table or population=1,table=1)" );
  if ( exporting && r.pack->cityPdfs && !r.pack->cities )
    throw UsageError( "--city-pdfs needs the city pages (--pages with cities)" );
  return r;
}

//! A number with one decimal, "4.5"; whole numbers without it.
std::string oneDecimal( double value )
{
  std::ostringstream out;
  if ( value == std::floor( value ) )
    out << static_cast<long long>( value );
  else
    out << std::fixed << std::setprecision( 1 ) << value;
  return out.str();
}

/**
 * The cities furthest behind (metrics.json "pace"): up to 5 of those behind in some
 * kind, in the ranking's order, each kind as counted/path and the revenue growth
 * against the city's line.
 */
void printBehindPace( const htsplan::Pace &p )
{
  constexpr size_t SHOWN = 5;
  size_t behind = 0;
  for ( const htsplan::PaceUnit &u : p.cities )
    behind += u.behind ? 1 : 0;
  std::cout << "Behind pace, " << p.year << " (counted/path to each city's share of the target: " << htsplan::blendText( p.options.blend ) << " weights, "
            << htsplan::apportionMethodKey( p.options.method ) << "):\n";
  if ( behind == 0 )
  {
    std::cout << "  no city is behind its path\n";
    return;
  }
  std::cout << "  rank  city  ";
  if ( !p.cities.empty() )
    for ( const htsplan::PaceKind &k : p.cities.front().kinds )
      std::cout << std::setw( 12 ) << htsplan::kindKey( k.kind );
  std::cout << "  revenue growth vs line\n";
  size_t shown = 0;
  for ( size_t r = 0; r < p.ranking.size() && shown < SHOWN; ++r )
  {
    const htsplan::PaceUnit &u = p.cities[p.ranking[r]];
    if ( !u.behind )
      continue;
    ++shown;
    std::cout << "  " << std::setw( 4 ) << r + 1 << "  " << u.code;
    for ( const htsplan::PaceKind &k : u.kinds )
      std::cout << std::setw( 12 ) << ( std::to_string( k.actual ) + "/" + oneDecimal( k.path ) + ( k.state == htsplan::PaceState::FarBehind ? "!" : k.state == htsplan::PaceState::Behind ? "~" : " " ) );
    std::ostringstream growth;
    if ( u.cagr && u.line )
      growth << std::fixed << std::setprecision( 1 ) << *u.cagr * 100 << "% vs " << *u.line * 100 << "% (" << std::showpos << *u.growthGap << std::noshowpos << " pp)";
    else
      growth << "-";
    std::cout << "  " << std::left << std::setw( 24 ) << growth.str() << std::right << " " << u.nameZh << "\n";
  }
  std::cout << "  (~ behind, ! far behind: below 80% of the path; " << behind << " of " << p.cities.size() << " cities behind"
            << ( behind > shown ? ", all in metrics.json \"pace\"" : "" ) << ")\n  ranking: " << htsplan::PACE_RANKING_RULE << "\n";
}

void printSummary( const htsplan::ReportResult &result )
{
  const htsplan::Metrics &m = result.snapshot.metrics;
  std::cout << "Target progress, " << m.evaluationYear << " (" << ( m.vintage == htsplan::Vintage::Y2015 ? "2015 map, 17 cities" : "current map, 16 cities" )
            << ( m.sampleData ? ", illustrative sample data" : "" ) << "):\n";
  std::cout << "  kind          count  target   gap  ratio\n";
  for ( const htsplan::TargetProgress &p : m.targets )
    std::cout << "  " << std::left << std::setw( 12 ) << htsplan::kindKey( p.kind ) << std::right << std::setw( 7 ) << p.count << std::setw( 8 ) << p.target
              << std::setw( 6 ) << p.gap << std::setw( 6 ) << std::fixed << std::setprecision( 0 ) << p.ratio * 100 << "%\n";
  std::cout << "  unassigned features: " << m.unassigned.size() << ", problems: " << m.problems.size() << "\n";
  if ( result.snapshot.paced )
    printBehindPace( result.snapshot.pace );
  if ( result.snapshot.analyses.computed )
  {
    const htsplan::Analyses &a = result.snapshot.analyses;
    std::cout << std::setprecision( 3 ) << std::defaultfloat;
    std::cout << "Spatial analyses of " << a.points << " facilities:\n"
              << "  nearest-neighbour index " << a.nni.index << " (" << a.nni.pattern << ", z " << a.nni.zScore << ")\n"
              << "  " << a.dbscan.clusters << " DBSCAN clusters (eps " << a.dbscan.epsM / 1000 << " km, min " << a.dbscan.minSize
              << "), " << a.dbscan.noise << " facilities in none\n"
              << "  densest place (kernel density, " << a.kde.radiusM / 1000 << " km): " << a.kde.peakCounty << "\n";
  }
  if ( result.pages > 0 )
    std::cout << "Pages: " << result.pages << "\n";
  std::cout << "Outputs:\n";
  for ( const std::string &f : result.files )
    std::cout << "  " << f << "\n";
}

int runReportCommand( int argc, char **argv )
{
  const htsplan::ReportRequest request = parseReport( argc, argv );
  QgsFeedback feedback;
  htsplan::setInterruptTarget( &feedback );
  struct ClearTarget
  {
      ~ClearTarget() { htsplan::setInterruptTarget( nullptr ); }
  } clearTarget;
  const htsplan::ReportResult result = htsplan::runReport( request, &feedback );
  for ( const std::string &warning : result.warnings )
    std::cerr << "htsplan " << argv[1] << ": warning: " << warning << "\n";
  // A layer drawn other than point by point is said, with its count.
  for ( const std::string &note : result.notes )
    std::cerr << "htsplan " << argv[1] << ": " << note << "\n";
  // One line per layer, field and kind of problem, with its count and a few
  // examples (htsplan::summariseProblems); every problem is in metrics.json.
  for ( const std::string &line : htsplan::summariseProblems( result.snapshot.metrics.problems ) )
    std::cerr << line << "\n";
  printSummary( result );
  return 0;
}

} // namespace

int main( int argc, char **argv )
{
  // Before any thread starts: every thread inherits the blocked signals.
  htsplan::watchInterrupts();
  // qgis_process takes "--json" before the command too: move it behind the command.
  if ( argc >= 3 && !std::strcmp( argv[1], "--json" ) )
    std::rotate( argv + 1, argv + 2, argv + 3 );
  const bool helpWithAlgorithm = argc >= 3 && !std::strcmp( argv[1], "help" ) && std::strcmp( argv[2], "--json" ) != 0;
  if ( argc < 2 || ( !std::strcmp( argv[1], "help" ) && !helpWithAlgorithm ) || !std::strcmp( argv[1], "--help" ) || !std::strcmp( argv[1], "-h" ) )
  {
    std::cout << usage();
    return argc < 2 ? 2 : 0;
  }
  if ( !std::strcmp( argv[1], "--version" ) )
  {
    std::cout << "htsplan " << HTSPLAN_VERSION << "\n";
    return 0;
  }
  const std::string command = argv[1];
  const bool processing = command == "run" || command == "list" || command == "help" || command == "import";
  if ( command != "report" && command != "export" && command != "project" && !processing )
  {
    std::cerr << "htsplan: unknown command '" << argv[1] << "'\n\n" << usage();
    return 2;
  }

  // QGIS needs a Qt platform even without a display, and a profile folder
  // that is not the user's.
  setenv( "QT_QPA_PLATFORM", "offscreen", 0 );
  // Without TZ, glibc stats /etc/localtime on every local-time conversion, and
  // QGIS converts one per settings read and picture refresh: 0.2 s of a city
  // atlas (bench/RESULTS.md). ":/etc/localtime" is the same zone, read once.
  setenv( "TZ", ":/etc/localtime", 0 );
  QTemporaryDir profile;
  if ( !std::getenv( "XDG_RUNTIME_DIR" ) )
    setenv( "XDG_RUNTIME_DIR", profile.path().toLocal8Bit().constData(), 1 ); // else Qt warns on every run
  int qtArgc = 1;
  QgsApplication app( qtArgc, argv, false, profile.path() );
  QgsApplication::initQgis();

  int code = 0;
  if ( htsplan::interrupted() )
  {
    std::cerr << "htsplan " << command << ": canceled (interrupted); nothing was written\n";
    code = htsplan::EXIT_INTERRUPTED; // before any work
  }
  else if ( processing )
  {
    QStringList args;
    for ( int i = 1; i < argc; ++i )
      args << QString::fromLocal8Bit( argv[i] );
    try
    {
      code = htsplan::runProcessingCommand( command == "import" ? htsplan::importRunArguments( args ) : args );
    }
    catch ( const htsplan::ImportUsageError &e )
    {
      std::cerr << "htsplan import: " << e.what() << " (see htsplan --help)\n";
      code = 2;
    }
  }
  else
  {
    try
    {
      if ( command == "project" )
      {
        const int layers = htsplan::writePlanningProject( parseReport( argc, argv ) );
        std::cout << "Project: " << argv[argc - 1] << " (" << layers << " layers)\n";
      }
      else
        code = runReportCommand( argc, argv );
    }
    catch ( const UsageError &e )
    {
      std::cerr << "htsplan " << command << ": " << e.what() << " (see htsplan --help)\n";
      code = 2;
    }
    catch ( const htsplan::InputError &e )
    {
      code = reportFailure( command, "bad input: ", e.what(), 2 );
    }
    catch ( const htsplan::OutputError &e )
    {
      code = reportFailure( command, "cannot write the outputs: ", e.what(), 3 );
    }
    catch ( const htsplan::Canceled & )
    {
      code = reportFailure( command, "", "canceled (interrupted)", htsplan::EXIT_INTERRUPTED );
    }
    catch ( const std::exception &e )
    {
      code = reportFailure( command, "failed: ", e.what(), 1 );
    }
    catch ( ... )
    {
      code = reportFailure( command, "failed: ", "unknown error", 1 );
    }
  }
  QgsApplication::exitQgis();
  return code;
}
