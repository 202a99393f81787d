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
QColor kindColour( Kind kind )
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

PackChartFiles writePackCharts( const PackFigures &figures, const QString &dir )
{
  ChartStyle style;
  style.fontFamily = exportFontFamily();
  style.widthMm = 91; // the overview template's chart frames
  style.heightMm = 45;
  PackChartFiles files;

  std::vector<BarItem> bars;
  for ( const PackTarget &t : figures.targets )
    bars.push_back( { kindName( t.kind ), static_cast<double>( t.count ), static_cast<double>( t.target ), kindColour( t.kind ) } );
  files.targets = dir + QStringLiteral( "/targets.svg" );
  save( files.targets, countAgainstTargetSvg( QStringLiteral( "已认定与目标 Count against target" ), bars, style ) );

  // Progress as a share of each target, so that four kinds of different size share one axis.
  std::vector<YearSeries> series;
  std::vector<StraightPath> paths;
  for ( const PackTarget &t : figures.targets )
  {
    if ( t.target <= 0 )
      continue;
    YearSeries s{ kindName( t.kind ), kindColour( t.kind ), {} };
    for ( const auto &[year, count] : t.byYear )
      s.values[year] = 100.0 * count / t.target;
    series.push_back( s );
  }
  if ( figures.startYear > 0 && figures.targetYear > figures.startYear )
  {
    paths.push_back( { QStringLiteral( "直线路径 straight path" ), QColor( 0x55, 0x55, 0x55 ), figures.startYear, 0.0, figures.targetYear, 100.0 } );
  }
  files.years = dir + QStringLiteral( "/years.svg" );
  save( files.years, cumulativeByYearSvg( QStringLiteral( "累计完成率 Cumulative share of target (%)" ), series, paths, style ) );

  const std::map<std::string, QColor> palette = sectorColours();
  std::vector<StackSegment> segments;
  std::vector<std::string> codes;
  for ( const PackSector &s : figures.sectors )
  {
    const auto it = palette.find( s.code );
    segments.push_back( { QString::fromStdString( s.nameZh ), it != palette.end() ? it->second : QColor( 0x9e, 0x9e, 0x9e ) } );
    codes.push_back( s.code );
  }
  segments.push_back( { QStringLiteral( "其他/未知 other" ), QColor( 0x9e, 0x9e, 0x9e ) } );
  codes.push_back( "unknown" );
  ChartStyle cityStyle = style;
  cityStyle.widthMm = 126;
  cityStyle.heightMm = 44;
  for ( const PackCity &city : figures.cities )
  {
    std::vector<StackedBar> stacked;
    for ( const PackTarget &t : figures.targets )
    {
      StackedBar bar{ kindName( t.kind ), {} };
      for ( const std::string &code : codes )
      {
        const auto it = city.bySector.find( code );
        bar.values.push_back( it != city.bySector.end() ? it->second[static_cast<int>( t.kind )] : 0.0 );
      }
      stacked.push_back( bar );
    }
    const QString path = dir + QStringLiteral( "/city_" ) + QString::fromStdString( city.code ) + QStringLiteral( ".svg" );
    save( path, stackedBarSvg( QStringLiteral( "各类载体的领域构成 Carriers by kind and sector" ), stacked, segments, cityStyle ) );
    files.cities[city.code] = path;
  }
  return files;
}

} // namespace htsplan
