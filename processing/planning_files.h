#pragma once
// The files behind the planning algorithms (htsplan:growth, htsplan:allocate,
// htsplan:validate): the facilities GeoPackage, the admin map, the targets and
// the map's vintage, declared and read once so the three take them alike.
#include "layers/admin.h"
#include "layers/targets.h"

#include <QString>
#include <QVariantMap>

#include <vector>

class QgsProcessingAlgorithm;
class QgsProcessingContext;
class QgsProcessingParameterDefinition;

namespace htsplan
{

/**
 * FACILITIES (described as \a facilitiesLabel), ADMIN (empty: the bundled
 * map), TARGETS (empty: the bundled targets) and VINTAGE (2015 / current), in
 * that order; the caller adds them with addParameter.
 */
std::vector<QgsProcessingParameterDefinition *> planningFileParameters( const QString &facilitiesLabel );

//! The values of planningFileParameters(), the targets and admin map read (defaults where empty).
struct PlanningFiles
{
    QString facilitiesPath;
    Vintage vintage = Vintage::Y2015;
    Targets targets;
    AdminData admin;
};

PlanningFiles readPlanningFiles( const QgsProcessingAlgorithm &algorithm, const QVariantMap &parameters, QgsProcessingContext &context );

} // namespace htsplan
