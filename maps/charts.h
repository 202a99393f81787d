#pragma once
// Charts for the meeting pack and the dashboard, drawn with Qwt 6.1 into SVG.
//
// Each function takes plain data and returns the bytes of an SVG document
// sized in millimetres (ChartStyle), with a white background and every text as
// SVG <text> in the given font family, so that a QGIS layout picture item
// keeps the chart vector. (In a PDF exported from that layout the text is not
// searchable: Qt 5.15's SVG renderer, which the picture item draws with, turns
// text into outlines on PDF; tests/maps/test_charts.cpp checks it.)
// Titles are the caller's (bilingual: "载体数与目标 Count against target").
// Input with nothing to draw (no items, all values zero) gives a chart with
// the title and the note "无数据 No data".
//
// The charts are drawn by a QwtPlot widget that is never shown: they need a
// QApplication (QgsApplication is one; the CLI starts it with
// QT_QPA_PLATFORM=offscreen) and the thread it runs on; otherwise they throw
// std::logic_error. The SVG's user unit is a pixel at the screen's logical
// resolution (100 dpi under QT_QPA_PLATFORM=offscreen, often 96 on a desktop),
// as Qwt lays the plot out in screen pixels: sizes in mm and fonts in points
// stay exact, but the bytes differ between screens of different resolutions.
// On one machine the same input gives the same bytes.
#include <QByteArray>
#include <QColor>
#include <QString>

#include <map>
#include <vector>

namespace htsplan
{

//! Size and text of a chart.
struct ChartStyle
{
  //! Family of every text; empty: exportFontFamily().
  QString fontFamily;
  //! Size of the drawing, in mm.
  double widthMm = 90;
  double heightMm = 55;
  //! Size of the axis, label and legend text, in points; the title is 1.5 pt larger.
  double fontPt = 7;
};

//! One bar of countAgainstTargetSvg().
struct BarItem
{
  QString label;
  double value = 0;
  //! 0: no target.
  double target = 0;
  //! Invalid: a colour of the default palette.
  QColor colour;
};

//! Horizontal bars, one per item from top to bottom: the value as a solid
//! bar, the target as a light bar outlined in the item's colour behind it, and
//! the text "value / target" ("19 / 20"; "19" without a target) after the longer.
QByteArray countAgainstTargetSvg( const QString &title, const std::vector<BarItem> &items, const ChartStyle &style );

//! One line of cumulativeByYearSvg(): a value per year.
struct YearSeries
{
  QString label;
  QColor colour;
  std::map<int, double> values;
};

//! The straight path a target implies: from (startYear, startValue) to (targetYear, target).
struct StraightPath
{
  QString label;
  QColor colour;
  int startYear = 0;
  double startValue = 0;
  int targetYear = 0;
  double target = 0;
};

//! Cumulative values by year, one solid line with points per series, and each
//! straight path as a dashed line; the legend below the plot lists both (an
//! empty label: no entry). Years are the x axis, whole years at the ticks.
QByteArray cumulativeByYearSvg( const QString &title, const std::vector<YearSeries> &series, const std::vector<StraightPath> &straightPaths,
                                const ChartStyle &style );

//! One bar of stackedBarSvg(): the values of its segments, in the order of the segments.
struct StackedBar
{
  QString label;
  std::vector<double> values;
};

//! One kind of segment of stackedBarSvg(), as the legend shows it.
struct StackSegment
{
  QString label;
  QColor colour;
};

enum class BarDirection
{
  Horizontal, //!< bars from left to right, the first at the top
  Vertical,   //!< bars from bottom to top, the first at the left
};

//! Stacked bars (one per bar, e.g. per carrier kind, stacked by segment, e.g.
//! the sectors) with each bar's total after it and a legend of the segments on
//! the right. Missing and negative values count as 0, values beyond the
//! segments are ignored.
QByteArray stackedBarSvg( const QString &title, const std::vector<StackedBar> &bars, const std::vector<StackSegment> &segments,
                          const ChartStyle &style, BarDirection direction = BarDirection::Horizontal );

} // namespace htsplan
