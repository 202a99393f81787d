#include <catch2/catch.hpp>

#include "processing/gpkg_output.h"

#include <qgsfeature.h>
#include <qgsgeometry.h>

#include <QDateTime>
#include <QTemporaryDir>

TEST_CASE( "gpkg output - GpkgSink writes what QGIS's writer writes, with an R-tree", "[processing][gpkg_output]" )
{
  QTemporaryDir dir;
  const QString path = dir.filePath( "points.gpkg" );
  QgsFields fields;
  fields.append( QgsField( QStringLiteral( "fid" ), QVariant::LongLong ) );
  fields.append( QgsField( QStringLiteral( "name" ), QVariant::String ) );
  fields.append( QgsField( QStringLiteral( "n" ), QVariant::Int ) );
  fields.append( QgsField( QStringLiteral( "x" ), QVariant::Double ) );
  fields.append( QgsField( QStringLiteral( "ok" ), QVariant::Bool ) );
  fields.append( QgsField( QStringLiteral( "day" ), QVariant::Date ) );
  fields.append( QgsField( QStringLiteral( "at" ), QVariant::DateTime ) );

  SECTION( "values, ids, nulls and the R-tree" )
  {
    {
      htsplan::GpkgSink sink( path, fields, QgsWkbTypes::Point, QgsCoordinateReferenceSystem( QStringLiteral( "EPSG:4548" ) ) );
      for ( int i = 0; i < 200; ++i )
      {
        QgsFeature f( fields );
        f.setAttributes( QgsAttributes() << 10 + i << QStringLiteral( "名%1" ).arg( i ) << ( i % 3 ? QVariant( i ) : QVariant( QVariant::Int ) )
                                         << i * 0.5 << ( i % 2 == 0 ) << QDate( 2020, 1, 1 + i % 28 )
                                         << QDateTime( QDate( 2021, 2, 3 ), QTime( 4, 5, 6 ), Qt::UTC ) );
        if ( i != 7 )
          f.setGeometry( QgsGeometry::fromPointXY( QgsPointXY( 500000 + i * 10, 4000000 ) ) );
        REQUIRE( sink.addFeature( f ) );
      }
      REQUIRE( sink.flushBuffer() );
    }
    GDALDatasetUniquePtr ds( GDALDataset::Open( path.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY ) );
    REQUIRE( ds );
    OGRLayer *layer = ds->GetLayerByName( "points" ); // named after the file, as QGIS names it
    REQUIRE( layer );
    CHECK( std::string( layer->GetFIDColumn() ) == "fid" );
    CHECK( layer->GetLayerDefn()->GetFieldIndex( "fid" ) < 0 );
    CHECK( layer->GetFeatureCount() == 200 );
    CHECK( std::string( layer->GetSpatialRef()->GetAuthorityCode( nullptr ) ) == "4548" );
    OGRFeatureUniquePtr first( layer->GetFeature( 10 ) ), second( layer->GetFeature( 11 ) ), noGeometry( layer->GetFeature( 17 ) );
    REQUIRE( first );
    REQUIRE( second );
    CHECK( std::string( first->GetFieldAsString( "name" ) ) == "名0" );
    CHECK( first->IsFieldNull( first->GetFieldIndex( "n" ) ) );
    CHECK( second->GetFieldAsInteger( "n" ) == 1 );
    CHECK( second->GetFieldAsDouble( "x" ) == 0.5 );
    CHECK( first->GetFieldAsInteger( "ok" ) == 1 );
    CHECK( layer->GetLayerDefn()->GetFieldDefn( layer->GetLayerDefn()->GetFieldIndex( "ok" ) )->GetSubType() == OFSTBoolean );
    CHECK( std::string( first->GetFieldAsString( "day" ) ) == "2020/01/01" );
    CHECK( std::string( first->GetFieldAsString( "at" ) ) == "2021/02/03 04:05:06+00" );
    CHECK( noGeometry->GetGeometryRef() == nullptr );
    OGRLayer *check = ds->ExecuteSQL( "SELECT rtreecheck('rtree_points_geom'), (SELECT count(*) FROM rtree_points_geom)", nullptr, nullptr );
    OGRFeatureUniquePtr row( check->GetNextFeature() );
    CHECK( std::string( row->GetFieldAsString( 0 ) ) == "ok" );
    CHECK( row->GetFieldAsInteger( 1 ) == 199 );
    ds->ReleaseResultSet( check );
  }
  SECTION( "no flushBuffer(), no file" )
  {
    {
      htsplan::GpkgSink sink( path, fields, QgsWkbTypes::Point, QgsCoordinateReferenceSystem( QStringLiteral( "EPSG:4548" ) ) );
      QgsFeature f( fields );
      f.setGeometry( QgsGeometry::fromPointXY( QgsPointXY( 500000, 4000000 ) ) );
      REQUIRE( sink.addFeature( f ) );
    }
    CHECK( QDir( dir.path() ).entryList( QDir::Files | QDir::Hidden ).isEmpty() );
  }
}
