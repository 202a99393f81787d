#include "cli/processing_commands.h"

#include "cli/interrupt.h"
#include "layers/cells.h"
#include "layers/output_transaction.h"
#include "layers/problems.h"
#include "layers/quiet_gdal_errors.h"
#include "layers/vector_file.h"
#include "maps/planning_layers.h"
#include "processing/algorithm.h"
#include "processing/provider.h"

#include <qgsapplication.h>
#include <qgsnativealgorithms.h>
#include <qgsprocessingalgorithm.h>
#include <qgsprocessingcontext.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingparameters.h>
#include <qgsprocessingparametertype.h>
#include <qgsprocessingprovider.h>
#include <qgsprocessingregistry.h>
#include <qgsprocessingutils.h>
#include <qgsproviderregistry.h>
#include <qgsmaplayerstore.h>
#include <qgsvectorlayer.h>

#include <QFile>
#include <QFileInfo>

#include <QJsonDocument>
#include <QRegularExpression>

#include <gdal.h>
#include <geos_c.h>
#include <proj.h>

#include <cpl_error.h>

#include <iostream>
#include <mutex>

namespace htsplan
{

namespace
{

void print( std::ostream &out, const QString &text )
{
  out << text.toUtf8().constData();
}

void printJson( const QVariantMap &json )
{
  print( std::cout, QString::fromUtf8( QJsonDocument::fromVariant( json ).toJson( QJsonDocument::Indented ) ) );
}

//! Messages go to stderr (stdout carries results or JSON); JSON runs also keep them for the "log".
class ConsoleFeedback : public RunFeedback
{
  public:
    explicit ConsoleFeedback( bool json )
      : mJson( json )
    {}
    void setProgressText( const QString &text ) override { line( text, QStringLiteral( "info" ) ); }
    /**
     * Errors are held back until the run ends (QGIS 3.22 reports the error
     * that ends a run as a plain error): the last one of a failed run becomes
     * its one closing line, flushErrors() prints the others.
     */
    void reportError( const QString &error, bool ) override
    {
      mErrors << renamed( error );
      if ( mJson )
        append( QStringLiteral( "errors" ), mErrors.last() );
    }
    //! Prints the held errors but the last one when keepLast; returns the last one (or empty).
    QString flushErrors( bool keepLast )
    {
      const QString last = mErrors.isEmpty() ? QString() : mErrors.last();
      for ( int i = 0; i < mErrors.size() - ( keepLast ? 1 : 0 ); ++i )
        print( std::cerr, QStringLiteral( "ERROR: " ) + mErrors.at( i ) + '\n' );
      mErrors.clear();
      return last;
    }
    void pushWarning( const QString &warning ) override { line( QStringLiteral( "WARNING: " ) + warning, QStringLiteral( "warning" ) ); }
    void pushInfo( const QString &info ) override { line( info, QStringLiteral( "info" ) ); }
    void pushCommandInfo( const QString &info ) override { line( info, QStringLiteral( "info" ) ); }
    void pushDebugInfo( const QString & ) override {}
    void pushConsoleInfo( const QString &info ) override { line( info, QStringLiteral( "info" ) ); }
    QVariantMap log() const { return mLog; }
    //! Paths to show under another name: the staged outputs under their targets' names.
    void setRenames( const std::vector<std::pair<QString, QString>> &renames ) { mRenames = renames; }

