// Spatial weights, Moran's I and Getis-Ord Gi* (analysis/stats) against R's
// spdep: on the bundled counties with the sample's enterprise counts, and on a
// generated grid with an island. Neighbour lists must be identical, the
// statistics equal to 1e-9.
#include <catch2/catch.hpp>

#include "analysis/stats/getis_ord.h"
#include "analysis/stats/moran.h"
#include "analysis/stats/weights.h"
#include "geometry/polygon_index.h"
#include "geometry/reproject.h"
#include "planning/spatial_statistics.h"

#include <QTemporaryDir>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace htsplan;

namespace
{
struct Units
{
    std::vector<std::string> names, wkts;
    std::vector<UnitVertices> vertices;
    std::vector<double> xs, ys, values; //!< centroids, value per unit
};

struct Scheme
{
    std::string name, kind;
    double parameter;
};

void addUnit( Units &units, const std::string &name, const OGRGeometry &geometry, double value )
{
  UnitVertices v = outlineVertices( geometry, name ); // the algorithms' and the report's own
  OGRPoint centroid;
  REQUIRE( geometry.Centroid( &centroid ) == OGRERR_NONE );
  char *wkt = nullptr;
  OGRWktOptions options;
  options.precision = 17;
  options.format = OGRWktFormat::G;
  units.wkts.push_back( geometry.exportToWkt( options ) );
  CPLFree( wkt );
  units.names.push_back( name );
  units.vertices.push_back( std::move( v ) );
  units.xs.push_back( centroid.getX() );
  units.ys.push_back( centroid.getY() );
  units.values.push_back( value );
}

//! The bundled counties in the analysis CRS, each with the number of the sample's enterprises in it.
Units bundledCounties()
{
  const std::string data = std::string( HTSPLAN_SOURCE_DIR ) + "/data";
  GDALDatasetUniquePtr admin( GDALDataset::Open( ( data + "/shandong.gpkg" ).c_str(), GDAL_OF_VECTOR ) );
  REQUIRE( admin );
  TransformPtr toAnalysis = storageToAnalysis();
  std::vector<OGRGeometryUniquePtr> polygons;
  std::vector<std::string> names;
  for ( const auto &f : *admin->GetLayerByName( "counties" ) )
  {
    OGRGeometryUniquePtr projected = projectedCopy( *f->GetGeometryRef(), *toAnalysis );
    if ( wkbFlatten( projected->getGeometryType() ) == wkbPolygon )
      projected.reset( OGRGeometryFactory::forceToMultiPolygon( projected.release() ) );
    polygons.push_back( std::move( projected ) );
    names.push_back( f->GetFieldAsString( "name_zh" ) );
  }
  GDALDatasetUniquePtr sample( GDALDataset::Open( ( data + "/sample/facilities.gpkg" ).c_str(), GDAL_OF_VECTOR ) );
  REQUIRE( sample );
  std::vector<double> xs, ys;
  for ( const auto &f : *sample->GetLayerByName( "enterprises" ) )
  {
    const OGRPoint *p = f->GetGeometryRef()->toPoint();
    xs.push_back( p->getX() );
    ys.push_back( p->getY() );
  }
  projectPoints( *toAnalysis, xs.data(), ys.data(), xs.size() );
  std::vector<const OGRGeometry *> raw;
  for ( const auto &g : polygons )
    raw.push_back( g.get() );
  std::vector<double> counts( polygons.size(), 0.0 );
  for ( int unit : assignPoints( PolygonIndex( raw ), xs, ys ) )
    if ( unit >= 0 )
      counts[static_cast<size_t>( unit )] += 1;
  Units units;
  for ( size_t i = 0; i < polygons.size(); ++i )
    addUnit( units, names[i], *polygons[i], counts[i] );
  return units;
}

//! A 9 × 7 grid of 1 km squares and one square 5 km off (an island); values rise to the north-east, with seeded noise.
Units generatedGrid()
{
  Units units;
  std::mt19937_64 random( 13 );
  std::uniform_real_distribution<double> noise( 0, 40 );
  char wkt[300];
  auto square = [&]( double x, double y, double value ) {
    std::snprintf( wkt, sizeof wkt, "MULTIPOLYGON (((%.17g %.17g,%.17g %.17g,%.17g %.17g,%.17g %.17g,%.17g %.17g)))", x, y, x + 1000, y, x + 1000, y + 1000, x, y + 1000, x, y );
    OGRGeometry *g = nullptr;
    REQUIRE( OGRGeometryFactory::createFromWkt( wkt, nullptr, &g ) == OGRERR_NONE );
    OGRGeometryUniquePtr owned( g );
    addUnit( units, "cell " + std::to_string( units.names.size() ), *g, value );
  };
  for ( int row = 0; row < 7; ++row )
    for ( int column = 0; column < 9; ++column )
      square( 500000 + column * 1000.0, 4000000 + row * 1000.0, std::floor( 10.0 * row + 8.0 * column + noise( random ) ) );
  square( 500000 + 14000.0, 4000000 + 3000.0, 55 );
  return units;
}

Units addWkt( Units units, const std::string &name, const char *wkt, double value )
{
  OGRGeometry *g = nullptr;
  REQUIRE( OGRGeometryFactory::createFromWkt( wkt, nullptr, &g ) == OGRERR_NONE );
  OGRGeometryUniquePtr owned( g );
  addUnit( units, name, *g, value );
  return units;
}

/**
 * A unit of two parts whose second part starts (and so, with its closing
 * vertex, ends) at the one point it shares with another unit: spdep lists that
 * point twice, so the two are rook neighbours for spdep though they share no
 * edge. The other units share edges.
 */
Units secondRingCorner()
{
  Units u;
  u = addWkt( u, "two parts", "MULTIPOLYGON (((0 0,1000 0,1000 1000,0 1000,0 0)),((6000 1000,5000 1000,5000 0,6000 0,6000 1000)))", 10 );
  u = addWkt( u, "corner", "MULTIPOLYGON (((7000 2000,6000 2000,6000 1000,7000 1000,7000 2000)))", 25 );
  u = addWkt( u, "east of corner", "MULTIPOLYGON (((8000 2000,7000 2000,7000 1000,8000 1000,8000 2000)))", 31 );
  u = addWkt( u, "north of corner", "MULTIPOLYGON (((7000 3000,6000 3000,6000 2000,7000 2000,7000 3000)))", 4 );
  u = addWkt( u, "north of two parts", "MULTIPOLYGON (((1000 2000,0 2000,0 1000,1000 1000,1000 2000)))", 17 );
  // Three more in a row to the east: enough units for spdep's 9,999 permutations.
  u = addWkt( u, "east 2", "MULTIPOLYGON (((9000 2000,8000 2000,8000 1000,9000 1000,9000 2000)))", 40 );
  u = addWkt( u, "east 3", "MULTIPOLYGON (((10000 2000,9000 2000,9000 1000,10000 1000,10000 2000)))", 36 );
  u = addWkt( u, "east 4", "MULTIPOLYGON (((11000 2000,10000 2000,10000 1000,11000 1000,11000 2000)))", 52 );
  return u;
}

std::vector<double> readColumn( const std::string &path, const std::string &column )
{
  std::ifstream in( path );
  REQUIRE( in );
  std::string line;
  std::getline( in, line );
  std::vector<std::string> header;
  std::stringstream hs( line );
  for ( std::string cell; std::getline( hs, cell, ',' ); )
    header.push_back( cell );
  size_t index = header.size();
  for ( size_t i = 0; i < header.size(); ++i )
    if ( header[i] == column )
      index = i;
  REQUIRE( index < header.size() );
  std::vector<double> out;
  while ( std::getline( in, line ) )
  {
    std::stringstream ls( line );
    std::string cell;
    for ( size_t i = 0; i <= index; ++i )
      std::getline( ls, cell, ',' );
    out.push_back( std::strtod( cell.c_str(), nullptr ) ); // "NaN" reads as NaN
  }
  return out;
}

NeighbourLists readNeighbours( const std::string &path )
{
  std::ifstream in( path );
  REQUIRE( in );
  NeighbourLists lists;
  std::string line;
  while ( std::getline( in, line ) )
  {
    std::stringstream ls( line );
    std::vector<size_t> list;
    for ( size_t j; ls >> j; )
      list.push_back( j - 1 );
    lists.push_back( list );
  }
  return lists;
}

bool close( double ours, double theirs )
{
  return std::fabs( ours - theirs ) <= 1e-9 * std::max( 1.0, std::fabs( theirs ) );
}

NeighbourLists ourNeighbours( const Units &units, const Scheme &s )
{
  if ( s.kind == "queen" || s.kind == "rook" )
    return contiguityNeighbours( units.vertices, s.kind == "queen", s.parameter );
  if ( s.kind == "band" )
    return distanceBandNeighbours( units.xs, units.ys, s.parameter );
  return nearestNeighbourLists( units.xs, units.ys, static_cast<size_t>( s.parameter ) );
}

//! Runs spdep on the units and compares every scheme; returns our neighbour lists per scheme.
std::vector<NeighbourLists> compareWithSpdep( const Units &units, const std::vector<Scheme> &schemes )
{
  QTemporaryDir dir;
  const std::string d = dir.path().toStdString();
  {
    std::ofstream out( d + "/units.csv" );
    out << "wkt,x,y,value\n";
    char line[200];
    for ( size_t i = 0; i < units.xs.size(); ++i )
    {
      std::snprintf( line, sizeof line, ",%.17g,%.17g,%.17g\n", units.xs[i], units.ys[i], units.values[i] );
      out << '"' << units.wkts[i] << '"' << line;
    }
    std::ofstream sc( d + "/schemes.csv" );
    sc << "name,kind,parameter\n";
    for ( const Scheme &s : schemes )
    {
      std::snprintf( line, sizeof line, "%s,%s,%.17g\n", s.name.c_str(), s.kind.c_str(), s.parameter );
      sc << line;
    }
  }
  const char *rscript = std::getenv( "HTSPLAN_RSCRIPT" ) ? std::getenv( "HTSPLAN_RSCRIPT" ) : "/usr/bin/Rscript";
  const std::string command = std::string( rscript ) + " " + HTSPLAN_SOURCE_DIR + "/tests/compare/spdep_reference.R " + d;
  REQUIRE( std::system( command.c_str() ) == 0 );

  std::vector<NeighbourLists> result;
  for ( const Scheme &s : schemes )
  {
    INFO( "scheme " << s.name );
    const NeighbourLists ours = ourNeighbours( units, s );
    const NeighbourLists theirs = readNeighbours( d + "/nb_" + s.name + ".txt" );
    REQUIRE( theirs.size() == units.xs.size() );
    for ( size_t i = 0; i < ours.size(); ++i )
    {
      INFO( "unit " << i << " " << units.names[i] );
      CHECK( ours[i] == theirs[i] );
    }
    result.push_back( ours );

    const SpatialWeights w = makeWeights( ours, WeightStyle::RowStandardised );
    const GlobalMoran g = globalMoran( units.values, w, 9999, 2026 );
    const std::string global = d + "/global_" + s.name + ".csv";
    CHECK( close( g.I, readColumn( global, "I" )[0] ) );
    CHECK( close( g.expectation, readColumn( global, "E" )[0] ) );
    CHECK( close( g.varianceRandomisation, readColumn( global, "var_randomisation" )[0] ) );
    CHECK( close( g.zRandomisation, readColumn( global, "z_randomisation" )[0] ) );
    CHECK( close( g.pRandomisation, readColumn( global, "p_randomisation" )[0] ) );
    CHECK( close( g.varianceNormality, readColumn( global, "var_normality" )[0] ) );
    CHECK( close( g.zNormality, readColumn( global, "z_normality" )[0] ) );
    CHECK( close( g.pNormality, readColumn( global, "p_normality" )[0] ) );
    // The permutation p (other generators, both 9999 draws): within 4 standard errors of Monte-Carlo noise.
    const double pr = readColumn( global, "p_permutation" )[0];
    CHECK( std::fabs( g.pPermutation - pr ) <= 4 * std::sqrt( pr * ( 1 - pr ) / 9999 ) + 2e-4 );

    const LocalMoran conditional = localMoran( units.values, w, LocalMoranVariance::Conditional );
    const LocalMoran total = localMoran( units.values, w, LocalMoranVariance::Total );
    const GetisOrd gi = getisOrdGiStar( units.values, makeWeights( ours, WeightStyle::Binary, true ) );
    const std::string local = d + "/local_" + s.name + ".csv";
    const std::vector<double> ii = readColumn( local, "Ii" ), zc = readColumn( local, "z_conditional" ), zt = readColumn( local, "z_total" ),
                              pc = readColumn( local, "p_conditional" ), gz = readColumn( local, "gstar" );
    size_t undefined = 0;
    for ( size_t i = 0; i < units.xs.size(); ++i )
    {
      INFO( "unit " << i << " " << units.names[i] );
      CHECK( close( conditional.Ii[i], ii[i] ) );
      if ( std::isnan( zc[i] ) ) // spdep's 0/0: ours is z 0, p 1, counted
      {
        ++undefined;
        CHECK( conditional.z[i] == 0 );
        CHECK( conditional.p[i] == 1 );
      }
      else
      {
        CHECK( close( conditional.z[i], zc[i] ) );
        CHECK( close( conditional.p[i], pc[i] ) );
      }
      if ( !std::isnan( zt[i] ) )
        CHECK( close( total.z[i], zt[i] ) );
      CHECK( close( gi.z[i], gz[i] ) );
      CHECK( std::isfinite( conditional.z[i] ) );
      CHECK( std::isfinite( total.z[i] ) );
      CHECK( std::isfinite( gi.z[i] ) );
    }
    CHECK( conditional.undefined == undefined );

    if ( s.kind == "queen" && s.parameter == COUNTY_STATISTICS_SNAP_M )
    {
      // The report's composition (planning/spatial_statistics.h: metrics.json
      // statistics.hotspots and statistics.moran) on the same units: spdep's numbers too.
      const CountyStatistics report = countyStatistics( units.vertices, units.names, units.names, { { "value", "", units.values } } );
      REQUIRE( report.patterns.size() == 1 );
      const CountyPattern &p = report.patterns.front();
      CHECK( report.neighbours == ours );
      CHECK( report.isolated == isolatedUnits( ours ) );
      CHECK( close( p.moran.global.I, readColumn( global, "I" )[0] ) );
      CHECK( close( p.moran.global.zRandomisation, readColumn( global, "z_randomisation" )[0] ) );
      CHECK( close( p.moran.global.zNormality, readColumn( global, "z_normality" )[0] ) );
      CHECK( p.moran.global.permutations == COUNTY_STATISTICS_PERMUTATIONS );
      CHECK( std::fabs( p.moran.global.pPermutation - pr ) <= 4 * std::sqrt( pr * ( 1 - pr ) / COUNTY_STATISTICS_PERMUTATIONS ) + 2e-3 );
      for ( size_t i = 0; i < units.xs.size(); ++i )
      {
        INFO( "report, unit " << i << " " << units.names[i] );
        CHECK( close( p.gi.z[i], gz[i] ) );
        CHECK( close( p.moran.local.Ii[i], ii[i] ) );
        if ( !std::isnan( zc[i] ) )
          CHECK( close( p.moran.local.z[i], zc[i] ) );
      }
    }
  }
  return result;
}
} // namespace

