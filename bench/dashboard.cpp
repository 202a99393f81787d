// Times the dashboard engine (issue 12) on a facilities file: the first load
// (loadPlanningInputs, then Dashboard::build) and a year change (the view of
// the year, the sector and by-year series of the charts, the map filters),
// every year many times. Prints one JSON object (bench/run.sh --cases dashboard).
//
//   htsplan-bench-dashboard FACILITIES.gpkg [--repeat N]
#include "planning/dashboard.h"
#include "report/inputs.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace
{
using Clock = std::chrono::steady_clock;

double secondsSince( Clock::time_point start ) { return std::chrono::duration<double>( Clock::now() - start ).count(); }

//! CPU seconds of the process (every thread) since start: the work done, whatever else loads the machine.
double cpuSince( std::clock_t start ) { return static_cast<double>( std::clock() - start ) / CLOCKS_PER_SEC; }

//! Median and largest of microsecond timings.
nlohmann::json summary( std::vector<double> us )
{
  std::sort( us.begin(), us.end() );
  return { { "median_us", us[us.size() / 2] }, { "max_us", us.back() }, { "calls", us.size() } };
}
} // namespace

int main( int argc, char **argv )
{
  if ( argc < 2 )
  {
    std::cerr << "usage: htsplan-bench-dashboard FACILITIES.gpkg [--repeat N]\n";
    return 2;
  }
  int repeat = 100;
  for ( int i = 2; i + 1 < argc; ++i )
    if ( std::string( argv[i] ) == "--repeat" )
      repeat = std::max( 1, std::atoi( argv[i + 1] ) );
  GDALAllRegister();
  try
  {
    htsplan::InputPaths paths = htsplan::defaultInputPaths();
    paths.facilitiesPath = argv[1];
    const Clock::time_point readStart = Clock::now();
    const std::clock_t readCpu = std::clock();
    const htsplan::PlanningInputs inputs = htsplan::loadPlanningInputs( paths );
    const double readS = secondsSince( readStart ), readCpuS = cpuSince( readCpu );
    const Clock::time_point buildStart = Clock::now();
    const std::clock_t buildCpu = std::clock();
    const htsplan::Dashboard d = htsplan::Dashboard::build( inputs.admin, inputs.facilities, inputs.targets, htsplan::DEFAULT_COVERAGE_RADIUS_KM );
    const double buildS = secondsSince( buildStart ), buildCpuS = cpuSince( buildCpu );

    // A year change: what the dock asks for when the slider moves (cards and
    // tables, the charts' series for the province and a city, the map filters).
    std::vector<double> viewUs, sectorUs, byYearUs, filterUs, yearChangeUs;
    nlohmann::json years = nlohmann::json::object();
    size_t filterChars = 0;
    long long checksum = 0; // keeps the calls from being optimised away, and shows the counts move
    for ( int r = 0; r < repeat; ++r )
      for ( int year = d.firstYear(); year <= d.lastYear(); ++year )
      {
        const Clock::time_point change = Clock::now();
        Clock::time_point t = Clock::now();
        const htsplan::DashboardView v = d.view( year );
        viewUs.push_back( secondsSince( t ) * 1e6 );
        t = Clock::now();
        for ( htsplan::Kind kind : htsplan::allKinds() )
          for ( int city : { -1, 0 } )
            checksum += d.sectorCounts( year, kind, city ).front();
        sectorUs.push_back( secondsSince( t ) * 1e6 );
        t = Clock::now();
        for ( htsplan::Kind kind : htsplan::allKinds() )
          for ( int city : { -1, 0 } )
            checksum += d.countsByYear( kind, city ).at( year );
        byYearUs.push_back( secondsSince( t ) * 1e6 );
        t = Clock::now();
        size_t chars = 0;
        for ( htsplan::Kind kind : htsplan::allKinds() )
          chars += d.countedFilter( kind, year ).size();
        filterUs.push_back( secondsSince( t ) * 1e6 );
        yearChangeUs.push_back( secondsSince( change ) * 1e6 );
        filterChars = std::max( filterChars, chars );
        if ( r == 0 )
        {
          nlohmann::json cards = nlohmann::json::object();
          for ( const htsplan::DashboardCard &c : v.cards )
            cards[htsplan::kindKey( c.kind )] = c.count;
          years[std::to_string( year )] = cards;
        }
        checksum += v.cards.empty() ? 0 : v.cards.front().count;
      }
    // The map filters checked on the file: GDAL's count with each kind's filter
    // equals the engine's count, in the first and the last year.
    nlohmann::json filterCheck = nlohmann::json::array();
    bool filtersAgree = true;
    {
      const GDALDatasetUniquePtr ds( GDALDataset::Open( argv[1], GDAL_OF_VECTOR ) );
      for ( int year : { d.firstYear(), d.lastYear() } )
      {
        const htsplan::DashboardView v = d.view( year );
        for ( htsplan::Kind kind : inputs.facilities.layersPresent )
        {
          OGRLayer *layer = ds ? ds->GetLayerByName( htsplan::kindLayer( kind ) ) : nullptr;
          const std::string filter = d.countedFilter( kind, year );
          GIntBig selected = -1;
          const Clock::time_point t = Clock::now();
          if ( layer && layer->SetAttributeFilter( filter.empty() ? nullptr : filter.c_str() ) == OGRERR_NONE )
            selected = layer->GetFeatureCount( TRUE );
          int engine = 0;
          for ( const htsplan::DashboardUnit &u : v.counties )
            engine += u.counts[static_cast<int>( kind )];
          filtersAgree = filtersAgree && selected == engine;
          filterCheck.push_back( { { "kind", htsplan::kindKey( kind ) }, { "year", year }, { "gdal", selected }, { "engine", engine },
                                   { "gdal_s", secondsSince( t ) } } );
        }
      }
    }
    size_t counted = 0;
    const htsplan::DashboardView last = d.view( d.lastYear() );
    for ( const htsplan::DashboardCard &c : last.cards )
      counted += static_cast<size_t>( c.count );
    const nlohmann::json out = { { "facilities", inputs.facilities.items.size() },
                                 { "counted_last_year", counted },
                                 { "first_year", d.firstYear() },
                                 { "last_year", d.lastYear() },
                                 { "read_s", readS },
                                 { "build_s", buildS },
                                 { "first_load_s", readS + buildS },
                                 { "read_cpu_s", readCpuS },
                                 { "build_cpu_s", buildCpuS },
                                 { "repeat", repeat },
                                 { "view", summary( viewUs ) },
                                 { "sector_counts", summary( sectorUs ) },
                                 { "counts_by_year", summary( byYearUs ) },
                                 { "counted_filter", summary( filterUs ) },
                                 { "counted_filter_max_chars", filterChars },
                                 { "year_change", summary( yearChangeUs ) },
                                 { "cards_by_year", years },
                                 { "filters_agree", filtersAgree },
                                 { "filter_check", filterCheck },
                                 { "checksum", checksum } };
    std::cout << out.dump() << std::endl;
  }
  catch ( const std::exception &e )
  {
    std::cerr << "htsplan-bench-dashboard: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
