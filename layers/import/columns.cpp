#include "layers/import/columns.h"

#include "layers/cells.h"
#include "layers/problems.h"
#include "layers/text.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

namespace htsplan
{

namespace
{
struct RoleNames
{
    Role role;
    const char *key;
    // Header names as foldKey leaves them (lower case, no spaces), without a
    // bracketed unit. No name belongs to two roles.
    std::vector<std::string_view> aliases;
};

const std::array<RoleNames, 11> &roleNames()
{
  static const std::array<RoleNames, 11> names = { {
    { Role::Name, "name", { "名称", "单位名称", "企业名称", "园区名称", "楼宇名称", "基地名称", "name" } },
    { Role::Sector, "sector", { "领域", "行业", "所属领域", "所属行业", "sector" } },
    { Role::Status, "status", { "状态", "认定状态", "status" } },
    { Role::Year, "year", { "年份", "认定年份", "认定时间", "year" } },
    { Role::Revenue, "revenue", { "营业收入", "主营业务收入", "收入", "revenue", "revenue_cny" } },
    { Role::Lon, "lon", { "经度", "东经", "x坐标", "x", "lon", "lng", "long", "longitude" } },
    { Role::Lat, "lat", { "纬度", "北纬", "y坐标", "y", "lat", "latitude" } },
    { Role::Kind, "kind", { "类型", "类别", "载体类型", "kind" } },
    // The unified social credit code identifies an enterprise for good.
    { Role::Id, "id", { "编号", "代码", "统一社会信用代码", "id" } },
    { Role::Parent, "parent", { "上级", "所属园区", "所属基地", "parent" } },
    { Role::ZoneType, "zone_type", { "园区类型", "zone_type" } },
  } };
  return names;
}

// foldKey without a bracketed suffix ("经度(gcj02)", "收入【万元】") or the
// asterisks that mark required columns in bureaus' templates.
std::string headerKey( std::string_view header )
{
  std::string key = foldKey( header );
  while ( !key.empty() && key.front() == '*' )
    key.erase( 0, 1 );
  while ( !key.empty() && key.back() == '*' )
    key.pop_back();
  for ( const auto &[open, close] : { std::pair<std::string_view, std::string_view> { "(", ")" }, { "[", "]" }, { "【", "】" } } )
  {
    if ( key.size() <= close.size() || key.compare( key.size() - close.size(), close.size(), close ) != 0 )
      continue;
    const size_t at = key.rfind( open );
    if ( at != std::string::npos && at > 0 )
      key.erase( at );
    break;
  }
  return key;
}

// The column as Excel names it: A, B, ..., Z, AA, ...
std::string columnLetter( int index )
{
  std::string letters;
  for ( int n = index + 1; n > 0; n = ( n - 1 ) / 26 )
    letters.insert( letters.begin(), static_cast<char>( 'A' + ( n - 1 ) % 26 ) );
  return letters;
}

std::string describe( const std::vector<std::string> &headers, int index )
{
  return "'" + headers[index] + "' (column " + columnLetter( index ) + ")";
}

std::optional<int> findHeader( const std::vector<std::string> &headers, std::string_view wanted )
{
  const std::string exact = foldKey( wanted );
  for ( size_t i = 0; i < headers.size(); ++i )
    if ( foldKey( headers[i] ) == exact )
      return static_cast<int>( i );
  // "营业收入" finds "营业收入（万元）".
  const std::string bare = headerKey( wanted );
  for ( size_t i = 0; i < headers.size(); ++i )
    if ( !bare.empty() && headerKey( headers[i] ) == bare )
      return static_cast<int>( i );
  return std::nullopt;
}

// The factor for a note: "10000", "1e+08" would read worse than "100000000".
std::string factorText( double factor )
{
  char text[64];
  std::snprintf( text, sizeof text, "%.0f", factor );
  return text;
}

std::string listed( const std::vector<std::string> &headers )
{
  std::string out;
  for ( const std::string &header : headers )
    out += ( out.empty() ? "'" : ", '" ) + header + "'";
  return out.empty() ? "none" : out;
}
} // namespace

const char *roleKey( Role role ) { return roleNames()[static_cast<size_t>( role )].key; }

std::optional<Role> parseRole( std::string_view key )
{
  const std::string k = foldKey( key );
  for ( const RoleNames &names : roleNames() )
    if ( k == names.key )
      return names.role;
  return std::nullopt;
}

ColumnMapping guessColumns( const std::vector<std::string> &headers, const std::map<Role, std::string> &explicitMapping )
{
  ColumnMapping mapping;
  std::vector<bool> taken( headers.size(), false );
  for ( const auto &[role, wanted] : explicitMapping )
  {
    const std::optional<int> index = findHeader( headers, wanted );
    if ( !index )
      throw InputError( std::string( "no column '" ) + wanted + "' for " + roleKey( role ) + "; the headers are " + listed( headers ) );
    mapping.columns[role] = *index;
    taken[*index] = true;
  }
  for ( size_t i = 0; i < headers.size(); ++i )
  {
    if ( taken[i] )
      continue;
    const std::string key = headerKey( headers[i] );
    for ( const RoleNames &names : roleNames() )
    {
      if ( std::find( names.aliases.begin(), names.aliases.end(), key ) == names.aliases.end() )
        continue;
      if ( explicitMapping.count( names.role ) )
        break;
      const auto [at, inserted] = mapping.columns.emplace( names.role, static_cast<int>( i ) );
      if ( !inserted )
        mapping.notes.push_back( std::string( "columns " ) + describe( headers, at->second ) + " and " +
                                 describe( headers, static_cast<int>( i ) ) + " both look like " + names.key +
                                 ": the first is used" );
      break;
    }
  }
  const auto revenue = mapping.columns.find( Role::Revenue );
  if ( revenue != mapping.columns.end() )
  {
    mapping.revenueFactor = amountUnitFromHeader( headers[revenue->second] );
    if ( mapping.revenueFactor != 1 )
      mapping.notes.push_back( "revenue in " + describe( headers, revenue->second ) + " is multiplied by " +
                               factorText( mapping.revenueFactor ) + " to yuan" );
  }
  return mapping;
}

std::vector<CrsHint> crsHints( const std::vector<std::string> &headers, std::string_view fileName )
{
  struct Word
  {
      std::string_view text;
      SourceCrs crs;
  };
  // 火星坐标 ("Mars coordinates") is the colloquial name of GCJ-02.
  static const Word kWords[] = {
    { "bd09", SourceCrs::Bd09 },     { "bd-09", SourceCrs::Bd09 },    { "baidu", SourceCrs::Bd09 },  { "百度", SourceCrs::Bd09 },
    { "gcj", SourceCrs::Gcj02 },     { "amap", SourceCrs::Gcj02 },    { "gaode", SourceCrs::Gcj02 }, { "高德", SourceCrs::Gcj02 },
    { "tencent", SourceCrs::Gcj02 }, { "腾讯", SourceCrs::Gcj02 },     { "火星", SourceCrs::Gcj02 },
  };
  std::vector<std::string_view> texts( headers.begin(), headers.end() );
  // The file's own name, not the folders it is in.
  const size_t slash = fileName.find_last_of( "/\\" );
  if ( slash != std::string_view::npos )
    fileName.remove_prefix( slash + 1 );
  if ( !fileName.empty() )
    texts.push_back( fileName );
  std::vector<CrsHint> hints;
  for ( std::string_view text : texts )
  {
    const std::string key = foldKey( text );
    for ( const Word &word : kWords )
      if ( key.find( word.text ) != std::string::npos )
      {
        hints.push_back( { word.crs, std::string( text ) } );
        break;
      }
  }
  return hints;
}

} // namespace htsplan