TEST_CASE( "spdep - the bundled counties with the sample's enterprise counts", "[compare][spdep]" )
{
  const Units units = bundledCounties();
  REQUIRE( units.xs.size() > 100 );
  double total = 0;
  for ( double v : units.values )
    total += v;
  REQUIRE( total >= 140 ); // the sample's 150 enterprises fall in the counties

  const double fullBand = smallestFullBand( units.xs, units.ys );
  const std::vector<Scheme> schemes = { { "queen", "queen", 1.0 },        { "rook", "rook", 1.0 },          { "band30", "band", 30000.0 },
                                        { "fullband", "band", fullBand }, { "knn6", "knn", 6.0 } };
  const std::vector<NeighbourLists> lists = compareWithSpdep( units, schemes );

  // 长岛县 (the Miaodao islands) touches no other county.
  const std::string isolated = nameUnits( isolatedUnits( lists[0] ), units.names );
  CHECK( isolated.find( "长岛县" ) != std::string::npos );
  // The smallest full band gives every county a neighbour; 30 km does not.
  CHECK( isolatedUnits( lists[3] ).empty() );
  CHECK_FALSE( isolatedUnits( lists[2] ).empty() );
  // Rook is stricter than queen, never looser.
  size_t queenLinks = 0, rookLinks = 0;
  for ( size_t i = 0; i < lists[0].size(); ++i )
  {
    queenLinks += lists[0][i].size();
    rookLinks += lists[1][i].size();
  }
  CHECK( rookLinks <= queenLinks );
  CHECK( rookLinks > 0 );
}

