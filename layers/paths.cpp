#include "layers/paths.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;

namespace htsplan
{

namespace
{

//! The folder of the file this code was linked into: the htsplan program or the plugin's .so.
fs::path moduleDir()
{
  Dl_info info{};
  if ( dladdr( reinterpret_cast<void *>( &moduleDir ), &info ) == 0 || !info.dli_fname )
    return {};
  // For the program itself glibc gives argv[0]: a bare name when the shell
  // found it through PATH, which would resolve against the working folder.
  const std::string name = info.dli_fname;
  const fs::path file = name.find( '/' ) == std::string::npos ? fs::path( "/proc/self/exe" ) : fs::path( name );
  std::error_code error;
  const fs::path module = fs::canonical( file, error );
  return error ? fs::path() : module.parent_path();
}

std::string folder( const char *variable, const char *name )
{
  if ( const char *fromEnv = std::getenv( variable ); fromEnv && *fromEnv )
    return fs::path( fromEnv ).lexically_normal().string();
  // Installed: <prefix>/bin/htsplan or <prefix>/lib/htsplan/plugin/libhtsplanplugin.so.
  const fs::path dir = moduleDir();
  if ( !dir.empty() )
  {
    for ( const fs::path &up : { dir.parent_path(), dir.parent_path().parent_path(), dir.parent_path().parent_path().parent_path() } )
    {
      const fs::path candidate = up / "share" / "htsplan" / name;
      std::error_code error;
      if ( fs::is_directory( candidate, error ) )
        return candidate.string();
    }
  }
  // The build tree: the sources' own folder.
  return ( fs::path( HTSPLAN_SOURCE_DIR ) / name ).string();
}

} // namespace

std::string dataDir() { return folder( "HTSPLAN_DATA", "data" ); }
std::string stylesDir() { return folder( "HTSPLAN_STYLES", "styles" ); }
std::string defaultAdminPath() { return dataDir() + "/shandong.gpkg"; }
std::string defaultFacilitiesPath() { return dataDir() + "/sample/facilities.gpkg"; }
std::string defaultTargetsPath() { return dataDir() + "/targets/shandong-2013.json"; }

} // namespace htsplan
