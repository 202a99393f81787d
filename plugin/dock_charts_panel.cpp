#include "plugin/dock_charts_panel.h"

#include "maps/charts.h"
#include "maps/export_font.h"
#include "maps/pack_charts.h"
#include "plugin/dock_common.h"

#include <QSvgWidget>
#include <QVBoxLayout>

namespace htsplan
{

namespace
{
//! A chart as an SVG widget of a fixed height (it scales to the dock's width).
QSvgWidget *chartWidget( QWidget *parent, const QString &objectName, int height )
{
  auto *w = new QSvgWidget( parent );
  w->setObjectName( objectName );
  w->setMinimumHeight( height );
  w->setMaximumHeight( height );
  return w;
}
} // namespace

DockChartsPanel::DockChartsPanel( QWidget *parent )
  : QWidget( parent )
{
  auto *chv = new QVBoxLayout( this );
  chv->setContentsMargins( 2, 2, 2, 2 );
  mTargetsChart = chartWidget( this, QStringLiteral( "htsplanChartTargets" ), 190 );
  mSectorsChart = chartWidget( this, QStringLiteral( "htsplanChartSectors" ), 190 );
  mYearsChart = chartWidget( this, QStringLiteral( "htsplanChartYears" ), 210 );
  chv->addWidget( mTargetsChart );
  chv->addWidget( mSectorsChart );
  chv->addWidget( mYearsChart );
  chv->addStretch( 1 );
}

void DockChartsPanel::fill( const Dashboard &d, const DashboardView &view, int city )
{
  const Metrics &m = d.metrics();
  const QString where = city >= 0 ? QString::fromStdString( m.cities[static_cast<size_t>( city )].nameZh ) : tr( "Shandong" );
  ChartStyle style;
  style.fontFamily = exportFontFamily();
  style.widthMm = 100;
  style.heightMm = 52;
  style.fontPt = 7;

  std::vector<PackTarget> targets;
  for ( const DashboardCard &card : view.cards )
  {
    PackTarget t;
    t.kind = card.kind;
    t.target = city >= 0 ? 0 : card.target; // a city has no target of its own (yet: issue 14)
    t.count = city >= 0 ? view.cities[static_cast<size_t>( city )].counts[static_cast<int>( card.kind )] : card.count;
    for ( const auto &[year, count] : d.countsByYear( card.kind, city ) )
      if ( year <= view.year )
        t.byYear[year] = count;
    targets.push_back( t );
  }
  mTargetsChart->load( targetsChartSvg( targets, style, city >= 0 ? tr( "%1: carriers in %2" ).arg( where ).arg( view.year )
                                                                 : tr( "Counted against the %1 targets, %2" ).arg( m.targetYear ).arg( view.year ) ) );

  std::vector<PackSector> sectors;
  for ( const SectorStats &s : m.sectors )
    if ( s.code != "unknown" )
      sectors.push_back( { s.code, s.nameZh, s.nameEn } );
  std::map<std::string, KindInts> bySector;
  std::vector<Kind> kinds;
  for ( const DashboardCard &card : view.cards )
  {
    kinds.push_back( card.kind );
    const std::vector<int> counts = d.sectorCounts( view.year, card.kind, city );
    for ( size_t s = 0; s < counts.size() && s < m.sectors.size(); ++s )
      bySector[m.sectors[s].code][static_cast<int>( card.kind )] = counts[s];
  }
  mSectorsChart->load( sectorsChartSvg( kinds, sectors, bySector, style, tr( "%1: carriers by sector, %2" ).arg( where ).arg( view.year ),
                                        tr( "other/unknown" ) ) );

  if ( city < 0 )
    mYearsChart->load( yearsChartSvg( targets, d.firstYear(), m.targetYear, style, tr( "Cumulative share of each target (%), to %1" ).arg( view.year ),
                                      tr( "straight path" ) ) );
  else
  {
    std::vector<YearSeries> series;
    for ( const PackTarget &t : targets )
    {
      YearSeries s{ kindShort( t.kind ), kindColour( t.kind ), {} };
      for ( const auto &[year, count] : t.byYear )
        s.values[year] = count;
      series.push_back( s );
    }
    mYearsChart->load( cumulativeByYearSvg( tr( "%1: carriers by year, to %2" ).arg( where ).arg( view.year ), series, {}, style ) );
  }
}

} // namespace htsplan
