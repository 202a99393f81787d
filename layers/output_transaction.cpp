#include "layers/output_transaction.h"

#include "layers/problems.h"

#include <algorithm>
#include <atomic>
#include <filesystem>

#include <unistd.h>

namespace fs = std::filesystem;

namespace htsplan
{

namespace
{

//! What is at path, without following a last symlink loop into an exception.
fs::file_status statusOf( const fs::path &path )
{
  std::error_code error;
  const fs::file_status status = fs::status( path, error );
  if ( error && fs::symlink_status( path, error ).type() == fs::file_type::symlink )
    return fs::file_status( fs::file_type::symlink );
  return status;
}

bool existsAt( const fs::path &path )
{
  std::error_code error;
  return fs::symlink_status( path, error ).type() != fs::file_type::not_found && !error;
}

//! Every file a writer put in a private staging folder, each with its place beside the target.
std::vector<std::pair<fs::path, fs::path>> filesIn( const fs::path &folder, const fs::path &targetFolder )
{
  std::vector<std::pair<fs::path, fs::path>> files;
  std::error_code error;
  for ( fs::directory_iterator it( folder, error ), end; !error && it != end; it.increment( error ) )
    files.emplace_back( it->path(), targetFolder / it->path().filename() );
  std::sort( files.begin(), files.end() );
  return files;
}

} // namespace

std::string hiddenSiblingName( const std::string &name, const std::string &tag, const std::string &suffix )
{
  static std::atomic<unsigned> counter{ 0 };
  return "." + name + ".htsplan-" + tag + "-" + std::to_string( ::getpid() ) + "-" + std::to_string( counter++ ) + suffix;
}

OutputTransaction::~OutputTransaction()
{
  if ( !mCommitted )
    rollback();
}

std::string OutputTransaction::stage( const std::string &targetText, Kind kind )
{
  if ( targetText.empty() )
    throw OutputError( "no output path given" );
  std::error_code error;
  fs::path target = fs::absolute( fs::path( targetText ), error ).lexically_normal();
  if ( !target.has_filename() && target.has_relative_path() )
    target = target.parent_path(); // "out/" is out
  if ( error || !target.has_filename() )
    throw OutputError( "output path " + targetText + ": not a file or folder name" );

  const fs::file_status status = statusOf( target );
  if ( status.type() == fs::file_type::symlink )
    throw OutputError( "output path " + target.string() + ": a broken symbolic link or a link loop" );
  if ( fs::exists( status ) )
  {
    const bool isFolder = fs::is_directory( status );
    if ( kind == Kind::Folder && !isFolder )
      throw OutputError( "output folder " + target.string() + " exists and is not a folder" );
    if ( kind == Kind::File && isFolder )
      throw OutputError( "output file " + target.string() + " exists and is a folder" );
  }

  // The missing parents, created from the top; each noted for the rollback.
  const fs::path parent = target.parent_path();
  std::vector<fs::path> missing;
  for ( fs::path p = parent; !p.empty() && !existsAt( p ); p = p.parent_path() )
  {
    missing.push_back( p );
    if ( p == p.parent_path() )
      break;
  }
  if ( !missing.empty() && !mCreateParents )
    throw OutputError( "cannot write " + target.string() + ": the folder " + parent.string() + " does not exist" );
  for ( auto it = missing.rbegin(); it != missing.rend(); ++it )
  {
    if ( !fs::create_directory( *it, error ) || error )
      throw OutputError( "cannot create the folder " + it->string() + ": " + ( error ? error.message() : "it exists" ) );
    mCreatedFolders.push_back( it->string() );
  }
  if ( !fs::is_directory( statusOf( parent ) ) )
    throw OutputError( "cannot write " + target.string() + ": " + parent.string() + " is not a folder" );

  // A hidden folder beside the target: the staged folder itself, or the one
  // that holds the staged file under the target's own name (formats that
  // name a layer after the file, sidecars such as a shapefile's .dbf).
  const fs::path staging = parent / hiddenSiblingName( target.filename().string(), "new" );
  if ( !fs::create_directory( staging, error ) || error )
    throw OutputError( "cannot write in the folder " + parent.string() + ": " + ( error ? error.message() : "a temporary folder exists" ) );
  const fs::path temporary = kind == Kind::Folder ? staging : staging / target.filename();
  mEntries.push_back( { target.string(), temporary.string(), staging.string(), kind } );
  return temporary.string();
}

void OutputTransaction::renamePath( const std::string &from, const std::string &to, std::error_code &error )
{
  fs::rename( from, to, error );
}

std::string OutputTransaction::temporaryPath( const std::string &target ) const
{
  std::error_code error;
  fs::path path = fs::absolute( fs::path( target ), error ).lexically_normal();
  if ( !path.has_filename() && path.has_relative_path() )
    path = path.parent_path();
  const std::string absolute = path.string();
  for ( const Entry &e : mEntries )
    if ( e.target == absolute )
      return e.temporary;
  return std::string();
}

void OutputTransaction::commit()
{
  if ( mCommitted || mRolledBack )
    throw OutputError( "output transaction used twice" );

  std::vector<Move> moves;
  for ( const Entry &e : mEntries )
  {
    if ( e.kind == Kind::Folder )
    {
      if ( existsAt( e.temporary ) )
        moves.push_back( { e.temporary, e.target, std::string() } );
      continue;
    }
    // The file and its sidecars; a writer may also have added an extension of its own
    // (QGIS writes "x.tif.gpkg" for a vector layer sent to "x.tif"): those are published too.
    for ( const auto &[from, to] : filesIn( e.staging, fs::path( e.target ).parent_path() ) )
      moves.push_back( { from.string(), to.string(), std::string() } );
  }

  std::error_code error;
  auto fail = [&]( const std::string &what ) {
    // Undo in reverse order: remove each new version, rename its old one back.
    std::vector<std::string> state;
    for ( auto it = moves.rbegin(); it != moves.rend(); ++it )
    {
      std::error_code undo;
      if ( it->published )
      {
        fs::remove_all( it->to, undo );
        if ( undo )
        {
          state.push_back( it->to + " is the new version (it could not be removed: " + undo.message() + ")" +
                           ( it->backedUp ? ", the old one is at " + it->backup : "" ) );
          continue;
        }
      }
      if ( it->backedUp )
      {
        renamePath( it->backup, it->to, undo );
        if ( undo )
          state.push_back( it->to + " is missing: its old version is at " + it->backup + " (" + undo.message() + ")" );
      }
    }
    rollback();
    if ( state.empty() )
      throw OutputError( what + "; every output is as it was before: nothing was written" );
    std::string message = what + "; the outputs could not all be restored: ";
    for ( size_t i = 0; i < state.size(); ++i )
      message += ( i ? "; " : "" ) + state[i];
    throw OutputError( message );
  };

  for ( Move &move : moves )
  {
    const fs::path to( move.to );
    if ( existsAt( to ) )
    {
      move.backup = ( to.parent_path() / hiddenSiblingName( to.filename().string(), "old" ) ).string();
      renamePath( to.string(), move.backup, error );
      if ( error )
        fail( "cannot move the old " + move.to + " aside: " + error.message() );
      move.backedUp = true;
    }
    renamePath( move.from, to.string(), error );
    if ( error )
      fail( "cannot move " + move.to + " into place: " + error.message() );
    move.published = true;
  }
  mCommitted = true;

  // Everything is in place: the old versions go.
  for ( const Move &move : moves )
  {
    if ( !move.backedUp )
      continue;
    fs::remove_all( move.backup, error );
    if ( error )
      mWarnings.push_back( "the old version of " + move.to + " could not be deleted: it is at " + move.backup + " (" + error.message() + ")" );
  }
  rollback(); // staged files the commit skipped, if any; the created folders now hold outputs and stay
}

void OutputTransaction::rollback() noexcept
{
  try
  {
    for ( const Entry &e : mEntries )
    {
      std::error_code ignored;
      fs::remove_all( e.staging, ignored );
    }
    for ( auto it = mCreatedFolders.rbegin(); it != mCreatedFolders.rend(); ++it )
    {
      std::error_code ignored;
      fs::remove( *it, ignored ); // only when empty
    }
  }
  catch ( ... )
  {
  }
  mEntries.clear();
  mCreatedFolders.clear();
  if ( !mCommitted )
    mRolledBack = true;
}

} // namespace htsplan
