#include "maps/charts.h"

#include "maps/export_font.h"

#include <qwt_column_symbol.h>
#include <qwt_dyngrid_layout.h>
#include <qwt_legend.h>
#include <qwt_plot.h>
#include <qwt_plot_barchart.h>
#include <qwt_plot_canvas.h>
#include <qwt_plot_curve.h>
#include <qwt_plot_grid.h>
#include <qwt_plot_layout.h>
#include <qwt_plot_marker.h>
#include <qwt_plot_multi_barchart.h>
#include <qwt_plot_renderer.h>
#include <qwt_plot_textlabel.h>
#include <qwt_scale_div.h>
#include <qwt_scale_draw.h>
#include <qwt_symbol.h>
#include <qwt_text.h>

#include <QBuffer>
#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgGenerator>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

namespace htsplan
{

namespace
{

// QwtPlotRenderer lays the plot out in the widget's pixels, at the screen's
// logical resolution, and scales from there to the paint device; when the two
// resolutions differ it also turns every font into a whole pixel size at the
// screen's resolution (7 pt at 100 dpi: 10 px, drawn as 7.2 pt). The SVG is
// therefore written at the screen's logical resolution (100 dpi offscreen, 96
// on most desktops): no scaling, fonts in exact points, sizes in exact mm.
// A margin of white around the drawing, in mm.
constexpr double kMarginMm = 1.2;

const QColor kText( 0x33, 0x33, 0x33 );
const QColor kGrid( 0xdd, 0xdd, 0xdd );
const QColor kBaseline( 0x88, 0x88, 0x88 );

double mmToPx( double mm, double dpi )
{
  return mm / 25.4 * dpi;
}

// Colour Brewer's Set 2 and Dark 2, for items without a colour.
QColor defaultColour( std::size_t i )
{
  static const QRgb palette[] = { 0x1b9e77, 0xd95f02, 0x7570b3, 0xe7298a, 0x66a61e, 0xe6ab02, 0xa6761d, 0x666666,
                                  0x66c2a5, 0xfc8d62, 0x8da0cb, 0xe78ac3, 0xa6d854, 0xffd92f, 0xe5c494, 0xb3b3b3 };
  return QColor( palette[i % ( sizeof( palette ) / sizeof( palette[0] ) )] );
}

QColor colourOr( const QColor &colour, std::size_t i )
{
  return colour.isValid() ? colour : defaultColour( i );
}

// The colour mixed with white: opaque, so that no transparency reaches the PDF.
QColor tint( const QColor &colour, double share )
{
  const auto mix = [share]( int c ) { return static_cast<int>( std::lround( 255.0 - ( 255.0 - c ) * share ) ); };
  return QColor( mix( colour.red() ), mix( colour.green() ), mix( colour.blue() ) );
}

// Numbers as the charts print them, whatever the locale: 19, 2.5, 1234.
QString formatValue( double value )
{
  if ( std::abs( value - std::round( value ) ) < 1e-9 )
    return QString::number( static_cast<long long>( std::llround( value ) ) );
  return QString::number( value, 'f', std::abs( value ) < 10 ? 2 : 1 ).remove( QRegularExpression( QStringLiteral( "\\.?0+$" ) ) );
}

bool allIntegral( const std::vector<double> &values )
{
  return std::all_of( values.begin(), values.end(), []( double v ) { return std::abs( v - std::round( v ) ) < 1e-9; } );
}

// A step of 1, 2 or 5 times a power of ten that divides [0, max] into at most
// maxTicks intervals; at least 1 for integral data (counts get whole ticks).
double niceStep( double max, int maxTicks, bool integral )
{
  if ( !( max > 0 ) )
    return 1;
  const double raw = max / std::max( 1, maxTicks );
  const double power = std::pow( 10.0, std::floor( std::log10( raw ) ) );
  double step = power * 10;
  for ( const double m : { 1.0, 2.0, 5.0 } )
    if ( m * power >= raw - 1e-12 )
    {
      step = m * power;
      break;
    }
  return integral ? std::max( 1.0, std::round( step ) ) : step;
}

// A value axis from 0 to a whole number of steps at or above max.
QwtScaleDiv valueScaleDiv( double max, int maxTicks, bool integral )
{
  const double step = niceStep( max, maxTicks, integral );
  const double upper = std::max( step, std::ceil( max / step - 1e-9 ) * step );
  QList<double> ticks[QwtScaleDiv::NTickTypes];
  for ( int i = 0; i * step <= upper + step * 1e-9; ++i )
    ticks[QwtScaleDiv::MajorTick] << i * step;
  return QwtScaleDiv( 0, upper, ticks );
}

// Numbers on an axis without the locale's group separators.
class NumberScaleDraw : public QwtScaleDraw
{
  public:
    QwtText label( double value ) const override { return QwtText( formatValue( value ), QwtText::PlainText ); }
};

// The names of the categories at the whole positions 0..n-1.
class CategoryScaleDraw : public QwtScaleDraw
{
  public:
    explicit CategoryScaleDraw( std::vector<QString> labels )
      : mLabels( std::move( labels ) )
    {}
    QwtText label( double value ) const override
    {
      const long i = std::lround( value );
      if ( i < 0 || static_cast<std::size_t>( i ) >= mLabels.size() || std::abs( value - static_cast<double>( i ) ) > 1e-6 )
        return QwtText();
      return QwtText( mLabels[static_cast<std::size_t>( i )], QwtText::PlainText );
    }

