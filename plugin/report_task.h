#pragma once
// Reads the inputs and computes the report's figures (prepareReport) off the
// GUI thread; what is written (writeReport: the pack's layouts render on the
// main thread) is the plugin's next step.
#include "plugin/engine_task.h"
#include "report/report.h"

#include <functional>
#include <memory>

namespace htsplan
{

//! How a prepare run ended: the prepared report, or an error, or nothing when canceled.
struct ReportOutcome
{
    ReportRequest request;
    std::shared_ptr<const PreparedReport> prepared; //!< null unless the run succeeded
    QString error;                                  //!< empty unless the run failed
    bool canceled = false;
};

class ReportTask : public EngineTask
{
    Q_OBJECT

  public:
    //! onFinished is called on the GUI thread when the task ends, however it ends.
    using FinishedCallback = std::function<void( const ReportOutcome & )>;

    ReportTask( const ReportRequest &request, const QString &description, FinishedCallback onFinished );

  protected:
    void work() override;
    void deliver( bool canceled, const QString &error ) override;

  private:
    ReportOutcome mOutcome;
    FinishedCallback mOnFinished;
};

} // namespace htsplan
