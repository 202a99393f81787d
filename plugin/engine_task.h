#pragma once
// The plugin's background tasks share this: the engine runs off the GUI
// thread with a feedback for progress and cancel, nothing escapes the worker
// thread or the GUI-thread callback, and the outcome says canceled or the
// error text (plugin/error_text.h).
#include <qgsfeedback.h>
#include <qgstaskmanager.h>

namespace htsplan
{

class EngineTask : public QgsTask
{
    Q_OBJECT

  public:
    explicit EngineTask( const QString &description );

    void cancel() override;

  protected:
    //! The engine's feedback: its cancel follows the task's.
    QgsFeedback &feedback() { return mFeedback; }

    //! The work, on a worker thread; may throw the engine's errors (Canceled included).
    virtual void work() = 0;

    //! On the GUI thread, however the task ended; error is empty unless it failed.
    virtual void deliver( bool canceled, const QString &error ) = 0;

  private:
    bool run() final;
    void finished( bool result ) final;

    QString mError;
    QgsFeedback mFeedback;
};

} // namespace htsplan
