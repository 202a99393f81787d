// htsplan-bench-gen: seeded synthetic facilities over Shandong for the benchmark.
//
//   htsplan-bench-gen --points N --seed S --out DIR [--admin shandong.gpkg] [--targets targets.json]
//
// Writes, byte for byte the same for the same N and seed:
//   DIR/facilities-N.gpkg          bases, parks, buildings, enterprises (EPSG:4490, the facility contract)
//   DIR/enterprises-N-aea.gpkg     the enterprises in the equal-area CRS (layer "enterprises")
//   DIR/parks-N-aea.gpkg           the parks in the equal-area CRS (layer "parks")
//   DIR/counties-aea.gpkg          the counties in the equal-area CRS (layer "counties")
// N counts all facilities: about 40 bases, 400 parks and 4,000 buildings (fewer for
// small N), the rest enterprises. The projected copies exist because QGIS's twins read
// distances in layer units and must be given metres.
//
// Where the points go: 70% of them around 800 seeded cluster centres (a heavy-tailed
// weight per cluster, a spread of 1-5 km); 40% of the centres lie within some 8 km
// of a city's core (its smallest urban district, 区), the others anywhere, drawn in
// proportion to county area and four times as often in urban districts. The other
// 30% of the points are uniform over the province (a county by area, then inside it).
// Rejection sampling against each county polygon; no libm calls in the random part,
// so that the output does not depend on the platform's maths library.
#include "geometry/crs.h"
#include "layers/contract.h"
#include "layers/gpkg_writer.h"
#include "layers/paths.h"
#include "tools/rng.h"
#include "bench/strip_index.h"

#include <gdal_priv.h>
#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using htsplan::tools::Rng;

