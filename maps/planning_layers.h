#pragma once
// The styled planning map shared by the plugin and the CLI's map export:
// the administrative layers of one vintage and every facility layer of a
// GeoPackage, each with its QML style from styles/ and a Chinese name.
// QGIS core only.
#include "layers/schema.h"

#include <QList>
#include <QString>

#include <memory>
#include <vector>

class QgsMapLayer;
class QgsVectorLayer;

namespace htsplan
{

//! The layers of a planning map; each is valid and styled.
struct PlanningLayers
{
    std::unique_ptr<QgsVectorLayer> province, cities, counties;
    //! Facility layers present in the file, in draw order: zones first, enterprises last.
    std::vector<std::unique_ptr<QgsVectorLayer>> facilities;

    PlanningLayers();
    PlanningLayers( PlanningLayers && ) noexcept;
    PlanningLayers &operator=( PlanningLayers && ) noexcept;
    ~PlanningLayers();

    //! Every layer, topmost first (the order QgsMapSettings::setLayers expects); not owned.
    QList<QgsMapLayer *> mapLayers() const;
};

/**
 * A memory layer holding a copy of a file's layer (the first one when
 * layerName is empty), read through GDAL in read-only mode: QGIS 3.22's OGR
 * provider opens a GeoPackage for update and, closing it, turns a WAL-mode
 * file back to a rollback journal (its header changes). Feature ids are the
 * memory layer's (1, 2, ...). Throws InputError naming the file and layer.
 */
std::unique_ptr<QgsVectorLayer> readOnlyLayerCopy( const QString &path, const QString &layerName, const QString &displayName );

//! How the map's layers reach their files.
enum class LayerAccess
{
  File,        //!< QGIS layers on the files (the plugin: the planner's layers, editable in QGIS)
  ReadOnlyCopy //!< memory layers copied through GDAL opened read-only (the report's map: the files are never touched)
};

//! Opens the admin layers (the cities of the vintage: "cities_2015" or "cities")
//! and every known facility layer present in facilitiesPath, applies
//! styles/<layer>.qml and names them in Chinese. Throws InputError naming the
//! file and layer when a layer cannot be opened, or when facilitiesPath has
//! none of the known layers. A missing style file is logged, not fatal.
//! Creates QObjects: call on the thread that will own the layers.
//! Facility layers of the kinds in leaveOut are not opened (the meeting pack draws them aggregated).
PlanningLayers createPlanningLayers( const QString &adminPath, const QString &facilitiesPath, Vintage vintage, LayerAccess access = LayerAccess::File,
                                     const std::vector<Kind> &leaveOut = {} );

//! Every known facility layer present in facilitiesPath, in draw order (zones
//! first, enterprises last), styled from styles/<layer>.qml and named
//! "园区 parks" (plus titleSuffix when given). Throws InputError as
//! createPlanningLayers does. Creates QObjects: call on the owning thread.
std::vector<std::unique_ptr<QgsVectorLayer>> createFacilityLayers( const QString &facilitiesPath, const QString &titleSuffix = QString(),
                                                                  LayerAccess access = LayerAccess::File, const std::vector<Kind> &leaveOut = {} );

} // namespace htsplan
