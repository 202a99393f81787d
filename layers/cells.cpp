#include "layers/cells.h"

#include "layers/text.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace htsplan
{

namespace
{
bool isDigit( char c ) { return c >= '0' && c <= '9'; }

size_t countDigits( std::string_view s, size_t from )
{
  size_t i = from;
  while ( i < s.size() && isDigit( s[i] ) )
    ++i;
  return i - from;
}

bool allDigits( std::string_view s ) { return !s.empty() && countDigits( s, 0 ) == s.size(); }

std::string_view trimmed( std::string_view s )
{
  while ( !s.empty() && s.front() == ' ' )
    s.remove_prefix( 1 );
  while ( !s.empty() && s.back() == ' ' )
    s.remove_suffix( 1 );
  return s;
}

bool consumeSuffix( std::string_view &s, std::string_view suffix )
{
  if ( s.size() < suffix.size() || s.substr( s.size() - suffix.size() ) != suffix )
    return false;
  s.remove_suffix( suffix.size() );
  return true;
}

bool consumePrefix( std::string_view &s, std::string_view prefix )
{
  if ( s.substr( 0, prefix.size() ) != prefix )
    return false;
  s.remove_prefix( prefix.size() );
  return true;
}

template<typename T>
Parsed<T> failed( std::string problem ) { return { std::nullopt, std::move( problem ) }; }

int daysInMonth( int year, int month )
{
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  const bool leap = ( year % 4 == 0 && year % 100 != 0 ) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

// Reads 1 or 2 digits at s[i]; -1 when there are none or more.
int smallNumber( std::string_view s, size_t &i )
{
  const size_t n = countDigits( s, i );
  if ( n < 1 || n > 2 )
    return -1;
  const int value = n == 1 ? s[i] - '0' : ( s[i] - '0' ) * 10 + ( s[i + 1] - '0' );
  i += n;
  return value;
}

// A clock time after a date, as spreadsheets print date-time cells: "00:00",
// "00:00:00", "12:30:05.250".
bool isClockTime( std::string_view s )
{
  size_t i = 0;
  const int hours = smallNumber( s, i );
  if ( hours < 0 || hours > 23 || i >= s.size() || s[i] != ':' )
    return false;
  ++i;
  if ( countDigits( s, i ) != 2 || std::stoi( std::string( s.substr( i, 2 ) ) ) > 59 )
    return false;
  i += 2;
  if ( i == s.size() )
    return true;
  if ( s[i] != ':' || countDigits( s, i + 1 ) != 2 || std::stoi( std::string( s.substr( i + 1, 2 ) ) ) > 60 )
    return false;
  i += 3;
  if ( i == s.size() )
    return true;
  return s[i] == '.' && countDigits( s, i + 1 ) == s.size() - i - 1 && i + 1 < s.size();
}

// The month and day after "YYYY" are valid and nothing else follows: true also
// when the date has only a month.
bool isDateTail( std::string_view rest, int year )
{
  size_t i = 0;
  int month = -1;
  int day = 0;
  if ( consumePrefix( rest, "年" ) )
  {
    month = smallNumber( rest, i );
    rest.remove_prefix( i );
    if ( month < 0 || !consumePrefix( rest, "月" ) )
      return false;
    if ( !rest.empty() )
    {
      i = 0;
      day = smallNumber( rest, i );
      rest.remove_prefix( i );
      if ( day < 0 || !consumePrefix( rest, "日" ) || !rest.empty() )
        return false;
    }
  }
  else
  {
    const char separator = rest[0];
    i = 1;
    month = smallNumber( rest, i );
    if ( month < 0 )
      return false;
    if ( i < rest.size() )
    {
      if ( rest[i] != separator )
        return false;
      ++i;
      day = smallNumber( rest, i );
      if ( day < 0 )
        return false;
      if ( i < rest.size() )
      {
        if ( rest[i] != ' ' && rest[i] != 'T' )
          return false;
        if ( !isClockTime( trimmed( rest.substr( i + 1 ) ) ) )
          return false;
      }
    }
    else if ( separator == '.' )
      return false; // "2014.6" is a number, not June
  }
  if ( month < 1 || month > 12 )
    return false;
  return day == 0 || ( day >= 1 && day <= daysInMonth( year, month ) );
}

// Digits with optional "," groups of three, an optional fraction and an
// optional exponent: the grammar of an amount after its sign. Returns the
// number without the commas, or nothing.
std::optional<std::string> amountDigits( std::string_view s, bool &hasExponent )
{
  std::string out;
  size_t i = 0;
  const size_t lead = countDigits( s, 0 );
  if ( lead == 0 )
    return std::nullopt;
  out.append( s.substr( 0, lead ) );
  i = lead;
  if ( i < s.size() && s[i] == ',' )
  {
    if ( lead > 3 )
      return std::nullopt;
    while ( i < s.size() && s[i] == ',' )
    {
      if ( countDigits( s, i + 1 ) != 3 )
        return std::nullopt;
      out.append( s.substr( i + 1, 3 ) );
      i += 4;
    }
  }
  if ( i < s.size() && s[i] == '.' )
  {
    const size_t n = countDigits( s, i + 1 );
    if ( n == 0 )
      return std::nullopt;
    out.append( s.substr( i, n + 1 ) );
    i += n + 1;
  }
  hasExponent = false;
  if ( i < s.size() && ( s[i] == 'e' || s[i] == 'E' ) )
  {
    size_t j = i + 1;
    if ( j < s.size() && ( s[j] == '+' || s[j] == '-' ) )
      ++j;
    const size_t n = countDigits( s, j );
    if ( n == 0 )
      return std::nullopt;
    out += 'e';
    out.append( s.substr( i + 1, j + n - i - 1 ) );
    i = j + n;
    hasExponent = true;
  }
  if ( i != s.size() )
    return std::nullopt;
  return out;
}

// Powers of ten that units name, so that "1.2亿" is read as 1.2e8 (exactly
// 120000000) rather than 1.2 × 1e8.
std::optional<int> powerOfTen( double factor )
{
  for ( int k = 0; k <= 12; ++k )
    if ( factor == std::pow( 10.0, k ) )
      return k;
  return std::nullopt;
}
} // namespace

bool plausibleYear( int year, int minYear, int maxYear ) { return year >= minYear && year <= maxYear; }

Parsed<int> parseYearCell( std::string_view text, int minYear, int maxYear )
{
  const std::string folded = foldWidth( text );
  const std::string_view t = folded;
  if ( t.empty() )
    return failed<int>( "no year" );
  const size_t n = countDigits( t, 0 );
  if ( n == 0 || n > 6 )
    return failed<int>( quotedCell( t ) + " is not a year" );
  const int year = std::stoi( std::string( t.substr( 0, n ) ) );
  const std::string_view rest = t.substr( n );
  if ( !rest.empty() && rest != "年" && rest != "年度" )
  {
    // A number with a fraction, as Excel's numbers come as text: whole or not a year.
    if ( rest[0] == '.' && allDigits( rest.substr( 1 ) ) )
    {
      if ( rest.find_first_not_of( "0", 1 ) != std::string_view::npos )
        return failed<int>( quotedCell( t ) + " is not a whole year" );
    }
    else
    {
      const bool dateLike = n == 4 && ( rest[0] == '-' || rest[0] == '/' || rest[0] == '.' || rest.substr( 0, 3 ) == "年" );
      if ( !dateLike || !isDateTail( rest, year ) )
        return failed<int>( quotedCell( t ) + " is not a year" );
    }
  }
  if ( !plausibleYear( year, minYear, maxYear ) )
    return failed<int>( "year " + std::to_string( year ) + " is outside " + std::to_string( minYear ) + "–" + std::to_string( maxYear ) );
  return { year, {} };
}

Parsed<double> parseAmountCell( std::string_view text, double unitFactor )
{
  const std::string folded = foldWidth( text );
  std::string_view s = folded;
  if ( s.empty() )
    return failed<double>( "no amount" );
  consumePrefix( s, "¥" ); // foldWidth turned the full-width ￥ into ¥
  s = trimmed( s );
  double factor = unitFactor;
  const bool yuan = consumeSuffix( s, "元" );
  if ( consumeSuffix( s, "亿" ) )
    factor = 1e8;
  else if ( consumeSuffix( s, "万" ) )
  {
    factor = 1e4;
    if ( consumeSuffix( s, "千" ) )
      factor = 1e7;
    else if ( consumeSuffix( s, "百" ) )
      factor = 1e6;
    else if ( consumeSuffix( s, "十" ) )
      factor = 1e5;
  }
  else if ( consumeSuffix( s, "千" ) )
    factor = 1e3;
  else if ( yuan )
    factor = 1;
  s = trimmed( s );
  const bool negative = consumePrefix( s, "-" );
  bool hasExponent = false;
  std::optional<std::string> digits = amountDigits( s, hasExponent );
  if ( !digits )
    return failed<double>( quotedCell( folded ) + " is not an amount" );
  const std::optional<int> power = powerOfTen( factor );
  const bool shift = power && !hasExponent;
  if ( shift )
    *digits += "e" + std::to_string( *power );
  double value = 0;
  const auto result = std::from_chars( digits->data(), digits->data() + digits->size(), value );
  if ( result.ec != std::errc() || result.ptr != digits->data() + digits->size() )
    return failed<double>( quotedCell( folded ) + " is out of range" );
  if ( !shift )
    value *= factor;
  if ( !std::isfinite( value ) )
    return failed<double>( quotedCell( folded ) + " is out of range" );
  if ( negative && value != 0 )
    return failed<double>( "negative amount " + quotedCell( folded ) );
  return { value == 0 ? 0.0 : value, {} };
}

double amountUnitFromHeader( std::string_view header )
{
  const std::string key = foldKey( header );
  // Chinese units are unambiguous anywhere in a header; a bare 万 or 亿 only
  // in brackets ("收入(万)"), since it may be part of a name.
  if ( key.find( "亿元" ) != std::string::npos || key.find( "(亿)" ) != std::string::npos )
    return 1e8;
  // 千万元, 百万元 and 十万元 end in 万元: before it.
  if ( key.find( "千万元" ) != std::string::npos )
    return 1e7;
  if ( key.find( "百万元" ) != std::string::npos )
    return 1e6;
  if ( key.find( "十万元" ) != std::string::npos )
    return 1e5;
  if ( key.find( "万元" ) != std::string::npos || key.find( "(万)" ) != std::string::npos )
    return 1e4;
  if ( key.find( "千元" ) != std::string::npos || key.find( "(千)" ) != std::string::npos )
    return 1e3;
  const size_t open = key.rfind( '(' );
  if ( open == std::string::npos )
    return 1;
  const std::string unit = key.substr( open );
  for ( const char *hundredMillion : { "100m", "100million", "100,000,000", "100000000" } )
    if ( unit.find( hundredMillion ) != std::string::npos )
      return 1e8;
  for ( const char *million : { "million", "1,000,000", "1000000" } )
    if ( unit.find( million ) != std::string::npos )
      return 1e6;
  for ( const char *tenThousand : { "10k", "10thousand", "tenthousand", "10,000", "10000" } )
    if ( unit.find( tenThousand ) != std::string::npos )
      return 1e4;
  for ( const char *thousand : { "1k", "thousand", "1,000", "1000" } )
    if ( unit.find( thousand ) != std::string::npos )
      return 1e3;
  return 1;
}

Parsed<Status> parseStatusCell( std::string_view text )
{
  const std::string t = foldWidth( text );
  if ( t.empty() )
    return failed<Status>( "no status" );
  if ( std::optional<Status> status = parseStatus( t ) )
    return { status, {} };
  // Words seen in bureaus' lists beside the three of the contract.
  if ( t == "认定" )
    return { Status::Designated, {} };
  if ( t == "拟认定" )
    return { Status::Candidate, {} };
  if ( t == "拟建" )
    return { Status::Planned, {} };
  return failed<Status>( "unknown status " + quotedCell( t ) + " (expected 已认定, 候选 or 规划)" );
}

Parsed<long long> parseStrictInteger( std::string_view text, long long min, long long max )
{
  const std::string folded = foldWidth( text );
  std::string_view t = folded;
  if ( t.empty() )
    return failed<long long>( "no number" );
  const std::string range = std::to_string( min ) + "–" + std::to_string( max );
  const bool negative = t[0] == '-';
  if ( !allDigits( t.substr( negative ? 1 : 0 ) ) )
    return failed<long long>( quotedCell( t ) + " is not a whole number" );
  long long value = 0;
  const auto result = std::from_chars( t.data(), t.data() + t.size(), value );
  if ( result.ec != std::errc() || value < min || value > max )
    return failed<long long>( std::string( t ) + " is outside " + range );
  return { value, {} };
}

Parsed<double> parseStrictNumber( std::string_view text, double min, double max )
{
  const std::string folded = foldWidth( text );
  std::string_view t = folded;
  if ( t.empty() )
    return failed<double>( "no number" );
  std::string_view body = t.substr( t[0] == '-' ? 1 : 0 );
  const size_t lead = countDigits( body, 0 );
  const bool grammar = lead > 0 && ( lead == body.size() || ( body[lead] == '.' && allDigits( body.substr( lead + 1 ) ) ) );
  if ( !grammar )
    return failed<double>( quotedCell( t ) + " is not a number" );
  double value = 0;
  const auto result = std::from_chars( t.data(), t.data() + t.size(), value );
  if ( result.ec != std::errc() || !std::isfinite( value ) || value < min || value > max )
    return failed<double>( std::string( t ) + " is outside " + cellNumber( min ) + "–" + cellNumber( max ) );
  return { value == 0 ? 0.0 : value, {} };
}

std::string quotedCell( std::string_view text )
{
  // Cut at 40 bytes (on a character boundary) so that a pasted paragraph does not flood the problem list.
  constexpr size_t kMax = 40;
  if ( text.size() <= kMax )
    return "'" + std::string( text ) + "'";
  size_t cut = kMax;
  while ( cut > 0 && ( static_cast<unsigned char>( text[cut] ) & 0xC0 ) == 0x80 )
    --cut;
  return "'" + std::string( text.substr( 0, cut ) ) + "…'";
}

std::string cellNumber( double value )
{
  char text[64];
  std::snprintf( text, sizeof text, "%.10g", value );
  return text;
}

} // namespace htsplan
