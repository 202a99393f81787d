#include "maps/export_font.h"

#include <qgspallabeling.h>
#include <qgsrulebasedlabeling.h>
#include <qgsvectorlayer.h>
#include <qgsvectorlayerlabeling.h>

#include <QFontDatabase>
#include <QGuiApplication>

namespace htsplan
{

const QStringList &exportFontCandidates()
{
  static const QStringList candidates = { QStringLiteral( "Microsoft YaHei" ), QStringLiteral( "WenQuanYi Micro Hei" ),
                                          QStringLiteral( "Noto Sans CJK SC" ) };
  return candidates;
}

QString exportFontFamily()
{
  static const QString chosen = [] {
    const QStringList installed = QFontDatabase().families();
    for ( const QString &family : exportFontCandidates() )
      if ( installed.contains( family, Qt::CaseInsensitive ) )
        return family;
    return QGuiApplication::font().family();
  }();
  return chosen;
}

namespace
{
void setFamily( QgsPalLayerSettings &settings )
{
  QgsTextFormat format = settings.format();
  QFont font = format.font();
  font.setFamily( exportFontFamily() );
  format.setFont( font );
  settings.setFormat( format );
}
} // namespace

void useExportFontForLabels( QgsVectorLayer &layer )
{
  QgsAbstractVectorLayerLabeling *labeling = layer.labeling();
  if ( !labeling )
    return;
  if ( auto *simple = dynamic_cast<QgsVectorLayerSimpleLabeling *>( labeling ) )
  {
    QgsPalLayerSettings settings = simple->settings();
    setFamily( settings );
    layer.setLabeling( new QgsVectorLayerSimpleLabeling( settings ) );
  }
  else if ( auto *rules = dynamic_cast<QgsRuleBasedLabeling *>( labeling ) )
  {
    for ( QgsRuleBasedLabeling::Rule *rule : rules->rootRule()->descendants() )
      if ( QgsPalLayerSettings *settings = rule->settings() )
      {
        QgsPalLayerSettings copy = *settings;
        setFamily( copy );
        rule->setSettings( new QgsPalLayerSettings( copy ) );
      }
  }
}

} // namespace htsplan
