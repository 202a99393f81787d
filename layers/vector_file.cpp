#include "layers/vector_file.h"

#include "layers/problems.h"

#include <filesystem>

namespace htsplan
{

GDALDatasetUniquePtr openVectorFile( const std::string &path, const std::string &role, const std::string &hint )
{
  if ( !std::filesystem::exists( path ) )
    throw InputError( role + " file " + path + ": no such file" );
  GDALDatasetUniquePtr dataset( GDALDataset::Open( path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY ) );
  if ( !dataset )
    throw InputError( role + " file " + path + ": not a readable vector dataset" + hint );
  return dataset;
}

} // namespace htsplan
