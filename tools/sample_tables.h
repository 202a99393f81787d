#pragma once
// The fixed tables of the sample generator: sectors, name words, the national
// zones with their approximate centres, the bases, and how the free-standing
// points are spread over the cities. Sample data only: not real designations.
#include <string>
#include <utility>
#include <vector>

namespace htsplan::tools
{

struct SectorInfo
{
    const char *code;
    const char *zh;      //!< name used in the data for a few features
    const char *alias;   //!< an alias of the targets file, for a few features
    const char *park;    //!< park name ending
    const char *theme;   //!< building theme
    const char *company; //!< company name ending
    double weight;       //!< relative frequency of a freely drawn sector
};

//! The nine sectors of targets/shandong-2013.json, in a fixed order (indexes
//! of this vector are what the generator draws).
const std::vector<SectorInfo> &sectors();
//! Index in sectors() of a code; throws Failure for an unknown one.
size_t sectorIndex( const std::string &code );
//! The weights of sectors(), in its order, for weighted draws.
std::vector<double> sectorWeights();
//! True for the coastal cities where the marine sector may be drawn.
bool coastalForMarine( const std::string &city );

//! Plausible distinctive words of Chinese names.
const std::vector<std::string> &nameWords();

struct ZoneDef
{
    const char *id;
    const char *name;
    const char *zoneType; //!< "hightech" or "development"
    const char *city;     //!< 2015 city code
    double lon, lat;      //!< approximate centre
    double radiusKm;
    int year;             //!< of national status
};

//! Approximate centres of Shandong's national high-tech zones (status by 2015)
//! and four national economic-technological development zones.
const std::vector<ZoneDef> &zoneDefs();

struct BaseDef
{
    const char *id;
    const char *name;
    const char *sector;
    const char *zone;   //!< Z.. or empty
    const char *county; //!< for bases outside a zone
    const char *status;
    int year;           //!< 0 = null
    int parks;          //!< parks generated in the base's zone
};

//! The 24 bases: 20 inside a zone, 2 candidate and 2 planned in a county.
const std::vector<BaseDef> &baseDefs();

//! Relative weights of the 2015 cities for points not tied to a park
//! (Jinan and Qingdao most).
const std::vector<std::pair<const char *, double>> &cityWeights();

} // namespace htsplan::tools
