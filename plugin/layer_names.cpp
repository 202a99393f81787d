#include "plugin/layer_names.h"

#include "maps/planning_layers.h"

#include <qgscategorizedsymbolrenderer.h>
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

void translateFacilityLayer( QgsVectorLayer &layer, const QString &suffix )
{
  // The file's layer name tells the kind (the display name is for people).
  const QVariantMap parts = QgsProviderRegistry::instance()->decodeUri( layer.providerType(), layer.source() );
  const std::optional<Kind> kind = kindFromLayer( parts.value( QStringLiteral( "layerName" ) ).toString().toStdString() );
  if ( !kind )
    return;
  QString name = kindTitle( *kind );
  if ( !suffix.isEmpty() )
    name += QStringLiteral( " · " ) + suffix;
  layer.setName( name );
  translateLegend( layer, *kind == Kind::HightechZone ? QCoreApplication::translate( "htsplan::LayerNames", "Other zones" )
                                                      : QCoreApplication::translate( "htsplan::LayerNames", "Other or unknown" ) );
}

void translatePlanningLayers( PlanningLayers &layers, Vintage vintage )
{
  if ( layers.province )
    layers.province->setName( QCoreApplication::translate( "htsplan::LayerNames", "Shandong province" ) );
  if ( layers.cities )
    layers.cities->setName( vintage == Vintage::Y2015 ? QCoreApplication::translate( "htsplan::LayerNames", "Cities (2015, 17)" ) : QCoreApplication::translate( "htsplan::LayerNames", "Cities (current, 16)" ) );
  if ( layers.counties )
    layers.counties->setName( QCoreApplication::translate( "htsplan::LayerNames", "Counties" ) );
  for ( auto &layer : layers.facilities )
    if ( layer )
      translateFacilityLayer( *layer );
}

} // namespace htsplan
