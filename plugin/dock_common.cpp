#include "plugin/dock_common.h"

#include <qgsmessagelog.h>
#include <qgsproviderregistry.h>
#include <qgsvectorlayer.h>

#include <QCoreApplication>
#include <QDoubleSpinBox>

namespace htsplan
{

NumberItem::NumberItem( double value, const QString &text )
  : QTableWidgetItem( text )
{
  setData( Qt::UserRole, value );
  setTextAlignment( Qt::AlignRight | Qt::AlignVCenter );
}

bool NumberItem::operator<( const QTableWidgetItem &other ) const
{
  return data( Qt::UserRole ).toDouble() < other.data( Qt::UserRole ).toDouble();
}

QTableWidgetItem *textItem( const QString &text, const QString &tip )
{
  auto *item = new QTableWidgetItem( text );
  if ( !tip.isEmpty() )
    item->setToolTip( tip );
  return item;
}

QString kindShort( Kind kind )
{
  switch ( kind )
  {
    case Kind::HightechZone:
      return QCoreApplication::translate( "htsplan::DashboardDock", "Zones" );
    case Kind::Base:
      return QCoreApplication::translate( "htsplan::DashboardDock", "Bases" );
    case Kind::Park:
      return QCoreApplication::translate( "htsplan::DashboardDock", "Parks" );
    case Kind::Building:
      return QCoreApplication::translate( "htsplan::DashboardDock", "Buildings" );
    case Kind::Enterprise:
      return QCoreApplication::translate( "htsplan::DashboardDock", "Enterprises" );
  }
  return QString();
}

QString kindLong( Kind kind )
{
  switch ( kind )
  {
    case Kind::HightechZone:
      return QCoreApplication::translate( "htsplan::DashboardDock", "High-tech zones" );
    case Kind::Base:
      return QCoreApplication::translate( "htsplan::DashboardDock", "High-tech service bases" );
    case Kind::Park:
      return QCoreApplication::translate( "htsplan::DashboardDock", "Specialized parks" );
    case Kind::Building:
      return QCoreApplication::translate( "htsplan::DashboardDock", "Themed buildings" );
    case Kind::Enterprise:
      return QCoreApplication::translate( "htsplan::DashboardDock", "Backbone enterprises" );
  }
  return QString();
}

QString paceText( PaceState state )
{
  switch ( state )
  {
    case PaceState::OnPace:
      return QCoreApplication::translate( "htsplan::DashboardDock", "on pace" );
    case PaceState::Behind:
      return QCoreApplication::translate( "htsplan::DashboardDock", "behind" );
    case PaceState::FarBehind:
      return QCoreApplication::translate( "htsplan::DashboardDock", "far behind" );
  }
  return QString();
}

QColor paceColour( PaceState state )
{
  switch ( state )
  {
    case PaceState::OnPace:
      return QColor( 0x2e, 0x7d, 0x32 );
    case PaceState::Behind:
      return QColor( 0xe0, 0x8e, 0x00 );
    case PaceState::FarBehind:
      return QColor( 0xc6, 0x28, 0x28 );
  }
  return Qt::gray;
}

QString percentText( double fraction )
{
  return QStringLiteral( "%1%" ).arg( fraction * 100.0, 0, 'f', 1 );
}

std::vector<Kind> targetKinds( const Metrics &m )
{
  std::vector<Kind> kinds;
  for ( const TargetProgress &t : m.targets )
    kinds.push_back( t.kind );
  return kinds;
}

std::optional<double> coverageOf( const DashboardUnit &unit, Kind kind )
{
  for ( const UnitCoverageShare &c : unit.coverage )
    if ( c.kind == kindKey( kind ) )
      return c.areaShare;
  return std::nullopt;
}

QDoubleSpinBox *spin( QWidget *parent, double value, double min, double max, int decimals, const QString &suffix )
{
  auto *box = new QDoubleSpinBox( parent );
  box->setRange( min, max );
  box->setDecimals( decimals );
  box->setValue( value );
  box->setSuffix( suffix );
  return box;
}

std::pair<QString, QString> ogrSource( const QgsVectorLayer &layer )
{
  const QVariantMap parts = QgsProviderRegistry::instance()->decodeUri( QStringLiteral( "ogr" ), layer.source() );
  return { parts.value( QStringLiteral( "path" ) ).toString(), parts.value( QStringLiteral( "layerName" ) ).toString() };
}

void guarded( const char *what, const std::function<void()> &work )
{
  try
  {
    work();
  }
  catch ( const std::exception &e )
  {
    QgsMessageLog::logMessage( QStringLiteral( "%1: %2" ).arg( QString::fromLatin1( what ), QString::fromStdString( e.what() ) ), QStringLiteral( "htsplan" ),
                               Qgis::MessageLevel::Critical );
  }
  catch ( ... )
  {
    QgsMessageLog::logMessage( QStringLiteral( "%1: unknown error" ).arg( QString::fromLatin1( what ) ), QStringLiteral( "htsplan" ), Qgis::MessageLevel::Critical );
  }
}

} // namespace htsplan
