#pragma once
// The random numbers of the sample generator.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace htsplan::tools
{

//! std::mt19937_64 with our own conversions, so that the output does not depend
//! on the standard library's distributions (implementation-defined).
class Rng
{
  public:
    explicit Rng( uint64_t seed ) : mEngine( seed ) {}
    //! Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>( mEngine() >> 11 ) * ( 1.0 / 9007199254740992.0 ); }
    double range( double a, double b ) { return a + ( b - a ) * uniform(); }
    //! Uniform in [0, n).
    size_t index( size_t n ) { return std::min( n - 1, static_cast<size_t>( uniform() * static_cast<double>( n ) ) ); }
    bool chance( double p ) { return uniform() < p; }
    int year( int from, int to ) { return from + static_cast<int>( index( static_cast<size_t>( to - from + 1 ) ) ); }
    size_t weighted( const std::vector<double> &w )
    {
      double total = 0.0;
      for ( double x : w )
        total += x;
      double u = uniform() * total;
      for ( size_t i = 0; i < w.size(); ++i )
      {
        if ( u < w[i] )
          return i;
        u -= w[i];
      }
      return w.size() - 1;
    }
    template <class T> const T &pick( const std::vector<T> &v ) { return v[index( v.size() )]; }

  private:
    std::mt19937_64 mEngine;
};

} // namespace htsplan::tools
