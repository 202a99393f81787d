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

    //! One line for stderr: "parks: feature 'X', field 'sector': unknown sector 'xyz'".
    std::string toString() const;
};

using Problems = std::vector<Problem>;

//! A number for a message: up to ten significant digits, no trailing zeros ("-5", "0.25", "1.5e+12").
std::string formatNumber( double value );

//! Throws Canceled when feedback (may be null) has been cancelled: the check between stages of long work.
void throwIfCanceled( const QgsFeedback *feedback );

} // namespace htsplan
