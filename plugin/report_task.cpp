#include "plugin/report_task.h"

#include "layers/problems.h"
#include "plugin/error_text.h"

#include <qgsmessagelog.h>

namespace htsplan
{

ReportTask::ReportTask( const ReportRequest &request, const QString &description, FinishedCallback onFinished )
  : QgsTask( description, QgsTask::CanCancel )
  , mOnFinished( std::move( onFinished ) )
{
  mOutcome.request = request;
  connect( &mFeedback, &QgsFeedback::progressChanged, this, [this]( double progress ) { setProgress( progress ); }, Qt::DirectConnection );
}

void ReportTask::cancel()
{
  mFeedback.cancel();
  QgsTask::cancel();
}

bool ReportTask::run()
{
  // Worker thread: nothing may escape, the outcome carries the message.
  try
  {
    auto prepared = std::make_shared<PreparedReport>( prepareReport( mOutcome.request, &mFeedback ) );
    if ( isCanceled() )
      return false;
    mOutcome.prepared = std::move( prepared );
    setProgress( 100 );
    return true;
  }
  catch ( const Canceled & )
  {
    return false; // finished() reports it as canceled: no error text
  }
  catch ( ... )
  {
    mOutcome.error = errorText( std::current_exception() );
  }
  return false;
}

void ReportTask::finished( bool result )
{
  mOutcome.canceled = !result && mOutcome.error.isEmpty();
  if ( !mOnFinished )
    return;
  try
  {
    mOnFinished( mOutcome );
  }
  catch ( const std::exception &e )
  {
    QgsMessageLog::logMessage( QStringLiteral( "%1: %2" ).arg( description(), QString::fromStdString( e.what() ) ), QStringLiteral( "htsplan" ), Qgis::MessageLevel::Critical );
  }
  catch ( ... )
  {
    QgsMessageLog::logMessage( QStringLiteral( "%1: unknown error" ).arg( description() ), QStringLiteral( "htsplan" ), Qgis::MessageLevel::Critical );
  }
}

} // namespace htsplan
