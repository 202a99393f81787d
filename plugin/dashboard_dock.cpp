#include "plugin/dashboard_dock.h"

#include "layers/paths.h"
#include "layers/schema.h"
#include "maps/charts.h"
#include "maps/export_font.h"
#include "maps/pack_charts.h"
#include "plugin/language.h"
#include "plugin/statistic_summary.h"
#include "planning/defaults.h"

#include <qgisinterface.h>
#include <qgsapplication.h>
#include <qgscoordinatetransform.h>
#include <qgsfeature.h>
#include <qgsfeatureiterator.h>
#include <qgsgeometry.h>
#include <qgsmapcanvas.h>
#include <qgsmessagelog.h>
#include <qgsproject.h>
#include <qgsproviderregistry.h>
#include <qgsvectorlayer.h>

#include <QCheckBox>
#include <QColor>
#include <QDomDocument>
#include <QCoreApplication>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QRegularExpression>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QSvgWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <cmath>

namespace htsplan
{

namespace
{
const int CITY_ROLE = Qt::UserRole + 1;

//! A table cell that sorts by the number it holds, not by its text.
class NumberItem : public QTableWidgetItem
{
  public:
    NumberItem( double value, const QString &text )
      : QTableWidgetItem( text )
    {
      setData( Qt::UserRole, value );
      setTextAlignment( Qt::AlignRight | Qt::AlignVCenter );
    }
    bool operator<( const QTableWidgetItem &other ) const override
    {
      return data( Qt::UserRole ).toDouble() < other.data( Qt::UserRole ).toDouble();
    }
};

QTableWidgetItem *textItem( const QString &text, const QString &tip = QString() )
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

//! The kinds the targets count, in their order.
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

//! A chart as an SVG widget of a fixed height (it scales to the dock's width).
QSvgWidget *chartWidget( QWidget *parent, const QString &objectName, int height )
{
  auto *w = new QSvgWidget( parent );
  w->setObjectName( objectName );
  w->setMinimumHeight( height );
  w->setMaximumHeight( height );
  return w;
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

//! The path and layer name of an OGR layer's source.
std::pair<QString, QString> ogrSource( const QgsVectorLayer &layer )
{
  const QVariantMap parts = QgsProviderRegistry::instance()->decodeUri( QStringLiteral( "ogr" ), layer.source() );
  return { parts.value( QStringLiteral( "path" ) ).toString(), parts.value( QStringLiteral( "layerName" ) ).toString() };
}

/**
 * Runs a slot's work: nothing may escape into QGIS's event loop (a C++
 * exception there ends the planner's session); a failure goes to the log.
 */
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
} // namespace

DashboardDock::DashboardDock( QgisInterface *iface, QWidget *parent )
  : QgsDockWidget( parent )
  , mIface( iface )
{
  setObjectName( QStringLiteral( "htsplanDashboardDock" ) );
  build();
  retranslate();
  showStatus( tr( "No data loaded yet." ) );
  // A saved project keeps the planner's own layer filters, not the dock's year filter: the
  // dock sets that again when the project is opened (and without the plugin the layers are whole).
  connect( QgsProject::instance(), &QgsProject::writeMapLayer, this, [this]( QgsMapLayer *layer, QDomElement &element, QDomDocument &doc ) {
    if ( !layer || !mOriginalFilters.contains( layer->id() ) )
      return;
    QDomElement source = element.firstChildElement( QStringLiteral( "datasource" ) );
    QString text = source.text();
    const int subset = text.indexOf( QLatin1String( "|subset=" ) );
    if ( subset >= 0 )
      text.truncate( subset );
    if ( !mOriginalFilters.value( layer->id() ).isEmpty() )
      text += QStringLiteral( "|subset=" ) + mOriginalFilters.value( layer->id() );
    while ( source.hasChildNodes() )
      source.removeChild( source.firstChild() );
    source.appendChild( doc.createTextNode( text ) );
  } );
}

DashboardDock::~DashboardDock() = default;

void DashboardDock::build()
{
  auto *scroll = new QScrollArea( this );
  scroll->setWidgetResizable( true );
  scroll->setFrameShape( QFrame::NoFrame );
  auto *content = new QWidget( scroll );
  auto *layout = new QVBoxLayout( content );
  layout->setContentsMargins( 4, 4, 4, 4 );

  // Status, reload, sources.
  auto *top = new QHBoxLayout();
  mStatus = new QLabel( content );
  mStatus->setObjectName( QStringLiteral( "htsplanDashboardStatus" ) );
  mStatus->setWordWrap( true );
  mStatus->setTextInteractionFlags( Qt::TextSelectableByMouse );
  top->addWidget( mStatus, 1 );
  mCancel = new QPushButton( content );
  mCancel->setObjectName( QStringLiteral( "htsplanDashboardCancel" ) );
  mCancel->hide();
  connect( mCancel, &QPushButton::clicked, this, &DashboardDock::cancelRequested );
  top->addWidget( mCancel );
  mReload = new QToolButton( content );
  mReload->setObjectName( QStringLiteral( "htsplanDashboardReload" ) );
  mReload->setIcon( QgsApplication::getThemeIcon( QStringLiteral( "/mActionRefresh.svg" ) ) );
  connect( mReload, &QToolButton::clicked, this, [this] { emit loadRequested( mState ); } );
  top->addWidget( mReload );
  mSources = new QToolButton( content );
  mSources->setObjectName( QStringLiteral( "htsplanDashboardSources" ) );
  mSources->setIcon( QgsApplication::getThemeIcon( QStringLiteral( "/mActionOptions.svg" ) ) );
  connect( mSources, &QToolButton::clicked, this, &DashboardDock::editSources );
  top->addWidget( mSources );
  // The plugin's language, switched here (remembered; QGIS's own stays as it is).
  mLanguage = new QComboBox( content );
  mLanguage->setObjectName( QStringLiteral( "htsplanDashboardLanguage" ) );
  mLanguage->addItem( QStringLiteral( "中文" ), static_cast<int>( Language::Chinese ) );
  mLanguage->addItem( QStringLiteral( "EN" ), static_cast<int>( Language::English ) );
  if ( PluginLanguage *language = PluginLanguage::current() )
  {
    mLanguage->setCurrentIndex( language->language() == Language::Chinese ? 0 : 1 );
    connect( language, &PluginLanguage::languageChanged, this, [this]( Language now ) {
      mLanguage->blockSignals( true );
      mLanguage->setCurrentIndex( now == Language::Chinese ? 0 : 1 );
      mLanguage->blockSignals( false );
      retranslate();
    } );
  }
  connect( mLanguage, qOverload<int>( &QComboBox::currentIndexChanged ), this, [this] {
    if ( PluginLanguage *language = PluginLanguage::current() )
      language->setLanguage( static_cast<Language>( mLanguage->currentData().toInt() ) );
  } );
  top->addWidget( mLanguage );
  layout->addLayout( top );
  mEditNote = new QLabel( content );
  mEditNote->setObjectName( QStringLiteral( "htsplanDashboardEditNote" ) );
  mEditNote->setWordWrap( true );
  mEditNote->setStyleSheet( QStringLiteral( "color: #b35900;" ) );
  mEditNote->hide();
  layout->addWidget( mEditNote );

  // The target cards, two by two.
  auto *cards = new QGridLayout();
  for ( size_t i = 0; i < mCards.size(); ++i )
  {
    Card &c = mCards[i];
    auto *frame = new QFrame( content );
    frame->setObjectName( QStringLiteral( "htsplanCard%1" ).arg( i ) );
    frame->setFrameShape( QFrame::StyledPanel );
    auto *v = new QVBoxLayout( frame );
    v->setContentsMargins( 6, 4, 6, 4 );
    v->setSpacing( 2 );
    c.frame = frame;
    c.title = new QLabel( frame );
    c.title->setObjectName( QStringLiteral( "title" ) );
    c.figure = new QLabel( frame );
    c.figure->setObjectName( QStringLiteral( "figure" ) );
    QFont big = c.figure->font();
    big.setPointSizeF( big.pointSizeF() * 1.5 );
    big.setBold( true );
    c.figure->setFont( big );
    c.bar = new QProgressBar( frame );
    c.bar->setObjectName( QStringLiteral( "bar" ) );
    c.bar->setTextVisible( false );
    c.bar->setMaximumHeight( 8 );
    c.detail = new QLabel( frame );
    c.detail->setObjectName( QStringLiteral( "detail" ) );
    c.detail->setWordWrap( true );
    v->addWidget( c.title );
    v->addWidget( c.figure );
    v->addWidget( c.bar );
    v->addWidget( c.detail );
    cards->addWidget( frame, static_cast<int>( i / 2 ), static_cast<int>( i % 2 ) );
  }
  layout->addLayout( cards );

  // The year.
  auto *years = new QHBoxLayout();
  mPlay = new QToolButton( content );
  mPlay->setObjectName( QStringLiteral( "htsplanDashboardPlay" ) );
  mPlay->setCheckable( true );
  mPlay->setIcon( QgsApplication::getThemeIcon( QStringLiteral( "/mActionPlay.svg" ) ) );
  years->addWidget( mPlay );
  mSlider = new QSlider( Qt::Horizontal, content );
  mSlider->setObjectName( QStringLiteral( "htsplanDashboardYear" ) );
  mSlider->setTickPosition( QSlider::TicksBelow );
  mSlider->setTickInterval( 1 );
  mSlider->setPageStep( 1 );
  mSlider->setEnabled( false );
  years->addWidget( mSlider, 1 );
  mYearLabel = new QLabel( content );
  mYearLabel->setObjectName( QStringLiteral( "htsplanDashboardYearLabel" ) );
  QFont yearFont = mYearLabel->font();
  yearFont.setBold( true );
  mYearLabel->setFont( yearFont );
  mYearLabel->setMinimumWidth( mYearLabel->fontMetrics().horizontalAdvance( QStringLiteral( "20200" ) ) );
  years->addWidget( mYearLabel );
  layout->addLayout( years );
  mFilterMap = new QCheckBox( content );
  mFilterMap->setObjectName( QStringLiteral( "htsplanDashboardFilterMap" ) );
  mFilterMap->setChecked( true );
  layout->addWidget( mFilterMap );

  mPlayTimer = new QTimer( this );
  mPlayTimer->setInterval( 900 );
  connect( mPlayTimer, &QTimer::timeout, this, [this] {
    if ( !mData || mYear >= mData->dashboard->lastYear() )
    {
      mPlay->setChecked( false );
      return;
    }
    setYear( mYear + 1 );
  } );
  connect( mPlay, &QToolButton::toggled, this, [this]( bool on ) {
    if ( on && mData && mYear >= mData->dashboard->lastYear() )
      setYear( mData->dashboard->firstYear() );
    on ? mPlayTimer->start() : mPlayTimer->stop();
    mPlay->setIcon( QgsApplication::getThemeIcon( on ? QStringLiteral( "/mActionPause.svg" ) : QStringLiteral( "/mActionPlay.svg" ) ) );
  } );
  connect( mSlider, &QSlider::valueChanged, this, [this]( int value ) {
    if ( value != mYear )
      setYear( value );
  } );
  // The map follows once the slider rests: filtering a big layer makes QGIS recount it.
  mFilterTimer = new QTimer( this );
  mFilterTimer->setSingleShot( true );
  mFilterTimer->setInterval( 250 );
  connect( mFilterTimer, &QTimer::timeout, this, &DashboardDock::applyMapFilter );
  connect( mFilterMap, &QCheckBox::toggled, this, [this] {
    mState.filterMapByYear = mFilterMap->isChecked();
    applyMapFilter();
    emit stateChanged();
  } );

  mTabs = new QTabWidget( content );
  mTabs->setObjectName( QStringLiteral( "htsplanDashboardTabs" ) );

  // Cities, and the counties of the selected one.
  auto *citiesPage = new QWidget( mTabs );
  auto *cv = new QVBoxLayout( citiesPage );
  cv->setContentsMargins( 2, 2, 2, 2 );
  auto *measureRow = new QHBoxLayout();
  auto *measureLabel = new QLabel( citiesPage );
  measureLabel->setObjectName( QStringLiteral( "measureLabel" ) );
  measureRow->addWidget( measureLabel );
  mMeasure = new QComboBox( citiesPage );
  mMeasure->setObjectName( QStringLiteral( "htsplanDashboardMeasure" ) );
  connect( mMeasure, qOverload<int>( &QComboBox::currentIndexChanged ), this, [this] { showYear(); } );
  measureRow->addWidget( mMeasure, 1 );
  cv->addLayout( measureRow );
  mCities = new QTableWidget( 0, 12, citiesPage );
  mCities->setObjectName( QStringLiteral( "htsplanDashboardCities" ) );
  mCities->setEditTriggers( QAbstractItemView::NoEditTriggers );
  mCities->setSelectionBehavior( QAbstractItemView::SelectRows );
  mCities->setSelectionMode( QAbstractItemView::SingleSelection );
  mCities->verticalHeader()->setVisible( false );
  mCities->horizontalHeader()->setSectionResizeMode( QHeaderView::ResizeToContents );
  mCities->sortByColumn( 0, Qt::AscendingOrder ); // the map's order (QHeaderView's default is descending)
  mCities->setSortingEnabled( true );
  mCities->setMinimumHeight( 240 );
  connect( mCities, &QTableWidget::itemSelectionChanged, this, [this] { guarded( "dashboard city", [this] {
    if ( mFilling )
      return;
    const int city = selectedCity();
    if ( !mData )
      return;
    fillCounties( mData->dashboard->view( mYear ) );
    fillCharts( mData->dashboard->view( mYear ) );
    if ( city >= 0 )
      selectCity( city );
  } ); } );
  cv->addWidget( mCities, 3 );
  mCountiesTitle = new QLabel( citiesPage );
  mCountiesTitle->setObjectName( QStringLiteral( "htsplanDashboardCountiesTitle" ) );
  cv->addWidget( mCountiesTitle );
  mCounties = new QTableWidget( 0, 7, citiesPage );
  mCounties->setObjectName( QStringLiteral( "htsplanDashboardCounties" ) );
  mCounties->setEditTriggers( QAbstractItemView::NoEditTriggers );
  mCounties->setSelectionBehavior( QAbstractItemView::SelectRows );
  mCounties->setSelectionMode( QAbstractItemView::SingleSelection );
  mCounties->verticalHeader()->setVisible( false );
  mCounties->horizontalHeader()->setSectionResizeMode( QHeaderView::ResizeToContents );
  mCounties->sortByColumn( 0, Qt::AscendingOrder );
  mCounties->setSortingEnabled( true );
  mCounties->setMinimumHeight( 160 );
  connect( mCounties, &QTableWidget::itemSelectionChanged, this, [this] { guarded( "dashboard county", [this] {
    if ( mFilling || !mData )
      return;
    const QList<QTableWidgetItem *> items = mCounties->selectedItems();
    if ( items.isEmpty() )
      return;
    const int county = mCounties->item( items.first()->row(), 0 )->data( CITY_ROLE ).toInt();
    if ( county >= 0 && county < static_cast<int>( mData->countyExtents.size() ) )
    {
      zoomTo( mData->countyExtents[static_cast<size_t>( county )] );
      selectFacilities( [county]( int c ) { return c == county; } );
    }
  } ); } );
  cv->addWidget( mCounties, 2 );
  mTabs->addTab( citiesPage, QString() );

  // Charts: they follow the year and the selected city.
  auto *chartsPage = new QWidget( mTabs );
  auto *chv = new QVBoxLayout( chartsPage );
  chv->setContentsMargins( 2, 2, 2, 2 );
  mTargetsChart = chartWidget( chartsPage, QStringLiteral( "htsplanChartTargets" ), 190 );
  mSectorsChart = chartWidget( chartsPage, QStringLiteral( "htsplanChartSectors" ), 190 );
  mYearsChart = chartWidget( chartsPage, QStringLiteral( "htsplanChartYears" ), 210 );
  chv->addWidget( mTargetsChart );
  chv->addWidget( mSectorsChart );
  chv->addWidget( mYearsChart );
  chv->addStretch( 1 );
  mTabs->addTab( chartsPage, QString() );

  // Analyses, run as Processing algorithms in the background; results in "htsplan results".
  auto *analysesPage = new QWidget( mTabs );
  auto *form = new QFormLayout( analysesPage );
  mCarriers = new QComboBox( analysesPage );
  mCarriers->setObjectName( QStringLiteral( "htsplanAnalysisLayer" ) );
  form->addRow( QStringLiteral( "carriers" ), mCarriers );
  auto analysisRow = [&]( const QString &id, const QString &objectName, const QList<QWidget *> &options ) {
    auto *row = new QWidget( analysesPage );
    auto *h = new QHBoxLayout( row );
    h->setContentsMargins( 0, 0, 0, 0 );
    for ( QWidget *option : options )
      h->addWidget( option );
    auto *run = new QPushButton( row );
    run->setObjectName( objectName );
    run->setIcon( QgsApplication::getThemeIcon( QStringLiteral( "/mActionStart.svg" ) ) );
    connect( run, &QPushButton::clicked, this, [this, id] { runAnalysis( id ); } );
    h->addWidget( run );
    form->addRow( id, row );
  };
  mKdeRadius = spin( analysesPage, DEFAULT_KDE_RADIUS_M / 1000.0, 0.5, 200, 1, QStringLiteral( " km" ) );
  mKdePixel = spin( analysesPage, DEFAULT_KDE_PIXEL_M, 50, 10000, 0, QStringLiteral( " m" ) );
  analysisRow( QStringLiteral( "htsplan:kde" ), QStringLiteral( "htsplanRunKde" ), { mKdeRadius, mKdePixel } );
  mHexCell = spin( analysesPage, DEFAULT_HEX_CELL_M / 1000.0, 0.5, 200, 1, QStringLiteral( " km" ) );
  analysisRow( QStringLiteral( "htsplan:hexdensity" ), QStringLiteral( "htsplanRunHex" ), { mHexCell } );
  analysisRow( QStringLiteral( "htsplan:density" ), QStringLiteral( "htsplanRunDensity" ), {} );
  mCoverRadius = spin( analysesPage, DEFAULT_COVERAGE_RADIUS_KM, 0.5, 200, 1, QStringLiteral( " km" ) );
  analysisRow( QStringLiteral( "htsplan:coverage" ), QStringLiteral( "htsplanRunCoverage" ), { mCoverRadius } );
  mEps = spin( analysesPage, DEFAULT_DBSCAN_EPS_M / 1000.0, 0.1, 100, 1, QStringLiteral( " km" ) );
  mMinSize = new QSpinBox( analysesPage );
  mMinSize->setRange( 2, 1000 );
  mMinSize->setValue( DEFAULT_DBSCAN_MIN_SIZE );
  analysisRow( QStringLiteral( "htsplan:dbscan" ), QStringLiteral( "htsplanRunClusters" ), { mEps, mMinSize } );
  // Spatial statistics (issue 13) on the chosen carriers counted per county (per city for
  // specialization) and on revenue: each result's key numbers under its button.
  mStatisticsTitle = new QLabel( analysesPage );
  mStatisticsTitle->setObjectName( QStringLiteral( "htsplanStatisticsTitle" ) );
  mStatisticsTitle->setWordWrap( true );
  QFont titleFont = mStatisticsTitle->font();
  titleFont.setBold( true );
  mStatisticsTitle->setFont( titleFont );
  form->addRow( mStatisticsTitle );
  auto statisticRow = [&]( const QString &id, const QString &objectName ) {
    analysisRow( id, objectName, {} );
    auto *result = new QLabel( analysesPage );
    result->setObjectName( QStringLiteral( "htsplanResult_%1" ).arg( id.section( QLatin1Char( ':' ), 1 ) ) );
    result->setWordWrap( true );
    result->setTextInteractionFlags( Qt::TextSelectableByMouse );
    result->hide();
    form->addRow( result );
    mStatisticResults.insert( id, result );
  };
  statisticRow( QStringLiteral( "htsplan:hotspots" ), QStringLiteral( "htsplanRunHotspots" ) );
  statisticRow( QStringLiteral( "htsplan:moran" ), QStringLiteral( "htsplanRunMoran" ) );
  statisticRow( QStringLiteral( "htsplan:specialization" ), QStringLiteral( "htsplanRunSpecialization" ) );
  statisticRow( QStringLiteral( "htsplan:growth" ), QStringLiteral( "htsplanRunGrowth" ) );
  mTabs->addTab( analysesPage, QString() );

  // The problems the read found, one line per layer, field and kind.
  auto *problemsPage = new QWidget( mTabs );
  auto *pv = new QVBoxLayout( problemsPage );
  mProblems = new QListWidget( problemsPage );
  mProblems->setObjectName( QStringLiteral( "htsplanDashboardProblems" ) );
  mProblems->setWordWrap( true );
  pv->addWidget( mProblems, 1 );
  // The register check: the rules of htsplan:validate, run in the background; a row zooms to its feature.
  auto *checkRow = new QHBoxLayout();
  mCheckRegister = new QPushButton( problemsPage );
  mCheckRegister->setObjectName( QStringLiteral( "htsplanCheckRegister" ) );
  connect( mCheckRegister, &QPushButton::clicked, this, [this] { checkRegister(); } );
  checkRow->addWidget( mCheckRegister );
  mCheckStatus = new QLabel( problemsPage );
  mCheckStatus->setObjectName( QStringLiteral( "htsplanCheckStatus" ) );
  mCheckStatus->setWordWrap( true );
  checkRow->addWidget( mCheckStatus, 1 );
  pv->addLayout( checkRow );
  mViolations = new QTableWidget( 0, 6, problemsPage );
  mViolations->setObjectName( QStringLiteral( "htsplanViolations" ) );
  mViolations->setSelectionBehavior( QAbstractItemView::SelectRows );
  mViolations->setSelectionMode( QAbstractItemView::SingleSelection );
  mViolations->setEditTriggers( QAbstractItemView::NoEditTriggers );
  mViolations->verticalHeader()->hide();
  mViolations->verticalHeader()->setDefaultSectionSize( mViolations->fontMetrics().height() + 6 );
  mViolations->horizontalHeader()->setStretchLastSection( true );
  connect( mViolations, &QTableWidget::itemSelectionChanged, this, [this] { guarded( "dashboard violation", [this] {
    if ( mFilling )
      return;
    const QList<QTableWidgetItem *> items = mViolations->selectedItems();
    if ( !items.isEmpty() )
      showViolation( items.first()->row() );
  } ); } );
  pv->addWidget( mViolations, 2 );
  mTabs->addTab( problemsPage, QString() );
  layout->addWidget( mTabs, 1 );

  mExport = new QPushButton( content );
  mExport->setObjectName( QStringLiteral( "htsplanDashboardExport" ) );
  mExport->setIcon( QgsApplication::getThemeIcon( QStringLiteral( "/mActionSaveAsPDF.svg" ) ) );
  connect( mExport, &QPushButton::clicked, this, &DashboardDock::exportRequested );
  layout->addWidget( mExport );

  scroll->setWidget( content );
  // Usable at 1366x768: the dock is narrow, the tables scroll.
  content->setMinimumWidth( 330 );
  setWidget( scroll );
}

void DashboardDock::retranslate()
{
  setWindowTitle( tr( "htsplan dashboard" ) );
  mLanguage->setToolTip( tr( "Language" ) );
  mCancel->setText( tr( "Cancel" ) );
  mReload->setToolTip( tr( "Read the files again" ) );
  mSources->setToolTip( tr( "Data sources, map, radius, central cities" ) );
  mPlay->setToolTip( tr( "Play the years" ) );
  mSlider->setToolTip( tr( "Evaluation year" ) );
  mFilterMap->setText( tr( "Map shows what counted in the year" ) );
  mTabs->setTabText( 0, tr( "Cities" ) );
  mTabs->setTabText( 1, tr( "Charts" ) );
  mTabs->setTabText( 2, tr( "Analyses" ) );
  mTabs->setTabText( 3, tr( "Problems" ) );
  mCheckRegister->setText( tr( "Check the register" ) );
  mCheckRegister->setToolTip( tr( "Parents, distances, duplicates, years, states and sectors of the register's features (htsplan:validate); the file is not changed" ) );
  mViolations->setHorizontalHeaderLabels( { tr( "Severity" ), tr( "Rule" ), tr( "Layer" ), tr( "Feature id" ), tr( "Name" ), tr( "Message" ) } );
  if ( mViolationsLayer )
    fillViolations( mViolationsLayer );
  if ( auto *label = mTabs->widget( 0 )->findChild<QLabel *>( QStringLiteral( "measureLabel" ) ) )
    label->setText( tr( "Share, density and coverage of:" ) );
  mExport->setText( tr( "Export meeting pack…" ) );
  if ( auto *form = qobject_cast<QFormLayout *>( mTabs->widget( 2 )->layout() ) )
  {
    const std::vector<std::pair<QString, QString>> labels = {
      { QStringLiteral( "carriers" ), tr( "Carriers" ) },
      { QStringLiteral( "htsplan:kde" ), tr( "Kernel density" ) },
      { QStringLiteral( "htsplan:hexdensity" ), tr( "Hexagon density map" ) },
      { QStringLiteral( "htsplan:density" ), tr( "Density per county" ) },
      { QStringLiteral( "htsplan:coverage" ), tr( "Coverage within" ) },
      { QStringLiteral( "htsplan:dbscan" ), tr( "Clusters (DBSCAN)" ) },
      { QStringLiteral( "htsplan:hotspots" ), tr( "Hot spots (Gi*)" ) },
      { QStringLiteral( "htsplan:moran" ), tr( "Local Moran (LISA)" ) },
      { QStringLiteral( "htsplan:specialization" ), tr( "Specialization (LQ)" ) },
      { QStringLiteral( "htsplan:growth" ), tr( "Revenue growth" ) } };
    for ( int row = 0; row < form->rowCount(); ++row )
      if ( auto *label = qobject_cast<QLabel *>( form->itemAt( row, QFormLayout::LabelRole ) ? form->itemAt( row, QFormLayout::LabelRole )->widget() : nullptr ) )
      {
        if ( !label->property( "htsplanKey" ).isValid() )
          label->setProperty( "htsplanKey", label->text() );
        const QString key = label->property( "htsplanKey" ).toString();
        for ( const auto &[k, text] : labels )
          if ( k == key )
            label->setText( text );
      }
  }
  for ( QPushButton *run : mTabs->widget( 2 )->findChildren<QPushButton *>() )
    run->setText( tr( "Run" ) );
  mKdeRadius->setToolTip( tr( "Search radius" ) );
  mKdePixel->setToolTip( tr( "Pixel size" ) );
  mHexCell->setToolTip( tr( "Distance between neighbouring hexagon centres" ) );
  mEps->setToolTip( tr( "Maximum distance between clustered carriers" ) );
  mMinSize->setToolTip( tr( "Minimum number of carriers in a cluster" ) );
  mStatisticsTitle->setText( tr( "Spatial statistics of the carriers counted per county" ) );
  const std::vector<std::pair<QString, QString>> statisticTips = {
    { QStringLiteral( "htsplanRunHotspots" ), tr( "Getis-Ord Gi* hot and cold spots of the carriers counted per county (queen contiguity), with ArcGIS's confidence classes" ) },
    { QStringLiteral( "htsplanRunMoran" ), tr( "Global Moran's I and local Moran clusters (HH, LL, HL, LH) of the carriers counted per county (queen contiguity)" ) },
    { QStringLiteral( "htsplanRunSpecialization" ), tr( "Each city's leading sector by location quotient, and neighbouring cities leading in the same sector" ) },
    { QStringLiteral( "htsplanRunGrowth" ), tr( "Annual revenue growth per city up to the year, against the 20% line (25% in the central cities and the Blue Economic Zone)" ) } };
  for ( const auto &[name, tip] : statisticTips )
    if ( auto *run = mTabs->widget( 2 )->findChild<QPushButton *>( name ) )
      run->setToolTip( tip );
  // The numbers shown, in the new language (a result whose layer was removed keeps its text).
  for ( auto it = mShownStatistics.constBegin(); it != mShownStatistics.constEnd(); ++it )
    if ( it->layer )
      showStatistic( it.key(), it->results, it->layer );
  mCities->setHorizontalHeaderLabels( { tr( "City" ), QString(), QString(), QString(), QString(), tr( "Share" ), tr( "per 10k km²" ), tr( "per million" ),
                                        tr( "Coverage" ), tr( "Blue" ), tr( "Central" ), tr( "Behind pace" ) } );
  mCounties->setHorizontalHeaderLabels( { tr( "County" ), QString(), QString(), QString(), QString(), tr( "per 10k km²" ), tr( "Coverage" ) } );
  if ( mData )
    showData( mData );
}

DashboardState DashboardDock::state() const
{
  DashboardState s = mState;
  s.year = mYear;
  s.filterMapByYear = mFilterMap->isChecked();
  return s;
}

void DashboardDock::setState( const DashboardState &state )
{
  mState = state;
  mFilterMap->blockSignals( true );
  mFilterMap->setChecked( state.filterMapByYear );
  mFilterMap->blockSignals( false );
  if ( state.year > 0 )
    mYear = state.year;
}

void DashboardDock::showStatus( const QString &text, bool busy )
{
  mStatus->setText( text );
  mCancel->setVisible( busy );
  mReload->setEnabled( !busy );
  mSources->setEnabled( !busy );
}

void DashboardDock::showData( std::shared_ptr<const DashboardData> loaded )
{
  guarded( "dashboard showData", [&] {
    mData = std::move( loaded );
    mState.adminPath = mData->state.adminPath;
    mState.facilitiesPath = mData->state.facilitiesPath;
    mState.targetsPath = mData->state.targetsPath;
    mState.vintage = mData->state.vintage;
    mState.radiusKm = mData->state.radiusKm;
    mState.centralCities = mData->state.centralCities;
    const Dashboard &d = *mData->dashboard;
    const Metrics &m = d.metrics();

    // The measure choice: the kinds the targets count.
    const int measure = mMeasure->currentIndex();
    mMeasure->blockSignals( true );
    mMeasure->clear();
    for ( Kind kind : targetKinds( m ) )
      mMeasure->addItem( kindLong( kind ), static_cast<int>( kind ) );
    mMeasure->setCurrentIndex( measure >= 0 && measure < mMeasure->count() ? measure : std::min( 1, mMeasure->count() - 1 ) );
    mMeasure->blockSignals( false );

    mSlider->blockSignals( true );
    mSlider->setRange( d.firstYear(), d.lastYear() );
    if ( mYear < d.firstYear() || mYear > d.lastYear() )
      mYear = m.targetYear >= d.firstYear() && m.targetYear <= d.lastYear() ? m.targetYear : d.lastYear();
    mSlider->setValue( mYear );
    mSlider->setEnabled( true );
    mSlider->blockSignals( false );

    mProblems->clear();
    for ( const std::string &line : mData->problemLines )
      mProblems->addItem( QString::fromStdString( line ) );
    mTabs->setTabText( 3, tr( "Problems (%1)" ).arg( mData->problemLines.size() ) );

    QString status = tr( "%1 · %2 map · read in %3 s" )
                       .arg( QFileInfo( mData->state.facilitiesPath ).fileName(),
                             mData->state.vintage == Vintage::Y2015 ? tr( "2015 (17 cities)" ) : tr( "current (16 cities)" ) )
                       .arg( mData->seconds, 0, 'f', 1 );
    if ( m.sampleData )
      status += QStringLiteral( " · <b>%1</b>" ).arg( tr( "illustrative sample data" ) );
    showStatus( status );
    mStatus->setToolTip( QStringLiteral( "%1\n%2\n%3" ).arg( mData->state.facilitiesPath, mData->state.adminPath, mData->state.targetsPath ) );

    mCarriers->clear();
    watchLayers();
    for ( QgsVectorLayer *layer : facilityLayers() )
      if ( layer )
        mCarriers->addItem( layer->name(), layer->id() );
    // The most numerous carriers (enterprises, the last kind) first: the densities planners ask for.
    mCarriers->setCurrentIndex( mCarriers->count() - 1 );
    showYear();
    applyMapFilter();
    updateEditNote();
  } );
}

int DashboardDock::year() const
{
  return mYear;
}

void DashboardDock::setYear( int year )
{
  if ( mData )
    year = std::clamp( year, mData->dashboard->firstYear(), mData->dashboard->lastYear() );
  mYear = year;
  if ( mSlider->value() != year )
  {
    mSlider->blockSignals( true );
    mSlider->setValue( year );
    mSlider->blockSignals( false );
  }
  showYear();
  mFilterTimer->start();
  emit stateChanged();
}

void DashboardDock::showYear()
{
  guarded( "dashboard showYear", [&] {
    mYearLabel->setText( QString::number( mYear ) );
    if ( !mData )
      return;
    const DashboardView view = mData->dashboard->view( mYear );
    fillCards( view );
    fillCities( view );
    fillCounties( view );
    fillCharts( view );
  } );
}

void DashboardDock::fillCards( const DashboardView &view )
{
  for ( size_t i = 0; i < mCards.size(); ++i )
  {
    Card &c = mCards[i];
    if ( i >= view.cards.size() )
    {
      c.frame->hide();
      continue;
    }
    const DashboardCard &card = view.cards[i];
    c.frame->show();
    c.frame->setProperty( "kind", QString::fromLatin1( kindKey( card.kind ) ) );
    c.frame->setProperty( "pace", static_cast<int>( card.state ) );
    c.title->setText( kindLong( card.kind ) );
    c.figure->setText( QStringLiteral( "%1 / %2" ).arg( card.count ).arg( card.target ) );
    c.bar->setRange( 0, std::max( 1, card.target ) );
    c.bar->setValue( std::min( card.count, std::max( 1, card.target ) ) );
    const QColor colour = paceColour( card.state );
    c.bar->setStyleSheet( QStringLiteral( "QProgressBar::chunk { background: %1; }" ).arg( colour.name() ) );
    c.frame->setStyleSheet( QStringLiteral( "#%1 { border: 2px solid %2; border-radius: 4px; }" ).arg( c.frame->objectName(), colour.name() ) );
    c.detail->setText( tr( "%1 · gap %2 · path %3 · <b style=\"color:%4\">%5</b>" )
                         .arg( percentText( card.ratio ) )
                         .arg( card.gap )
                         .arg( std::round( card.pathCount ) )
                         .arg( colour.name(), paceText( card.state ) ) );
  }
}

int DashboardDock::selectedCity() const
{
  const QList<QTableWidgetItem *> items = mCities->selectedItems();
  if ( items.isEmpty() )
    return -1;
  const QTableWidgetItem *first = mCities->item( items.first()->row(), 0 );
  return first ? first->data( CITY_ROLE ).toInt() : -1;
}

void DashboardDock::fillCities( const DashboardView &view )
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
      flag->setToolTip( tr( "Below its part of the province's straight path (its share of the province's people) in: %1" ).arg( behind.join( QStringLiteral( ", " ) ) ) );
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

void DashboardDock::fillCounties( const DashboardView &view )
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

void DashboardDock::fillCharts( const DashboardView &view )
{
  const Dashboard &d = *mData->dashboard;
  const Metrics &m = d.metrics();
  const int city = selectedCity();
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

std::vector<QgsVectorLayer *> DashboardDock::facilityLayers() const
{
  std::vector<QgsVectorLayer *> layers;
  if ( mState.facilitiesPath.isEmpty() )
    return layers;
  const QString wanted = QFileInfo( mState.facilitiesPath ).canonicalFilePath();
  for ( Kind kind : allKinds() )
    for ( QgsMapLayer *mapLayer : QgsProject::instance()->mapLayers() )
    {
      auto *layer = qobject_cast<QgsVectorLayer *>( mapLayer );
      if ( !layer || layer->providerType() != QLatin1String( "ogr" ) )
        continue;
      const auto [path, name] = ogrSource( *layer );
      if ( QFileInfo( path ).canonicalFilePath() == wanted && name == QLatin1String( kindLayer( kind ) ) )
        layers.push_back( layer );
    }
  return layers;
}

void DashboardDock::applyMapFilter()
{
  guarded( "dashboard applyMapFilter", [&] {
    if ( !mData )
      return;
    const bool filter = mFilterMap->isChecked();
    for ( QgsVectorLayer *layer : facilityLayers() )
    {
      const auto [path, name] = ogrSource( *layer );
      const std::optional<Kind> kind = kindFromLayer( name.toStdString() );
      if ( !kind )
        continue;
      if ( !mOriginalFilters.contains( layer->id() ) )
      {
        // A project saved while the dock filtered keeps the filter: that one is ours, not the planner's.
        QString original = layer->subsetString();
        for ( int y = mData->dashboard->firstYear(); y <= mData->dashboard->lastYear(); ++y )
          if ( original == QString::fromStdString( mData->dashboard->countedFilter( *kind, y ) ) )
            original.clear();
        mOriginalFilters.insert( layer->id(), original );
      }
      const QString wanted = filter ? QString::fromStdString( mData->dashboard->countedFilter( *kind, mYear ) ) : mOriginalFilters.value( layer->id() );
      if ( layer->subsetString() == wanted )
        continue;
      if ( layer->isEditable() )
        continue; // QGIS refuses a filter while a layer is edited; updateEditNote says so
      if ( !layer->setSubsetString( wanted ) )
        QgsMessageLog::logMessage( tr( "%1: the year filter cannot be set (%2)" ).arg( layer->name(), wanted ), QStringLiteral( "htsplan" ), Qgis::MessageLevel::Warning );
      layer->triggerRepaint();
    }
    if ( !filter )
      mOriginalFilters.clear();
  } );
}

void DashboardDock::restoreLayerFilters()
{
  guarded( "dashboard restoreLayerFilters", [&] {
    for ( QgsMapLayer *mapLayer : QgsProject::instance()->mapLayers() )
      if ( auto *layer = qobject_cast<QgsVectorLayer *>( mapLayer ); layer && mOriginalFilters.contains( layer->id() ) && !layer->isEditable() )
        layer->setSubsetString( mOriginalFilters.value( layer->id() ) );
    mOriginalFilters.clear();
  } );
}

void DashboardDock::watchLayers()
{
  for ( const QPointer<QgsVectorLayer> &layer : mWatched )
    if ( layer )
      layer->disconnect( this );
  mWatched.clear();
  for ( QgsVectorLayer *layer : facilityLayers() )
  {
    mWatched << layer;
    // A saved edit changes the file: read it again (the year is kept).
    connect( layer, &QgsVectorLayer::afterCommitChanges, this, [this] {
      showStatus( tr( "Edits saved: reading the file again…" ), true );
      emit loadRequested( state() );
    } );
    connect( layer, &QgsVectorLayer::editingStarted, this, &DashboardDock::updateEditNote );
    connect( layer, &QgsVectorLayer::editingStopped, this, &DashboardDock::updateEditNote );
    connect( layer, &QgsVectorLayer::layerModified, this, &DashboardDock::updateEditNote );
  }
}

void DashboardDock::updateEditNote()
{
  guarded( "dashboard updateEditNote", [&] {
    QStringList edited;
    for ( const QPointer<QgsVectorLayer> &layer : mWatched )
      if ( layer && layer->isEditable() && layer->isModified() )
        edited << layer->name();
    mEditNote->setVisible( !edited.isEmpty() );
    mEditNote->setText( tr( "Unsaved edits in %1: the dashboard shows the saved file; save the edits to see them here." )
                          .arg( edited.join( QStringLiteral( ", " ) ) ) );
  } );
}

void DashboardDock::zoomTo( const QRectF &extent4490 )
{
  if ( !mIface || extent4490.isNull() )
    return;
  QgsMapCanvas *canvas = mIface->mapCanvas();
  try
  {
    const QgsCoordinateTransform transform( QgsCoordinateReferenceSystem( QStringLiteral( "EPSG:4490" ) ), canvas->mapSettings().destinationCrs(),
                                            QgsProject::instance() );
    QgsRectangle extent = transform.transformBoundingBox( QgsRectangle( extent4490 ) );
    extent.scale( 1.1 );
    canvas->setExtent( extent );
    canvas->refresh();
  }
  catch ( const QgsCsException &e )
  {
    QgsMessageLog::logMessage( tr( "Cannot zoom: %1" ).arg( e.what() ), QStringLiteral( "htsplan" ), Qgis::MessageLevel::Warning );
  }
}

void DashboardDock::selectFacilities( const std::function<bool( int county )> &inside )
{
  // What the map shows: the year's counted carriers when it follows the year, else every placed one.
  const bool yearOnly = mFilterMap->isChecked();
  std::array<QgsFeatureIds, KindCount> ids;
  for ( const PlacedFacility &f : mData->placed )
    if ( inside( f.county ) && ( !yearOnly || ( f.countsFrom > 0 && f.countsFrom <= mYear ) ) )
      ids[static_cast<size_t>( f.kind )].insert( f.fid );
  for ( QgsVectorLayer *layer : facilityLayers() )
    if ( const std::optional<Kind> kind = kindFromLayer( ogrSource( *layer ).second.toStdString() ) )
      layer->selectByIds( ids[static_cast<size_t>( *kind )], Qgis::SelectBehavior::SetSelection );
}

void DashboardDock::selectCity( int city )
{
  guarded( "dashboard selectCity", [&] {
    if ( !mData || city < 0 || city >= static_cast<int>( mData->cityExtents.size() ) )
      return;
    const Metrics &m = mData->dashboard->metrics();
    const std::string code = m.cities[static_cast<size_t>( city )].code;
    std::vector<char> inCity( m.counties.size() );
    for ( size_t i = 0; i < m.counties.size(); ++i )
      inCity[i] = m.counties[i].cityCode == code;
    zoomTo( mData->cityExtents[static_cast<size_t>( city )] );
    selectFacilities( [&inCity]( int county ) { return county >= 0 && inCity[static_cast<size_t>( county )]; } );
  } );
}

void DashboardDock::runAnalysis( const QString &algorithmId )
{
  guarded( "dashboard runAnalysis", [&] {
    QgsVectorLayer *layer = qobject_cast<QgsVectorLayer *>( QgsProject::instance()->mapLayer( mCarriers->currentData().toString() ) );
    if ( !layer )
    {
      showStatus( tr( "No carrier layer of the dashboard's file is in the project: load the planning map first." ) );
      return;
    }
    // What the map shows: the year's counted carriers when the map follows the year.
    const QString source = layer->source();
    const QString counties = QStringLiteral( "%1|layername=counties" ).arg( mState.adminPath );
    const QString name = layer->name();
    QVariantMap p;
    QString title;
    if ( algorithmId == QLatin1String( "htsplan:kde" ) )
    {
      p = { { QStringLiteral( "INPUT" ), source }, { QStringLiteral( "RADIUS" ), mKdeRadius->value() * 1000.0 }, { QStringLiteral( "PIXEL_SIZE" ), mKdePixel->value() } };
      title = tr( "Kernel density of %1 (%2 km, %3)" ).arg( name ).arg( mKdeRadius->value() ).arg( mYear );
    }
    else if ( algorithmId == QLatin1String( "htsplan:hexdensity" ) )
    {
      p = { { QStringLiteral( "INPUT" ), source }, { QStringLiteral( "CELL_SIZE" ), mHexCell->value() * 1000.0 } };
      title = tr( "Hexagon counts of %1 (%2 km, %3)" ).arg( name ).arg( mHexCell->value() ).arg( mYear );
    }
    else if ( algorithmId == QLatin1String( "htsplan:density" ) )
    {
      p = { { QStringLiteral( "UNITS" ), counties }, { QStringLiteral( "POINTS" ), source } };
      title = tr( "%1 per county (%2)" ).arg( name ).arg( mYear );
    }
    else if ( algorithmId == QLatin1String( "htsplan:coverage" ) )
    {
      p = { { QStringLiteral( "CARRIERS" ), source }, { QStringLiteral( "UNITS" ), counties }, { QStringLiteral( "RADIUS" ), mCoverRadius->value() * 1000.0 } };
      title = tr( "Beyond %1 km of %2 (%3)" ).arg( mCoverRadius->value() ).arg( name ).arg( mYear );
    }
    else if ( algorithmId == QLatin1String( "htsplan:dbscan" ) )
    {
      p = { { QStringLiteral( "INPUT" ), source }, { QStringLiteral( "EPS" ), mEps->value() * 1000.0 }, { QStringLiteral( "MIN_SIZE" ), mMinSize->value() } };
      title = tr( "Clusters of %1 (%2 km, %3)" ).arg( name ).arg( mEps->value() ).arg( mYear );
    }
    else if ( algorithmId == QLatin1String( "htsplan:hotspots" ) || algorithmId == QLatin1String( "htsplan:moran" ) )
    {
      // Queen contiguity, as a planner reads a county map (长岛县, the islands, is said to have no neighbour).
      const QVariantMap counts = { { QStringLiteral( "UNITS" ), counties }, { QStringLiteral( "POINTS" ), source } };
      p = { { QStringLiteral( "WEIGHTS" ), 0 } };
      title = algorithmId == QLatin1String( "htsplan:hotspots" ) ? tr( "Hot spots of %1 per county (%2)" ).arg( name ).arg( mYear )
                                                                 : tr( "Local Moran of %1 per county (%2)" ).arg( name ).arg( mYear );
      showStatisticRunning( algorithmId );
      emit countsAnalysisRequested( algorithmId, counts, p, title );
      return;
    }
    else if ( algorithmId == QLatin1String( "htsplan:specialization" ) )
    {
      const int sector = layer->fields().lookupField( QStringLiteral( "sector" ) ); // the contract's field, whatever its case
      if ( sector < 0 )
      {
        AlgorithmOutcome refused;
        refused.algorithmId = algorithmId;
        refused.error = tr( "%1 has no sector field" ).arg( name );
        showAnalysisOutcome( refused, nullptr );
        return;
      }
      const QString cities = QStringLiteral( "%1|layername=%2" ).arg( mState.adminPath, QString::fromLatin1( cityLayerName( mState.vintage ) ) );
      p = { { QStringLiteral( "UNITS" ), cities }, { QStringLiteral( "POINTS" ), source }, { QStringLiteral( "CATEGORY_FIELD" ), layer->fields().at( sector ).name() } };
      title = tr( "Leading sector of each city, %1 (%2)" ).arg( name ).arg( mYear );
    }
    else if ( algorithmId == QLatin1String( "htsplan:growth" ) )
    {
      // Revenue is the enterprises' (the file's enterprise_revenue table), whichever carriers are chosen.
      p = { { QStringLiteral( "FACILITIES" ), mState.facilitiesPath },
            { QStringLiteral( "ADMIN" ), mState.adminPath },
            { QStringLiteral( "TARGETS" ), mState.targetsPath },
            { QStringLiteral( "VINTAGE" ), mState.vintage == Vintage::Y2015 ? 0 : 1 },
            { QStringLiteral( "TO_YEAR" ), mYear } };
      title = tr( "Revenue growth per city to %1" ).arg( mYear );
    }
    else
      return;
    showStatisticRunning( algorithmId );
    emit analysisRequested( algorithmId, p, title );
  } );
}

void DashboardDock::showStatisticRunning( const QString &algorithmId )
{
  mShownStatistics.remove( algorithmId );
  if ( QLabel *label = mStatisticResults.value( algorithmId ) )
  {
    label->setStyleSheet( QString() );
    label->setText( tr( "Running… (progress and Cancel in the task bar)" ) );
    label->setProperty( "htsplanValues", QVariant() );
    label->show();
  }
}

void DashboardDock::showAnalysisOutcome( const AlgorithmOutcome &outcome, QgsVectorLayer *result )
{
  guarded( "dashboard showAnalysisOutcome", [&] {
    if ( outcome.algorithmId == QLatin1String( "htsplan:validate" ) )
    {
      mCheckRegister->setEnabled( true );
      mCheckStatus->setStyleSheet( outcome.error.isEmpty() ? QString() : QStringLiteral( "color: #c62828;" ) );
      if ( outcome.canceled )
        mCheckStatus->setText( tr( "Canceled" ) );
      else if ( !outcome.error.isEmpty() )
        mCheckStatus->setText( outcome.error );
      else
        fillViolations( result );
      return;
    }
    QLabel *label = mStatisticResults.value( outcome.algorithmId );
    if ( !label )
      return;
    label->show();
    label->setStyleSheet( QString() );
    label->setToolTip( QString() );
    label->setProperty( "htsplanValues", QVariant() );
    mShownStatistics.remove( outcome.algorithmId );
    if ( outcome.canceled )
    {
      label->setText( tr( "Canceled" ) );
      return;
    }
    if ( !outcome.error.isEmpty() )
    {
      label->setStyleSheet( QStringLiteral( "color: #c62828;" ) );
      label->setText( outcome.error );
      return;
    }
    mShownStatistics.insert( outcome.algorithmId, { outcome.results, result } );
    showStatistic( outcome.algorithmId, outcome.results, result );
  } );
}

void DashboardDock::showStatistic( const QString &algorithmId, const QVariantMap &results, QgsVectorLayer *layer )
{
  QLabel *label = mStatisticResults.value( algorithmId );
  if ( !label )
    return;
  const StatisticSummary summary = summariseStatistic( algorithmId, results, layer );
  label->setText( summary.text );
  label->setToolTip( summary.tip );
  label->setProperty( "htsplanValues", summary.values );
}

void DashboardDock::editSources()
{
  guarded( "dashboard editSources", [&] {
    QDialog dialog( this );
    dialog.setObjectName( QStringLiteral( "htsplanSourcesDialog" ) );
    dialog.setWindowTitle( tr( "Dashboard data" ) );
    dialog.setMinimumWidth( 560 ); // the paths readable
    auto *form = new QFormLayout( &dialog );
    auto fileRow = [&]( const QString &label, const QString &value, const QString &filter ) {
      auto *row = new QWidget( &dialog );
      auto *h = new QHBoxLayout( row );
      h->setContentsMargins( 0, 0, 0, 0 );
      auto *edit = new QLineEdit( value, row );
      auto *browse = new QToolButton( row );
      browse->setText( QStringLiteral( "…" ) );
      connect( browse, &QToolButton::clicked, &dialog, [&dialog, edit, filter] {
        const QString file = QFileDialog::getOpenFileName( &dialog, QString(), edit->text(), filter );
        if ( !file.isEmpty() )
          edit->setText( file );
      } );
      h->addWidget( edit, 1 );
      h->addWidget( browse );
      form->addRow( label, row );
      return edit;
    };
    QLineEdit *facilities = fileRow( tr( "Facilities (GeoPackage)" ), mState.facilitiesPath, tr( "GeoPackage (*.gpkg)" ) );
    QLineEdit *admin = fileRow( tr( "Administrative map" ), mState.adminPath, tr( "GeoPackage (*.gpkg)" ) );
    QLineEdit *targets = fileRow( tr( "Targets file" ), mState.targetsPath, tr( "JSON (*.json)" ) );
    auto *vintage = new QComboBox( &dialog );
    vintage->addItem( tr( "2015 (17 cities, with Laiwu)" ), QStringLiteral( "2015" ) );
    vintage->addItem( tr( "current (16 cities)" ), QStringLiteral( "current" ) );
    vintage->setCurrentIndex( mState.vintage == Vintage::Y2015 ? 0 : 1 );
    form->addRow( tr( "Map" ), vintage );
    auto *radius = spin( &dialog, mState.radiusKm > 0 ? mState.radiusKm : DEFAULT_COVERAGE_RADIUS_KM, 0.5, 200, 1, QStringLiteral( " km" ) );
    form->addRow( tr( "Coverage radius" ), radius );
    auto *central = new QLineEdit( mState.centralCities.join( QStringLiteral( ", " ) ), &dialog );
    central->setPlaceholderText( tr( "from the targets file (e.g. 济南, 青岛 or 370100, 370200)" ) );
    form->addRow( tr( "Central cities" ), central );
    auto *buttons = new QDialogButtonBox( QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog );
    connect( buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept );
    connect( buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject );
    form->addRow( buttons );
    if ( dialog.exec() != QDialog::Accepted )
      return;
    DashboardState s = state();
    s.facilitiesPath = facilities->text().trimmed();
    s.adminPath = admin->text().trimmed();
    s.targetsPath = targets->text().trimmed();
    s.vintage = vintage->currentData().toString() == QLatin1String( "2015" ) ? Vintage::Y2015 : Vintage::Current;
    s.radiusKm = radius->value();
    s.centralCities.clear();
    for ( const QString &city : central->text().split( QRegularExpression( QStringLiteral( "[,，、\\s]+" ) ), Qt::SkipEmptyParts ) )
      s.centralCities << city;
    restoreLayerFilters();
    mState = s;
    emit loadRequested( s );
  } );
}

} // namespace htsplan

namespace htsplan
{

void DashboardDock::checkRegister()
{
  guarded( "dashboard checkRegister", [&] {
    if ( mState.facilitiesPath.isEmpty() )
    {
      mCheckStatus->setText( tr( "No facilities file: choose the data sources first." ) );
      return;
    }
    const QVariantMap p = { { QStringLiteral( "FACILITIES" ), mState.facilitiesPath },
                            { QStringLiteral( "ADMIN" ), mState.adminPath },
                            { QStringLiteral( "TARGETS" ), mState.targetsPath },
                            { QStringLiteral( "VINTAGE" ), mState.vintage == Vintage::Y2015 ? 0 : 1 } };
    mCheckRegister->setEnabled( false );
    mCheckStatus->setStyleSheet( QString() );
    mCheckStatus->setText( tr( "Running… (progress and Cancel in the task bar)" ) );
    emit analysisRequested( QStringLiteral( "htsplan:validate" ), p, tr( "Register check of %1" ).arg( QFileInfo( mState.facilitiesPath ).fileName() ) );
  } );
}

void DashboardDock::fillViolations( QgsVectorLayer *layer )
{
  mViolationsLayer = layer;
  mFilling = true;
  mViolations->setRowCount( 0 );
  mFilling = false;
  if ( !layer )
  {
    mCheckStatus->setText( tr( "The violations layer cannot be read" ) );
    return;
  }
  const bool chinese = PluginLanguage::current() && PluginLanguage::current()->language() == Language::Chinese;
  const QString messageField = chinese ? QStringLiteral( "message_zh" ) : QStringLiteral( "message_en" );
  int errors = 0, warnings = 0;
  mFilling = true;
  mViolations->setSortingEnabled( false );
  QgsFeature feature;
  QgsFeatureIterator it = layer->getFeatures();
  while ( it.nextFeature( feature ) )
  {
    const bool error = feature.attribute( QStringLiteral( "severity" ) ).toString() == QLatin1String( "error" );
    ( error ? errors : warnings )++;
    const int row = mViolations->rowCount();
    mViolations->insertRow( row );
    const QStringList cells = { error ? tr( "error" ) : tr( "warning" ), feature.attribute( QStringLiteral( "code" ) ).toString(),
                                feature.attribute( QStringLiteral( "layer" ) ).toString(), feature.attribute( QStringLiteral( "feature_id" ) ).toString(),
                                feature.attribute( QStringLiteral( "name" ) ).toString(), feature.attribute( messageField ).toString() };
    for ( int c = 0; c < cells.size(); ++c )
    {
      auto *item = new QTableWidgetItem( cells[c] );
      if ( c == 0 )
      {
        item->setForeground( error ? QColor( 0xc6, 0x28, 0x28 ) : QColor( 0xef, 0x6c, 0x00 ) );
        item->setData( Qt::UserRole, feature.id() ); // the violation point, in the layer
      }
      if ( c == 5 )
        item->setToolTip( cells[c] );
      mViolations->setItem( row, c, item );
    }
  }
  mViolations->resizeColumnsToContents();
  mFilling = false;
  mCheckStatus->setText( tr( "Errors: %1, warnings: %2. Click a row to zoom to its feature." ).arg( errors ).arg( warnings ) );
}

void DashboardDock::showViolation( int row )
{
  guarded( "dashboard showViolation", [&] {
    QTableWidgetItem *item = mViolations->item( row, 0 );
    if ( !item || !mViolationsLayer )
      return;
    const QgsFeature violation = mViolationsLayer->getFeature( item->data( Qt::UserRole ).toLongLong() );
    if ( !violation.hasGeometry() )
      return;
    // The point is where the feature is (EPSG:4490): about a kilometre around it.
    const QgsPointXY at = violation.geometry().asPoint();
    zoomTo( QRectF( at.x() - 0.01, at.y() - 0.01, 0.02, 0.02 ) );
    const std::optional<Kind> kind = kindFromLayer( violation.attribute( QStringLiteral( "layer" ) ).toString().toStdString() );
    const QgsFeatureId fid = violation.attribute( QStringLiteral( "fid_src" ) ).toLongLong();
    for ( QgsVectorLayer *layer : facilityLayers() )
    {
      if ( kind && kindFromLayer( ogrSource( *layer ).second.toStdString() ) == kind )
        layer->selectByIds( QgsFeatureIds() << fid, Qgis::SelectBehavior::SetSelection );
      else
        layer->removeSelection();
    }
  } );
}

} // namespace htsplan
