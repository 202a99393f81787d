#pragma once
// How the plugin says what went wrong: one text per engine error, for the
// message bar and the log (the tasks and the actions share it).
#include <QString>

#include <exception>

namespace htsplan
{

//! "bad input: ...", "cannot write: ...", the message of any other exception, or "unknown error".
QString errorText( const std::exception_ptr &error );

//! Whether the error is the engine's Canceled.
bool isCanceledError( const std::exception_ptr &error );

} // namespace htsplan