  private:
    std::vector<QString> mLabels;
};

QwtScaleDiv categoryScaleDiv( std::size_t count )
{
  QList<double> ticks[QwtScaleDiv::NTickTypes];
  for ( std::size_t i = 0; i < count; ++i )
    ticks[QwtScaleDiv::MajorTick] << static_cast<double>( i );
  return QwtScaleDiv( -0.5, static_cast<double>( count ) - 0.5, ticks );
}

// A bar drawn exactly over its rectangle (QwtColumnSymbol's boxes grow by a pixel).
class BoxSymbol : public QwtColumnSymbol
{
  public:
    BoxSymbol( const QBrush &fill, const QPen &outline )
      : QwtColumnSymbol( QwtColumnSymbol::Box )
      , mFill( fill )
      , mOutline( outline )
    {}
    void draw( QPainter *painter, const QwtColumnRect &rect ) const override
    {
      painter->save();
      painter->setPen( mOutline );
      painter->setBrush( mFill );
      painter->drawRect( rect.toRect() );
      painter->restore();
    }

  private:
    QBrush mFill;
    QPen mOutline;
};

struct Fonts
{
  QFont text;
  QFont title;
};

Fonts fontsFor( const ChartStyle &style )
{
  Fonts fonts;
  const QString family = style.fontFamily.isEmpty() ? exportFontFamily() : style.fontFamily;
  fonts.text = QFont( family );
  fonts.text.setPointSizeF( style.fontPt > 0 ? style.fontPt : 7 );
  fonts.text.setHintingPreference( QFont::PreferNoHinting );
  fonts.title = fonts.text;
  fonts.title.setPointSizeF( fonts.text.pointSizeF() + 1.5 );
  fonts.title.setBold( true );
  return fonts;
}

QwtText plainText( const QString &text, const QFont &font, const QColor &colour = kText )
{
  QwtText t( text, QwtText::PlainText );
  t.setFont( font );
  t.setColor( colour );
  return t;
}

// Keeps a legend on the right from stretching its rows over the whole height:
// it gets the height it needs, centred on the canvas.
class ChartLayout : public QwtPlotLayout
{
  public:
    void activate( const QwtPlot *plot, const QRectF &plotRect, Options options ) override
    {
      QwtPlotLayout::activate( plot, plotRect, options );
      const QwtAbstractLegend *legend = plot->legend();
      const QRectF rect = legendRect();
      if ( !legend || rect.isEmpty() || legendPosition() != QwtPlot::RightLegend )
        return;
      const double height = std::min( rect.height(), static_cast<double>( legend->heightForWidth( static_cast<int>( rect.width() ) ) ) );
      if ( height <= 0 )
        return;
      const QRectF canvas = canvasRect();
      const double top = std::clamp( canvas.center().y() - height / 2, rect.top(), rect.bottom() - height );
      setLegendRect( QRectF( rect.left(), top, rect.width(), height ) );
    }
};

// A chart being drawn: the plot (a widget never shown), its fonts and the
// title, which is drawn above the plot rather than by Qwt (Qwt centres it over
// the canvas, and wraps it at the canvas's width when the legend is beside).
struct Chart
{
    Chart( const QString &chartTitle, const ChartStyle &chartStyle )
      : title( chartTitle )
      , style( chartStyle )
      , fonts( fontsFor( chartStyle ) )
    {
      const QCoreApplication *app = QCoreApplication::instance();
      if ( !app || !app->inherits( "QApplication" ) )
        throw std::logic_error( "charts: drawing a chart needs a QApplication (a QgsApplication), found none" );
      if ( QThread::currentThread() != app->thread() )
        throw std::logic_error( "charts: charts are drawn by a widget, on the application's thread only" );

      plot = std::make_unique<QwtPlot>();
      dpi = plot->logicalDpiX();
      size = QSizeF( mm( style.widthMm > 0 ? style.widthMm : 90 ), mm( style.heightMm > 0 ? style.heightMm : 55 ) );
      plot->resize( static_cast<int>( std::ceil( size.width() ) ), static_cast<int>( std::ceil( size.height() ) ) );
      plot->setPlotLayout( new ChartLayout() );
      plot->setFont( fonts.text );
      plot->setFrameStyle( QFrame::NoFrame );
      plot->setCanvasBackground( Qt::white );
      auto *canvas = new QwtPlotCanvas();
      canvas->setFrameStyle( QFrame::NoFrame );
      canvas->setLineWidth( 0 );
      plot->setCanvas( canvas );
      plot->plotLayout()->setSpacing( 4 );
      plot->plotLayout()->setCanvasMargin( 0 );
      for ( int axis = 0; axis < QwtPlot::axisCnt; ++axis )
      {
        plot->enableAxis( axis, false );
        plot->setAxisFont( axis, fonts.text );
        plot->setAxisMaxMinor( axis, 0 );
      }

      const double margin = mm( kMarginMm );
      const QRectF inner = QRectF( QPointF( 0, 0 ), size ).adjusted( margin, margin, -margin, -margin );
      titleRect = inner;
      if ( !title.isEmpty() )
        titleRect.setHeight( QFontMetricsF( fonts.title, plot.get() ).boundingRect( inner, kTitleFlags, title ).height() );
      else
        titleRect.setHeight( 0 );
      plotRect = inner.adjusted( 0, title.isEmpty() ? 0 : titleRect.height() + mm( 1.5 ), 0, 0 );
    }

