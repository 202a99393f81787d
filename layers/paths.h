#pragma once
// Where the bundled data and styles are: one lookup for the CLI, the plugin,
// the tools and the tests, in the build tree and after `cmake --install`.
#include <string>

namespace htsplan
{

//! The bundled data folder: $HTSPLAN_DATA, else <prefix>/share/htsplan/data
//! beside the installed program or plugin, else <source dir>/data.
std::string dataDir();
//! Folder holding the QML styles: $HTSPLAN_STYLES, else
//! <prefix>/share/htsplan/styles, else <source dir>/styles.
std::string stylesDir();
//! The bundled administrative map (<data>/shandong.gpkg).
std::string defaultAdminPath();
//! The bundled sample facilities (<data>/sample/facilities.gpkg).
std::string defaultFacilitiesPath();
//! The bundled policy targets (<data>/targets/shandong-2013.json).
std::string defaultTargetsPath();

} // namespace htsplan
