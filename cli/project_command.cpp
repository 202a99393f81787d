#include "cli/project_command.h"

#include "layers/problems.h"
#include "layers/targets.h"
#include "maps/dashboard_state.h"
#include "maps/map_crs.h"
#include "maps/planning_layers.h"

#include <qgscoordinatetransform.h>
#include <qgslayertree.h>
#include <qgsprojectviewsettings.h>
#include <qgsproject.h>
#include <qgsreferencedgeometry.h>
#include <qgsvectorlayer.h>

#include <QDir>
#include <QFileInfo>

#include <cstdio>

namespace htsplan
{

int writePlanningProject( const ReportRequest &request )
{
  const QFileInfo out( QString::fromStdString( request.outDir ) );
  if ( out.suffix().compare( QLatin1String( "qgz" ), Qt::CaseInsensitive ) != 0 )
    throw InputError( "--out " + request.outDir + ": a project file name ending in .qgz is expected" );
  if ( !out.absoluteDir().exists() )
    throw OutputError( request.outDir + ": its folder does not exist" );
  // The targets are read only to refuse a bad file now, not when the dock opens it.
  const Targets targets = loadTargets( request.inputs.targetsPath );
  checkEvaluationYear( request.options.figures.year, targets );

  // Written next to the final file (relative paths are computed from its folder), then renamed.
  const QString temporary = out.absoluteDir().filePath( QStringLiteral( "%1.writing.qgz" ).arg( out.completeBaseName() ) );
  QgsProject project;
  project.setFileName( temporary );
  // Paths relative to the project: the repository's sample project opens wherever it is cloned.
  project.setFilePathStorage( Qgis::FilePathType::Relative );
  project.setTitle( QStringLiteral( "山东省高技术服务业规划 Shandong high-tech service planning" ) );
  project.setCrs( displayCrs() );

  const QString admin = QFileInfo( QString::fromStdString( request.inputs.adminPath ) ).absoluteFilePath();
  const QString facilities = QFileInfo( QString::fromStdString( request.inputs.facilitiesPath ) ).absoluteFilePath();
  PlanningLayers layers = createPlanningLayers( admin, facilities, request.inputs.vintage );
  const QList<QgsMapLayer *> ordered = layers.mapLayers(); // topmost first
  QgsRectangle provinceExtent = layers.province->extent();
  const QgsCoordinateReferenceSystem provinceCrs = layers.province->crs();
  layers.province.release();
  layers.cities.release();
  layers.counties.release();
  for ( auto &layer : layers.facilities )
    layer.release();
  QgsLayerTreeGroup *group = project.layerTreeRoot()->insertGroup( 0, QStringLiteral( "htsplan" ) );
  for ( QgsMapLayer *layer : ordered )
  {
    project.addMapLayer( layer, false );
    group->addLayer( layer );
  }

  const QgsCoordinateTransform toDisplay( provinceCrs, project.crs(), &project );
  QgsRectangle extent = toDisplay.transformBoundingBox( provinceExtent );
  extent.scale( 1.05 );
  project.viewSettings()->setDefaultViewExtent( QgsReferencedRectangle( extent, project.crs() ) );

  DashboardState state;
  state.adminPath = admin;
  state.facilitiesPath = facilities;
  state.targetsPath = QFileInfo( QString::fromStdString( request.inputs.targetsPath ) ).absoluteFilePath();
  state.vintage = request.inputs.vintage;
  state.year = request.options.figures.year > 0 ? request.options.figures.year : targets.targetYear;
  state.radiusKm = request.options.figures.radiusKm;
  writeDashboardState( project, state );

  QFile::remove( temporary );
  if ( !project.write() )
  {
    QFile::remove( temporary );
    throw OutputError( request.outDir + ": the project cannot be written (" + project.error().toStdString() + ")" );
  }
  if ( std::rename( temporary.toLocal8Bit().constData(), out.absoluteFilePath().toLocal8Bit().constData() ) != 0 )
  {
    QFile::remove( temporary );
    throw OutputError( request.outDir + ": the project cannot be moved into place" );
  }
  return static_cast<int>( ordered.size() );
}

} // namespace htsplan
