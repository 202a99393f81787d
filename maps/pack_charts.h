#pragma once
// The meeting pack's charts as SVG files (maps/charts.h draws them), placed on
// the pages as picture items so that they stay vector in the PDF.
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

/**
 * Writes the charts into dir (which must exist): targets.svg, years.svg and
 * city_<code>.svg per city. Throws OutputError naming the file when one
 * cannot be written.
 */
PackChartFiles writePackCharts( const PackFigures &figures, const QString &dir );

} // namespace htsplan
