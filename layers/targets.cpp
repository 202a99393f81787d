#include "layers/targets.h"

#include "layers/problems.h"
#include "layers/text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace htsplan
{

namespace
{
[[noreturn]] void fail( const std::string &path, const std::string &what )
{
  throw InputError( "targets file " + path + ": " + what );
}

//! A range's bound for a message ("0", "1e+15"; no dependence on problems.cpp, which the fuzz build leaves out).
std::string bound( double value )
{
  char text[32];
  std::snprintf( text, sizeof text, "%.10g", value );
  return text;
}

//! Reads one key of a JSON object strictly; every error names the file and the key's path ("targets[1].target").
class Reader
{
  public:
    explicit Reader( const std::string &path )
      : mPath( path )
    {}

    //! The key's value, or an error when it is missing or null.
    const nlohmann::json &required( const nlohmann::json &object, const char *key, const std::string &at ) const
    {
      if ( !object.is_object() )
        fail( mPath, "'" + at + "' must be an object" );
      const auto it = object.find( key );
      if ( it == object.end() || it->is_null() )
        fail( mPath, "'" + join( at, key ) + "' is missing" );
      return *it;
    }

    //! A whole number min..max: 20.7, "20", 4294967316 and true are errors, never rounded or wrapped.
    long long integer( const nlohmann::json &value, const std::string &keyPath, long long min, long long max ) const
    {
      if ( value.is_number_unsigned() )
      {
        const auto v = value.get<unsigned long long>();
        if ( v > static_cast<unsigned long long>( max ) )
          fail( mPath, "'" + keyPath + "' is " + value.dump() + ", outside " + std::to_string( min ) + ".." + std::to_string( max ) );
        return integer( nlohmann::json( static_cast<long long>( v ) ), keyPath, min, max );
      }
      if ( value.is_number_float() )
        fail( mPath, "'" + keyPath + "' is " + value.dump() + ", not a whole number" );
      if ( !value.is_number_integer() )
        fail( mPath, "'" + keyPath + "' is " + value.dump() + ", not a number (write it without quotes)" );
      const auto v = value.get<long long>();
      if ( v < min || v > max )
        fail( mPath, "'" + keyPath + "' is " + value.dump() + ", outside " + std::to_string( min ) + ".." + std::to_string( max ) );
      return v;
    }

    //! A finite number min..max.
    double number( const nlohmann::json &value, const std::string &keyPath, double min, double max ) const
    {
      if ( !value.is_number() )
        fail( mPath, "'" + keyPath + "' is " + value.dump() + ", not a number (write it without quotes)" );
      const double v = value.get<double>();
      if ( !std::isfinite( v ) || v < min || v > max )
        fail( mPath, "'" + keyPath + "' is " + value.dump() + ", outside " + bound( min ) + ".." + bound( max ) );
      return v;
    }

    std::string text( const nlohmann::json &value, const std::string &keyPath ) const
    {
      if ( !value.is_string() )
        fail( mPath, "'" + keyPath + "' is " + value.dump() + ", not a text (write it in quotes)" );
      return value.get<std::string>();
    }

    //! An optional text: empty when the key is missing or null.
    std::string optionalText( const nlohmann::json &object, const char *key, const std::string &at ) const
    {
      const auto it = object.find( key );
      return it == object.end() || it->is_null() ? std::string() : text( *it, join( at, key ) );
    }

    //! A list, or an empty one when the key is missing and optional.
    const nlohmann::json &list( const nlohmann::json &object, const char *key, const std::string &at, bool optional ) const
    {
      static const nlohmann::json empty = nlohmann::json::array();
      const auto it = object.find( key );
      if ( it == object.end() || it->is_null() )
      {
        if ( optional )
          return empty;
        fail( mPath, "'" + join( at, key ) + "' is missing" );
      }
      if ( !it->is_array() )
        fail( mPath, "'" + join( at, key ) + "' must be a list [...]" );
      return *it;
    }

    static std::string join( const std::string &at, const char *key ) { return at.empty() ? std::string( key ) : at + "." + key; }

  private:
    std::string mPath;
};

//! The ranges a targets file's whole numbers must be in.
constexpr long long MaxTarget = 1000000;
constexpr long long MinYear = 1949, MaxYear = 2100;
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
  std::string content = buffer.str();
  // A byte-order mark (Windows Notepad writes one) is not part of the JSON.
  if ( content.compare( 0, 3, "\xEF\xBB\xBF" ) == 0 )
    content.erase( 0, 3 );
  if ( !isValidUtf8( content ) )
    fail( path, "is not UTF-8 text (save it as UTF-8)" );

  nlohmann::json doc;
  try
  {
    doc = nlohmann::json::parse( content );
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
  const Reader read( path );

  if ( doc.contains( "format" ) && doc["format"] != "htsplan-targets/1" )
    fail( path, "'format' is " + doc["format"].dump() + ", expected \"htsplan-targets/1\"" );

  Targets t;
  t.path = path;
  const nlohmann::json &plan = read.required( doc, "plan", "" );
  t.planNameZh = read.optionalText( plan, "name_zh", "plan" );
  t.planNameEn = read.optionalText( plan, "name_en", "plan" );
  t.startYear = static_cast<int>( read.integer( read.required( plan, "start_year", "plan" ), "plan.start_year", MinYear, MaxYear ) );

  const nlohmann::json &targets = read.list( doc, "targets", "", false );
  if ( targets.empty() )
    fail( path, "'targets' is empty: give at least one kind's target" );
  std::map<Kind, size_t> kindAt;
  for ( size_t i = 0; i < targets.size(); ++i )
  {
    const auto &entry = targets[i];
    const std::string where = "targets[" + std::to_string( i ) + "]";
    if ( !entry.is_object() )
      fail( path, "'" + where + "' must be an object {\"kind\": ..., \"target\": ..., \"year\": ...}" );
    const std::string kindText = read.text( read.required( entry, "kind", where ), where + ".kind" );
    const auto kind = kindFromKey( kindText );
    if ( !kind || *kind == Kind::HightechZone )
      fail( path, "'" + where + ".kind': unknown kind '" + kindText + "' (expected base, park, building or enterprise)" );
    if ( const auto earlier = kindAt.find( *kind ); earlier != kindAt.end() )
      fail( path, "'" + where + ".kind': '" + kindText + "' is already the kind of targets[" + std::to_string( earlier->second ) +
                    "]; give each kind once" );
    kindAt.emplace( *kind, i );
    KindTarget kt;
    kt.kind = *kind;
    kt.target = static_cast<int>( read.integer( read.required( entry, "target", where ), where + ".target", 1, MaxTarget ) );
    kt.year = static_cast<int>( read.integer( read.required( entry, "year", where ), where + ".year", MinYear, MaxYear ) );
    if ( kt.year < t.startYear )
      fail( path, "'" + where + ".year' " + std::to_string( kt.year ) + " is before the plan's start year (plan.start_year " + std::to_string( t.startYear ) + ")" );
    t.targetYear = std::max( t.targetYear, kt.year );
    t.kindTargets.push_back( kt );
  }

  t.backboneRevenueCny = read.number( read.required( doc, "backbone_revenue_threshold_cny", "" ), "backbone_revenue_threshold_cny", 0, 1e15 );

  const nlohmann::json &growth = read.list( doc, "growth_targets", "", true );
  for ( size_t i = 0; i < growth.size(); ++i )
  {
    const std::string where = "growth_targets[" + std::to_string( i ) + "]";
    GrowthTarget gt;
    gt.group = read.text( read.required( growth[i], "group", where ), where + ".group" );
    if ( gt.group != "province" && gt.group != "central_cities" && gt.group != "blue_zone" )
      fail( path, "'" + where + ".group': unknown group '" + gt.group + "' (expected province, central_cities or blue_zone)" );
    for ( const GrowthTarget &earlier : t.growth )
      if ( earlier.group == gt.group )
        fail( path, "'" + where + ".group': '" + gt.group + "' is given twice" );
    gt.annualGrowth = read.number( read.required( growth[i], "annual_revenue_growth", where ), where + ".annual_revenue_growth", -1, 10 );
    t.growth.push_back( gt );
  }
  const nlohmann::json &central = read.list( doc, "central_cities", "", true );
  for ( size_t i = 0; i < central.size(); ++i )
  {
    // A code ("370100") or a city's name (济南, 济南市, Jinan): planning resolves names on the admin map.
    const std::string where = "central_cities[" + std::to_string( i ) + "]";
    const std::string city = foldWidth( read.text( central[i], where ) );
    if ( city.empty() )
      fail( path, "'" + where + "' is empty" );
    if ( std::find( t.centralCities.begin(), t.centralCities.end(), city ) != t.centralCities.end() )
      fail( path, "'" + where + "': '" + city + "' is listed twice" );
    t.centralCities.push_back( city );
  }

  const nlohmann::json &coverage = read.list( doc, "coverage_kinds", "", false );
  for ( size_t i = 0; i < coverage.size(); ++i )
  {
    const auto &c = coverage[i];
    const auto kind = c.is_string() ? kindFromKey( c.get<std::string>() ) : std::nullopt;
    if ( !kind )
      fail( path, "coverage_kinds: unknown kind " + c.dump() + " at 'coverage_kinds[" + std::to_string( i ) + "]' (expected base, park, building or enterprise)" );
    if ( std::find( t.coverageKinds.begin(), t.coverageKinds.end(), *kind ) != t.coverageKinds.end() )
      fail( path, "coverage_kinds: " + c.dump() + " is listed twice ('coverage_kinds[" + std::to_string( i ) + "]')" );
    t.coverageKinds.push_back( *kind );
  }

  const nlohmann::json &sectors = read.list( doc, "sectors", "", false );
  if ( sectors.empty() )
    fail( path, "'sectors' is empty: list the plan's sectors" );
  for ( size_t i = 0; i < sectors.size(); ++i )
  {
    const auto &entry = sectors[i];
    const std::string where = "sectors[" + std::to_string( i ) + "]";
    Sector s;
    s.code = read.text( read.required( entry, "code", where ), where + ".code" );
    s.nameZh = read.text( read.required( entry, "name_zh", where ), where + ".name_zh" );
    s.nameEn = read.optionalText( entry, "name_en", where );
    const nlohmann::json &aliases = read.list( entry, "aliases", where, true );
    for ( size_t a = 0; a < aliases.size(); ++a )
      s.aliases.push_back( read.text( aliases[a], where + ".aliases[" + std::to_string( a ) + "]" ) );
    if ( s.code == "unknown" )
      fail( path, "'" + where + ".code': 'unknown' is reserved for features whose sector is not recognised" );
    for ( size_t j = 0; j < t.sectors.size(); ++j )
      if ( normalisedKey( t.sectors[j].code ) == normalisedKey( s.code ) )
        fail( path, "'" + where + ".code': '" + s.code + "' is already the code of sectors[" + std::to_string( j ) + "]" );
    t.sectors.push_back( std::move( s ) );
  }
  return t;
}

} // namespace htsplan
