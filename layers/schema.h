#pragma once
// The facility layer contract and the administrative vintages: names shared by
// the loader, the engine, the outputs and the plugin.
#include <array>
#include <optional>
#include <string>

namespace htsplan
{

//! The five carrier kinds, in report order.
enum class Kind
{
  HightechZone,
  Base,
  Park,
  Building,
  Enterprise
};
constexpr int KindCount = 5;
const std::array<Kind, KindCount> &allKinds();

//! Key used in metrics.json and the CSV columns ("hightech_zone", "base", ...).
const char *kindKey( Kind kind );
//! GeoPackage layer name of the facility contract ("hightech_zones", "bases", ...).
const char *kindLayer( Kind kind );
//! Chinese label used on maps and tables.
const char *kindLabelZh( Kind kind );
std::optional<Kind> kindFromLayer( const std::string &layerName );
std::optional<Kind> kindFromKey( const std::string &key );

enum class Status
{
  Designated,
  Candidate,
  Planned,
  Unknown //!< no status, or one that cannot be read: never counts as designated
};
//! Parses "designated"/"candidate"/"planned" or 已认定/候选/规划 (case-insensitive, trimmed).
std::optional<Status> parseStatus( const std::string &text );
const char *statusKey( Status status );

//! Which city map the units are judged on: 17 cities with Laiwu (2015) or 16 (current).
enum class Vintage
{
  Y2015,
  Current
};
std::optional<Vintage> parseVintage( const std::string &text );

//! Text trimmed of white space with ASCII letters lower-cased (Chinese
//! characters are kept as they are): how names and codes are compared.
std::string normalisedKey( const std::string &text );
const char *vintageKey( Vintage vintage );
//! Layer name of the city layer for a vintage ("cities_2015" or "cities").
const char *cityLayerName( Vintage vintage );

} // namespace htsplan
