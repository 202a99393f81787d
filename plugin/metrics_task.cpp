#include "plugin/metrics_task.h"

#include "report/snapshot.h"

namespace htsplan
{

MetricsTask::MetricsTask( const MetricsRequest &request, FinishedCallback onFinished )
  : EngineTask( tr( "htsplan target progress" ) )
  , mOnFinished( std::move( onFinished ) )
{
  mOutcome.request = request;
  // Engine progress (0-100) fills the last 70% of the task; loading takes the first 30%.
  connect( &feedback(), &QgsFeedback::progressChanged, this, [this]( double progress ) { setProgress( 30.0 + 0.7 * progress ); }, Qt::DirectConnection );
}

void MetricsTask::work()
{
  const MetricsRequest &r = mOutcome.request;
  // The same inputs and snapshot as `htsplan report` (without the spatial analyses).
  QgsFeedback loading;
  connect( &loading, &QgsFeedback::progressChanged, this, [this]( double progress ) { setProgress( 0.3 * progress ); }, Qt::DirectConnection );
  connect( &feedback(), &QgsFeedback::canceled, &loading, &QgsFeedback::cancel, Qt::DirectConnection );
  InputPaths paths;
  paths.adminPath = r.adminPath.toStdString();
  paths.facilitiesPath = r.facilitiesPath.toStdString();
  paths.targetsPath = r.targetsPath.toStdString();
  paths.vintage = r.vintage;
  const PlanningInputs inputs = loadPlanningInputs( paths, &loading );
  SnapshotOptions options;
  options.analyses.enabled = false;
  mOutcome.metrics = std::make_shared<Metrics>( computeSnapshot( inputs, options, &feedback() ).metrics );
}

void MetricsTask::deliver( bool canceled, const QString &error )
{
  mOutcome.canceled = canceled;
  mOutcome.error = error;
  if ( canceled || !error.isEmpty() )
    mOutcome.metrics.reset();
  if ( mOnFinished )
    mOnFinished( mOutcome );
}

} // namespace htsplan
