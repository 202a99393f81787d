#include "tools/source_counties.h"

#include "tools/failure.h"

#include <ogr_api.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace htsplan::tools
{

std::vector<SourceCounty> readSourceCounties( const std::string &sourceDir )
{
  fs::path dir( sourceDir );
  if ( fs::is_directory( dir / "geojson" / "shape-with-internal-borders" ) )
    dir = dir / "geojson" / "shape-with-internal-borders";
  if ( !fs::is_directory( dir ) )
    throw Failure( sourceDir + ": not a folder" );
  std::vector<fs::path> files;
  for ( const auto &entry : fs::directory_iterator( dir ) )
  {
    const std::string name = entry.path().filename().string();
    if ( name.rfind( "shan1_dong1_", 0 ) == 0 && entry.path().extension() == ".geojson" )
      files.push_back( entry.path() );
  }
  std::sort( files.begin(), files.end() );
  if ( files.size() != 17 )
    throw Failure( dir.string() + ": expected 17 shan1_dong1_*.geojson files, found " + std::to_string( files.size() ) );

  std::vector<SourceCounty> out;
  for ( const fs::path &file : files )
  {
    std::ifstream in( file );
    nlohmann::json doc;
    try
    {
      in >> doc;
    }
    catch ( const std::exception &e )
    {
      throw Failure( file.string() + ": " + e.what() );
    }
    for ( const auto &feature : doc.at( "features" ) )
    {
      SourceCounty c;
      const auto &id = feature.at( "id" );
      c.code = id.is_string() ? id.get<std::string>() : std::to_string( id.get<long long>() );
      c.nameZh = feature.at( "properties" ).at( "name" ).get<std::string>();
      const std::string geojson = feature.at( "geometry" ).dump();
      OGRGeometryH h = OGR_G_CreateGeometryFromJson( geojson.c_str() );
      if ( !h )
        throw Failure( file.string() + ": unreadable geometry of " + c.code );
      c.geometry.reset( OGRGeometry::FromHandle( h ) );
      if ( c.code.size() != 6 || c.code.substr( 0, 2 ) != "37" )
        throw Failure( file.string() + ": unexpected code " + c.code );
      out.push_back( std::move( c ) );
    }
  }
  std::sort( out.begin(), out.end(), []( const SourceCounty &a, const SourceCounty &b ) { return a.code < b.code; } );
  for ( size_t i = 1; i < out.size(); ++i )
    if ( out[i].code == out[i - 1].code )
      throw Failure( "duplicate county code " + out[i].code );
  return out;
}

} // namespace htsplan::tools
