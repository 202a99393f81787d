#pragma once
// A table of weights keyed by city code, for splitting targets among cities
// (planning/allocation.h): a CSV (UTF-8 or GBK, as Excel saves it) or a sheet
// with a city-code column and numeric columns (GDP, service-sector value added, ...).
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace htsplan
{

struct CityWeights
{
    std::string path;
    std::string column;         //!< the header as the file spells it
    std::string codeColumn;     //!< the city-code column's header
    std::string encoding;       //!< "UTF-8", "GB18030", ...
    std::string encodingReason; //!< how it was decided (RegisterReader::encodingReason)
    std::map<std::string, double> byCode;
};

/**
 * Reads column (a header, compared width- and case-folded) of the table at
 * path, one row per city of cities (code, name). The code column is codeColumn,
 * or else the first header among code, city_code, adcode, 代码, 城市代码,
 * 行政区划代码, 区划代码. Values: numbers as parseAmountCell reads them
 * ("1,234.5", "3000万", "1.2E+08"). Throws one InputError naming the file,
 * and per problem the row (Excel's, header = 1), the field and the value, for:
 * a missing column, an unknown city code, a code given twice, a negative,
 * empty (null) or non-numeric weight, and the cities with no row.
 */
CityWeights readCityWeights( const std::string &path, const std::string &column, const std::vector<std::pair<std::string, std::string>> &cities,
                             const std::string &codeColumn = {} );

} // namespace htsplan
