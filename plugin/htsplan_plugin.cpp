#include "plugin/htsplan_plugin.h"

#include "plugin/error_text.h"
#include "plugin/export_dialog.h"
#include "plugin/import_dialog.h"
#include "plugin/language.h"
#include "plugin/layer_names.h"
#include "plugin/load_map_dialog.h"
#include "plugin/menu_texts.h"
#include "layers/paths.h"
#include "maps/layout_template.h"
#include "maps/map_crs.h"
#include "maps/planning_layers.h"
#include "plugin_metadata.h"
#include "layers/problems.h"
#include "plugin/allocation_state.h"
#include "plugin/dashboard_dock.h"
#include "maps/dashboard_state.h"
#include "maps/result_styles.h"
#include "processing/algorithm.h"
#include "processing/output_style.h"
#include "processing/provider.h"

#include <qgisinterface.h>
#include <qgsapplication.h>
#include <qgscoordinatetransform.h>
#include <qgslayertree.h>
#include <qgslayertreemodel.h>
#include <qgslayertreemodellegendnode.h>
#include <qgslayertreeview.h>
#include <qgsmaplayerlegend.h>
#include <qgslayertreemapcanvasbridge.h>
#include <qgsmapcanvas.h>
#include <qgsmessagebar.h>
#include <qgsmessagebaritem.h>
#include <qgsexception.h>
#include <qgsfeedback.h>
#include <qgsmessagelog.h>
#include <qgsproject.h>
#include <qgspythonrunner.h>
#include <qgsprocessingregistry.h>
#include <qgsprocessingutils.h>
#include <qgsrasterlayer.h>
#include <qgsvectorlayer.h>
#include <qgscategorizedsymbolrenderer.h>
#include <qgsmarkersymbol.h>

#include <QAction>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QUrl>
#include <QFileInfo>
#include <QIcon>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QTimer>
#include <QToolBar>

