#include "maps/layout_template.h"

#include "layers/paths.h"
#include "layers/problems.h"
#include "maps/export_font.h"

#include <qgslayoutframe.h>
#include <qgslayoutitemattributetable.h>
#include <qgslayoutitemlabel.h>
#include <qgslayoutitemlegend.h>
#include <qgslayoutitemscalebar.h>
#include <qgslayoutmultiframe.h>
#include <qgslayoutpagecollection.h>
#include <qgsprintlayout.h>
#include <qgsproject.h>
#include <qgsreadwritecontext.h>
#include <qgstextformat.h>

#include <QDomDocument>
#include <QFile>
#include <QFileInfo>

namespace htsplan
{

namespace
{
QgsTextFormat withExportFont( QgsTextFormat format )
{
  QFont font = format.font();
  font.setFamily( exportFontFamily() );
  format.setFont( font );
  return format;
}

std::string where( const QString &templatePath )
{
  return "layout template " + templatePath.toStdString();
}
} // namespace

QString bundledTemplatesDir()
{
  return QString::fromStdString( stylesDir() ) + QStringLiteral( "/layouts" );
}

std::unique_ptr<QgsPrintLayout> loadLayoutTemplate( const QString &path, QgsProject &project, const QString &name )
{
  QFile file( path );
  if ( !QFileInfo::exists( path ) )
    throw InputError( where( path ) + ": no such file" );
  if ( !file.open( QIODevice::ReadOnly ) )
    throw InputError( where( path ) + ": cannot be read (" + file.errorString().toStdString() + ")" );
  QDomDocument document;
  QString message;
  int line = 0, column = 0;
  if ( !document.setContent( &file, &message, &line, &column ) )
    throw InputError( where( path ) + ": not XML (line " + std::to_string( line ) + ", column " + std::to_string( column ) + ": " +
                      message.toStdString() + ")" );
  if ( document.documentElement().tagName() != QLatin1String( "Layout" ) )
    throw InputError( where( path ) + ": not a QGIS print-layout template (its root element is <" +
                      document.documentElement().tagName().toStdString() + ">, not <Layout>)" );
  auto layout = std::make_unique<QgsPrintLayout>( &project );
  bool ok = false;
  QgsReadWriteContext context;
  context.setPathResolver( project.pathResolver() );
  layout->loadFromTemplate( document, context, true, &ok );
  if ( !ok || layout->pageCollection()->pageCount() == 0 )
    throw InputError( where( path ) + ": QGIS cannot load it as a print layout (or it has no page)" );
  layout->setName( name );
  return layout;
}

void throwMissingItem( const QString &templatePath, const QString &id, const char *typeName, bool otherType )
{
  throw InputError( where( templatePath ) + ": " + ( otherType ? "item '" + id.toStdString() + "' is not " + typeName
                                                               : "no item with the id '" + id.toStdString() + "' (" + typeName + ")" ) +
                    "; the meeting pack fills items by id: restore it in the Layout Designer (Item Properties, Item ID) or use the bundled template" );
}

QgsLayoutItemAttributeTable *requiredTable( QgsLayout &layout, const QString &templatePath, const QString &id )
{
  auto *frame = qobject_cast<QgsLayoutFrame *>( layout.itemById( id ) );
  auto *table = frame ? qobject_cast<QgsLayoutItemAttributeTable *>( frame->multiFrame() ) : nullptr;
  if ( !table )
    throwMissingItem( templatePath, id, "an attribute table frame", layout.itemById( id ) != nullptr );
  return table;
}

void useExportFont( QgsLayout &layout )
{
  QList<QgsLayoutItem *> items;
  layout.layoutItems( items );
  for ( QgsLayoutItem *item : items )
  {
    if ( auto *label = qobject_cast<QgsLayoutItemLabel *>( item ) )
    {
      QFont font = label->font();
      font.setFamily( exportFontFamily() );
      label->setFont( font );
    }
    else if ( auto *legend = qobject_cast<QgsLayoutItemLegend *>( item ) )
    {
      for ( QgsLegendStyle::Style s : { QgsLegendStyle::Title, QgsLegendStyle::Group, QgsLegendStyle::Subgroup, QgsLegendStyle::SymbolLabel } )
      {
        QFont font = legend->styleFont( s );
        font.setFamily( exportFontFamily() );
        legend->setStyleFont( s, font );
      }
    }
    else if ( auto *scale = qobject_cast<QgsLayoutItemScaleBar *>( item ) )
      scale->setTextFormat( withExportFont( scale->textFormat() ) );
  }
  for ( QgsLayoutMultiFrame *multi : layout.multiFrames() )
    if ( auto *table = qobject_cast<QgsLayoutTable *>( multi ) )
    {
      table->setHeaderTextFormat( withExportFont( table->headerTextFormat() ) );
      table->setContentTextFormat( withExportFont( table->contentTextFormat() ) );
    }
}

} // namespace htsplan
