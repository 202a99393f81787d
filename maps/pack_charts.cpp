#include "maps/pack_charts.h"

#include "layers/paths.h"
#include "layers/problems.h"
#include "maps/charts.h"
#include "maps/export_font.h"

#include <qgscategorizedsymbolrenderer.h>
#include <qgssymbol.h>
#include <qgsvectorlayer.h>

#include <QFile>
#include <QSaveFile>

namespace htsplan
{

namespace
{
//! The sector colours of the map (styles/parks.qml), so that a chart's red is the map's red.
std::map<std::string, QColor> sectorColours()
{
  std::map<std::string, QColor> colours;
  QgsVectorLayer layer( QStringLiteral( "Point?field=sector:string" ), QStringLiteral( "palette" ), QStringLiteral( "memory" ) );
  bool ok = false;
  layer.loadNamedStyle( QString::fromStdString( stylesDir() ) + QStringLiteral( "/parks.qml" ), ok );
  if ( auto *renderer = dynamic_cast<QgsCategorizedSymbolRenderer *>( layer.renderer() ) )
    for ( const QgsRendererCategory &category : renderer->categories() )
      if ( category.symbol() )
        colours[category.value().toString().toStdString()] = category.symbol()->color();
  return colours;
}

//! One colour per kind, the kinds' order in every chart.
QColor colourOf( Kind kind )
{
  switch ( kind )
  {
    case Kind::HightechZone:
      return QColor( 0x7f, 0x7f, 0x7f );
    case Kind::Base:
      return QColor( 0xc0, 0x39, 0x2b );
    case Kind::Park:
      return QColor( 0x2e, 0x5c, 0x8a );
    case Kind::Building:
      return QColor( 0x27, 0xae, 0x60 );
    case Kind::Enterprise:
      return QColor( 0xe6, 0x7e, 0x22 );
  }
  return Qt::gray;
}

QString kindName( Kind kind )
{
  return QString::fromUtf8( kindLabelZh( kind ) );
}

void save( const QString &path, const QByteArray &svg )
{
  QSaveFile file( path );
  if ( !file.open( QIODevice::WriteOnly ) || file.write( svg ) != svg.size() || !file.commit() )
    throw OutputError( "cannot write the chart " + path.toStdString() + " (" + file.errorString().toStdString() + ")" );
}
} // namespace

QColor kindColour( Kind kind )
{
  return colourOf( kind );
}

QByteArray targetsChartSvg( const std::vector<PackTarget> &targets, const ChartStyle &style, const QString &title )
{
  std::vector<BarItem> bars;
  for ( const PackTarget &t : targets )
    bars.push_back( { kindName( t.kind ), static_cast<double>( t.count ), static_cast<double>( t.target ), colourOf( t.kind ) } );
  return countAgainstTargetSvg( title.isEmpty() ? QStringLiteral( "已认定与目标 Count against target" ) : title, bars, style );
}

QByteArray yearsChartSvg( const std::vector<PackTarget> &targets, int startYear, int targetYear, const ChartStyle &style, const QString &title,
                          const QString &pathLabel )
{
  // Progress as a share of each target, so that four kinds of different size share one axis.
  std::vector<YearSeries> series;
  std::vector<StraightPath> paths;
  for ( const PackTarget &t : targets )
  {
    if ( t.target <= 0 )
      continue;
    YearSeries s{ kindName( t.kind ), colourOf( t.kind ), {} };
    for ( const auto &[year, count] : t.byYear )
      s.values[year] = 100.0 * count / t.target;
    series.push_back( s );
  }
  if ( startYear > 0 && targetYear > startYear )
    paths.push_back( { pathLabel.isEmpty() ? QStringLiteral( "直线路径 straight path" ) : pathLabel, QColor( 0x55, 0x55, 0x55 ), startYear, 0.0, targetYear, 100.0 } );
  return cumulativeByYearSvg( title.isEmpty() ? QStringLiteral( "累计完成率 Cumulative share of target (%)" ) : title, series, paths, style );
}

QByteArray sectorsChartSvg( const std::vector<Kind> &kinds, const std::vector<PackSector> &sectors, const std::map<std::string, KindInts> &bySector,
                            const ChartStyle &style, const QString &title, const QString &otherLabel )
{
  static const std::map<std::string, QColor> palette = sectorColours();
  std::vector<StackSegment> segments;
  std::vector<std::string> codes;
  for ( const PackSector &s : sectors )
  {
    const auto it = palette.find( s.code );
    segments.push_back( { QString::fromStdString( s.nameZh ), it != palette.end() ? it->second : QColor( 0x9e, 0x9e, 0x9e ) } );
    codes.push_back( s.code );
  }
  segments.push_back( { otherLabel.isEmpty() ? QStringLiteral( "其他/未知 other" ) : otherLabel, QColor( 0x9e, 0x9e, 0x9e ) } );
  codes.push_back( "unknown" );
  std::vector<StackedBar> stacked;
  for ( Kind kind : kinds )
  {
    StackedBar bar{ kindName( kind ), {} };
    for ( const std::string &code : codes )
    {
      const auto it = bySector.find( code );
      bar.values.push_back( it != bySector.end() ? it->second[static_cast<int>( kind )] : 0.0 );
    }
    stacked.push_back( bar );
  }
  return stackedBarSvg( title.isEmpty() ? QStringLiteral( "各类载体的领域构成 Carriers by kind and sector" ) : title, stacked, segments, style );
}

PackChartFiles writePackCharts( const PackFigures &figures, const QString &dir )
{
  ChartStyle style;
  style.fontFamily = exportFontFamily();
  style.widthMm = 91; // the overview template's chart frames
  style.heightMm = 45;
  PackChartFiles files;
  files.targets = dir + QStringLiteral( "/targets.svg" );
  save( files.targets, targetsChartSvg( figures.targets, style ) );
  files.years = dir + QStringLiteral( "/years.svg" );
  save( files.years, yearsChartSvg( figures.targets, figures.startYear, figures.targetYear, style ) );

  ChartStyle cityStyle = style;
  cityStyle.widthMm = 126;
  cityStyle.heightMm = 44;
  std::vector<Kind> kinds;
  for ( const PackTarget &t : figures.targets )
    kinds.push_back( t.kind );
  for ( const PackCity &city : figures.cities )
  {
    const QString path = dir + QStringLiteral( "/city_" ) + QString::fromStdString( city.code ) + QStringLiteral( ".svg" );
    save( path, sectorsChartSvg( kinds, figures.sectors, city.bySector, cityStyle ) );
    files.cities[city.code] = path;
  }
  return files;
}

} // namespace htsplan
