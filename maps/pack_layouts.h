#pragma once
// The meeting pack's print layouts: the templates loaded into a project that
// holds the pack's layers (maps/pack_project.h) and filled by item id. The
// export (maps/meeting_pack.h) renders them; the plugin adds them to a
// planner's project, where the Layout Designer opens them like any layout.
#include "maps/meeting_pack.h"
#include "maps/pack_project.h"

#include <QString>

#include <memory>
#include <vector>

class QgsPrintLayout;
class QgsProject;

namespace htsplan
{

struct PackChartFiles;

//! Which layouts to make, from which templates.
struct PackLayoutOptions
{
    QString templatesDir;                  //!< empty: the bundled templates (bundledTemplatesDir())
    bool overview = true;
    std::vector<Paper> overviewPapers = { Paper::A4 }; //!< one overview layout per paper (named by paper when several)
    bool cities = true;                    //!< the city atlas (when the figures have cities)
    bool analyses = true;                  //!< one layout per analysis page of the figures
};

struct PackLayout
{
    std::unique_ptr<QgsPrintLayout> layout;
    QString fileName;   //!< file name stem of a single page ("overview", "kde"); empty for the atlas
    bool atlas = false; //!< the city atlas: one page per city
};

//! The filled layouts in page order: the overview(s), the city atlas, the analysis pages.
struct PackLayouts
{
    std::vector<PackLayout> layouts;
    QgsPrintLayout *atlas = nullptr; //!< the city atlas among them, or null

    PackLayouts();
    PackLayouts( PackLayouts && ) noexcept;
    PackLayouts &operator=( PackLayouts && ) noexcept;
    ~PackLayouts();
};

//! The names the layouts get ("htsplan 城市图集 city atlas", ...).
namespace layoutNames
{
inline const QString overview = QStringLiteral( "htsplan 全省总图 province overview" );
inline const QString cityAtlas = QStringLiteral( "htsplan 城市图集 city atlas" );
//! An analysis page's layout ("htsplan 分析 kde").
inline QString analysis( const std::string &key ) { return QStringLiteral( "htsplan 分析 %1" ).arg( QString::fromStdString( key ) ); }
} // namespace layoutNames

/**
 * Loads every template asked for into project (not into its layout manager)
 * and fills it: maps following the pack's themes at the province's extent in
 * the print CRS, legends, tables pointed at the pack's layers, the atlas over
 * the cities sorted by code, the analysis pages' texts, the export font.
 * Writes nothing. Throws InputError for a missing or broken template (every
 * item the code fills must be there). Creates QObjects: call on the thread
 * that renders.
 */
PackLayouts fillPackLayouts( const PackLayoutOptions &options, const PackLayers &pack, QgsProject &project, const PackFigures &figures );

//! Points the overview's chart pictures at the charts written (maps/pack_charts.h); the city charts follow @htsplan_charts_dir.
void showPackCharts( PackLayouts &layouts, const PackChartFiles &charts );

} // namespace htsplan
