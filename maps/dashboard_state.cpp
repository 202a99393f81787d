#include "maps/dashboard_state.h"

#include <qgspathresolver.h>
#include <qgsproject.h>

namespace htsplan
{

namespace
{
const QString kScope = QStringLiteral( "htsplan" );
} // namespace

bool hasDashboardState( const QgsProject &project )
{
  return project.entryList( kScope, QStringLiteral( "/" ) ).contains( QStringLiteral( "facilities" ) );
}

DashboardState readDashboardState( const QgsProject &project, const DashboardState &defaults )
{
  DashboardState s = defaults;
  bool ok = false;
  auto path = [&]( const QString &key, QString &out ) {
    const QString stored = project.readEntry( kScope, key, QString(), &ok );
    if ( ok && !stored.isEmpty() )
      out = project.pathResolver().readPath( stored );
  };
  path( QStringLiteral( "/admin" ), s.adminPath );
  path( QStringLiteral( "/facilities" ), s.facilitiesPath );
  path( QStringLiteral( "/targets" ), s.targetsPath );
  const QString vintage = project.readEntry( kScope, QStringLiteral( "/vintage" ), QString(), &ok );
  if ( ok )
    if ( const std::optional<Vintage> v = parseVintage( vintage.toStdString() ) )
      s.vintage = *v;
  const int year = project.readNumEntry( kScope, QStringLiteral( "/year" ), 0, &ok );
  if ( ok && year > 0 )
    s.year = year;
  const double radius = project.readDoubleEntry( kScope, QStringLiteral( "/radius_km" ), 0, &ok );
  if ( ok && radius > 0 )
    s.radiusKm = radius;
  const QStringList central = project.readListEntry( kScope, QStringLiteral( "/central_cities" ), QStringList(), &ok );
  if ( ok )
    s.centralCities = central;
  s.filterMapByYear = project.readBoolEntry( kScope, QStringLiteral( "/filter_map_by_year" ), defaults.filterMapByYear );
  return s;
}

void writeDashboardState( QgsProject &project, const DashboardState &state )
{
  const QgsPathResolver resolver = project.pathResolver();
  project.writeEntry( kScope, QStringLiteral( "/admin" ), resolver.writePath( state.adminPath ) );
  project.writeEntry( kScope, QStringLiteral( "/facilities" ), resolver.writePath( state.facilitiesPath ) );
  project.writeEntry( kScope, QStringLiteral( "/targets" ), resolver.writePath( state.targetsPath ) );
  project.writeEntry( kScope, QStringLiteral( "/vintage" ), QString::fromLatin1( vintageKey( state.vintage ) ) );
  project.writeEntry( kScope, QStringLiteral( "/year" ), state.year );
  project.writeEntry( kScope, QStringLiteral( "/radius_km" ), state.radiusKm );
  project.writeEntry( kScope, QStringLiteral( "/central_cities" ), state.centralCities );
  project.writeEntry( kScope, QStringLiteral( "/filter_map_by_year" ), state.filterMapByYear );
}

} // namespace htsplan
