#include "metrics_task.h"

#include "admin.h"
#include "facilities.h"
#include "problems.h"
#include "targets.h"

#include <qgsmessagelog.h>

namespace htsplan
{

MetricsTask::MetricsTask( const MetricsRequest &request, FinishedCallback onFinished )
  : QgsTask( QStringLiteral( "htsplan 目标进度 target progress" ), QgsTask::CanCancel )
  , mOnFinished( std::move( onFinished ) )
{
  mOutcome.request = request;
  // Engine progress (0-100) fills the last 70% of the task; loading takes the first 30%.
  connect( &mFeedback, &QgsFeedback::progressChanged, this, [this]( double progress ) { setProgress( 30.0 + 0.7 * progress ); }, Qt::DirectConnection );
}

void MetricsTask::cancel()
{
  mFeedback.cancel();
  QgsTask::cancel();
}

bool MetricsTask::run()
{
  // Worker thread: nothing may escape, the outcome carries the message.
  try
  {
    const MetricsRequest &r = mOutcome.request;
    const Targets targets = loadTargets( r.targetsPath.toStdString() );
    setProgress( 5 );
    const AdminData admin = loadAdmin( r.adminPath.toStdString(), r.vintage );
    setProgress( 20 );
    if ( isCanceled() )
      return false;
    const FacilitySet facilities = loadFacilities( r.facilitiesPath.toStdString(), targets );
    setProgress( 30 );
    if ( isCanceled() )
      return false;
    auto metrics = std::make_shared<Metrics>( computeMetrics( admin, facilities, targets, ReportOptions(), &mFeedback ) );
    if ( isCanceled() )
      return false;
    mOutcome.metrics = std::move( metrics );
    setProgress( 100 );
    return true;
  }
  catch ( const Canceled & )
  {
    return false; // finished() reports it as canceled: no error text
  }
  catch ( const InputError &e )
  {
    mOutcome.error = QStringLiteral( "bad input: %1" ).arg( QString::fromStdString( e.what() ) );
  }
  catch ( const std::exception &e )
  {
    mOutcome.error = QString::fromStdString( e.what() );
  }
  catch ( ... )
  {
    mOutcome.error = QStringLiteral( "unknown error" );
  }
  return false;
}

void MetricsTask::finished( bool result )
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
    QgsMessageLog::logMessage( QStringLiteral( "target progress: %1" ).arg( QString::fromStdString( e.what() ) ), QStringLiteral( "htsplan" ), Qgis::MessageLevel::Critical );
  }
  catch ( ... )
  {
    QgsMessageLog::logMessage( QStringLiteral( "target progress: unknown error" ), QStringLiteral( "htsplan" ), Qgis::MessageLevel::Critical );
  }
}

} // namespace htsplan
