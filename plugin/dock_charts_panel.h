#pragma once
// The dashboard's Charts tab (the meeting pack's chart code): counts against
// targets by kind, carriers by sector, cumulative by year; they follow the
// year and the selected city.
#include "planning/dashboard.h"

#include <QWidget>

class QSvgWidget;

namespace htsplan
{

class DockChartsPanel : public QWidget
{
    Q_OBJECT

  public:
    explicit DockChartsPanel( QWidget *parent = nullptr );

    //! Draws the charts of a year for the province (city < 0) or one city (Metrics order).
    void fill( const Dashboard &dashboard, const DashboardView &view, int city );

  private:
    QSvgWidget *mTargetsChart = nullptr, *mSectorsChart = nullptr, *mYearsChart = nullptr;
};

} // namespace htsplan
