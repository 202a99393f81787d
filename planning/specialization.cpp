#include "planning/specialization.h"

#include "planning/defaults.h"
#include "planning/metrics.h"

#include <ogr_api.h>

#include <algorithm>
#include <map>

namespace htsplan
{

namespace
{
//! The sectors in the order of the units' bySector, without "unknown".
std::vector<std::string> sectorCodes( const std::vector<UnitStats> &units )
{
  std::vector<std::string> codes;
  if ( !units.empty() )
    for ( const SectorCounts &s : units.front().bySector )
      if ( s.sector != "unknown" )
        codes.push_back( s.sector );
  return codes;
}

CountMatrix countMatrix( const std::vector<UnitStats> &units, const std::vector<std::string> &sectors )
{
  CountMatrix m{ units.size(), sectors.size(), std::vector<double>( units.size() * sectors.size(), 0.0 ) };
  std::map<std::string, std::size_t> column;
  for ( std::size_t s = 0; s < sectors.size(); ++s )
    column[sectors[s]] = s;
  for ( std::size_t u = 0; u < units.size(); ++u )
    for ( const SectorCounts &sc : units[u].bySector )
    {
      const auto it = column.find( sc.sector );
      if ( it == column.end() )
        continue;
      int total = 0;
      for ( int n : sc.counts )
        total += n;
      m.counts[u * m.sectors + it->second] = total;
    }
  return m;
}

std::vector<UnitSpecialization> specialize( const std::vector<UnitStats> &units, const std::vector<std::string> &sectors, std::vector<double> &sectorHhi,
                                            Lorenz &lorenz )
{
  const CountMatrix m = countMatrix( units, sectors );
  std::vector<UnitSpecialization> out = specializeMatrix( m, sectors );
  std::vector<double> carriers;
  for ( std::size_t u = 0; u < units.size(); ++u )
  {
    out[u].code = units[u].code;
    out[u].nameZh = units[u].nameZh;
    carriers.push_back( out[u].carriers );
  }
  sectorHhi = hhiBySector( m );
  lorenz = lorenzCurve( carriers );
  return out;
}
} // namespace

std::vector<UnitSpecialization> specializeMatrix( const CountMatrix &m, const std::vector<std::string> &sectors )
{
  const std::vector<double> lq = locationQuotients( m );
  const std::vector<double> hhi = hhiByUnit( m );
  std::vector<UnitSpecialization> out( m.units );
  for ( std::size_t u = 0; u < m.units; ++u )
  {
    UnitSpecialization &o = out[u];
    const auto row = static_cast<std::ptrdiff_t>( u * m.sectors ), next = static_cast<std::ptrdiff_t>( ( u + 1 ) * m.sectors );
    o.counts.assign( m.counts.begin() + row, m.counts.begin() + next );
    o.lq.assign( lq.begin() + row, lq.begin() + next );
    for ( double c : o.counts )
      o.carriers += c;
    o.hhi = hhi[u];
    const int lead = leadingSector( m, lq, u );
    if ( lead >= 0 )
    {
      o.leadingSector = sectors[static_cast<std::size_t>( lead )];
      o.leadingLq = o.lq[static_cast<std::size_t>( lead )];
      o.leadingCount = o.counts[static_cast<std::size_t>( lead )];
    }
    o.fewCarriers = o.carriers > 0 && o.carriers < SPECIALIZATION_FEW_CARRIERS;
  }
  return out;
}

std::vector<std::vector<int>> touchingPolygons( const std::vector<const OGRGeometry *> &shapes )
{
  const std::size_t n = shapes.size();
  std::vector<OGREnvelope> envelopes( n );
  for ( std::size_t i = 0; i < n; ++i )
    if ( shapes[i] )
      shapes[i]->getEnvelope( &envelopes[i] );
  std::vector<std::vector<int>> neighbours( n );
  for ( std::size_t i = 0; i < n; ++i )
  {
    const OGRGeometry *a = shapes[i];
    if ( !a )
      continue;
    // Prepared once per city: most pairs that pass the envelopes do not touch.
    OGRPreparedGeometryUniquePtr prepared( OGRCreatePreparedGeometry( OGRGeometry::ToHandle( const_cast<OGRGeometry *>( a ) ) ) );
    for ( std::size_t j = i + 1; j < n; ++j )
    {
      const OGRGeometry *b = shapes[j];
      if ( !b || !envelopes[i].Intersects( envelopes[j] ) )
        continue;
      const bool touch = prepared ? OGRPreparedGeometryIntersects( prepared.get(), OGRGeometry::ToHandle( const_cast<OGRGeometry *>( b ) ) ) != 0
                                  : a->Intersects( b );
      if ( touch )
      {
        neighbours[i].push_back( static_cast<int>( j ) );
        neighbours[j].push_back( static_cast<int>( i ) );
      }
    }
  }
  for ( std::vector<int> &list : neighbours )
    std::sort( list.begin(), list.end() );
  return neighbours;
}

std::vector<std::vector<int>> cityNeighbours( const AdminData &admin )
{
  std::vector<const OGRGeometry *> shapes;
  for ( const AdminUnit &city : admin.cities )
    shapes.push_back( city.geometry.get() );
  return touchingPolygons( shapes );
}

void flagSameLeadNeighbours( std::vector<UnitSpecialization> &units, const std::vector<std::vector<int>> &neighbours )
{
  for ( std::size_t i = 0; i < units.size() && i < neighbours.size(); ++i )
    for ( int j : neighbours[i] )
    {
      const UnitSpecialization &other = units[static_cast<std::size_t>( j )];
      if ( !units[i].leadingSector.empty() && other.leadingSector == units[i].leadingSector )
        units[i].sameLeadNeighbours.push_back( other.code );
    }
}

Specialization computeSpecialization( const std::vector<UnitStats> &cities, const std::vector<UnitStats> &counties,
                                      const std::vector<std::vector<int>> &neighbours )
{
  Specialization out;
  out.computed = true;
  out.sectors = sectorCodes( !cities.empty() ? cities : counties );
  out.cities = specialize( cities, out.sectors, out.sectorHhiCities, out.lorenzCities );
  out.counties = specialize( counties, out.sectors, out.sectorHhiCounties, out.lorenzCounties );
  if ( neighbours.size() == out.cities.size() )
    flagSameLeadNeighbours( out.cities, neighbours );
  return out;
}

} // namespace htsplan
