#include "cli/interrupt.h"

#include <qgsfeedback.h>

#include <atomic>
#include <csignal>
#include <mutex>
#include <thread>

#include <pthread.h>
#include <unistd.h>

namespace htsplan
{

namespace
{
std::atomic<bool> sInterrupted{ false };
std::mutex sMutex;
QgsFeedback *sTarget = nullptr; // guarded by sMutex

sigset_t interruptSignals()
{
  sigset_t set;
  sigemptyset( &set );
  sigaddset( &set, SIGINT );
  sigaddset( &set, SIGTERM );
  return set;
}
} // namespace

void watchInterrupts()
{
  const sigset_t set = interruptSignals();
  pthread_sigmask( SIG_BLOCK, &set, nullptr );
  std::thread( [set] {
    for ( ;; )
    {
      int signal = 0;
      if ( sigwait( &set, &signal ) != 0 )
        continue;
      if ( sInterrupted.exchange( true ) )
        ::_exit( EXIT_INTERRUPTED ); // the second one: no more waiting
      std::lock_guard<std::mutex> lock( sMutex );
      if ( sTarget )
        sTarget->cancel();
    }
  } ).detach();
}

bool interrupted()
{
  return sInterrupted;
}

void setInterruptTarget( QgsFeedback *feedback )
{
  std::lock_guard<std::mutex> lock( sMutex );
  sTarget = feedback;
  if ( sTarget && sInterrupted )
    sTarget->cancel();
}

} // namespace htsplan
