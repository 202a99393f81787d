#include "processing/point_collector.h"
#include "processing/point_source.h"

#include "layers/arrow_batches.h"
#include "layers/wkb_point.h"
#include "layers/problems.h"

#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogrsf_frmts.h>
#include <qgsprocessingfeedback.h>

#include <cmath>
#include <cstring>
#include <stdexcept>

namespace htsplan
{

namespace
{

//! Appends the point(s) of one WKB geometry; returns how many.
int addWkb( std::string_view wkb, QgsFeatureId fid, bool explode, PointSet &set )
{
  // The common case, millions of times: a little-endian 2D/3D point.
  double x = 0, y = 0;
  if ( readWkbPoint( wkb, x, y ) )
  {
    if ( std::isnan( x ) || std::isnan( y ) )
      return 0; // an empty point
    set.xs.push_back( x );
    set.ys.push_back( y );
    set.fids.push_back( fid );
    return 1;
  }
  OGRGeometry *parsed = nullptr;
  if ( OGRGeometryFactory::createFromWkb( wkb.data(), nullptr, &parsed, wkb.size(), wkbVariantIso ) != OGRERR_NONE || !parsed )
    return 0;
  OGRGeometryUniquePtr g( parsed );
  if ( g->IsEmpty() )
    return 0;
  const OGRwkbGeometryType flat = wkbFlatten( g->getGeometryType() );
  if ( flat == wkbMultiPoint )
  {
    const OGRMultiPoint *parts = g->toMultiPoint();
    int added = 0;
    for ( const OGRPoint *p : *parts )
    {
      if ( p->IsEmpty() )
        continue;
      set.xs.push_back( p->getX() );
      set.ys.push_back( p->getY() );
      set.fids.push_back( fid );
      ++added;
      if ( !explode )
        break; // the first part, as readPoints() takes it
    }
    return added;
  }
  // Lines and polygons: their point on surface, as readPoints() places them.
  OGRGeometryUniquePtr point( OGRGeometry::FromHandle( OGR_G_PointOnSurface( OGRGeometry::ToHandle( g.get() ) ) ) );
  if ( !point || point->IsEmpty() )
    return 0;
  set.xs.push_back( point->toPoint()->getX() );
  set.ys.push_back( point->toPoint()->getY() );
  set.fids.push_back( fid );
  return 1;
}

} // namespace

PointSet readPointsFromFile( const QString &path, const QString &layerName, const QgsCoordinateReferenceSystem &crs,
                             const QgsRectangle &extent, const QString &sourceName, const PointReadOptions &options,
                             QgsProcessingFeedback *feedback )
{
  GDALDatasetUniquePtr ds( GDALDataset::Open( path.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY ) );
  if ( !ds )
    throw std::runtime_error( "GDAL cannot open " + path.toStdString() );
  OGRLayer *layer = layerName.isEmpty() ? ds->GetLayer( 0 ) : ds->GetLayerByName( layerName.toUtf8().constData() );
  if ( !layer )
    throw std::runtime_error( "no layer " + layerName.toStdString() + " in " + path.toStdString() );

  PointSet set;
  set.sourceCrs = crs;
  set.sourceExtent = extent;
  PointCollector collector( set, options, sourceName );
  OGRFeatureDefn *defn = layer->GetLayerDefn();
  std::vector<std::string> fields;
  for ( const QString &name : { options.weightField, options.categoryField } )
  {
    if ( name.isEmpty() )
      continue;
    if ( defn->GetFieldIndex( name.toUtf8().constData() ) < 0 )
      throw InputError( QStringLiteral( "%1 (%2): no field '%3'" ).arg( collector.label(), sourceName, name ).toStdString() );
    fields.push_back( name.toStdString() );
  }
  const GIntBig expected = layer->GetFeatureCount( FALSE );
  set.reserve( expected );
  const std::string fidName = layer->GetFIDColumn() && *layer->GetFIDColumn() ? layer->GetFIDColumn() : "OGC_FID";
  const std::string geomName = layer->GetGeometryColumn() && *layer->GetGeometryColumn() ? layer->GetGeometryColumn() : "wkb_geometry";
  const std::string weightName = options.weightField.toStdString(), categoryName = options.categoryField.toStdString();
  long long rowsRead = 0;
  readArrowBatches( layer, fields, [&]( const auto &column, int64_t rows ) {
    if ( feedback && feedback->isCanceled() )
      throw Canceled();
    const ArrowColumn fid = column( fidName ), geom = column( geomName );
    const ArrowColumn weight = weightName.empty() ? ArrowColumn() : column( weightName );
    const ArrowColumn category = categoryName.empty() ? ArrowColumn() : column( categoryName );
    for ( int64_t row = 0; row < rows; ++row )
    {
      const QgsFeatureId id = static_cast<QgsFeatureId>( fid.number( row ).value_or( -1 ) );
      const std::string_view wkb = geom.bytes( row );
      const int added = wkb.empty() ? 0 : addWkb( wkb, id, options.explodeMultipoints, set );
      if ( added == 0 )
      {
        ++set.withoutGeometry;
        continue;
      }
      if ( !weightName.empty() )
        collector.addWeight( id, weight.number( row ), QString::fromStdString( weight.text( row ) ), added );
      if ( !categoryName.empty() )
        collector.addCategory( QString::fromStdString( category.text( row ) ), added );
    }
    rowsRead += rows;
    if ( feedback && expected > 0 )
      feedback->setProgress( 100.0 * static_cast<double>( rowsRead ) / static_cast<double>( expected ) );
  } );
  collector.finish( feedback );
  return set;
}

} // namespace htsplan