TEST_CASE( "spdep - rook contiguity at a further ring's first vertex", "[compare][spdep]" )
{
  const std::vector<NeighbourLists> lists = compareWithSpdep( secondRingCorner(), { { "queen", "queen", 0.5 }, { "rook", "rook", 0.5 } } );
  // The corner point counts twice (spdep's rule, followed): rook neighbours.
  CHECK( lists[1][0] == std::vector<size_t>{ 1, 4 } );
  CHECK( lists[1][1] == std::vector<size_t>{ 0, 2, 3 } );
  CHECK( lists[0][0] == lists[1][0] );
}

TEST_CASE( "spdep - a generated grid with an island", "[compare][spdep]" )
{
  const Units units = generatedGrid();
  const std::vector<Scheme> schemes = { { "queen", "queen", 0.5 }, { "rook", "rook", 0.5 }, { "band", "band", 1500.0 }, { "knn4", "knn", 4.0 } };
  const std::vector<NeighbourLists> lists = compareWithSpdep( units, schemes );
  // An inner cell has 8 queen and 4 rook neighbours; the island none.
  CHECK( lists[0][10].size() == 8 );
  CHECK( lists[1][10].size() == 4 );
  CHECK( lists[0].back().empty() );
  // Values rise to the north-east: clustered.
  const GlobalMoran g = globalMoran( units.values, makeWeights( lists[0], WeightStyle::RowStandardised ), 999, 42 );
  CHECK( g.zRandomisation > 3 );
  CHECK( g.pPermutation < 0.01 );
  CHECK( g.pPermutation == globalMoran( units.values, makeWeights( lists[0], WeightStyle::RowStandardised ), 999, 42 ).pPermutation );
}
