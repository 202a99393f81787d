#pragma once
// The planner's dashboard (issue 12): target cards, a year slider with play,
// the cities and their counties, charts, the analyses and the meeting pack,
// for the files the dock's choices name. Every figure comes from one
// Dashboard (planning/dashboard.h) loaded by a DashboardTask; moving the year
// is arithmetic on it. The dock never writes into the planner's layers: it
// filters what they show (a subset string it restores) and selects features.
// Each tab is a panel of its own (plugin/dock_*_panel.h); the dock keeps the
// frame, the year, the shared state and the map.
#include "planning/allocation.h"
#include "plugin/algorithm_task.h"
#include "plugin/dashboard_task.h"

#include <qgsdockwidget.h>
#include <qgsfeatureid.h>
#include <qgspointxy.h>

#include <QPointer>
#include <QVariantMap>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QTabWidget;
class QTimer;
class QToolButton;
class QgisInterface;
class QgsHighlight;
class QgsMapCanvas;
class QgsVectorLayer;

namespace htsplan
{

class DockAllocationPanel;
class DockAnalysesPanel;
class DockCardsPanel;
class DockChartsPanel;
class DockCitiesPanel;
class DockProblemsPanel;

class DashboardDock : public QgsDockWidget
{
    Q_OBJECT

  public:
    DashboardDock( QgisInterface *iface, QWidget *parent = nullptr );
    ~DashboardDock() override;

    //! The choices the dock shows (the year, the filter switch); the sources as last set.
    DashboardState state() const;
    //! Sets the choices without loading: the plugin loads (DashboardTask) and calls showData.
    void setState( const DashboardState &state );

    //! Shows a finished load; keeps the year when it is in range.
    void showData( std::shared_ptr<const DashboardData> loaded );
    //! A one-line status over the figures ("loading…", an error); busy shows a Cancel button.
    void showStatus( const QString &text, bool busy = false );

    /**
     * The what-if split as the planner set it in the Split targets tab (saved in the
     * project with writeAllocationPlan). Whatever follows the planner's split (the
     * cities' behind-pace flag, the meeting pack) takes this one value.
     */
    AllocationPlan allocationPlan() const;
    //! Shows a saved split's choices (a project read); stateChanged is not emitted.
    void setAllocationPlan( const AllocationPlan &plan );

    int year() const;
    void setYear( int year );
    //! Selects a city (Metrics order) as a click on its row does: zooms and selects its facilities.
    void selectCity( int city );
    //! The facility layers of the map on the dashboard's file (kind order); the dock filters these.
    std::vector<QgsVectorLayer *> facilityLayers() const;
    //! The layers' subset strings as they were before the dock filtered them.
    void restoreLayerFilters();
    //! Re-sets every text (after a language switch).
    void retranslate();
    /**
     * A finished analysis the dock asked for: the register check's table, or a
     * statistic's key numbers under its button (see DockAnalysesPanel::showOutcome).
     * result is the layer the plugin loaded, or null.
     */
    void showAnalysisOutcome( const AlgorithmOutcome &outcome, QgsVectorLayer *result );
    //! Zooms to the feature of the register check's row and selects it in its facility layer (a click on the row).
    void showViolation( int row );

  signals:
    //! The planner asks for a load of the files the state names (reload, new files or options).
    void loadRequested( const htsplan::DashboardState &state );
    //! Cancel the running load.
    void cancelRequested();
    //! Run a Processing algorithm; the plugin adds its results to the "htsplan results" group.
    void analysisRequested( const QString &algorithmId, const QVariantMap &parameters, const QString &title );
    //! Count the carriers per county (htsplan:density with countParameters), then run algorithmId on the counts.
    void countsAnalysisRequested( const QString &algorithmId, const QVariantMap &countParameters, const QVariantMap &parameters, const QString &title );
    void exportRequested();
    //! The year or another choice changed (the plugin saves the state into the project).
    void stateChanged();

  private:
    //! Points the cities' behind-pace flags at the what-if split (each city's share of the whole target).
    void followPlan();
    void build();
    void showYear();
    void applyMapFilter();
    void watchLayers();
    void updateEditNote();
    void zoomTo( const QRectF &extent4490 );
    void selectFacilities( const std::function<bool( int county )> &inside );
    //! A register check's row: the map at the feature, the feature selected.
    void showFeature( const QgsPointXY &at4490, const QString &layerName, QgsFeatureId fid );
    void editSources();
    //! Removes the register check's highlight from the map.
    void clearHighlight();

    QgisInterface *mIface = nullptr;
    DashboardState mState;
    std::shared_ptr<const DashboardData> mData;
    int mYear = 0;

    QLabel *mStatus = nullptr;
    QPushButton *mCancel = nullptr;
    QToolButton *mReload = nullptr;
    QToolButton *mSources = nullptr;
    QComboBox *mLanguage = nullptr;
    DockCardsPanel *mCards = nullptr;
    QSlider *mSlider = nullptr;
    QLabel *mYearLabel = nullptr;
    QToolButton *mPlay = nullptr;
    QTimer *mPlayTimer = nullptr;
    QCheckBox *mFilterMap = nullptr;
    QTimer *mFilterTimer = nullptr;
    QTabWidget *mTabs = nullptr;
    DockCitiesPanel *mCities = nullptr;
    DockChartsPanel *mCharts = nullptr;
    DockAnalysesPanel *mAnalyses = nullptr;
    DockProblemsPanel *mProblems = nullptr;
    DockAllocationPanel *mAllocation = nullptr;
    QPushButton *mExport = nullptr;
    QLabel *mEditNote = nullptr;
    //! Subset strings of the layers before the dock's filter, by layer id.
    QMap<QString, QString> mOriginalFilters;
    QList<QPointer<QgsVectorLayer>> mWatched;
    //! The register check's feature shown although it does not count in the year (kind, fid).
    std::optional<std::pair<Kind, QgsFeatureId>> mLifted;
    //! The chosen feature drawn above the map (owned by the canvas's scene).
    QgsHighlight *mHighlight = nullptr;
    QPointer<QgsMapCanvas> mHighlightCanvas;
};

} // namespace htsplan
