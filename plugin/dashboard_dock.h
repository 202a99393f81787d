#pragma once
// The planner's dashboard (issue 12): target cards, a year slider with play,
// the cities and their counties, charts, the analyses and the meeting pack,
// for the files the dock's choices name. Every figure comes from one
// Dashboard (planning/dashboard.h) loaded by a DashboardTask; moving the year
// is arithmetic on it. The dock never writes into the planner's layers: it
// filters what they show (a subset string it restores) and selects features.
#include "plugin/algorithm_task.h"
#include "plugin/dashboard_task.h"

#include <qgsdockwidget.h>

#include <QPointer>
#include <QVariantMap>

#include <array>
#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QSvgWidget;
class QTabWidget;
class QTableWidget;
class QTimer;
class QToolButton;
class QgisInterface;
class QgsVectorLayer;

namespace htsplan
{

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
     * Shows the key numbers of a finished statistic under its button (hot and
     * cold spot counties; Moran's I with z and p; cities behind the growth
     * line; ...), or its error or cancel. result is the layer the plugin
     * loaded (read here, on the main thread), or null. Other analyses are ignored.
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
    void build();
    void showYear();
    void fillCards( const DashboardView &view );
    void fillCities( const DashboardView &view );
    void fillCounties( const DashboardView &view );
    void fillCharts( const DashboardView &view );
    void applyMapFilter();
    void watchLayers();
    void updateEditNote();
    void zoomTo( const QRectF &extent4490 );
    void selectFacilities( const std::function<bool( int county )> &inside );
    void runAnalysis( const QString &algorithmId );
    //! "Running…" under a statistic's button.
    void showStatisticRunning( const QString &algorithmId );
    void editSources();
    int selectedCity() const;

    QgisInterface *mIface = nullptr;
    DashboardState mState;
    std::shared_ptr<const DashboardData> mData;
    int mYear = 0;

    QLabel *mStatus = nullptr;
    QPushButton *mCancel = nullptr;
    QToolButton *mReload = nullptr;
    QToolButton *mSources = nullptr;
    QComboBox *mLanguage = nullptr;
    struct Card
    {
        QWidget *frame = nullptr;
        QLabel *title = nullptr, *figure = nullptr, *detail = nullptr;
        QProgressBar *bar = nullptr;
    };
    std::array<Card, 4> mCards;
    QSlider *mSlider = nullptr;
    QLabel *mYearLabel = nullptr;
    QToolButton *mPlay = nullptr;
    QTimer *mPlayTimer = nullptr;
    QCheckBox *mFilterMap = nullptr;
    QTimer *mFilterTimer = nullptr;
    QTabWidget *mTabs = nullptr;
    QComboBox *mMeasure = nullptr;
    QTableWidget *mCities = nullptr;
    QLabel *mCountiesTitle = nullptr;
    QTableWidget *mCounties = nullptr;
    QSvgWidget *mTargetsChart = nullptr, *mSectorsChart = nullptr, *mYearsChart = nullptr;
    QComboBox *mCarriers = nullptr;
    QDoubleSpinBox *mKdeRadius = nullptr, *mKdePixel = nullptr, *mHexCell = nullptr, *mCoverRadius = nullptr, *mEps = nullptr;
    QSpinBox *mMinSize = nullptr;
    QLabel *mStatisticsTitle = nullptr;
    //! Under each statistic's button: its last numbers, by algorithm id.
    QMap<QString, QLabel *> mStatisticResults;
    //! What the numbers were read from, to say them again in another language.
    struct ShownStatistic
    {
        QVariantMap results;
        QPointer<QgsVectorLayer> layer;
    };
    QMap<QString, ShownStatistic> mShownStatistics;
    //! Writes a statistic's numbers under its button.
    void showStatistic( const QString &algorithmId, const QVariantMap &results, QgsVectorLayer *layer );
    QListWidget *mProblems = nullptr;
    //! The register check (htsplan:validate): its button, its last counts, one row per violation.
    QPushButton *mCheckRegister = nullptr;
    QLabel *mCheckStatus = nullptr;
    QTableWidget *mViolations = nullptr;
    QPointer<QgsVectorLayer> mViolationsLayer;
    void checkRegister();
    //! Fills the table from the violations layer the plugin loaded (main thread).
    void fillViolations( QgsVectorLayer *layer );
    QPushButton *mExport = nullptr;
    QLabel *mEditNote = nullptr;
    //! Subset strings of the layers before the dock's filter, by layer id.
    QMap<QString, QString> mOriginalFilters;
    QList<QPointer<QgsVectorLayer>> mWatched;
    bool mFilling = false; //!< tables being filled: their selection signals are not the planner's
};

} // namespace htsplan
