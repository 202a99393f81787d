#pragma once
// The planning map's layer names and legend entries in the plugin's language.
// maps/ names the layers bilingually ("园区 parks") for the CLI's exports,
// which stay bilingual on purpose; the plugin renames its own copies here.
// Data values (place names in features) are never touched.
#include "layers/schema.h"

#include <QString>

class QgsLayerTreeGroup;
class QgsVectorLayer;

namespace htsplan
{

struct PlanningLayers;

//! Names the admin and facility layers of a planning map and their legend entries.
void translatePlanningLayers( PlanningLayers &layers );

//! Names one of our layers, found from its file's layer name ("province",
//! "cities_2015", "parks", ...): "Specialised parks" or "专业化园区", plus
//! " · suffix" when suffix is given, and translates its legend's categories.
//! Other layers are left as they are.
void translateMapLayer( QgsVectorLayer &layer, const QString &suffix = QString() );

//! translateMapLayer on every layer of group (after a language switch), keeping
//! the " · <register>" ending of imported layers.
void retranslateGroup( QgsLayerTreeGroup &group );

/**
 * The legend of a statistics result styled with a shipped style (hot spots on
 * Gi_Bin, LISA on COType, specialization by leading sector, growth on
 * ON_TRACK) in the plugin's language: "热点（99%置信度）" or "Hot Spot - 99%
 * Confidence", where the style file has both. Other layers are left as they are.
 */
void translateStatisticLegend( QgsVectorLayer &layer );

//! translateStatisticLegend on every layer of group (after a language switch).
void retranslateStatisticLegends( QgsLayerTreeGroup &group );

//! The facility kind's name in the plugin's language.
QString kindTitle( Kind kind );

} // namespace htsplan
