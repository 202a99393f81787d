#pragma once
// One way to write an output so that a reader never sees half of it: write
// to a temporary file in the same folder, then rename it over the target.
#include <string>

namespace htsplan
{

/**
 * A temporary path beside the target, renamed over it by commit() and
 * removed by the destructor when commit() was not reached (a failed or
 * cancelled write leaves the target as it was).
 */
class AtomicFile
{
  public:
    //! suffix ends the temporary file's name (e.g. ".gpkg", for libraries that go by the extension).
    explicit AtomicFile( std::string target, const std::string &suffix = std::string() );
    ~AtomicFile();
    AtomicFile( const AtomicFile & ) = delete;
    AtomicFile &operator=( const AtomicFile & ) = delete;

    //! Where to write: a hidden file in the target's folder.
    const std::string &temporaryPath() const { return mTemporary; }
    const std::string &targetPath() const { return mTarget; }
    //! Renames the temporary file over the target; throws OutputError naming both on failure.
    void commit();

  private:
    std::string mTarget;
    std::string mTemporary;
    bool mCommitted = false;
};

//! Writes text to path through an AtomicFile. Throws OutputError naming the path on failure.
void writeFileAtomically( const std::string &path, const std::string &contents );

} // namespace htsplan
