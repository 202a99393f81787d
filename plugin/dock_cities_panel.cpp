#include "plugin/dock_cities_panel.h"

#include "plugin/dock_common.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace htsplan
{

namespace
{
void setUpTable( QTableWidget *table, int minimumHeight )
{
  table->setEditTriggers( QAbstractItemView::NoEditTriggers );
  table->setSelectionBehavior( QAbstractItemView::SelectRows );
  table->setSelectionMode( QAbstractItemView::SingleSelection );
  table->verticalHeader()->setVisible( false );
  table->horizontalHeader()->setSectionResizeMode( QHeaderView::ResizeToContents );
  table->sortByColumn( 0, Qt::AscendingOrder ); // the map's order (QHeaderView's default is descending)
  table->setSortingEnabled( true );
  table->setMinimumHeight( minimumHeight );
}
} // namespace

DockCitiesPanel::DockCitiesPanel( QWidget *parent )
  : QWidget( parent )
{
  auto *cv = new QVBoxLayout( this );
  cv->setContentsMargins( 2, 2, 2, 2 );
  auto *measureRow = new QHBoxLayout();
  mMeasureLabel = new QLabel( this );
  mMeasureLabel->setObjectName( QStringLiteral( "measureLabel" ) );
  measureRow->addWidget( mMeasureLabel );
  mMeasure = new QComboBox( this );
  mMeasure->setObjectName( QStringLiteral( "htsplanDashboardMeasure" ) );
  connect( mMeasure, qOverload<int>( &QComboBox::currentIndexChanged ), this, &DockCitiesPanel::measureChanged );
  measureRow->addWidget( mMeasure, 1 );
  cv->addLayout( measureRow );
  mCities = new QTableWidget( 0, 12, this );
  mCities->setObjectName( QStringLiteral( "htsplanDashboardCities" ) );
  setUpTable( mCities, 240 );
  connect( mCities, &QTableWidget::itemSelectionChanged, this, [this] { guarded( "dashboard city", [this] {
    if ( mFilling || !mData )
      return;
    fillCounties( mData->dashboard->view( mYear ) );
    emit citySelected( selectedCity() );
  } ); } );
  cv->addWidget( mCities, 3 );
  mCountiesTitle = new QLabel( this );
  mCountiesTitle->setObjectName( QStringLiteral( "htsplanDashboardCountiesTitle" ) );
  cv->addWidget( mCountiesTitle );
  mCounties = new QTableWidget( 0, 7, this );
  mCounties->setObjectName( QStringLiteral( "htsplanDashboardCounties" ) );
  setUpTable( mCounties, 160 );
  connect( mCounties, &QTableWidget::itemSelectionChanged, this, [this] { guarded( "dashboard county", [this] {
    if ( mFilling || !mData )
      return;
    const QList<QTableWidgetItem *> items = mCounties->selectedItems();
    if ( items.isEmpty() )
      return;
    const int county = mCounties->item( items.first()->row(), 0 )->data( CITY_ROLE ).toInt();
    if ( county >= 0 && county < static_cast<int>( mData->countyExtents.size() ) )
      emit countySelected( county );
  } ); } );
  cv->addWidget( mCounties, 2 );
}

void DockCitiesPanel::retranslate()
{
  mMeasureLabel->setText( tr( "Share, density and coverage of:" ) );
  mCities->setHorizontalHeaderLabels( { tr( "City" ), QString(), QString(), QString(), QString(), tr( "Share" ), tr( "per 10k km²" ), tr( "per million" ),
                                        tr( "Coverage" ), tr( "Blue" ), tr( "Central" ), tr( "Behind pace" ) } );
  mCounties->setHorizontalHeaderLabels( { tr( "County" ), QString(), QString(), QString(), QString(), tr( "per 10k km²" ), tr( "Coverage" ) } );
}

void DockCitiesPanel::setData( std::shared_ptr<const DashboardData> loaded )
{
  mData = std::move( loaded );
  // The measure choice: the kinds the targets count.
  const int measure = mMeasure->currentIndex();
  mMeasure->blockSignals( true );
  mMeasure->clear();
  for ( Kind kind : targetKinds( mData->dashboard->metrics() ) )
    mMeasure->addItem( kindLong( kind ), static_cast<int>( kind ) );
  mMeasure->setCurrentIndex( measure >= 0 && measure < mMeasure->count() ? measure : std::min( 1, mMeasure->count() - 1 ) );
  mMeasure->blockSignals( false );
}

void DockCitiesPanel::fill( const DashboardView &view )
{
  mYear = view.year;
  fillCities( view );
  fillCounties( view );
}

int DockCitiesPanel::selectedCity() const
{
  const QList<QTableWidgetItem *> items = mCities->selectedItems();
  if ( items.isEmpty() )
    return -1;
  const QTableWidgetItem *first = mCities->item( items.first()->row(), 0 );
  return first ? first->data( CITY_ROLE ).toInt() : -1;
}

void DockCitiesPanel::fillCities( const DashboardView &view )
{
  const Metrics &m = mData->dashboard->metrics();
  const std::vector<Kind> kinds = targetKinds( m );
  const Kind measure = static_cast<Kind>( mMeasure->currentData().toInt() );
  const int selected = selectedCity();
  mFilling = true;
  mCities->setSortingEnabled( false );
  mCities->clearContents();
  mCities->setRowCount( static_cast<int>( m.cities.size() ) );
  QStringList headers = { tr( "City" ) };
  for ( size_t k = 0; k < 4; ++k )
    headers << ( k < kinds.size() ? kindShort( kinds[k] ) : QString() );
  headers << tr( "Share" ) << tr( "per 10k km²" ) << tr( "per million" ) << tr( "Coverage" ) << tr( "Blue" ) << tr( "Central" ) << tr( "Behind pace" );
  mCities->setHorizontalHeaderLabels( headers );
  const int measureIndex = static_cast<int>( measure );
  for ( size_t i = 0; i < m.cities.size() && i < view.cities.size(); ++i )
  {
    const UnitStats &city = m.cities[i];
    const DashboardUnit &u = view.cities[i];
    const int row = static_cast<int>( i );
    // Sorted by name, the cities keep the map's order (by code), not the code points of their names.
    auto *name = new NumberItem( row, QString::fromStdString( city.nameZh ) );
    name->setTextAlignment( Qt::AlignLeft | Qt::AlignVCenter );
    name->setToolTip( QStringLiteral( "%1 · %2" ).arg( QString::fromStdString( city.nameEn ), QString::fromStdString( city.code ) ) );
    name->setData( CITY_ROLE, row );
    mCities->setItem( row, 0, name );
    for ( size_t k = 0; k < 4; ++k )
    {
      const int count = k < kinds.size() ? u.counts[static_cast<int>( kinds[k] )] : 0;
      mCities->setItem( row, static_cast<int>( 1 + k ), new NumberItem( count, k < kinds.size() ? QString::number( count ) : QString() ) );
    }
    mCities->setItem( row, 5, new NumberItem( u.shareOfProvince[measureIndex], percentText( u.shareOfProvince[measureIndex] ) ) );
    mCities->setItem( row, 6, new NumberItem( u.per10kKm2[measureIndex], QString::number( u.per10kKm2[measureIndex], 'f', 2 ) ) );
    const std::optional<double> perMillion = u.perMillion[measureIndex];
    mCities->setItem( row, 7, new NumberItem( perMillion.value_or( -1 ), perMillion ? QString::number( *perMillion, 'f', 2 ) : QStringLiteral( "—" ) ) );
    const std::optional<double> cover = coverageOf( u, measure );
    mCities->setItem( row, 8, new NumberItem( cover.value_or( -1 ), cover ? percentText( *cover ) : QStringLiteral( "—" ) ) );
    const std::string blue = i < mData->cityBlueZone.size() ? mData->cityBlueZone[i] : std::string();
    mCities->setItem( row, 9, textItem( blue == "full" ? QStringLiteral( "●" ) : ( blue == "partial" ? QStringLiteral( "◐" ) : QString() ),
                                        blue == "full" ? tr( "In the Blue Economic Zone" ) : ( blue == "partial" ? tr( "Partly in the Blue Economic Zone" ) : QString() ) ) );
    const bool central = mData->centralCities.count( city.code ) > 0;
    mCities->setItem( row, 10, textItem( central ? QStringLiteral( "★" ) : QString(), central ? tr( "Central city" ) : QString() ) );
    QStringList behind;
    for ( Kind kind : u.behindKinds )
      behind << kindShort( kind );
    auto *flag = new NumberItem( static_cast<double>( behind.size() ), behind.isEmpty() ? QString() : QStringLiteral( "⚑ " ) + behind.join( QStringLiteral( ", " ) ) );
    flag->setTextAlignment( Qt::AlignLeft | Qt::AlignVCenter );
    if ( !behind.isEmpty() )
    {
      flag->setForeground( QColor( 0xc6, 0x28, 0x28 ) );
      flag->setToolTip( tr( "Below its straight path to its share of the province's target (split as in the Split targets tab) in: %1" ).arg( behind.join( QStringLiteral( ", " ) ) ) );
    }
    mCities->setItem( row, 11, flag );
  }
  mCities->setSortingEnabled( true );
  if ( selected >= 0 )
    for ( int row = 0; row < mCities->rowCount(); ++row )
      if ( mCities->item( row, 0 ) && mCities->item( row, 0 )->data( CITY_ROLE ).toInt() == selected )
        mCities->selectRow( row );
  mFilling = false;
}

void DockCitiesPanel::fillCounties( const DashboardView &view )
{
  const Metrics &m = mData->dashboard->metrics();
  const std::vector<Kind> kinds = targetKinds( m );
  const Kind measure = static_cast<Kind>( mMeasure->currentData().toInt() );
  const int city = selectedCity();
  mFilling = true;
  mCounties->setSortingEnabled( false );
  mCounties->clearContents();
  mCounties->setRowCount( 0 );
  QStringList headers = { tr( "County" ) };
  for ( size_t k = 0; k < 4; ++k )
    headers << ( k < kinds.size() ? kindShort( kinds[k] ) : QString() );
  headers << tr( "per 10k km²" ) << tr( "Coverage" );
  mCounties->setHorizontalHeaderLabels( headers );
  if ( city < 0 )
  {
    mCountiesTitle->setText( tr( "Select a city to see its counties." ) );
    mCounties->setSortingEnabled( true );
    mFilling = false;
    return;
  }
  const UnitStats &c = m.cities[static_cast<size_t>( city )];
  mCountiesTitle->setText( tr( "Counties of %1" ).arg( QString::fromStdString( c.nameZh ) ) );
  for ( size_t i = 0; i < m.counties.size() && i < view.counties.size(); ++i )
  {
    if ( m.counties[i].cityCode != c.code )
      continue;
    const DashboardUnit &u = view.counties[i];
    const int row = mCounties->rowCount();
    mCounties->insertRow( row );
    auto *name = new NumberItem( static_cast<double>( i ), QString::fromStdString( m.counties[i].nameZh ) );
    name->setTextAlignment( Qt::AlignLeft | Qt::AlignVCenter );
    name->setToolTip( QStringLiteral( "%1 · %2" ).arg( QString::fromStdString( m.counties[i].nameEn ), QString::fromStdString( m.counties[i].code ) ) );
    name->setData( CITY_ROLE, static_cast<int>( i ) );
    mCounties->setItem( row, 0, name );
    for ( size_t k = 0; k < 4; ++k )
    {
      const int count = k < kinds.size() ? u.counts[static_cast<int>( kinds[k] )] : 0;
      mCounties->setItem( row, static_cast<int>( 1 + k ), new NumberItem( count, k < kinds.size() ? QString::number( count ) : QString() ) );
    }
    const int mi = static_cast<int>( measure );
    mCounties->setItem( row, 5, new NumberItem( u.per10kKm2[mi], QString::number( u.per10kKm2[mi], 'f', 2 ) ) );
    const std::optional<double> cover = coverageOf( u, measure );
    mCounties->setItem( row, 6, new NumberItem( cover.value_or( -1 ), cover ? percentText( *cover ) : QStringLiteral( "—" ) ) );
  }
  mCounties->setSortingEnabled( true );
  mFilling = false;
}

} // namespace htsplan
