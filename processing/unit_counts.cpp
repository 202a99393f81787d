#include "processing/unit_counts.h"

#include "geometry/polygon_index.h"
#include "processing/ogr_bridge.h"
#include "layers/problems.h"

#include <qgsfeaturesource.h>
#include <qgsprocessingfeedback.h>

namespace htsplan
{

UnitCounts countPointsInUnits( const QgsFeatureSource &units, const QString &unitsLabel, PointSet points, QgsProcessingFeedback *feedback )
{
  UnitCounts result;
  {
    QgsFeatureIterator it = units.getFeatures();
    QgsFeature f;
    while ( it.nextFeature( f ) )
    {
      result.shapes.push_back( toOgr( f.geometry() ) );
      result.units.push_back( f );
    }
  }
  if ( result.units.empty() )
    throw InputError( QStringLiteral( "%1 (%2): the layer has no features" ).arg( unitsLabel, units.sourceName() ).toStdString() );

  result.points = std::move( points );

  if ( feedback )
    feedback->setProgressText( QStringLiteral( "Assigning %1 points to %2 polygons" ).arg( result.points.size() ).arg( result.units.size() ) );
  std::vector<const OGRGeometry *> raw;
  for ( const auto &shape : result.shapes )
    raw.push_back( shape.get() );
  const PolygonIndex index( raw );
  result.unitOf = assignPoints( index, result.points.xs, result.points.ys );
  if ( feedback && feedback->isCanceled() )
    throw Canceled();

  const size_t categories = result.points.categoryNames.size();
  result.counts.assign( result.units.size(), 0.0 );
  result.byCategory.assign( result.units.size() * categories, 0.0 );
  for ( size_t i = 0; i < result.unitOf.size(); ++i )
  {
    const int u = result.unitOf[i];
    if ( u < 0 )
    {
      ++result.outside;
      continue;
    }
    result.counts[u] += 1;
    if ( categories > 0 && result.points.categories[i] >= 0 )
      result.byCategory[u * categories + result.points.categories[i]] += 1;
  }
  if ( result.outside > 0 && feedback )
    feedback->pushInfo( QStringLiteral( "%1 of %2 points lie outside every polygon of %3" ).arg( result.outside ).arg( result.points.size() ).arg( unitsLabel ) );
  return result;
}

} // namespace htsplan
