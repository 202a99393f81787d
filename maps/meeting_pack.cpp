#include "maps/meeting_pack.h"

#include "layers/paths.h"
#include "layers/problems.h"
#include "layers/quiet_gdal_errors.h"
#include "maps/export_font.h"
#include "maps/layout_template.h"
#include "maps/map_crs.h"
#include "maps/pack_charts.h"
#include "maps/pack_project.h"

#include <qgsabstractlayoutiterator.h>
#include <qgsexpressioncontextutils.h>
#include <qgsfeedback.h>
#include <qgslayertree.h>
#include <qgslayertreemodellegendnode.h>
#include <qgslayoutatlas.h>
#include <qgslayoutexporter.h>
#include <qgslegendrenderer.h>
#include <qgslayoutitemattributetable.h>
#include <qgslayouttablecolumn.h>
#include <qgslayoutitemlegend.h>
#include <qgslayoutitemmap.h>
#include <qgslayoutmanager.h>
#include <qgslayoutitempicture.h>
#include <qgsmaplayerlegend.h>
#include <qgsmapthemecollection.h>
#include <qgsprintlayout.h>
#include <qgsproject.h>

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <filesystem>

namespace htsplan
{

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
  for ( QgsLayerTreeLayer *node : root->findLayers() )
  {
    const QString name = node->layer()->name();
    // An aggregated layer's long title on two lines: the kind, then how it is drawn.
    if ( const int at = name.indexOf( QStringLiteral( "（" ) ); at > 0 && name.contains( QStringLiteral( "六边形计数" ) ) )
    {
      node->setCustomProperty( QStringLiteral( "legend/title-label" ), name.left( at ) + QLatin1Char( '\n' ) + name.mid( at ) );
      model->refreshLayerLegend( node );
    }
    const bool points = name.endsWith( QLatin1String( "bases" ) ) || name.endsWith( QLatin1String( "buildings" ) ) ||
                        name.endsWith( QLatin1String( "enterprises" ) ) || name.endsWith( QLatin1String( "parks" ) );
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
  legend.setTitle( paletteOnParks ? QStringLiteral( "图例 Legend（载体颜色按领域，同园区 carriers coloured by sector, as parks）" )
                                  : QStringLiteral( "图例 Legend（载体颜色按领域 carriers coloured by sector）" ) );
  // Sized by the template, never grown over the page.
  legend.setResizeToContents( false );
}

struct Page
{
    QgsPrintLayout *layout = nullptr;
    QString name;      //!< file name stem; atlas pages use the atlas's file names
    bool atlas = false;
};

/**
 * Walks every page of the pack, atlas features included, for QGIS's exporter:
 * QgsLayoutExporter::exportToPdf(iterator) asks the iterator for its layout at
 * every step, so one PDF holds pages of several layouts.
 */
class PackIterator : public QgsAbstractLayoutIterator
{
  public:
    PackIterator( std::vector<Page> pages, bool numbered )
      : mPages( std::move( pages ) )
      , mNumbered( numbered )
    {
    }

    QgsLayout *layout() override { return mAt < mPages.size() ? mPages[mAt].layout : nullptr; }

    bool beginRender() override
    {
      mAt = 0;
      mStarted = false;
      mNumber = 0;
      return !mPages.empty();
    }

    bool endRender() override
    {
      if ( mAt < mPages.size() && mPages[mAt].atlas && mStarted )
        mPages[mAt].layout->atlas()->endRender();
      mAt = mPages.size();
      return true;
    }

    int count() const override
    {
      int n = 0;
      for ( const Page &p : mPages )
        n += p.atlas ? p.layout->atlas()->count() : 1;
      return n;
    }

    bool next() override
    {
      while ( mAt < mPages.size() )
      {
        Page &page = mPages[mAt];
        if ( !page.atlas )
        {
          if ( !mStarted )
          {
            mStarted = true;
            ++mNumber;
            return true;
          }
        }
        else
        {
          QgsLayoutAtlas *atlas = page.layout->atlas();
          if ( !mStarted )
          {
            mStarted = true;
            if ( !atlas->beginRender() )
            {
              advance();
              continue;
            }
          }
          if ( atlas->next() )
          {
            ++mNumber;
            return true;
          }
          atlas->endRender();
        }
        advance();
      }
      return false;
    }

    QString filePath( const QString &baseFilePath, const QString &extension ) override
    {
      const Page &page = mPages[mAt];
      QString name = page.atlas ? page.layout->atlas()->currentFilename() : page.name;
      if ( mNumbered )
        name = QStringLiteral( "%1_" ).arg( mNumber, 2, 10, QLatin1Char( '0' ) ) + name;
      return baseFilePath + QLatin1Char( '/' ) + name + QLatin1Char( '.' ) + extension;
    }

  private:
    void advance()
    {
      ++mAt;
      mStarted = false;
    }

