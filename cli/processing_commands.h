#pragma once
// `htsplan run | list | help`: QGIS's qgis_process, for htsplan's algorithms
// and QGIS's native ones in one process.
#include <QStringList>

namespace htsplan
{

//! Registers the native QGIS provider and htsplan's (once per process).
void registerProviders();

/**
 * args: the command line after the program name, starting with "run",
 * "list" or "help". "--json" anywhere switches to qgis_process's JSON layout.
 * Returns the exit code: 0 success, 1 the algorithm failed, 2 bad usage or input,
 * 3 an output cannot be written, 130 interrupted (cli/interrupt.h). The
 * outputs are published together after success, or none (OutputTransaction).
 */
int runProcessingCommand( const QStringList &args );

} // namespace htsplan