    //! Length in mm as a length in the plot's pixels.
    double mm( double length ) const { return mmToPx( length, dpi ); }

    QByteArray svg()
    {
      plot->updateAxes();
      QByteArray bytes;
      QBuffer buffer( &bytes );
      buffer.open( QIODevice::WriteOnly );
      QSvgGenerator generator;
      generator.setOutputDevice( &buffer );
      generator.setResolution( static_cast<int>( dpi ) );
      generator.setSize( QSize( static_cast<int>( std::lround( size.width() ) ), static_cast<int>( std::lround( size.height() ) ) ) );
      const QRectF page( QPointF( 0, 0 ), size );
      generator.setViewBox( page );
      generator.setTitle( title );
      generator.setDescription( QStringLiteral( "htsplan chart" ) );
      QPainter painter( &generator );
      painter.fillRect( page, Qt::white );
      if ( !title.isEmpty() )
      {
        painter.setFont( fonts.title );
        painter.setPen( kText );
        painter.drawText( titleRect, kTitleFlags, title );
      }
      QwtPlotRenderer renderer;
      renderer.setDiscardFlags( QwtPlotRenderer::DiscardBackground | QwtPlotRenderer::DiscardCanvasBackground |
                                QwtPlotRenderer::DiscardCanvasFrame | QwtPlotRenderer::DiscardTitle );
      renderer.render( plot.get(), &painter, plotRect );
      painter.end();
      // The generator writes the size from whole pixels: write the exact mm.
      const int end = bytes.indexOf( "viewBox" );
      if ( end > 0 )
      {
        static const QRegularExpression sizeAttributes( QStringLiteral( "width=\"[0-9.]+mm\" height=\"[0-9.]+mm\"" ) );
        QString head = QString::fromUtf8( bytes.left( end ) );
        head.replace( sizeAttributes, QStringLiteral( "width=\"%1mm\" height=\"%2mm\"" )
                                        .arg( QString::number( size.width() / dpi * 25.4, 'g', 6 ), QString::number( size.height() / dpi * 25.4, 'g', 6 ) ) );
        bytes.replace( 0, end, head.toUtf8() );
      }
      return bytes;
    }

