#pragma once
// The dashboard's Analyses tab: density map, KDE, coverage, clusters and the
// spatial statistics, each with its main parameters, asked of the plugin as a
// Processing algorithm (run in the background, results in "htsplan results");
// a statistic's key numbers are shown under its button.
#include "maps/dashboard_state.h"
#include "plugin/algorithm_task.h"

#include <QMap>
#include <QPointer>
#include <QVariantMap>
#include <QWidget>

#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSpinBox;
class QgsVectorLayer;

namespace htsplan
{

class DockAnalysesPanel : public QWidget
{
    Q_OBJECT

  public:
    explicit DockAnalysesPanel( QWidget *parent = nullptr );

    //! The carrier layers to choose from (the facility layers of the dashboard's file); the last one chosen.
    void setCarriers( const std::vector<QgsVectorLayer *> &layers );
    //! The files and the year an analysis is run on.
    void setContext( const DashboardState &state, int year );
    /**
     * Shows the key numbers of a finished statistic under its button (hot and
     * cold spot counties; Moran's I with z and p; cities behind the growth
     * line; ...), or its error or cancel. result is the layer the plugin
     * loaded (read here, on the main thread), or null. Other analyses are ignored.
     */
    void showOutcome( const AlgorithmOutcome &outcome, QgsVectorLayer *result );
    void retranslate();

  signals:
    void analysisRequested( const QString &algorithmId, const QVariantMap &parameters, const QString &title );
    void countsAnalysisRequested( const QString &algorithmId, const QVariantMap &countParameters, const QVariantMap &parameters, const QString &title );
    //! A problem to say in the dock's status line.
    void statusMessage( const QString &text );

  private:
    void runAnalysis( const QString &algorithmId );
    //! "Running…" under a statistic's button.
    void showStatisticRunning( const QString &algorithmId );
    //! Writes a statistic's numbers under its button.
    void showStatistic( const QString &algorithmId, const QVariantMap &results, QgsVectorLayer *layer );

    DashboardState mState;
    int mYear = 0;
    QFormLayout *mForm = nullptr;
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
};

} // namespace htsplan
