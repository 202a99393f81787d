#pragma once
// Which features share an id or a name, found without building a string per
// feature: a million enterprises with unique names need no map of a million
// strings (issue 11: the repeat check was half of reading them).

#include <cstdint>
#include <string>
#include <vector>

namespace htsplan
{

/**
 * A 64-bit hash of normalisedKey( text ) (trimmed, lower-cased as that
 * function does) computed without building it; 0 when the key is empty.
 * Equal keys hash equal; different keys rarely do, so a hash is only a
 * candidate: callers compare the keys themselves before they decide.
 */
uint64_t keyHash( const std::string &text );

/**
 * How often each hash occurs, in a flat open-addressing table (no allocation
 * per key). 0 is "no key" and never counted.
 */
class KeyCounts
{
  public:
    explicit KeyCounts( size_t expectedKeys );
    void add( uint64_t hash );
    //! 0, 1, or 2 for "two or more".
    int count( uint64_t hash ) const;

  private:
    size_t slotOf( uint64_t hash ) const;
    void grow();
    std::vector<uint64_t> mHashes;
    std::vector<uint8_t> mCounts;
    size_t mUsed = 0;
};

/**
 * For each hash in hashes, whether another element has the same non-zero hash:
 * the features that may share a key with another (the others certainly do not).
 */
std::vector<bool> sharedHashes( const std::vector<uint64_t> &hashes );

} // namespace htsplan
