#include "layers/key_counts.h"

#include <cctype>

namespace htsplan
{

uint64_t keyHash( const std::string &text )
{
  const size_t begin = text.find_first_not_of( " \t\r\n" );
  if ( begin == std::string::npos )
    return 0;
  const size_t end = text.find_last_not_of( " \t\r\n" );
  // FNV-1a over the bytes normalisedKey would keep, lower-cased the same way (std::tolower).
  uint64_t h = 14695981039346656037ull;
  for ( size_t i = begin; i <= end; ++i )
  {
    h ^= static_cast<unsigned char>( std::tolower( static_cast<unsigned char>( text[i] ) ) );
    h *= 1099511628211ull;
  }
  return h ? h : 1;
}

namespace
{
size_t capacityFor( size_t keys )
{
  size_t capacity = 16;
  while ( capacity < keys * 2 )
    capacity *= 2;
  return capacity;
}

//! FNV's low bits are poor for a power-of-two table: mix them first.
uint64_t mixed( uint64_t h )
{
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}
} // namespace

KeyCounts::KeyCounts( size_t expectedKeys )
  : mHashes( capacityFor( expectedKeys ), 0 )
  , mCounts( mHashes.size(), 0 )
{
}

size_t KeyCounts::slotOf( uint64_t hash ) const
{
  const size_t mask = mHashes.size() - 1;
  size_t slot = mixed( hash ) & mask;
  while ( mHashes[slot] != 0 && mHashes[slot] != hash )
    slot = ( slot + 1 ) & mask;
  return slot;
}

void KeyCounts::grow()
{
  std::vector<uint64_t> hashes( mHashes.size() * 2, 0 );
  std::vector<uint8_t> counts( hashes.size(), 0 );
  hashes.swap( mHashes );
  counts.swap( mCounts );
  for ( size_t i = 0; i < hashes.size(); ++i )
    if ( hashes[i] )
    {
      const size_t slot = slotOf( hashes[i] );
      mHashes[slot] = hashes[i];
      mCounts[slot] = counts[i];
    }
}

void KeyCounts::add( uint64_t hash )
{
  if ( !hash )
    return;
  if ( ( mUsed + 1 ) * 2 > mHashes.size() )
    grow();
  const size_t slot = slotOf( hash );
  if ( !mHashes[slot] )
  {
    mHashes[slot] = hash;
    ++mUsed;
  }
  if ( mCounts[slot] < 2 )
    ++mCounts[slot];
}

int KeyCounts::count( uint64_t hash ) const
{
  if ( !hash )
    return 0;
  return mCounts[slotOf( hash )];
}

std::vector<bool> sharedHashes( const std::vector<uint64_t> &hashes )
{
  KeyCounts counts( hashes.size() );
  for ( uint64_t h : hashes )
    counts.add( h );
  std::vector<bool> shared( hashes.size() );
  for ( size_t i = 0; i < hashes.size(); ++i )
    shared[i] = counts.count( hashes[i] ) > 1;
  return shared;
}

} // namespace htsplan
