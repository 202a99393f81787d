#include "layers/targets.h"

#include "layers/problems.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <sstream>
#include <type_traits>

namespace htsplan
{

namespace
{
[[noreturn]] void fail( const std::string &path, const std::string &what )
{
  throw InputError( "targets file " + path + ": " + what );
}

template<typename T>
T required( const nlohmann::json &object, const char *key, const std::string &path, const std::string &where )
{
  auto it = object.find( key );
  if ( it == object.end() || it->is_null() )
    fail( path, where + " has no '" + key + "'" );
  // get<int> would truncate 20.7 and overflow on 1e300 (undefined behaviour,
  // found by tests/fuzz/fuzz_targets.cpp): a count or a year is a whole number
  // in int's range, an amount a finite number.
  if constexpr ( std::is_arithmetic_v<T> )
  {
    if ( !it->is_number() ) // json would read true as 1
      fail( path, where + ": '" + key + "' has the wrong type" );
  }
  if constexpr ( std::is_same_v<T, int> )
  {
    if ( it->is_number_float() )
      fail( path, where + ": '" + key + "' must be a whole number" );
    bool inRange = true;
    if ( it->is_number_unsigned() )
      inRange = it->get<std::uint64_t>() <= static_cast<std::uint64_t>( std::numeric_limits<int>::max() );
    else
    {
      const std::int64_t value = it->get<std::int64_t>();
      inRange = value >= std::numeric_limits<int>::min() && value <= std::numeric_limits<int>::max();
    }
    if ( !inRange )
      fail( path, where + ": '" + key + "' is out of range" );
  }
  if constexpr ( std::is_same_v<T, double> )
  {
    if ( !std::isfinite( it->get<double>() ) )
      fail( path, where + ": '" + key + "' is out of range" );
  }
  try
  {
    return it->get<T>();
  }
  catch ( const nlohmann::json::exception & )
  {
    fail( path, where + ": '" + key + "' has the wrong type" );
  }
}

// An optional text field: empty when missing, a wrong type is an error (json's
// value() would throw its own type_error).
std::string optionalText( const nlohmann::json &object, const char *key, const std::string &path, const std::string &where )
{
  auto it = object.find( key );
  if ( it == object.end() || it->is_null() )
    return {};
  if ( !it->is_string() )
    fail( path, where + ": '" + key + "' has the wrong type" );
  return it->get<std::string>();
}
} // namespace

std::optional<int> Targets::sectorIndex( const std::string &text ) const
{
  const std::string wanted = normalisedKey( text );
  if ( wanted.empty() )
    return std::nullopt;
  for ( size_t i = 0; i < sectors.size(); ++i )
  {
    const Sector &s = sectors[i];
    if ( normalisedKey( s.code ) == wanted || normalisedKey( s.nameZh ) == wanted || normalisedKey( s.nameEn ) == wanted )
      return static_cast<int>( i );
    for ( const std::string &alias : s.aliases )
      if ( normalisedKey( alias ) == wanted )
        return static_cast<int>( i );
  }
  return std::nullopt;
}

const KindTarget *Targets::targetFor( Kind kind ) const
{
  for ( const KindTarget &t : kindTargets )
    if ( t.kind == kind )
      return &t;
  return nullptr;
}

Targets loadTargets( const std::string &path )
{
  std::ifstream in( path, std::ios::binary );
  if ( !in )
    fail( path, "cannot be opened (missing file?)" );
  std::stringstream buffer;
  buffer << in.rdbuf();

  nlohmann::json doc;
  try
  {
    doc = nlohmann::json::parse( buffer.str() );
  }
  catch ( const nlohmann::json::exception &e ) // a parse_error, or out_of_range for 1e999
  {
    // e.what() reads "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
    std::string message = e.what();
    const auto pos = message.find( "] " );
    if ( pos != std::string::npos )
      message = message.substr( pos + 2 );
    fail( path, "malformed JSON: " + message );
  }
  if ( !doc.is_object() )
    fail( path, "the top level must be a JSON object" );

  Targets t;
  t.path = path;
  const auto plan = doc.value( "plan", nlohmann::json::object() );
  if ( !plan.is_object() )
    fail( path, "'plan' must be an object" );
  t.planNameZh = optionalText( plan, "name_zh", path, "plan" );
  t.planNameEn = optionalText( plan, "name_en", path, "plan" );
  t.startYear = required<int>( plan, "start_year", path, "plan" );

  const auto targets = doc.find( "targets" );
  if ( targets == doc.end() || !targets->is_array() || targets->empty() )
    fail( path, "needs a non-empty 'targets' list" );
  for ( size_t i = 0; i < targets->size(); ++i )
  {
    const auto &entry = ( *targets )[i];
    const std::string where = "targets[" + std::to_string( i ) + "]";
    if ( !entry.is_object() )
      fail( path, where + " must be an object" );
    const std::string kindText = required<std::string>( entry, "kind", path, where );
    const auto kind = kindFromKey( kindText );
    if ( !kind )
      fail( path, where + ": unknown kind '" + kindText + "' (expected base, park, building or enterprise)" );
    KindTarget kt;
    kt.kind = *kind;
    kt.target = required<int>( entry, "target", path, where );
    kt.year = required<int>( entry, "year", path, where );
    if ( kt.target <= 0 )
      fail( path, where + ": target must be positive" );
    if ( kt.year < t.startYear )
      fail( path, where + ": year " + std::to_string( kt.year ) + " is before the plan's start year" );
    t.targetYear = std::max( t.targetYear, kt.year );
    t.kindTargets.push_back( kt );
  }

  t.backboneRevenueCny = required<double>( doc, "backbone_revenue_threshold_cny", path, "the file" );
  if ( t.backboneRevenueCny < 0 )
    fail( path, "backbone_revenue_threshold_cny must not be negative" );

  for ( const auto &g : doc.value( "growth_targets", nlohmann::json::array() ) )
  {
    GrowthTarget gt;
    gt.group = required<std::string>( g, "group", path, "growth_targets" );
    gt.annualGrowth = required<double>( g, "annual_revenue_growth", path, "growth_targets" );
    t.growth.push_back( gt );
  }
  for ( const auto &c : doc.value( "central_cities", nlohmann::json::array() ) )
  {
    if ( !c.is_string() )
      fail( path, "central_cities must list city codes as strings" );
    t.centralCities.push_back( c.get<std::string>() );
  }

  const auto coverage = doc.find( "coverage_kinds" );
  if ( coverage == doc.end() || !coverage->is_array() )
    fail( path, "needs a 'coverage_kinds' list (the kinds whose coverage is measured, e.g. [\"base\", \"park\"])" );
  for ( const auto &c : *coverage )
  {
    const auto kind = c.is_string() ? kindFromKey( c.get<std::string>() ) : std::nullopt;
    if ( !kind )
      fail( path, "coverage_kinds: unknown kind " + c.dump() + " (expected base, park, building or enterprise)" );
    if ( std::find( t.coverageKinds.begin(), t.coverageKinds.end(), *kind ) != t.coverageKinds.end() )
      fail( path, "coverage_kinds: " + c.dump() + " is listed twice" );
    t.coverageKinds.push_back( *kind );
  }

  const auto sectors = doc.find( "sectors" );
  if ( sectors == doc.end() || !sectors->is_array() || sectors->empty() )
    fail( path, "needs a non-empty 'sectors' list" );
  for ( size_t i = 0; i < sectors->size(); ++i )
  {
    const auto &entry = ( *sectors )[i];
    const std::string where = "sectors[" + std::to_string( i ) + "]";
    Sector s;
    s.code = required<std::string>( entry, "code", path, where );
    s.nameZh = required<std::string>( entry, "name_zh", path, where );
    s.nameEn = optionalText( entry, "name_en", path, where );
    for ( const auto &a : entry.value( "aliases", nlohmann::json::array() ) )
      if ( a.is_string() )
        s.aliases.push_back( a.get<std::string>() );
    if ( s.code == "unknown" )
      fail( path, where + ": 'unknown' is reserved for features whose sector is not recognised" );
    t.sectors.push_back( std::move( s ) );
  }
  return t;
}

} // namespace htsplan