namespace
{

struct County
{
    std::string code;
    std::string name;
    std::string cityCode;
    std::unique_ptr<OGRGeometry> geometry; // EPSG:4490
    std::unique_ptr<htsplan::bench::StripIndex> index;
    double areaKm2 = 0.0;
    bool district = false;
};

enum Kind
{
  Base,
  Park,
  Building,
  Enterprise,
  KindCount
};
const htsplan::Kind kContractKinds[KindCount] = { htsplan::Kind::Base, htsplan::Kind::Park, htsplan::Kind::Building, htsplan::Kind::Enterprise };
const char *const kNamePrefixes[KindCount] = { "合成基地", "合成园区", "合成楼宇", "合成企业" };
const char *const kIdPrefixes[KindCount] = { "B", "P", "U", "E" };
const char *const kStatuses[] = { "designated", "candidate", "planned" };

//! Every facility of a run in plain arrays; kinds occupy consecutive ranges.
struct Facilities
{
    size_t begin[KindCount + 1] = {};
    std::vector<double> x, y; // EPSG:4490 lon, lat
    std::vector<uint8_t> sector, status, county;
    std::vector<int16_t> year;
    std::vector<double> revenue;
};

struct Cluster
{
    size_t county;
    double x, y;     // lon, lat
    double sigmaKm;
};

double seconds( std::chrono::steady_clock::time_point since )
{
  return std::chrono::duration<double>( std::chrono::steady_clock::now() - since ).count();
}

[[noreturn]] void fail( const std::string &message )
{
  throw std::runtime_error( message );
}

std::vector<County> readCounties( const std::string &path )
{
  GDALDatasetUniquePtr ds( GDALDataset::Open( path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY ) );
  if ( !ds )
    fail( path + ": cannot open" );
  OGRLayer *layer = ds->GetLayerByName( "counties" );
  if ( !layer )
    fail( path + ": no layer counties" );
  htsplan::TransformPtr toAea = htsplan::makeTransform( htsplan::cgcs2000(), htsplan::equalArea() );
  std::vector<County> counties;
  for ( auto &f : *layer )
  {
    County c;
    c.code = f->GetFieldAsString( "code" );
    c.name = f->GetFieldAsString( "name_zh" );
    c.cityCode = f->GetFieldAsString( "city_code" );
    c.geometry.reset( f->StealGeometry() );
    if ( !c.geometry )
      fail( path + ": county " + c.code + " has no geometry" );
    std::unique_ptr<OGRGeometry> projected( c.geometry->clone() );
    projected->transform( toAea.get() );
    c.areaKm2 = OGR_G_Area( OGRGeometry::ToHandle( projected.get() ) ) / 1e6;
    const std::string suffix = "区";
    c.district = c.name.size() >= suffix.size() && c.name.compare( c.name.size() - suffix.size(), suffix.size(), suffix ) == 0;
    c.index = std::make_unique<htsplan::bench::StripIndex>( *c.geometry );
    counties.push_back( std::move( c ) );
  }
  if ( counties.empty() || counties.size() > 255 )
    fail( path + ": expected 1-255 counties, found " + std::to_string( counties.size() ) );
  return counties;
}

std::vector<std::string> readSectors( const std::string &path )
{
  std::ifstream in( path );
  if ( !in )
    fail( path + ": cannot open" );
  const nlohmann::json doc = nlohmann::json::parse( in );
  std::vector<std::string> codes;
  for ( const auto &s : doc.at( "sectors" ) )
    codes.push_back( s.at( "code" ).get<std::string>() );
  if ( codes.empty() || codes.size() > 255 )
    fail( path + ": expected 1-255 sectors" );
  return codes;
}

//! Index into cumulative weights by binary search (the linear Rng::weighted is too slow for 10M draws).
size_t pickCumulative( Rng &rng, const std::vector<double> &cumulative )
{
  const double u = rng.uniform() * cumulative.back();
  const size_t i = static_cast<size_t>( std::upper_bound( cumulative.begin(), cumulative.end(), u ) - cumulative.begin() );
  return std::min( i, cumulative.size() - 1 );
}

std::vector<double> cumulative( const std::vector<double> &w )
{
  std::vector<double> c( w.size() );
  double total = 0.0;
  for ( size_t i = 0; i < w.size(); ++i )
    c[i] = total += w[i];
  return c;
}

//! Approximately standard normal (Irwin-Hall of four uniforms): no libm, bounded at ±3.46.
double normal( Rng &rng )
{
  const double s = rng.uniform() + rng.uniform() + rng.uniform() + rng.uniform();
  return ( s - 2.0 ) * 1.7320508075688772;
}

class Placer
{
  public:
    Placer( const std::vector<County> &counties, Rng &rng ) : mCounties( counties )
    {
      std::vector<double> byArea, attracted;
      for ( const County &c : counties )
      {
        byArea.push_back( c.areaKm2 );
        attracted.push_back( c.areaKm2 * ( c.district ? 4.0 : 1.0 ) );
      }
      mByArea = cumulative( byArea );
      const std::vector<double> clusterCounty = cumulative( attracted );
      const std::vector<size_t> cores = cityCores();
      std::vector<double> weights;
      while ( mClusters.size() < 800 )
      {
        Cluster c;
        if ( rng.uniform() < 0.4 )
        {
          // Around a city's core district: enterprises crowd into city centres.
          const County &core = counties[cores[rng.index( cores.size() )]];
          const double cx = 0.5 * ( core.index->minX() + core.index->maxX() ), cy = 0.5 * ( core.index->minY() + core.index->maxY() );
          c.x = cx + normal( rng ) * 8.0 / 111.0 / 0.8;
          c.y = cy + normal( rng ) * 8.0 / 111.0;
          if ( !countyOf( c.x, c.y, 0, c.county ) )
            continue; // at sea
        }
        else
        {
          c.county = pickCumulative( rng, clusterCounty );
          uniformIn( rng, c.county, c.x, c.y );
        }
        c.sigmaKm = 1.0 + 4.0 * rng.uniform();
        mClusters.push_back( c );
        weights.push_back( 1.0 / ( 0.05 + rng.uniform() ) ); // heavy tail: a few large clusters
      }
      mByCluster = cumulative( weights );
    }

    //! A point (lon, lat) and its county.
    size_t place( Rng &rng, double &x, double &y ) const
    {
      if ( rng.uniform() < 0.7 )
      {
        const Cluster &c = mClusters[pickCumulative( rng, mByCluster )];
        // A degree of longitude is about 0.8 of a degree of latitude over Shandong.
        const double degY = c.sigmaKm / 111.0, degX = degY / 0.8;
        for ( int attempt = 0; attempt < 50; ++attempt )
        {
          x = c.x + normal( rng ) * degX;
          y = c.y + normal( rng ) * degY;
          size_t county;
          if ( countyOf( x, y, c.county, county ) )
            return county;
        }
        uniformIn( rng, c.county, x, y );
        return c.county;
      }
      const size_t county = pickCumulative( rng, mByArea );
      uniformIn( rng, county, x, y );
      return county;
    }

