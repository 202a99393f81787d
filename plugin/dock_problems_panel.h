#pragma once
// The dashboard's Problems tab: the problems the read found (one line per
// layer, field and kind), and the register check (htsplan:validate, run by
// the plugin in the background) with a table of its violations; choosing a
// row is said by a signal: the dock shows the feature on the map.
#include "maps/dashboard_state.h"
#include "plugin/algorithm_task.h"

#include <qgsfeatureid.h>
#include <qgspointxy.h>

#include <QPointer>
#include <QVariantMap>
#include <QWidget>

#include <string>
#include <vector>

class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;
class QgsVectorLayer;

namespace htsplan
{

class DockProblemsPanel : public QWidget
{
    Q_OBJECT

  public:
    explicit DockProblemsPanel( QWidget *parent = nullptr );

    //! The read's problem lines.
    void setProblems( const std::vector<std::string> &lines );
    //! The files the register check reads.
    void setSources( const DashboardState &state );
    //! The end of a register check (htsplan:validate): its table from the violations layer the plugin loaded, or its error.
    void showOutcome( const AlgorithmOutcome &outcome, QgsVectorLayer *result );
    //! Shows the violation of a table row (as a click on it does).
    void chooseRow( int row );
    //! Under the table: the chosen row in full, and a note on how the map shows its feature.
    void showNote( const QString &note );
    void retranslate();

  signals:
    //! Run the register check; the plugin adds the violations to the "htsplan results" group.
    void analysisRequested( const QString &algorithmId, const QVariantMap &parameters, const QString &title );
    /**
     * The planner chose a violation: at is its point (EPSG:4490), layer the
     * register's layer of the feature ("parks"), fid its feature id in that layer.
     */
    void violationChosen( const QgsPointXY &at, const QString &layer, QgsFeatureId fid );

  private:
    void checkRegister();
    //! Fills the table from the violations layer the plugin loaded (main thread).
    void fillViolations( QgsVectorLayer *layer );

    DashboardState mState;
    QListWidget *mProblems = nullptr;
    QPushButton *mCheckRegister = nullptr;
    QLabel *mCheckStatus = nullptr;
    QTableWidget *mViolations = nullptr;
    QLabel *mDetail = nullptr;
    QPointer<QgsVectorLayer> mViolationsLayer;
    bool mFilling = false; //!< the table being filled: its selection signals are not the planner's
};

} // namespace htsplan
