#pragma once
// Runs one Processing algorithm of the registry (htsplan's or QGIS's) as a
// QgsTask: prepared on the main thread, run on a worker, post-processed on the
// main thread, as QGIS's toolbox does. The task owns the algorithm copy, the
// context and the feedback, so it outlives whoever started it (the plugin may
// be unloaded meanwhile: unload cancels it).
#include <qgsprocessingcontext.h>
#include <qgstaskmanager.h>

#include <QStringList>
#include <QVariantMap>

#include <functional>
#include <memory>

class QgsProcessingAlgorithm;

namespace htsplan
{

//! How one run ended: results, or an error, or nothing when canceled; and what the algorithm said.
struct AlgorithmOutcome
{
    QString algorithmId;
    QVariantMap parameters;
    QVariantMap results;  //!< empty unless the run succeeded
    QString error;        //!< empty unless the run failed
    bool canceled = false;
    QStringList warnings; //!< the algorithm's pushWarning() lines, in order
    QStringList infos;    //!< its pushInfo() lines
};

class AlgorithmTask : public QgsTask
{
    Q_OBJECT

  public:
    //! Called on the GUI thread when the task ends, however it ends.
    using FinishedCallback = std::function<void( const AlgorithmOutcome & )>;

    /**
     * Creates the algorithm from QGIS's processing registry and prepares it
     * with parameters (on the calling, main, thread). Throws InputError when
     * the algorithm is unknown or rejects the parameters, with its message.
     */
    AlgorithmTask( const QString &algorithmId, const QVariantMap &parameters, const QString &description, FinishedCallback onFinished );
    ~AlgorithmTask() override;

    void cancel() override;

  protected:
    bool run() override;
    void finished( bool result ) override;

  private:
    class Feedback;

    std::unique_ptr<QgsProcessingAlgorithm> mAlgorithm;
    std::unique_ptr<QgsProcessingContext> mContext;
    std::unique_ptr<Feedback> mFeedback;
    AlgorithmOutcome mOutcome;
    FinishedCallback mOnFinished;
};

} // namespace htsplan
