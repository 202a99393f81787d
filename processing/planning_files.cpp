#include "processing/planning_files.h"

#include "geometry/crs.h"
#include "layers/paths.h"

#include <qgsprocessingalgorithm.h>
#include <qgsprocessingparameters.h>

namespace htsplan
{

std::vector<QgsProcessingParameterDefinition *> planningFileParameters( const QString &facilitiesLabel )
{
  return { new QgsProcessingParameterFile( QStringLiteral( "FACILITIES" ), facilitiesLabel, QgsProcessingParameterFile::File, QStringLiteral( "gpkg" ) ),
           new QgsProcessingParameterFile( QStringLiteral( "ADMIN" ), QStringLiteral( "Admin map (empty: the bundled Shandong map)" ), QgsProcessingParameterFile::File,
                                           QStringLiteral( "gpkg" ), QVariant(), true ),
           new QgsProcessingParameterFile( QStringLiteral( "TARGETS" ), QStringLiteral( "Targets file (empty: bundled)" ), QgsProcessingParameterFile::File,
                                           QStringLiteral( "json" ), QVariant(), true ),
           new QgsProcessingParameterEnum( QStringLiteral( "VINTAGE" ), QStringLiteral( "City map" ),
                                           QStringList() << QStringLiteral( "2015 (17 cities)" ) << QStringLiteral( "current (16 cities)" ), false, 0 ) };
}

PlanningFiles readPlanningFiles( const QgsProcessingAlgorithm &algorithm, const QVariantMap &parameters, QgsProcessingContext &context )
{
  auto file = [&]( const QString &name ) { return QgsProcessingParameters::parameterAsFile( algorithm.parameterDefinition( name ), parameters, context ); };
  PlanningFiles files;
  files.facilitiesPath = file( QStringLiteral( "FACILITIES" ) );
  const QString adminPath = file( QStringLiteral( "ADMIN" ) );
  const QString targetsPath = file( QStringLiteral( "TARGETS" ) );
  files.vintage = QgsProcessingParameters::parameterAsEnum( algorithm.parameterDefinition( QStringLiteral( "VINTAGE" ) ), parameters, context ) == 1 ? Vintage::Current
                                                                                                                                                  : Vintage::Y2015;
  files.targets = loadTargets( targetsPath.isEmpty() ? defaultTargetsPath() : targetsPath.toStdString() );
  files.admin = loadAdmin( adminPath.isEmpty() ? defaultAdminPath() : adminPath.toStdString(), files.vintage, equalArea() );
  return files;
}

} // namespace htsplan
