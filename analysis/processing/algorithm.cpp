#include "algorithm.h"

#include "problems.h"

#include <qgsexception.h>

#include <cmath>

namespace htsplan
{

QString Algorithm::group() const
{
  return QStringLiteral( "Planning analysis (规划分析)" );
}

QString Algorithm::groupId() const
{
  return QStringLiteral( "planning" );
}

QString Algorithm::shortHelpString() const
{
  return helpEnglish() + QStringLiteral( "\n\n" ) + helpChinese();
}

QgsProcessingAlgorithm::Flags Algorithm::flags() const
{
  return QgsProcessingAlgorithm::flags() | FlagCanCancel;
}

QVariantMap Algorithm::processAlgorithm( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback )
{
  try
  {
    return run( parameters, context, feedback );
  }
  catch ( const Canceled & )
  {
    // QGIS's convention: a cancelled algorithm returns no results.
    return {};
  }
  catch ( const InputError &e )
  {
    throw QgsProcessingException( QStringLiteral( "%1: %2" ).arg( id(), QString::fromStdString( e.what() ) ) );
  }
  catch ( const QgsProcessingException & )
  {
    throw;
  }
  catch ( const std::exception &e )
  {
    throw QgsProcessingException( QStringLiteral( "%1 failed: %2" ).arg( id(), QString::fromStdString( e.what() ) ) );
  }
}

double Algorithm::positiveParameter( const QVariantMap &parameters, const QString &name, const QString &unit,
                                     QgsProcessingContext &context ) const
{
  const double value = parameterAsDouble( parameters, name, context );
  if ( !std::isfinite( value ) || value <= 0 )
    throw QgsProcessingException( QStringLiteral( "%1 must be a positive number of %2 (got %3)" )
                                    .arg( name, unit, parameters.value( name ).toString() ) );
  return value;
}

} // namespace htsplan
