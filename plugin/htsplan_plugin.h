#pragma once
// The QGIS plugin: a menu, a toolbar and two actions. Loading the map is
// createPlanningLayers (layers/), the figures are computeMetrics (analysis/);
// this class only wires them to QGIS's window.
#include "plugin/algorithm_task.h"
#include "plugin/dashboard_task.h"
#include "plugin/report_task.h"
#include "layers/schema.h"

#include <qgisplugin.h>

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QAction;
class QMenu;
class QToolBar;
class QgisInterface;
class QgsLayerTreeGroup;
class QgsMapLayer;

namespace htsplan
{

class ImportDialog;
class DashboardDock;
class PluginLanguage;
class Provider;

class HtsplanPlugin : public QObject, public QgisPlugin
{
    Q_OBJECT

  public:
    explicit HtsplanPlugin( QgisInterface *iface );
    ~HtsplanPlugin() override;

    void initGui() override;
    void unload() override;

  private slots:
    void loadMap();
    void showTargetProgress();
    void showImportDialog();
    void showExportDialog();
    void addTemplatesToLayouts();

  private:
    //! Adds the "htsplan" layer group (replacing an earlier one) and zooms to the province.
    //! Puts the layers (topmost first; the project takes them) in a group at the top of the layer
    //! tree, replacing a group of that name; a fresh project gets the display CRS. Returns whether it was fresh.
    bool showInGroup( const QString &groupName, const QList<QgsMapLayer *> &topmostFirst );
    //! As above, the group filled by fill (which adds the layers to the project); an empty group is removed when fill throws.
    bool showInGroup( const QString &groupName, const std::function<void( QgsLayerTreeGroup & )> &fill );
    //! Runs prepareReport as a background task; then (on the main thread) onPrepared.
    void startReportTask( const ReportRequest &request, const QString &description, const std::function<void( const ReportOutcome & )> &onPrepared );
    //! writeReport on the main thread with a modal progress dialog; the message bar says how it went.
    void writePack( const ReportRequest &request, const PreparedReport &prepared );
    //! The pack's layers and layouts into the current project (the second half of addTemplatesToLayouts).
    void addPackLayoutsToProject( const ReportRequest &request, const PreparedReport &prepared );
    //! Copies the bundled templates into the profile's composer_templates folder, asking first; returns how many were copied.
    int copyTemplatesToProfile();
    void addPlanningMap( const QString &facilitiesPath, Vintage vintage );
    //! The dashboard dock, made on first use and docked on the right.
    DashboardDock *dashboard();
    //! How the targets are split among the cities (the dock's 目标分解 tab), for the meeting pack.
    AllocationPlan allocationPlan() const;
    //! Loads the dashboard for state in the background (a running load is canceled first).
    void startDashboard( const DashboardState &state );
    void showOutcome( const DashboardOutcome &outcome );
    //! Restores the dock from a project saved with it (or the sample project); called when QGIS reads a project.
    void projectRead();
    //! Runs one analysis from the dock; its outputs go, styled, into the "htsplan results" group.
    void runAnalysis( const QString &algorithmId, const QVariantMap &parameters, const QString &title );
    /**
     * Counts the carriers per county first (htsplan:density with countParameters), then runs
     * algorithmId on those counts (INPUT, FIELD COUNT) with parameters: hot spots and Moran's I
     * from the dock. Each step a background task; a failure or cancel of the count ends the chain.
     */
    void runOnCounts( const QString &algorithmId, const QVariantMap &countParameters, const QVariantMap &parameters, const QString &title );
    //! An analysis that could not start: the message bar, and the dock's line for it.
    void analysisNotStarted( const QString &algorithmId, const QString &error );
    void addAnalysisResults( const AlgorithmOutcome &outcome, const QString &title );
    //! Message bar and log (tag "htsplan", critical).
    void reportError( const QString &what, const QString &message );
    //! Opens the Processing dialog of one htsplan algorithm (through QGIS's Python processing module).
    void openAlgorithmDialog( const QString &algorithmId );
    void addAnalysisMenu();
    //! Runs htsplan:importlist with the dialog's parameters as a background task.
    void startImport( const QVariantMap &parameters );
    void importFinished( const AlgorithmOutcome &outcome );
    //! Adds the imported GeoPackage's facility layers, styled, in a group of their own; returns how many.
    int addImportedLayers( const QString &gpkgPath, const QString &sourceName );

    QgisInterface *mIface = nullptr;
    //! The translator, from initGui to unload.
    std::unique_ptr<PluginLanguage> mLanguage;
    std::unique_ptr<QMenu> mMenu;
    QPointer<QToolBar> mToolBar;
    QPointer<QAction> mLoadMapAction;
    QPointer<QAction> mProgressAction;
    QPointer<QAction> mImportAction;
    QPointer<QAction> mExportAction;
    QPointer<QAction> mTemplatesAction;
    QPointer<ReportTask> mReportTask;
    bool mWriting = false; //!< a prepared report is being written or added (its progress dialog processes events)
    QPointer<ImportDialog> mImportDialog;
    QPointer<AlgorithmTask> mImportTask;
    QPointer<DashboardDock> mDock;
    QPointer<DashboardTask> mTask;
    int mDashboardGeneration = 0; //!< the latest dashboard load; older ones' outcomes are dropped
    QList<QPointer<AlgorithmTask>> mAnalysisTasks;
    bool mSavingState = false; //!< the dock's state is being written into the project (not a change of the planner's)
    htsplan::Provider *mProvider = nullptr; //!< owned by QGIS's processing registry while registered
    //! The sources of the map loaded last; the bundled defaults until then.
    DashboardState mSources;
};

} // namespace htsplan
