#pragma once
#include <stdexcept>
#include <string>
#include <vector>

class QgsFeedback;

namespace htsplan
{

//! Bad input that stops the run (exit code 2 on the command line). The message
//! names the file, layer, feature and field where they are known.
class InputError : public std::runtime_error
{
  public:
    using std::runtime_error::runtime_error;
};

//! An output cannot be written (an unwritable folder, a full disk): not the
//! input's fault (exit code 3 on the command line). The message names the file.
class OutputError : public std::runtime_error
{
  public:
    using std::runtime_error::runtime_error;
};

//! The user cancelled a long computation (through QgsFeedback). Not an error:
//! front doors report it as "canceled" and write nothing.
class Canceled : public std::runtime_error
{
  public:
    Canceled()
      : std::runtime_error( "canceled" )
    {}
};

//! A per-feature problem: reported, counted, never fatal.
struct Problem
{
    std::string severity; //!< "warning" or "error"
    std::string layer;
    std::string feature; //!< feature name, or "fid N" when it has none; empty for a whole layer
    std::string field;   //!< empty when the problem is not about one field
    std::string problem;
    //! The kind of problem, shared by every feature that has it ("unknown sector;
    //! tallied under 'unknown'"): problems of one layer, field and kind are
    //! summed up in one line by summariseProblems. Empty: the problem is its own kind.
    std::string kind = {};
    //! What this feature shows of the kind, for the summary's examples ("'xyz'"); may be empty.
    std::string value = {};

    //! One line for stderr: "parks: feature 'X', field 'sector': unknown sector 'xyz'".
    std::string toString() const;
};

using Problems = std::vector<Problem>;

/**
 * The problems for a person to read: one line per layer, field and kind of
 * problem, with its count and the first few examples ("warning: parks, field
 * 'sector': 12 features: unknown sector; tallied under 'unknown' (e.g. 'fid 3':
 * 'xyz', '软件园 (fid 7)': 'abc', ...)"), in the order the kinds first occur.
 * A kind met once gives that problem's own line. Names and values longer than
 * 80 bytes are cut ("…"). The one implementation for
 * the command line, the plugin and Processing; metrics.json keeps every problem.
 */
//! items names what is counted ("features"; the importer's "rows").
std::vector<std::string> summariseProblems( const Problems &problems, size_t examples = 3, const std::string &items = "features" );

//! A number for a message: up to ten significant digits, no trailing zeros ("-5", "0.25", "1.5e+12").
std::string formatNumber( double value );

//! A coordinate for a message: at most four decimals, no trailing zeros ("117.0685", "36.5", "13080000").
std::string formatCoordinate( double value );

//! Throws Canceled when feedback (may be null) has been cancelled: the check between stages of long work.
void throwIfCanceled( const QgsFeedback *feedback );

} // namespace htsplan
