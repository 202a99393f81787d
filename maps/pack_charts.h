#pragma once
// The meeting pack's charts as SVG files (maps/charts.h draws them), placed on
// the pages as picture items so that they stay vector in the PDF.
#include "maps/charts.h"
#include "maps/pack_data.h"

#include <QString>

#include <map>
#include <string>

namespace htsplan
{

struct PackChartFiles
{
    QString targets;                     //!< count against target, per kind
    QString years;                       //!< cumulative by year against the straight path
    std::map<std::string, QString> cities; //!< city code -> carriers by kind and sector ("city_370200.svg")
};

//! The colour of a kind in every chart (the dock's cards too).
QColor kindColour( Kind kind );

//! Count against target per kind (the overview's chart; the dock's). An empty title: the pack's bilingual one.
QByteArray targetsChartSvg( const std::vector<PackTarget> &targets, const ChartStyle &style, const QString &title = QString() );
//! Cumulative share of each target by year against the straight path from (startYear, 0) to (targetYear, 100%).
QByteArray yearsChartSvg( const std::vector<PackTarget> &targets, int startYear, int targetYear, const ChartStyle &style,
                          const QString &title = QString(), const QString &pathLabel = QString() );
//! Carriers of each kind stacked by sector (sectors' codes, then "unknown"), in the map's sector colours.
QByteArray sectorsChartSvg( const std::vector<Kind> &kinds, const std::vector<PackSector> &sectors, const std::map<std::string, KindInts> &bySector,
                            const ChartStyle &style, const QString &title = QString(), const QString &otherLabel = QString() );

/**
 * Writes the charts into dir (which must exist): targets.svg, years.svg and
 * city_<code>.svg per city. Throws OutputError naming the file when one
 * cannot be written.
 */
PackChartFiles writePackCharts( const PackFigures &figures, const QString &dir );

} // namespace htsplan
