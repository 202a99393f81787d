#pragma once
// Runs the loaders and computeMetrics off the GUI thread. The loaders read the
// files through their own GDAL handles: no QgsVectorLayer is touched here.
#include "planning/metrics.h"
#include "plugin/engine_task.h"

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

class MetricsTask : public EngineTask
{
    Q_OBJECT

  public:
    //! onFinished is called on the GUI thread when the task ends, however it ends.
    using FinishedCallback = std::function<void( const MetricsOutcome & )>;

    MetricsTask( const MetricsRequest &request, FinishedCallback onFinished );

  protected:
    void work() override;
    void deliver( bool canceled, const QString &error ) override;

  private:
    MetricsOutcome mOutcome;
    FinishedCallback mOnFinished;
};

} // namespace htsplan
