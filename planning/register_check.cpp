#include "planning/register_check.h"

#include "geometry/polygon_index.h"

namespace htsplan
{

RegisterPlacement checkPlacement( const ImportResult &result, const AdminData &admin )
{
  std::vector<const OGRGeometry *> polygons;
  polygons.reserve( admin.counties.size() );
  for ( const AdminUnit &county : admin.counties )
    polygons.push_back( county.geometry.get() );
  const PolygonIndex index( polygons );

  RegisterPlacement placement;
  const bool declaredPlain = result.crs == SourceCrs::Cgcs2000 || result.crs == SourceCrs::Wgs84;
  for ( const ImportedFacility &f : result.facilities )
  {
    ++placement.points;
    const int county = index.locate( f.lon, f.lat );
    if ( county < 0 )
    {
      ++placement.outsideProvince;
      if ( placement.outsideRows.size() < 5 )
        placement.outsideRows.push_back( f.srcRow );
      continue;
    }
    if ( declaredPlain )
    {
      // The same numbers read as Amap's or Baidu's: where would the point be?
      const LonLat asGcj = toCgcs2000( SourceCrs::Gcj02, f.srcLon, f.srcLat );
      const LonLat asBd = toCgcs2000( SourceCrs::Bd09, f.srcLon, f.srcLat );
      placement.changeIfGcj02 += index.locate( asGcj.lon, asGcj.lat ) != county ? 1 : 0;
      placement.changeIfBd09 += index.locate( asBd.lon, asBd.lat ) != county ? 1 : 0;
    }
    else
      placement.movedCounty += index.locate( f.srcLon, f.srcLat ) != county ? 1 : 0;
  }
  return placement;
}

ReportLines RegisterPlacement::lines( const ImportResult &result ) const
{
  ReportLines out;
  auto share = [&]( long long n ) {
    return std::to_string( n ) + " of " + std::to_string( points ) + " (" + std::to_string( points ? ( 1000 * n / points + 5 ) / 10 : 0 ) + "%)";
  };
  if ( outsideProvince > 0 )
  {
    std::string rows;
    for ( long long r : outsideRows )
      rows += ( rows.empty() ? "" : ", " ) + std::to_string( r );
    out.warnings.push_back( share( outsideProvince ) + " points lie in no county of the admin map (rows " + rows +
                   ( outsideProvince > static_cast<long long>( outsideRows.size() ) ? ", ..." : "" ) +
                   "): outside Shandong, or coordinates wrong" );
  }
  if ( result.crs == SourceCrs::Gcj02 || result.crs == SourceCrs::Bd09 )
    out.info.push_back( "shift test: converting from " + std::string( sourceCrsLabel( result.crs ) ) + " moved " + share( movedCounty ) +
                   " points into another county" );
  else if ( points > 0 )
  {
    const std::string line = "shift test: if this list were really GCJ-02 (Amap, Tencent), " + share( changeIfGcj02 ) +
                             " points would be in another county; if BD-09 (Baidu), " + share( changeIfBd09 );
    ( changeIfGcj02 > 0 && !result.crsDeclared ? out.warnings : out.info )
      .push_back( line + ( result.crsDeclared ? "" : "; declare the list's coordinate system (--crs) to be sure" ) );
  }
  return out;
}

} // namespace htsplan
