#include "layers/schema.h"

#include <algorithm>
#include <cctype>

namespace htsplan
{

namespace
{
struct KindNames
{
  Kind kind;
  const char *key;
  const char *layer;
  const char *labelZh;
};
constexpr KindNames kKindNames[KindCount] = {
  { Kind::HightechZone, "hightech_zone", "hightech_zones", "高新区/开发区" },
  { Kind::Base, "base", "bases", "高技术服务业基地" },
  { Kind::Park, "park", "parks", "专业化园区" },
  { Kind::Building, "building", "buildings", "主题楼宇" },
  { Kind::Enterprise, "enterprise", "enterprises", "骨干企业" },
};

} // namespace

const std::array<Kind, KindCount> &allKinds()
{
  static const std::array<Kind, KindCount> kinds = { Kind::HightechZone, Kind::Base, Kind::Park, Kind::Building, Kind::Enterprise };
  return kinds;
}

const char *kindKey( Kind kind ) { return kKindNames[static_cast<int>( kind )].key; }
const char *kindLayer( Kind kind ) { return kKindNames[static_cast<int>( kind )].layer; }
const char *kindLabelZh( Kind kind ) { return kKindNames[static_cast<int>( kind )].labelZh; }

std::optional<Kind> kindFromLayer( const std::string &layerName )
{
  for ( const auto &k : kKindNames )
    if ( layerName == k.layer )
      return k.kind;
  return std::nullopt;
}

std::optional<Kind> kindFromKey( const std::string &key )
{
  for ( const auto &k : kKindNames )
    if ( key == k.key )
      return k.kind;
  return std::nullopt;
}

std::optional<Status> parseStatus( const std::string &text )
{
  const std::string t = normalisedKey( text );
  if ( t == "designated" || t == "已认定" )
    return Status::Designated;
  if ( t == "candidate" || t == "候选" )
    return Status::Candidate;
  if ( t == "planned" || t == "规划" )
    return Status::Planned;
  return std::nullopt;
}

const char *statusKey( Status status )
{
  switch ( status )
  {
    case Status::Designated:
      return "designated";
    case Status::Candidate:
      return "candidate";
    case Status::Planned:
      return "planned";
    case Status::Unknown:
      return "unknown";
  }
  return "designated";
}

std::optional<Vintage> parseVintage( const std::string &text )
{
  const std::string t = normalisedKey( text );
  if ( t == "2015" )
    return Vintage::Y2015;
  if ( t == "current" )
    return Vintage::Current;
  return std::nullopt;
}

std::string normalisedKey( const std::string &text )
{
  auto begin = text.find_first_not_of( " \t\r\n" );
  if ( begin == std::string::npos )
    return {};
  auto end = text.find_last_not_of( " \t\r\n" );
  std::string out = text.substr( begin, end - begin + 1 );
  std::transform( out.begin(), out.end(), out.begin(), []( unsigned char c ) { return static_cast<char>( std::tolower( c ) ); } );
  return out;
}

const char *vintageKey( Vintage vintage ) { return vintage == Vintage::Y2015 ? "2015" : "current"; }
const char *cityLayerName( Vintage vintage ) { return vintage == Vintage::Y2015 ? "cities_2015" : "cities"; }

} // namespace htsplan
