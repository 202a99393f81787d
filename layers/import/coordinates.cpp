#include "layers/import/coordinates.h"

#include "layers/cells.h"
#include "layers/text.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

namespace htsplan
{

namespace
{
enum class Hemisphere
{
  None,
  E,
  N,
  W,
  S
};

struct Marker
{
    std::string_view text;
    Hemisphere hemisphere;
};
// Chinese words first: "东经" must not be read as an "E" of something else.
constexpr Marker kMarkers[] = {
  { "东经", Hemisphere::E },
  { "北纬", Hemisphere::N },
  { "西经", Hemisphere::W },
  { "南纬", Hemisphere::S },
  { "E", Hemisphere::E },
  { "e", Hemisphere::E },
  { "N", Hemisphere::N },
  { "n", Hemisphere::N },
  { "W", Hemisphere::W },
  { "w", Hemisphere::W },
  { "S", Hemisphere::S },
  { "s", Hemisphere::S },
};

// The symbols of a part, longest first where one is the start of another ('' before ').
constexpr std::string_view kDegreeSymbols[] = { "°", "度", "º", "˚" };
constexpr std::string_view kSecondSymbols[] = { "″", "''", "\"", "”", "“", "秒" };
constexpr std::string_view kMinuteSymbols[] = { "′", "'", "’", "‘", "分" };

bool isDigit( char c ) { return c >= '0' && c <= '9'; }

void skipSpaces( std::string_view &s )
{
  while ( !s.empty() && s.front() == ' ' )
    s.remove_prefix( 1 );
}

std::string_view trimmed( std::string_view s )
{
  skipSpaces( s );
  while ( !s.empty() && s.back() == ' ' )
    s.remove_suffix( 1 );
  return s;
}

bool consumePrefix( std::string_view &s, std::string_view prefix )
{
  if ( s.substr( 0, prefix.size() ) != prefix )
    return false;
  s.remove_prefix( prefix.size() );
  return true;
}

bool consumeSuffix( std::string_view &s, std::string_view suffix )
{
  if ( s.size() < suffix.size() || s.substr( s.size() - suffix.size() ) != suffix )
    return false;
  s.remove_suffix( suffix.size() );
  return true;
}

template<size_t N>
bool consumeAny( std::string_view &s, const std::string_view ( &symbols )[N] )
{
  for ( std::string_view symbol : symbols )
    if ( consumePrefix( s, symbol ) )
      return true;
  return false;
}

struct Number
{
    double value = 0;
    bool whole = true;
};

// Digits with an optional fraction ("7", "7.25"); nothing when s starts otherwise.
std::optional<Number> readNumber( std::string_view &s )
{
  size_t i = 0;
  while ( i < s.size() && isDigit( s[i] ) )
    ++i;
  if ( i == 0 )
    return std::nullopt;
  Number n;
  if ( i < s.size() && s[i] == '.' )
  {
    size_t j = i + 1;
    while ( j < s.size() && isDigit( s[j] ) )
      ++j;
    if ( j == i + 1 )
      return std::nullopt;
    n.whole = false;
    i = j;
  }
  // Thousands of digits overflow to a range error: the range check then speaks.
  const auto result = std::from_chars( s.data(), s.data() + i, n.value );
  if ( result.ec != std::errc() )
    n.value = HUGE_VAL;
  s.remove_prefix( i );
  return n;
}


// Degrees, minutes and seconds (each optional after the degrees, the last
// unit's symbol optional): the value in degrees, or a problem.
ParsedCoordinate readAngle( std::string_view s, const std::string &quoted, const char *axisName )
{
  const ParsedCoordinate notCoordinate { std::nullopt, quoted + " is not a " + axisName };
  std::vector<Number> parts;
  if ( s.find( ':' ) != std::string_view::npos )
  {
    // "117:07:12": the parts are degrees, minutes and seconds in order.
    while ( true )
    {
      skipSpaces( s );
      std::optional<Number> n = readNumber( s );
      skipSpaces( s );
      if ( !n || parts.size() == 3 )
        return notCoordinate;
      parts.push_back( *n );
      if ( s.empty() )
        break;
      if ( !consumePrefix( s, ":" ) )
        return notCoordinate;
    }
    if ( parts.size() < 2 )
      return notCoordinate;
  }
  else
  {
    while ( true )
    {
      skipSpaces( s );
      if ( s.empty() )
        break;
      std::optional<Number> n = readNumber( s );
      if ( !n || parts.size() == 3 )
        return notCoordinate;
      skipSpaces( s );
      const size_t unit = parts.size(); // 0 degrees, 1 minutes, 2 seconds
      bool symbol = false;
      if ( consumeAny( s, kDegreeSymbols ) )
        symbol = unit == 0;
      else if ( consumeAny( s, kSecondSymbols ) )
        symbol = unit == 2;
      else if ( consumeAny( s, kMinuteSymbols ) )
        symbol = unit == 1;
      else
        // A last part without its symbol: decimal degrees alone, or the
        // minutes or seconds after a symbol ("117°07′12").
        symbol = s.empty();
      if ( !symbol )
        return notCoordinate;
      parts.push_back( *n );
    }
    if ( parts.empty() )
      return notCoordinate;
  }
  for ( size_t i = 0; i + 1 < parts.size(); ++i )
    if ( !parts[i].whole )
      return { std::nullopt, quoted + ": only the last part may have a fraction" };
  if ( parts.size() > 1 && parts[1].value >= 60 )
    return { std::nullopt, quoted + ": minutes must be below 60" };
  if ( parts.size() > 2 && parts[2].value >= 60 )
    return { std::nullopt, quoted + ": seconds must be below 60" };
  double degrees = parts[0].value;
  if ( parts.size() > 1 )
    degrees += parts[1].value / 60;
  if ( parts.size() > 2 )
    degrees += parts[2].value / 3600;
  return { degrees, {} };
}
} // namespace

ParsedCoordinate parseCoordinateCell( std::string_view text, Axis axis )
{
  const char *axisName = axis == Axis::Lon ? "longitude" : "latitude";
  const std::string folded = foldWidth( text );
  const std::string quoted = quotedCell( folded );
  std::string_view s = folded;
  if ( s.empty() )
    return { std::nullopt, std::string( "no " ) + axisName };

  // A sign may stand before or after a prefixed hemisphere ("-E117", "E-117").
  bool negative = consumePrefix( s, "-" );
  Hemisphere hemisphere = Hemisphere::None;
  for ( const Marker &marker : kMarkers )
    if ( consumePrefix( s, marker.text ) || consumeSuffix( s, marker.text ) )
    {
      hemisphere = marker.hemisphere;
      break;
    }
  s = trimmed( s );
  if ( consumePrefix( s, "-" ) )
  {
    if ( negative )
      return { std::nullopt, quoted + " is not a " + axisName };
    negative = true;
  }
  if ( hemisphere != Hemisphere::None && negative )
    return { std::nullopt, quoted + " has both a sign and a hemisphere" };
  if ( hemisphere == Hemisphere::W )
    return { std::nullopt, quoted + " is a western longitude: China lies east" };
  if ( hemisphere == Hemisphere::S )
    return { std::nullopt, quoted + " is a southern latitude: China lies north" };
  if ( hemisphere == Hemisphere::N && axis == Axis::Lon )
    return { std::nullopt, quoted + " is a latitude (N), not a longitude" };
  if ( hemisphere == Hemisphere::E && axis == Axis::Lat )
    return { std::nullopt, quoted + " is a longitude (E), not a latitude" };

  ParsedCoordinate angle = readAngle( s, quoted, axisName );
  if ( !angle.degrees )
    return angle;
  const double degrees = negative ? -*angle.degrees : *angle.degrees;
  const double limit = axis == Axis::Lon ? 180 : 90;
  if ( !( std::fabs( degrees ) <= limit ) )
    return { std::nullopt, std::string( axisName ) + " " + cellNumber( degrees ) + " is outside " + cellNumber( -limit ) + "–" + cellNumber( limit ) };
  return { degrees == 0 ? 0.0 : degrees, {} };
}

} // namespace htsplan