  private:
    QString renamed( const QString &message ) const
    {
      QString text = message;
      for ( const auto &[from, to] : mRenames )
        text.replace( from, to );
      return text;
    }
    void append( const QString &key, const QString &text )
    {
      QStringList entries = mLog.value( key ).toStringList();
      entries << text;
      mLog.insert( key, entries );
    }
    void line( const QString &message, const QString &key )
    {
      const QString text = renamed( message );
      print( std::cerr, text + '\n' );
      if ( mJson )
        append( key, text );
    }
    bool mJson = false;
    QVariantMap mLog;
    std::vector<std::pair<QString, QString>> mRenames;
    QStringList mErrors;
};

/**
 * Notes GDAL's write failures (a full disk, an error about a staged output) while installed (and lets the previous
 * handler print them): QGIS's own algorithms can go on after a write failed
 * (a full disk) and report success.
 */
class GdalWriteFailures
{
  public:
    GdalWriteFailures()
    {
      mPrevious = CPLSetErrorHandlerEx( &GdalWriteFailures::handle, this );
    }
    ~GdalWriteFailures()
    {
      CPLSetErrorHandlerEx( mPrevious, nullptr );
    }
    GdalWriteFailures( const GdalWriteFailures & ) = delete;
    GdalWriteFailures &operator=( const GdalWriteFailures & ) = delete;
    //! The first write failure's message, or empty.
    QString first() const
    {
      std::lock_guard<std::mutex> lock( mMutex );
      return mFirst;
    }

