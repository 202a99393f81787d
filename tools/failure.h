#pragma once
// The one error type of htsplan-data: main() prints what() after the name of
// the subcommand and exits with status 1.
#include <stdexcept>

namespace htsplan::tools
{

struct Failure : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

} // namespace htsplan::tools
