#pragma once
// Runs the loaders and computeMetrics off the GUI thread. The loaders read the
// files through their own GDAL handles: no QgsVectorLayer is touched here.
#include "planning/metrics.h"

#include <qgsfeedback.h>
#include <qgstaskmanager.h>

#include <functional>
#include <memory>

namespace htsplan
{

//! The files and options of one target-progress run.
struct MetricsRequest
{
    QString adminPath;
    QString facilitiesPath;
    QString targetsPath;
    Vintage vintage = Vintage::Y2015;
};

//! What a run produced: metrics, or an error message, or nothing when canceled.
struct MetricsOutcome
{
    MetricsRequest request;
    std::shared_ptr<const Metrics> metrics; //!< null unless the run succeeded
    QString error;                          //!< empty unless the run failed
    bool canceled = false;
};

class MetricsTask : public QgsTask
{
    Q_OBJECT

  public:
    //! onFinished is called on the GUI thread when the task ends, however it ends.
    using FinishedCallback = std::function<void( const MetricsOutcome & )>;

    MetricsTask( const MetricsRequest &request, FinishedCallback onFinished );

    void cancel() override;

  protected:
    bool run() override;
    void finished( bool result ) override;

  private:
    MetricsOutcome mOutcome;
    FinishedCallback mOnFinished;
    QgsFeedback mFeedback;
};

} // namespace htsplan