  private:
    //! The county containing (x, y), trying `first` before the others; false at sea.
    bool countyOf( double x, double y, size_t first, size_t &county ) const
    {
      if ( mCounties[first].index->contains( x, y ) )
      {
        county = first;
        return true;
      }
      for ( size_t i = 0; i < mCounties.size(); ++i )
        if ( i != first && mCounties[i].index->contains( x, y ) )
        {
          county = i;
          return true;
        }
      return false;
    }

    //! Per city, its smallest urban district: the old city centre.
    std::vector<size_t> cityCores() const
    {
      std::vector<size_t> cores;
      for ( size_t i = 0; i < mCounties.size(); ++i )
      {
        if ( !mCounties[i].district )
          continue;
        bool replaced = false;
        for ( size_t &c : cores )
          if ( mCounties[c].cityCode == mCounties[i].cityCode )
          {
            if ( mCounties[i].areaKm2 < mCounties[c].areaKm2 )
              c = i;
            replaced = true;
          }
        if ( !replaced )
          cores.push_back( i );
      }
      if ( cores.empty() )
        cores.push_back( 0 );
      return cores;
    }

    void uniformIn( Rng &rng, size_t county, double &x, double &y ) const
    {
      const htsplan::bench::StripIndex &idx = *mCounties[county].index;
      for ( int attempt = 0; attempt < 100000; ++attempt )
      {
        x = rng.range( idx.minX(), idx.maxX() );
        y = rng.range( idx.minY(), idx.maxY() );
        if ( idx.contains( x, y ) )
          return;
      }
      fail( "county " + mCounties[county].code + ": no point found inside after 100,000 tries" );
    }

