#pragma once
// The texts of the htsplan menu and toolbar, in one place: set at start and
// again after a language switch (PluginLanguage::languageChanged).
class QMenu;
class QToolBar;

namespace htsplan
{

//! Sets the menu's title and its actions' texts and tooltips (found by
//! objectName), the spatial analysis submenu's entries (from the algorithms'
//! menu labels) and the toolbar's title, in the plugin's language.
void setMenuTexts( QMenu &menu, QToolBar *toolBar );

} // namespace htsplan
