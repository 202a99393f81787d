// guessColumns on headers split from the input at line breaks; a first line
// starting with "map:" gives an explicit mapping ("map:lon=东经;lat=北纬").
// Every role points at a header, no header serves two roles, and a missing
// explicit header is an InputError, nothing else.
#include "layers/import/columns.h"
#include "layers/problems.h"
#include "tests/fuzz/fuzz_check.h"

#include <set>

using namespace htsplan;

namespace
{
std::vector<std::string> split( std::string_view text, char separator )
{
  std::vector<std::string> parts;
  size_t start = 0;
  while ( true )
  {
    const size_t end = text.find( separator, start );
    parts.emplace_back( text.substr( start, end == std::string_view::npos ? std::string_view::npos : end - start ) );
    if ( end == std::string_view::npos )
      return parts;
    start = end + 1;
  }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput( const uint8_t *data, size_t size )
{
  std::vector<std::string> headers = split( fuzzInput( data, size ), '\n' );
  std::map<Role, std::string> explicitMapping;
  if ( headers[0].rfind( "map:", 0 ) == 0 )
  {
    for ( const std::string &pair : split( std::string_view( headers[0] ).substr( 4 ), ';' ) )
    {
      const size_t equals = pair.find( '=' );
      if ( equals == std::string::npos )
        continue;
      if ( const std::optional<Role> role = parseRole( pair.substr( 0, equals ) ) )
        explicitMapping[*role] = pair.substr( equals + 1 );
    }
    headers.erase( headers.begin() );
  }
  try
  {
    const ColumnMapping mapping = guessColumns( headers, explicitMapping );
    // Two explicit roles may name one header; a guessed role never takes one already used.
    std::set<int> used;
    for ( const auto &[role, column] : mapping.columns )
    {
      FUZZ_CHECK( column >= 0 && static_cast<size_t>( column ) < headers.size() );
      if ( explicitMapping.count( role ) )
        used.insert( column );
    }
    for ( const auto &[role, column] : mapping.columns )
      if ( !explicitMapping.count( role ) )
        FUZZ_CHECK( used.insert( column ).second );
    FUZZ_CHECK( mapping.columns.size() >= explicitMapping.size() );
    FUZZ_CHECK( mapping.revenueFactor >= 1 );
  }
  catch ( const InputError & )
  {
    FUZZ_CHECK( !explicitMapping.empty() );
  }
  for ( const CrsHint &hint : crsHints( headers, headers.empty() ? std::string() : headers.back() ) )
    FUZZ_CHECK( !hint.text.empty() );
  return 0;
}
