#pragma once
// The dashboard's what-if split (目标分解, issue 14): the weights and their
// blend, the rounding, the basis, floors and caps and each kind's target; the
// remaining targets of the dock's year are split among the cities again on
// every change (allocateTargets on the dashboard's counts of that year, in
// microseconds) and shown with how each city's share moved since the last
// change. "Add to map" asks the plugin for htsplan:allocate with the same
// choices (a background task, into "htsplan results").
#include "planning/allocation.h"
#include "plugin/algorithm_task.h"
#include "plugin/dashboard_task.h"

#include <QVariantMap>
#include <QWidget>

#include <array>
#include <map>
#include <memory>
#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QToolButton;

namespace htsplan
{

class DockAllocationPanel : public QWidget
{
    Q_OBJECT

  public:
    explicit DockAllocationPanel( QWidget *parent = nullptr );

    //! A new load: the targets' spin boxes start at the file's targets unless the plan changed them; the split again.
    void setData( std::shared_ptr<const DashboardData> loaded );
    //! The evaluation year (the dock's slider): the split again, with that year's counts.
    void setYear( int year );
    //! The choices shown: options, the targets that differ from the file's, the weights table.
    AllocationPlan plan() const;
    //! The options of the split shown (the weights table's values read in), none while the choices cannot split.
    std::optional<AllocationOptions> splitOptions() const;
    //! Shows the choices of a plan (a project read) and splits again; planChanged is not emitted.
    void setPlan( const AllocationPlan &plan );
    //! The end of an "Add to map" run.
    void showOutcome( const AlgorithmOutcome &outcome );
    void retranslate();

  signals:
    //! The planner changed a choice (the dock saves it in the project).
    void planChanged();
    void analysisRequested( const QString &algorithmId, const QVariantMap &parameters, const QString &title );

  private:
    //! Splits again; edit: the planner's change (the previous split is what the change column compares with).
    void recompute( bool edit );
    //! A choice the planner changed: saved (planChanged), then the split again.
    void edited();
    void showSplit();
    void showNotes();
    void addToMap();
    void chooseTable();
    //! The weights table's values when the plan uses it (read once per file and column); throws InputError.
    std::map<std::string, double> tableWeights( std::string &name );

    std::shared_ptr<const DashboardData> mData;
    int mYear = 0;
    bool mSetting = false; //!< controls being set from a plan: not the planner's edits
    std::map<Kind, int> mFileTargets;
    std::map<Kind, int> mPlanTargets; //!< the targets the planner changed (AllocationPlan::targets)
    std::optional<Allocation> mNow, mBefore;
    QString mError;
    //! The last table read: its file, column and values.
    struct ReadTable
    {
        QString path, column, name;
        std::map<std::string, double> byCode;
    };
    std::optional<ReadTable> mTable;

    QLabel *mIntro = nullptr;
    std::array<QDoubleSpinBox *, WeightBasisCount> mFactors{};
    std::array<QLabel *, WeightBasisCount> mFactorLabels{};
    QLineEdit *mTablePath = nullptr, *mTableColumn = nullptr;
    QToolButton *mBrowse = nullptr;
    QLabel *mMethodLabel = nullptr, *mBasisLabel = nullptr, *mFloorLabel = nullptr, *mCapLabel = nullptr, *mTargetsLabel = nullptr, *mKindLabel = nullptr;
    QComboBox *mMethod = nullptr, *mBasis = nullptr, *mKind = nullptr;
    QSpinBox *mFloor = nullptr, *mCap = nullptr;
    std::map<Kind, QSpinBox *> mTargets;
    std::map<Kind, QLabel *> mTargetLabels;
    QPushButton *mReset = nullptr;
    QTableWidget *mSplit = nullptr;
    QLabel *mNotes = nullptr, *mErrorLabel = nullptr, *mMapStatus = nullptr;
    QPushButton *mAddToMap = nullptr;
};

} // namespace htsplan
