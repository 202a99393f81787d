#include "cli/import_command.h"

#include "processing/import_list_algorithm.h"

namespace htsplan
{

const char *importUsage()
{
  return R"(  htsplan import FILE --out OUT.gpkg [--crs cgcs2000|wgs84|gcj02|bd09]
                 [--kind base|park|building|enterprise|hightech_zone] [--sheet NAME]
                 [--map ROLE=COLUMN ...] [--encoding GB18030|UTF-8|...] [--rows ROWS.csv]
                 [--admin FILE] [--targets FILE] [--json]
)";
}

QStringList importRunArguments( const QStringList &args )
{
  QStringList run { QStringLiteral( "run" ), QStringLiteral( "htsplan:importlist" ) };
  QStringList parameters;
  QStringList mapping;
  QString input;
  bool json = false, rows = false;
  QString out;
  for ( int i = 1; i < args.size(); ++i )
  {
    QString arg = args[i];
    QString value;
    if ( arg == QLatin1String( "--json" ) )
    {
      json = true;
      continue;
    }
    if ( !arg.startsWith( QLatin1String( "--" ) ) )
    {
      if ( !input.isEmpty() )
        throw ImportUsageError( "import takes one file, got '" + input.toStdString() + "' and '" + arg.toStdString() + "'" );
      input = arg;
      continue;
    }
    const int eq = arg.indexOf( '=' );
    if ( eq > 0 )
    {
      value = arg.mid( eq + 1 );
      arg = arg.left( eq );
    }
    else
    {
      if ( i + 1 >= args.size() )
        throw ImportUsageError( arg.toStdString() + " needs a value" );
      value = args[++i];
    }
    if ( arg == QLatin1String( "--out" ) )
    {
      parameters << QStringLiteral( "OUTPUT=" ) + value;
      out = value;
    }
    else if ( arg == QLatin1String( "--rows" ) )
    {
      parameters << QStringLiteral( "ROWS=" ) + value;
      rows = true;
    }
    else if ( arg == QLatin1String( "--crs" ) )
    {
      const int index = importCrsKeys().indexOf( value.trimmed().toLower() );
      if ( index < 0 )
        throw ImportUsageError( "--crs must be one of " + importCrsKeys().join( QStringLiteral( ", " ) ).toStdString() + ", got '" + value.toStdString() + "'" );
      parameters << QStringLiteral( "CRS=%1" ).arg( index );
    }
    else if ( arg == QLatin1String( "--kind" ) )
    {
      const int index = importKindKeys().indexOf( value.trimmed().toLower() );
      if ( index <= 0 )
        throw ImportUsageError( "--kind must be one of " + importKindKeys().mid( 1 ).join( QStringLiteral( ", " ) ).toStdString() + ", got '" +
                                value.toStdString() + "'" );
      parameters << QStringLiteral( "KIND=%1" ).arg( index );
    }
    else if ( arg == QLatin1String( "--sheet" ) )
      parameters << QStringLiteral( "SHEET=" ) + value;
    else if ( arg == QLatin1String( "--map" ) )
      mapping << value;
    else if ( arg == QLatin1String( "--encoding" ) )
      parameters << QStringLiteral( "ENCODING=" ) + value;
    else if ( arg == QLatin1String( "--admin" ) )
      parameters << QStringLiteral( "ADMIN=" ) + value;
    else if ( arg == QLatin1String( "--targets" ) )
      parameters << QStringLiteral( "TARGETS=" ) + value;
    else
      throw ImportUsageError( "unknown option " + arg.toStdString() );
  }
  if ( input.isEmpty() )
    throw ImportUsageError( "import needs the register's file" );
  if ( out.isEmpty() )
    throw ImportUsageError( "import needs --out OUT.gpkg" );
  // Named here rather than left to the algorithm's default, so that `run`
  // stages and publishes both files together.
  if ( !rows )
    parameters << QStringLiteral( "ROWS=" ) + ( out.endsWith( QLatin1String( ".gpkg" ), Qt::CaseInsensitive ) ? out.chopped( 5 ) : out ) +
                    QStringLiteral( "_rows.csv" );
  if ( json )
    run << QStringLiteral( "--json" );
  run << QStringLiteral( "--" ) << QStringLiteral( "INPUT=" ) + input << parameters;
  if ( !mapping.isEmpty() )
    run << QStringLiteral( "MAPPING=" ) + mapping.join( ';' );
  return run;
}

} // namespace htsplan
