#pragma once
// Where an imported register's points fall on the admin map, and the test a
// planner cannot do by eye: would the counties change if the list's
// coordinates were in another system (a list declared WGS84 that was really
// picked on Amap, in GCJ-02, is 410-570 m off in Shandong)?
#include "layers/admin.h"
#include "layers/import/import_list.h"

#include <string>
#include <vector>

namespace htsplan
{

struct RegisterPlacement
{
    long long points = 0;
    long long outsideProvince = 0;       //!< in no county of the admin map
    std::vector<long long> outsideRows;  //!< the first few, as the list numbers them
    //! Declared GCJ-02 or BD-09: points the conversion moved into another county.
    long long movedCounty = 0;
    //! Declared CGCS2000/WGS84: points that would be in another county if the list were GCJ-02 (Amap), or BD-09 (Baidu).
    long long changeIfGcj02 = 0;
    long long changeIfBd09 = 0;

    //! Lines for the front doors (info and warnings), naming the counts.
    ReportLines lines( const ImportResult &result ) const;
};

//! Places every imported facility in the counties of admin (EPSG:4490) and runs the shift test.
RegisterPlacement checkPlacement( const ImportResult &result, const AdminData &admin );

} // namespace htsplan
