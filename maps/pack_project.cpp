#include "maps/pack_project.h"

#include "layers/parallel.h"
#include "layers/paths.h"
#include "layers/problems.h"
#include "maps/export_font.h"
#include "maps/map_crs.h"
#include "maps/planning_layers.h"
#include "maps/result_styles.h"

#include <qgscolorramplegendnodesettings.h>
#include <qgscolorrampshader.h>
#include <qgscoordinatetransform.h>
#include <qgsexception.h>
#include <qgsexpressioncontextutils.h>
#include <qgsfillsymbol.h>
#include <qgsfillsymbollayer.h>
#include <qgscategorizedsymbolrenderer.h>
#include <qgsgraduatedsymbolrenderer.h>
#include <qgslayertree.h>
#include <qgslinesymbollayer.h>
#include <qgsmarkersymbol.h>
#include <qgsmarkersymbollayer.h>
#include <qgsproperty.h>
#include <qgstextformat.h>
#include <qgstextbuffersettings.h>
#include <qgsmapthemecollection.h>
#include <qgspallabeling.h>
#include <qgsproject.h>
#include <qgsrasterlayer.h>
#include <qgsrastershader.h>
#include <qgsrendercontext.h>
#include <qgsrastertransparency.h>
#include <qgsrulebasedrenderer.h>
#include <qgssinglebandpseudocolorrenderer.h>
#include <qgssinglesymbolrenderer.h>
#include <qgsvectordataprovider.h>
#include <qgsvectorlayer.h>
#include <qgsvectorfilewriter.h>
#include <qgsvectorlayerlabeling.h>
#include <qgsarchive.h>
#include <qgslayoutitempicture.h>
#include <qgslayoutmanager.h>
#include <qgspathresolver.h>
#include <qgsprintlayout.h>
#include <qgsvectorfilewriter.h>

#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>
#include <QRegularExpression>

#include <ogr_geometry.h>

#include <climits>
#include <cmath>
#include <set>

