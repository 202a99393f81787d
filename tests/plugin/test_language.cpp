// The plugin's language (plugin/language.h): chosen from QGIS's settings, the
// embedded .qm translates every message of the .ts, and a switch at run time
// changes the text of what is set after it.
#include "plugin/language.h"

#include <catch2/catch.hpp>
#include <qgssettings.h>

#include <QCoreApplication>
#include <QFile>
#include <QXmlStreamReader>

#include <tuple>
#include <vector>

using namespace htsplan;

namespace
{
struct Message
{
    QString context, source, translation;
};

//! Every message of the repository's .ts.
std::vector<Message> tsMessages()
{
  QFile file( QStringLiteral( HTSPLAN_SOURCE_DIR "/plugin/i18n/htsplan_zh_CN.ts" ) );
  REQUIRE( file.open( QIODevice::ReadOnly ) );
  QXmlStreamReader xml( &file );
  std::vector<Message> messages;
  QString context;
  Message message;
  while ( !xml.atEnd() )
  {
    xml.readNext();
    if ( !xml.isStartElement() )
      continue;
    if ( xml.name() == QLatin1String( "name" ) )
      context = xml.readElementText();
    else if ( xml.name() == QLatin1String( "source" ) )
      message = Message { context, xml.readElementText(), QString() };
    else if ( xml.name() == QLatin1String( "translation" ) )
    {
      message.translation = xml.readElementText();
      messages.push_back( message );
    }
  }
  REQUIRE_FALSE( xml.hasError() );
  return messages;
}

QString menuText()
{
  return QCoreApplication::translate( "htsplan::HtsplanPlugin", "Load planning map" );
}

//! Sets QGIS's locale settings as Settings > Options > General does.
void setQgisLocale( const QString &locale, bool overridden )
{
  QgsSettings settings;
  settings.setValue( QStringLiteral( "locale/userLocale" ), locale );
  settings.setValue( QStringLiteral( "locale/overrideFlag" ), overridden );
  settings.remove( QStringLiteral( "htsplan/language" ) );
}
} // namespace

TEST_CASE( "language - locale names", "[plugin][i18n]" )
{
  CHECK( languageOfLocale( QStringLiteral( "zh_CN" ) ) == Language::Chinese );
  CHECK( languageOfLocale( QStringLiteral( "zh-Hans" ) ) == Language::Chinese );
  CHECK( languageOfLocale( QStringLiteral( "zh_TW" ) ) == Language::Chinese );
  CHECK( languageOfLocale( QStringLiteral( "en_US" ) ) == Language::English );
  CHECK( languageOfLocale( QStringLiteral( "de_DE" ) ) == Language::English );
  CHECK( languageOfLocale( QStringLiteral( "C" ) ) == Language::English );
  CHECK( languageOfLocale( QString() ) == Language::English );
}

TEST_CASE( "language - QGIS's locale decides", "[plugin][i18n]" )
{
  setQgisLocale( QStringLiteral( "zh_CN" ), true );
  CHECK( qgisLanguage() == Language::Chinese );
  setQgisLocale( QStringLiteral( "en_US" ), true );
  CHECK( qgisLanguage() == Language::English );
  // Without the override QGIS follows the system locale, and so does the plugin.
  setQgisLocale( QStringLiteral( "zh_CN" ), false );
  CHECK( qgisLanguage() == languageOfLocale( QLocale::system().name() ) );
}

TEST_CASE( "language - every message of the .ts is translated by the embedded .qm", "[plugin][i18n]" )
{
  setQgisLocale( QStringLiteral( "zh_CN" ), true );
  const std::vector<Message> messages = tsMessages();
  REQUIRE( messages.size() > 100 );
  PluginLanguage language;
  REQUIRE( language.language() == Language::Chinese );
  int translatedCount = 0;
  for ( const Message &m : messages )
  {
    INFO( m.context.toStdString() << ": " << m.source.toStdString() );
    CHECK_FALSE( m.translation.isEmpty() );
    const QString shown = QCoreApplication::translate( m.context.toUtf8().constData(), m.source.toUtf8().constData() );
    CHECK( shown == m.translation );
    translatedCount += shown == m.translation ? 1 : 0;
  }
  CHECK( translatedCount == static_cast<int>( messages.size() ) );
}

TEST_CASE( "language - installed from QGIS's locale, switched at run time, removed", "[plugin][i18n]" )
{
  CHECK( PluginLanguage::current() == nullptr );
  CHECK( menuText() == QLatin1String( "Load planning map" ) );
  SECTION( "English locale: the source strings" )
  {
    setQgisLocale( QStringLiteral( "en_US" ), true );
    PluginLanguage language;
    CHECK( language.language() == Language::English );
    CHECK( menuText() == QLatin1String( "Load planning map" ) );
  }
  SECTION( "Chinese locale, then a switch to English and back" )
  {
    setQgisLocale( QStringLiteral( "zh_CN" ), true );
    {
      PluginLanguage language;
      CHECK( PluginLanguage::current() == &language );
      CHECK( language.language() == Language::Chinese );
      CHECK( menuText() == QStringLiteral( "加载规划底图" ) );
      CHECK( translated( "htsplan::Algorithm", QStringLiteral( "Kernel density" ) ) == QStringLiteral( "核密度" ) );

      int changes = 0;
      QObject::connect( &language, &PluginLanguage::languageChanged, [&changes] { ++changes; } );
      language.setLanguage( Language::English );
      CHECK( changes == 1 );
      CHECK( language.language() == Language::English );
      CHECK( menuText() == QLatin1String( "Load planning map" ) );
      language.setLanguage( Language::English ); // no change: no signal
      CHECK( changes == 1 );
      language.setLanguage( Language::Chinese );
      CHECK( changes == 2 );
      CHECK( menuText() == QStringLiteral( "加载规划底图" ) );
      // The choice is remembered over QGIS's locale...
      language.setLanguage( Language::English );
      CHECK( QgsSettings().value( QStringLiteral( "htsplan/language" ) ).toString() == QLatin1String( "en" ) );
    }
    CHECK( PluginLanguage::current() == nullptr );
    CHECK( menuText() == QLatin1String( "Load planning map" ) ); // removed with its owner
    {
      PluginLanguage again; // ...at the next start, although QGIS is in Chinese
      CHECK( again.language() == Language::English );
      int changes = 0;
      QObject::connect( &again, &PluginLanguage::languageChanged, [&changes] { ++changes; } );
      again.followQgis();
      CHECK( changes == 1 );
      CHECK( again.language() == Language::Chinese );
      CHECK( menuText() == QStringLiteral( "加载规划底图" ) );
    }
  }
  CHECK( menuText() == QLatin1String( "Load planning map" ) );
}
