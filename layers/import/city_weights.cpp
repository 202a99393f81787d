#include "layers/import/city_weights.h"

#include "layers/cells.h"
#include "layers/import/register_reader.h"
#include "layers/problems.h"
#include "layers/text.h"

#include <algorithm>
#include <cmath>

namespace htsplan
{

namespace
{
const char *const CodeHeaders[] = { "code", "city_code", "citycode", "adcode", "代码", "城市代码", "行政区划代码", "区划代码", "市代码" };

//! The index of the header that folds to key, or -1.
int headerIndex( const std::vector<std::string> &headers, const std::string &key )
{
  for ( size_t i = 0; i < headers.size(); ++i )
    if ( foldKey( headers[i] ) == foldKey( key ) )
      return static_cast<int>( i );
  return -1;
}

std::string headerList( const std::vector<std::string> &headers )
{
  std::string out;
  for ( const std::string &h : headers )
    out += ( out.empty() ? "'" : ", '" ) + h + "'";
  return out;
}

//! A code as a spreadsheet may give it: "370100", "３７０１００", "370100.0".
std::string cleanCode( const std::string &cell )
{
  std::string code = foldWidth( cell );
  if ( code.size() > 2 && code.compare( code.size() - 2, 2, ".0" ) == 0 )
    code.resize( code.size() - 2 );
  return code;
}

bool isNull( const std::string &folded )
{
  const std::string key = foldKey( folded );
  return key.empty() || key == "null" || key == "na" || key == "n/a" || key == "-" || key == "—" || key == "无";
}
} // namespace

CityWeights readCityWeights( const std::string &path, const std::string &column, const std::vector<std::pair<std::string, std::string>> &cities,
                             const std::string &codeColumn )
{
  RegisterReader reader( path, RegisterReadOptions() );
  CityWeights out;
  out.path = path;
  out.encoding = reader.encoding();
  out.encodingReason = reader.encodingReason();
  const std::vector<std::string> &headers = reader.headers();
  const std::string where = "weights " + path;
  int codeIndex = -1;
  if ( !codeColumn.empty() )
  {
    codeIndex = headerIndex( headers, codeColumn );
    if ( codeIndex < 0 )
      throw InputError( where + ": no code column '" + codeColumn + "' (columns: " + headerList( headers ) + ")" );
  }
  else
    for ( const char *name : CodeHeaders )
      if ( codeIndex < 0 )
        codeIndex = headerIndex( headers, name );
  if ( codeIndex < 0 )
    throw InputError( where + ": no city code column (code, city_code, 城市代码, 行政区划代码, ...; columns: " + headerList( headers ) + ")" );
  const int valueIndex = headerIndex( headers, column );
  if ( column.empty() || valueIndex < 0 )
    throw InputError( where + ": no column '" + column + "' (columns: " + headerList( headers ) + ")" );
  out.column = headers[static_cast<size_t>( valueIndex )];
  out.codeColumn = headers[static_cast<size_t>( codeIndex )];
  const double unit = amountUnitFromHeader( out.column );

  std::map<std::string, std::string> nameOf( cities.begin(), cities.end() );
  std::string known;
  for ( const auto &[code, name] : cities )
    known += ( known.empty() ? "" : ", " ) + code + " " + name;
  std::map<std::string, long long> rowOf;
  std::vector<std::string> problems;
  reader.forEachRow( [&]( const RegisterRow &row ) {
    const std::string at = "row " + std::to_string( row.number ) + ", field '";
    const std::string code = cleanCode( row.cells[static_cast<size_t>( codeIndex )] );
    if ( !nameOf.count( code ) )
    {
      problems.push_back( at + out.codeColumn + "': " + quotedCell( code ) + " is not a city of the map (" + known + ")" );
      return;
    }
    const std::string city = code + " " + nameOf[code];
    if ( const auto seen = rowOf.find( code ); seen != rowOf.end() )
    {
      problems.push_back( at + out.codeColumn + "': " + city + " again (first in row " + std::to_string( seen->second ) + ")" );
      return;
    }
    rowOf[code] = row.number;
    const std::string text = foldWidth( row.cells[static_cast<size_t>( valueIndex )] );
    if ( isNull( text ) )
    {
      problems.push_back( at + out.column + "': no weight (null) for " + city );
      return;
    }
    if ( text[0] == '-' )
    {
      problems.push_back( at + out.column + "': " + quotedCell( text ) + " for " + city + " is negative (weights must be >= 0)" );
      return;
    }
    const Parsed<double> value = parseAmountCell( text, unit );
    if ( !value.value || !std::isfinite( *value.value ) )
    {
      problems.push_back( at + out.column + "': " + ( value.problem.empty() ? quotedCell( text ) + " is not a number" : value.problem ) + " for " + city );
      return;
    }
    out.byCode[code] = *value.value;
  } );
  std::string missing;
  for ( const auto &[code, name] : cities )
    if ( !rowOf.count( code ) )
      missing += ( missing.empty() ? "" : ", " ) + code + " " + name;
  if ( !missing.empty() )
    problems.push_back( "no row for " + missing + " (every city of the map needs a weight)" );
  if ( !problems.empty() )
  {
    std::string message = where + " (column '" + out.column + "'): ";
    for ( size_t i = 0; i < problems.size() && i < 8; ++i )
      message += ( i ? "; " : "" ) + problems[i];
    if ( problems.size() > 8 )
      message += "; and " + std::to_string( problems.size() - 8 ) + " more";
    throw InputError( message );
  }
  return out;
}

} // namespace htsplan
