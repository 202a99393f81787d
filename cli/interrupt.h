#pragma once
// Ctrl-C (SIGINT) and SIGTERM as a cancel: the engine stops at its next
// QgsFeedback check, the output transaction removes what was staged, and the
// program exits with EXIT_INTERRUPTED. A second signal ends the program at once.
class QgsFeedback;

namespace htsplan
{

//! The exit code after SIGINT or SIGTERM (128 + SIGINT, the shells' convention).
constexpr int EXIT_INTERRUPTED = 130;

/**
 * Blocks SIGINT and SIGTERM in this thread and every thread started after
 * (call first thing in main) and waits for them on a thread of its own.
 */
void watchInterrupts();

//! Whether SIGINT or SIGTERM arrived.
bool interrupted();

/**
 * The feedback a signal cancels (null: none). Cancelled at once when a
 * signal came before. The caller clears it before feedback is destroyed.
 */
void setInterruptTarget( QgsFeedback *feedback );

} // namespace htsplan
