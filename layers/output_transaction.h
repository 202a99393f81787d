#pragma once
// Every output of a command published together, or none of them: each output
// is written to a temporary path beside its target, and commit() moves them
// all into place at the end. `htsplan report` stages its whole folder this
// way, `htsplan run` each of an algorithm's output files.
#include <string>
#include <system_error>
#include <vector>

namespace htsplan
{

/**
 * A set of outputs (files or folders) staged in hidden folders beside their
 * targets (same file system: a rename publishes each one).
 *
 * commit() publishes them in the order staged: for each target, an existing
 * old version is renamed away, the staged one renamed in; once every target
 * is in place the old versions are deleted. When a rename fails, the ones
 * already done are undone (new versions removed, old ones renamed back) and
 * OutputError says what failed and exactly what state the targets are in.
 *
 * Destroyed or rolled back before commit() (an error, a cancel), it removes
 * every temporary path and the parent folders it created, so nothing is left.
 *
 * A staged file may come with sidecars that the writer adds next to it
 * (a shapefile's .dbf and .shx, GDAL's .aux.xml): every file in its hidden
 * folder is published beside the target.
 */
class OutputTransaction
{
  public:
    enum class Kind
    {
      File,  //!< the caller creates the file (and its sidecars) at the temporary path
      Folder //!< stage() creates the temporary folder; the caller fills it
    };

    OutputTransaction() = default;
    //! Rolls back unless committed.
    virtual ~OutputTransaction();
    OutputTransaction( const OutputTransaction & ) = delete;
    OutputTransaction &operator=( const OutputTransaction & ) = delete;

    /**
     * Reserves the temporary path of target: for Kind::File, target's own
     * name in a hidden folder created beside it (a writer that names a layer
     * after the file, or goes by the extension, sees the real name); for
     * Kind::Folder, a hidden folder created beside it. Creates target's
     * missing parent folders (unless setCreateParents( false )) and checks
     * the folder can be written.
     * Throws OutputError naming the path when target exists as the other kind
     * (a file where a folder is expected, or the reverse), or its folder
     * cannot be created or written.
     */
    std::string stage( const std::string &target, Kind kind );

    //! Whether stage() creates a target's missing parent folders (default) or refuses the target (OutputError).
    void setCreateParents( bool create ) { mCreateParents = create; }

    /**
     * Publishes every staged output (a staged file the writer never created
     * is skipped), then deletes the old versions. Throws OutputError on
     * failure, after undoing what it can; the message tells the state.
     */
    void commit();

    //! Removes every temporary path and the folders stage() created. Never throws.
    void rollback() noexcept;

    //! Problems that did not stop the commit (an old version that could not be deleted).
    const std::vector<std::string> &warnings() const { return mWarnings; }

    //! Whether commit() succeeded.
    bool committed() const { return mCommitted; }

    //! The temporary path of target (absolute), or empty when it is not staged.
    std::string temporaryPath( const std::string &target ) const;

  protected:
    //! One rename of commit() (std::filesystem::rename); a test overrides it to fail on purpose.
    virtual void renamePath( const std::string &from, const std::string &to, std::error_code &error );

  private:
    struct Entry
    {
        std::string target;    //!< absolute
        std::string temporary; //!< absolute, in staging
        std::string staging;   //!< the hidden folder beside the target: temporary itself for Kind::Folder
        Kind kind = Kind::File;
    };
    //! One rename of commit(), with the old version's place.
    struct Move
    {
        std::string from, to, backup;
        bool backedUp = false, published = false;
    };
    std::vector<Entry> mEntries;
    std::vector<std::string> mCreatedFolders; //!< in creation order
    std::vector<std::string> mWarnings;
    bool mCommitted = false;
    bool mRolledBack = false;
    bool mCreateParents = true;
};

/**
 * A name for a temporary path that no other process or transaction uses:
 * "." + name + ".htsplan-" + tag + "-PID-N" + suffix.
 */
std::string hiddenSiblingName( const std::string &name, const std::string &tag, const std::string &suffix = std::string() );

} // namespace htsplan
