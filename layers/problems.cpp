#include "layers/problems.h"

#include <qgsfeedback.h>

#include <cstdio>
#include <map>
#include <tuple>

namespace htsplan
{

std::string Problem::toString() const
{
  std::string out = severity + ": " + layer;
  if ( !feature.empty() )
    out += ": feature '" + feature + "'";
  if ( !field.empty() )
    out += ", field '" + field + "'";
  out += ": " + problem;
  return out;
}

namespace
{
//! At most maxBytes of UTF-8 text, cut at a character boundary, "…" when cut: a 10,000-character name stays readable on stderr.
std::string shortened( const std::string &text, size_t maxBytes )
{
  if ( text.size() <= maxBytes )
    return text;
  size_t end = maxBytes;
  while ( end > 0 && ( static_cast<unsigned char>( text[end] ) & 0xC0 ) == 0x80 )
    --end;
  return text.substr( 0, end ) + "…";
}
constexpr size_t MaxNameBytes = 80, MaxProblemBytes = 400;
} // namespace

std::vector<std::string> summariseProblems( const Problems &problems, size_t examples, const std::string &items )
{
  struct Group
  {
      const Problem *first = nullptr;
      size_t count = 0;
      std::vector<const Problem *> shown;
  };
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<Key, size_t> index;
  std::vector<Group> groups;
  for ( const Problem &p : problems )
  {
    const Key key{ p.severity, p.layer, p.field, p.kind.empty() ? p.problem : p.kind };
    auto found = index.find( key );
    if ( found == index.end() )
    {
      found = index.emplace( key, groups.size() ).first;
      groups.push_back( { &p, 0, {} } );
    }
    Group &g = groups[found->second];
    ++g.count;
    if ( g.shown.size() < examples )
      g.shown.push_back( &p );
  }

  std::vector<std::string> lines;
  for ( const Group &g : groups )
  {
    const Problem &p = *g.first;
    if ( g.count == 1 || p.kind.empty() )
    {
      Problem brief = p;
      brief.feature = shortened( p.feature, MaxNameBytes );
      brief.problem = shortened( p.problem, MaxProblemBytes );
      lines.push_back( brief.toString() + ( g.count > 1 ? " (" + std::to_string( g.count ) + " times)" : "" ) );
      continue;
    }
    std::string line = p.severity + ": " + p.layer;
    if ( !p.field.empty() )
      line += ", field '" + p.field + "'";
    line += ": " + std::to_string( g.count ) + " " + items + ": " + p.kind + " (e.g. ";
    for ( size_t i = 0; i < g.shown.size(); ++i )
    {
      const Problem &e = *g.shown[i];
      line += ( i ? ", " : "" ) + ( "'" + shortened( e.feature, MaxNameBytes ) + "'" ) + ( e.value.empty() ? "" : ": " + shortened( e.value, MaxNameBytes ) );
    }
    line += g.count > g.shown.size() ? ", ...)" : ")";
    lines.push_back( line );
  }
  return lines;
}

std::string formatNumber( double value )
{
  char text[64];
  std::snprintf( text, sizeof text, "%.10g", value );
  return text;
}

std::string formatCoordinate( double value )
{
  char text[64];
  std::snprintf( text, sizeof text, "%.4f", value );
  std::string out = text;
  if ( out.find( '.' ) != std::string::npos )
  {
    out.erase( out.find_last_not_of( '0' ) + 1 );
    if ( out.back() == '.' )
      out.pop_back();
  }
  return out == "-0" ? "0" : out;
}

void throwIfCanceled( const QgsFeedback *feedback )
{
  if ( feedback && feedback->isCanceled() )
    throw Canceled();
}

} // namespace htsplan
