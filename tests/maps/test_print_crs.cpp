#include <catch2/catch.hpp>

#include "geometry/crs.h"
#include "maps/map_crs.h"

#include <qgscoordinatetransform.h>
#include <qgscoordinatetransformcontext.h>

// maps/ may not use geometry/, so the print CRS is written out again there:
// this test holds the two to the same projection, point for point.
TEST_CASE( "print CRS - the same projection as the equal-area CRS of the areas", "[maps][crs]" )
{
  const QgsCoordinateReferenceSystem print = htsplan::printCrs();
  REQUIRE( print.isValid() );
  const QgsCoordinateReferenceSystem areas = QgsCoordinateReferenceSystem::fromProj( QString::fromLatin1( htsplan::equalAreaProj() ) );
  REQUIRE( areas.isValid() );
  const QgsCoordinateReferenceSystem lonLat( QStringLiteral( "EPSG:4490" ) );
  const QgsCoordinateTransform toPrint( lonLat, print, QgsCoordinateTransformContext() );
  const QgsCoordinateTransform toAreas( lonLat, areas, QgsCoordinateTransformContext() );
  // Shandong's corners and Jinan.
  for ( const QgsPointXY &p : { QgsPointXY( 114.8, 34.4 ), QgsPointXY( 122.7, 38.4 ), QgsPointXY( 117.0, 36.65 ) } )
  {
    const QgsPointXY a = toPrint.transform( p ), b = toAreas.transform( p );
    CHECK( a.x() == Approx( b.x() ).margin( 1e-6 ) );
    CHECK( a.y() == Approx( b.y() ).margin( 1e-6 ) );
  }
  CHECK( print.mapUnits() == QgsUnitTypes::DistanceMeters );
}
