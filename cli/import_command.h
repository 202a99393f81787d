#pragma once
// `htsplan import FILE --out OUT.gpkg [...]`: the planner's spelling of
// `htsplan run htsplan:importlist -- INPUT=FILE OUTPUT=OUT.gpkg ...`.
#include <QStringList>

#include <stdexcept>

namespace htsplan
{

//! A wrong `htsplan import` command line (exit 2).
struct ImportUsageError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

//! The `run` arguments for an `import` command line (args start with "import").
QStringList importRunArguments( const QStringList &args );

//! The usage lines of `htsplan import`.
const char *importUsage();

} // namespace htsplan
