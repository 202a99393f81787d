#include "plugin/algorithm_task.h"

#include "layers/problems.h"

#include <qgsapplication.h>
#include <qgsexception.h>
#include <qgsmessagelog.h>
#include <qgsprocessingalgorithm.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingregistry.h>
#include <qgsproject.h>

#include <QMutex>
#include <QMutexLocker>

namespace htsplan
{

//! Keeps the algorithm's warnings and messages for the message bar (written on the worker, read on the main thread).
class AlgorithmTask::Feedback : public QgsProcessingFeedback
{
  public:
    void pushWarning( const QString &warning ) override
    {
      {
        QMutexLocker lock( &mMutex );
        mWarnings << warning;
      }
      QgsProcessingFeedback::pushWarning( warning );
    }
    void pushInfo( const QString &info ) override
    {
      {
        QMutexLocker lock( &mMutex );
        mInfos << info;
      }
      QgsProcessingFeedback::pushInfo( info );
    }
    void reportError( const QString &error, bool fatalError ) override
    {
      {
        QMutexLocker lock( &mMutex );
        mErrors << error;
      }
      QgsProcessingFeedback::reportError( error, fatalError );
    }
    QStringList warnings() const
    {
      QMutexLocker lock( &mMutex );
      return mWarnings;
    }
    QStringList infos() const
    {
      QMutexLocker lock( &mMutex );
      return mInfos;
    }
    QStringList errors() const
    {
      QMutexLocker lock( &mMutex );
      return mErrors;
    }

  private:
    mutable QMutex mMutex;
    QStringList mWarnings, mInfos, mErrors;
};

AlgorithmTask::AlgorithmTask( const QString &algorithmId, const QVariantMap &parameters, const QString &description, FinishedCallback onFinished )
  : QgsTask( description, QgsTask::CanCancel )
  , mContext( std::make_unique<QgsProcessingContext>() )
  , mFeedback( std::make_unique<Feedback>() )
  , mOnFinished( std::move( onFinished ) )
{
  mOutcome.algorithmId = algorithmId;
  mOutcome.parameters = parameters;
  mAlgorithm.reset( QgsApplication::processingRegistry()->createAlgorithmById( algorithmId ) );
  if ( !mAlgorithm )
    throw InputError( algorithmId.toStdString() + ": no such algorithm (is the htsplan provider loaded?)" );

  mContext->setProject( QgsProject::instance() );
  QString message;
  if ( !mAlgorithm->checkParameterValues( parameters, *mContext, &message ) )
    throw InputError( QStringLiteral( "%1: %2" ).arg( algorithmId, message ).toStdString() );
  bool prepared = false;
  try
  {
    prepared = mAlgorithm->prepare( parameters, *mContext, mFeedback.get() );
  }
  catch ( const QgsProcessingException &e )
  {
    throw InputError( e.what().toStdString() );
  }
  if ( !prepared )
  {
    const QStringList errors = mFeedback->errors();
    throw InputError( QStringLiteral( "%1: %2" ).arg( algorithmId, errors.isEmpty() ? tr( "the parameters were not accepted" ) : errors.join( QStringLiteral( "; " ) ) ).toStdString() );
  }
  connect( mFeedback.get(), &QgsFeedback::progressChanged, this, [this]( double progress ) { setProgress( progress ); }, Qt::DirectConnection );
}

AlgorithmTask::~AlgorithmTask() = default;

void AlgorithmTask::cancel()
{
  mFeedback->cancel();
  QgsTask::cancel();
}

bool AlgorithmTask::run()
{
  // Worker thread: nothing may escape, the outcome carries the message.
  try
  {
    QVariantMap results = mAlgorithm->runPrepared( mOutcome.parameters, *mContext, mFeedback.get() );
    if ( isCanceled() || mFeedback->isCanceled() )
      return false;
    if ( results.isEmpty() )
    {
      const QStringList errors = mFeedback->errors();
      mOutcome.error = errors.isEmpty() ? tr( "%1: no results" ).arg( mOutcome.algorithmId ) : errors.join( QStringLiteral( "; " ) );
      return false;
    }
    mOutcome.results = results;
    return true;
  }
  catch ( const QgsProcessingException &e )
  {
    mOutcome.error = e.what();
  }
  catch ( const std::exception &e )
  {
    mOutcome.error = QString::fromStdString( e.what() );
  }
  catch ( ... )
  {
    mOutcome.error = tr( "%1: unknown error" ).arg( mOutcome.algorithmId );
  }
  return false;
}

void AlgorithmTask::finished( bool result )
{
  try
  {
    if ( result )
      mOutcome.results.insert( mAlgorithm->postProcess( *mContext, mFeedback.get() ) );
  }
  catch ( const QgsProcessingException &e )
  {
    mOutcome.error = e.what();
    mOutcome.results.clear();
  }
  catch ( const std::exception &e )
  {
    mOutcome.error = QString::fromStdString( e.what() );
    mOutcome.results.clear();
  }
  catch ( ... )
  {
    mOutcome.error = tr( "%1: unknown error" ).arg( mOutcome.algorithmId );
    mOutcome.results.clear();
  }
  mOutcome.canceled = mOutcome.results.isEmpty() && mOutcome.error.isEmpty();
  mOutcome.warnings = mFeedback->warnings();
  mOutcome.infos = mFeedback->infos();
  if ( !mOnFinished )
    return;
  try
  {
    mOnFinished( mOutcome );
  }
  catch ( const std::exception &e )
  {
    QgsMessageLog::logMessage( QStringLiteral( "%1: %2" ).arg( mOutcome.algorithmId, QString::fromStdString( e.what() ) ), QStringLiteral( "htsplan" ), Qgis::MessageLevel::Critical );
  }
  catch ( ... )
  {
    QgsMessageLog::logMessage( QStringLiteral( "%1: unknown error" ).arg( mOutcome.algorithmId ), QStringLiteral( "htsplan" ), Qgis::MessageLevel::Critical );
  }
}

} // namespace htsplan
