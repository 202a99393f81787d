#include "plugin/layer_names.h"

#include "maps/planning_layers.h"

#include <qgscategorizedsymbolrenderer.h>
#include <qgslayertree.h>
#include <qgsmaplayerlegend.h>
#include <qgsproviderregistry.h>
#include <qgsvectorlayer.h>

#include <QCoreApplication>

namespace htsplan
{

namespace
{
//! The legend label of a category value of the styles (styles/*.qml), or an empty string for an unknown value.
QString categoryLabel( const QString &value )
{
  // The sectors (bases, parks, buildings, enterprises).
  if ( value == QLatin1String( "rnd_design" ) )
    return QCoreApplication::translate( "htsplan::LayerNames", "R&D and design services" );
  if ( value == QLatin1String( "ecommerce" ) )
    return QCoreApplication::translate( "htsplan::LayerNames", "E-commerce services" );
  if ( value == QLatin1String( "testing" ) )
    return QCoreApplication::translate( "htsplan::LayerNames", "Testing and inspection services" );
  if ( value == QLatin1String( "digital_content" ) )
    return QCoreApplication::translate( "htsplan::LayerNames", "Digital content services" );
  if ( value == QLatin1String( "ip_services" ) )
    return QCoreApplication::translate( "htsplan::LayerNames", "Intellectual property services" );
  if ( value == QLatin1String( "tech_transfer" ) )
    return QCoreApplication::translate( "htsplan::LayerNames", "Technology transfer services" );
  if ( value == QLatin1String( "it_services" ) )
    return QCoreApplication::translate( "htsplan::LayerNames", "IT services" );
  if ( value == QLatin1String( "biotech" ) )
    return QCoreApplication::translate( "htsplan::LayerNames", "Biotechnology services" );
  if ( value == QLatin1String( "marine" ) )
    return QCoreApplication::translate( "htsplan::LayerNames", "Marine technology services" );
  // The zone types (hightech_zones).
  if ( value == QLatin1String( "hightech" ) )
    return QCoreApplication::translate( "htsplan::LayerNames", "High-tech industrial development zone" );
  if ( value == QLatin1String( "development" ) )
    return QCoreApplication::translate( "htsplan::LayerNames", "Economic and technological development zone" );
  return QString();
}

void translateLegend( QgsVectorLayer &layer, const QString &otherLabel )
{
  auto *renderer = dynamic_cast<QgsCategorizedSymbolRenderer *>( layer.renderer() );
  if ( !renderer )
    return;
  const QgsCategoryList categories = renderer->categories();
  for ( int i = 0; i < categories.size(); ++i )
  {
    const QString value = categories.at( i ).value().toString();
    const QString label = value == QLatin1String( "other" ) ? otherLabel : categoryLabel( value );
    if ( !label.isEmpty() )
      renderer->updateCategoryLabel( i, label );
  }
}
} // namespace

QString kindTitle( Kind kind )
{
  switch ( kind )
  {
    case Kind::HightechZone: return QCoreApplication::translate( "htsplan::LayerNames", "High-tech and development zones" );
    case Kind::Base: return QCoreApplication::translate( "htsplan::LayerNames", "High-tech service bases" );
    case Kind::Park: return QCoreApplication::translate( "htsplan::LayerNames", "Specialised parks" );
    case Kind::Building: return QCoreApplication::translate( "htsplan::LayerNames", "Themed buildings" );
    case Kind::Enterprise: return QCoreApplication::translate( "htsplan::LayerNames", "Leading enterprises" );
  }
  return QString();
}

void translateMapLayer( QgsVectorLayer &layer, const QString &suffix )
{
  // The file's layer name tells what the layer is (the display name is for people).
  const QVariantMap parts = QgsProviderRegistry::instance()->decodeUri( layer.providerType(), layer.source() );
  const QString fileLayer = parts.value( QStringLiteral( "layerName" ) ).toString();
  QString name;
  if ( fileLayer == QLatin1String( "province" ) )
    name = QCoreApplication::translate( "htsplan::LayerNames", "Shandong province" );
  else if ( fileLayer == QLatin1String( cityLayerName( Vintage::Y2015 ) ) )
    name = QCoreApplication::translate( "htsplan::LayerNames", "Cities (2015, 17)" );
  else if ( fileLayer == QLatin1String( cityLayerName( Vintage::Current ) ) )
    name = QCoreApplication::translate( "htsplan::LayerNames", "Cities (current, 16)" );
  else if ( fileLayer == QLatin1String( "counties" ) )
    name = QCoreApplication::translate( "htsplan::LayerNames", "Counties" );
  else if ( const std::optional<Kind> kind = kindFromLayer( fileLayer.toStdString() ) )
  {
    name = kindTitle( *kind );
    translateLegend( layer, *kind == Kind::HightechZone ? QCoreApplication::translate( "htsplan::LayerNames", "Other zones" )
                                                        : QCoreApplication::translate( "htsplan::LayerNames", "Other or unknown" ) );
  }
  else
    return; // not one of ours
  if ( !suffix.isEmpty() )
    name += QStringLiteral( " · " ) + suffix;
  layer.setName( name );
}

void translatePlanningLayers( PlanningLayers &layers )
{
  for ( QgsMapLayer *layer : layers.mapLayers() )
    if ( auto vector = qobject_cast<QgsVectorLayer *>( layer ) )
      translateMapLayer( *vector );
}

void retranslateGroup( QgsLayerTreeGroup &group )
{
  for ( QgsLayerTreeLayer *node : group.findLayers() )
  {
    auto layer = qobject_cast<QgsVectorLayer *>( node->layer() );
    if ( !layer )
      continue;
    // An imported layer's name ends with " · <register>": keep that part.
    const int separator = layer->name().indexOf( QStringLiteral( " · " ) );
    translateMapLayer( *layer, separator < 0 ? QString() : layer->name().mid( separator + 3 ) );
  }
}

namespace
{
//! A hot spot class (Gi_Bin), as ArcGIS names it.
QString giBinLabel( int bin )
{
  switch ( bin )
  {
    case 3: return QCoreApplication::translate( "htsplan::LayerNames", "Hot Spot - 99% Confidence" );
    case 2: return QCoreApplication::translate( "htsplan::LayerNames", "Hot Spot - 95% Confidence" );
    case 1: return QCoreApplication::translate( "htsplan::LayerNames", "Hot Spot - 90% Confidence" );
    case 0: return QCoreApplication::translate( "htsplan::LayerNames", "Not Significant" );
    case -1: return QCoreApplication::translate( "htsplan::LayerNames", "Cold Spot - 90% Confidence" );
    case -2: return QCoreApplication::translate( "htsplan::LayerNames", "Cold Spot - 95% Confidence" );
    case -3: return QCoreApplication::translate( "htsplan::LayerNames", "Cold Spot - 99% Confidence" );
  }
  return QString();
}

//! A local Moran class (COType; empty: not significant).
QString lisaLabel( const QString &type )
{
  if ( type == QLatin1String( "HH" ) )
    return QCoreApplication::translate( "htsplan::LayerNames", "High-High cluster" );
  if ( type == QLatin1String( "LL" ) )
    return QCoreApplication::translate( "htsplan::LayerNames", "Low-Low cluster" );
  if ( type == QLatin1String( "HL" ) )
    return QCoreApplication::translate( "htsplan::LayerNames", "High-Low outlier" );
  if ( type == QLatin1String( "LH" ) )
    return QCoreApplication::translate( "htsplan::LayerNames", "Low-High outlier" );
  if ( type.isEmpty() )
    return QCoreApplication::translate( "htsplan::LayerNames", "Not Significant" );
  return QString();
}
} // namespace

void translateStatisticLegend( QgsVectorLayer &layer )
{
  auto *renderer = dynamic_cast<QgsCategorizedSymbolRenderer *>( layer.renderer() );
  if ( !renderer )
    return;
  const QString field = renderer->classAttribute();
  const QgsCategoryList categories = renderer->categories();
  for ( int i = 0; i < categories.size(); ++i )
  {
    const QVariant value = categories.at( i ).value();
    QString label;
    if ( field == QLatin1String( "Gi_Bin" ) )
    {
      bool ok = false;
      const int bin = value.toInt( &ok );
      label = ok ? giBinLabel( bin ) : QString();
    }
    else if ( field == QLatin1String( "COType" ) )
      label = lisaLabel( value.toString() );
    else if ( field == QLatin1String( "ON_TRACK" ) )
      label = value.isNull() ? QCoreApplication::translate( "htsplan::LayerNames", "No growth rate" )
                             : ( value.toInt() == 1 ? QCoreApplication::translate( "htsplan::LayerNames", "On track" )
                                                    : QCoreApplication::translate( "htsplan::LayerNames", "Behind the growth line" ) );
    else if ( field.contains( QLatin1String( "LEAD_SECTOR" ) ) )
      label = value.toString() == QLatin1String( "other" )  ? QCoreApplication::translate( "htsplan::LayerNames", "Other or unknown" )
              : value.toString() == QLatin1String( "none" ) ? QCoreApplication::translate( "htsplan::LayerNames", "No carriers" )
                                                            : categoryLabel( value.toString() );
    else
      return; // not one of the statistics styles
    if ( !label.isEmpty() )
      renderer->updateCategoryLabel( i, label );
  }
}

void retranslateStatisticLegends( QgsLayerTreeGroup &group )
{
  for ( QgsLayerTreeLayer *node : group.findLayers() )
    if ( auto layer = qobject_cast<QgsVectorLayer *>( node->layer() ) )
    {
      translateStatisticLegend( *layer );
      if ( QgsMapLayerLegend *legend = layer->legend() )
        emit legend->itemsChanged(); // the layer tree reads the new labels
      layer->triggerRepaint();
    }
}

} // namespace htsplan
