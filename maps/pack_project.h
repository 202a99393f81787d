#pragma once
// The project behind the meeting pack: the planning layers of one vintage with
// the pack's figures as attributes (so that the templates' tables, labels and
// atlas read them like any QGIS data), the analysis layers, the map themes
// and the project variables the templates name.
#include "maps/pack_data.h"

#include <qgsrectangle.h>

#include <QString>
#include <QStringList>

#include <memory>
#include <utility>
#include <vector>

class QgsLayerTreeGroup;
class QgsMapLayer;
class QgsProject;
class QgsVectorLayer;

namespace htsplan
{

//! Theme names the templates and the code use.
namespace themes
{
inline const QString overview = QStringLiteral( "htsplan_overview" );
inline const QString city = QStringLiteral( "htsplan_city" );
inline const QString locator = QStringLiteral( "htsplan_locator" );
//! The theme of an analysis page ("htsplan_kde", ...).
inline QString analysis( const std::string &key ) { return QStringLiteral( "htsplan_" ) + QString::fromStdString( key ); }
} // namespace themes

//! The pack's layers in a project (owned by the project).
struct PackLayers
{
    QgsVectorLayer *province = nullptr, *cities = nullptr, *counties = nullptr;
    QgsVectorLayer *cityKinds = nullptr; //!< one row per city and target kind (no geometry)
    QgsVectorLayer *targets = nullptr;   //!< one row per target kind (no geometry)
    QList<QgsMapLayer *> layers;         //!< every layer added, topmost first (the tables last)
    QgsRectangle provinceExtent;         //!< in the print CRS
    QStringList aggregated;              //!< one line per facility layer drawn as hexagons
    //! The facility layers drawn point by point (read-only copies), with their layer names in the facilities file.
    std::vector<std::pair<QgsVectorLayer *, QString>> facilities;
};

struct PackProject : PackLayers
{
    std::unique_ptr<QgsProject> project;

    PackProject();
    PackProject( PackProject && ) noexcept;
    PackProject &operator=( PackProject && ) noexcept;
    ~PackProject();
};

/**
 * Builds the pack's project from the files (read through read-only copies:
 * the files are never touched) and the figures. chartsDir is where the city
 * charts are (project variable htsplan_charts_dir). Throws InputError naming
 * the file and layer when a layer cannot be read, or a city of the figures is
 * not on the map. Creates QObjects: call on the thread that renders.
 */
PackProject buildPackProject( const std::string &adminPath, const std::string &facilitiesPath, const PackFigures &figures, const QString &chartsDir );

/**
 * Adds the pack's layers (in group, a group of project's layer tree, topmost
 * first), its map themes (replacing themes of the same names) and its project
 * variables (the others are kept) to an existing project: what
 * buildPackProject does in a new one. Same errors; on error nothing is added.
 */
PackLayers addPackToProject( QgsProject &project, QgsLayerTreeGroup &group, const std::string &adminPath, const std::string &facilitiesPath,
                             const PackFigures &figures, const QString &chartsDir );

/**
 * Moves the pack's in-memory layers into the GeoPackage gpkgPath (replaced
 * whole), styles kept, so that a project saved with them opens again with its
 * data (QGIS 3.22 saves no memory layer's features). Throws OutputError naming
 * the file and layer when one cannot be written. With facilitiesFile, the
 * copies of facility layers are pointed back at that file instead of copied.
 */
void storePackLayers( const PackLayers &pack, const QString &gpkgPath, QgsProject &project, const QString &facilitiesFile = QString() );

/**
 * Writes the pack's project to projectPath (.qgz) with the layouts the project's
 * layout manager holds: the layers made for the pack (figures, outlines,
 * aggregates, analysis shapes) into a GeoPackage of the same stem beside it,
 * the facility layers pointed at facilitiesPath (absolute), the rest relative
 * to the project. finalDir: the folder the project will be in once the
 * caller's staging folder is renamed into place (the charts folder variable).
 * Throws OutputError naming the file that cannot be written.
 */
void savePackProject( PackProject &pack, const QString &projectPath, const QString &facilitiesPath, const QString &finalDir );

//! The notes every page prints (sample data, boundaries, counting rule, basis), one per line.
QString packNotes( const PackFigures &figures );

//! "htsplan_370200_qingdao"-style ASCII stem of a city's English name ("qingdao").
QString fileStub( const std::string &nameEn );

} // namespace htsplan
