#include <catch2/catch.hpp>

#include "layers/output_transaction.h"
#include "layers/problems.h"

#include <QTemporaryDir>

#include <filesystem>
#include <fstream>
#include <set>

namespace fs = std::filesystem;

namespace
{

void writeText( const fs::path &path, const std::string &text )
{
  std::ofstream out( path, std::ios::binary | std::ios::trunc );
  out << text;
}

std::string readText( const fs::path &path )
{
  std::ifstream in( path, std::ios::binary );
  return std::string( std::istreambuf_iterator<char>( in ), std::istreambuf_iterator<char>() );
}

//! The names in folder, hidden ones included.
std::set<std::string> names( const fs::path &folder )
{
  std::set<std::string> out;
  for ( const auto &entry : fs::directory_iterator( folder ) )
    out.insert( entry.path().filename().string() );
  return out;
}

//! A transaction whose renames fail for one destination: a disk that fails half way.
class FailingTransaction : public htsplan::OutputTransaction
{
  public:
    //! onlyNew: only the rename of the new version fails (putting the old one back works).
    FailingTransaction( std::string failingTarget, bool onlyNew )
      : mFailing( std::move( failingTarget ) )
      , mOnlyNew( onlyNew )
    {}

  protected:
    void renamePath( const std::string &from, const std::string &to, std::error_code &error ) override
    {
      if ( to == mFailing && ( !mOnlyNew || from.find( ".htsplan-new-" ) != std::string::npos ) )
      {
        error = std::make_error_code( std::errc::io_error );
        return;
      }
      OutputTransaction::renamePath( from, to, error );
    }

  private:
    std::string mFailing;
    bool mOnlyNew = true;
};

} // namespace

TEST_CASE( "output transaction - files are published together", "[layers][output_transaction]" )
{
  QTemporaryDir tmp;
  const fs::path dir = tmp.path().toStdString();
  writeText( dir / "b.txt", "old b" );

  htsplan::OutputTransaction transaction;
  const std::string a = transaction.stage( ( dir / "a.txt" ).string(), htsplan::OutputTransaction::Kind::File );
  const std::string b = transaction.stage( ( dir / "b.txt" ).string(), htsplan::OutputTransaction::Kind::File );
  // The file keeps its name, in a hidden folder beside the target.
  CHECK( fs::path( a ).filename() == "a.txt" );
  CHECK( fs::path( a ).parent_path().parent_path() == dir );
  CHECK( fs::path( a ).parent_path().filename().string().front() == '.' );
  writeText( a, "new a" );
  writeText( b, "new b" );
  writeText( b + ".aux.xml", "sidecar" ); // GDAL's sidecar of b
  // Nothing visible before the commit.
  CHECK_FALSE( fs::exists( dir / "a.txt" ) );
  CHECK( readText( dir / "b.txt" ) == "old b" );

  transaction.commit();
  CHECK( transaction.committed() );
  CHECK( readText( dir / "a.txt" ) == "new a" );
  CHECK( readText( dir / "b.txt" ) == "new b" );
  CHECK( readText( dir / "b.txt.aux.xml" ) == "sidecar" );
  CHECK( names( dir ) == std::set<std::string> { "a.txt", "b.txt", "b.txt.aux.xml" } ); // no temporary, no old version
  CHECK( transaction.warnings().empty() );
}

TEST_CASE( "output transaction - nothing is left without a commit", "[layers][output_transaction]" )
{
  QTemporaryDir tmp;
  const fs::path dir = tmp.path().toStdString();
  writeText( dir / "keep.txt", "old" );
  {
    htsplan::OutputTransaction transaction;
    writeText( transaction.stage( ( dir / "keep.txt" ).string(), htsplan::OutputTransaction::Kind::File ), "new" );
    const std::string folder = transaction.stage( ( dir / "new" / "deeper" / "report" ).string(), htsplan::OutputTransaction::Kind::Folder );
    CHECK( fs::is_directory( folder ) );
    writeText( fs::path( folder ) / "metrics.json", "{}" );
    // destroyed: an error or a cancel
  }
  CHECK( names( dir ) == std::set<std::string> { "keep.txt" } ); // the created parents "new/deeper" went too
  CHECK( readText( dir / "keep.txt" ) == "old" );

  SECTION( "rollback() does the same, once" )
  {
    htsplan::OutputTransaction transaction;
    writeText( transaction.stage( ( dir / "x.txt" ).string(), htsplan::OutputTransaction::Kind::File ), "new" );
    transaction.rollback();
    CHECK( names( dir ) == std::set<std::string> { "keep.txt" } );
    CHECK_THROWS_AS( transaction.commit(), htsplan::OutputError );
  }
}

