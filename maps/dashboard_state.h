#pragma once
// The dock's choices saved in a QGIS project (issue 12): the data sources,
// the map vintage, the year, the coverage radius, the targets file and the
// central cities. The plugin's dock writes and restores them; `htsplan
// project` writes them into the ready-made sample project.
#include "layers/schema.h"

#include <QString>
#include <QStringList>

class QgsProject;

namespace htsplan
{

struct DashboardState
{
    QString adminPath, facilitiesPath, targetsPath; //!< absolute; stored relative to the project file
    Vintage vintage = Vintage::Y2015;
    int year = 0;                                    //!< 0: the targets' target year
    double radiusKm = 0;                             //!< 0: the default radius
    QStringList centralCities;                       //!< codes or names; empty: the targets file's
    bool filterMapByYear = true;                     //!< the facility layers show what counted in the year
};

//! Whether the project holds htsplan's dock state (a project saved with the dock, or the sample project).
bool hasDashboardState( const QgsProject &project );

//! The state saved in the project; what it does not say is taken from defaults.
DashboardState readDashboardState( const QgsProject &project, const DashboardState &defaults );

//! Writes the state into the project's "htsplan" entries (paths relative to the project file when it has one).
void writeDashboardState( QgsProject &project, const DashboardState &state );

} // namespace htsplan
