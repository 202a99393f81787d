#pragma once
// One longitude or latitude cell of a register, as planners write them:
// "117.12", "E117.12", "东经117.12", "117°07′12″", "117度07分12秒".
#include <optional>
#include <string>
#include <string_view>

namespace htsplan
{

enum class Axis
{
  Lon,
  Lat
};

//! Degrees, or the reason there are none (problem is empty when degrees is set).
struct ParsedCoordinate
{
    std::optional<double> degrees;
    std::string problem;
};

//! Reads decimal degrees ("117.12", "-3.5", full-width digits) or degrees,
//! minutes and seconds ("117°07′12″", "117°7'12\"", "117度07分12秒", "117度7.2分",
//! "117:07:12", "117° 7′"), with an optional hemisphere before or after:
//! E/N or 东经/北纬 ("E117.12", "117.12E", "东经117.12", "北纬36.5"). A
//! hemisphere of the other axis (N on a longitude) is a problem, and so are
//! W, S, 西经 and 南纬 (registers of China have none; a sign would hide a typo)
//! and a sign beside a hemisphere. Minutes and seconds are below 60, only the
//! last part has a fraction; the result lies in -180..180 (Lon) or -90..90 (Lat).
ParsedCoordinate parseCoordinateCell( std::string_view text, Axis axis );

} // namespace htsplan
