// analysis/stats on cases small enough to check by hand; the comparison with
// R's spdep on real data is tests/compare/spdep_stats.cpp.
#include <catch2/catch.hpp>

#include "analysis/stats/getis_ord.h"
#include "analysis/stats/moran.h"
#include "analysis/stats/weights.h"
#include "layers/problems.h"

#include <cmath>

using namespace htsplan;

TEST_CASE( "stats - Gi* on a line of three units, by hand", "[analysis][stats]" )
{
  // Units 0-1-2 in a row, values 1, 2, 6: mean 3, population variance (4+1+9)/3 = 14/3.
  const NeighbourLists line = { { 1 }, { 0, 2 }, { 1 } };
  const GetisOrd g = getisOrdGiStar( { 1, 2, 6 }, makeWeights( line, WeightStyle::Binary, true ) );
  // Unit 2: sum 2 + 6 = 8, Wi = 2, S1i = 2: z = (8 - 2*3) / sqrt(14/3 * (3*2 - 4) / 2).
  CHECK( g.z[2] == Approx( 2.0 / std::sqrt( 14.0 / 3.0 ) ) );
  CHECK( g.neighbours[2] == 2 );
  CHECK( g.neighbours[1] == 3 );
  // Unit 1 sums every unit: variance 0, z 0, p 1, counted (spdep: NaN).
  CHECK( g.z[1] == 0 );
  CHECK( g.p[1] == 1 );
  CHECK( g.undefined == 1 );
  CHECK( g.p[2] == Approx( std::erfc( g.z[2] / std::sqrt( 2.0 ) ) ) );
}

TEST_CASE( "stats - Benjamini-Hochberg cut-offs and the bins' labels", "[analysis][stats]" )
{
  // Sorted p 0.001, 0.02, 0.03, 0.2 (m = 4) at 0.05: k/m*0.05 = 0.0125, 0.025, 0.0375, 0.05 -> the largest p under its line is 0.03.
  CHECK( benjaminiHochbergCutoff( { 0.2, 0.03, 0.001, 0.02 }, 0.05 ) == 0.03 );
  CHECK( benjaminiHochbergCutoff( { 0.2, 0.03, 0.001, 0.02 }, 0.01 ) == 0.001 );
  CHECK( benjaminiHochbergCutoff( { 0.5, 0.6 }, 0.05 ) == 0 );
  CHECK( giBinLabel( 3, false ) == "Hot Spot - 99% Confidence" );
  CHECK( giBinLabel( -1, false ) == "Cold Spot - 90% Confidence" );
  CHECK( giBinLabel( 0, false ) == "Not Significant" );
  CHECK( giBinLabel( 2, true ) == "热点（95%置信度）" );
  CHECK( giBinLabel( -3, true ) == "冷点（99%置信度）" );
  CHECK( lisaLabel( LisaType::HighLow, true ) == "高-低异常" );
  CHECK( lisaCode( LisaType::LowHigh ) == "LH" );
}

TEST_CASE( "stats - bad input is an error, never a NaN", "[analysis][stats]" )
{
  const NeighbourLists ring = { { 1, 3 }, { 0, 2 }, { 1, 3 }, { 0, 2 } };
  const SpatialWeights w = makeWeights( ring, WeightStyle::RowStandardised );
  CHECK_THROWS_AS( globalMoran( { 5, 5, 5, 5 }, w ), InputError );
  CHECK_THROWS_AS( localMoran( { 5, 5, 5, 5 }, w ), InputError );
  CHECK_THROWS_AS( globalMoran( { 1, 2, NAN, 4 }, w ), InputError );
  CHECK_THROWS_AS( getisOrdGiStar( { 1, 2 }, makeWeights( { { 1 }, { 0 } }, WeightStyle::Binary, true ) ), InputError );
  CHECK_THROWS_AS( getisOrdGiStar( { 1, 2, 3, 4 }, makeWeights( ring, WeightStyle::Binary ) ), InputError ); // Gi, not Gi*
  CHECK_THROWS_AS( nearestNeighbourLists( { 0, 1, 2 }, { 0, 0, 0 }, 3 ), InputError );
  CHECK_THROWS_AS( distanceBandNeighbours( { 0, 1 }, { 0, 0 }, 0 ), InputError );
  // Local Moran of an island: z 0, p 1, counted.
  const LocalMoran island = localMoran( { 1, 2, 3, 10 }, makeWeights( { { 1 }, { 0, 2 }, { 1 }, {} }, WeightStyle::RowStandardised ) );
  CHECK( island.z[3] == 0 );
  CHECK( island.p[3] == 1 );
  CHECK( island.type[3] == LisaType::NotSignificant );
  CHECK( island.undefined >= 1 );
  for ( double z : island.z )
    CHECK( std::isfinite( z ) );
}

TEST_CASE( "stats - contiguity: queen, rook and the snap tolerance", "[analysis][stats]" )
{
  // Three 1 m squares: A and B share an edge, B and C only a corner, D lies 0.4 m off C's far corner.
  auto square = []( double x, double y ) { return UnitVertices { { x, x + 1, x + 1, x }, { y, y, y + 1, y + 1 } }; };
  const std::vector<UnitVertices> units = { square( 0, 0 ), square( 1, 0 ), square( 2, 1 ), square( 3.4, 2 ) };
  const NeighbourLists queen = contiguityNeighbours( units, true, 0.001 );
  CHECK( queen[0] == std::vector<size_t> { 1 } );
  CHECK( queen[1] == std::vector<size_t> { 0, 2 } );
  CHECK( queen[3].empty() );
  const NeighbourLists rook = contiguityNeighbours( units, false, 0.001 );
  CHECK( rook[1] == std::vector<size_t> { 0 } );
  CHECK( rook[2].empty() );
  CHECK( contiguityNeighbours( units, true, 0.5 )[3] == std::vector<size_t> { 2 } ); // within the snap
  CHECK( isolatedUnits( queen ) == std::vector<size_t> { 3 } );
  CHECK( nameUnits( { 3 }, { "a", "b", "c", "长岛县" } ) == "长岛县" );
  // The smallest full band: the largest nearest-centroid distance.
  CHECK( smallestFullBand( { 0, 1, 5 }, { 0, 0, 0 } ) == 4.0 );
}
