#pragma once
// What the dashboard dock's panels share: the kinds' short and long names,
// the pace colours, table cells that sort by number, and the guard every
// slot's work runs in (nothing may escape into QGIS's event loop).
#include "planning/dashboard.h"

#include <QColor>
#include <QString>
#include <QTableWidgetItem>

#include <functional>
#include <optional>
#include <utility>
#include <vector>

class QDoubleSpinBox;
class QWidget;
class QgsVectorLayer;

namespace htsplan
{

//! A table row's unit (city or county index, Metrics order) in its first cell.
constexpr int CITY_ROLE = Qt::UserRole + 1;

//! A table cell that sorts by the number it holds, not by its text.
class NumberItem : public QTableWidgetItem
{
  public:
    NumberItem( double value, const QString &text );
    bool operator<( const QTableWidgetItem &other ) const override;
};

//! A cell of text, with an optional tooltip.
QTableWidgetItem *textItem( const QString &text, const QString &tip = QString() );

//! "Bases", "Parks", ... (a table column's title).
QString kindShort( Kind kind );
//! "High-tech service bases", ... (a card's title).
QString kindLong( Kind kind );
QString paceText( PaceState state );
//! Green, amber, red.
QColor paceColour( PaceState state );
//! A fraction as "12.3%".
QString percentText( double fraction );
//! The kinds the targets count, in their order.
std::vector<Kind> targetKinds( const Metrics &m );
//! The unit's coverage share of kind, when the targets measure it.
std::optional<double> coverageOf( const DashboardUnit &unit, Kind kind );
//! A spin box with its range, decimals and unit.
QDoubleSpinBox *spin( QWidget *parent, double value, double min, double max, int decimals, const QString &suffix );
//! The path and layer name of an OGR layer's source.
std::pair<QString, QString> ogrSource( const QgsVectorLayer &layer );

/**
 * Runs a slot's work: nothing may escape into QGIS's event loop (a C++
 * exception there ends the planner's session); a failure goes to the log.
 */
void guarded( const char *what, const std::function<void()> &work );

} // namespace htsplan