namespace htsplan
{

namespace
{

//! The register check's points: red for errors, orange for warnings (the dock's table uses the same colours).
void styleViolations( QgsVectorLayer &layer )
{
  QgsCategoryList categories;
  const auto category = [&]( const QString &value, const QColor &colour, const QString &label ) {
    QgsMarkerSymbol *symbol = QgsMarkerSymbol::createSimple( { { QStringLiteral( "name" ), QStringLiteral( "circle" ) },
                                                              { QStringLiteral( "color" ), colour.name() },
                                                              { QStringLiteral( "outline_color" ), QStringLiteral( "white" ) },
                                                              { QStringLiteral( "size" ), QStringLiteral( "6" ) } } ); // large enough to show around a city's label, and around the chosen feature drawn highlighted on it
    categories << QgsRendererCategory( value, symbol, label );
  };
  category( QStringLiteral( "error" ), QColor( 0xc6, 0x28, 0x28 ), QCoreApplication::translate( "htsplan::HtsplanPlugin", "Error" ) );
  category( QStringLiteral( "warning" ), QColor( 0xef, 0x6c, 0x00 ), QCoreApplication::translate( "htsplan::HtsplanPlugin", "Warning" ) );
  layer.setRenderer( new QgsCategorizedSymbolRenderer( QStringLiteral( "severity" ), categories ) );
}
const QString kGroupName = QStringLiteral( "htsplan" );
const QString kLogTag = QStringLiteral( "htsplan" );

bool nonInteractive() { return qEnvironmentVariable( "HTSPLAN_NONINTERACTIVE" ) == QLatin1String( "1" ); }

} // namespace

HtsplanPlugin::HtsplanPlugin( QgisInterface *iface )
  : QgisPlugin( QStringLiteral( HTSPLAN_PLUGIN_NAME ), QString::fromUtf8( HTSPLAN_PLUGIN_DESCRIPTION ),
                QStringLiteral( HTSPLAN_PLUGIN_CATEGORY ), QStringLiteral( HTSPLAN_PLUGIN_VERSION ), QgisPlugin::UI )
  , mIface( iface )
{
  mSources.adminPath = QString::fromStdString( defaultAdminPath() );
  mSources.facilitiesPath = QString::fromStdString( defaultFacilitiesPath() );
  mSources.targetsPath = QString::fromStdString( defaultTargetsPath() );
  mSources.vintage = Vintage::Y2015;
}

HtsplanPlugin::~HtsplanPlugin() = default;

void HtsplanPlugin::initGui()
{
  // First: every text below is looked up in the plugin's language.
  mLanguage = std::make_unique<PluginLanguage>();
  auto window = qobject_cast<QMainWindow *>( mIface->mainWindow() );
  const QIcon icon( QStringLiteral( HTSPLAN_PLUGIN_ICON ) );

  mLoadMapAction = new QAction( icon, QString(), this );
  mLoadMapAction->setObjectName( QStringLiteral( "htsplanLoadMap" ) );
  connect( mLoadMapAction, &QAction::triggered, this, &HtsplanPlugin::loadMap );

  mProgressAction = new QAction( QgsApplication::getThemeIcon( QStringLiteral( "/mActionCalculateField.svg" ) ),
                                 QString(), this );
  mProgressAction->setObjectName( QStringLiteral( "htsplanTargetProgress" ) );
  connect( mProgressAction, &QAction::triggered, this, &HtsplanPlugin::showTargetProgress );

  mImportAction = new QAction( QgsApplication::getThemeIcon( QStringLiteral( "/mActionAddDelimitedTextLayer.svg" ) ),
                               QString(), this );
  mImportAction->setObjectName( QStringLiteral( "htsplanImportRegister" ) );
  connect( mImportAction, &QAction::triggered, this, &HtsplanPlugin::showImportDialog );

  mExportAction = new QAction( QgsApplication::getThemeIcon( QStringLiteral( "/mActionSaveAsPDF.svg" ) ), QString(), this );
  mExportAction->setObjectName( QStringLiteral( "htsplanExportPack" ) );
  connect( mExportAction, &QAction::triggered, this, &HtsplanPlugin::showExportDialog );

  mTemplatesAction = new QAction( QgsApplication::getThemeIcon( QStringLiteral( "/mActionNewLayout.svg" ) ), QString(), this );
  mTemplatesAction->setObjectName( QStringLiteral( "htsplanAddLayouts" ) );
  connect( mTemplatesAction, &QAction::triggered, this, &HtsplanPlugin::addTemplatesToLayouts );

  mMenu = std::make_unique<QMenu>();
  mMenu->setObjectName( QStringLiteral( "htsplanMenu" ) );
  mMenu->addAction( mLoadMapAction );
  mMenu->addAction( mProgressAction );
  mMenu->addAction( mImportAction );
  mMenu->addAction( mExportAction );
  mMenu->addAction( mTemplatesAction );

  mToolBar = mIface->addToolBar( QStringLiteral( "htsplan" ) );
  mToolBar->setObjectName( QStringLiteral( "htsplanToolBar" ) );
  mToolBar->addAction( mLoadMapAction );
  mToolBar->addAction( mProgressAction );
  mToolBar->addAction( mImportAction );
  mToolBar->addAction( mExportAction );

  // The toolbox front door: the same algorithms as `htsplan run`.
  if ( !QgsApplication::processingRegistry()->providerById( QStringLiteral( "htsplan" ) ) )
  {
    mProvider = new htsplan::Provider();
    QgsApplication::processingRegistry()->addProvider( mProvider );
  }
  // After the provider: the menu lists its algorithms.
  addAnalysisMenu();
  setMenuTexts( *mMenu, mToolBar );
  // A language switch (from the dock): the menu's texts and the map's layer names again.
  connect( mLanguage.get(), &PluginLanguage::languageChanged, this, [this] {
    if ( mMenu )
      setMenuTexts( *mMenu, mToolBar );
    if ( QgsLayerTreeGroup *group = QgsProject::instance()->layerTreeRoot()->findGroup( kGroupName ) )
      retranslateGroup( *group );
    // The results group keeps the name it was made with; its statistics legends follow the language.
    for ( QgsLayerTreeGroup *group : QgsProject::instance()->layerTreeRoot()->findGroups() )
      if ( group->customProperty( QStringLiteral( "htsplan/results" ) ).toBool() )
        retranslateStatisticLegends( *group );
  } );
  if ( window )
    window->menuBar()->insertMenu( mIface->helpMenu()->menuAction(), mMenu.get() );

  // A project saved with the dashboard (the sample project too) opens it again,
  // however it was read (File > Open, --project, a script): after the read has finished.
  connect( QgsProject::instance(), &QgsProject::readProject, this, [this] { QTimer::singleShot( 0, this, &HtsplanPlugin::projectRead ); } );
  // Loaded (or reloaded) while such a project is open: after QGIS has finished loading plugins.
  QTimer::singleShot( 0, this, &HtsplanPlugin::projectRead );
}

void HtsplanPlugin::addAnalysisMenu()
{
  // The toolbox's dialogs, one click from the htsplan menu: the same
  // algorithm objects, run by QGIS as background tasks with progress and cancel.
  QMenu *analysis = mMenu->addMenu( QgsApplication::getThemeIcon( QStringLiteral( "/processingAlgorithm.svg" ) ),
                                    tr( "Spatial analysis" ) );
  analysis->setObjectName( QStringLiteral( "htsplanAnalysisMenu" ) );
  const auto *provider = dynamic_cast<const htsplan::Provider *>( QgsApplication::processingRegistry()->providerById( QStringLiteral( "htsplan" ) ) );
  if ( !provider )
    return;
  for ( const htsplan::Algorithm *algorithm : provider->orderedAlgorithms() )
  {
    const QString id = algorithm->id();
    if ( id == QLatin1String( "htsplan:importlist" ) )
      continue; // its own dialog, with a preview: the menu's "Import a register"
    QAction *action = analysis->addAction( translated( "htsplan::Algorithm", algorithm->menuLabel() ) );
    action->setObjectName( QStringLiteral( "htsplanAlgorithm_" ) + algorithm->name() );
    connect( action, &QAction::triggered, this, [this, id] { openAlgorithmDialog( id ); } );
  }
}

void HtsplanPlugin::openAlgorithmDialog( const QString &algorithmId )
{
  // QGIS 3.22 builds algorithm dialogs in Python only (processing.execAlgorithmDialog).
  if ( !QgsPythonRunner::isValid() || !QgsPythonRunner::run( QStringLiteral( "import processing\nprocessing.execAlgorithmDialog('%1')" ).arg( algorithmId ) ) )
    reportError( QStringLiteral( "htsplan" ), tr( "The Processing dialog needs QGIS's Python support; run %1 from the Processing toolbox or with `htsplan run`." ).arg( algorithmId ) );
}

void HtsplanPlugin::unload()
{
  if ( mTask )
    mTask->cancel(); // its callback checks that the plugin still exists
  for ( const QPointer<AlgorithmTask> &task : mAnalysisTasks )
    if ( task )
      task->cancel(); // likewise
  if ( mImportTask )
    mImportTask->cancel(); // its callback checks that the plugin still exists
  if ( mReportTask )
    mReportTask->cancel(); // its callback checks that the plugin still exists
  delete mImportDialog;
  if ( mDock )
  {
    mDock->restoreLayerFilters();
    mIface->removeDockWidget( mDock );
    delete mDock;
  }
  if ( auto window = qobject_cast<QMainWindow *>( mIface->mainWindow() ); window && mMenu )
    window->menuBar()->removeAction( mMenu->menuAction() );
  mMenu.reset();
  if ( mProvider )
    QgsApplication::processingRegistry()->removeProvider( mProvider );
  mProvider = nullptr;
  delete mToolBar;
  delete mLoadMapAction;
  delete mProgressAction;
  delete mImportAction;
  delete mExportAction;
  delete mTemplatesAction;
  mLanguage.reset(); // last: removes the translator
}

void HtsplanPlugin::loadMap()
{
  try
  {
    Vintage vintage = Vintage::Y2015;
    QString facilitiesPath = QString::fromStdString( defaultFacilitiesPath() );
    if ( !nonInteractive() )
    {
      LoadMapDialog dialog( mIface->mainWindow() );
      if ( dialog.exec() != QDialog::Accepted )
        return;
      vintage = dialog.vintage();
      facilitiesPath = dialog.facilitiesPath();
    }
    addPlanningMap( facilitiesPath, vintage );
  }
  catch ( const InputError &e )
  {
    reportError( tr( "Cannot load the map" ), QString::fromStdString( e.what() ) );
  }
  catch ( const std::exception &e )
  {
    reportError( tr( "Cannot load the map" ), QString::fromStdString( e.what() ) );
  }
  catch ( ... )
  {
    reportError( tr( "Cannot load the map" ), tr( "unknown error" ) );
  }
}

bool HtsplanPlugin::showInGroup( const QString &groupName, const QList<QgsMapLayer *> &topmostFirst )
{
  return showInGroup( groupName, [&topmostFirst]( QgsLayerTreeGroup &group ) {
    for ( QgsMapLayer *layer : topmostFirst )
    {
      QgsProject::instance()->addMapLayer( layer, false );
      group.addLayer( layer );
    }
  } );
}

bool HtsplanPlugin::showInGroup( const QString &groupName, const std::function<void( QgsLayerTreeGroup & )> &fill )
{
  QgsProject *project = QgsProject::instance();
  const bool freshProject = project->mapLayers().isEmpty();
  QgsLayerTree *root = project->layerTreeRoot();
  if ( QgsLayerTreeGroup *old = root->findGroup( groupName ) )
  {
    const QStringList ids = old->findLayerIds();
    root->removeChildNode( old );
    project->removeMapLayers( ids );
  }

  // On a fresh project the canvas bridge would, later, set the project CRS to the
  // first layer's (geographic) and zoom to the full extent: update the canvas
  // now without that, then choose the CRS (and the caller the extent).
  QgsLayerTreeMapCanvasBridge *bridge = mIface->layerTreeCanvasBridge();
  const bool autoSetup = bridge && bridge->autoSetupOnFirstLayer();
  if ( bridge )
    bridge->setAutoSetupOnFirstLayer( false );
  QgsLayerTreeGroup *group = root->insertGroup( 0, groupName );
  try
  {
    fill( *group );
  }
  catch ( ... )
  {
    const QStringList ids = group->findLayerIds();
    root->removeChildNode( group );
    project->removeMapLayers( ids );
    if ( bridge )
      bridge->setAutoSetupOnFirstLayer( autoSetup );
    throw;
  }
  if ( bridge )
  {
    bridge->setCanvasLayers();
    bridge->setAutoSetupOnFirstLayer( autoSetup );
  }
  if ( freshProject )
    project->setCrs( displayCrs() );
  return freshProject;
}

void HtsplanPlugin::addPlanningMap( const QString &facilitiesPath, Vintage vintage )
{
  const QString adminPath = QString::fromStdString( defaultAdminPath() );
  PlanningLayers layers = createPlanningLayers( adminPath, facilitiesPath, vintage );
  translatePlanningLayers( layers );

  const QList<QgsMapLayer *> ordered = layers.mapLayers(); // topmost first, as the tree wants
  // The project takes ownership: release every unique_ptr before handing over.
  layers.province.release();
  layers.cities.release();
  layers.counties.release();
  for ( auto &layer : layers.facilities )
    layer.release();
  QgsProject *project = QgsProject::instance();
  showInGroup( kGroupName, ordered );

  mSources.adminPath = adminPath;
  mSources.facilitiesPath = facilitiesPath;
  mSources.vintage = vintage;
  // An open dashboard follows the map just loaded.
  if ( mDock && mDock->isVisible() )
  {
    DashboardState state = mDock->state();
    state.adminPath = adminPath;
    state.facilitiesPath = facilitiesPath;
    state.vintage = vintage;
    startDashboard( state );
  }

  QgsMapCanvas *canvas = mIface->mapCanvas();
  QgsMapLayer *province = ordered.constLast();
  const QgsCoordinateTransform toCanvas( province->crs(), canvas->mapSettings().destinationCrs(), project );
  try
  {
    QgsRectangle extent = toCanvas.transformBoundingBox( province->extent() );
    extent.scale( 1.05 );
    canvas->setExtent( extent );
  }
  catch ( const QgsCsException &e )
  {
    // The layers are loaded; only the zoom is lost.
    QgsMessageLog::logMessage( QStringLiteral( "province extent cannot be shown in the canvas CRS: %1" ).arg( e.what() ), QStringLiteral( "htsplan" ), Qgis::MessageLevel::Warning );
  }
  canvas->refresh();
  mIface->messageBar()->pushSuccess( QStringLiteral( "htsplan" ), tr( "Planning map loaded (%1 layers)" ).arg( ordered.size() ) );
}

AllocationPlan HtsplanPlugin::allocationPlan() const
{
  // The dock's what-if as it stands, else as the project saved it: the pack splits the targets the same way.
  return mDock ? mDock->allocationPlan() : readAllocationPlan( *QgsProject::instance() );
}

DashboardDock *HtsplanPlugin::dashboard()
{
  if ( !mDock )
  {
    mDock = new DashboardDock( mIface, mIface->mainWindow() );
    mIface->addDockWidget( Qt::RightDockWidgetArea, mDock );
    // Wide enough for two cards side by side and the table's first columns (also at 1366x768).
    if ( auto window = qobject_cast<QMainWindow *>( mIface->mainWindow() ) )
      window->resizeDocks( { mDock }, { 430 }, Qt::Horizontal );
    mDock->setState( mSources );
    connect( mDock, &DashboardDock::loadRequested, this, &HtsplanPlugin::startDashboard );
    connect( mDock, &DashboardDock::cancelRequested, this, [this] {
      if ( mTask )
        mTask->cancel();
    } );
    connect( mDock, &DashboardDock::exportRequested, this, &HtsplanPlugin::showExportDialog );
    connect( mDock, &DashboardDock::analysisRequested, this, &HtsplanPlugin::runAnalysis );
    connect( mDock, &DashboardDock::countsAnalysisRequested, this, &HtsplanPlugin::runOnCounts );
    connect( mDock, &DashboardDock::stateChanged, this, [this] {
      if ( !mDock )
        return;
      mSources = mDock->state();
      // Saved with the project: reopening it restores the dock.
      mSavingState = true;
      writeDashboardState( *QgsProject::instance(), mSources );
      writeAllocationPlan( *QgsProject::instance(), mDock->allocationPlan() );
      mSavingState = false;
    } );
  }
  return mDock;
}

void HtsplanPlugin::showTargetProgress()
{
  // A slot: nothing may escape.
  try
  {
    DashboardDock *dock = dashboard();
    dock->show();
    dock->raise();
    startDashboard( dock->state() );
  }
  catch ( const std::exception &e )
  {
    reportError( tr( "Dashboard failed" ), QString::fromStdString( e.what() ) );
  }
  catch ( ... )
  {
    reportError( tr( "Dashboard failed" ), QStringLiteral( "unknown error" ) );
  }
}

void HtsplanPlugin::startDashboard( const DashboardState &state )
{
  try
  {
    if ( mTask )
      mTask->cancel(); // its callback sees canceled and leaves the dock to the new load
    mSources = state;
    DashboardDock *dock = dashboard();
    dock->showStatus( tr( "Reading %1…" ).arg( QFileInfo( state.facilitiesPath ).fileName() ), true );
    QPointer<HtsplanPlugin> guard( this );
    const int generation = ++mDashboardGeneration;
    auto task = new DashboardTask( state, [guard, generation]( const DashboardOutcome &outcome ) {
      // A load replaced by a newer one says nothing: the newer one will.
      if ( guard && generation == guard->mDashboardGeneration )
        guard->showOutcome( outcome );
    } );
    mTask = task;
    QgsApplication::taskManager()->addTask( task );
  }
  catch ( const std::exception &e )
  {
    reportError( tr( "Dashboard failed" ), QString::fromStdString( e.what() ) );
  }
  catch ( ... )
  {
    reportError( tr( "Dashboard failed" ), tr( "unknown error" ) );
  }
}

void HtsplanPlugin::showImportDialog()
{
  try
  {
    if ( !mImportDialog )
    {
      // Not modal: the planner can look at the map while the import runs.
      mImportDialog = new ImportDialog( mIface->mainWindow() );
      connect( mImportDialog, &ImportDialog::importRequested, this, &HtsplanPlugin::startImport );
      connect( mImportDialog, &ImportDialog::cancelRequested, this, [this] {
        if ( mImportTask )
          mImportTask->cancel();
      } );
    }
    mImportDialog->show();
    mImportDialog->raise();
    mImportDialog->activateWindow();
  }
  catch ( const std::exception &e )
  {
    reportError( tr( "Import failed" ), QString::fromStdString( e.what() ) );
  }
  catch ( ... )
  {
    reportError( tr( "Import failed" ), tr( "unknown error" ) );
  }
}

void HtsplanPlugin::startImport( const QVariantMap &parameters )
{
  // A slot: nothing may escape.
  try
  {
    if ( mImportTask )
    {
      mIface->messageBar()->pushInfo( QStringLiteral( "htsplan" ), tr( "An import is already running" ) );
      return;
    }
    QPointer<HtsplanPlugin> guard( this );
    auto task = new AlgorithmTask( QStringLiteral( "htsplan:importlist" ), parameters,
                                   tr( "htsplan import %1" ).arg( QFileInfo( parameters.value( QStringLiteral( "INPUT" ) ).toString() ).fileName() ),
                                   [guard]( const AlgorithmOutcome &outcome ) {
                                     if ( guard )
                                       guard->importFinished( outcome );
                                   } );
    mImportTask = task;
    if ( mImportDialog )
    {
      QPointer<ImportDialog> dialog = mImportDialog;
      connect( task, &QgsTask::progressChanged, mImportDialog, [dialog]( double progress ) {
        if ( dialog )
          dialog->setProgress( progress );
      } );
      mImportDialog->setRunning( true );
    }
    QgsApplication::taskManager()->addTask( task );
  }
  catch ( const std::exception &e )
  {
    if ( mImportDialog )
      mImportDialog->showError( QString::fromStdString( e.what() ) );
    reportError( tr( "Import failed" ), QString::fromStdString( e.what() ) );
  }
  catch ( ... )
  {
    reportError( tr( "Import failed" ), tr( "unknown error" ) );
  }
}

void HtsplanPlugin::importFinished( const AlgorithmOutcome &outcome )
{
  if ( mImportDialog )
    mImportDialog->setRunning( false );
  if ( outcome.canceled )
  {
    if ( mImportDialog )
      mImportDialog->showError( tr( "Canceled" ) );
    return;
  }
  if ( !outcome.error.isEmpty() )
  {
    // Nothing written, no row report: the warnings carry the reasons (rows rejected and why).
    if ( mImportDialog )
      mImportDialog->showError( ( QStringList( outcome.error ) + outcome.warnings.mid( 0, 6 ) ).join( QStringLiteral( "\n⚠ " ) ) );
    reportError( tr( "Import failed" ), outcome.error );
    return;
  }
  const QString output = outcome.results.value( QStringLiteral( "OUTPUT" ) ).toString();
  const QString rows = outcome.results.value( QStringLiteral( "ROWS" ) ).toString();
  const qlonglong imported = outcome.results.value( QStringLiteral( "IMPORTED" ) ).toLongLong();
  const qlonglong rejected = outcome.results.value( QStringLiteral( "REJECTED" ) ).toLongLong();
  const QString source = QFileInfo( outcome.parameters.value( QStringLiteral( "INPUT" ) ).toString() ).completeBaseName();
  int layers = 0;
  try
  {
    layers = addImportedLayers( output, source );
  }
  catch ( const std::exception &e )
  {
    reportError( tr( "Imported layers cannot be shown" ), QString::fromStdString( e.what() ) );
  }

  for ( const QString &warning : outcome.warnings )
    QgsMessageLog::logMessage( QStringLiteral( "%1: %2" ).arg( source, warning ), kLogTag, Qgis::MessageLevel::Warning );
  for ( const QString &info : outcome.infos )
    QgsMessageLog::logMessage( QStringLiteral( "%1: %2" ).arg( source, info ), kLogTag, Qgis::MessageLevel::Info );
  QString text = tr( "Imported %1 rows, rejected %2, %3 layers; row issues in %4" )
                   .arg( imported )
                   .arg( rejected )
                   .arg( layers )
                   .arg( rows );
  constexpr int kShownWarnings = 4;
  for ( int i = 0; i < outcome.warnings.size() && i < kShownWarnings; ++i )
    text += QStringLiteral( "\n⚠ " ) + outcome.warnings.at( i );
  if ( outcome.warnings.size() > kShownWarnings )
    text += tr( "\n… %1 warnings in all: see the log (htsplan)" ).arg( outcome.warnings.size() );
  auto item = new QgsMessageBarItem( tr( "Import %1" ).arg( source ), text,
                                     outcome.warnings.isEmpty() && rejected == 0 ? Qgis::MessageLevel::Success : Qgis::MessageLevel::Warning, 0 );
  item->setObjectName( QStringLiteral( "htsplanImportSummary" ) );
  mIface->messageBar()->pushItem( item );
  if ( mImportDialog && layers > 0 )
    mImportDialog->close();
}

int HtsplanPlugin::addImportedLayers( const QString &gpkgPath, const QString &sourceName )
{
  std::vector<std::unique_ptr<QgsVectorLayer>> layers = createFacilityLayers( gpkgPath, QStringLiteral( "· %1" ).arg( sourceName ) );
  for ( auto &layer : layers )
    translateMapLayer( *layer, sourceName );

  // Topmost first in the tree: enterprises over zones, as on the planning map.
  QList<QgsMapLayer *> ordered;
  QgsRectangle extent;
  for ( auto it = layers.rbegin(); it != layers.rend(); ++it )
  {
    extent.combineExtentWith( ( *it )->extent() );
    ordered << it->release();
  }
  // A second import of one file replaces the first.
  QgsProject *project = QgsProject::instance();
  const bool freshProject = showInGroup( tr( "Imported: %1" ).arg( sourceName ), ordered );
  if ( freshProject )
  {
    QgsMapCanvas *canvas = mIface->mapCanvas();
    try
    {
      const QgsCoordinateTransform toCanvas( QgsCoordinateReferenceSystem( QStringLiteral( "EPSG:4490" ) ), canvas->mapSettings().destinationCrs(), project );
      QgsRectangle shown = toCanvas.transformBoundingBox( extent );
      shown.scale( 1.1 );
      if ( !shown.isEmpty() )
        canvas->setExtent( shown );
    }
    catch ( const QgsCsException & )
    {
      // The layers are loaded; only the zoom is lost.
    }
  }
  mIface->mapCanvas()->refresh();
  return static_cast<int>( layers.size() );
}

void HtsplanPlugin::showOutcome( const DashboardOutcome &outcome )
{
  if ( !mDock )
    return;
  if ( outcome.data )
    mDock->showData( outcome.data );
  else if ( outcome.canceled )
    mDock->showStatus( tr( "Canceled: the dashboard still shows the last load." ) );
  else
  {
    mDock->showStatus( tr( "Failed: %1" ).arg( outcome.error ) );
    reportError( tr( "Dashboard failed" ), outcome.error );
  }
}

void HtsplanPlugin::projectRead()
{
  QgsProject *project = QgsProject::instance();
  if ( mSavingState || !hasDashboardState( *project ) )
    return;
  DashboardState defaults;
  defaults.adminPath = QString::fromStdString( defaultAdminPath() );
  defaults.facilitiesPath = QString::fromStdString( defaultFacilitiesPath() );
  defaults.targetsPath = QString::fromStdString( defaultTargetsPath() );
  const DashboardState state = readDashboardState( *project, defaults );
  DashboardDock *dock = dashboard();
  dock->setState( state );
  dock->setAllocationPlan( readAllocationPlan( *project ) );
  dock->show();
  dock->raise();
  startDashboard( state );
}

void HtsplanPlugin::runAnalysis( const QString &algorithmId, const QVariantMap &parameters, const QString &title )
{
  try
  {
    QVariantMap p = parameters;
    // Outputs in QGIS's temporary folder, never into the planner's files.
    const QString stem = QgsProcessingUtils::generateTempFilename( algorithmId.section( QLatin1Char( ':' ), 1 ) );
    if ( algorithmId == QLatin1String( "htsplan:kde" ) )
      p.insert( QStringLiteral( "OUTPUT" ), stem + QStringLiteral( ".tif" ) );
    else
      p.insert( QStringLiteral( "OUTPUT" ), stem + QStringLiteral( ".gpkg" ) );
    if ( algorithmId == QLatin1String( "htsplan:coverage" ) )
      p.insert( QStringLiteral( "UNCOVERED" ), stem + QStringLiteral( "_uncovered.gpkg" ) );
    if ( algorithmId == QLatin1String( "htsplan:dbscan" ) )
      p.insert( QStringLiteral( "SUMMARY" ), stem + QStringLiteral( "_outlines.gpkg" ) );
    QPointer<HtsplanPlugin> guard( this );
    auto task = new AlgorithmTask( algorithmId, p, QStringLiteral( "htsplan: %1" ).arg( title ), [guard, title]( const AlgorithmOutcome &outcome ) {
      if ( guard )
        guard->addAnalysisResults( outcome, title );
    } );
    mAnalysisTasks << task;
    QgsApplication::taskManager()->addTask( task );
    mIface->messageBar()->pushInfo( QStringLiteral( "htsplan" ), tr( "%1: running in the background (see the task bar)" ).arg( title ) );
  }
  catch ( const std::exception &e )
  {
    analysisNotStarted( algorithmId, QString::fromStdString( e.what() ) );
  }
}

void HtsplanPlugin::analysisNotStarted( const QString &algorithmId, const QString &error )
{
  reportError( tr( "Analysis failed" ), error );
  if ( mDock )
  {
    AlgorithmOutcome failed;
    failed.algorithmId = algorithmId;
    failed.error = error;
    mDock->showAnalysisOutcome( failed, nullptr );
  }
}

void HtsplanPlugin::runOnCounts( const QString &algorithmId, const QVariantMap &countParameters, const QVariantMap &parameters, const QString &title )
{
  try
  {
    QVariantMap counts = countParameters;
    counts.insert( QStringLiteral( "OUTPUT" ), QgsProcessingUtils::generateTempFilename( QStringLiteral( "counts.gpkg" ) ) );
    QPointer<HtsplanPlugin> guard( this );
    auto task = new AlgorithmTask( QStringLiteral( "htsplan:density" ), counts, QStringLiteral( "htsplan: %1" ).arg( tr( "%1: counting per county" ).arg( title ) ),
                                   [guard, algorithmId, parameters, title]( const AlgorithmOutcome &outcome ) {
                                     if ( !guard )
                                       return;
                                     if ( outcome.canceled || !outcome.error.isEmpty() )
                                     {
                                       AlgorithmOutcome ended = outcome;
                                       ended.algorithmId = algorithmId; // the dock and the message name the analysis asked for
                                       guard->addAnalysisResults( ended, title );
                                       return;
                                     }
                                     QVariantMap p = parameters;
                                     p.insert( QStringLiteral( "INPUT" ), outcome.results.value( QStringLiteral( "OUTPUT" ) ) );
                                     p.insert( QStringLiteral( "FIELD" ), QStringLiteral( "COUNT" ) );
                                     // Out of the task manager's callback: the next task is added from the event loop.
                                     QTimer::singleShot( 0, guard, [guard, algorithmId, p, title] {
                                       if ( guard )
                                         guard->runAnalysis( algorithmId, p, title );
                                     } );
                                   } );
    mAnalysisTasks << task;
    QgsApplication::taskManager()->addTask( task );
    mIface->messageBar()->pushInfo( QStringLiteral( "htsplan" ), tr( "%1: running in the background (see the task bar)" ).arg( title ) );
  }
  catch ( const std::exception &e )
  {
    analysisNotStarted( algorithmId, QString::fromStdString( e.what() ) );
  }
}

void HtsplanPlugin::addAnalysisResults( const AlgorithmOutcome &outcome, const QString &title )
{
  if ( outcome.canceled || !outcome.error.isEmpty() )
  {
    if ( mDock )
      mDock->showAnalysisOutcome( outcome, nullptr );
    if ( !outcome.canceled )
      reportError( tr( "Analysis failed" ), QStringLiteral( "%1: %2" ).arg( title, outcome.error ) );
    return;
  }
  const QString id = outcome.algorithmId;
  QList<QgsMapLayer *> layers; // topmost first
  auto vector = [&]( const QString &key, const QString &name ) -> QgsVectorLayer * {
    const QString path = outcome.results.value( key ).toString();
    if ( path.isEmpty() )
      return nullptr;
    auto *layer = new QgsVectorLayer( path, name, QStringLiteral( "ogr" ) );
    if ( !layer->isValid() )
    {
      delete layer;
      reportError( tr( "Analysis failed" ), tr( "%1: the result %2 cannot be opened" ).arg( title, path ) );
      return nullptr;
    }
    layers << layer;
    return layer;
  };
  if ( id == QLatin1String( "htsplan:kde" ) )
  {
    auto *raster = new QgsRasterLayer( outcome.results.value( QStringLiteral( "OUTPUT" ) ).toString(), title, QStringLiteral( "gdal" ) );
    if ( raster->isValid() )
    {
      styleDensityRaster( *raster );
      layers << raster;
    }
    else
      delete raster;
  }
  else if ( id == QLatin1String( "htsplan:hexdensity" ) || id == QLatin1String( "htsplan:density" ) )
  {
    if ( QgsVectorLayer *layer = vector( QStringLiteral( "OUTPUT" ), title ) )
      styleCountClasses( *layer, QStringLiteral( "COUNT" ) );
  }
  else if ( id == QLatin1String( "htsplan:coverage" ) )
  {
    if ( QgsVectorLayer *layer = vector( QStringLiteral( "UNCOVERED" ), title ) )
      styleUncovered( *layer );
    vector( QStringLiteral( "OUTPUT" ), tr( "%1: share per county" ).arg( title ) );
  }
  else if ( id == QLatin1String( "htsplan:dbscan" ) )
  {
    if ( QgsVectorLayer *layer = vector( QStringLiteral( "SUMMARY" ), title ) )
      styleClusterOutlines( *layer, QStringLiteral( "SIZE" ) );
    vector( QStringLiteral( "OUTPUT" ), tr( "%1: carriers with their cluster" ).arg( title ) );
  }
  else if ( id == QLatin1String( "htsplan:hotspots" ) || id == QLatin1String( "htsplan:moran" ) || id == QLatin1String( "htsplan:specialization" ) )
  {
    // The shipped style, as the toolbox applies it (processing/output_style.h).
    const QString style = id == QLatin1String( "htsplan:hotspots" ) ? QStringLiteral( "hotspots" )
                          : id == QLatin1String( "htsplan:moran" )  ? QStringLiteral( "lisa" )
                                                                    : QStringLiteral( "specialization" );
    if ( QgsVectorLayer *layer = vector( QStringLiteral( "OUTPUT" ), title ) )
    {
      const QString error = applyBundledStyle( *layer, style );
      if ( !error.isEmpty() )
        QgsMessageLog::logMessage( error, QStringLiteral( "htsplan" ), Qgis::MessageLevel::Warning );
      translateStatisticLegend( *layer );
    }
  }
  else if ( id == QLatin1String( "htsplan:validate" ) )
  {
    if ( QgsVectorLayer *layer = vector( QStringLiteral( "OUTPUT" ), title ) )
      styleViolations( *layer );
  }
  else if ( id == QLatin1String( "htsplan:allocate" ) )
  {
    // One layer per kind (the output has a feature per city and kind), coloured by the new carriers.
    for ( const Kind kind : { Kind::Park, Kind::Base, Kind::Building, Kind::Enterprise } )
    {
      const QString key = QString::fromLatin1( kindKey( kind ) );
      if ( !outcome.results.contains( QStringLiteral( "REMAINING_%1" ).arg( key.toUpper() ) ) )
        continue;
      if ( QgsVectorLayer *layer = vector( QStringLiteral( "OUTPUT" ), tr( "%1: new %2" ).arg( title, kindTitle( kind ) ) ) )
      {
        layer->setSubsetString( QStringLiteral( "\"KIND\" = '%1'" ).arg( key ) );
        styleCountClasses( *layer, QStringLiteral( "ALLOCATED" ) );
      }
    }
  }
  else if ( id == QLatin1String( "htsplan:growth" ) )
  {
    if ( QgsVectorLayer *layer = vector( QStringLiteral( "OUTPUT" ), title ) )
    {
      styleGrowthStatus( *layer );
      translateStatisticLegend( *layer );
    }
  }
  if ( mDock )
    mDock->showAnalysisOutcome( outcome, layers.isEmpty() ? nullptr : qobject_cast<QgsVectorLayer *>( layers.first() ) );
  if ( layers.isEmpty() )
    return;
  QgsProject *project = QgsProject::instance();
  QgsLayerTreeGroup *root = project->layerTreeRoot();
  const QString groupName = tr( "htsplan results" );
  QgsLayerTreeGroup *group = root->findGroup( groupName );
  if ( !group )
  {
    group = root->insertGroup( 0, groupName );
    group->setCustomProperty( QStringLiteral( "htsplan/results" ), true ); // found again whatever the language of its name
  }
  for ( int i = layers.size() - 1; i >= 0; --i )
  {
    project->addMapLayer( layers[i], false );
    QgsLayerTreeLayer *node = group->insertLayer( 0, layers[i] );
    // The main result shows; the per-feature tables are there, unchecked.
    if ( i > 0 )
      node->setItemVisibilityChecked( false );
    // A density raster's legend: not the band's name ("Band 1 (Gray)"), which says nothing to a planner.
    if ( layers[i]->type() == QgsMapLayerType::RasterLayer && mIface->layerTreeView() )
      if ( QgsLayerTreeModel *model = mIface->layerTreeView()->layerTreeModel() )
      {
        const QList<QgsLayerTreeModelLegendNode *> legend = model->layerOriginalLegendNodes( node );
        for ( int n = 0; n < legend.size(); ++n )
          if ( legend[n]->data( Qt::DisplayRole ).toString().startsWith( QLatin1String( "Band" ) ) )
            QgsMapLayerLegendUtils::setLegendNodeUserLabel( node, n, tr( "Relative density" ) );
        model->refreshLayerLegend( node );
      }
  }
  mIface->messageBar()->pushSuccess( QStringLiteral( "htsplan" ), tr( "%1: added to \"%2\"" ).arg( title, groupName ) );
}

namespace
{
// Functions, not constants: the text is looked up in the language of the moment.
QString exportFailedText() { return QCoreApplication::translate( "htsplan::HtsplanPlugin", "Meeting pack failed" ); }
QString layoutsFailedText() { return QCoreApplication::translate( "htsplan::HtsplanPlugin", "Adding the layouts failed" ); }
QString packGroupName() { return QCoreApplication::translate( "htsplan::HtsplanPlugin", "htsplan meeting pack" ); }

} // namespace

void HtsplanPlugin::showExportDialog()
{
  // A slot: nothing may escape.
  try
  {
    if ( mReportTask || mWriting )
    {
      mIface->messageBar()->pushInfo( QStringLiteral( "htsplan" ), tr( "The meeting pack is already being made" ) );
      return;
    }
    // Window-modal but not blocking (open(), not exec()): the plugin goes on when it is accepted.
    auto dialog = new ExportDialog( mSources.facilitiesPath, mSources.vintage, mIface->mainWindow() );
    dialog->setAttribute( Qt::WA_DeleteOnClose );
    QPointer<HtsplanPlugin> guard( this );
    connect( dialog, &QDialog::accepted, this, [guard, dialog] {
      if ( !guard )
        return;
      try
      {
        ReportRequest request = dialog->request();
        request.inputs.adminPath = guard->mSources.adminPath.toStdString();
        request.inputs.targetsPath = guard->mSources.targetsPath.toStdString();
        request.options.split = guard->allocationPlan();
        guard->startReportTask( request, tr( "htsplan meeting pack" ), [guard]( const ReportOutcome &outcome ) {
          if ( guard )
            guard->writePack( outcome.request, *outcome.prepared );
        } );
      }
      catch ( ... )
      {
        guard->reportError( exportFailedText(), errorText( std::current_exception() ) );
      }
    } );
    dialog->open();
  }
  catch ( ... )
  {
    reportError( exportFailedText(), errorText( std::current_exception() ) );
  }
}

void HtsplanPlugin::startReportTask( const ReportRequest &request, const QString &description, const std::function<void( const ReportOutcome & )> &onPrepared )
{
  QPointer<HtsplanPlugin> guard( this );
  auto task = new ReportTask( request, description, [guard, onPrepared, description]( const ReportOutcome &outcome ) {
    if ( !guard )
      return;
    if ( outcome.canceled )
    {
      guard->mIface->messageBar()->pushInfo( description, tr( "Canceled" ) );
      return;
    }
    if ( !outcome.error.isEmpty() || !outcome.prepared )
    {
      guard->reportError( description, outcome.error );
      return;
    }
    // Out of the task manager's callback: the writing runs a progress dialog's event loop.
    guard->mWriting = true;
    QTimer::singleShot( 0, guard, [guard, onPrepared, outcome, description] {
      try
      {
        onPrepared( outcome );
      }
      catch ( ... )
      {
        guard->reportError( description, errorText( std::current_exception() ) );
      }
      guard->mWriting = false;
    } );
  } );
  mReportTask = task;
  QgsApplication::taskManager()->addTask( task );
}

void HtsplanPlugin::writePack( const ReportRequest &request, const PreparedReport &prepared )
{
  // The layouts render on the main thread (QGIS's own layout exports are NoThreading):
  // a modal progress dialog keeps the window alive and offers Cancel.
  QProgressDialog progress( tr( "Writing the meeting pack…" ), tr( "Cancel" ), 0, 100, mIface->mainWindow() );
  progress.setObjectName( QStringLiteral( "htsplanExportProgress" ) );
  progress.setWindowTitle( tr( "Export meeting pack" ) );
  progress.setWindowModality( Qt::WindowModal );
  progress.setMinimumDuration( 0 );
  progress.setValue( 0 );
  QgsFeedback feedback;
  connect( &feedback, &QgsFeedback::progressChanged, &progress, [&progress, &feedback]( double p ) {
    progress.setValue( static_cast<int>( p ) );
    if ( progress.wasCanceled() ) // canceled by cancel() or Escape as well as by the button
      feedback.cancel();
  } );
  connect( &progress, &QProgressDialog::canceled, &feedback, &QgsFeedback::cancel );
  ReportResult result;
  std::exception_ptr error;
  try
  {
    result = writeReport( request, prepared, &feedback );
  }
  catch ( ... )
  {
    error = std::current_exception();
  }
  progress.reset();
  if ( error )
  {
    if ( isCanceledError( error ) )
      mIface->messageBar()->pushInfo( tr( "Export meeting pack" ), tr( "Canceled: the folder is as it was" ) );
    else
      reportError( exportFailedText(), errorText( error ) );
    return;
  }

  const QString dir = QDir( QString::fromStdString( request.outDir ) ).absolutePath();
  auto open = new QPushButton( tr( "Open folder" ) );
  open->setObjectName( QStringLiteral( "htsplanExportOpenFolder" ) );
  connect( open, &QPushButton::clicked, open, [dir] { QDesktopServices::openUrl( QUrl::fromLocalFile( dir ) ); } );
  auto item = new QgsMessageBarItem( tr( "Meeting pack written: %1 pages" ).arg( result.pages ), dir, open, Qgis::MessageLevel::Success, 0 );
  item->setObjectName( QStringLiteral( "htsplanExportSummary" ) );
  mIface->messageBar()->pushItem( item );
  QgsMessageLog::logMessage( QStringLiteral( "meeting pack written: %1 pages in %2" ).arg( result.pages ).arg( dir ), kLogTag, Qgis::MessageLevel::Info );
  QStringList notes;
  for ( const std::string &note : result.notes )
    notes << QString::fromStdString( note );
  for ( const std::string &warning : result.warnings )
    QgsMessageLog::logMessage( QString::fromStdString( warning ), kLogTag, Qgis::MessageLevel::Warning );
  if ( !notes.isEmpty() )
  {
    mIface->messageBar()->pushInfo( tr( "Meeting pack" ), notes.join( QLatin1Char( '\n' ) ) );
    QgsMessageLog::logMessage( notes.join( QLatin1Char( '\n' ) ), kLogTag, Qgis::MessageLevel::Info );
  }
}

int HtsplanPlugin::copyTemplatesToProfile()
{
  const QString target = QgsApplication::qgisSettingsDirPath() + QStringLiteral( "composer_templates" );
  const QStringList names = templateFiles::all();
  if ( !nonInteractive() &&
       QMessageBox::question( mIface->mainWindow(), tr( "Add templates" ),
                              tr( "Copy htsplan's %1 layout templates into %2? The Layout Manager lists them, and the meeting pack uses these (editable) copies by default." )
                                .arg( names.size() )
                                .arg( target ),
                              QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes ) != QMessageBox::Yes )
    return 0;
  if ( !QDir().mkpath( target ) )
    throw OutputError( "cannot create the folder " + target.toStdString() );
  int copied = 0;
  for ( const QString &name : names )
  {
    const QString from = bundledTemplatesDir() + QLatin1Char( '/' ) + name;
    const QString to = target + QLatin1Char( '/' ) + name;
    if ( QFileInfo::exists( to ) )
    {
      // A planner's edited copy: replaced only when they say so (never without asking).
      if ( nonInteractive() ||
           QMessageBox::question( mIface->mainWindow(), tr( "Add templates" ),
                                  tr( "%1 exists (perhaps your edited copy). Replace it with the bundled one?" ).arg( to ),
                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No ) != QMessageBox::Yes )
        continue;
      if ( !QFile::remove( to ) )
        throw OutputError( "cannot replace " + to.toStdString() );
    }
    if ( !QFile::copy( from, to ) )
      throw OutputError( "cannot copy " + from.toStdString() + " to " + to.toStdString() );
    QFile( to ).setPermissions( QFile( to ).permissions() | QFileDevice::WriteOwner );
    ++copied;
  }
  return copied;
}

void HtsplanPlugin::addTemplatesToLayouts()
{
  // A slot: nothing may escape.
  try
  {
    if ( mReportTask || mWriting )
    {
      mIface->messageBar()->pushInfo( QStringLiteral( "htsplan" ), tr( "The meeting pack is already being made" ) );
      return;
    }
    const int copied = copyTemplatesToProfile();
    if ( copied > 0 )
      mIface->messageBar()->pushSuccess( QStringLiteral( "htsplan" ), tr( "Copied %1 templates to %2" )
                                                                         .arg( copied )
                                                                         .arg( QgsApplication::qgisSettingsDirPath() + QStringLiteral( "composer_templates" ) ) );
    ReportRequest request;
    request.inputs.adminPath = mSources.adminPath.toStdString();
    request.inputs.facilitiesPath = mSources.facilitiesPath.toStdString();
    request.inputs.targetsPath = mSources.targetsPath.toStdString();
    request.inputs.vintage = mSources.vintage;
    request.options.split = allocationPlan();
    // The files the project reads stay in the profile (prepareReport only checks this folder can be written).
    request.outDir = ( QgsApplication::qgisSettingsDirPath() + QStringLiteral( "htsplan/pack" ) ).toStdString();
    request.withMap = false;
    PackRequest pack;
    const QString profile = ExportDialog::profileTemplatesDir();
    pack.templatesDir = profile.toStdString();
    request.pack = pack;
    QPointer<HtsplanPlugin> guard( this );
    startReportTask( request, tr( "htsplan meeting pack layouts" ), [guard]( const ReportOutcome &outcome ) {
      if ( guard )
        guard->addPackLayoutsToProject( outcome.request, *outcome.prepared );
    } );
  }
  catch ( ... )
  {
    reportError( layoutsFailedText(), errorText( std::current_exception() ) );
  }
}

void HtsplanPlugin::addPackLayoutsToProject( const ReportRequest &request, const PreparedReport &prepared )
{
  try
  {
    ProjectPackResult result;
    QgsProject *project = QgsProject::instance();
    showInGroup( packGroupName(), [&]( QgsLayerTreeGroup &group ) {
      result = addPackLayouts( request, prepared, *project, group, request.outDir );
      // The pack's layers are for the layouts (their themes): collapsed, the planning map stays in view.
      group.setExpanded( false );
    } );
    QStringList names;
    for ( const std::string &name : result.layouts )
      names << QString::fromStdString( name );
    auto item = new QgsMessageBarItem( tr( "Added %1 layouts" ).arg( names.size() ),
                                       tr( "%1 (city atlas: %2 pages). Project › Layout Manager" )
                                         .arg( names.join( tr( ", " ) ) )
                                         .arg( result.atlasPages ),
                                       Qgis::MessageLevel::Success, 0 );
    item->setObjectName( QStringLiteral( "htsplanLayoutsSummary" ) );
    mIface->messageBar()->pushItem( item );
    for ( const std::string &note : result.notes )
      QgsMessageLog::logMessage( QString::fromStdString( note ), kLogTag, Qgis::MessageLevel::Info );
  }
  catch ( ... )
  {
    reportError( layoutsFailedText(), errorText( std::current_exception() ) );
  }
}

void HtsplanPlugin::reportError( const QString &what, const QString &message )
{
  QgsMessageLog::logMessage( what + QStringLiteral( ": " ) + message, kLogTag, Qgis::MessageLevel::Critical );
  if ( mIface && mIface->messageBar() )
    mIface->messageBar()->pushCritical( what, message );
}

} // namespace htsplan
