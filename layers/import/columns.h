#pragma once
// Which column of a register holds what: guessed from the header row
// (Chinese or English names, full-width or not), or given by the user.
#include "layers/import/china_coords.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace htsplan
{

//! What a column holds.
enum class Role
{
  Name,
  Sector,
  Status,
  Year,
  Revenue,
  Lon,
  Lat,
  Kind,
  Id,
  Parent,
  ZoneType
};

//! "name", "sector", "status", "year", "revenue", "lon", "lat", "kind", "id",
//! "parent", "zone_type": the words of an explicit mapping ("lon=东经").
const char *roleKey( Role role );
//! The role of a key (case and width do not matter); nullopt when unknown.
std::optional<Role> parseRole( std::string_view key );

struct ColumnMapping
{
    std::map<Role, int> columns; //!< role → index into the headers
    double revenueFactor = 1;    //!< yuan per unit of the revenue column (1e4 for 万元)
    std::vector<std::string> notes; //!< what the user should know: a header ignored, a unit read
};

//! Maps roles to columns. A header matches a role when, width-folded, lower-
//! cased and without spaces or a bracketed unit ("营业收入（万元）" → 营业收入),
//! it is one of the role's names (经度, 东经, X坐标, lon, lng, ... for Lon; see
//! columns.cpp). explicitMapping (role → header text, compared the same way)
//! wins over the guess; a header named there but missing throws InputError
//! naming it and listing the headers. When two headers claim one role the
//! first wins and a note names the other. The revenue factor comes from the
//! revenue header's unit (amountUnitFromHeader).
ColumnMapping guessColumns( const std::vector<std::string> &headers,
                            const std::map<Role, std::string> &explicitMapping = {} );

//! A text that suggests the coordinates are not CGCS2000/WGS84.
struct CrsHint
{
    SourceCrs crs;
    std::string text; //!< the header or file name that says so
};

//! Headers and the file name that mention Amap or Tencent (gcj, amap, gaode,
//! 高德, 腾讯, 火星 → Gcj02) or Baidu (bd09, baidu, 百度 → Bd09), in order: the
//! importer warns, or takes the system when the user gave none.
std::vector<CrsHint> crsHints( const std::vector<std::string> &headers, std::string_view fileName = {} );

} // namespace htsplan
