#pragma once
// Seeded point sets shared by the unit tests and the twin tests (tests/compare):
// the same generator feeds a kernel's own checks and its comparison with QGIS.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace testdata
{

//! A number as text that reads back to the same double.
inline std::string g17( double v )
{
  std::ostringstream text;
  text.precision( 17 );
  text << v;
  return text.str();
}

//! n uniform points in the box, rounded to centimetres.
inline void randomPoints( std::size_t n, unsigned seed, double minX, double minY, double maxX, double maxY, std::vector<double> &xs,
                   std::vector<double> &ys )
{
  std::mt19937_64 random( seed );
  xs.resize( n );
  ys.resize( n );
  for ( std::size_t i = 0; i < n; ++i )
  {
    // Centimetre coordinates, so that WKT round-trips them exactly.
    xs[i] = std::round( ( minX + ( maxX - minX ) * static_cast<double>( random() >> 11 ) * 0x1.0p-53 ) * 100 ) / 100;
    ys[i] = std::round( ( minY + ( maxY - minY ) * static_cast<double>( random() >> 11 ) * 0x1.0p-53 ) * 100 ) / 100;
  }
}

struct Points
{
    std::vector<double> xs, ys;
};

/**
 * Seeded enterprise-like points in a 700 x 450 km box of EPSG:4548
 * (Gauss-Kruger, metres): dense city clusters of different sizes, a sparse
 * background, and some records sharing an address (exact duplicates).
 */
inline Points clusteredPoints( std::size_t n, unsigned seed )
{
  std::mt19937_64 random( seed );
  std::uniform_real_distribution<double> ux( 150000, 850000 ), uy( 3800000, 4250000 ), unit( 0, 1 );
  struct City
  {
      double x, y, sigma;
  };
  std::vector<City> cities;
  for ( int c = 0; c < 120; ++c )
    cities.push_back( { ux( random ), uy( random ), 300 + 15000 * std::pow( unit( random ), 3 ) } );
  Points p;
  p.xs.reserve( n );
  p.ys.reserve( n );
  std::normal_distribution<double> normal;
  while ( p.xs.size() < n )
  {
    const double r = unit( random );
    if ( r < 0.05 && !p.xs.empty() )
    {
      // Same address as an earlier record.
      const std::size_t k = static_cast<std::size_t>( unit( random ) * static_cast<double>( p.xs.size() ) ) % p.xs.size();
      p.xs.push_back( p.xs[k] );
      p.ys.push_back( p.ys[k] );
    }
    else if ( r < 0.2 )
    {
      p.xs.push_back( ux( random ) );
      p.ys.push_back( uy( random ) );
    }
    else
    {
      // Bigger cities get more records: pick a city with a skewed index.
      const City &city = cities[static_cast<std::size_t>( std::pow( unit( random ), 2 ) * static_cast<double>( cities.size() ) )];
      p.xs.push_back( std::round( ( city.x + city.sigma * normal( random ) ) * 100 ) / 100 ); // centimetres, as in surveyed records
      p.ys.push_back( std::round( ( city.y + city.sigma * normal( random ) ) * 100 ) / 100 );
    }
  }
  return p;
}

//! Blobs, chains, points between blobs and duplicates: the awkward cases for DBSCAN.
inline void awkwardPoints( std::vector<double> &xs, std::vector<double> &ys, unsigned seed, double x0, double y0 )
{
  std::mt19937_64 random( seed );
  std::normal_distribution<double> spread( 0, 60 );
  std::uniform_real_distribution<double> uniform( 0, 3000 );
  for ( int blob = 0; blob < 8; ++blob )
  {
    const double cx = x0 + uniform( random ), cy = y0 + uniform( random );
    for ( int k = 0; k < 150; ++k )
    {
      xs.push_back( cx + spread( random ) );
      ys.push_back( cy + spread( random ) );
    }
  }
  // chains of points 90-110 m apart, on whole metres so some gaps equal eps exactly
  for ( int chain = 0; chain < 6; ++chain )
  {
    double x = std::round( x0 + uniform( random ) ), y = std::round( y0 + uniform( random ) );
    for ( int k = 0; k < 30; ++k )
    {
      xs.push_back( x );
      ys.push_back( y );
      x += 100 + ( k % 3 - 1 ) * 10;
      y += ( k % 2 ) * 10;
    }
  }
  // pairs of tight blobs with one point half-way, 95 or exactly 100 m from
  // the nearest point of each: a border point of both, which QGIS gives to the
  // blob whose first core comes first in feature order
  for ( int pair = 0; pair < 15; ++pair )
  {
    const double ax = x0 + 4000 + 500 * pair, ay = y0 + 500 + 7 * pair; // a strip of their own
    const double half = pair % 2 ? 95 : 100;
    for ( int k = 0; k < 6; ++k )
    {
      xs.push_back( ax - 6 * k );
      ys.push_back( ay + k % 2 );
      xs.push_back( ax + 2 * half + 6 * k );
      ys.push_back( ay - k % 2 );
    }
    xs.push_back( ax + half );
    ys.push_back( ay );
  }
  // lone and in-between points, some duplicated
  for ( int k = 0; k < 600; ++k )
  {
    xs.push_back( x0 + uniform( random ) );
    ys.push_back( y0 + uniform( random ) );
    if ( k % 50 == 0 )
    {
      xs.push_back( xs.back() );
      ys.push_back( ys.back() );
    }
  }
  // shuffle so cluster ids do not follow the generation order
  std::vector<std::size_t> order( xs.size() );
  for ( std::size_t i = 0; i < order.size(); ++i )
    order[i] = i;
  std::shuffle( order.begin(), order.end(), random );
  std::vector<double> sx, sy;
  for ( std::size_t i : order )
  {
    sx.push_back( xs[i] );
    sy.push_back( ys[i] );
  }
  xs = sx;
  ys = sy;
}
} // namespace testdata