    static constexpr int kTitleFlags = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap;
    QString title;
    ChartStyle style;
    Fonts fonts;
    std::unique_ptr<QwtPlot> plot;
    double dpi = 96;
    QSizeF size;
    QRectF titleRect;
    QRectF plotRect;
};

// An axis with labels only: no backbone, no ticks.
void setupAxis( QwtPlot &plot, int axis, QwtScaleDraw *draw, const QwtScaleDiv &div )
{
  draw->enableComponent( QwtAbstractScaleDraw::Backbone, false );
  draw->enableComponent( QwtAbstractScaleDraw::Ticks, false );
  draw->setSpacing( 3 );
  plot.setAxisScaleDraw( axis, draw );
  plot.setAxisScaleDiv( axis, div );
  plot.enableAxis( axis, true );
}

void addGrid( QwtPlot &plot, bool vertical, bool horizontal )
{
  auto *grid = new QwtPlotGrid();
  grid->enableX( vertical );
  grid->enableY( horizontal );
  grid->enableXMin( false );
  grid->enableYMin( false );
  grid->setMajorPen( QPen( kGrid, 0.6 ) );
  grid->attach( &plot );
}

// A thin line at value 0 of a value axis, the bars' base.
void addBaseline( QwtPlot &plot, bool vertical )
{
  auto *line = new QwtPlotMarker();
  line->setLineStyle( vertical ? QwtPlotMarker::VLine : QwtPlotMarker::HLine );
  line->setLinePen( QPen( kBaseline, 0.8 ) );
  line->setValue( 0, 0 );
  line->setZ( 30 );
  line->attach( &plot );
}

void showNoData( QwtPlot &plot, const Fonts &fonts )
{
  auto *note = new QwtPlotTextLabel();
  QwtText text = plainText( QStringLiteral( "无数据 No data" ), fonts.text, QColor( 0x77, 0x77, 0x77 ) );
  text.setRenderFlags( Qt::AlignCenter );
  note->setText( text );
  note->attach( &plot );
}

// The canvas rectangle as the renderer will lay it out.
QRectF canvasRectFor( QwtPlot &plot, const QRectF &rect )
{
  plot.updateAxes();
  plot.plotLayout()->activate( &plot, rect, QwtPlotLayout::IgnoreScrollbars | QwtPlotLayout::IgnoreFrames );
  return plot.plotLayout()->canvasRect();
}

// The upper end of a value axis from 0 that leaves room after each bar end
// for its label: end / upper * length + gap + label length <= length.
double upperWithRoomForLabels( double length, const std::vector<double> &ends, const std::vector<double> &labelLengths, double gap )
{
  double upper = 0;
  for ( std::size_t i = 0; i < ends.size(); ++i )
  {
    const double free = length - gap - labelLengths[i];
    if ( ends[i] > 0 && free > length * 0.2 )
      upper = std::max( upper, ends[i] * length / free );
    else
      upper = std::max( upper, ends[i] * 1.25 );
  }
  return upper;
}

// Labels after bar ends (value axis along x when horizontal): markers and a
// value axis long enough for them.
void addEndLabels( QwtPlot &plot, const QRectF &rect, const Fonts &fonts, bool horizontal, const std::vector<double> &positions,
                   const std::vector<double> &ends, const std::vector<QString> &labels, bool integral )
{
  const int valueAxis = horizontal ? QwtPlot::xBottom : QwtPlot::yLeft;
  const QFontMetricsF metrics( fonts.text, &plot );
  std::vector<double> lengths;
  for ( const QString &label : labels )
    lengths.push_back( horizontal ? metrics.horizontalAdvance( label ) : metrics.height() );
  const double gap = 3;
  const double maxEnd = *std::max_element( ends.begin(), ends.end() );
  // Twice: the first axis changes the width of its own labels, and so the canvas.
  for ( int pass = 0; pass < 2; ++pass )
  {
    const QRectF canvas = canvasRectFor( plot, rect );
    const double length = horizontal ? canvas.width() : canvas.height();
    const double upper = std::max( maxEnd, upperWithRoomForLabels( length, ends, lengths, gap + 2 ) );
    plot.setAxisScaleDiv( valueAxis, valueScaleDiv( upper, horizontal ? 6 : 5, integral ) );
  }
  for ( std::size_t i = 0; i < labels.size(); ++i )
  {
    auto *marker = new QwtPlotMarker();
    marker->setLineStyle( QwtPlotMarker::NoLine );
    marker->setLabel( plainText( labels[i], fonts.text ) );
    marker->setSpacing( static_cast<int>( horizontal ? gap : 1 ) );
    if ( horizontal )
    {
      marker->setValue( ends[i], positions[i] );
      marker->setLabelAlignment( Qt::AlignRight | Qt::AlignVCenter );
    }
    else
    {
      marker->setValue( positions[i], ends[i] );
      marker->setLabelAlignment( Qt::AlignTop | Qt::AlignHCenter );
    }
    marker->setZ( 40 );
    marker->attach( &plot );
  }
}

QwtLegend *newLegend( const Fonts &fonts, int columns )
{
  auto *legend = new QwtLegend();
  legend->setFont( fonts.text );
  legend->setMaxColumns( static_cast<uint>( std::max( 1, columns ) ) );
  legend->setFrameStyle( QFrame::NoFrame );
  // Rows as close as the text allows (Qt's style spaces them by about a line).
  if ( auto *layout = qobject_cast<QwtDynGridLayout *>( legend->contentsWidget()->layout() ) )
  {
    layout->setSpacing( 0 );
    layout->setContentsMargins( 0, 0, 0, 0 );
  }
  return legend;
}

} // namespace

QByteArray countAgainstTargetSvg( const QString &title, const std::vector<BarItem> &items, const ChartStyle &style )
{
  Chart chart( title, style );
  const Fonts &fonts = chart.fonts;
  QwtPlot *plot = chart.plot.get();
  const bool empty = std::none_of( items.begin(), items.end(), []( const BarItem &item ) { return item.value != 0 || item.target != 0; } );
  if ( empty )
  {
    showNoData( *plot, fonts );
    return chart.svg();
  }

  const std::size_t n = items.size();
  // The first item at the top: item i at position n - 1 - i.
  std::vector<QString> names( n );
  std::vector<double> positions, ends, values;
  std::vector<QString> labels;
  for ( std::size_t i = 0; i < n; ++i )
  {
    const BarItem &item = items[i];
    const double position = static_cast<double>( n - 1 - i );
    names[n - 1 - i] = item.label;
    const QColor colour = colourOr( item.colour, i );
    if ( item.target > 0 )
    {
      auto *target = new QwtPlotBarChart( item.label );
      target->setOrientation( Qt::Horizontal );
      target->setLayoutPolicy( QwtPlotAbstractBarChart::ScaleSamplesToAxes );
      target->setLayoutHint( 0.72 );
      target->setSymbol( new BoxSymbol( tint( colour, 0.22 ), QPen( colour, 0.8 ) ) );
      target->setSamples( QVector<QPointF> { QPointF( position, item.target ) } );
      target->setItemAttribute( QwtPlotItem::Legend, false );
      target->setZ( 20 );
      target->attach( plot );
    }
    auto *bar = new QwtPlotBarChart( item.label );
    bar->setOrientation( Qt::Horizontal );
    bar->setLayoutPolicy( QwtPlotAbstractBarChart::ScaleSamplesToAxes );
    bar->setLayoutHint( 0.46 );
    bar->setSymbol( new BoxSymbol( colour, Qt::NoPen ) );
    bar->setSamples( QVector<QPointF> { QPointF( position, item.value ) } );
    bar->setItemAttribute( QwtPlotItem::Legend, false );
    bar->setZ( 21 );
    bar->attach( plot );

    positions.push_back( position );
    ends.push_back( std::max( { item.value, item.target, 0.0 } ) );
    values.push_back( item.value );
    values.push_back( item.target );
    labels.push_back( item.target > 0 ? QStringLiteral( "%1 / %2" ).arg( formatValue( item.value ), formatValue( item.target ) )
                                      : formatValue( item.value ) );
  }
  setupAxis( *plot, QwtPlot::yLeft, new CategoryScaleDraw( names ), categoryScaleDiv( n ) );
  setupAxis( *plot, QwtPlot::xBottom, new NumberScaleDraw(), valueScaleDiv( 1, 6, true ) );
  addGrid( *plot, true, false );
  addBaseline( *plot, true );
  if ( std::any_of( items.begin(), items.end(), []( const BarItem &item ) { return item.target > 0; } ) )
  {
    // A key to the two kinds of bar, in grey; items without samples draw nothing.
    const QColor grey( 0x77, 0x77, 0x77 );
    const auto keyEntry = [&]( const QString &text, QwtColumnSymbol *symbol ) {
      auto *entry = new QwtPlotBarChart( plainText( text, fonts.text ) );
      entry->setSymbol( symbol );
      entry->setLegendIconSize( QSize( 12, 7 ) );
      entry->setItemAttribute( QwtPlotItem::Legend, true );
      entry->attach( plot );
    };
    keyEntry( QStringLiteral( "现有 Count" ), new BoxSymbol( grey, Qt::NoPen ) );
    keyEntry( QStringLiteral( "目标 Target" ), new BoxSymbol( tint( grey, 0.22 ), QPen( grey, 0.8 ) ) );
    plot->insertLegend( newLegend( fonts, 2 ), QwtPlot::BottomLegend );
  }
  addEndLabels( *plot, chart.plotRect, fonts, true, positions, ends, labels, allIntegral( values ) );
  return chart.svg();
}

QByteArray cumulativeByYearSvg( const QString &title, const std::vector<YearSeries> &series, const std::vector<StraightPath> &straightPaths,
                                const ChartStyle &style )
{
  Chart chart( title, style );
  const Fonts &fonts = chart.fonts;
  QwtPlot *plot = chart.plot.get();

  int firstYear = 0, lastYear = 0;
  bool anyYear = false, anyValue = false;
  std::vector<double> values;
  const auto addPoint = [&]( int year, double value ) {
    firstYear = anyYear ? std::min( firstYear, year ) : year;
    lastYear = anyYear ? std::max( lastYear, year ) : year;
    anyYear = true;
    anyValue = anyValue || value != 0;
    values.push_back( value );
  };
  for ( const YearSeries &s : series )
    for ( const auto &[year, value] : s.values )
      addPoint( year, value );
  for ( const StraightPath &path : straightPaths )
  {
    addPoint( path.startYear, path.startValue );
    addPoint( path.targetYear, path.target );
  }
  if ( !anyValue )
  {
    showNoData( *plot, fonts );
    return chart.svg();
  }

  int legendEntries = 0;
  const double lineWidth = chart.mm( 0.45 );
  for ( std::size_t i = 0; i < straightPaths.size(); ++i )
  {
    const StraightPath &path = straightPaths[i];
    auto *curve = new QwtPlotCurve();
    curve->setTitle( plainText( path.label, fonts.text ) );
    QPen pen( colourOr( path.colour, i ), lineWidth * 0.8 );
    pen.setDashPattern( { 4, 3 } );
    pen.setCapStyle( Qt::FlatCap );
    curve->setPen( pen );
    curve->setRenderHint( QwtPlotItem::RenderAntialiased );
    curve->setSamples( QVector<QPointF> { QPointF( path.startYear, path.startValue ), QPointF( path.targetYear, path.target ) } );
    curve->setLegendAttribute( QwtPlotCurve::LegendShowLine );
    curve->setLegendIconSize( QSize( 18, 8 ) );
    curve->setItemAttribute( QwtPlotItem::Legend, !path.label.isEmpty() );
    legendEntries += path.label.isEmpty() ? 0 : 1;
    curve->setZ( 20 );
    curve->attach( plot );
  }
  for ( std::size_t i = 0; i < series.size(); ++i )
  {
    const YearSeries &s = series[i];
    const QColor colour = colourOr( s.colour, i );
    auto *curve = new QwtPlotCurve();
    curve->setTitle( plainText( s.label, fonts.text ) );
    curve->setPen( QPen( colour, lineWidth ) );
    curve->setRenderHint( QwtPlotItem::RenderAntialiased );
    const int dot = static_cast<int>( std::lround( chart.mm( 1.6 ) ) );
    curve->setSymbol( new QwtSymbol( QwtSymbol::Ellipse, QBrush( colour ), QPen( Qt::white, 0.6 ), QSize( dot, dot ) ) );
    QVector<QPointF> points;
    for ( const auto &[year, value] : s.values )
      points << QPointF( year, value );
    curve->setSamples( points );
    curve->setLegendAttribute( QwtPlotCurve::LegendShowLine );
    curve->setLegendAttribute( QwtPlotCurve::LegendShowSymbol );
    curve->setLegendIconSize( QSize( 18, 8 ) );
    curve->setItemAttribute( QwtPlotItem::Legend, !s.label.isEmpty() );
    legendEntries += s.label.isEmpty() ? 0 : 1;
    curve->setZ( 21 );
    curve->attach( plot );
  }

  // Whole years at the ticks, at most 8 of them; half a year of room at both
  // ends for the points.
  const int span = lastYear - firstYear;
  int yearStep = 1;
  for ( const int step : { 1, 2, 5, 10, 20, 50 } )
  {
    yearStep = step;
    if ( span / step <= 7 )
      break;
  }
  QList<double> yearTicks[QwtScaleDiv::NTickTypes];
  for ( int year = firstYear; year <= lastYear; year += yearStep )
    yearTicks[QwtScaleDiv::MajorTick] << year;
  setupAxis( *plot, QwtPlot::xBottom, new NumberScaleDraw(), QwtScaleDiv( firstYear - 0.4, lastYear + 0.4, yearTicks ) );
  const double maxValue = *std::max_element( values.begin(), values.end() );
  setupAxis( *plot, QwtPlot::yLeft, new NumberScaleDraw(), valueScaleDiv( maxValue, 5, allIntegral( values ) ) );
  addGrid( *plot, false, true );
  if ( legendEntries > 0 )
    plot->insertLegend( newLegend( fonts, std::min( legendEntries, 4 ) ), QwtPlot::BottomLegend );
  return chart.svg();
}

QByteArray stackedBarSvg( const QString &title, const std::vector<StackedBar> &bars, const std::vector<StackSegment> &segments,
                          const ChartStyle &style, BarDirection direction )
{
  Chart chart( title, style );
  const Fonts &fonts = chart.fonts;
  QwtPlot *plot = chart.plot.get();
  const std::size_t segmentCount = segments.size();
  const auto total = [segmentCount]( const StackedBar &bar ) {
    double sum = 0;
    for ( std::size_t i = 0; i < std::min( segmentCount, bar.values.size() ); ++i )
      sum += std::max( 0.0, bar.values[i] );
    return sum;
  };
  const bool empty = segmentCount == 0 || std::none_of( bars.begin(), bars.end(), [&]( const StackedBar &bar ) { return total( bar ) > 0; } );
  if ( empty )
  {
    showNoData( *plot, fonts );
    return chart.svg();
  }

  const bool horizontal = direction == BarDirection::Horizontal;
  const std::size_t n = bars.size();
  std::vector<QString> names( n );
  std::vector<double> positions, ends, values;
  std::vector<QString> labels;
  QVector<QwtSetSample> samples;
  for ( std::size_t i = 0; i < n; ++i )
  {
    // The first bar at the top (horizontal) or at the left (vertical).
    const std::size_t slot = horizontal ? n - 1 - i : i;
    const double position = static_cast<double>( slot );
    names[slot] = bars[i].label;
    QVector<double> set;
    for ( std::size_t k = 0; k < segmentCount; ++k )
    {
      const double v = k < bars[i].values.size() ? std::max( 0.0, bars[i].values[k] ) : 0.0;
      set << v;
      values.push_back( v );
    }
    samples << QwtSetSample( position, set );
    positions.push_back( position );
    ends.push_back( total( bars[i] ) );
    labels.push_back( formatValue( ends.back() ) );
  }

  auto *stack = new QwtPlotMultiBarChart();
  stack->setStyle( QwtPlotMultiBarChart::Stacked );
  stack->setOrientation( horizontal ? Qt::Horizontal : Qt::Vertical );
  stack->setLayoutPolicy( QwtPlotAbstractBarChart::ScaleSamplesToAxes );
  stack->setLayoutHint( 0.6 );
  QList<QwtText> titles;
  for ( std::size_t k = 0; k < segmentCount; ++k )
  {
    titles << plainText( segments[k].label, fonts.text );
    stack->setSymbol( static_cast<int>( k ), new BoxSymbol( colourOr( segments[k].colour, k ), QPen( Qt::white, 0.5 ) ) );
  }
  stack->setBarTitles( titles );
  stack->setLegendIconSize( QSize( 9, 9 ) );
  stack->setSamples( samples );
  stack->setZ( 20 );
  stack->attach( plot );

  const int categoryAxis = horizontal ? QwtPlot::yLeft : QwtPlot::xBottom;
  const int valueAxis = horizontal ? QwtPlot::xBottom : QwtPlot::yLeft;
  setupAxis( *plot, categoryAxis, new CategoryScaleDraw( names ), categoryScaleDiv( n ) );
  setupAxis( *plot, valueAxis, new NumberScaleDraw(), valueScaleDiv( 1, 6, true ) );
  addGrid( *plot, horizontal, !horizontal );
  addBaseline( *plot, horizontal );
  plot->insertLegend( newLegend( fonts, 1 ), QwtPlot::RightLegend );
  if ( !horizontal )
  {
    // Names wider than their bar's slot would run into each other: slant them.
    const QFontMetricsF metrics( fonts.text, plot );
    double widest = 0;
    for ( const QString &name : names )
      widest = std::max( widest, metrics.horizontalAdvance( name ) );
    if ( widest > 0.9 * canvasRectFor( *plot, chart.plotRect ).width() / static_cast<double>( n ) )
    {
      QwtScaleDraw *draw = plot->axisScaleDraw( QwtPlot::xBottom );
      draw->setLabelRotation( -35 );
      draw->setLabelAlignment( Qt::AlignLeft | Qt::AlignBottom );
    }
  }
  addEndLabels( *plot, chart.plotRect, fonts, horizontal, positions, ends, labels, allIntegral( values ) );
  return chart.svg();
}

} // namespace htsplan