  private:
    static void CPL_STDCALL handle( CPLErr severity, CPLErrorNum number, const char *message )
    {
      auto *self = static_cast<GdalWriteFailures *>( CPLGetErrorHandlerUserData() );
      const QString text = QString::fromUtf8( message ? message : "" );
      if ( self && severity >= CE_Failure &&
           ( text.contains( QLatin1String( "No space left" ) ) || text.contains( QLatin1String( "disk is full" ) ) ||
             text.contains( QLatin1String( "Disk full" ), Qt::CaseInsensitive ) || text.contains( QLatin1String( ".htsplan-new-" ) ) ) )
      {
        std::lock_guard<std::mutex> lock( self->mMutex );
        if ( self->mFirst.isEmpty() )
          self->mFirst = text;
      }
      if ( self && self->mPrevious )
        self->mPrevious( severity, number, message );
      else
        CPLDefaultErrorHandler( severity, number, message );
    }
    CPLErrorHandler mPrevious = nullptr;
    mutable std::mutex mMutex;
    QString mFirst;
};

QVariantMap versionInformation()
{
  QVariantMap json;
  json.insert( QStringLiteral( "htsplan_version" ), QStringLiteral( HTSPLAN_VERSION ) );
  json.insert( QStringLiteral( "qgis_version" ), Qgis::version() );
  json.insert( QStringLiteral( "qt_version" ), QString::fromLatin1( qVersion() ) );
  json.insert( QStringLiteral( "gdal_version" ), QString::fromLatin1( GDALVersionInfo( "RELEASE_NAME" ) ) );
  json.insert( QStringLiteral( "geos_version" ), QString::fromLatin1( GEOSversion() ) );
  json.insert( QStringLiteral( "proj_version" ), QString::fromLatin1( proj_info().release ) );
  return json;
}

QVariantMap algorithmInformation( const QgsProcessingAlgorithm *algorithm )
{
  QVariantMap json;
  json.insert( QStringLiteral( "id" ), algorithm->id() );
  json.insert( QStringLiteral( "name" ), algorithm->displayName() );
  json.insert( QStringLiteral( "short_description" ), algorithm->shortDescription() );
  json.insert( QStringLiteral( "tags" ), algorithm->tags() );
  json.insert( QStringLiteral( "group" ), algorithm->group() );
  json.insert( QStringLiteral( "can_cancel" ), bool( algorithm->flags() & QgsProcessingAlgorithm::FlagCanCancel ) );
  json.insert( QStringLiteral( "deprecated" ), bool( algorithm->flags() & QgsProcessingAlgorithm::FlagDeprecated ) );
  return json;
}

QVariantMap providerInformation( const QgsProcessingProvider *provider )
{
  QVariantMap json;
  json.insert( QStringLiteral( "id" ), provider->id() );
  json.insert( QStringLiteral( "name" ), provider->name() );
  json.insert( QStringLiteral( "long_name" ), provider->longName() );
  json.insert( QStringLiteral( "version" ), provider->versionInfo() );
  json.insert( QStringLiteral( "is_active" ), provider->isActive() );
  return json;
}

bool listed( const QgsProcessingAlgorithm *algorithm )
{
  return !( algorithm->flags() & QgsProcessingAlgorithm::FlagNotAvailableInStandaloneTool ) &&
         !( algorithm->flags() & QgsProcessingAlgorithm::FlagDeprecated );
}

int list( bool json )
{
  QVariantMap providers;
  for ( const QgsProcessingProvider *provider : QgsApplication::processingRegistry()->providers() )
  {
    QVariantMap algorithms;
    if ( !json )
      print( std::cout, provider->name() + '\n' );
    for ( const QgsProcessingAlgorithm *algorithm : provider->algorithms() )
    {
      if ( !listed( algorithm ) )
        continue;
      if ( json )
        algorithms.insert( algorithm->id(), algorithmInformation( algorithm ) );
      else
        print( std::cout, QStringLiteral( "\t%1\t%2\n" ).arg( algorithm->id(), algorithm->displayName() ) );
    }
    if ( json )
    {
      QVariantMap entry = providerInformation( provider );
      entry.insert( QStringLiteral( "algorithms" ), algorithms );
      providers.insert( provider->id(), entry );
    }
    else
      print( std::cout, QStringLiteral( "\n" ) );
  }
  if ( json )
  {
    QVariantMap document = versionInformation();
    document.insert( QStringLiteral( "providers" ), providers );
    printJson( document );
  }
  return 0;
}

const QgsProcessingAlgorithm *findAlgorithm( const QString &id )
{
  const QgsProcessingAlgorithm *algorithm = QgsApplication::processingRegistry()->algorithmById( id );
  if ( !algorithm )
  {
    print( std::cerr, QStringLiteral( "htsplan: no algorithm '%1' (see `htsplan list`)%2\n" )
                        .arg( id, id.startsWith( QLatin1String( "qgis:" ) ) ? QStringLiteral( "; QGIS's Python algorithms (qgis:...) need qgis_process" ) : QString() ) );
  }
  return algorithm;
}

int help( const QString &id, bool json )
{
  const QgsProcessingAlgorithm *algorithm = findAlgorithm( id );
  if ( !algorithm )
    return 2;
  QVariantMap parameters;
  if ( !json )
  {
    print( std::cout, QStringLiteral( "%1 (%2)\n\n----------------\nDescription\n----------------\n%3\n\n----------------\nArguments\n----------------\n\n" )
                        .arg( algorithm->displayName(), algorithm->id(), algorithm->shortHelpString() ) );
  }
  for ( const QgsProcessingParameterDefinition *p : algorithm->parameterDefinitions() )
  {
    if ( p->flags() & QgsProcessingParameterDefinition::FlagHidden )
      continue;
    QStringList options;
    if ( p->type() == QgsProcessingParameterEnum::typeName() )
    {
      const QStringList values = static_cast<const QgsProcessingParameterEnum *>( p )->options();
      for ( int i = 0; i < values.size(); ++i )
        options << QStringLiteral( "%1: %2" ).arg( i ).arg( values.at( i ) );
    }
    const bool optional = p->flags() & QgsProcessingParameterDefinition::FlagOptional;
    if ( json )
    {
      QVariantMap entry;
      entry.insert( QStringLiteral( "name" ), p->name() );
      entry.insert( QStringLiteral( "description" ), p->description() );
      entry.insert( QStringLiteral( "type" ), p->type() );
      entry.insert( QStringLiteral( "default_value" ), p->defaultValue() );
      entry.insert( QStringLiteral( "optional" ), optional );
      entry.insert( QStringLiteral( "is_destination" ), p->isDestination() );
      if ( !options.isEmpty() )
        entry.insert( QStringLiteral( "available_options" ), options );
      parameters.insert( p->name(), entry );
      continue;
    }
    print( std::cout, QStringLiteral( "%1: %2%3\n\tArgument type:\t%4\n" ).arg( p->name(), p->description(), optional ? QStringLiteral( " (optional)" ) : QString(), p->type() ) );
    if ( p->defaultValue().isValid() )
      print( std::cout, QStringLiteral( "\tDefault:\t%1\n" ).arg( p->defaultValue().toString() ) );
    if ( !options.isEmpty() )
      print( std::cout, QStringLiteral( "\tAvailable values:\n\t\t- %1\n" ).arg( options.join( QStringLiteral( "\n\t\t- " ) ) ) );
  }
  QVariantMap outputs;
  if ( !json )
    print( std::cout, QStringLiteral( "\n----------------\nOutputs\n----------------\n\n" ) );
  for ( const QgsProcessingOutputDefinition *o : algorithm->outputDefinitions() )
  {
    if ( json )
      outputs.insert( o->name(), QVariantMap { { QStringLiteral( "description" ), o->description() }, { QStringLiteral( "type" ), o->type() } } );
    else
      print( std::cout, QStringLiteral( "%1: <%2>\n\t%3\n" ).arg( o->name(), o->type(), o->description() ) );
  }
  if ( json )
  {
    QVariantMap document = versionInformation();
    QVariantMap details = algorithmInformation( algorithm );
    details.insert( QStringLiteral( "help" ), algorithm->shortHelpString() );
    document.insert( QStringLiteral( "algorithm_details" ), details );
    if ( algorithm->provider() )
      document.insert( QStringLiteral( "provider_details" ), providerInformation( algorithm->provider() ) );
    document.insert( QStringLiteral( "parameters" ), parameters );
    document.insert( QStringLiteral( "outputs" ), outputs );
    printJson( document );
  }
  return 0;
}

//! The file a destination parameter writes, when it is a plain path the CLI can stage (not a layer inside a file, a database or a temporary layer).
QString stagedTarget( const QVariant &value )
{
  if ( value.type() != QVariant::String )
    return QString();
  const QString text = value.toString();
  if ( text.isEmpty() || text == QgsProcessing::TEMPORARY_OUTPUT || text.startsWith( QLatin1String( "memory:" ) ) || text.contains( '|' ) ||
       text.startsWith( QLatin1String( "ogr:" ) ) || text.startsWith( QLatin1String( "postgis:" ) ) || text.startsWith( QLatin1String( "postgres" ) ) ||
       text.contains( QLatin1String( "://" ) ) )
    return QString();
  return text;
}

//! Whether path is an SQLite file (a GeoPackage) in WAL mode (header bytes 18 and 19).
bool isWalGeoPackage( const QString &path )
{
  QFile file( path );
  if ( path.isEmpty() || !file.open( QIODevice::ReadOnly ) )
    return false;
  const QByteArray header = file.read( 20 );
  return header.size() == 20 && header.startsWith( QByteArray( "SQLite format 3\0", 16 ) ) && header.at( 18 ) == 2 && header.at( 19 ) == 2;
}

/**
 * Whether every layer input can be loaded; else message names the parameter
 * and the file and says why (no such file, a link loop, a folder, empty, not
 * a layer QGIS can read): bad input, before anything runs or is written.
 */
bool checkLayerInputs( const QgsProcessingAlgorithm *algorithm, QVariantMap &parameters, QgsProcessingContext &context, QString &message,
                       QgsProcessingFeedback &feedback )
{
  static const QStringList layerTypes = { QgsProcessingParameterFeatureSource::typeName(), QgsProcessingParameterVectorLayer::typeName(),
                                          QgsProcessingParameterRasterLayer::typeName(), QgsProcessingParameterMapLayer::typeName(),
                                          QgsProcessingParameterMultipleLayers::typeName(), QgsProcessingParameterMeshLayer::typeName() };
  for ( const QgsProcessingParameterDefinition *p : algorithm->parameterDefinitions() )
  {
    if ( !layerTypes.contains( p->type() ) || !parameters.contains( p->name() ) )
      continue;
    const QVariant value = parameters.value( p->name() );
    QStringList sources = value.type() == QVariant::List ? value.toStringList() : QStringList { value.toString() };
    for ( QString &source : sources )
    {
      // QGIS 3.22 opens a GeoPackage for update and turns a WAL-mode file back to a
      // rollback journal when it closes it: such a file is read from a read-only copy.
      const QVariantMap parts = QgsProviderRegistry::instance()->decodeUri( QStringLiteral( "ogr" ), source );
      const QString path = parts.value( QStringLiteral( "path" ) ).toString();
      if ( isWalGeoPackage( path ) && parts.value( QStringLiteral( "subset" ) ).toString().isEmpty() )
      {
        try
        {
          const QString layerName = parts.value( QStringLiteral( "layerName" ) ).toString();
          std::unique_ptr<QgsVectorLayer> copy = readOnlyLayerCopy( path, layerName, layerName.isEmpty() ? QFileInfo( path ).baseName() : layerName );
          feedback.pushInfo( QStringLiteral( "%1: %2 is a GeoPackage in WAL mode (open in QGIS?): read from a read-only copy, the file is left as it is" )
                               .arg( p->name(), path ) );
          source = copy->id();
          context.temporaryLayerStore()->addMapLayer( copy.release() );
        }
        catch ( const InputError &e )
        {
          message = QStringLiteral( "%1: %2" ).arg( p->name(), QString::fromStdString( e.what() ) );
          return false;
        }
        continue;
      }
      {
        const QuietGdalErrors quiet; // the reason goes into the one line below
        if ( source.isEmpty() || QgsProcessingUtils::mapLayerFromString( source, context ) )
          continue;
      }
      const QString file = source.section( '|', 0, 0 );
      try
      {
        checkInputFile( file.toStdString(), p->name().toStdString() );
      }
      catch ( const InputError &e )
      {
        message = QString::fromStdString( e.what() );
        return false;
      }
      message = QStringLiteral( "%1 file %2: not a layer QGIS can read%3" )
                  .arg( p->name(), file, source.contains( '|' ) ? QStringLiteral( " (or no layer %1 in it)" ).arg( source.section( '|', 1 ) ) : QString() );
      return false;
    }
    parameters.insert( p->name(), value.type() == QVariant::List ? QVariant( sources ) : QVariant( sources.value( 0 ) ) );
  }
  return true;
}

/**
 * Whether every number, enum, boolean and field parameter given holds a
 * value of its type: a number read strictly (layers/cells.h: "1e3", "10km"
 * and "nan" are not numbers; an integer parameter takes whole numbers only)
 * within the parameter's range, an enum's index or option, true or false, a
 * field of the parent layer. Else message names the parameter, the value
 * and what is accepted. Layers must have been checked (checkLayerInputs).
 */
bool checkParameterTypes( const QgsProcessingAlgorithm *algorithm, const QVariantMap &parameters, QgsProcessingContext &context, QString &message )
{
  for ( const QgsProcessingParameterDefinition *p : algorithm->parameterDefinitions() )
  {
    const QVariant value = parameters.value( p->name() );
    if ( !parameters.contains( p->name() ) || value.type() != QVariant::String )
      continue;
    const QString text = value.toString();
    const std::string utf8 = text.toStdString();
    auto refuse = [&]( const QString &what ) {
      message = QStringLiteral( "%1 '%2': %3" ).arg( p->name(), text, what );
      return false;
    };
    if ( const auto *number = dynamic_cast<const QgsProcessingParameterNumber *>( p ) )
    {
      if ( text.isEmpty() && ( p->flags() & QgsProcessingParameterDefinition::FlagOptional ) )
        continue;
      const bool integer = number->dataType() == QgsProcessingParameterNumber::Integer;
      const double min = number->minimum(), max = number->maximum();
      const bool hasMin = min > -1e300, hasMax = max < 1e300;
      const QString range = hasMin && hasMax ? QStringLiteral( " from %1 to %2" ).arg( min ).arg( max )
                            : hasMin         ? QStringLiteral( ", at least %1" ).arg( min )
                            : hasMax         ? QStringLiteral( ", at most %1" ).arg( max )
                                             : QString();
      const QString expected = QStringLiteral( "expected %1%2" ).arg( integer ? QStringLiteral( "a whole number" ) : QStringLiteral( "a number" ), range );
      std::string problem;
      if ( integer )
        problem = parseStrictInteger( utf8, static_cast<long long>( std::max( min, -9e18 ) ), static_cast<long long>( std::min( max, 9e18 ) ) ).problem;
      else
        problem = parseStrictNumber( utf8, min, max ).problem;
      if ( !problem.empty() )
        return refuse( QString::fromStdString( problem ) + QStringLiteral( "; " ) + expected );
    }
    else if ( const auto *choice = dynamic_cast<const QgsProcessingParameterEnum *>( p ) )
    {
      if ( choice->allowMultiple() || choice->options().contains( text ) )
        continue;
      const int count = choice->options().size();
      if ( !parseStrictInteger( utf8, 0, count - 1 ).value )
      {
        QStringList options;
        for ( int i = 0; i < count; ++i )
          options << QStringLiteral( "%1 (%2)" ).arg( i ).arg( choice->options().at( i ) );
        return refuse( QStringLiteral( "expected one of %1" ).arg( options.join( QStringLiteral( ", " ) ) ) );
      }
    }
    else if ( dynamic_cast<const QgsProcessingParameterBoolean *>( p ) )
    {
      static const QStringList words = { QStringLiteral( "true" ), QStringLiteral( "false" ), QStringLiteral( "1" ), QStringLiteral( "0" ),
                                         QStringLiteral( "yes" ), QStringLiteral( "no" ) };
      if ( !words.contains( text.toLower() ) )
        return refuse( QStringLiteral( "expected true or false" ) );
    }
    else if ( const auto *field = dynamic_cast<const QgsProcessingParameterField *>( p ) )
    {
      if ( text.isEmpty() || field->parentLayerParameterName().isEmpty() )
        continue;
      const QString parent = field->parentLayerParameterName();
      auto *layer = qobject_cast<QgsVectorLayer *>( QgsProcessingUtils::mapLayerFromString( parameters.value( parent ).toString(), context ) );
      if ( !layer )
        continue;
      for ( const QString &name : text.split( ';' ) )
        if ( layer->fields().lookupField( name ) < 0 )
        {
          QStringList names;
          for ( const QgsField &f : layer->fields() )
            names << f.name();
          return refuse( QStringLiteral( "%1 has no such field (its fields: %2)" ).arg( parent, names.join( QStringLiteral( ", " ) ) ) );
        }
    }
  }
  return true;
}

//! 2 bad input, 3 an output cannot be written, 1 any other failure.
int exitCode( RunFailure failure )
{
  switch ( failure )
  {
    case RunFailure::BadInput:
      return 2;
    case RunFailure::Output:
      return 3;
    case RunFailure::None:
    case RunFailure::Algorithm:
      break;
  }
  return 1;
}

int run( const QString &id, const QStringList &arguments, bool json )
{
  const QgsProcessingAlgorithm *algorithm = findAlgorithm( id );
  if ( !algorithm )
    return 2;

  // KEY=VALUE or --KEY=VALUE; a key given twice becomes a list (several layers).
  QVariantMap parameters;
  for ( QString arg : arguments )
  {
    if ( arg == QLatin1String( "--" ) )
      continue;
    if ( arg.startsWith( QLatin1String( "--" ) ) )
      arg = arg.mid( 2 );
    const int eq = arg.indexOf( '=' );
    if ( eq <= 0 )
    {
      print( std::cerr, QStringLiteral( "htsplan run: '%1' is not KEY=VALUE\n" ).arg( arg ) );
      return 2;
    }
    const QString key = arg.left( eq );
    const QString value = arg.mid( eq + 1 );
    if ( parameters.contains( key ) )
    {
      QVariantList values = parameters.value( key ).type() == QVariant::List ? parameters.value( key ).toList() : QVariantList { parameters.value( key ) };
      values << value;
      parameters.insert( key, values );
    }
    else
      parameters.insert( key, value );
  }

  QgsProcessingContext context;
  QStringList unknown;
  for ( auto it = parameters.constBegin(); it != parameters.constEnd(); ++it )
    if ( !algorithm->parameterDefinition( it.key() ) )
      unknown << it.key();
  if ( !unknown.isEmpty() )
  {
    print( std::cerr, QStringLiteral( "htsplan run %1: unknown parameter(s) %2 (see `htsplan help %1`)\n" ).arg( id, unknown.join( QStringLiteral( ", " ) ) ) );
    return 2;
  }
  QStringList missing;
  for ( const QgsProcessingParameterDefinition *p : algorithm->parameterDefinitions() )
    if ( !( p->flags() & QgsProcessingParameterDefinition::FlagOptional ) && !parameters.contains( p->name() ) && !p->defaultValue().isValid() )
      missing << QStringLiteral( "%1 (%2)" ).arg( p->name(), p->description() );
  if ( !missing.isEmpty() )
  {
    print( std::cerr, QStringLiteral( "htsplan run %1: missing parameter(s): %2\n" ).arg( id, missing.join( QStringLiteral( ", " ) ) ) );
    return 2;
  }
  QString message;
  ConsoleFeedback feedback( json );
  const QVariantMap given = parameters; // as given, for the JSON's "inputs"
  if ( !checkLayerInputs( algorithm, parameters, context, message, feedback ) )
  {
    print( std::cerr, QStringLiteral( "htsplan run %1: bad input: %2\n" ).arg( id, message ) );
    return 2;
  }
  if ( !checkParameterTypes( algorithm, parameters, context, message ) )
  {
    print( std::cerr, QStringLiteral( "htsplan run %1: %2\n" ).arg( id, message ) );
    return 2;
  }
  if ( !algorithm->checkParameterValues( parameters, context, &message ) )
  {
    print( std::cerr, QStringLiteral( "htsplan run %1: %2\n" ).arg( id, message ) );
    return 2;
  }

  // Every output file is written beside its target under a temporary name and
  // published with the others once the algorithm succeeded: all or none.
  OutputTransaction transaction;
  transaction.setCreateParents( false ); // as QGIS: an output goes into an existing folder
  QVariantMap staged = parameters;
  std::vector<std::pair<QString, QString>> renamed; // temporary, target
  for ( const QgsProcessingParameterDefinition *p : algorithm->destinationParameterDefinitions() )
  {
    const QString target = stagedTarget( parameters.value( p->name() ) );
    if ( target.isEmpty() )
      continue;
    try
    {
      const bool folder = p->type() == QgsProcessingParameterFolderDestination::typeName();
      const QString temporary = QString::fromStdString(
        transaction.stage( target.toStdString(), folder ? OutputTransaction::Kind::Folder : OutputTransaction::Kind::File ) );
      staged.insert( p->name(), temporary );
      renamed.emplace_back( temporary, QFileInfo( target ).absoluteFilePath() );
      if ( !folder ) // a sidecar named in a message: its place beside the target
        renamed.emplace_back( QFileInfo( temporary ).absolutePath(), QFileInfo( target ).absolutePath() );
    }
    catch ( const OutputError &e )
    {
      print( std::cerr, QStringLiteral( "htsplan run %1: %2: the output could not be written: %3; nothing was written\n" )
                          .arg( id, p->name(), QString::fromStdString( e.what() ) ) );
      return 3;
    }
  }

  feedback.setRenames( renamed );
  setInterruptTarget( &feedback );
  bool ok = false;
  QVariantMap results;
  QString writeFailure;
  try
  {
    const GdalWriteFailures failures;
    results = algorithm->run( staged, context, &feedback, &ok );
    writeFailure = failures.first();
  }
  catch ( ... )
  {
    setInterruptTarget( nullptr );
    throw;
  }
  setInterruptTarget( nullptr );
  for ( const auto &[temporary, target] : renamed )
    writeFailure.replace( temporary, target );
  if ( ok )
    feedback.flushErrors( false );
  if ( feedback.isCanceled() || interrupted() )
  {
    // Ctrl-C or SIGTERM: the staged outputs go (the transaction's rollback).
    print( std::cerr, QStringLiteral( "htsplan run %1: canceled (interrupted); nothing was written\n" ).arg( id ) );
    return EXIT_INTERRUPTED;
  }
  if ( !ok )
  {
    // One line: the error that ended the run, and that nothing stayed.
    const QString last = feedback.flushErrors( true );
    const QString error = last.isEmpty() ? QStringLiteral( "failed" ) : last;
    print( std::cerr, QStringLiteral( "htsplan run %1: %2%3\n" )
                        .arg( id, error.startsWith( id ) ? error.mid( id.size() ).remove( QRegularExpression( QStringLiteral( "^:\\s*" ) ) ) : error,
                              renamed.empty() ? QString() : QStringLiteral( "; nothing was written" ) ) );
    return exitCode( feedback.failure() );
  }
  if ( !writeFailure.isEmpty() && !renamed.empty() )
  {
    print( std::cerr, QStringLiteral( "htsplan run %1: an output could not be written (%2); nothing was written\n" ).arg( id, writeFailure ) );
    return 3;
  }
  try
  {
    transaction.commit();
  }
  catch ( const OutputError &e )
  {
    print( std::cerr, QStringLiteral( "htsplan run %1: cannot write the outputs: %2\n" ).arg( id, QString::fromStdString( e.what() ) ) );
    return 3;
  }
  for ( const std::string &warning : transaction.warnings() )
    print( std::cerr, QStringLiteral( "htsplan run %1: warning: %2\n" ).arg( id, QString::fromStdString( warning ) ) );
  // The results name the published files, not the temporary ones.
  for ( auto it = results.begin(); it != results.end(); ++it )
  {
    if ( it.value().type() != QVariant::String )
      continue;
    QString value = it.value().toString();
    for ( const auto &[temporary, target] : renamed )
      if ( value.startsWith( temporary ) )
        value = target + value.mid( temporary.size() );
    it.value() = value;
  }
  if ( json )
  {
    QVariantMap document = versionInformation();
    QVariantMap details = algorithmInformation( algorithm );
    document.insert( QStringLiteral( "algorithm_details" ), details );
    if ( algorithm->provider() )
      document.insert( QStringLiteral( "provider_details" ), providerInformation( algorithm->provider() ) );
    document.insert( QStringLiteral( "inputs" ), given );
    document.insert( QStringLiteral( "log" ), feedback.log() );
    document.insert( QStringLiteral( "results" ), results );
    printJson( document );
  }
  else
  {
    for ( auto it = results.constBegin(); it != results.constEnd(); ++it )
    {
      const QVariant value = it.value();
      const QString text = value.type() == QVariant::List || value.type() == QVariant::StringList ? value.toStringList().join( QStringLiteral( ", " ) ) : value.toString();
      print( std::cout, it.key() + ":\t" + text + '\n' );
    }
  }
  return 0;
}

} // namespace

void registerProviders()
{
  QgsProcessingRegistry *registry = QgsApplication::processingRegistry();
  if ( !registry->providerById( QStringLiteral( "native" ) ) )
    registry->addProvider( new QgsNativeAlgorithms( registry ) );
  if ( !registry->providerById( QStringLiteral( "htsplan" ) ) )
    registry->addProvider( new Provider() );
}

int runProcessingCommand( const QStringList &allArgs )
{
  QStringList args;
  bool json = false;
  for ( const QString &a : allArgs )
  {
    if ( a == QLatin1String( "--json" ) )
      json = true;
    else
      args << a;
  }
  registerProviders();
  const QString command = args.value( 0 );
  if ( command == QLatin1String( "list" ) )
    return list( json );
  if ( args.size() < 2 )
  {
    print( std::cerr, QStringLiteral( "htsplan %1: which algorithm? (see `htsplan list`)\n" ).arg( command ) );
    return 2;
  }
  if ( command == QLatin1String( "help" ) )
    return help( args.at( 1 ), json );
  return run( args.at( 1 ), args.mid( 2 ), json );
}

} // namespace htsplan