namespace htsplan
{

PackProject::PackProject() = default;
PackProject::PackProject( PackProject && ) noexcept = default;
PackProject &PackProject::operator=( PackProject && ) noexcept = default;
PackProject::~PackProject() = default;

namespace
{
const QString STORAGE_CRS = QStringLiteral( "EPSG:4490" );

QString percent( double fraction, int decimals = 0 )
{
  return QString::number( fraction * 100.0, 'f', decimals ) + QLatin1Char( '%' );
}

QgsAttributes attributes( std::initializer_list<QVariant> values )
{
  QgsAttributes out;
  for ( const QVariant &v : values )
    out << v;
  return out;
}

QString number( double value, int decimals )
{
  return QString::number( value, 'f', decimals );
}

//! The kinds the targets count, in the targets' order (the rows of the city and target tables).
std::vector<Kind> targetKinds( const PackFigures &figures )
{
  std::vector<Kind> kinds;
  for ( const PackTarget &t : figures.targets )
    kinds.push_back( t.kind );
  return kinds;
}

QString kindTitle( Kind kind )
{
  return QString::fromUtf8( kindLabelZh( kind ) ) + QLatin1Char( ' ' ) + QString::fromLatin1( kindLayer( kind ) );
}

//! Adds fields to a memory layer and fills them per feature from values(feature) (same order as fields).
void addFigureFields( QgsVectorLayer &layer, const QList<QgsField> &fields, const std::function<QVariantList( const QgsFeature & )> &values )
{
  QgsVectorDataProvider *provider = layer.dataProvider();
  provider->addAttributes( fields );
  layer.updateFields();
  std::vector<int> indexes;
  for ( const QgsField &field : fields )
    indexes.push_back( layer.fields().indexFromName( field.name() ) );
  QgsChangedAttributesMap changes;
  QgsFeature feature;
  QgsFeatureIterator it = layer.getFeatures();
  while ( it.nextFeature( feature ) )
  {
    const QVariantList row = values( feature );
    QgsAttributeMap map;
    for ( size_t i = 0; i < indexes.size() && i < static_cast<size_t>( row.size() ); ++i )
      map.insert( indexes[i], row[static_cast<int>( i )] );
    changes.insert( feature.id(), map );
  }
  provider->changeAttributeValues( changes );
  layer.updateExtents();
}


//! A rule-based renderer of (filter, symbol, label) rules; the filter may name the atlas feature.
QgsRuleBasedRenderer *rules( const std::vector<std::tuple<QString, QgsSymbol *, QString>> &list )
{
  auto *root = new QgsRuleBasedRenderer::Rule( nullptr );
  for ( const auto &[filter, symbol, label] : list )
    root->appendChild( new QgsRuleBasedRenderer::Rule( symbol, 0, 0, filter, label ) );
  return new QgsRuleBasedRenderer( root );
}

QgsFillSymbol *fill( const QString &colour, const QString &outline, double outlineWidthMm, const QString &style = QStringLiteral( "solid" ) )
{
  return fillSymbol( colour, outline, outlineWidthMm, style );
}

const QString IS_ATLAS_CITY = QStringLiteral( "\"code\" = attribute(@atlas_feature, 'code')" );

/**
 * Outlines simplified for print (Douglas-Peucker, toleranceDeg degrees; 0.001
 * is about 100 m, 0.1 mm at the city pages' 1:1,000,000): the county file has
 * 115,000 vertices, drawn in several layers on every page: the bundled pack
 * is 24 MB with full-detail outlines, 13 MB at 100 m (measured). Counts and
 * areas come from the files, never from these copies.
 */
void simplifyForPrint( QgsVectorLayer &layer, double toleranceDeg )
{
  std::vector<QgsFeatureId> ids;
  std::vector<QByteArray> wkbs;
  QgsFeature feature;
  QgsFeatureIterator it = layer.getFeatures( QgsFeatureRequest().setNoAttributes() );
  while ( it.nextFeature( feature ) )
    if ( feature.hasGeometry() )
    {
      ids.push_back( feature.id() );
      wkbs.push_back( feature.geometry().asWkb() );
    }
  // GEOS's topology-preserving simplifier (what QgsGeometry::simplify calls)
  // through OGR, which makes a GEOS context per call: the outlines are
  // simplified on every core (a fifth of a city atlas's set-up on one).
  std::vector<QByteArray> simpler( wkbs.size() );
  parallelFor( wkbs.size(), workerThreads(), nullptr, [&]( std::size_t i ) {
    OGRGeometry *geometry = nullptr;
    if ( OGRGeometryFactory::createFromWkb( wkbs[i].constData(), nullptr, &geometry, static_cast<size_t>( wkbs[i].size() ) ) != OGRERR_NONE || !geometry )
      return;
    const OGRGeometryUniquePtr source( geometry );
    const OGRGeometryUniquePtr result( source->SimplifyPreserveTopology( toleranceDeg ) );
    if ( !result || result->IsEmpty() )
      return;
    simpler[i].resize( static_cast<int>( result->WkbSize() ) );
    result->exportToWkb( wkbNDR, reinterpret_cast<unsigned char *>( simpler[i].data() ), wkbVariantIso );
  } );
  QgsGeometryMap changed;
  for ( size_t i = 0; i < ids.size(); ++i )
    if ( !simpler[i].isEmpty() )
    {
      QgsGeometry geometry;
      geometry.fromWkb( simpler[i] );
      changed.insert( ids[i], geometry );
    }
  layer.dataProvider()->changeGeometryValues( changed );
}

std::unique_ptr<QgsVectorLayer> copyOf( QgsVectorLayer &layer, const QString &name )
{
  std::unique_ptr<QgsVectorLayer> copy( layer.materialize( QgsFeatureRequest() ) );
  if ( !copy || !copy->isValid() )
    throw InputError( "cannot copy the layer '" + layer.name().toStdString() + "' for the meeting pack" );
  copy->setName( name );
  return copy;
}

std::unique_ptr<QgsVectorLayer> shapesLayer( const std::vector<PackShape> &shapes, const QString &name, const QString &source )
{
  auto layer = std::make_unique<QgsVectorLayer>( QStringLiteral( "MultiPolygon?crs=%1&field=label:string&field=value:integer" ).arg( STORAGE_CRS ), name,
                                                 QStringLiteral( "memory" ) );
  QgsFeatureList features;
  for ( const PackShape &shape : shapes )
  {
    QgsGeometry geometry = QgsGeometry::fromWkt( QString::fromStdString( shape.wkt ) );
    if ( geometry.isNull() )
      throw InputError( source.toStdString() + ": a shape of the layer '" + name.toStdString() + "' is not valid WKT" );
    geometry.convertToMultiType();
    QgsFeature feature( layer->fields() );
    feature.setGeometry( geometry );
    feature.setAttributes( attributes( { QString::fromStdString( shape.label ), static_cast<int>( std::min<long long>( shape.value, INT_MAX ) ) } ) );
    features << feature;
  }
  if ( !layer->dataProvider()->addFeatures( features ) || layer->featureCount() != features.size() )
    throw InputError( source.toStdString() + ": the shapes of the layer '" + name.toStdString() + "' cannot be drawn (" +
                      layer->dataProvider()->lastError().toStdString() + ")" );
  layer->updateExtents();
  return layer;
}



/**
 * The counties coloured by Gi_Bin with the toolbox's style (styles/hotspots.qml:
 * ArcGIS's red-grey-blue classes, bilingual labels), read from the shapes'
 * value field instead of Gi_Bin.
 */
std::unique_ptr<QgsVectorLayer> hotspotLayer( const PackAnalysisPage &page )
{
  auto layer = shapesLayer( page.areas, QStringLiteral( "热点分析 hot spots (Gi_Bin)" ), QStringLiteral( "hotspots" ) );
  const QString style = QString::fromStdString( stylesDir() ) + QStringLiteral( "/hotspots.qml" );
  bool loaded = false;
  const QString message = layer->loadNamedStyle( style, loaded );
  auto *renderer = dynamic_cast<QgsCategorizedSymbolRenderer *>( layer->renderer() );
  if ( !loaded || !renderer )
    throw InputError( style.toStdString() + ": the hot spot style cannot be read for the meeting pack (" + message.toStdString() + ")" );
  renderer->setClassAttribute( QStringLiteral( "value" ) );
  layer->setLabelsEnabled( false );
  return layer;
}

/**
 * The cities coloured by the carriers allocated to them with the toolbox's style
 * (styles/allocation.qml: natural breaks in yellow to red), classified again on
 * the shapes' value field.
 */
std::unique_ptr<QgsVectorLayer> splitLayer( const PackAnalysisPage &page )
{
  auto layer = shapesLayer( page.areas, QStringLiteral( "各市分配数 carriers allocated" ), QStringLiteral( "split" ) );
  const QString style = QString::fromStdString( stylesDir() ) + QStringLiteral( "/allocation.qml" );
  bool loaded = false;
  const QString message = layer->loadNamedStyle( style, loaded );
  auto *renderer = dynamic_cast<QgsGraduatedSymbolRenderer *>( layer->renderer() );
  if ( !loaded || !renderer || renderer->ranges().isEmpty() )
    throw InputError( style.toStdString() + ": the allocation style cannot be read for the meeting pack (" + message.toStdString() + ")" );
  renderer->setClassAttribute( QStringLiteral( "value" ) );
  // No more classes than distinct values: a split of 0 and 1 carriers is two classes, not five "0 - 0".
  const int distinct = static_cast<int>( layer->uniqueValues( layer->fields().indexOf( QStringLiteral( "value" ) ) ).size() );
  renderer->updateClasses( layer.get(), std::max( 1, std::min( static_cast<int>( renderer->ranges().size() ), distinct ) ) );
  layer->setLabelsEnabled( false );
  return layer;
}

std::unique_ptr<QgsRasterLayer> kdeLayer( const PackAnalysisPage &page )
{
  auto layer = std::make_unique<QgsRasterLayer>( QString::fromStdString( page.rasterPath ), QStringLiteral( "核密度 kernel density" ),
                                                 QStringLiteral( "gdal" ) );
  if ( !layer->isValid() )
    throw InputError( page.rasterPath + ": the kernel density raster cannot be read for the meeting pack" );
  styleDensityRaster( *layer );
  return layer;
}

void addTheme( QgsProject &project, const QString &name, const QList<QgsMapLayer *> &layers )
{
  QgsMapThemeCollection::MapThemeRecord record;
  QList<QgsMapThemeCollection::MapThemeLayerRecord> records;
  for ( QgsMapLayer *layer : layers )
    if ( layer )
      records << QgsMapThemeCollection::MapThemeLayerRecord( layer );
  record.setLayerRecords( records );
  project.mapThemeCollection()->insert( name, record );
}

/**
 * The carriers as small dark dots, for the density page: their map symbols
 * (up to 6.5 mm) would hide the density under them. Layers drawn aggregated
 * are left out (the density shows them).
 */
std::unique_ptr<QgsVectorLayer> dotsOf( QgsVectorLayer &layer )
{
  auto dots = copyOf( layer, layer.name() );
  auto *marker = new QgsSimpleMarkerSymbolLayer( QgsSimpleMarkerSymbolLayerBase::Circle, 0.9, 0, DEFAULT_SCALE_METHOD, QColor( 40, 40, 40 ),
                                                 QColor( 255, 255, 255 ), Qt::MiterJoin );
  marker->setStrokeWidth( 0.1 );
  dots->setRenderer( new QgsSingleSymbolRenderer( new QgsMarkerSymbol( QgsSymbolLayerList() << marker ) ) );
  dots->setLabelsEnabled( false );
  dots->setCustomProperty( QStringLiteral( "htsplan/no_legend" ), true );
  return dots;
}

/**
 * The layer's hatched fills (line patterns, brush patterns) as translucent
 * solid fills of the same colour: QGIS 3.22 draws a hatch into an image per
 * polygon (a JPEG with a mask in the PDF), and the pages must stay vector.
 */
void vectorFills( QgsVectorLayer &layer )
{
  if ( !layer.renderer() )
    return;
  QgsRenderContext context;
  for ( QgsSymbol *symbol : layer.renderer()->symbols( context ) )
  {
    if ( symbol->type() != Qgis::SymbolType::Fill )
      continue;
    for ( int i = symbol->symbolLayerCount() - 1; i >= 0; --i )
    {
      QgsSymbolLayer *part = symbol->symbolLayer( i );
      if ( !dynamic_cast<QgsImageFillSymbolLayer *>( part ) )
        continue;
      QColor colour = part->color();
      colour.setAlpha( 70 );
      auto *solid = new QgsSimpleFillSymbolLayer( colour, Qt::SolidPattern, colour, Qt::NoPen );
      symbol->changeSymbolLayer( i, solid );
    }
  }
}

//! County names on every city page (the bundled style hides them beyond 1:1,500,000).
void countyLabelsUpTo( QgsVectorLayer &counties, double scale )
{
  auto *labeling = dynamic_cast<QgsVectorLayerSimpleLabeling *>( counties.labeling() );
  if ( !labeling )
    return;
  QgsPalLayerSettings settings = labeling->settings();
  settings.scaleVisibility = true;
  settings.maximumScale = 0;
  settings.minimumScale = scale;
  // On a city page, only the city's own counties are named (the neighbours are greyed out).
  settings.dataDefinedProperties().setProperty( QgsPalLayerSettings::Show,
                                                QgsProperty::fromExpression( QStringLiteral( "@atlas_feature IS NULL OR \"city\" = attribute(@atlas_feature, 'code')" ) ) );
  counties.setLabeling( new QgsVectorLayerSimpleLabeling( settings ) );
  counties.setLabelsEnabled( true );
}

/**
 * A point layer of more than DENSE_POINTS features drawn at full size on the
 * province's pages (1:4,000,000 and smaller) covers the province: 4,000
 * buildings hid the hexagons of a million enterprises. There its symbols are
 * drawn at 40%; the city pages keep the full size.
 */
constexpr long long DENSE_POINTS = 1000;
void smallerWhenDense( QgsVectorLayer &layer )
{
  if ( layer.geometryType() != QgsWkbTypes::PointGeometry || layer.featureCount() <= DENSE_POINTS || !layer.renderer() )
    return;
  QgsRenderContext context;
  for ( QgsSymbol *symbol : layer.renderer()->symbols( context ) )
    if ( auto *marker = dynamic_cast<QgsMarkerSymbol *>( symbol ) )
      marker->setDataDefinedSize( QgsProperty::fromExpression(
        QStringLiteral( "CASE WHEN @map_scale > 2500000 THEN %1 ELSE %2 END" ).arg( marker->size() * 0.4 ).arg( marker->size() ) ) );
}

//! The short Chinese name of a kind, for running text.
QString shortKind( Kind kind )
{
  switch ( kind )
  {
    case Kind::HightechZone:
      return QStringLiteral( "高新区" );
    case Kind::Base:
      return QStringLiteral( "基地" );
    case Kind::Park:
      return QStringLiteral( "园区" );
    case Kind::Building:
      return QStringLiteral( "楼宇" );
    case Kind::Enterprise:
      return QStringLiteral( "企业" );
  }
  return QString();
}

QString summaryText( const PackCity &city, const PackFigures &figures )
{
  int total = 0;
  for ( Kind kind : targetKinds( figures ) )
    total += city.kinds[static_cast<int>( kind )].count;
  QStringList lines;
  lines << QStringLiteral( "面积 Area: %L1 km²" ).arg( city.areaKm2, 0, 'f', 0 );
  lines << ( city.population ? QStringLiteral( "人口 Population: %1 万 (%2 million)" ).arg( *city.population / 1e4, 0, 'f', 0 ).arg( *city.population / 1e6, 0, 'f', 2 )
                             : QStringLiteral( "人口 Population: 无数据 no figure" ) );
  lines << QStringLiteral( "计入目标的载体 Carriers counted: %1" ).arg( total );
  QStringList coverage;
  for ( Kind kind : targetKinds( figures ) )
    if ( const auto &c = city.kinds[static_cast<int>( kind )].coverage )
      coverage << QStringLiteral( "%1 %2" ).arg( shortKind( kind ), percent( *c ) );
  if ( !coverage.isEmpty() )
    lines << QStringLiteral( "%1 km 内面积 Area within %1 km: " ).arg( figures.radiusKm ) + coverage.join( QStringLiteral( " · " ) );
  return lines.join( QLatin1Char( '\n' ) );
}

} // namespace

QString fileStub( const std::string &nameEn )
{
  QString stub = QString::fromStdString( nameEn ).toLower();
  stub.replace( QRegularExpression( QStringLiteral( "[^a-z0-9]+" ) ), QStringLiteral( "_" ) );
  stub.remove( QRegularExpression( QStringLiteral( "^_+|_+$" ) ) );
  return stub.isEmpty() ? QStringLiteral( "city" ) : stub;
}

QString packNotes( const PackFigures &figures )
{
  QStringList notes;
  if ( figures.sampleData )
    notes << QStringLiteral( "注：图中载体为示意样例数据，非真实认定名单。Illustrative sample data, not real designations." );
  notes << QStringLiteral( "边界为示意，非标准地图，无审图号。Boundaries are illustrative and not an approved map (no 审图号)." );
  notes << QStringLiteral( "计入目标：已认定且认定年份不晚于%1年；骨干企业营业收入≥%2亿元。省界外要素%3个，未计入。"
                           "Counted: designated by %1; backbone enterprises with revenue ≥ %2 × 100 million yuan; %3 features outside the province not counted." )
             .arg( figures.evaluationYear )
             .arg( figures.backboneRevenueCny / 1e8 )
             .arg( figures.unassigned );
  notes << QStringLiteral( "依据 Basis：%1。面积按等积投影（Albers）计算 Areas on an equal-area projection." ).arg( QString::fromStdString( figures.planNameZh ) );
  return notes.join( QLatin1Char( '\n' ) );
}

PackProject buildPackProject( const std::string &adminPath, const std::string &facilitiesPath, const PackFigures &figures, const QString &chartsDir )
{
  PackProject pack;
  pack.project = std::make_unique<QgsProject>();
  pack.project->setCrs( printCrs() );
  static_cast<PackLayers &>( pack ) = addPackToProject( *pack.project, *pack.project->layerTreeRoot(), adminPath, facilitiesPath, figures, chartsDir );
  return pack;
}

PackLayers addPackToProject( QgsProject &project, QgsLayerTreeGroup &group, const std::string &adminPath, const std::string &facilitiesPath,
                             const PackFigures &figures, const QString &chartsDir )
{
  std::vector<Kind> aggregatedKinds;
  for ( const PackAggregate &a : figures.aggregates )
    aggregatedKinds.push_back( a.kind );
  PlanningLayers layers = createPlanningLayers( QString::fromStdString( adminPath ), QString::fromStdString( facilitiesPath ), figures.vintage,
                                                LayerAccess::ReadOnlyCopy, aggregatedKinds );

  PackLayers pack;

  // The figures as attributes: the atlas, its tables and labels read them.
  std::map<std::string, const PackCity *> cityByCode;
  for ( const PackCity &c : figures.cities )
    cityByCode[c.code] = &c;
  std::map<std::string, const PackCounty *> countyByCode;
  for ( const PackCounty &c : figures.counties )
    countyByCode[c.code] = &c;
  const std::vector<Kind> kinds = targetKinds( figures );
  auto total = [&]( const KindInts &counts ) {
    int n = 0;
    for ( Kind kind : kinds )
      n += counts[static_cast<int>( kind )];
    return n;
  };
  addFigureFields( *layers.cities,
                   { QgsField( QStringLiteral( "file_stub" ), QVariant::String ), QgsField( QStringLiteral( "area_km2" ), QVariant::Double ),
                     QgsField( QStringLiteral( "n_total" ), QVariant::Int ), QgsField( QStringLiteral( "d_total" ), QVariant::String ),
                     QgsField( QStringLiteral( "summary" ), QVariant::String ) },
                   [&]( const QgsFeature &f ) -> QVariantList {
                     const std::string code = f.attribute( QStringLiteral( "code" ) ).toString().toStdString();
                     const auto it = cityByCode.find( code );
                     if ( it == cityByCode.end() )
                       return {};
                     const PackCity &c = *it->second;
                     KindInts counts{};
                     for ( Kind kind : allKinds() )
                       counts[static_cast<int>( kind )] = c.kinds[static_cast<int>( kind )].count;
                     return { fileStub( c.nameEn ), c.areaKm2, total( counts ), number( c.areaKm2 > 0 ? total( counts ) / c.areaKm2 * 1e4 : 0.0, 1 ),
                              summaryText( c, figures ) };
                   } );
  addFigureFields( *layers.counties,
                   { QgsField( QStringLiteral( "city" ), QVariant::String ), QgsField( QStringLiteral( "n_base" ), QVariant::Int ),
                     QgsField( QStringLiteral( "n_park" ), QVariant::Int ), QgsField( QStringLiteral( "n_building" ), QVariant::Int ),
                     QgsField( QStringLiteral( "n_enterprise" ), QVariant::Int ), QgsField( QStringLiteral( "n_total" ), QVariant::Int ),
                     QgsField( QStringLiteral( "d_total" ), QVariant::String ) },
                   [&]( const QgsFeature &f ) -> QVariantList {
                     const auto it = countyByCode.find( f.attribute( QStringLiteral( "code" ) ).toString().toStdString() );
                     if ( it == countyByCode.end() )
                       return {};
                     const PackCounty &c = *it->second;
                     const int n = total( c.counts );
                     return { QString::fromStdString( c.cityCode ), c.counts[static_cast<int>( Kind::Base )], c.counts[static_cast<int>( Kind::Park )],
                              c.counts[static_cast<int>( Kind::Building )], c.counts[static_cast<int>( Kind::Enterprise )], n,
                              number( c.areaKm2 > 0 ? n / c.areaKm2 * 1e4 : 0.0, 1 ) };
                   } );
  // Every city of the figures must be on the map: a page without its city would print another's extent.
  {
    std::set<std::string> onMap;
    QgsFeature f;
    QgsFeatureIterator it = layers.cities->getFeatures();
    while ( it.nextFeature( f ) )
      onMap.insert( f.attribute( QStringLiteral( "code" ) ).toString().toStdString() );
    for ( const PackCity &c : figures.cities )
      if ( !onMap.count( c.code ) )
        throw InputError( adminPath + ", layer '" + cityLayerName( figures.vintage ) + "': no city with the code " + c.code );
  }
  countyLabelsUpTo( *layers.counties, 2.5e6 );
  for ( const auto &facility : layers.facilities )
    smallerWhenDense( *facility );
  for ( QgsVectorLayer *outline : { layers.province.get(), layers.cities.get(), layers.counties.get() } )
    simplifyForPrint( *outline, 0.001 );

  // Tables without geometry: the target table and the city's carriers.
  auto targets = std::make_unique<QgsVectorLayer>(
    QStringLiteral( "None?field=ord:integer&field=kind:string&field=target:integer&field=count:integer&field=gap:integer&field=ratio:string" ),
    QStringLiteral( "htsplan_targets" ), QStringLiteral( "memory" ) );
  {
    QgsFeatureList rows;
    int ord = 0;
    for ( const PackTarget &t : figures.targets )
    {
      QgsFeature f( targets->fields() );
      f.setAttributes( attributes( { ++ord, kindTitle( t.kind ), t.target, t.count, t.gap, percent( t.ratio ) } ) );
      rows << f;
    }
    targets->dataProvider()->addFeatures( rows );
  }
  auto cityKinds = std::make_unique<QgsVectorLayer>(
    QStringLiteral( "None?field=city_code:string&field=ord:integer&field=kind:string&field=count:integer&field=share:string&field=rank:string"
                    "&field=per_10k:string&field=per_million:string&field=coverage:string" ),
    QStringLiteral( "htsplan_city_kinds" ), QStringLiteral( "memory" ) );
  {
    QgsFeatureList rows;
    for ( const PackCity &c : figures.cities )
    {
      int ord = 0;
      for ( Kind kind : kinds )
      {
        const PackKindFigures &k = c.kinds[static_cast<int>( kind )];
        QgsFeature f( cityKinds->fields() );
        f.setAttributes( attributes( { QString::fromStdString( c.code ), ++ord, kindTitle( kind ), k.count, percent( k.share, 1 ),
                           QStringLiteral( "%1/%2" ).arg( k.rank ).arg( figures.cities.size() ), number( k.per10kKm2, 2 ),
                           k.perMillion ? number( *k.perMillion, 2 ) : QStringLiteral( "—" ), k.coverage ? percent( *k.coverage ) : QStringLiteral( "—" ) } ) );
        rows << f;
      }
    }
    cityKinds->dataProvider()->addFeatures( rows );
  }

  // The city pages' extra layers: the other cities greyed out, and the locator.
  auto mask = copyOf( *layers.cities, QStringLiteral( "其他城市 other cities" ) );
  mask->setRenderer( rules( { { QStringLiteral( "NOT (%1)" ).arg( IS_ATLAS_CITY ), fill( QStringLiteral( "#eeeeee" ), QStringLiteral( "#ffffff" ), 0.3 ),
                                QStringLiteral( "其他城市 other cities" ) } } ) );
  mask->setLabelsEnabled( false );
  mask->setCustomProperty( QStringLiteral( "htsplan/no_legend" ), true );
  auto locator = copyOf( *layers.cities, QStringLiteral( "位置 locator" ) );
  locator->setRenderer( rules( { { IS_ATLAS_CITY, fill( QStringLiteral( "#c0392b" ), QStringLiteral( "#ffffff" ), 0.15 ), QStringLiteral( "本市 this city" ) },
                                 { QStringLiteral( "ELSE" ), fill( QStringLiteral( "#dddddd" ), QStringLiteral( "#ffffff" ), 0.15 ), QString() } } ) );
  locator->setLabelsEnabled( false );
  locator->setCustomProperty( QStringLiteral( "htsplan/no_legend" ), true );
  simplifyForPrint( *locator, 0.003 );

  // Facility layers too big to print point by point: hexagon counts.
  std::vector<std::unique_ptr<QgsVectorLayer>> aggregates;
  for ( const PackAggregate &a : figures.aggregates )
  {
    const QString name = QStringLiteral( "%1（%2 km 六边形计数 hexagon counts）" ).arg( kindTitle( a.kind ) ).arg( a.cellM / 1000.0 );
    aggregates.push_back( shapesLayer( a.cells, name, QString::fromStdString( facilitiesPath ) ) );
    styleCountClasses( *aggregates.back(), QStringLiteral( "value" ) );
    pack.aggregated << QStringLiteral( "%1 %L2 个，按 %3 km 六边形汇总绘制。%4: %L2 points, drawn as %3 km hexagon counts." )
                         .arg( QString::fromUtf8( kindLabelZh( a.kind ) ) )
                         .arg( a.points )
                         .arg( a.cellM / 1000.0 )
                         .arg( QString::fromLatin1( kindLayer( a.kind ) ) );
  }

  // Analysis layers.
  std::unique_ptr<QgsRasterLayer> kde;
  std::unique_ptr<QgsVectorLayer> covered, uncovered, hulls, hotspots, split;
  for ( const PackAnalysisPage &page : figures.analyses )
  {
    if ( page.key == "kde" && !page.rasterPath.empty() )
      kde = kdeLayer( page );
    else if ( page.key == "coverage" )
    {
      covered = shapesLayer( page.areas, QStringLiteral( "%1 km 范围 within %1 km" ).arg( figures.radiusKm ), QStringLiteral( "coverage" ) );
      std::vector<std::tuple<QString, QgsSymbol *, QString>> list;
      const char *const colours[] = { "#6baed6", "#74c476", "#fd8d3c", "#9e9ac8" };
      int i = 0;
      for ( const PackShape &s : page.areas )
      {
        const Kind kind = kindFromKey( s.label ).value_or( Kind::Base );
        list.emplace_back( QStringLiteral( "\"label\" = '%1'" ).arg( QString::fromStdString( s.label ) ),
                           fill( QString::fromLatin1( colours[i % 4] ), QColor( QString::fromLatin1( colours[i % 4] ) ).darker( 150 ).name(), 0.25 ),
                           QStringLiteral( "%1 %2 km 范围 within %2 km" ).arg( QString::fromUtf8( kindLabelZh( kind ) ) ).arg( figures.radiusKm ) );
        ++i;
      }
      covered->setRenderer( rules( list ) );
      uncovered = shapesLayer( page.areas2, QStringLiteral( "未覆盖 not covered" ), QStringLiteral( "coverage" ) );
      // A translucent fill, not a hatch: QGIS 3.22 draws hatches as an image per polygon in a PDF (vectorFills).
      styleUncovered( *uncovered );
    }
    else if ( page.key == "hotspots" )
    {
      hotspots = hotspotLayer( page );
      simplifyForPrint( *hotspots, 0.001 );
    }
    else if ( page.key == "split" )
    {
      split = splitLayer( page );
      simplifyForPrint( *split, 0.001 );
    }
    else if ( page.key == "clusters" )
    {
      hulls = shapesLayer( page.areas, QStringLiteral( "集聚区 clusters (DBSCAN)，圆大小为载体数 circle size = carriers" ), QStringLiteral( "clusters" ) );
      styleClusterOutlines( *hulls, QStringLiteral( "value" ) );
    }
  }

  {
    const QgsCoordinateTransform toMap( layers.province->crs(), printCrs(), &project );
    try
    {
      pack.provinceExtent = toMap.transformBoundingBox( layers.province->extent() );
    }
    catch ( const QgsCsException &e )
    {
      throw InputError( adminPath + ", layer 'province': its extent cannot be projected to the map's CRS (" + e.what().toStdString() + ")" );
    }
  }

  // Into the project, topmost first. The project owns the layers from here on.
  QList<QgsMapLayer *> facilities;
  for ( auto it = layers.facilities.rbegin(); it != layers.facilities.rend(); ++it )
    facilities << it->get();
  std::vector<std::unique_ptr<QgsVectorLayer>> dots;
  QList<QgsMapLayer *> dotLayers;
  if ( kde )
    for ( auto &f : layers.facilities )
      if ( f->geometryType() == QgsWkbTypes::PointGeometry )
      {
        dots.push_back( dotsOf( *f ) );
        dotLayers << dots.back().get();
      }
  QList<QgsMapLayer *> aggregateLayers;
  for ( auto &a : aggregates )
    aggregateLayers << a.get();
  QList<QgsMapLayer *> order = facilities + dotLayers + aggregateLayers;
  for ( QgsMapLayer *layer : { static_cast<QgsMapLayer *>( hulls.get() ), static_cast<QgsMapLayer *>( layers.cities.get() ),
                               static_cast<QgsMapLayer *>( mask.get() ), static_cast<QgsMapLayer *>( layers.counties.get() ),
                               static_cast<QgsMapLayer *>( covered.get() ), static_cast<QgsMapLayer *>( uncovered.get() ),
                               static_cast<QgsMapLayer *>( hotspots.get() ), static_cast<QgsMapLayer *>( split.get() ),
                               static_cast<QgsMapLayer *>( kde.get() ), static_cast<QgsMapLayer *>( locator.get() ),
                               static_cast<QgsMapLayer *>( layers.province.get() ) } )
    if ( layer )
      order << layer;
  for ( QgsMapLayer *layer : order )
  {
    if ( auto *vector = qobject_cast<QgsVectorLayer *>( layer ) )
    {
      useExportFontForLabels( *vector );
      vectorFills( *vector );
    }
    project.addMapLayer( layer, false );
    group.addLayer( layer );
  }
  // The tables too (in the group: a second run replaces them with it).
  for ( QgsMapLayer *layer : { static_cast<QgsMapLayer *>( targets.get() ), static_cast<QgsMapLayer *>( cityKinds.get() ) } )
  {
    project.addMapLayer( layer, false );
    group.addLayer( layer );
    order << layer;
  }
  pack.layers = order;
  pack.province = layers.province.release();
  pack.cities = layers.cities.release();
  pack.counties = layers.counties.release();
  pack.targets = targets.release();
  pack.cityKinds = cityKinds.release();
  for ( auto &f : layers.facilities )
  {
    for ( Kind kind : allKinds() )
      if ( f->name().endsWith( QLatin1Char( ' ' ) + QString::fromLatin1( kindLayer( kind ) ) ) )
        pack.facilities.emplace_back( f.get(), QString::fromLatin1( kindLayer( kind ) ) );
    f.release();
  }
  for ( auto &a : aggregates )
    a.release();
  for ( auto &d : dots )
    d.release();
  QgsMapLayer *maskPtr = mask.release();
  QgsMapLayer *locatorPtr = locator.release();
  QgsMapLayer *kdeLayerPtr = kde.release();
  QgsMapLayer *coveredPtr = covered.release();
  QgsMapLayer *uncoveredPtr = uncovered.release();
  QgsMapLayer *hullsPtr = hulls.release();
  QgsMapLayer *hotspotsPtr = hotspots.release();
  QgsMapLayer *splitPtr = split.release();

  // Themes: which layers each kind of page shows.
  addTheme( project, themes::overview, facilities + aggregateLayers + QList<QgsMapLayer *>{ pack.cities, pack.counties, pack.province } );
  addTheme( project, themes::city,
            facilities + aggregateLayers + QList<QgsMapLayer *>{ pack.cities, maskPtr, pack.counties, pack.province } );
  addTheme( project, themes::locator, { locatorPtr, pack.province } );
  addTheme( project, themes::analysis( "kde" ), dotLayers + QList<QgsMapLayer *>{ pack.cities, kdeLayerPtr, pack.province } );
  // The carriers are the buffers' centres: their symbols (up to 6.5 mm) would hide 10 km buffers (4.5 mm across at 1:4,400,000).
  addTheme( project, themes::analysis( "coverage" ), { pack.cities, pack.counties, coveredPtr, uncoveredPtr, pack.province } );
  addTheme( project, themes::analysis( "clusters" ), { hullsPtr, pack.cities, pack.counties, pack.province } );
  addTheme( project, themes::analysis( "hotspots" ), { pack.cities, hotspotsPtr, pack.province } );
  addTheme( project, themes::analysis( "split" ), { pack.cities, splitPtr, pack.province } );

  // What the templates' labels read.
  QString notes = packNotes( figures );
  if ( !pack.aggregated.isEmpty() )
    notes += QLatin1Char( '\n' ) + pack.aggregated.join( QLatin1Char( '\n' ) );
  const QString vintage = figures.vintage == Vintage::Y2015 ? QStringLiteral( "2015年区划（17市）2015 map, 17 cities" )
                                                            : QStringLiteral( "现行区划（16市）current map, 16 cities" );
  // One by one: a planner's own project variables stay.
  const QVariantMap variables{ { QStringLiteral( "htsplan_target_year" ), figures.targetYear },
                               { QStringLiteral( "htsplan_year" ), figures.evaluationYear },
                               { QStringLiteral( "htsplan_vintage" ), vintage },
                               { QStringLiteral( "htsplan_notes" ), notes },
                               { QStringLiteral( "htsplan_footer" ), QStringLiteral( "数据日期 Data date %1 · 制图 Made %2 · htsplan %3" )
                                                                       .arg( QString::fromStdString( figures.dataDate ), QDate::currentDate().toString( Qt::ISODate ),
                                                                             QStringLiteral( HTSPLAN_VERSION ) ) },
                               { QStringLiteral( "htsplan_charts_dir" ), chartsDir } };
  for ( auto it = variables.constBegin(); it != variables.constEnd(); ++it )
    QgsExpressionContextUtils::setProjectVariable( &project, it.key(), it.value() );
  return pack;
}

void storePackLayers( const PackLayers &pack, const QString &gpkgPath, QgsProject &project, const QString &facilitiesFile )
{
  std::map<QgsMapLayer *, QString> facilityTables;
  if ( !facilitiesFile.isEmpty() )
    for ( const auto &[layer, layerName] : pack.facilities )
      facilityTables[layer] = layerName;
  const QgsDataProvider::ProviderOptions providerOptions{ project.transformContext() };
  bool first = true;
  int n = 0;
  for ( QgsMapLayer *layer : pack.layers )
  {
    auto *vector = qobject_cast<QgsVectorLayer *>( layer );
    if ( !vector || vector->providerType() != QLatin1String( "memory" ) )
      continue;
    if ( const auto facility = facilityTables.find( layer ); facility != facilityTables.end() )
    {
      // A copy of a facility layer: pointed back at the file it was copied from.
      vector->setDataSource( facilitiesFile + QStringLiteral( "|layername=" ) + facility->second, vector->name(), QStringLiteral( "ogr" ), providerOptions, false );
      continue;
    }
    // ASCII table names: the layers keep their display names.
    const QString table = QStringLiteral( "htsplan_%1" ).arg( ++n, 2, 10, QLatin1Char( '0' ) );
    QgsVectorFileWriter::SaveVectorOptions options;
    options.driverName = QStringLiteral( "GPKG" );
    options.layerName = table;
    options.fileEncoding = QStringLiteral( "UTF-8" );
    options.actionOnExistingFile = first ? QgsVectorFileWriter::CreateOrOverwriteFile : QgsVectorFileWriter::CreateOrOverwriteLayer;
    QString error;
    const QgsVectorFileWriter::WriterError result =
      QgsVectorFileWriter::writeAsVectorFormatV3( vector, gpkgPath, project.transformContext(), options, &error, nullptr, nullptr );
    if ( result != QgsVectorFileWriter::NoError )
      throw OutputError( "cannot write the layer '" + vector->name().toStdString() + "' into " + gpkgPath.toStdString() + ": " + error.toStdString() );
    first = false;
    vector->setDataSource( gpkgPath + QStringLiteral( "|layername=" ) + table, vector->name(), QStringLiteral( "ogr" ), providerOptions, false );
    if ( !vector->isValid() )
      throw OutputError( "the layer '" + vector->name().toStdString() + "' cannot be read back from " + gpkgPath.toStdString() );
  }
}

void savePackProject( PackProject &pack, const QString &projectPath, const QString &facilitiesPath, const QString &finalDir )
{
  QgsProject &project = *pack.project;
  const QFileInfo info( projectPath );
  const QString folder = info.absolutePath();
  const QString gpkg = folder + QLatin1Char( '/' ) + info.completeBaseName() + QStringLiteral( ".gpkg" );
  const QString facilitiesFile = QFileInfo( facilitiesPath ).absoluteFilePath();

  // The layers made for the pack into the GeoPackage, the facility layers on their file.
  storePackLayers( pack, gpkg, project, facilitiesFile );

  // The charts are found beside the project wherever the folder goes.
  const QString charts = ( finalDir.isEmpty() ? folder : finalDir ) + QStringLiteral( "/charts" );
  QgsExpressionContextUtils::setProjectVariable( &project, QStringLiteral( "htsplan_charts_dir" ), charts );
  for ( QgsMasterLayoutInterface *master : project.layoutManager()->layouts() )
  {
    auto *layout = dynamic_cast<QgsPrintLayout *>( master );
    if ( !layout )
      continue;
    QList<QgsLayoutItemPicture *> pictures;
    layout->layoutItems( pictures );
    for ( QgsLayoutItemPicture *picture : pictures )
    {
      QgsProperty source = picture->dataDefinedProperties().property( QgsLayoutObject::PictureSource );
      if ( source.propertyType() == QgsProperty::ExpressionBasedProperty && source.expressionString().contains( QLatin1String( "@htsplan_charts_dir" ) ) )
      {
        QString expression = source.expressionString();
        expression.replace( QLatin1String( "@htsplan_charts_dir" ), QLatin1String( "(@project_folder || '/charts')" ) );
        picture->dataDefinedProperties().setProperty( QgsLayoutObject::PictureSource, QgsProperty::fromExpression( expression ) );
      }
    }
  }

  // Paths relative to the project (the staging folder is renamed into place
  // beside where it was written), but the facilities file where it is: QGIS
  // 3.22 writes every path relative, so the .qgs is written first, its
  // facility sources made absolute, and zipped.
  const QString qgs = folder + QLatin1Char( '/' ) + info.completeBaseName() + QStringLiteral( ".qgs" );
  project.setFileName( qgs );
  if ( !project.write( qgs ) )
    throw OutputError( "cannot write " + qgs.toStdString() + ": " + project.error().toStdString() );
  QFile file( qgs );
  if ( !file.open( QIODevice::ReadOnly ) )
    throw OutputError( "cannot read back " + qgs.toStdString() );
  QString text = QString::fromUtf8( file.readAll() );
  file.close();
  const QString relative = QgsPathResolver( qgs ).writePath( facilitiesFile );
  text.replace( QStringLiteral( "<datasource>%1|" ).arg( relative.toHtmlEscaped() ), QStringLiteral( "<datasource>%1|" ).arg( facilitiesFile.toHtmlEscaped() ) );
  if ( !file.open( QIODevice::WriteOnly | QIODevice::Truncate ) || file.write( text.toUtf8() ) < 0 )
    throw OutputError( "cannot write " + qgs.toStdString() );
  file.close();
  if ( info.suffix().compare( QLatin1String( "qgz" ), Qt::CaseInsensitive ) == 0 )
  {
    QgsArchive archive;
    archive.addFile( qgs );
    QFile::remove( projectPath );
    if ( !archive.zip( projectPath ) )
      throw OutputError( "cannot write " + projectPath.toStdString() );
    QFile::remove( qgs );
  }
  // The auxiliary storage QGIS leaves beside a .qgs is empty here.
  QFile::remove( folder + QLatin1Char( '/' ) + info.completeBaseName() + QStringLiteral( ".qgd" ) );
}

} // namespace htsplan
