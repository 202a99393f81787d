#pragma once
// The dock that shows the target progress table: kind, count, target, ratio, gap.
#include <qgsdockwidget.h>

class QLabel;
class QTableWidget;

namespace htsplan
{

struct Metrics;

class ProgressDock : public QgsDockWidget
{
    Q_OBJECT

  public:
    explicit ProgressDock( QWidget *parent = nullptr );

    //! Fills the table from a finished run; sourceNote names the data it ran on.
    void showMetrics( const Metrics &metrics, const QString &sourceNote );
    //! Empties the table and shows a one-line status ("计算中…", an error).
    void showStatus( const QString &text );

  private:
    QTableWidget *mTable = nullptr;
    QLabel *mSummary = nullptr;
};

} // namespace htsplan