    const std::vector<County> &mCounties;
    std::vector<double> mByArea, mByCluster;
    std::vector<Cluster> mClusters;
};

Facilities generate( size_t n, uint64_t seed, const std::vector<County> &counties, size_t sectorCount )
{
  Facilities f;
  const size_t fixed[3] = { std::min<size_t>( 40, n / 250 ), std::min<size_t>( 400, n / 25 ), std::min<size_t>( 4000, n / 25 ) };
  f.begin[0] = 0;
  for ( int k = 0; k < 3; ++k )
    f.begin[k + 1] = f.begin[k] + fixed[k];
  f.begin[KindCount] = n;
  f.x.resize( n );
  f.y.resize( n );
  f.sector.resize( n );
  f.status.resize( n );
  f.county.resize( n );
  f.year.resize( n );
  f.revenue.resize( n );

  Rng layoutRng( seed * 0x9E3779B97F4A7C15ull + 1 );
  const Placer placer( counties, layoutRng );
  // Sector shares: IT services and e-commerce dominate, marine is rare.
  std::vector<double> sectorWeights( sectorCount, 1.0 );
  for ( size_t s = 0; s < sectorCount; ++s )
    sectorWeights[s] = 1.0 + static_cast<double>( ( s * 7 ) % sectorCount );
  const std::vector<double> sectorCumulative = cumulative( sectorWeights );

  Rng rng( seed * 0x9E3779B97F4A7C15ull + 2 );
  for ( size_t i = 0; i < n; ++i )
  {
    f.county[i] = static_cast<uint8_t>( placer.place( rng, f.x[i], f.y[i] ) );
    f.sector[i] = static_cast<uint8_t>( pickCumulative( rng, sectorCumulative ) );
    const double u = rng.uniform();
    f.status[i] = u < 0.7 ? 0 : u < 0.9 ? 1 : 2;
    f.year[i] = static_cast<int16_t>( rng.year( 2005, 2020 ) );
    // Pareto-like revenue from 1 million to 1 billion yuan; about 1% at or above 100 million.
    f.revenue[i] = std::floor( 1e6 / ( 0.001 + 0.999 * rng.uniform() ) );
  }
  return f;
}

void check( OGRErr err, const std::string &what )
{
  if ( err != OGRERR_NONE )
    fail( what + ": " + CPLGetLastErrorMsg() );
}

//! Writes the facilities of one kind; xs/ys are the coordinates in the layer's CRS.
void writeKind( htsplan::GpkgWriter &out, Kind kind, const OGRSpatialReference &srs, const Facilities &f,
                const std::vector<std::string> &sectors, const double *xs, const double *ys )
{
  out.createLayer( htsplan::kindLayer( kContractKinds[kind] ), &srs, wkbPoint );
  for ( const htsplan::ContractField &field : htsplan::contractFields( kContractKinds[kind] ) )
    out.addField( field.name, field.type );

  OGRFeatureDefn *defn = out.layerDefn();
  namespace field = htsplan::field;
  const int iName = defn->GetFieldIndex( field::Name ), iSector = defn->GetFieldIndex( field::Sector ),
            iStatus = defn->GetFieldIndex( field::Status ), iYear = defn->GetFieldIndex( field::Year ),
            iRevenue = defn->GetFieldIndex( field::RevenueCny ), iId = defn->GetFieldIndex( field::Id );
  // One feature and one point reused for every row: no allocation per feature of ours.
  OGRFeature feature( defn );
  feature.SetGeometryDirectly( new OGRPoint( 0, 0 ) );
  OGRPoint *point = feature.GetGeometryRef()->toPoint();
  char name[64], id[32];
  const size_t begin = f.begin[kind], end = f.begin[kind + 1];
  for ( size_t i = begin; i < end; ++i )
  {
    const size_t number = i - begin + 1;
    std::snprintf( name, sizeof name, "%s%07zu", kNamePrefixes[kind], number );
    std::snprintf( id, sizeof id, "%s%08zu", kIdPrefixes[kind], number );
    point->setX( xs[i] );
    point->setY( ys[i] );
    feature.SetFID( OGRNullFID );
    feature.SetField( iName, name );
    feature.SetField( iSector, sectors[f.sector[i]].c_str() );
    feature.SetField( iStatus, kStatuses[f.status[i]] );
    feature.SetField( iYear, f.year[i] );
    if ( iRevenue >= 0 )
      feature.SetField( iRevenue, f.revenue[i] );
    feature.SetField( iId, id );
    out.write( feature );
  }
}

void writeCounties( const fs::path &path, const std::vector<County> &counties )
{
  const OGRSpatialReference aea = htsplan::equalArea();
  htsplan::TransformPtr toAea = htsplan::makeTransform( htsplan::cgcs2000(), aea );
  htsplan::GpkgWriter out( path.string() );
  out.createLayer( "counties", &aea, wkbMultiPolygon );
  out.addField( "code", OFTString );
  out.addField( "name_zh", OFTString );
  out.addField( "city_code", OFTString );
  for ( const County &c : counties )
  {
    OGRFeature feature( out.layerDefn() );
    feature.SetField( "code", c.code.c_str() );
    feature.SetField( "name_zh", c.name.c_str() );
    feature.SetField( "city_code", c.cityCode.c_str() );
    std::unique_ptr<OGRGeometry> g( c.geometry->clone() );
    check( g->transform( toAea.get() ), "cannot project county " + c.code );
    feature.SetGeometryDirectly( OGRGeometryFactory::forceToMultiPolygon( g.release() ) );
    out.write( feature );
  }
  out.commit();
}

//! One line per layer on stderr: what the rows and the R-tree cost.
void printStats( const htsplan::GpkgWriter &out )
{
  for ( const htsplan::GpkgLayerStats &s : out.stats() )
    std::fprintf( stderr, "  %s: %lld rows in %.2f s, R-tree in %.2f s\n", s.name.c_str(), s.rows, s.rowSeconds, s.indexSeconds );
}

void usage()
{
  std::fprintf( stderr,
                "usage: htsplan-bench-gen --points N --seed S --out DIR [--admin shandong.gpkg] [--targets targets.json]\n" );
}

} // namespace

