#pragma once
// The administrative map: counties, cities of one vintage, the province.
// Read from a GeoPackage with the layers of data/shandong.gpkg.
#include "layers/schema.h"

#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <optional>
#include <string>
#include <vector>

namespace htsplan
{

struct AdminUnit
{
    std::string code;
    std::string nameZh;
    std::string nameEn;
    std::string cityCode;              //!< counties: the city of the chosen vintage; cities: empty
    std::optional<double> population;  //!< residents; nullopt where no figure exists
    std::string populationSource;
    bool blueZone = false;             //!< counties: in the zone; cities: "full" or "partial"
    std::string blueZoneText;          //!< cities: "full", "partial" or "none"
    double areaKm2 = 0.0;              //!< in the equal-area CRS
    OGRGeometryUniquePtr geometry;     //!< EPSG:4490
};

struct AdminData
{
    std::string path;
    Vintage vintage = Vintage::Y2015;
    std::vector<AdminUnit> counties;
    std::vector<AdminUnit> cities;
    OGRGeometryUniquePtr province; //!< EPSG:4490
    double provinceAreaKm2 = 0.0;
    //! Sum of the current (16-city) populations when all are known: the province's
    //! territory is the same in both vintages, even where a 2015 city has no figure.
    std::optional<double> provincePopulation;

    //! Index of a city by code, or -1.
    int cityIndex( const std::string &code ) const;
};

//! Loads counties, the cities of the vintage and the province, with their areas
//! measured in areaCrs (an equal-area CRS: geometry/crs.h equalArea()); throws
//! InputError naming the file and layer when a layer or field is missing.
AdminData loadAdmin( const std::string &path, Vintage vintage, const OGRSpatialReference &areaCrs );

} // namespace htsplan
