#include "maps/meeting_pack.h"

#include "layers/paths.h"
#include "layers/problems.h"
#include "layers/quiet_gdal_errors.h"
#include "maps/export_font.h"
#include "maps/layout_template.h"
#include "maps/map_crs.h"
#include "maps/pack_charts.h"
#include "maps/pack_layouts.h"
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
    throw Canceled(); // the caller's staging folder is dropped: nothing of `what` is published
  if ( result != QgsLayoutExporter::Success )
    throw OutputError( "cannot write " + what + ( error.isEmpty() ? std::string( " (folder not writable or disk full?)" ) : ": " + error.toStdString() ) );
}

//! Whether a PDF file ends as a PDF does (its trailer's %%EOF), i.e. was written to the end.
bool pdfIsComplete( const QString &path )
{
  QFile file( path );
  if ( !file.open( QIODevice::ReadOnly ) )
    return false;
  file.seek( std::max<qint64>( 0, file.size() - 1024 ) );
  return file.readAll().contains( "%%EOF" );
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
  PackLayoutOptions options;
  options.templatesDir = templatesDir;
  options.overview = request.overview;
  options.overviewPapers = { request.overviewPaper };
  options.cities = request.cities;
  options.analyses = request.analyses;
  PackLayouts layouts = fillPackLayouts( options, pack, project, figures );
  if ( layouts.layouts.empty() )
    throw InputError( "the meeting pack has no page (no overview, no cities, no analyses)" );
  QgsPrintLayout *atlasLayout = layouts.atlas;
  std::vector<Page> pages;
  for ( const PackLayout &layout : layouts.layouts )
    pages.push_back( { layout.layout.get(), layout.fileName, layout.atlas } );

  // The charts the pictures show.
  if ( !QDir().mkpath( chartsDir ) )
    throw OutputError( "cannot create the folder " + chartsDir.toStdString() );
  showPackCharts( layouts, writePackCharts( figures, chartsDir ) );

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
    // The atlas names its files in the folder of the path it is given (QgsLayoutAtlas::filePath).
    checkExport( QgsLayoutExporter::exportToPdfs( atlasLayout->atlas(), dir + QStringLiteral( "/city.pdf" ), pdf, error, step.get() ), error,
                 "the city PDFs in " + dir.toStdString(),
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
    for ( PackLayout &layout : layouts.layouts )
      project.layoutManager()->addLayout( layout.layout.release() );
    layouts.layouts.clear();
    layouts.atlas = nullptr;
    savePackProject( pack, outDir + QLatin1Char( '/' ) + QString::fromStdString( request.projectName ), QString::fromStdString( request.facilitiesPath ),
                     QString::fromStdString( request.finalDir ) );
  }

  // QGIS writes an empty file for some atlas names and says nothing (#46165),
  // and does not check that its PDF writer could write the end of the file
  // (disk full): check every file.
  QDirIterator it( outDir, QDir::Files, QDirIterator::Subdirectories );
  while ( it.hasNext() )
  {
    const QFileInfo info( it.next() );
    if ( info.size() == 0 )
      throw OutputError( "QGIS wrote an empty file " + info.absoluteFilePath().toStdString() + " (disk full?)" );
    if ( info.suffix() == QLatin1String( "pdf" ) && !pdfIsComplete( info.absoluteFilePath() ) )
      throw OutputError( "the PDF " + info.absoluteFilePath().toStdString() + " was not written to its end (disk full?)" );
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
