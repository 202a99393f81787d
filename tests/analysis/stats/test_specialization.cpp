#include "analysis/stats/specialization.h"

#include <catch2/catch.hpp>

#include <stdexcept>

using htsplan::CountMatrix;

TEST_CASE( "specialization - location quotients by hand", "[analysis][specialization]" )
{
  // Two cities, each with three of its four carriers in its own sector.
  const CountMatrix mirror{ 2, 2, { 3, 1, 1, 3 } };
  const std::vector<double> lq = htsplan::locationQuotients( mirror );
  CHECK( lq[0] == Approx( 1.5 ) ); // (3/4) / (4/8)
  CHECK( lq[1] == Approx( 0.5 ) );
  CHECK( lq[2] == Approx( 0.5 ) );
  CHECK( lq[3] == Approx( 1.5 ) );
  CHECK( htsplan::leadingSector( mirror, lq, 0 ) == 0 );
  CHECK( htsplan::leadingSector( mirror, lq, 1 ) == 1 );

  // An empty unit (row 3) and an empty sector (column 3): LQ 0, no leading sector.
  const CountMatrix sparse{ 3, 3, { 2, 0, 0, 1, 1, 0, 0, 0, 0 } };
  const std::vector<double> q = htsplan::locationQuotients( sparse );
  CHECK( q[0] == Approx( 4.0 / 3.0 ) ); // (2/2) / (3/4)
  CHECK( q[3] == Approx( 2.0 / 3.0 ) ); // (1/2) / (3/4)
  CHECK( q[4] == Approx( 2.0 ) );       // (1/2) / (1/4)
  for ( std::size_t i : { 1, 2, 5, 6, 7, 8 } )
    CHECK( q[i] == 0.0 );
  CHECK( htsplan::leadingSector( sparse, q, 0 ) == 0 );
  CHECK( htsplan::leadingSector( sparse, q, 1 ) == 1 );
  CHECK( htsplan::leadingSector( sparse, q, 2 ) == -1 );

  // Equal LQs: the larger count leads, then the first sector.
  const CountMatrix even{ 2, 2, { 2, 1, 2, 1 } };
  const std::vector<double> e = htsplan::locationQuotients( even );
  CHECK( e[0] == Approx( 1.0 ) );
  CHECK( e[1] == Approx( 1.0 ) );
  CHECK( htsplan::leadingSector( even, e, 0 ) == 0 );
  const CountMatrix ones{ 1, 2, { 1, 1 } };
  CHECK( htsplan::leadingSector( ones, htsplan::locationQuotients( ones ), 0 ) == 0 );

  // All zero: every LQ 0.
  const CountMatrix none{ 2, 2, { 0, 0, 0, 0 } };
  for ( double v : htsplan::locationQuotients( none ) )
    CHECK( v == 0.0 );

  CHECK_THROWS_AS( htsplan::locationQuotients( CountMatrix{ 2, 2, { 1, 2, 3 } } ), std::invalid_argument );
  CHECK_THROWS_AS( htsplan::locationQuotients( CountMatrix{ 1, 2, { 1, -2 } } ), std::invalid_argument );
}

TEST_CASE( "specialization - Herfindahl-Hirschman by unit and by sector", "[analysis][specialization]" )
{
  const CountMatrix mirror{ 2, 2, { 3, 1, 1, 3 } };
  const std::vector<double> units = htsplan::hhiByUnit( mirror ), sectors = htsplan::hhiBySector( mirror );
  CHECK( units[0] == Approx( 0.625 ) ); // (3/4)^2 + (1/4)^2
  CHECK( units[1] == Approx( 0.625 ) );
  CHECK( sectors[0] == Approx( 0.625 ) );

  const CountMatrix sparse{ 3, 3, { 2, 0, 0, 1, 1, 0, 0, 0, 0 } };
  const std::vector<double> u = htsplan::hhiByUnit( sparse ), s = htsplan::hhiBySector( sparse );
  CHECK( u[0] == Approx( 1.0 ) );
  CHECK( u[1] == Approx( 0.5 ) );
  CHECK( u[2] == 0.0 );
  CHECK( s[0] == Approx( 5.0 / 9.0 ) ); // (2/3)^2 + (1/3)^2
  CHECK( s[1] == Approx( 1.0 ) );
  CHECK( s[2] == 0.0 );
}

TEST_CASE( "specialization - Gini coefficient and Lorenz curve", "[analysis][specialization]" )
{
  // By the mean absolute difference: sum |xi - xj| over ordered pairs / (2 n^2 mean) = 8 / 36.
  const htsplan::Lorenz l = htsplan::lorenzCurve( { 3, 1, 2 } );
  CHECK( l.gini == Approx( 2.0 / 9.0 ) );
  REQUIRE( l.unitShare.size() == 4 );
  CHECK( l.unitShare[1] == Approx( 1.0 / 3.0 ) );
  CHECK( l.valueShare[0] == 0.0 );
  CHECK( l.valueShare[1] == Approx( 1.0 / 6.0 ) );
  CHECK( l.valueShare[2] == Approx( 0.5 ) );
  CHECK( l.valueShare[3] == Approx( 1.0 ) );

  // All in one of four units: (n - 1) / n.
  const htsplan::Lorenz one = htsplan::lorenzCurve( { 0, 4, 0, 0 } );
  CHECK( one.gini == Approx( 0.75 ) );
  CHECK( one.valueShare[3] == 0.0 );
  CHECK( one.valueShare[4] == Approx( 1.0 ) );

  CHECK( htsplan::lorenzCurve( { 5, 5 } ).gini == Approx( 0.0 ).margin( 1e-15 ) );
  const htsplan::Lorenz zero = htsplan::lorenzCurve( { 0, 0 } );
  CHECK( zero.gini == 0.0 );
  CHECK( zero.valueShare[1] == Approx( 0.5 ) );
  CHECK_THROWS_AS( htsplan::lorenzCurve( { 1, -1 } ), std::invalid_argument );
}
