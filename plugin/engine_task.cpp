#include "plugin/engine_task.h"

#include "layers/problems.h"
#include "plugin/error_text.h"

#include <qgsmessagelog.h>

namespace htsplan
{

EngineTask::EngineTask( const QString &description )
  : QgsTask( description, QgsTask::CanCancel )
{
}

void EngineTask::cancel()
{
  mFeedback.cancel();
  QgsTask::cancel();
}

bool EngineTask::run()
{
  // Worker thread: nothing may escape, the outcome carries the message.
  try
  {
    work();
    if ( isCanceled() )
      return false;
    setProgress( 100 );
    return true;
  }
  catch ( const Canceled & )
  {
    return false; // finished() reports it as canceled: no error text
  }
  catch ( ... )
  {
    mError = errorText( std::current_exception() );
  }
  return false;
}

void EngineTask::finished( bool result )
{
  try
  {
    deliver( !result && mError.isEmpty(), mError );
  }
  catch ( ... )
  {
    QgsMessageLog::logMessage( QStringLiteral( "%1: %2" ).arg( description(), errorText( std::current_exception() ) ), QStringLiteral( "htsplan" ),
                               Qgis::MessageLevel::Critical );
  }
}

} // namespace htsplan
