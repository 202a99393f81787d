#pragma once
// Running an htsplan Processing algorithm from a test as QGIS runs its own:
// the provider registered once in QgsApplication's registry, a fresh instance
// per run, memory layers in the context's temporary store, outputs as
// temporary layers read back from the context.
#include "processing/provider.h"

#include <catch2/catch.hpp>

#include <qgsapplication.h>
#include <qgsfeature.h>
#include <qgsgeometry.h>
#include <qgsprocessingalgorithm.h>
#include <qgsprocessingcontext.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingregistry.h>
#include <qgsprocessingutils.h>
#include <qgsvectorlayer.h>

#include <map>
#include <memory>
#include <vector>

namespace testdata
{

//! Registers the htsplan provider in QGIS's Processing registry (once).
inline void registerHtsplanProvider()
{
  if ( !QgsApplication::processingRegistry()->providerById( QStringLiteral( "htsplan" ) ) )
    REQUIRE( QgsApplication::processingRegistry()->addProvider( new htsplan::Provider() ) );
}

/**
 * A memory layer (e.g. "Point?crs=EPSG:4548&field=sector:string") with one
 * feature per WKT and attributes, owned by the context's temporary store.
 * Returns the layer's id, a value for a layer parameter.
 */
inline QString memoryLayer( QgsProcessingContext &context, const QString &uri, const std::vector<std::pair<QString, QVariantList>> &features )
{
  auto layer = std::make_unique<QgsVectorLayer>( uri, QStringLiteral( "test" ), QStringLiteral( "memory" ) );
  REQUIRE( layer->isValid() );
  QgsFeatureList list;
  for ( const auto &[wkt, attributes] : features )
  {
    QgsFeature f( layer->fields() );
    if ( !wkt.isEmpty() )
      f.setGeometry( QgsGeometry::fromWkt( wkt ) );
    f.setAttributes( QgsAttributes( QVector<QVariant>::fromList( attributes ) ) );
    list << f;
  }
  REQUIRE( layer->dataProvider()->addFeatures( list ) );
  layer->updateExtents();
  const QString id = layer->id();
  context.temporaryLayerStore()->addMapLayer( layer.release() );
  return id;
}

struct AlgorithmRun
{
    bool ok = false;
    QVariantMap results;
    QString log; //!< what the algorithm reported (errors included)
};

//! Runs "htsplan:NAME" with the parameters: prepare, process, post-process, as QGIS does.
inline AlgorithmRun runAlgorithm( const QString &id, const QVariantMap &parameters, QgsProcessingContext &context )
{
  registerHtsplanProvider();
  std::unique_ptr<QgsProcessingAlgorithm> algorithm( QgsApplication::processingRegistry()->createAlgorithmById( id ) );
  REQUIRE( algorithm );
  QgsProcessingFeedback feedback;
  AlgorithmRun run;
  QString message;
  REQUIRE( algorithm->checkParameterValues( parameters, context, &message ) );
  run.results = algorithm->run( parameters, context, &feedback, &run.ok );
  run.log = feedback.textLog();
  return run;
}

//! The output layer named by results[key] (a temporary output), or a failed REQUIRE.
inline QgsVectorLayer *outputLayer( const AlgorithmRun &run, const QString &key, QgsProcessingContext &context )
{
  QgsVectorLayer *layer = qobject_cast<QgsVectorLayer *>( QgsProcessingUtils::mapLayerFromString( run.results.value( key ).toString(), context ) );
  REQUIRE( layer );
  return layer;
}

//! One attribute of every feature of a layer, in feature order.
inline std::vector<QVariant> column( QgsVectorLayer *layer, const QString &field )
{
  const int index = layer->fields().lookupField( field );
  REQUIRE( index >= 0 );
  std::vector<QVariant> out;
  QgsFeatureIterator it = layer->getFeatures();
  QgsFeature f;
  while ( it.nextFeature( f ) )
    out.push_back( f.attribute( index ) );
  return out;
}

//! A field's values keyed by another field's (e.g. counts per unit code).
inline std::map<QString, QVariant> byKey( QgsVectorLayer *layer, const QString &key, const QString &field )
{
  const std::vector<QVariant> keys = column( layer, key ), values = column( layer, field );
  std::map<QString, QVariant> out;
  for ( size_t i = 0; i < keys.size(); ++i )
    out[keys[i].toString()] = values[i];
  return out;
}

//! WKT of an axis-aligned square polygon.
inline QString squareWkt( double x0, double y0, double size )
{
  return QStringLiteral( "POLYGON((%1 %2,%3 %2,%3 %4,%1 %4,%1 %2))" ).arg( x0, 0, 'f', 3 ).arg( y0, 0, 'f', 3 ).arg( x0 + size, 0, 'f', 3 ).arg( y0 + size, 0, 'f', 3 );
}

inline QString pointWkt( double x, double y )
{
  return QStringLiteral( "POINT(%1 %2)" ).arg( x, 0, 'f', 3 ).arg( y, 0, 'f', 3 );
}

} // namespace testdata
