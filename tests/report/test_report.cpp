#include <catch2/catch.hpp>

#include "layers/problems.h"
#include "report/report.h"

#include <QTemporaryDir>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace
{
htsplan::ReportRequest quickRequest( const std::string &outDir )
{
  htsplan::ReportRequest request;
  request.outDir = outDir;
  request.withMap = false;
  request.options.analyses.enabled = false;
  return request;
}
} // namespace

TEST_CASE( "report - the snapshot is what the files say", "[report]" )
{
  QTemporaryDir dir;
  const std::string out = dir.filePath( "out" ).toStdString();
  const htsplan::ReportResult result = htsplan::runReport( quickRequest( out ) );
  CHECK( result.files.size() == 6 );
  // growth.csv: the sample has a revenue table; hotspots.csv: the county statistics, analyses on or off
  for ( const char *name : { "metrics.json", "cities.csv", "counties.csv", "specialization.csv", "growth.csv", "hotspots.csv" } )
    CHECK( fs::exists( fs::path( out ) / name ) );
  CHECK_FALSE( fs::exists( fs::path( out ) / "kde.tif" ) ); // analyses off: nothing of theirs is written

  // The same snapshot through the shared entry points the plugin uses.
  const htsplan::PlanningInputs inputs = htsplan::loadPlanningInputs( htsplan::defaultInputPaths() );
  htsplan::SnapshotOptions options;
  options.analyses.enabled = false;
  const htsplan::Snapshot snapshot = htsplan::computeSnapshot( inputs, options );
  REQUIRE( snapshot.metrics.targets.size() == result.snapshot.metrics.targets.size() );
  for ( size_t i = 0; i < snapshot.metrics.targets.size(); ++i )
    CHECK( snapshot.metrics.targets[i].count == result.snapshot.metrics.targets[i].count );
  CHECK( snapshot.metrics.cities.size() == 17 );
  CHECK( snapshot.metrics.counties.size() == 137 );
  CHECK_FALSE( snapshot.analyses.computed );
}

TEST_CASE( "report - an output that cannot be written is an OutputError and leaves the folder as it was", "[report][errors]" )
{
  QTemporaryDir dir;
  SECTION( "the output path is a file" )
  {
    const std::string file = dir.filePath( "taken" ).toStdString();
    std::ofstream( file ) << "mine";
    CHECK_THROWS_AS( htsplan::runReport( quickRequest( file ) ), htsplan::OutputError );
    std::ifstream in( file );
    std::string text;
    in >> text;
    CHECK( text == "mine" );
  }
  SECTION( "the folder cannot be made (a file stands where its parent would be)" )
  {
    const fs::path file = dir.filePath( "plain-file" ).toStdString();
    std::ofstream( file ) << "mine";
    CHECK_THROWS_AS( htsplan::runReport( quickRequest( ( file / "out" ).string() ) ), htsplan::OutputError );
    CHECK( fs::is_regular_file( file ) );
    CHECK( fs::file_size( file ) == 4 );
  }
  SECTION( "bad input is not an output error" )
  {
    htsplan::ReportRequest request = quickRequest( dir.filePath( "x" ).toStdString() );
    request.inputs.facilitiesPath = "/no/such/facilities.gpkg";
    CHECK_THROWS_AS( htsplan::runReport( request ), htsplan::InputError );
    CHECK_FALSE( fs::exists( dir.filePath( "x" ).toStdString() ) );
  }
}
