#pragma once
// The dashboard's Cities tab: the per-city table of a year (counts, share,
// densities and coverage of the chosen kind, Blue zone, central city, behind
// pace) and the counties of the selected city. Choosing a row is said by a
// signal: the dock zooms the map and selects the carriers.
#include "plugin/dashboard_task.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QTableWidget;

namespace htsplan
{

class DockCitiesPanel : public QWidget
{
    Q_OBJECT

  public:
    explicit DockCitiesPanel( QWidget *parent = nullptr );

    //! A new load: the kinds of the measure choice (the current one kept when it still exists).
    void setData( std::shared_ptr<const DashboardData> loaded );
    //! Shows the cities of a year, and the counties of the selected city.
    void fill( const DashboardView &view );
    //! The selected city (Metrics order), or -1.
    int selectedCity() const;
    void retranslate();

  signals:
    //! The kind the shares, densities and coverage are of changed.
    void measureChanged();
    //! The planner selected a city's row (city >= 0) or none (-1).
    void citySelected( int city );
    //! The planner selected a county's row (Metrics order).
    void countySelected( int county );

  private:
    void fillCities( const DashboardView &view );
    void fillCounties( const DashboardView &view );

    std::shared_ptr<const DashboardData> mData;
    int mYear = 0;
    QLabel *mMeasureLabel = nullptr;
    QComboBox *mMeasure = nullptr;
    QTableWidget *mCities = nullptr;
    QLabel *mCountiesTitle = nullptr;
    QTableWidget *mCounties = nullptr;
    bool mFilling = false; //!< tables being filled: their selection signals are not the planner's
};

} // namespace htsplan
