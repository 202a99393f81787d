#include "processing/point_source.h"

#include "processing/point_collector.h"

#include "geometry/crs.h"
#include "layers/problems.h"

#include <qgscoordinatetransform.h>
#include <qgsfeaturerequest.h>
#include <qgsfeaturesource.h>
#include <qgsgeometry.h>
#include <qgsgeometrycollection.h>
#include <qgsmultipoint.h>
#include <qgsprocessingutils.h>
#include <qgspoint.h>
#include <qgsprocessingfeedback.h>
#include <qgsunittypes.h>

#include <cmath>
#include <map>

namespace htsplan
{

void PointSet::reserve( long long count )
{
  if ( count <= 0 )
    return;
  xs.reserve( count );
  ys.reserve( count );
  fids.reserve( count );
}

QgsRectangle PointSet::boundingBox() const
{
  if ( xs.empty() )
    return QgsRectangle();
  double minX = xs[0], maxX = minX, minY = ys[0], maxY = minY;
  for ( size_t i = 1; i < xs.size(); ++i )
  {
    minX = std::min( minX, xs[i] );
    maxX = std::max( maxX, xs[i] );
    minY = std::min( minY, ys[i] );
    maxY = std::max( maxY, ys[i] );
  }
  return QgsRectangle( minX, minY, maxX, maxY, false );
}

QgsCoordinateReferenceSystem analysisQgsCrs()
{
  return QgsCoordinateReferenceSystem::fromProj( QString::fromLatin1( analysisProj() ) );
}

QgsCoordinateReferenceSystem workingCrs( const QgsCoordinateReferenceSystem &crs )
{
  if ( crs.isValid() && !crs.isGeographic() && crs.mapUnits() == QgsUnitTypes::DistanceMeters )
    return crs;
  return analysisQgsCrs();
}

namespace
{

QString describe( const QgsCoordinateReferenceSystem &crs )
{
  if ( !crs.isValid() )
    return QStringLiteral( "no CRS" );
  const QString authid = crs.authid();
  return authid.isEmpty() ? crs.description() : QStringLiteral( "%1 (%2)" ).arg( crs.description(), authid );
}

void addGeometry( const QgsGeometry &geometry, QgsFeatureId fid, bool explode, PointSet &set, int &added )
{
  added = 0;
  if ( geometry.type() == QgsWkbTypes::PointGeometry )
  {
    if ( geometry.isMultipart() && explode )
    {
      const QgsMultiPointXY parts = geometry.asMultiPoint();
      for ( const QgsPointXY &p : parts )
      {
        set.xs.push_back( p.x() );
        set.ys.push_back( p.y() );
        set.fids.push_back( fid );
        ++added;
      }
      return;
    }
    const QgsAbstractGeometry *g = geometry.constGet();
    const QgsPoint *p = qgsgeometry_cast<const QgsPoint *>( g );
    if ( const QgsGeometryCollection *parts = qgsgeometry_cast<const QgsGeometryCollection *>( g ) )
      p = parts->numGeometries() > 0 ? qgsgeometry_cast<const QgsPoint *>( parts->geometryN( 0 ) ) : nullptr;
    if ( !p )
      return;
    set.xs.push_back( p->x() );
    set.ys.push_back( p->y() );
  }
  else
  {
    const QgsGeometry surfacePoint = geometry.pointOnSurface();
    if ( surfacePoint.isEmpty() )
      return;
    const QgsPointXY p = surfacePoint.asPoint();
    set.xs.push_back( p.x() );
    set.ys.push_back( p.y() );
  }
  set.fids.push_back( fid );
  added = 1;
}

} // namespace

PointCollector::PointCollector( PointSet &set, const PointReadOptions &options, const QString &sourceName )
  : mSet( set )
  , mOptions( options )
  , mLabel( options.layerLabel.isEmpty() ? sourceName : options.layerLabel )
  , mSourceName( sourceName )
{}

void PointCollector::addWeight( QgsFeatureId fid, std::optional<double> value, const QString &text, int added )
{
  if ( !value || !std::isfinite( *value ) || *value < 0 )
    throw InputError( QStringLiteral( "%1 (%2): feature %3, field '%4': weight %5 is %6; weights must be numbers >= 0" )
                        .arg( mLabel, mSourceName )
                        .arg( fid )
                        .arg( mOptions.weightField, text.isEmpty() ? QStringLiteral( "NULL" ) : text,
                              text.isEmpty() ? QStringLiteral( "null" ) : QStringLiteral( "not allowed" ) )
                        .toStdString() );
  mSet.weights.insert( mSet.weights.end(), added, *value );
}

void PointCollector::addCategory( const QString &text, int added )
{
  int id = -1;
  const QString key = text.trimmed();
  if ( !key.isEmpty() )
  {
    auto found = mCategoryIds.find( key );
    if ( found == mCategoryIds.end() )
      found = mCategoryIds.emplace( key, mCategoriesSeen++ ).first;
    id = found->second;
  }
  mSet.categories.insert( mSet.categories.end(), added, id );
}

void PointCollector::finish( QgsProcessingFeedback *feedback )
{
  PointSet &set = mSet;
  if ( !mOptions.categoryField.isEmpty() )
  {
    // Renumber so that category ids follow the sorted names, whatever the feature order.
    std::vector<int> renumber( mCategoriesSeen );
    int sorted = 0;
    for ( const auto &[name, firstSeen] : mCategoryIds )
    {
      renumber[firstSeen] = sorted++;
      set.categoryNames << name;
    }
    for ( int &c : set.categories )
      if ( c >= 0 )
        c = renumber[c];
  }

  if ( set.withoutGeometry > 0 && feedback )
    feedback->reportError( QStringLiteral( "%1 (%2): %3 features without geometry skipped" )
                             .arg( mLabel, mSourceName )
                             .arg( set.withoutGeometry ),
                           false );

  set.crs = mOptions.targetCrs.isValid() ? mOptions.targetCrs : workingCrs( set.sourceCrs );
  if ( set.crs != set.sourceCrs )
  {
    if ( !set.sourceCrs.isValid() && !set.xs.empty() )
    {
      const QgsRectangle box = set.boundingBox();
      if ( !plausibleLonLat( box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum() ) )
        throw InputError( QStringLiteral( "%1 (%2): the layer has no CRS and its coordinates are not longitude/latitude; assign its CRS" )
                            .arg( mLabel, mSourceName )
                            .toStdString() );
      set.sourceCrs = QgsCoordinateReferenceSystem( QStringLiteral( "EPSG:4490" ) );
      if ( feedback )
        feedback->pushInfo( QStringLiteral( "%1 has no CRS; its coordinates look like longitude/latitude, CGCS2000 (EPSG:4490) assumed" ).arg( mLabel ) );
    }
    const QgsCoordinateTransform transform( set.sourceCrs, set.crs, mOptions.transformContext );
    if ( !transform.isValid() )
      throw InputError( QStringLiteral( "%1 (%2): no transform from %3 to %4" ).arg( mLabel, mSourceName, describe( set.sourceCrs ), describe( set.crs ) ).toStdString() );
    try
    {
      std::vector<double> zs( set.size(), 0.0 );
      transform.transformCoords( static_cast<int>( set.size() ), set.xs.data(), set.ys.data(), zs.data() );
    }
    catch ( const QgsCsException &e )
    {
      throw InputError( QStringLiteral( "%1 (%2): cannot project from %3 to the analysis CRS: %4" )
                          .arg( mLabel, mSourceName, describe( set.sourceCrs ), e.what() )
                          .toStdString() );
    }
    set.reprojected = true;
    if ( feedback && !mOptions.targetCrs.isValid() )
      feedback->pushInfo( QStringLiteral( "%1 is in %2: distances and areas are computed in metres in htsplan's equal-area CRS "
                                          "(Albers fitted to Shandong: lon_0 118, lat_1 35, lat_2 38); QGIS's own tools would read them in the layer's units" )
                            .arg( mLabel, describe( set.sourceCrs ) ) );
  }
  if ( feedback )
    feedback->setProgress( 100 );
}

PointSet readPoints( const QgsFeatureSource &source, const PointReadOptions &options, QgsProcessingFeedback *feedback )
{
  PointSet set;
  set.sourceCrs = source.sourceCrs();
  set.sourceExtent = source.sourceExtent();
  PointCollector collector( set, options, source.sourceName() );
  const QString &label = collector.label();

  const QgsFields fields = source.fields();
  QgsAttributeList attributes;
  int weightIndex = -1, categoryIndex = -1;
  auto fieldIndex = [&]( const QString &name ) {
    const int index = fields.lookupField( name );
    if ( index < 0 )
      throw InputError( QStringLiteral( "%1 (%2): no field '%3'" ).arg( label, source.sourceName(), name ).toStdString() );
    attributes << index;
    return index;
  };
  if ( !options.weightField.isEmpty() )
    weightIndex = fieldIndex( options.weightField );
  if ( !options.categoryField.isEmpty() )
    categoryIndex = fieldIndex( options.categoryField );

  const long long expected = source.featureCount();
  set.reserve( expected );

  QgsFeatureRequest request;
  request.setSubsetOfAttributes( attributes );
  // Geometry validity does not matter for a point on surface; do not let the
  // context's invalid-geometry setting stop the read.
  const auto *processingSource = dynamic_cast<const QgsProcessingFeatureSource *>( &source );
  QgsFeatureIterator it = processingSource ? processingSource->getFeatures( request, QgsProcessingFeatureSource::FlagSkipGeometryValidityChecks )
                                           : source.getFeatures( request );
  QgsFeature feature;
  long long index = 0;
  const double step = expected > 0 ? 100.0 / static_cast<double>( expected ) : 0;
  while ( it.nextFeature( feature ) )
  {
    if ( ( index & 0xffff ) == 0 )
    {
      if ( feedback && feedback->isCanceled() )
        throw Canceled();
      if ( feedback && step > 0 )
        feedback->setProgress( static_cast<double>( index ) * step );
    }
    ++index;
    const QgsGeometry geometry = feature.geometry();
    int added = 0;
    if ( !geometry.isNull() && !geometry.isEmpty() )
      addGeometry( geometry, feature.id(), options.explodeMultipoints, set, added );
    if ( added == 0 )
    {
      ++set.withoutGeometry;
      continue;
    }
    if ( weightIndex >= 0 )
    {
      const QVariant value = feature.attribute( weightIndex );
      bool ok = false;
      const double w = value.isNull() ? 0.0 : value.toDouble( &ok );
      collector.addWeight( feature.id(), value.isNull() || !ok ? std::nullopt : std::optional<double>( w ), value.isNull() ? QString() : value.toString(), added );
    }
    if ( categoryIndex >= 0 )
    {
      const QVariant value = feature.attribute( categoryIndex );
      collector.addCategory( value.isNull() ? QString() : value.toString(), added );
    }
  }
  collector.finish( feedback );
  return set;
}

} // namespace htsplan
