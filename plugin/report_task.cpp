#include "plugin/report_task.h"

namespace htsplan
{

ReportTask::ReportTask( const ReportRequest &request, const QString &description, FinishedCallback onFinished )
  : EngineTask( description )
  , mOnFinished( std::move( onFinished ) )
{
  mOutcome.request = request;
  connect( &feedback(), &QgsFeedback::progressChanged, this, [this]( double progress ) { setProgress( progress ); }, Qt::DirectConnection );
}

void ReportTask::work()
{
  mOutcome.prepared = std::make_shared<PreparedReport>( prepareReport( mOutcome.request, &feedback() ) );
}

void ReportTask::deliver( bool canceled, const QString &error )
{
  mOutcome.canceled = canceled;
  mOutcome.error = error;
  if ( canceled || !error.isEmpty() )
    mOutcome.prepared.reset();
  if ( mOnFinished )
    mOnFinished( mOutcome );
}

} // namespace htsplan
