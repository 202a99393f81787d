#include <catch2/catch.hpp>

#include "layers/key_counts.h"
#include "layers/schema.h"

#include <random>

using htsplan::keyHash;

TEST_CASE( "key counts - a key's hash is its normalised key's", "[layers][key_counts]" )
{
  CHECK( keyHash( "" ) == 0 );
  CHECK( keyHash( " \t\r\n" ) == 0 );
  CHECK( keyHash( "P1" ) != 0 );
  CHECK( keyHash( "  P1 \t" ) == keyHash( "p1" ) );
  CHECK( keyHash( "软件园" ) == keyHash( " 软件园  " ) );
  CHECK( keyHash( "软件园" ) != keyHash( "软件园二期" ) );
  CHECK( keyHash( "P 1" ) != keyHash( "P1" ) ); // inner spaces are kept, as normalisedKey keeps them

  // Equal normalised keys hash equal; over this sample, different ones do not.
  std::mt19937 random( 11 );
  const std::vector<std::string> parts = { "", " ", "A", "a", "园", "\t", "1", "Z" };
  std::vector<std::string> keys;
  for ( int i = 0; i < 2000; ++i )
  {
    std::string key;
    for ( int j = 0; j < 4; ++j )
      key += parts[random() % parts.size()];
    keys.push_back( key );
  }
  for ( size_t i = 0; i + 1 < keys.size(); ++i )
  {
    INFO( "'" << keys[i] << "' and '" << keys[i + 1] << "'" );
    CHECK( ( keyHash( keys[i] ) == keyHash( keys[i + 1] ) ) == ( htsplan::normalisedKey( keys[i] ) == htsplan::normalisedKey( keys[i + 1] ) ) );
  }
}

TEST_CASE( "key counts - counts past the expected size", "[layers][key_counts]" )
{
  htsplan::KeyCounts counts( 1 ); // grows from the smallest table
  for ( uint64_t h = 1; h <= 10000; ++h )
    counts.add( h * 7919 );
  for ( uint64_t h = 1; h <= 10000; h += 3 )
    counts.add( h * 7919 );
  counts.add( 0 ); // "no key" is never counted
  CHECK( counts.count( 7919 ) == 2 );
  CHECK( counts.count( 2 * 7919 ) == 1 );
  CHECK( counts.count( 4 * 7919 ) == 2 );
  CHECK( counts.count( 10000 * 7919 ) == 2 );
  CHECK( counts.count( 10001 * 7919 ) == 0 );
  CHECK( counts.count( 0 ) == 0 );
  int twice = 0;
  for ( uint64_t h = 1; h <= 10000; ++h )
    twice += counts.count( h * 7919 ) == 2;
  CHECK( twice == 3334 );
}

TEST_CASE( "key counts - which hashes are shared", "[layers][key_counts]" )
{
  const std::vector<bool> shared = htsplan::sharedHashes( { keyHash( "P1" ), 0, keyHash( "P2" ), keyHash( " p1" ), 0 } );
  CHECK( shared == std::vector<bool>{ true, false, false, true, false } );
  CHECK( htsplan::sharedHashes( {} ).empty() );
}
