#include "layers/atomic_file.h"

#include "layers/problems.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace htsplan
{

namespace
{
//! Unique within the process (several outputs of one run may share a folder) and across processes (the pid).
std::string uniqueSuffix()
{
  static std::atomic<unsigned> counter{ 0 };
  return std::to_string( ::getpid() ) + "-" + std::to_string( counter++ );
}
} // namespace

AtomicFile::AtomicFile( std::string target, const std::string &suffix )
  : mTarget( std::move( target ) )
{
  const fs::path path( mTarget );
  mTemporary = ( path.parent_path() / ( "." + path.filename().string() + ".tmp-" + uniqueSuffix() + suffix ) ).string();
}

AtomicFile::~AtomicFile()
{
  if ( !mCommitted )
  {
    std::error_code ignored;
    fs::remove_all( mTemporary, ignored );
  }
}

void AtomicFile::commit()
{
  std::error_code error;
  fs::rename( mTemporary, mTarget, error );
  if ( error )
    throw OutputError( "cannot move " + mTemporary + " to " + mTarget + ": " + error.message() );
  mCommitted = true;
}

void writeFileAtomically( const std::string &path, const std::string &contents )
{
  AtomicFile file( path );
  {
    std::ofstream out( file.temporaryPath(), std::ios::binary | std::ios::trunc );
    if ( !out )
      throw OutputError( "cannot write " + path + " (folder missing or not writable)" );
    out << contents;
    out.flush();
    if ( !out )
      throw OutputError( "cannot write " + path + " (disk full?)" );
  }
  file.commit();
}

} // namespace htsplan
