#include "layers/revenue_table.h"

#include "layers/cells.h"
#include "layers/contract.h"
#include "layers/schema.h"
#include "layers/text.h"

#include <ogrsf_frmts.h>

#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

namespace htsplan
{

namespace
{

namespace problem
{
constexpr const char *UnknownId = "no enterprise of the enterprises layer has this id; row not used";
constexpr const char *NoId = "no enterprise id (NULL or empty); row not used";
constexpr const char *BadYear = "a year that cannot be read or lies outside the plan; row not used";
constexpr const char *BadRevenue = "revenue NULL, negative or not an amount; row not used";
constexpr const char *RepeatYear = "a second revenue for the same enterprise and year; the first row is used";
} // namespace problem

int fieldIndex( OGRFeatureDefn *defn, const char *name, const std::string &path )
{
  for ( int i = 0; i < defn->GetFieldCount(); ++i )
    if ( normalisedKey( defn->GetFieldDefn( i )->GetNameRef() ) == name )
      return i;
  throw InputError( "facilities file " + path + ", table " + REVENUE_TABLE + ": no field '" + name +
                    "' (the table needs enterprise_id, year, revenue_cny)" );
}

std::string quoted( const std::string &text ) { return "'" + text + "'"; }

} // namespace

int firstRevenueYear( const Targets &targets ) { return targets.startYear - 1; }
int lastRevenueYear( const Targets &targets ) { return targets.targetYear + 10; }

void readRevenueTable( OGRLayer &table, const std::string &path, const Targets &targets, FacilitySet &set )
{
  set.revenueTable = true;
  OGRFeatureDefn *defn = table.GetLayerDefn();
  const int idField = fieldIndex( defn, field::EnterpriseId, path );
  const int yearField = fieldIndex( defn, field::Year, path );
  const int revenueField = fieldIndex( defn, field::RevenueCny, path );
  const std::string idName = defn->GetFieldDefn( idField )->GetNameRef();
  const std::string yearName = defn->GetFieldDefn( yearField )->GetNameRef();
  const std::string revenueName = defn->GetFieldDefn( revenueField )->GetNameRef();
  const OGRFieldType yearType = defn->GetFieldDefn( yearField )->GetType();
  const OGRFieldType revenueType = defn->GetFieldDefn( revenueField )->GetType();

  std::unordered_map<std::string, size_t> enterprises; // id -> item
  for ( size_t i = 0; i < set.items.size(); ++i )
    if ( set.items[i].kind == Kind::Enterprise && !set.items[i].id.empty() )
      enterprises.emplace( set.items[i].id, i );

  const int first = firstRevenueYear( targets );
  const int last = lastRevenueYear( targets );
  std::set<std::pair<size_t, int>> seen;
  table.ResetReading();
  for ( auto &feature : table )
  {
    const std::string row = "fid " + std::to_string( feature->GetFID() );
    auto report = [&]( const std::string &fieldName, const char *kind, const std::string &value, const std::string &text ) {
      set.problems.push_back( { "warning", REVENUE_TABLE, row, fieldName, text, kind, value } );
    };
    const std::string id = feature->IsFieldSetAndNotNull( idField ) ? utf8OrGb18030( feature->GetFieldAsString( idField ) ) : std::string();
    if ( id.empty() )
    {
      report( idName, problem::NoId, {}, problem::NoId );
      continue;
    }
    const auto enterprise = enterprises.find( id );
    if ( enterprise == enterprises.end() )
    {
      report( idName, problem::UnknownId, quoted( id ), "enterprise id '" + id + "' is no enterprise of the file; row not used" );
      continue;
    }
    std::optional<int> year;
    std::string yearText = feature->IsFieldSetAndNotNull( yearField ) ? feature->GetFieldAsString( yearField ) : "NULL";
    if ( feature->IsFieldSetAndNotNull( yearField ) )
    {
      if ( yearType == OFTInteger || yearType == OFTInteger64 )
      {
        const long long y = feature->GetFieldAsInteger64( yearField );
        if ( y >= first && y <= last )
          year = static_cast<int>( y );
      }
      else
        year = parseYearCell( utf8OrGb18030( yearText ), first, last ).value;
    }
    if ( !year )
    {
      report( yearName, problem::BadYear, quoted( yearText ),
              "year '" + yearText + "' of enterprise " + id + " cannot be read or lies outside " + std::to_string( first ) + "-" +
                std::to_string( last ) + "; row not used" );
      continue;
    }
    std::optional<double> revenue;
    std::string revenueText = feature->IsFieldSetAndNotNull( revenueField ) ? utf8OrGb18030( feature->GetFieldAsString( revenueField ) ) : "NULL";
    if ( feature->IsFieldSetAndNotNull( revenueField ) )
    {
      if ( revenueType == OFTReal || revenueType == OFTInteger || revenueType == OFTInteger64 )
      {
        const double v = feature->GetFieldAsDouble( revenueField );
        if ( std::isfinite( v ) && v >= 0 )
          revenue = v;
      }
      else
        revenue = parseAmountCell( revenueText ).value;
    }
    if ( !revenue )
    {
      report( revenueName, problem::BadRevenue, quoted( revenueText ),
              "revenue '" + revenueText + "' of enterprise " + id + " in " + std::to_string( *year ) + " is NULL, negative or not an amount; row not used" );
      continue;
    }
    if ( !seen.insert( { enterprise->second, *year } ).second )
    {
      report( yearName, problem::RepeatYear, quoted( id + " " + std::to_string( *year ) ),
              "enterprise " + id + " has a second revenue for " + std::to_string( *year ) + "; the first row is used" );
      continue;
    }
    set.revenue.push_back( { enterprise->second, *year, *revenue } );
  }
}

} // namespace htsplan
