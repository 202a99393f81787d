#include "plugin/language.h"

#include <qgsmessagelog.h>
#include <qgssettings.h>

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace htsplan
{

namespace
{
const QString kLanguageKey = QStringLiteral( "htsplan/language" );
const QString kChineseQm = QStringLiteral( ":/htsplan/i18n/htsplan_zh_CN.qm" );
PluginLanguage *sCurrent = nullptr;
} // namespace

QString languageCode( Language language )
{
  return language == Language::Chinese ? QStringLiteral( "zh_CN" ) : QStringLiteral( "en" );
}

Language languageOfLocale( const QString &locale )
{
  return locale.startsWith( QLatin1String( "zh" ), Qt::CaseInsensitive ) ? Language::Chinese : Language::English;
}

Language qgisLanguage()
{
  // What QGIS itself reads at start (QgsApplication: the override flag decides).
  const QgsSettings settings;
  const bool overridden = settings.value( QStringLiteral( "locale/overrideFlag" ), false ).toBool();
  const QString user = settings.value( QStringLiteral( "locale/userLocale" ) ).toString();
  return languageOfLocale( overridden && !user.isEmpty() ? user : QLocale::system().name() );
}

PluginLanguage::PluginLanguage()
{
  sCurrent = this;
  const QString chosen = QgsSettings().value( kLanguageKey ).toString();
  apply( chosen.isEmpty() ? qgisLanguage() : languageOfLocale( chosen ) );
}

PluginLanguage::~PluginLanguage()
{
  if ( mTranslator )
    QCoreApplication::removeTranslator( mTranslator.get() );
  if ( sCurrent == this )
    sCurrent = nullptr;
}

PluginLanguage *PluginLanguage::current()
{
  return sCurrent;
}

void PluginLanguage::setLanguage( Language language )
{
  QgsSettings().setValue( kLanguageKey, languageCode( language ) );
  if ( language == mLanguage )
    return;
  apply( language );
  emit languageChanged( mLanguage );
}

void PluginLanguage::followQgis()
{
  QgsSettings().remove( kLanguageKey );
  const Language language = qgisLanguage();
  if ( language == mLanguage )
    return;
  apply( language );
  emit languageChanged( mLanguage );
}

void PluginLanguage::apply( Language language )
{
  if ( mTranslator )
  {
    QCoreApplication::removeTranslator( mTranslator.get() );
    mTranslator.reset();
  }
  mLanguage = language;
  if ( language == Language::English )
    return; // the source strings are English
  auto translator = std::make_unique<QTranslator>();
  if ( !translator->load( kChineseQm ) )
  {
    // Not fatal: the plugin works in English.
    QgsMessageLog::logMessage( QStringLiteral( "%1 cannot be loaded: the plugin stays in English" ).arg( kChineseQm ), QStringLiteral( "htsplan" ), Qgis::MessageLevel::Warning );
    mLanguage = Language::English;
    return;
  }
  QCoreApplication::installTranslator( translator.get() );
  mTranslator = std::move( translator );
}

QString translated( const char *context, const QString &source )
{
  return QCoreApplication::translate( context, source.toUtf8().constData() );
}

} // namespace htsplan