    std::vector<Page> mPages;
    bool mNumbered = true;
    size_t mAt = 0;
    bool mStarted = false;
    int mNumber = 0;
};

//! A step of a longer export: maps its 0-100 into [from, to] of the parent, and passes cancel down.
class StepFeedback : public QgsFeedback
{
  public:
    StepFeedback( QgsFeedback *parent, double from, double to )
    {
      if ( !parent )
        return;
      QObject::connect( this, &QgsFeedback::progressChanged, parent, [parent, from, to]( double p ) { parent->setProgress( from + ( to - from ) * p / 100.0 ); } );
      QObject::connect( parent, &QgsFeedback::canceled, this, &QgsFeedback::cancel, Qt::DirectConnection );
      if ( parent->isCanceled() )
        cancel();
    }
};

void checkExport( QgsLayoutExporter::ExportResult result, const QString &error, const std::string &what, QgsFeedback *feedback )
{
  if ( result == QgsLayoutExporter::Canceled || ( feedback && feedback->isCanceled() ) )
    throw Canceled();
  if ( result != QgsLayoutExporter::Success )
    throw OutputError( "cannot write " + what + ( error.isEmpty() ? std::string( " (folder not writable or disk full?)" ) : ": " + error.toStdString() ) );
}

QString templatePath( const QString &dir, const QString &name )
{
  return dir + QLatin1Char( '/' ) + name + QStringLiteral( ".qpt" );
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

} // namespace

PackResult exportMeetingPack( const PackRequest &request, const PackFigures &figures, QgsFeedback *feedback )
{
  const QString templatesDir = request.templatesDir.empty() ? bundledTemplatesDir() : QString::fromStdString( request.templatesDir );
  const QString outDir = QString::fromStdString( request.outDir );
  if ( !QFileInfo( outDir ).isDir() )
    throw OutputError( "output folder " + request.outDir + " does not exist" );
  const QString chartsDir = outDir + QStringLiteral( "/charts" );

  PackProject pack = buildPackProject( request.adminPath, request.facilitiesPath, figures, chartsDir );
  QgsProject &project = *pack.project;
  throwIfCanceled( feedback );

  // Every template loaded and filled before anything is written.
  std::vector<std::unique_ptr<QgsPrintLayout>> layouts;
  std::vector<Page> pages;
  if ( request.overview )
  {
    const QString path = templatePath( templatesDir, request.overviewPaper == Paper::A3 ? QStringLiteral( "overview_a3" ) : QStringLiteral( "overview_a4" ) );
    auto layout = loadLayoutTemplate( path, project, QStringLiteral( "htsplan 全省总图 province overview" ) );
    showProvince( *fillMapItems( *layout, path, project, themes::overview, true ), pack.provinceExtent );
    pointTableAt( *requiredTable( *layout, path, QStringLiteral( "target_table" ) ), pack.targets, path, QStringLiteral( "target_table" ) );
    requiredItem<QgsLayoutItemPicture>( *layout, path, QStringLiteral( "chart_targets" ), "a picture" );
    requiredItem<QgsLayoutItemPicture>( *layout, path, QStringLiteral( "chart_years" ), "a picture" );
    pages.push_back( { layout.get(), QStringLiteral( "overview" ), false } );
    layouts.push_back( std::move( layout ) );
  }
  QgsPrintLayout *atlasLayout = nullptr;
  if ( request.cities && !figures.cities.empty() )
  {
    const QString path = templatePath( templatesDir, QStringLiteral( "city_a4" ) );
    auto layout = loadLayoutTemplate( path, project, QStringLiteral( "htsplan 城市图集 city atlas" ) );
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
    atlasLayout = layout.get();
    pages.push_back( { layout.get(), QString(), true } );
    layouts.push_back( std::move( layout ) );
  }
  if ( request.analyses )
  {
    for ( const PackAnalysisPage &analysis : figures.analyses )
    {
      const QString path = templatePath( templatesDir, QStringLiteral( "analysis_a4" ) );
      auto layout = loadLayoutTemplate( path, project, QStringLiteral( "htsplan 分析 %1" ).arg( QString::fromStdString( analysis.key ) ) );
      showProvince( *fillMapItems( *layout, path, project, themes::analysis( analysis.key ) ), pack.provinceExtent );
      QgsExpressionContextUtils::setLayoutVariables( layout.get(), { { QStringLiteral( "htsplan_page_title" ), QString::fromStdString( analysis.titleZh ) },
                                                                      { QStringLiteral( "htsplan_page_subtitle" ), QString::fromStdString( analysis.subtitleEn ) },
                                                                      { QStringLiteral( "htsplan_page_text" ), QString::fromStdString( analysis.text ) } } );
      pages.push_back( { layout.get(), QString::fromStdString( analysis.key ), false } );
      layouts.push_back( std::move( layout ) );
    }
  }
  if ( pages.empty() )
    throw InputError( "the meeting pack has no page (no overview, no cities, no analyses)" );
  for ( auto &layout : layouts )
    useExportFont( *layout );

  // The charts the pictures show.
  if ( !QDir().mkpath( chartsDir ) )
    throw OutputError( "cannot create the folder " + chartsDir.toStdString() );
  const PackChartFiles charts = writePackCharts( figures, chartsDir );
  if ( request.overview )
  {
    requiredItem<QgsLayoutItemPicture>( *layouts.front(), QString(), QStringLiteral( "chart_targets" ), "a picture" )->setPicturePath( charts.targets, QgsLayoutItemPicture::FormatSVG );
    requiredItem<QgsLayoutItemPicture>( *layouts.front(), QString(), QStringLiteral( "chart_years" ), "a picture" )->setPicturePath( charts.years, QgsLayoutItemPicture::FormatSVG );
  }

  PackResult result;
  result.font = exportFontFamily().toStdString();
  for ( const QString &line : pack.aggregated )
    result.notes.push_back( line.toStdString() );
  const bool numbered = !request.pagesDir.empty();
  PackIterator iterator( pages, numbered );
  result.pages = iterator.count();

  const int passes = ( request.pdf ? 1 : 0 ) + ( request.cityPdfs && atlasLayout ? 1 : 0 ) + ( request.png ? 1 : 0 ) + ( request.svg ? 1 : 0 );
  int pass = 0;
  auto nextStep = [&]() {
    const double from = 100.0 * pass / std::max( 1, passes );
    ++pass;
    return std::make_unique<StepFeedback>( feedback, from, 100.0 * pass / std::max( 1, passes ) );
  };
  QgsLayoutExporter::PdfExportSettings pdf;
  pdf.rasterizeWholeImage = false;
  pdf.forceVectorOutput = true;
  pdf.dpi = 300;
  // QGIS's default draws labels and table cells as outlines: the city names and
  // the target numbers would not be text a planner can search or copy.
  pdf.textRenderFormat = Qgis::TextRenderFormat::AlwaysText;
  pdf.exportMetadata = false;
  QString error;
  if ( request.pdf )
  {
    auto step = nextStep();
    const QString file = outDir + QLatin1Char( '/' ) + QString::fromStdString( request.pdfName );
    checkExport( QgsLayoutExporter::exportToPdf( &iterator, file, pdf, error, step.get() ), error, file.toStdString(), step.get() );
  }
  if ( request.cityPdfs && atlasLayout )
  {
    auto step = nextStep();
    const QString dir = outDir + QStringLiteral( "/cities" );
    QDir().mkpath( dir );
    checkExport( QgsLayoutExporter::exportToPdfs( atlasLayout->atlas(), dir, pdf, error, step.get() ), error, "the city PDFs in " + dir.toStdString(),
                 step.get() );
  }
  const QString pagesDir = numbered ? outDir + QLatin1Char( '/' ) + QString::fromStdString( request.pagesDir ) : outDir;
  if ( ( request.png || request.svg ) && !QDir().mkpath( pagesDir ) )
    throw OutputError( "cannot create the folder " + pagesDir.toStdString() );
  if ( request.png )
  {
    auto step = nextStep();
    QgsLayoutExporter::ImageExportSettings image;
    image.dpi = request.dpi;
    image.generateWorldFile = false;
    image.exportMetadata = false;
    // QGIS reopens a PNG in update mode to georeference it, which GDAL's PNG
    // driver refuses with a harmless "ERROR 6": keep it off stderr.
    const QuietGdalErrors quiet;
    checkExport( QgsLayoutExporter::exportToImage( &iterator, pagesDir, QStringLiteral( "png" ), image, error, step.get() ), error,
                 "the PNG pages in " + pagesDir.toStdString(), step.get() );
  }
  if ( request.svg )
  {
    auto step = nextStep();
    QgsLayoutExporter::SvgExportSettings svg;
    svg.forceVectorOutput = true;
    svg.textRenderFormat = Qgis::TextRenderFormat::AlwaysText;
    svg.exportMetadata = false;
    checkExport( QgsLayoutExporter::exportToSvg( &iterator, pagesDir, svg, error, step.get() ), error, "the SVG pages in " + pagesDir.toStdString(),
                 step.get() );
  }

  if ( !request.projectName.empty() )
  {
    // The project QGIS can export the same pages from: it owns the layouts from here on.
    for ( auto &layout : layouts )
      project.layoutManager()->addLayout( layout.release() );
    layouts.clear();
    savePackProject( pack, outDir + QLatin1Char( '/' ) + QString::fromStdString( request.projectName ), QString::fromStdString( request.facilitiesPath ),
                     QString::fromStdString( request.finalDir ) );
  }

  // QGIS writes an empty file for some atlas names and says nothing (#46165): check every file.
  QDirIterator it( outDir, QDir::Files, QDirIterator::Subdirectories );
  while ( it.hasNext() )
  {
    const QFileInfo info( it.next() );
    if ( info.size() == 0 )
      throw OutputError( "QGIS wrote an empty file " + info.absoluteFilePath().toStdString() + " (disk full?)" );
    if ( info.suffix() == QLatin1String( "aux" ) || info.fileName().endsWith( QLatin1String( ".aux.xml" ) ) )
    {
      QFile::remove( info.absoluteFilePath() );
      continue;
    }
    result.files.push_back( QDir( outDir ).relativeFilePath( info.absoluteFilePath() ).toStdString() );
  }
  std::sort( result.files.begin(), result.files.end() );
  if ( feedback )
    feedback->setProgress( 100 );
  return result;
}

} // namespace htsplan
