#pragma once
// Strict parsers for one cell of a planner's register (Excel or CSV text):
// each returns the value, or no value and a short English reason that the
// importer puts in its problem list ("row 7, field 'year': '2014.5' is not a
// whole year"). None of them throws.
#include "layers/schema.h"

#include <optional>
#include <string>
#include <string_view>

namespace htsplan
{

//! A cell's value, or the reason it has none (problem is empty when value is set).
template<typename T>
struct Parsed
{
    std::optional<T> value;
    std::string problem;
};

//! A year: "2014", "2014年", "2014年度", "２０１４年", "2014.0" (Excel's number
//! as text), or the year of a date: "2014-06", "2014-06-30", "2014/6/30",
//! "2014.6.30", "2014年6月30日", "2014-06-30 00:00:00". "2014.5" and "2014.06"
//! are numbers that are not whole years: write a month as 2014-06. A year
//! outside minYear..maxYear is a problem.
Parsed<int> parseYearCell( std::string_view text, int minYear = 1949, int maxYear = 2100 );
//! A year in the People's Republic's planning era (1949..2100 by default).
bool plausibleYear( int year, int minYear = 1949, int maxYear = 2100 );

//! An amount of money in yuan: "1234", "1,234.5", "１２３４", "¥1234",
//! "1234元", "3000万" or "3000万元" (×1e4), "1.2亿" or "1.2亿元" (×1e8), "5千元"
//! (×1e3), "5百万" (×1e6), "2千万" (×1e7), "1.2E+08". A plain number is
//! multiplied by unitFactor (the unit of the column, from
//! amountUnitFromHeader); a unit written in the cell wins over it. Negative,
//! not finite or not a number: a problem.
Parsed<double> parseAmountCell( std::string_view text, double unitFactor = 1 );
//! The factor to yuan that a column header names: "营业收入（万元）", "收入(万元)",
//! "revenue (10k CNY)" give 1e4, "（亿元）" or "(100M CNY)" 1e8, "(千元)" 1e3,
//! "(百万元)" or "(million CNY)" 1e6, "(千万元)" 1e7, "(元)" or no unit 1.
double amountUnitFromHeader( std::string_view header );

//! A status: what parseStatus reads (designated/candidate/planned, 已认定/候选/规划),
//! width-folded, plus 认定 (designated), 拟认定 (proposed for designation:
//! a candidate) and 拟建 (to be built: planned).
Parsed<Status> parseStatusCell( std::string_view text );

//! A whole number min..max written as digits with an optional minus sign
//! (full-width digits allowed): "20" is read; "20.7", "20.0", "+5", "1e3",
//! "1,000" and "" are not, nor anything outside min..max.
Parsed<long long> parseStrictInteger( std::string_view text, long long min, long long max );
//! A finite decimal min..max: "-0.25", "12", "3.5" (full-width digits allowed);
//! no exponent, no "+", no thousands separators, no "nan" or "inf".
Parsed<double> parseStrictNumber( std::string_view text, double min, double max );

//! A cell's text for a message: quoted, and cut at 40 bytes on a character boundary ("'…'").
std::string quotedCell( std::string_view text );
//! A number for a message: up to ten significant digits, no trailing zeros.
std::string cellNumber( double value );

} // namespace htsplan
