#include "maps/planning_layers.h"

#include "layers/paths.h"
#include "layers/problems.h"
#include "layers/vector_file.h"

#include <gdal_priv.h>
#include <qgscoordinatetransformcontext.h>
#include <qgsmessagelog.h>
#include <qgsogrutils.h>
#include <qgsvectordataprovider.h>
#include <qgsvectorlayer.h>

#include <QDir>
#include <QFileInfo>
#include <QTextCodec>

#include <algorithm>

namespace htsplan
{

namespace
{

//! The QGIS field of an OGR field (the types the contract and the admin file use; anything else as text).
QgsField qgsField( const OGRFieldDefn &field )
{
  QVariant::Type type = QVariant::String;
  switch ( field.GetType() )
  {
    case OFTInteger:
      type = field.GetSubType() == OFSTBoolean ? QVariant::Bool : QVariant::Int;
      break;
    case OFTInteger64:
      type = QVariant::LongLong;
      break;
    case OFTReal:
      type = QVariant::Double;
      break;
    case OFTDate:
      type = QVariant::Date;
      break;
    case OFTDateTime:
      type = QVariant::DateTime;
      break;
    default:
      break;
  }
  return QgsField( QString::fromUtf8( field.GetNameRef() ), type );
}

} // namespace

std::unique_ptr<QgsVectorLayer> readOnlyLayerCopy( const QString &path, const QString &layerName, const QString &displayName )
{
  const std::string file = path.toStdString();
  const GDALDatasetUniquePtr dataset = openVectorFile( file, "input" );
  OGRLayer *source = layerName.isEmpty() ? dataset->GetLayer( 0 ) : dataset->GetLayerByName( layerName.toUtf8().constData() );
  if ( !source )
    throw InputError( QStringLiteral( "%1: layer '%2' not found" ).arg( path, layerName ).toStdString() );
  const QgsWkbTypes::Type type = QgsOgrUtils::ogrGeometryTypeToQgsWkbType( source->GetGeomType() );
  const QgsVectorLayer::LayerOptions options( QgsCoordinateTransformContext(), false );
  auto layer = std::make_unique<QgsVectorLayer>( QgsWkbTypes::displayString( type == QgsWkbTypes::Unknown ? QgsWkbTypes::GeometryCollection : type ),
                                                 displayName, QStringLiteral( "memory" ), options );
  if ( !layer->isValid() )
    throw InputError( QStringLiteral( "%1: layer '%2' cannot be copied for the map" ).arg( path, layerName ).toStdString() );
  if ( const OGRSpatialReference *srs = source->GetSpatialRef() )
    layer->setCrs( QgsOgrUtils::OGRSpatialReferenceToCrs( OGRSpatialReference::ToHandle( const_cast<OGRSpatialReference *>( srs ) ) ) );

  QgsFields fields;
  const OGRFeatureDefn *definition = source->GetLayerDefn();
  for ( int i = 0; i < definition->GetFieldCount(); ++i )
    fields.append( qgsField( *definition->GetFieldDefn( i ) ) );
  layer->dataProvider()->addAttributes( fields.toList() );
  layer->updateFields();

  QTextCodec *utf8 = QTextCodec::codecForName( "UTF-8" );
  QgsFeatureList features;
  source->ResetReading();
  for ( auto &feature : *source )
  {
    QgsFeature f = QgsOgrUtils::readOgrFeature( OGRFeature::ToHandle( feature.get() ), fields, utf8 );
    f.setFields( layer->fields(), false );
    features << f;
  }
  if ( !layer->dataProvider()->addFeatures( features ) )
    throw InputError( QStringLiteral( "%1: layer '%2' cannot be copied for the map" ).arg( path, layerName ).toStdString() );
  layer->updateExtents();
  return layer;
}

namespace
{

std::unique_ptr<QgsVectorLayer> openStyledLayer( const QString &path, const QString &layerName, const QString &displayName,
                                                 const QString &styleName, LayerAccess access )
{
  std::unique_ptr<QgsVectorLayer> layer;
  if ( access == LayerAccess::ReadOnlyCopy )
    layer = readOnlyLayerCopy( path, layerName, displayName );
  else
  {
    // No default style: a .qml next to the user's file must not override ours.
    const QgsVectorLayer::LayerOptions options( QgsCoordinateTransformContext(), false );
    layer = std::make_unique<QgsVectorLayer>( path + QStringLiteral( "|layername=" ) + layerName, displayName, QStringLiteral( "ogr" ), options );
  }
  if ( !layer->isValid() )
  {
    const QString reason = layer->error().isEmpty() ? QStringLiteral( "not found or not readable" ) : layer->error().summary();
    throw InputError( QStringLiteral( "%1: layer '%2' cannot be opened: %3" ).arg( path, layerName, reason ).toStdString() );
  }

  const QString stylePath = QString::fromStdString( stylesDir() ) + QLatin1Char( '/' ) + styleName + QStringLiteral( ".qml" );
  bool styled = false;
  QString message;
  if ( QFileInfo::exists( stylePath ) )
    message = layer->loadNamedStyle( stylePath, styled );
  else
    message = QStringLiteral( "no such file" );
  if ( !styled )
    QgsMessageLog::logMessage( QStringLiteral( "%1: style %2 not applied (%3), using QGIS's default" ).arg( layerName, stylePath, message ),
                               QStringLiteral( "htsplan" ), Qgis::MessageLevel::Warning );
  return layer;
}

} // namespace

PlanningLayers::PlanningLayers() = default;
PlanningLayers::PlanningLayers( PlanningLayers && ) noexcept = default;
PlanningLayers &PlanningLayers::operator=( PlanningLayers && ) noexcept = default;
PlanningLayers::~PlanningLayers() = default;

QList<QgsMapLayer *> PlanningLayers::mapLayers() const
{
  QList<QgsMapLayer *> layers;
  for ( auto it = facilities.rbegin(); it != facilities.rend(); ++it )
    layers << it->get();
  for ( QgsVectorLayer *layer : { cities.get(), counties.get(), province.get() } )
    if ( layer )
      layers << layer;
  return layers;
}

PlanningLayers createPlanningLayers( const QString &adminPath, const QString &facilitiesPath, Vintage vintage, LayerAccess access,
                                     const std::vector<Kind> &leaveOut )
{
  if ( !QFileInfo::exists( adminPath ) )
    throw InputError( QStringLiteral( "%1: no such file" ).arg( adminPath ).toStdString() );
  if ( !QFileInfo::exists( facilitiesPath ) )
    throw InputError( QStringLiteral( "%1: no such file" ).arg( facilitiesPath ).toStdString() );

  PlanningLayers map;
  map.province = openStyledLayer( adminPath, QStringLiteral( "province" ), QStringLiteral( "山东省 province" ), QStringLiteral( "province" ), access );
  const QString cityLayer = QString::fromLatin1( cityLayerName( vintage ) );
  const QString cityTitle = vintage == Vintage::Y2015 ? QStringLiteral( "地级市 cities (2015, 17)" ) : QStringLiteral( "地级市 cities (current, 16)" );
  map.cities = openStyledLayer( adminPath, cityLayer, cityTitle, QStringLiteral( "cities" ), access );
  map.counties = openStyledLayer( adminPath, QStringLiteral( "counties" ), QStringLiteral( "县区 counties" ), QStringLiteral( "counties" ), access );

  map.facilities = createFacilityLayers( facilitiesPath, QString(), access, leaveOut );
  return map;
}

std::vector<std::unique_ptr<QgsVectorLayer>> createFacilityLayers( const QString &facilitiesPath, const QString &titleSuffix, LayerAccess access,
                                                                  const std::vector<Kind> &leaveOut )
{
  if ( !QFileInfo::exists( facilitiesPath ) )
    throw InputError( QStringLiteral( "%1: no such file" ).arg( facilitiesPath ).toStdString() );
  // Which facility layers exist: ask OGR once rather than probing with invalid QGIS layers.
  GDALDatasetUniquePtr dataset( GDALDataset::Open( facilitiesPath.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY ) );
  if ( !dataset )
    throw InputError( QStringLiteral( "%1: cannot be opened as a vector dataset" ).arg( facilitiesPath ).toStdString() );
  std::vector<std::unique_ptr<QgsVectorLayer>> layers;
  bool leftOut = false;
  for ( Kind kind : allKinds() ) // allKinds() is in draw order: zones first, enterprises last
  {
    const QString layerName = QString::fromLatin1( kindLayer( kind ) );
    if ( !dataset->GetLayerByName( kindLayer( kind ) ) )
      continue;
    if ( std::find( leaveOut.begin(), leaveOut.end(), kind ) != leaveOut.end() )
    {
      leftOut = true;
      continue;
    }
    QString title = QString::fromUtf8( kindLabelZh( kind ) ) + QLatin1Char( ' ' ) + layerName;
    if ( !titleSuffix.isEmpty() )
      title += QLatin1Char( ' ' ) + titleSuffix;
    layers.push_back( openStyledLayer( facilitiesPath, layerName, title, layerName, access ) );
  }
  if ( layers.empty() && !leftOut )
    throw InputError( QStringLiteral( "%1: none of the facility layers (hightech_zones, bases, parks, buildings, enterprises)" )
                        .arg( facilitiesPath )
                        .toStdString() );
  return layers;
}

} // namespace htsplan
