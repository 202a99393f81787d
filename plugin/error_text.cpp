#include "plugin/error_text.h"

#include "layers/problems.h"

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
    return QStringLiteral( "bad input: %1" ).arg( QString::fromStdString( e.what() ) );
  }
  catch ( const OutputError &e )
  {
    return QStringLiteral( "cannot write: %1" ).arg( QString::fromStdString( e.what() ) );
  }
  catch ( const std::exception &e )
  {
    return QString::fromStdString( e.what() );
  }
  catch ( ... )
  {
    return QStringLiteral( "unknown error" );
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