TEST_CASE( "output transaction - a folder is replaced whole", "[layers][output_transaction]" )
{
  QTemporaryDir tmp;
  const fs::path dir = tmp.path().toStdString();
  fs::create_directory( dir / "report" );
  writeText( dir / "report" / "metrics.json", "old" );
  writeText( dir / "report" / "overview.pdf", "old map" );

  htsplan::OutputTransaction transaction;
  const fs::path staged = transaction.stage( ( dir / "report" ).string(), htsplan::OutputTransaction::Kind::Folder );
  writeText( staged / "metrics.json", "new" );
  transaction.commit();
  CHECK( names( dir / "report" ) == std::set<std::string> { "metrics.json" } ); // the old map is gone with the old folder
  CHECK( readText( dir / "report" / "metrics.json" ) == "new" );
  CHECK( names( dir ) == std::set<std::string> { "report" } );
}

TEST_CASE( "output transaction - the wrong kind of target is refused at once", "[layers][output_transaction]" )
{
  QTemporaryDir tmp;
  const fs::path dir = tmp.path().toStdString();
  writeText( dir / "file", "x" );
  fs::create_directory( dir / "folder" );
  htsplan::OutputTransaction transaction;
  CHECK_THROWS_WITH( transaction.stage( ( dir / "file" ).string(), htsplan::OutputTransaction::Kind::Folder ), Catch::Contains( "is not a folder" ) );
  CHECK_THROWS_WITH( transaction.stage( ( dir / "folder" ).string(), htsplan::OutputTransaction::Kind::File ), Catch::Contains( "is a folder" ) );
  CHECK_THROWS_WITH( transaction.stage( ( dir / "file" / "below" ).string(), htsplan::OutputTransaction::Kind::File ), Catch::Contains( "file" ) );
  CHECK( names( dir ) == std::set<std::string> { "file", "folder" } );
}

TEST_CASE( "output transaction - a rename failing half way restores the old versions", "[layers][output_transaction]" )
{
  QTemporaryDir tmp;
  const fs::path dir = tmp.path().toStdString();
  writeText( dir / "metrics.json", "old metrics" );
  writeText( dir / "cities.csv", "old cities" );

  FailingTransaction transaction( ( dir / "cities.csv" ).string(), true );
  writeText( transaction.stage( ( dir / "metrics.json" ).string(), htsplan::OutputTransaction::Kind::File ), "new metrics" );
  writeText( transaction.stage( ( dir / "cities.csv" ).string(), htsplan::OutputTransaction::Kind::File ), "new cities" );
  try
  {
    transaction.commit();
    FAIL( "commit() should have thrown" );
  }
  catch ( const htsplan::OutputError &e )
  {
    const std::string message = e.what();
    CHECK_THAT( message, Catch::Contains( "cities.csv" ) );
    CHECK_THAT( message, Catch::Contains( "nothing was written" ) );
  }
  // metrics.json had been replaced: it is the old one again; nothing else is left.
  CHECK( readText( dir / "metrics.json" ) == "old metrics" );
  CHECK( readText( dir / "cities.csv" ) == "old cities" );
  CHECK( names( dir ) == std::set<std::string> { "metrics.json", "cities.csv" } );
}

TEST_CASE( "output transaction - a restore that fails too says where the old version is", "[layers][output_transaction]" )
{
  QTemporaryDir tmp;
  const fs::path dir = tmp.path().toStdString();
  writeText( dir / "a.txt", "old a" );

  // Every rename into a.txt fails: the new one cannot be published, nor the old one put back.
  FailingTransaction transaction( ( dir / "a.txt" ).string(), false );
  writeText( transaction.stage( ( dir / "a.txt" ).string(), htsplan::OutputTransaction::Kind::File ), "new a" );
  try
  {
    transaction.commit();
    FAIL( "commit() should have thrown" );
  }
  catch ( const htsplan::OutputError &e )
  {
    const std::string message = e.what();
    CHECK_THAT( message, Catch::Contains( "could not all be restored" ) );
    CHECK_THAT( message, Catch::Contains( "old version is at" ) );
    // The old version is where the message says.
    const std::string at = message.substr( message.find( "old version is at " ) + 18 );
    CHECK( readText( at.substr( 0, at.find( ' ' ) ) ) == "old a" );
  }
}
