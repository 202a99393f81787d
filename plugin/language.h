#pragma once
// The plugin's language: English (the source strings) or Simplified Chinese
// (plugin/i18n/htsplan_zh_CN.ts, compiled to a .qm and embedded as
// :/htsplan/i18n/htsplan_zh_CN.qm). Chosen from QGIS's locale unless the
// planner picked one (setLanguage, remembered in the settings).
//
// Usage, in a widget that shows text (e.g. the dock):
//   void Dock::retranslate() { mTitle->setText( tr( "Targets" ) ); ... }
//   retranslate();
//   if ( PluginLanguage *language = PluginLanguage::current() )
//     connect( language, &PluginLanguage::languageChanged, this, &Dock::retranslate );
// and, for a language switch in the dock:
//   PluginLanguage::current()->setLanguage( Language::Chinese );
// A switch only changes text set after it: every widget re-sets its texts in
// its retranslate function. Data values (place names) are never translated.
#include <QObject>
#include <QString>

#include <memory>

class QTranslator;

namespace htsplan
{

enum class Language
{
  English, //!< the source strings
  Chinese  //!< Simplified Chinese (zh_CN)
};

//! "en" or "zh_CN".
QString languageCode( Language language );

//! The language of a locale name: zh* is Chinese, anything else English.
Language languageOfLocale( const QString &locale );

//! QGIS's user interface language: QgsSettings locale/userLocale when
//! locale/overrideFlag is set, else the system locale.
Language qgisLanguage();

/**
 * Owns the plugin's translator. The plugin creates one in initGui (which
 * installs the translator of the chosen language) and deletes it in unload
 * (which removes it). One exists at a time: current() returns it.
 */
class PluginLanguage : public QObject
{
    Q_OBJECT

  public:
    //! Installs the translator of the remembered language (settings key
    //! htsplan/language: "en", "zh_CN", or empty to follow QGIS), else of QGIS's.
    PluginLanguage();
    //! Removes the translator.
    ~PluginLanguage() override;

    //! The instance that exists (between the plugin's initGui and unload), or nullptr.
    static PluginLanguage *current();

    Language language() const { return mLanguage; }

    //! Switches the translator and remembers the choice; emits languageChanged when it changed.
    void setLanguage( Language language );
    //! Forgets the planner's choice and follows QGIS's locale again.
    void followQgis();

  signals:
    //! After the translator changed: re-set every text shown.
    void languageChanged( htsplan::Language language );

  private:
    void apply( Language language );

    Language mLanguage = Language::English;
    std::unique_ptr<QTranslator> mTranslator;
};

//! The text of source in the plugin's current language; for strings marked
//! with QT_TRANSLATE_NOOP( context, ... ) elsewhere (e.g. processing's menu labels).
QString translated( const char *context, const QString &source );

} // namespace htsplan
