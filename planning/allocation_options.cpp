#include "planning/allocation_options.h"

#include "layers/cells.h"
#include "layers/import/city_weights.h"
#include "layers/problems.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace htsplan
{

namespace
{
std::string lower( std::string text )
{
  std::transform( text.begin(), text.end(), text.begin(), []( unsigned char c ) { return static_cast<char>( std::tolower( c ) ); } );
  return text;
}

std::string trimmed( const std::string &text )
{
  const size_t first = text.find_first_not_of( " \t" );
  if ( first == std::string::npos )
    return {};
  return text.substr( first, text.find_last_not_of( " \t" ) - first + 1 );
}

//! Entries separated by ',', ';', white space or the Chinese comma and semicolon.
std::vector<std::string> entries( std::string text )
{
  for ( const char *wide : { "，", "；", "：" } )
    for ( size_t at = text.find( wide ); at != std::string::npos; at = text.find( wide, at ) )
      text.replace( at, std::string( wide ).size(), std::string( wide ) == "：" ? ":" : "," );
  std::vector<std::string> out;
  std::string entry;
  for ( char c : text )
    if ( c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' )
    {
      if ( !entry.empty() )
        out.push_back( entry );
      entry.clear();
    }
    else
      entry += c;
  if ( !entry.empty() )
    out.push_back( entry );
  return out;
}

//! KEY=VALUE or KEY:VALUE; false when there is no separator.
bool split( const std::string &entry, std::string &key, std::string &value )
{
  const size_t at = entry.find_first_of( "=:" );
  if ( at == std::string::npos )
    return false;
  key = trimmed( entry.substr( 0, at ) );
  value = trimmed( entry.substr( at + 1 ) );
  return true;
}
} // namespace

std::array<double, WeightBasisCount> parseBlend( const std::string &text, const std::string &option )
{
  std::array<double, WeightBasisCount> blend{};
  std::array<bool, WeightBasisCount> given{};
  std::string keys;
  for ( int b = 0; b < WeightBasisCount; ++b )
    keys += std::string( b ? ", " : "" ) + weightBasisKey( static_cast<WeightBasis>( b ) );
  for ( const std::string &entry : entries( text ) )
  {
    std::string key = entry, value;
    const bool withFactor = split( entry, key, value );
    key = lower( key );
    int basis = -1;
    for ( int b = 0; b < WeightBasisCount; ++b )
      if ( key == weightBasisKey( static_cast<WeightBasis>( b ) ) )
        basis = b;
    if ( basis < 0 )
      throw InputError( option + ": '" + entry + "': '" + key + "' is not a weight (" + keys + ")" );
    const Parsed<double> factor = withFactor ? parseStrictNumber( value, 0, 1e6 ) : Parsed<double>{ 1.0, {} };
    if ( !factor.value )
      throw InputError( option + ": '" + entry + "': the factor is not a number from 0 to 1000000" + ( factor.problem.empty() ? "" : " (" + factor.problem + ")" ) );
    if ( given[static_cast<size_t>( basis )] )
      throw InputError( option + ": '" + key + "' is given twice" );
    given[static_cast<size_t>( basis )] = true;
    blend[static_cast<size_t>( basis )] = *factor.value;
  }
  if ( std::none_of( blend.begin(), blend.end(), []( double f ) { return f > 0; } ) )
    throw InputError( option + ": '" + text + "' gives no weight a factor above 0 (e.g. population, or population=0.5,current=0.5)" );
  return blend;
}

ApportionMethod parseApportionMethod( const std::string &text, const std::string &option )
{
  const std::string t = lower( trimmed( text ) );
  if ( t == "hamilton" || t == "largest-remainder" || t == "largest_remainder" )
    return ApportionMethod::LargestRemainder;
  if ( t == "dhondt" || t == "d'hondt" || t == "d-hondt" )
    return ApportionMethod::DHondt;
  if ( t == "sainte-lague" || t == "saintelague" || t == "sainte_lague" || t == "webster" )
    return ApportionMethod::SainteLague;
  throw InputError( option + ": '" + text + "' is not a rounding method (hamilton, dhondt, sainte-lague)" );
}

AllocationBasis parseAllocationBasis( const std::string &text, const std::string &option )
{
  const std::string t = lower( trimmed( text ) );
  if ( t == "remaining" )
    return AllocationBasis::Remaining;
  if ( t == "fill-up" || t == "fill_up" || t == "fillup" )
    return AllocationBasis::FillUp;
  throw InputError( option + ": '" + text + "' is not a basis (remaining, fill-up)" );
}

std::map<std::string, long long> parseBoundsByCode( const std::string &text, const std::string &option )
{
  std::map<std::string, long long> bounds;
  for ( const std::string &entry : entries( text ) )
  {
    std::string code, value;
    const bool pair = split( entry, code, value ) && value.find_first_of( "=:" ) == std::string::npos;
    const Parsed<long long> parsed = pair ? parseStrictInteger( value, 0, 1000000 ) : Parsed<long long>{};
    if ( !pair || code.empty() || !parsed.value )
      throw InputError( option + ": '" + entry + "' is not CITY_CODE=NUMBER (a whole number >= 0; e.g. 370100=2, 371200=1)" +
                        ( parsed.problem.empty() ? "" : ": " + parsed.problem ) );
    bounds[code] = *parsed.value;
  }
  return bounds;
}

void parseBounds( const std::string &text, const std::string &option, long long &all, std::map<std::string, long long> &byCode )
{
  std::string pairs;
  bool bare = false;
  for ( const std::string &entry : entries( text ) )
  {
    if ( entry.find_first_of( "=:" ) != std::string::npos ) // a city's own (entries made "：" ":")
    {
      pairs += ( pairs.empty() ? "" : "," ) + entry;
      continue;
    }
    const Parsed<long long> parsed = parseStrictInteger( entry, 0, 1000000 );
    if ( !parsed.value )
      throw InputError( option + ": '" + entry + "' is not a number for every city nor CITY_CODE=NUMBER (a whole number >= 0; e.g. 2, or 370100=2, 371200=1)" +
                        ( parsed.problem.empty() ? "" : ": " + parsed.problem ) );
    if ( bare )
      throw InputError( option + ": '" + text + "' gives two numbers for every city" );
    bare = true;
    all = *parsed.value;
  }
  for ( const auto &[code, n] : parseBoundsByCode( pairs, option ) )
    byCode[code] = n;
}

std::string blendText( const std::array<double, WeightBasisCount> &blend )
{
  int used = 0;
  for ( double f : blend )
    used += f > 0 ? 1 : 0;
  std::string text;
  for ( int b = 0; b < WeightBasisCount; ++b )
  {
    const double f = blend[static_cast<size_t>( b )];
    if ( !( f > 0 ) )
      continue;
    std::ostringstream factor;
    factor << f;
    text += std::string( text.empty() ? "" : " + " ) + weightBasisKey( static_cast<WeightBasis>( b ) ) + ( used > 1 ? " " + factor.str() : std::string() );
  }
  return text;
}

std::string readWeightsTable( AllocationOptions &options, const std::string &path, const std::string &column, const AdminData &admin,
                              const std::string &option )
{
  std::vector<std::pair<std::string, std::string>> cities;
  for ( const AdminUnit &c : admin.cities )
    cities.emplace_back( c.code, c.nameZh );
  return readWeightsTable( options, path, column, cities, option );
}

std::string readWeightsTable( AllocationOptions &options, const std::string &path, const std::string &column,
                              const std::vector<std::pair<std::string, std::string>> &cities, const std::string &option )
{
  if ( path.empty() || column.empty() )
    throw InputError( option + ": weights from a table need the table and its column" );
  const CityWeights table = readCityWeights( path, column, cities );
  options.table = table.byCode;
  options.tableName = "'" + table.column + "' of " + table.path;
  return "'" + table.column + "' of " + path + ", read as " + table.encoding + " (" + table.encodingReason + ")";
}

} // namespace htsplan