int main( int argc, char **argv )
{
  size_t n = 0;
  uint64_t seed = 1;
  std::string outDir;
  std::string admin = htsplan::defaultAdminPath();
  std::string targets = htsplan::defaultTargetsPath();
  for ( int i = 1; i < argc; ++i )
  {
    const std::string a = argv[i];
    const bool hasValue = i + 1 < argc;
    if ( a == "--points" && hasValue )
      n = std::stoull( argv[++i] );
    else if ( a == "--seed" && hasValue )
      seed = std::stoull( argv[++i] );
    else if ( a == "--out" && hasValue )
      outDir = argv[++i];
    else if ( a == "--admin" && hasValue )
      admin = argv[++i];
    else if ( a == "--targets" && hasValue )
      targets = argv[++i];
    else
    {
      usage();
      return 2;
    }
  }
  if ( n < 100 || outDir.empty() )
  {
    usage();
    std::fprintf( stderr, "--points must be at least 100 and --out is required\n" );
    return 2;
  }

  try
  {
    GDALAllRegister();
    // A fixed timestamp in gpkg_contents makes the files reproducible byte for byte.
    CPLSetConfigOption( "OGR_CURRENT_DATE", "2013-01-01T00:00:00.000Z" );
    // Scratch files: durability does not matter, speed does.
    CPLSetConfigOption( "OGR_SQLITE_SYNCHRONOUS", "OFF" );
    CPLSetConfigOption( "OGR_SQLITE_JOURNAL", "OFF" );
    CPLSetConfigOption( "OGR_SQLITE_CACHE", "512" );
    fs::create_directories( outDir );
    const auto start = std::chrono::steady_clock::now();

    const std::vector<County> counties = readCounties( admin );
    const std::vector<std::string> sectors = readSectors( targets );
    auto t = std::chrono::steady_clock::now();
    const Facilities f = generate( n, seed, counties, sectors.size() );
    std::fprintf( stderr, "generated %zu points in %.2f s\n", n, seconds( t ) );

    t = std::chrono::steady_clock::now();
    const std::string label = std::to_string( n );
    {
      htsplan::GpkgWriter out( ( fs::path( outDir ) / ( "facilities-" + label + ".gpkg" ) ).string() );
      const OGRSpatialReference cgcs2000 = htsplan::cgcs2000();
      for ( int k = 0; k < KindCount; ++k )
        writeKind( out, static_cast<Kind>( k ), cgcs2000, f, sectors, f.x.data(), f.y.data() );
      out.commit();
      printStats( out );
    }
    std::fprintf( stderr, "wrote facilities-%s.gpkg in %.2f s\n", label.c_str(), seconds( t ) );

    t = std::chrono::steady_clock::now();
    const OGRSpatialReference aea = htsplan::equalArea();
    std::vector<double> px( f.x ), py( f.y );
    {
      htsplan::TransformPtr toAea = htsplan::makeTransform( htsplan::cgcs2000(), aea );
      if ( !toAea )
        fail( "PROJ cannot transform EPSG:4490 to the equal-area CRS" );
      const size_t chunk = 1 << 16;
      for ( size_t i = 0; i < n; i += chunk )
      {
        const size_t m = std::min( chunk, n - i );
        if ( !toAea->Transform( static_cast<int>( m ), px.data() + i, py.data() + i ) )
          fail( "PROJ failed to project the points" );
      }
    }
    {
      htsplan::GpkgWriter out( ( fs::path( outDir ) / ( "enterprises-" + label + "-aea.gpkg" ) ).string() );
      writeKind( out, Enterprise, aea, f, sectors, px.data(), py.data() );
      out.commit();
      printStats( out );
    }
    {
      htsplan::GpkgWriter out( ( fs::path( outDir ) / ( "parks-" + label + "-aea.gpkg" ) ).string() );
      writeKind( out, Park, aea, f, sectors, px.data(), py.data() );
      out.commit();
    }
    writeCounties( fs::path( outDir ) / "counties-aea.gpkg", counties );
    std::fprintf( stderr, "wrote the projected copies in %.2f s\n", seconds( t ) );
    std::fprintf( stderr, "total %.2f s: %zu bases, %zu parks, %zu buildings, %zu enterprises\n", seconds( start ),
                  f.begin[1] - f.begin[0], f.begin[2] - f.begin[1], f.begin[3] - f.begin[2], f.begin[4] - f.begin[3] );
    return 0;
  }
  catch ( const std::exception &e )
  {
    std::fprintf( stderr, "htsplan-bench-gen: %s\n", e.what() );
    return 1;
  }
}
