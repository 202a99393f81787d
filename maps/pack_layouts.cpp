#include "maps/pack_layouts.h"

#include "layers/paths.h"
#include "layers/problems.h"
#include "maps/layout_template.h"
#include "maps/map_crs.h"
#include "maps/pack_charts.h"

#include <qgsexpressioncontextutils.h>
#include <qgslayertree.h>
#include <qgslayertreemodellegendnode.h>
#include <qgslayoutatlas.h>
#include <qgslayoutitemattributetable.h>
#include <qgslayoutframe.h>
#include <qgslayoutitemlabel.h>
#include <qgslayoutitemlegend.h>
#include <qgslayoutitemmanualtable.h>
#include <qgslayoutitemscalebar.h>
#include <qgslayoutitemmap.h>
#include <qgslayoutitempicture.h>
#include <qgslayouttablecolumn.h>
#include <qgslegendrenderer.h>
#include <qgsmaplayerlegend.h>
#include <qgsmapthemecollection.h>
#include <qgsprintlayout.h>
#include <qgsproject.h>
#include <qgsvectorlayer.h>

#include <algorithm>

namespace htsplan
{

PackLayouts::PackLayouts() = default;
PackLayouts::PackLayouts( PackLayouts && ) noexcept = default;
PackLayouts &PackLayouts::operator=( PackLayouts && ) noexcept = default;
PackLayouts::~PackLayouts() = default;

namespace
{

//! The extent of rect grown to the frame's aspect ratio, so that zoomToExtent is not needed (PLATFORM.md).
QgsRectangle extentForFrame( QgsRectangle rect, double frameW, double frameH )
{
  rect.scale( 1.04 );
  const double frameRatio = frameW / frameH;
  const double ratio = rect.width() / rect.height();
  if ( ratio > frameRatio )
  {
    const double h = rect.width() / frameRatio;
    const double cy = rect.center().y();
    rect.setYMinimum( cy - h / 2 );
    rect.setYMaximum( cy + h / 2 );
  }
  else
  {
    const double w = rect.height() * frameRatio;
    const double cx = rect.center().x();
    rect.setXMinimum( cx - w / 2 );
    rect.setXMaximum( cx + w / 2 );
  }
  return rect;
}

/**
 * The map in the print CRS showing the province. setExtent() resizes a map
 * item to the extent's aspect ratio, and a CRS change can too: the item keeps
 * the size the template gives it.
 */
void showProvince( QgsLayoutItemMap &map, const QgsRectangle &provinceExtent )
{
  const QgsLayoutSize size = map.sizeWithUnits();
  map.setCrs( printCrs() );
  map.attemptResize( size );
  map.setExtent( extentForFrame( provinceExtent, map.rect().width(), map.rect().height() ) );
  map.attemptResize( size );
}

//! Keeps a table's columns, sort and filter when it is pointed at the pack's layer (setVectorLayer resets the columns).
void pointTableAt( QgsLayoutItemAttributeTable &table, QgsVectorLayer *layer, const QString &templatePath, const QString &id )
{
  const QgsLayoutTableColumns columns = table.columns();
  const QgsLayoutTableSortColumns sort = table.sortColumns();
  table.setVectorLayer( layer );
  table.setColumns( columns );
  table.setSortColumns( sort );
  for ( const QgsLayoutTableColumn &column : columns )
    if ( layer->fields().indexFromName( column.attribute() ) < 0 && !column.attribute().contains( QLatin1Char( '(' ) ) &&
         !column.attribute().contains( QLatin1Char( '"' ) ) )
      throw InputError( "layout template " + templatePath.toStdString() + ", table '" + id.toStdString() + "': column '" +
                        column.attribute().toStdString() + "' is not a field of " + layer->name().toStdString() + " (fields: " +
                        layer->fields().names().join( QStringLiteral( ", " ) ).toStdString() + ")" );
  table.refreshAttributes();
}

/**
 * The legend shows the layers of its map's theme only. Every facility layer is
 * coloured by the same nine sectors: the overview shows the palette once, on
 * the parks (the most numerous carriers with a plain square), and only the
 * shape of the other kinds; the other pages show shapes only (the city page's
 * chart has the palette).
 */
void fitLegend( QgsLayoutItemLegend &legend, QgsProject &project, const QString &theme, bool paletteOnParks )
{
  const QList<QgsMapLayer *> shown = project.mapThemeCollection()->mapThemeVisibleLayers( theme );
  legend.setAutoUpdateModel( false );
  legend.setLegendFilterByMapEnabled( false );
  QgsLegendModel *model = legend.model();
  QgsLayerTreeGroup *root = model->rootGroup();
  for ( QgsLayerTreeLayer *node : root->findLayers() )
  {
    QgsMapLayer *layer = node->layer();
    const auto *vector = qobject_cast<QgsVectorLayer *>( layer );
    if ( !layer || !shown.contains( layer ) || ( vector && !vector->isSpatial() ) || layer->customProperty( QStringLiteral( "htsplan/no_legend" ) ).toBool() )
      qobject_cast<QgsLayerTreeGroup *>( node->parent() )->removeChildNode( node );
  }
  // In a planner's project the pack's layers sit in a group, beside the planner's
  // groups: one flat list, without group titles or emptied groups.
  const QList<QgsLayerTreeGroup *> groups = root->findGroups( true );
  for ( auto it = groups.crbegin(); it != groups.crend(); ++it )
  {
    if ( ( *it )->findLayers().isEmpty() )
      qobject_cast<QgsLayerTreeGroup *>( ( *it )->parent() )->removeChildNode( *it );
    else
      QgsLegendRenderer::setNodeLegendStyle( *it, QgsLegendStyle::Hidden );
  }
  for ( QgsLayerTreeLayer *node : root->findLayers() )
  {
    const QString name = node->layer()->name();
    // An aggregated layer's long title on two lines: the kind, then how it is drawn.
    if ( const int at = name.indexOf( QStringLiteral( "（" ) ); at > 0 && name.contains( QStringLiteral( "六边形计数" ) ) )
    {
      node->setCustomProperty( QStringLiteral( "legend/title-label" ), name.left( at ) + QLatin1Char( '\n' ) + name.mid( at ) );
      model->refreshLayerLegend( node );
    }
    if ( node->layer()->type() == QgsMapLayerType::RasterLayer )
    {
      // The band's name ("Band 1 (Gray)") says nothing to a planner.
      const QList<QgsLayerTreeModelLegendNode *> nodes = model->layerOriginalLegendNodes( node );
      for ( int i = 0; i < nodes.size(); ++i )
        if ( nodes[i]->data( Qt::DisplayRole ).toString().startsWith( QLatin1String( "Band" ) ) )
          QgsMapLayerLegendUtils::setLegendNodeUserLabel( node, i, QStringLiteral( "相对密度 relative density" ) );
      model->refreshLayerLegend( node );
      continue;
    }
    const bool points = name.endsWith( QLatin1String( "bases" ) ) || name.endsWith( QLatin1String( "buildings" ) ) ||
                        name.endsWith( QLatin1String( "enterprises" ) ) || name.endsWith( QLatin1String( "parks" ) );
    if ( !points && !paletteOnParks && model->layerOriginalLegendNodes( node ).size() > 1 )
    {
      // The zones' classes name themselves ("高新技术产业开发区 (高新区)"): without the
      // title line the small city-page legend fits its frame.
      QgsLegendRenderer::setNodeLegendStyle( node, QgsLegendStyle::Hidden );
      continue;
    }
    if ( !points || ( paletteOnParks && name.endsWith( QLatin1String( "parks" ) ) ) )
      continue;
    const QList<QgsLayerTreeModelLegendNode *> nodes = model->layerOriginalLegendNodes( node );
    for ( int i = 0; i < nodes.size(); ++i )
    {
      if ( !nodes[i]->data( Qt::DisplayRole ).toString().contains( QStringLiteral( "其他" ) ) )
        continue;
      // One line per kind: its shape, named by the layer (the title line hidden).
      QgsMapLayerLegendUtils::setLegendNodeOrder( node, { i } );
      QgsMapLayerLegendUtils::setLegendNodeUserLabel( node, i, name );
      QgsLegendRenderer::setNodeLegendStyle( node, QgsLegendStyle::Hidden );
      model->refreshLayerLegend( node );
      break;
    }
  }
  bool carriers = false;
  for ( QgsLayerTreeLayer *node : root->findLayers() )
    carriers = carriers || node->layer()->name().endsWith( QLatin1String( "parks" ) ) || node->layer()->name().endsWith( QLatin1String( "bases" ) );
  legend.setTitle( carriers ? QStringLiteral( "图例 Legend（载体颜色按领域 colour = sector）" ) : QStringLiteral( "图例 Legend" ) );
  // Sized by the template, never grown over the page.
  legend.setResizeToContents( false );
}


QString templatePath( const QString &dir, const QString &file )
{
  return dir + QLatin1Char( '/' ) + file;
}

//! The map, north arrow and legend every template has, filled the same way.
QgsLayoutItemMap *fillMapItems( QgsPrintLayout &layout, const QString &path, QgsProject &project, const QString &theme, bool paletteOnParks = false )
{
  auto *map = requiredItem<QgsLayoutItemMap>( layout, path, QStringLiteral( "map" ), "a map" );
  map->setFollowVisibilityPreset( true );
  map->setFollowVisibilityPresetName( theme );
  auto *arrow = requiredItem<QgsLayoutItemPicture>( layout, path, QStringLiteral( "north_arrow" ), "a picture" );
  arrow->setPicturePath( QString::fromStdString( stylesDir() ) + QStringLiteral( "/north_arrow.svg" ), QgsLayoutItemPicture::FormatSVG );
  fitLegend( *requiredItem<QgsLayoutItemLegend>( layout, path, QStringLiteral( "legend" ), "a legend" ), project, theme, paletteOnParks );
  return map;
}

QString percentOf( const std::optional<double> &fraction, int decimals )
{
  return fraction ? QString::number( *fraction * 100.0, 'f', decimals ) + QLatin1Char( '%' ) : QStringLiteral( "—" );
}

/**
 * The analysis template made a table page: its title, notes and footer stay;
 * its map, legend and scale bar go, and its text moves under the tables at textY.
 * The tables are made here (no template of their own: a planner's folder of
 * edited templates stays valid); in QGIS's Layout Designer they are manual
 * tables like any other.
 */
void clearForTables( QgsPrintLayout &layout, const QString &path, double textY, double textHeight )
{
  requiredItem<QgsLayoutItemMap>( layout, path, QStringLiteral( "map" ), "a map" );
  for ( const QString &id : { QStringLiteral( "scalebar" ), QStringLiteral( "legend" ), QStringLiteral( "north_arrow" ), QStringLiteral( "map" ) } )
    if ( QgsLayoutItem *item = layout.itemById( id ) )
      layout.removeLayoutItem( item );
  auto *text = requiredItem<QgsLayoutItemLabel>( layout, path, QStringLiteral( "text" ), "a label" );
  text->attemptMove( QgsLayoutPoint( 8, textY, QgsUnitTypes::LayoutMillimeters ) );
  // 180 mm wide: the template's notes and footer hold the bottom right from 176 mm down.
  text->attemptResize( QgsLayoutSize( 180, textHeight, QgsUnitTypes::LayoutMillimeters ) );
}

//! A manual table in a frame of the page's width (8 mm in from the left) at y, the look every table page shares.
void addTable( QgsPrintLayout &layout, const QString &frameId, const QStringList &headings, const QgsTableContents &contents,
               const QList<double> &widthsMm, double y, double heightMm, double fontPt )
{
  QgsLayoutItemManualTable *table = QgsLayoutItemManualTable::create( &layout );
  layout.addMultiFrame( table );
  QgsLayoutTableColumns headers;
  for ( const QString &heading : headings )
    headers << QgsLayoutTableColumn( heading );
  table->setHeaders( headers );
  table->setIncludeTableHeader( true );
  table->setTableContents( contents );
  table->setColumnWidths( widthsMm );
  QgsTextFormat header = table->headerTextFormat();
  header.setSize( fontPt );
  QFont bold = header.font();
  bold.setBold( true );
  header.setFont( bold );
  table->setHeaderTextFormat( header );
  QgsTextFormat content = table->contentTextFormat();
  content.setSize( fontPt );
  table->setContentTextFormat( content );
  table->setCellMargin( 1.2 );
  table->setGridColor( QColor( 180, 180, 180 ) );
  auto *frame = new QgsLayoutFrame( &layout, table );
  frame->setId( frameId );
  frame->attemptMove( QgsLayoutPoint( 8, y, QgsUnitTypes::LayoutMillimeters ) );
  frame->attemptResize( QgsLayoutSize( 281, heightMm, QgsUnitTypes::LayoutMillimeters ) );
  table->addFrame( frame );
}

void setPageText( QgsPrintLayout &layout, const std::string &title, const std::string &subtitle, const std::string &text )
{
  QgsExpressionContextUtils::setLayoutVariables( &layout, { { QStringLiteral( "htsplan_page_title" ), QString::fromStdString( title ) },
                                                            { QStringLiteral( "htsplan_page_subtitle" ), QString::fromStdString( subtitle ) },
                                                            { QStringLiteral( "htsplan_page_text" ), QString::fromStdString( text ) } } );
}

//! The statistics table page: a table of the cities (leading sector, LQ, HHI, revenue growth against the line), the explanation under it.
void fillStatisticsPage( QgsPrintLayout &layout, const QString &path, const PackStatisticsPage &page )
{
  clearForTables( layout, path, 170, 30 );
  const QString years = page.growthFrom ? QStringLiteral( "%1–%2" ).arg( page.growthFrom ).arg( page.growthTo ) : QString();
  const QStringList headings = { QStringLiteral( "城市 City" ), QStringLiteral( "特色领域 Leading sector" ), QStringLiteral( "区位商 LQ" ), QStringLiteral( "载体 Carriers" ),
                                 QStringLiteral( "集中度 HHI" ), QStringLiteral( "收入年均增长 CAGR %1" ).arg( years ),
                                 QStringLiteral( "目标 Line" ), QStringLiteral( "评价 Status" ) };
  QgsTableContents contents;
  for ( const PackCityStatistics &c : page.cities )
  {
    QgsTableRow row;
    row << QgsTableCell( QString::fromStdString( c.nameZh ) )
        << QgsTableCell( c.leadingSectorZh.empty() ? QStringLiteral( "—" ) : QString::fromStdString( c.leadingSectorZh ) )
        << QgsTableCell( c.leadingSectorZh.empty() ? QStringLiteral( "—" ) : QString::number( c.leadingLq, 'f', 2 ) + ( c.fewCarriers ? QStringLiteral( "*" ) : QString() ) )
        << QgsTableCell( c.leadingSectorZh.empty() ? QStringLiteral( "—" ) : QStringLiteral( "%1/%2" ).arg( c.leadingCount ).arg( c.carriers ) )
        << QgsTableCell( QString::number( c.hhi, 'f', 3 ) ) << QgsTableCell( percentOf( c.cagr, 1 ) ) << QgsTableCell( percentOf( c.line, 0 ) );
    QgsTableCell status( c.onTrack ? ( *c.onTrack ? QStringLiteral( "达标 on track" ) : QStringLiteral( "落后 behind" ) ) : QStringLiteral( "—" ) );
    if ( c.onTrack )
      status.setBackgroundColor( *c.onTrack ? QColor( 199, 233, 192 ) : QColor( 252, 187, 161 ) );
    row << status;
    for ( int i = 2; i < row.size() - 1; ++i )
      row[i].setHorizontalAlignment( Qt::AlignRight );
    contents << row;
  }
  // The widths leave room for the 8 columns' cell margins inside the 281 mm frame.
  addTable( layout, QStringLiteral( "statistics_table" ), headings, contents, { 28, 52, 22, 26, 22, 52, 18, 32 }, 22, 146, 9 );
  setPageText( layout, page.titleZh, page.subtitleEn, page.text );
}

//! A page of tables (data checks, allocation): the tables one under the other from the top (they end above
//! the notes at 176 mm), the text under the last.
void fillTablePage( QgsPrintLayout &layout, const QString &path, const PackTablePage &page )
{
  double y = 22;
  for ( size_t t = 0; t < page.tables.size(); ++t )
  {
    const PackTable &table = page.tables[t];
    QStringList headings;
    for ( const std::string &h : table.headings )
      headings << QString::fromStdString( h );
    QgsTableContents contents;
    for ( size_t r = 0; r < table.rows.size(); ++r )
    {
      const bool highlighted = std::find( table.highlightedRows.begin(), table.highlightedRows.end(), static_cast<int>( r ) ) != table.highlightedRows.end();
      QgsTableRow row;
      for ( size_t c = 0; c < table.rows[r].size(); ++c )
      {
        QgsTableCell cell( QString::fromStdString( table.rows[r][c] ) );
        if ( c < table.rightAligned.size() && table.rightAligned[c] )
          cell.setHorizontalAlignment( Qt::AlignRight );
        if ( highlighted )
          cell.setBackgroundColor( QColor( 252, 187, 161 ) );
        row << cell;
      }
      contents << row;
    }
    QList<double> widths;
    for ( double w : table.widthsMm )
      widths << w;
    addTable( layout, QStringLiteral( "%1_table_%2" ).arg( QString::fromStdString( page.key ) ).arg( t + 1 ), headings, contents, widths, y, table.heightMm,
              table.fontPt );
    y += table.heightMm + 2;
  }
  clearForTables( layout, path, y, std::max( 10.0, 203.0 - y ) );
  setPageText( layout, page.titleZh, page.subtitleEn, page.text );
}

const QString CHART_TARGETS = QStringLiteral( "chart_targets" );
const QString CHART_YEARS = QStringLiteral( "chart_years" );

} // namespace

PackLayouts fillPackLayouts( const PackLayoutOptions &options, const PackLayers &pack, QgsProject &project, const PackFigures &figures )
{
  const QString templatesDir = options.templatesDir.isEmpty() ? bundledTemplatesDir() : options.templatesDir;
  PackLayouts out;
  if ( options.overview )
  {
    for ( Paper paper : options.overviewPapers )
    {
      const QString path = templatePath( templatesDir, paper == Paper::A3 ? templateFiles::overviewA3 : templateFiles::overviewA4 );
      const QString name = options.overviewPapers.size() > 1 ? layoutNames::overview + ( paper == Paper::A3 ? QStringLiteral( " A3" ) : QStringLiteral( " A4" ) )
                                                             : layoutNames::overview;
      auto layout = loadLayoutTemplate( path, project, name );
      showProvince( *fillMapItems( *layout, path, project, themes::overview, true ), pack.provinceExtent );
      pointTableAt( *requiredTable( *layout, path, QStringLiteral( "target_table" ) ), pack.targets, path, QStringLiteral( "target_table" ) );
      requiredItem<QgsLayoutItemPicture>( *layout, path, CHART_TARGETS, "a picture" );
      requiredItem<QgsLayoutItemPicture>( *layout, path, CHART_YEARS, "a picture" );
      out.layouts.push_back( { std::move( layout ), QStringLiteral( "overview" ), false } );
    }
  }
  if ( options.cities && !figures.cities.empty() )
  {
    const QString path = templatePath( templatesDir, templateFiles::city );
    auto layout = loadLayoutTemplate( path, project, layoutNames::cityAtlas );
    QgsLayoutItemMap *map = fillMapItems( *layout, path, project, themes::city );
    showProvince( *map, pack.provinceExtent );
    map->setAtlasDriven( true );
    auto *locator = requiredItem<QgsLayoutItemMap>( *layout, path, QStringLiteral( "locator" ), "a map" );
    locator->setFollowVisibilityPreset( true );
    locator->setFollowVisibilityPresetName( themes::locator );
    showProvince( *locator, pack.provinceExtent );
    pointTableAt( *requiredTable( *layout, path, QStringLiteral( "city_table" ) ), pack.cityKinds, path, QStringLiteral( "city_table" ) );
    pointTableAt( *requiredTable( *layout, path, QStringLiteral( "counties_table" ) ), pack.counties, path, QStringLiteral( "counties_table" ) );
    requiredItem<QgsLayoutItemPicture>( *layout, path, QStringLiteral( "chart_sectors" ), "a picture" );
    QgsLayoutAtlas *atlas = layout->atlas();
    atlas->setCoverageLayer( pack.cities );
    atlas->setEnabled( true );
    QString error;
    if ( atlas->filenameExpression().isEmpty() )
      atlas->setFilenameExpression( QStringLiteral( "'htsplan_' || \"code\" || '_' || \"file_stub\"" ), error );
    if ( atlas->updateFeatures() != static_cast<int>( figures.cities.size() ) )
      throw InputError( "layout template " + path.toStdString() + ": its atlas gives " + std::to_string( atlas->count() ) + " pages for " +
                        std::to_string( figures.cities.size() ) + " cities (is a coverage filter set?)" );
    out.atlas = layout.get();
    out.layouts.push_back( { std::move( layout ), QString(), true } );
  }
  if ( options.analyses )
  {
    for ( const PackAnalysisPage &analysis : figures.analyses )
    {
      const QString path = templatePath( templatesDir, templateFiles::analysis );
      auto layout = loadLayoutTemplate( path, project, layoutNames::analysis( analysis.key ) );
      showProvince( *fillMapItems( *layout, path, project, themes::analysis( analysis.key ) ), pack.provinceExtent );
      QgsExpressionContextUtils::setLayoutVariables( layout.get(), { { QStringLiteral( "htsplan_page_title" ), QString::fromStdString( analysis.titleZh ) },
                                                                      { QStringLiteral( "htsplan_page_subtitle" ), QString::fromStdString( analysis.subtitleEn ) },
                                                                      { QStringLiteral( "htsplan_page_text" ), QString::fromStdString( analysis.text ) } } );
      out.layouts.push_back( { std::move( layout ), QString::fromStdString( analysis.key ), false } );
    }
    if ( figures.statistics )
    {
      const QString path = templatePath( templatesDir, templateFiles::analysis );
      auto layout = loadLayoutTemplate( path, project, layoutNames::analysis( "statistics" ) );
      fillStatisticsPage( *layout, path, *figures.statistics );
      out.layouts.push_back( { std::move( layout ), QStringLiteral( "statistics" ), false } );
    }
    for ( const PackTablePage &page : figures.tablePages )
    {
      const QString path = templatePath( templatesDir, templateFiles::analysis );
      auto layout = loadLayoutTemplate( path, project, layoutNames::analysis( page.key ) );
      fillTablePage( *layout, path, page );
      out.layouts.push_back( { std::move( layout ), QString::fromStdString( page.key ), false } );
    }
  }
  for ( PackLayout &layout : out.layouts )
    useExportFont( *layout.layout );
  return out;
}

void showPackCharts( PackLayouts &layouts, const PackChartFiles &charts )
{
  for ( PackLayout &layout : layouts.layouts )
  {
    auto *targets = qobject_cast<QgsLayoutItemPicture *>( layout.layout->itemById( CHART_TARGETS ) );
    auto *years = qobject_cast<QgsLayoutItemPicture *>( layout.layout->itemById( CHART_YEARS ) );
    if ( targets )
      targets->setPicturePath( charts.targets, QgsLayoutItemPicture::FormatSVG );
    if ( years )
      years->setPicturePath( charts.years, QgsLayoutItemPicture::FormatSVG );
  }
}

} // namespace htsplan
