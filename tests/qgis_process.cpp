#include "tests/qgis_process.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>

#include <cstdlib>
#include <stdexcept>

namespace testdata
{

std::string qgisProcessPath()
{
  const char *path = std::getenv( "HTSPLAN_QGIS_PROCESS" );
  return path && *path ? path : "/usr/bin/qgis_process.bin";
}

bool qgisProcessAvailable()
{
  return QFileInfo( QString::fromStdString( qgisProcessPath() ) ).isExecutable();
}

QVariantMap runQgisProcess( const std::string &algorithm, const Params &params )
{
  QStringList args { "--json", "run", QString::fromStdString( algorithm ), "--" };
  for ( const auto &[key, value] : params )
    args << QString::fromStdString( key + "=" + value );

  QProcess process;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert( "QT_QPA_PLATFORM", "offscreen" );
  process.setProcessEnvironment( env );
  process.start( QString::fromStdString( qgisProcessPath() ), args );
  const bool finished = process.waitForFinished( 600 * 1000 );
  const QByteArray out = process.readAllStandardOutput();
  const QByteArray err = process.readAllStandardError();
  auto fail = [&]( const std::string &why ) {
    throw std::runtime_error( "qgis_process " + algorithm + ": " + why + "\nstdout:\n" + out.left( 4000 ).toStdString() +
                              "\nstderr:\n" + err.left( 4000 ).toStdString() );
  };
  if ( !finished )
    fail( "did not finish within 10 minutes" );
  if ( process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0 )
    fail( "exit code " + std::to_string( process.exitCode() ) );
  // Some providers print lines before the JSON document.
  const int start = out.indexOf( '{' );
  if ( start < 0 )
    fail( "no JSON in the output" );
  QJsonParseError error;
  const QJsonDocument doc = QJsonDocument::fromJson( out.mid( start ), &error );
  if ( doc.isNull() )
    fail( "unreadable JSON: " + error.errorString().toStdString() );
  return doc.object().value( "results" ).toObject().toVariantMap();
}

} // namespace testdata
