#pragma once
// Print-layout templates (.qpt) loaded into a project and their items found
// by id: code never relies on an item's position or order, and a planner may
// move, restyle or resize anything in QGIS's Layout Designer.
#include <qgslayout.h>
#include <qgslayoutitem.h>

#include <QString>
#include <QStringList>

#include <memory>

class QgsLayoutItemAttributeTable;
class QgsPrintLayout;
class QgsProject;

namespace htsplan
{

//! The folder of the bundled templates (styles/layouts).
QString bundledTemplatesDir();

//! The meeting pack's template files, by the page they make.
namespace templateFiles
{
inline const QString overviewA4 = QStringLiteral( "overview_a4.qpt" );
inline const QString overviewA3 = QStringLiteral( "overview_a3.qpt" );
inline const QString city = QStringLiteral( "city_a4.qpt" );
inline const QString analysis = QStringLiteral( "analysis_a4.qpt" );
//! Every one of them: a folder holding these can stand for the bundled one.
inline QStringList all() { return { overviewA4, overviewA3, city, analysis }; }
} // namespace templateFiles

/**
 * A new print layout of project from the template at path, named name.
 * Throws InputError naming the file when it is missing, unreadable, not XML
 * or not a layout template.
 */
std::unique_ptr<QgsPrintLayout> loadLayoutTemplate( const QString &path, QgsProject &project, const QString &name );

//! InputError: the template has no item of that id and type ("a map", "a label", ...).
[[noreturn]] void throwMissingItem( const QString &templatePath, const QString &id, const char *typeName, bool otherType );

//! The item of that id and type T (QgsLayoutItemMap, QgsLayoutItemLabel, ...), or throwMissingItem.
template <class T> T *requiredItem( QgsLayout &layout, const QString &templatePath, const QString &id, const char *typeName )
{
  QgsLayoutItem *item = layout.itemById( id );
  T *typed = qobject_cast<T *>( item );
  if ( !typed )
    throwMissingItem( templatePath, id, typeName, item != nullptr );
  return typed;
}

//! The attribute table shown in the frame of that id; InputError as requiredItem.
QgsLayoutItemAttributeTable *requiredTable( QgsLayout &layout, const QString &templatePath, const QString &id );

/**
 * Every text of the layout (labels, legends, scale bars, tables) set in the
 * export font (maps/export_font.h), sizes and weights kept: QGIS 3.22 falls
 * back silently when a template names a font the machine lacks.
 */
void useExportFont( QgsLayout &layout );

} // namespace htsplan
