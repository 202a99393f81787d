#include "maps/overview_map.h"

#include "layers/paths.h"
#include "layers/problems.h"
#include "layers/quiet_gdal_errors.h"
#include "maps/export_font.h"
#include "maps/planning_layers.h"
#include "maps/map_crs.h"

#include <qgsapplication.h>
#include <qgslayertree.h>
#include <qgslayertreemodellegendnode.h>
#include <qgsmaplayerlegend.h>
#include <qgslayout.h>
#include <qgslayoutexporter.h>
#include <qgslayoutframe.h>
#include <qgslayoutitemlabel.h>
#include <qgslayoutitemlegend.h>
#include <qgslayoutitemmanualtable.h>
#include <qgslayoutitemmap.h>
#include <qgslayoutitempage.h>
#include <qgslayoutitempicture.h>
#include <qgslayoutitemscalebar.h>
#include <qgslayoutmeasurement.h>
#include <qgslayoutpagecollection.h>
#include <qgslayoutsize.h>
#include <qgslayouttablecolumn.h>
#include <qgsprintlayout.h>
#include <qgsproject.h>
#include <qgstextformat.h>
#include <qgsvectorlayer.h>

#include <qgsexception.h>

#include <QDate>
#include <QFileInfo>

#include <stdexcept>

namespace htsplan
{

namespace
{
QgsTextFormat textFormat( double sizePt, bool bold = false )
{
  QFont font( exportFontFamily() );
  font.setBold( bold );
  QgsTextFormat format;
  format.setFont( font );
  format.setSize( sizePt );
  format.setSizeUnit( QgsUnitTypes::RenderPoints );
  return format;
}

QgsLayoutItemLabel *addLabel( QgsLayout &layout, const QString &text, double x, double y, double w, double h, double sizePt, bool bold = false )
{
  auto *label = new QgsLayoutItemLabel( &layout );
  label->setText( text );
  QFont font( exportFontFamily() );
  font.setPointSizeF( sizePt );
  font.setBold( bold );
  label->setFont( font );
  label->setVAlign( Qt::AlignTop );
  label->setHAlign( Qt::AlignLeft );
  layout.addLayoutItem( label );
  label->attemptMove( QgsLayoutPoint( x, y, QgsUnitTypes::LayoutMillimeters ) );
  label->attemptResize( QgsLayoutSize( w, h, QgsUnitTypes::LayoutMillimeters ) );
  return label;
}

//! The extent of rect grown to the frame's aspect ratio, so that zoomToExtent is not needed.
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

QString percent( double ratio ) { return QString::number( ratio * 100.0, 'f', 0 ) + QStringLiteral( "%" ); }

/**
 * Every facility layer is styled by the same nine sector colours: the legend
 * shows the palette once (on the parks, the most numerous carriers with a
 * plain square) and, for the other point kinds, only their shape (the grey
 * "other" category), so that the legend fits beside the map.
 */
void compactFacilityLegend( QgsLayoutItemLegend &legend, const QList<QgsMapLayer *> &layers )
{
  legend.setAutoUpdateModel( false );
  QgsLegendModel *model = legend.model();
  for ( QgsMapLayer *layer : layers )
  {
    const QString name = layer->name();
    if ( !name.endsWith( QLatin1String( "bases" ) ) && !name.endsWith( QLatin1String( "buildings" ) ) && !name.endsWith( QLatin1String( "enterprises" ) ) )
      continue;
    QgsLayerTreeLayer *node = model->rootGroup()->findLayer( layer );
    if ( !node )
      continue;
    const QList<QgsLayerTreeModelLegendNode *> nodes = model->layerOriginalLegendNodes( node );
    for ( int i = 0; i < nodes.size(); ++i )
    {
      if ( !nodes[i]->data( Qt::DisplayRole ).toString().contains( QStringLiteral( "其他" ) ) )
        continue;
      QgsMapLayerLegendUtils::setLegendNodeOrder( node, { i } );
      QgsMapLayerLegendUtils::setLegendNodeUserLabel( node, i, QStringLiteral( "颜色按领域，见园区 colour by sector" ) );
      model->refreshLayerLegend( node );
      break;
    }
  }
}
} // namespace

void exportOverviewMap( const OverviewMapRequest &request, const OverviewFigures &figures )
{
  PlanningLayers layers = createPlanningLayers( QString::fromStdString( request.adminPath ), QString::fromStdString( request.facilitiesPath ), request.vintage,
                                                LayerAccess::ReadOnlyCopy );

  QgsProject project;
  const QgsCoordinateReferenceSystem mapCrs = printCrs();
  project.setCrs( mapCrs );
  // Drawing order: the layer list of a map item is top first.
  const QList<QgsMapLayer *> drawOrder = layers.mapLayers();
  QgsRectangle provinceExtent;
  {
    const QgsCoordinateTransform toMap( layers.province->crs(), mapCrs, &project );
    try
    {
      provinceExtent = toMap.transformBoundingBox( layers.province->extent() );
    }
    catch ( const QgsCsException &e )
    {
      throw InputError( request.adminPath + ", layer 'province': its extent cannot be projected to the map's CRS (" + e.what().toStdString() + ")" );
    }
  }
  for ( QgsMapLayer *layer : drawOrder )
  {
    // The styles label in Noto Sans CJK for the screen; the PDF needs a font whose text extracts right.
    if ( auto *vector = qobject_cast<QgsVectorLayer *>( layer ) )
      useExportFontForLabels( *vector );
    project.addMapLayer( layer, false );
  }
  // The project owns the layers from here on.
  layers.province.release();
  layers.cities.release();
  layers.counties.release();
  for ( auto &f : layers.facilities )
    f.release();
  for ( auto it = drawOrder.rbegin(); it != drawOrder.rend(); ++it )
    project.layerTreeRoot()->insertLayer( 0, *it );

  QgsPrintLayout layout( &project );
  layout.initializeDefaults(); // one A4 page
  QgsLayoutItemPage *page = layout.pageCollection()->page( 0 );
  page->setPageSize( QgsLayoutSize( 297, 210, QgsUnitTypes::LayoutMillimeters ) );

  const QString plan = QString::fromStdString( figures.planNameZh );
  const QString title = QStringLiteral( "山东省高技术服务业载体分布与%1年目标进度" ).arg( figures.evaluationYear );
  addLabel( layout, title, 8, 5, 280, 10, 16, true );
  addLabel( layout, QStringLiteral( "Shandong high-tech service carriers and progress toward the %1 targets · %2 map (%3 cities)" )
                      .arg( figures.targetYear )
                      .arg( request.vintage == Vintage::Y2015 ? QStringLiteral( "2015" ) : QStringLiteral( "current" ) )
                      .arg( figures.cityCount ),
            8, 14, 280, 6, 8 );

  // Left: the map, full height. Right column: legend, target table, notes.
  const double mapX = 8, mapY = 21, mapW = 180, mapH = 182;
  const double colX = 193, colW = 96;
  auto *map = new QgsLayoutItemMap( &layout );
  map->setCrs( mapCrs );
  map->setLayers( drawOrder );
  map->setKeepLayerSet( true );
  map->setFrameEnabled( true );
  layout.addLayoutItem( map );
  map->attemptMove( QgsLayoutPoint( mapX, mapY, QgsUnitTypes::LayoutMillimeters ) );
  map->attemptResize( QgsLayoutSize( mapW, mapH, QgsUnitTypes::LayoutMillimeters ) );
  map->setExtent( extentForFrame( provinceExtent, mapW, mapH ) );

  auto *arrow = new QgsLayoutItemPicture( &layout );
  arrow->setPicturePath( QString::fromStdString( stylesDir() ) + QStringLiteral( "/north_arrow.svg" ), QgsLayoutItemPicture::FormatSVG );
  arrow->setLinkedMap( map );
  layout.addLayoutItem( arrow );
  arrow->attemptMove( QgsLayoutPoint( mapX + 6, mapY + 6, QgsUnitTypes::LayoutMillimeters ) );
  arrow->attemptResize( QgsLayoutSize( 10, 16, QgsUnitTypes::LayoutMillimeters ) );

  auto *scale = new QgsLayoutItemScaleBar( &layout );
  scale->setLinkedMap( map );
  scale->setStyle( QStringLiteral( "Single Box" ) );
  scale->applyDefaultSize( QgsUnitTypes::DistanceKilometers );
  scale->setTextFormat( textFormat( 7 ) );
  scale->setUnitLabel( QStringLiteral( "km" ) );
  layout.addLayoutItem( scale );
  scale->attemptMove( QgsLayoutPoint( mapX + 6, mapY + mapH - 16, QgsUnitTypes::LayoutMillimeters ) );

  auto *legend = new QgsLayoutItemLegend( &layout );
  legend->setLinkedMap( map );
  legend->setTitle( QStringLiteral( "图例 Legend" ) );
  legend->setColumnCount( 2 );
  legend->setSplitLayer( true );
  legend->setSymbolWidth( 4 );
  legend->setSymbolHeight( 3 );
  for ( QgsLegendStyle::Style s : { QgsLegendStyle::Title, QgsLegendStyle::Group, QgsLegendStyle::Subgroup, QgsLegendStyle::SymbolLabel } )
  {
    QFont font( exportFontFamily() );
    font.setPointSizeF( s == QgsLegendStyle::Title ? 9 : ( s == QgsLegendStyle::SymbolLabel ? 6 : 6.5 ) );
    font.setBold( s != QgsLegendStyle::SymbolLabel );
    legend->setStyleFont( s, font );
  }
  layout.addLayoutItem( legend );
  legend->attemptMove( QgsLayoutPoint( colX, mapY, QgsUnitTypes::LayoutMillimeters ) );
  legend->setResizeToContents( true );
  compactFacilityLegend( *legend, drawOrder );

  // Target table: count / target / gap per kind.
  auto *table = new QgsLayoutItemManualTable( &layout );
  QgsLayoutTableColumns headers;
  for ( const QString &h : { QStringLiteral( "载体 Carrier" ), QStringLiteral( "已认定 Count" ), QStringLiteral( "目标 Target" ),
                             QStringLiteral( "差距 Gap" ), QStringLiteral( "完成率" ) } )
    headers << QgsLayoutTableColumn( h );
  table->setHeaders( headers );
  table->setIncludeTableHeader( true );
  QgsTableContents rows;
  for ( const TargetRow &p : figures.targets )
  {
    QgsTableRow row;
    row << QgsTableCell( QString::fromUtf8( kindLabelZh( p.kind ) ) ) << QgsTableCell( p.count ) << QgsTableCell( p.target ) << QgsTableCell( p.gap )
        << QgsTableCell( percent( p.ratio ) );
    rows << row;
  }
  table->setTableContents( rows );
  table->setHeaderTextFormat( textFormat( 7, true ) );
  table->setContentTextFormat( textFormat( 7 ) );
  table->setCellMargin( 1.0 );
  layout.addMultiFrame( table );
  auto *frame = new QgsLayoutFrame( &layout, table );
  const double tableY = 140;
  frame->attemptMove( QgsLayoutPoint( colX, tableY, QgsUnitTypes::LayoutMillimeters ) );
  frame->attemptResize( QgsLayoutSize( colW, 32, QgsUnitTypes::LayoutMillimeters ) );
  table->addFrame( frame );
  addLabel( layout, QStringLiteral( "%1年目标进度（全省）Progress toward the targets, province" ).arg( figures.evaluationYear ), colX, tableY - 6, colW, 5, 7.5, true );

  QStringList notes;
  if ( figures.sampleData )
    notes << QStringLiteral( "注：图中载体为示意样例数据，非真实认定名单。Illustrative sample data, not real designations." );
  notes << QStringLiteral( "边界为示意，非标准地图，无审图号。Boundaries are illustrative and not an approved map (no 审图号)." );
  notes << QStringLiteral( "计入目标：已认定且认定年份不晚于%1年；骨干企业营业收入≥%2亿元。省界外要素%3个，未计入。" )
             .arg( figures.evaluationYear )
             .arg( figures.backboneRevenueCny / 1e8 )
             .arg( figures.unassigned );
  notes << QStringLiteral( "依据：%1。面积按等积投影（Albers）计算。" ).arg( plan );
  notes << QStringLiteral( "htsplan %1 · %2" ).arg( QStringLiteral( HTSPLAN_VERSION ), QDate::currentDate().toString( Qt::ISODate ) );
  QgsLayoutItemLabel *notesLabel = addLabel( layout, notes.join( QLatin1Char( '\n' ) ), colX, 168, colW, 34, 6.5 );
  notesLabel->setMode( QgsLayoutItemLabel::ModeFont );

  QgsLayoutExporter exporter( &layout );
  QgsLayoutExporter::PdfExportSettings pdf;
  pdf.rasterizeWholeImage = false;
  pdf.forceVectorOutput = true;
  pdf.dpi = 300;
  // QGIS's default draws map labels and table cells as outlines: the city names
  // and the target numbers would not be text a planner can search or copy.
  pdf.textRenderFormat = Qgis::TextRenderFormat::AlwaysText;
  if ( exporter.exportToPdf( QString::fromStdString( request.pdfPath ), pdf ) != QgsLayoutExporter::Success )
    throw OutputError( "cannot write the overview map PDF " + request.pdfPath + " (folder not writable or disk full?)" );
  QgsLayoutExporter::ImageExportSettings image;
  image.dpi = request.pngDpi;
  // QGIS tries to reopen the PNG in update mode to write georeferencing, which
  // GDAL's PNG driver refuses with a harmless "ERROR 6": keep it off stderr.
  QgsLayoutExporter::ExportResult imageResult;
  {
    const QuietGdalErrors quiet;
    imageResult = exporter.exportToImage( QString::fromStdString( request.pngPath ), image );
  }
  if ( imageResult != QgsLayoutExporter::Success || !QFileInfo::exists( QString::fromStdString( request.pngPath ) ) )
    throw OutputError( "cannot write the overview map PNG " + request.pngPath + " (folder not writable or disk full?)" );
}

} // namespace htsplan
