#pragma once
// What htsplan-data knows about Shandong's administrative units beyond the
// source GeoJSON: English names, the city of each county on the 2015 and
// today's map, the 2020 census population and the Blue Economic Zone.
// Codes are GB/T 2260 of about 2017, as in the source.
#include <map>
#include <string>
#include <vector>

namespace htsplan::tools
{

struct CityName
{
    const char *code;
    const char *zh;
    const char *en;
    const char *shortZh; //!< without 市, for generated names
};

//! The 17 cities of the 2015 map (Laiwu separate), in code order.
const std::vector<CityName> &cityNames();
//! The names of a city; throws Failure for an unknown code.
const CityName &cityName( const std::string &code );

//! English names of the counties as named in the source (about 2017):
//! 区 "District", 县 "County", county-level 市 "City", pinyin without tones.
const std::map<std::string, std::string> &countyNamesEn();

//! 2020 census (7th national population census) by city code, 16-city map.
const std::map<std::string, long long> &population2020();
extern const char *const kPopulationSource;

//! The 2015 city of a county: the first four digits + "00".
std::string cityOf2015( const std::string &county );
//! Today's city of a county: Laiwu (3712xx) merged into Jinan in 2019.
std::string cityOfToday( const std::string &county );

//! True for a county of the Shandong Peninsula Blue Economic Zone (State
//! Council, 2011): the land of six cities plus Wudi and Zhanhua of Binzhou.
bool countyInBlueZone( const std::string &code );
//! "full", "partial" (Binzhou) or "none" for a city code.
std::string cityBlueZone( const std::string &cityCode );

} // namespace htsplan::tools
