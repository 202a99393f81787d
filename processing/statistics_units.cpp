#include "processing/statistics_units.h"

#include "layers/problems.h"
#include "planning/spatial_statistics.h"
#include "processing/ogr_bridge.h"
#include "processing/point_source.h"

#include <qgscoordinatetransform.h>
#include <qgsexception.h>
#include <qgsfeaturesource.h>
#include <qgsprocessingcontext.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingparameters.h>

#include <cmath>

namespace htsplan
{

std::vector<QgsProcessingParameterDefinition *> unitAndNeighbourParameters( const QString &weightsLabel )
{
  std::vector<QgsProcessingParameterDefinition *> parameters;
  parameters.push_back( new QgsProcessingParameterFeatureSource( QStringLiteral( "INPUT" ), QStringLiteral( "Units (counties, cities, hexagons)" ),
                                                         QList<int>() << QgsProcessing::TypeVectorPolygon ) );
  parameters.push_back( new QgsProcessingParameterField( QStringLiteral( "FIELD" ), QStringLiteral( "Value (a count or a density)" ), QVariant(),
                                                 QStringLiteral( "INPUT" ), QgsProcessingParameterField::Numeric ) );
  parameters.push_back( new QgsProcessingParameterEnum( QStringLiteral( "WEIGHTS" ), weightsLabel,
                                                QStringList { QStringLiteral( "Queen contiguity (shared vertex)" ), QStringLiteral( "Rook contiguity (shared edge)" ),
                                                              QStringLiteral( "Fixed distance band (DISTANCE m between centroids)" ),
                                                              QStringLiteral( "K nearest neighbours (K, by centroid)" ) },
                                                false, 0 ) );
  parameters.push_back( new QgsProcessingParameterNumber( QStringLiteral( "DISTANCE" ), QStringLiteral( "Distance band (m; 0 = the smallest band that gives every unit a neighbour)" ),
                                                  QgsProcessingParameterNumber::Double, 0.0, false, 0.0 ) );
  parameters.push_back( new QgsProcessingParameterNumber( QStringLiteral( "K" ), QStringLiteral( "Number of nearest neighbours" ), QgsProcessingParameterNumber::Integer, 8, false, 1 ) );
  parameters.push_back( new QgsProcessingParameterNumber( QStringLiteral( "SNAP" ), QStringLiteral( "Contiguity snap tolerance (m)" ), QgsProcessingParameterNumber::Double, 1.0,
                                                  false, 0.0 ) );
  return parameters;
}

StatisticsUnits readStatisticsUnits( QgsFeatureSource &source, const QString &field, QgsProcessingContext &context, QgsProcessingFeedback *feedback )
{
  const int index = source.fields().lookupField( field );
  if ( index < 0 )
    throw InputError( QStringLiteral( "FIELD: INPUT (%1) has no field '%2'" ).arg( source.sourceName(), field ).toStdString() );
  int nameIndex = -1;
  for ( const QString &candidate : { QStringLiteral( "name_zh" ), QStringLiteral( "name" ), QStringLiteral( "NAME" ) } )
    if ( nameIndex < 0 )
      nameIndex = source.fields().lookupField( candidate );
  const QgsCoordinateReferenceSystem working = workingCrs( source.sourceCrs() );
  const QgsCoordinateTransform transform( source.sourceCrs(), working, context.transformContext() );

  StatisticsUnits units;
  long long noValue = 0, noGeometry = 0;
  QgsFeatureIterator it = source.getFeatures();
  QgsFeature f;
  while ( it.nextFeature( f ) )
  {
    units.features.push_back( f );
    bool ok = false;
    const QVariant attribute = f.attribute( index );
    const double value = attribute.isNull() ? 0.0 : attribute.toDouble( &ok );
    if ( !ok || !std::isfinite( value ) )
    {
      ++noValue;
      continue;
    }
    QgsGeometry geometry = f.geometry();
    if ( geometry.isNull() || geometry.isEmpty() )
    {
      ++noGeometry;
      continue;
    }
    if ( source.sourceCrs().isValid() && working != source.sourceCrs() )
    {
      try
      {
        geometry.transform( transform );
      }
      catch ( const QgsCsException & )
      {
        throw InputError( QStringLiteral( "INPUT (%1): feature %2 cannot be projected to the analysis CRS" ).arg( source.sourceName() ).arg( f.id() ).toStdString() );
      }
    }
    const OGRGeometryUniquePtr shape = toOgr( geometry );
    UnitVertices vertices = outlineVertices( *shape, QStringLiteral( "INPUT (%1): feature %2" ).arg( source.sourceName() ).arg( f.id() ).toStdString() );
    OGRPoint centroid;
    if ( shape->Centroid( &centroid ) != OGRERR_NONE )
      throw InputError( QStringLiteral( "INPUT (%1): feature %2 has no centroid (invalid geometry?)" ).arg( source.sourceName() ).arg( f.id() ).toStdString() );
    units.used.push_back( units.features.size() - 1 );
    units.values.push_back( value );
    const QString name = nameIndex >= 0 ? f.attribute( nameIndex ).toString() : QString();
    units.names.push_back( ( name.isEmpty() ? QStringLiteral( "feature %1" ).arg( f.id() ) : name ).toStdString() );
    units.vertices.push_back( std::move( vertices ) );
    units.xs.push_back( centroid.getX() );
    units.ys.push_back( centroid.getY() );
  }
  if ( noValue > 0 )
    feedback->pushWarning( QStringLiteral( "%1 of %2 features of INPUT have no number in %3 (null or not numeric): left out of the analysis, written with empty results" )
                             .arg( noValue )
                             .arg( units.features.size() )
                             .arg( field ) );
  if ( noGeometry > 0 )
    feedback->pushWarning( QStringLiteral( "%1 of %2 features of INPUT have no geometry: left out of the analysis, written with empty results" )
                             .arg( noGeometry )
                             .arg( units.features.size() ) );
  return units;
}

NeighbourLists statisticsNeighbours( const StatisticsUnits &units, int weights, double snapM, double bandM, int k, double &bandUsed,
                                     QgsProcessingFeedback *feedback )
{
  bandUsed = 0;
  NeighbourLists lists;
  if ( weights == 0 || weights == 1 )
    lists = contiguityNeighbours( units.vertices, weights == 0, snapM );
  else if ( weights == 2 )
  {
    // A band typed in degrees (0.05 for "about 5 km") would isolate every unit; say why instead.
    if ( bandM > 0 && bandM < 1 )
      throw InputError( QStringLiteral( "DISTANCE: %1 m is less than a metre; the band is in metres of the analysis CRS, not degrees (0.01° is about 1,100 m)" )
                          .arg( bandM )
                          .toStdString() );
    bandUsed = bandM > 0 ? bandM : smallestFullBand( units.xs, units.ys );
    if ( bandM <= 0 )
      feedback->pushInfo( QStringLiteral( "Distance band: %1 m, the smallest that gives every unit a neighbour" ).arg( bandUsed, 0, 'f', 1 ) );
    lists = distanceBandNeighbours( units.xs, units.ys, bandUsed );
  }
  else
    lists = nearestNeighbourLists( units.xs, units.ys, static_cast<size_t>( k ) );
  const std::vector<size_t> isolated = isolatedUnits( lists );
  if ( !isolated.empty() )
    feedback->pushWarning( QStringLiteral( "%1 of %2 units have no neighbour: %3" )
                             .arg( isolated.size() )
                             .arg( lists.size() )
                             .arg( QString::fromStdString( nameUnits( isolated, units.names ) ) ) );
  if ( isolated.size() * 2 > lists.size() )
    feedback->pushWarning( QStringLiteral( "Most units have no neighbour: the band or snap tolerance is too small for these units" ) );
  return lists;
}

} // namespace htsplan
