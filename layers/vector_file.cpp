#include "layers/vector_file.h"

#include "layers/problems.h"
#include "layers/quiet_gdal_errors.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <unistd.h>

namespace fs = std::filesystem;

namespace htsplan
{

void checkInputFile( const std::string &path, const std::string &role )
{
  const std::string what = role + " file " + path + ": ";
  if ( path.empty() )
    throw InputError( role + " file: no path given" );
  std::error_code error;
  const fs::file_status status = fs::status( path, error );
  if ( error )
  {
    if ( error == std::errc::too_many_symbolic_link_levels )
      throw InputError( what + "a symbolic link loop" );
    if ( error == std::errc::no_such_file_or_directory || error == std::errc::not_a_directory )
    {
      std::error_code ignored;
      if ( fs::symlink_status( path, ignored ).type() == fs::file_type::symlink )
        throw InputError( what + "a symbolic link to nothing (" + fs::read_symlink( path, ignored ).string() + ")" );
      throw InputError( what + "no such file" );
    }
    throw InputError( what + "cannot be read (" + error.message() + ")" );
  }
  if ( status.type() == fs::file_type::not_found )
    throw InputError( what + "no such file" );
  if ( fs::is_directory( status ) )
    throw InputError( what + "a folder, not a file" );
  if ( !fs::is_regular_file( status ) )
    throw InputError( what + "not a regular file" );
  if ( ::access( path.c_str(), R_OK ) != 0 )
    throw InputError( what + "cannot be read (" + std::strerror( errno ) + ")" );
  if ( fs::file_size( path, error ) == 0 && !error )
    throw InputError( what + "empty (0 bytes)" );
}

GDALDatasetUniquePtr openVectorFile( const std::string &path, const std::string &role, const std::string &hint )
{
  checkInputFile( path, role );
  const QuietGdalErrors quiet; // GDAL's reason goes into the message, not on stderr
  CPLErrorReset();
  GDALDatasetUniquePtr dataset( GDALDataset::Open( path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY ) );
  if ( !dataset )
  {
    const std::string reason = CPLGetLastErrorType() >= CE_Failure ? CPLGetLastErrorMsg() : "";
    throw InputError( role + " file " + path + ": not a readable vector dataset" + ( reason.empty() ? "" : " (" + reason + ")" ) + hint );
  }
  return dataset;
}

} // namespace htsplan
