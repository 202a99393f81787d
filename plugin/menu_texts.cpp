#include "plugin/menu_texts.h"

#include "plugin/language.h"
#include "processing/algorithm.h"
#include "processing/provider.h"

#include <qgsapplication.h>
#include <qgsprocessingregistry.h>

#include <QAction>
#include <QCoreApplication>
#include <QMenu>
#include <QToolBar>

namespace htsplan
{

namespace
{
struct ActionText
{
    const char *objectName, *text, *toolTip;
};

// lupdate reads these (context htsplan::HtsplanPlugin); QCoreApplication::translate looks them up.
constexpr ActionText kActions[] = {
  { "htsplanLoadMap", QT_TRANSLATE_NOOP( "htsplan::HtsplanPlugin", "Load planning map" ),
    QT_TRANSLATE_NOOP( "htsplan::HtsplanPlugin", "Load the styled planning map of Shandong and its facility layers" ) },
  { "htsplanTargetProgress", QT_TRANSLATE_NOOP( "htsplan::HtsplanPlugin", "Target progress" ),
    QT_TRANSLATE_NOOP( "htsplan::HtsplanPlugin", "Progress toward the 2015 targets" ) },
  { "htsplanImportRegister", QT_TRANSLATE_NOOP( "htsplan::HtsplanPlugin", "Import a register" ),
    QT_TRANSLATE_NOOP( "htsplan::HtsplanPlugin", "Import a register sent by a city (Excel, CSV, ...)" ) },
  { "htsplanExportPack", QT_TRANSLATE_NOOP( "htsplan::HtsplanPlugin", "Export meeting pack" ),
    QT_TRANSLATE_NOOP( "htsplan::HtsplanPlugin", "The overview, the city atlas and the analysis pages as PDF, PNG, SVG" ) },
  { "htsplanAddLayouts", QT_TRANSLATE_NOOP( "htsplan::HtsplanPlugin", "Add templates to my layouts" ),
    QT_TRANSLATE_NOOP( "htsplan::HtsplanPlugin", "The meeting pack's layouts, atlas included, in this project's Layout Manager" ) },
};

QString text( const char *source )
{
  return QCoreApplication::translate( "htsplan::HtsplanPlugin", source );
}
} // namespace

void setMenuTexts( QMenu &menu, QToolBar *toolBar )
{
  const QString title = text( QT_TRANSLATE_NOOP( "htsplan::HtsplanPlugin", "htsplan high-tech service planning" ) );
  menu.setTitle( title );
  if ( toolBar )
    toolBar->setWindowTitle( title );
  for ( QAction *action : menu.actions() )
  {
    for ( const ActionText &entry : kActions )
      if ( action->objectName() == QLatin1String( entry.objectName ) )
      {
        action->setText( text( entry.text ) );
        action->setToolTip( text( entry.toolTip ) );
      }
  }
  QMenu *analysis = menu.findChild<QMenu *>( QStringLiteral( "htsplanAnalysisMenu" ), Qt::FindDirectChildrenOnly );
  if ( !analysis )
    return;
  analysis->setTitle( text( QT_TRANSLATE_NOOP( "htsplan::HtsplanPlugin", "Spatial analysis" ) ) );
  const auto *provider = dynamic_cast<const Provider *>( QgsApplication::processingRegistry()->providerById( QStringLiteral( "htsplan" ) ) );
  if ( !provider )
    return;
  for ( const Algorithm *algorithm : provider->orderedAlgorithms() )
    if ( QAction *action = analysis->findChild<QAction *>( QStringLiteral( "htsplanAlgorithm_" ) + algorithm->name() ) )
      action->setText( translated( "htsplan::Algorithm", algorithm->menuLabel() ) );
}

} // namespace htsplan
