#include "plugin/error_text.h"

#include "layers/problems.h"

#include <QCoreApplication>

namespace htsplan
{

QString errorText( const std::exception_ptr &error )
{
  try
  {
    std::rethrow_exception( error );
  }
  catch ( const InputError &e )
  {
    return QCoreApplication::translate( "htsplan::ErrorText", "Bad input: %1" ).arg( QString::fromStdString( e.what() ) );
  }
  catch ( const OutputError &e )
  {
    return QCoreApplication::translate( "htsplan::ErrorText", "Cannot write: %1" ).arg( QString::fromStdString( e.what() ) );
  }
  catch ( const std::exception &e )
  {
    return QString::fromStdString( e.what() );
  }
  catch ( ... )
  {
    return QCoreApplication::translate( "htsplan::ErrorText", "unknown error" );
  }
}

bool isCanceledError( const std::exception_ptr &error )
{
  try
  {
    std::rethrow_exception( error );
  }
  catch ( const Canceled & )
  {
    return true;
  }
  catch ( ... )
  {
    return false;
  }
}

} // namespace htsplan
