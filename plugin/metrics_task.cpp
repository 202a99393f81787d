#include "plugin/metrics_task.h"

#include "layers/problems.h"
#include "plugin/error_text.h"
#include "report/snapshot.h"

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
    // The same inputs and snapshot as `htsplan report` (without the spatial analyses).
    QgsFeedback loading;
    connect( &loading, &QgsFeedback::progressChanged, this, [this]( double progress ) { setProgress( 0.3 * progress ); }, Qt::DirectConnection );
    connect( &mFeedback, &QgsFeedback::canceled, &loading, &QgsFeedback::cancel, Qt::DirectConnection );
    InputPaths paths;
    paths.adminPath = r.adminPath.toStdString();
    paths.facilitiesPath = r.facilitiesPath.toStdString();
    paths.targetsPath = r.targetsPath.toStdString();
    paths.vintage = r.vintage;
    const PlanningInputs inputs = loadPlanningInputs( paths, &loading );
    SnapshotOptions options;
    options.analyses.enabled = false;
    auto metrics = std::make_shared<Metrics>( computeSnapshot( inputs, options, &mFeedback ).metrics );
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
  catch ( ... )
  {
    mOutcome.error = errorText( std::current_exception() );
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
