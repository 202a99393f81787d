#include "analysis/pattern/nni_verdict.h"

#include <catch2/catch.hpp>

#include <string>

namespace
{
htsplan::NearestNeighbourStatistics withZ( double z )
{
  htsplan::NearestNeighbourStatistics s;
  s.zScore = z;
  return s;
}
} // namespace

TEST_CASE( "nni verdict - clustered, random or dispersed, two-sided at 5%", "[analysis][nni]" )
{
  using htsplan::NniPattern;
  CHECK( htsplan::nniPattern( withZ( -8.0 ) ) == NniPattern::Clustered );
  CHECK( htsplan::nniPattern( withZ( -1.97 ) ) == NniPattern::Clustered );
  CHECK( htsplan::nniPattern( withZ( -1.96 ) ) == NniPattern::Random );
  CHECK( htsplan::nniPattern( withZ( 0.0 ) ) == NniPattern::Random );
  CHECK( htsplan::nniPattern( withZ( 1.96 ) ) == NniPattern::Random );
  CHECK( htsplan::nniPattern( withZ( 1.97 ) ) == NniPattern::Dispersed );

  SECTION( "the words of metrics.json and of htsplan:nni" )
  {
    CHECK( std::string( htsplan::nniPatternKey( NniPattern::Clustered ) ) == "clustered" );
    CHECK( std::string( htsplan::nniPatternKey( NniPattern::Random ) ) == "random" );
    CHECK( std::string( htsplan::nniPatternKey( NniPattern::Dispersed ) ) == "dispersed" );
    CHECK( std::string( htsplan::nniPatternNameZh( NniPattern::Clustered ) ) == "集聚" );
    CHECK( std::string( htsplan::nniPatternNameZh( NniPattern::Dispersed ) ) == "离散" );
  }
}
