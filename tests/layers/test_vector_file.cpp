#include <catch2/catch.hpp>

#include "layers/problems.h"
#include "layers/vector_file.h"
#include "tests/testdata.h"

#include <QTemporaryDir>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

TEST_CASE( "vector file - what is not a readable file is bad input, named", "[layers][vector_file]" )
{
  QTemporaryDir tmp;
  const fs::path dir = tmp.path().toStdString();
  fs::create_symlink( dir / "loop2", dir / "loop1" );
  fs::create_symlink( dir / "loop1", dir / "loop2" );
  fs::create_symlink( dir / "nothing", dir / "dangling" );
  fs::create_directory( dir / "folder.gpkg" );
  std::ofstream( dir / "empty.gpkg" ).close();
  std::ofstream( dir / "junk.gpkg" ) << "this is not a GeoPackage";

  const auto refused = [&]( const std::string &name, const std::string &reason ) {
    const std::string path = ( dir / name ).string();
    CHECK_THROWS_AS( htsplan::openVectorFile( path, "facilities" ), htsplan::InputError );
    try
    {
      htsplan::openVectorFile( path, "facilities" );
    }
    catch ( const htsplan::InputError &e )
    {
      CHECK_THAT( e.what(), Catch::StartsWith( "facilities file " + path + ": " ) && Catch::Contains( reason ) );
    }
  };
  refused( "loop1", "symbolic link loop" );
  refused( "dangling", "symbolic link to nothing" );
  refused( "missing.gpkg", "no such file" );
  refused( "folder.gpkg", "a folder, not a file" );
  refused( "empty.gpkg", "empty" );
  refused( "junk.gpkg", "not a readable vector dataset" );
}

TEST_CASE( "vector file - the bundled data opens read-only", "[layers][vector_file]" )
{
  const GDALDatasetUniquePtr ds = htsplan::openVectorFile( std::string( HTSPLAN_SOURCE_DIR ) + "/data/shandong.gpkg", "admin" );
  REQUIRE( ds );
  CHECK( ds->GetAccess() == GA_ReadOnly );
}
