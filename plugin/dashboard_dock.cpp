#include "plugin/dashboard_dock.h"

#include "layers/paths.h"
#include "layers/schema.h"
#include "plugin/dock_allocation_panel.h"
#include "plugin/dock_analyses_panel.h"
#include "plugin/dock_cards_panel.h"
#include "plugin/dock_charts_panel.h"
#include "plugin/dock_cities_panel.h"
#include "plugin/dock_common.h"
#include "plugin/dock_problems_panel.h"
#include "plugin/language.h"
#include "planning/defaults.h"

#include <qgisinterface.h>
#include <qgsapplication.h>
#include <qgscoordinatetransform.h>
#include <qgsexpression.h>
#include <qgshighlight.h>
#include <qgsmapcanvas.h>
#include <qgsmessagelog.h>
#include <qgsproject.h>
#include <qgsvectorlayer.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDomDocument>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSlider>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <array>

namespace htsplan
{

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

DashboardDock::~DashboardDock()
{
  clearHighlight();
}

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
  mCards = new DockCardsPanel( content );
  layout->addWidget( mCards );

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

  // Cities, and the counties of the selected one: a row zooms the map and selects its carriers.
  mCities = new DockCitiesPanel( mTabs );
  connect( mCities, &DockCitiesPanel::measureChanged, this, [this] { showYear(); } );
  connect( mCities, &DockCitiesPanel::citySelected, this, [this]( int city ) { guarded( "dashboard city", [&] {
    if ( !mData )
      return;
    mCharts->fill( *mData->dashboard, mData->dashboard->view( mYear ), city );
    if ( city >= 0 )
      selectCity( city );
  } ); } );
  connect( mCities, &DockCitiesPanel::countySelected, this, [this]( int county ) { guarded( "dashboard county", [&] {
    if ( !mData )
      return;
    zoomTo( mData->countyExtents[static_cast<size_t>( county )] );
    selectFacilities( [county]( int c ) { return c == county; } );
  } ); } );
  mTabs->addTab( mCities, QString() );

  // Charts: they follow the year and the selected city.
  mCharts = new DockChartsPanel( mTabs );
  mTabs->addTab( mCharts, QString() );

  // Analyses, run as Processing algorithms in the background; results in "htsplan results".
  mAnalyses = new DockAnalysesPanel( mTabs );
  connect( mAnalyses, &DockAnalysesPanel::analysisRequested, this, &DashboardDock::analysisRequested );
  connect( mAnalyses, &DockAnalysesPanel::countsAnalysisRequested, this, &DashboardDock::countsAnalysisRequested );
  connect( mAnalyses, &DockAnalysesPanel::statusMessage, this, [this]( const QString &text ) { showStatus( text ); } );
  mTabs->addTab( mAnalyses, QString() );

  // The problems the read found, and the register check.
  mProblems = new DockProblemsPanel( mTabs );
  connect( mProblems, &DockProblemsPanel::analysisRequested, this, &DashboardDock::analysisRequested );
  connect( mProblems, &DockProblemsPanel::violationChosen, this, &DashboardDock::showFeature );
  mTabs->addTab( mProblems, QString() );

  // The what-if split of the remaining targets among the cities (目标分解).
  mAllocation = new DockAllocationPanel( mTabs );
  connect( mAllocation, &DockAllocationPanel::planChanged, this, &DashboardDock::stateChanged );
  connect( mAllocation, &DockAllocationPanel::planChanged, this, [this] {
    followPlan();
    showYear();
  } );
  connect( mAllocation, &DockAllocationPanel::analysisRequested, this, &DashboardDock::analysisRequested );
  mTabs->addTab( mAllocation, QString() );
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
  mTabs->setTabText( mTabs->indexOf( mCities ), tr( "Cities" ) );
  mTabs->setTabText( mTabs->indexOf( mCharts ), tr( "Charts" ) );
  mTabs->setTabText( mTabs->indexOf( mAnalyses ), tr( "Analyses" ) );
  mTabs->setTabText( mTabs->indexOf( mProblems ), tr( "Problems" ) );
  mTabs->setTabText( mTabs->indexOf( mAllocation ), tr( "Split targets" ) );
  mTabs->setTabToolTip( mTabs->indexOf( mAllocation ), tr( "What-if: the remaining targets split among the cities (目标分解)" ) );
  mExport->setText( tr( "Export meeting pack…" ) );
  mCities->retranslate();
  mAnalyses->retranslate();
  mProblems->retranslate();
  mAllocation->retranslate();
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
    mCities->setData( mData );

    mSlider->blockSignals( true );
    mSlider->setRange( d.firstYear(), d.lastYear() );
    if ( mYear < d.firstYear() || mYear > d.lastYear() )
      mYear = m.targetYear >= d.firstYear() && m.targetYear <= d.lastYear() ? m.targetYear : d.lastYear();
    mSlider->setValue( mYear );
    mSlider->setEnabled( true );
    mSlider->blockSignals( false );

    mProblems->setProblems( mData->problemLines );
    mProblems->setSources( mState );
    mTabs->setTabText( mTabs->indexOf( mProblems ), tr( "Problems (%1)" ).arg( mData->problemLines.size() ) );

    QString status = tr( "%1 · %2 map · read in %3 s" )
                       .arg( QFileInfo( mData->state.facilitiesPath ).fileName(),
                             mData->state.vintage == Vintage::Y2015 ? tr( "2015 (17 cities)" ) : tr( "current (16 cities)" ) )
                       .arg( mData->seconds, 0, 'f', 1 );
    if ( m.sampleData )
      status += QStringLiteral( " · <b>%1</b>" ).arg( tr( "illustrative sample data" ) );
    showStatus( status );
    mStatus->setToolTip( QStringLiteral( "%1\n%2\n%3" ).arg( mData->state.facilitiesPath, mData->state.adminPath, mData->state.targetsPath ) );

    watchLayers();
    mAnalyses->setCarriers( facilityLayers() );
    mAllocation->setData( mData );
    followPlan();
    showYear();
    applyMapFilter();
    updateEditNote();
  } );
}

AllocationPlan DashboardDock::allocationPlan() const
{
  return mAllocation->plan();
}

void DashboardDock::setAllocationPlan( const AllocationPlan &plan )
{
  guarded( "dashboard setAllocationPlan", [&] {
    mAllocation->setPlan( plan );
    followPlan();
    showYear();
  } );
}

void DashboardDock::followPlan()
{
  guarded( "dashboard followPlan", [&] {
    if ( !mData )
      return;
    // The cities' ⚑ follow the split the planner chose; while the choices cannot split
    // (the panel says why in red) they keep the last that could.
    const std::optional<AllocationOptions> options = mAllocation->splitOptions();
    if ( !options )
      return;
    try
    {
      mData->dashboard->setAllocation( *options );
    }
    catch ( const InputError & )
    {
      // The whole target cannot be split this way (floors over a whole target): the last split stays.
    }
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
  // A new year: a feature the register check showed outside it is no longer lifted.
  mLifted.reset();
  clearHighlight();
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
    mAnalyses->setContext( mState, mYear );
    mAllocation->setYear( mYear );
    if ( !mData )
      return;
    const DashboardView view = mData->dashboard->view( mYear );
    mCards->fill( view );
    mCities->fill( view );
    mCharts->fill( *mData->dashboard, view, mCities->selectedCity() );
  } );
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
      QString wanted = filter ? QString::fromStdString( mData->dashboard->countedFilter( *kind, mYear ) ) : mOriginalFilters.value( layer->id() );
      // A register check's feature that does not count in the year, shown while it is chosen.
      if ( filter && !wanted.isEmpty() && mLifted && mLifted->first == *kind )
      {
        const QgsAttributeList keys = layer->dataProvider() ? layer->dataProvider()->pkAttributeIndexes() : QgsAttributeList();
        if ( keys.size() == 1 )
          wanted = QStringLiteral( "(%1) OR %2 = %3" ).arg( wanted, QgsExpression::quotedColumnRef( layer->fields().at( keys.first() ).name() ) ).arg( mLifted->second );
      }
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
    mLifted.reset();
    clearHighlight();
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

void DashboardDock::showAnalysisOutcome( const AlgorithmOutcome &outcome, QgsVectorLayer *result )
{
  guarded( "dashboard showAnalysisOutcome", [&] {
    if ( outcome.algorithmId == QLatin1String( "htsplan:validate" ) )
      mProblems->showOutcome( outcome, result );
    else if ( outcome.algorithmId == QLatin1String( "htsplan:allocate" ) )
      mAllocation->showOutcome( outcome );
    else
      mAnalyses->showOutcome( outcome, result );
  } );
}

void DashboardDock::showViolation( int row )
{
  mProblems->chooseRow( row );
}

void DashboardDock::showFeature( const QgsPointXY &at, const QString &layerName, QgsFeatureId fid )
{
  guarded( "dashboard showViolation", [&] {
    // What a planner expects of a row: the map at the feature, the feature itself drawn and
    // selected, even when it does not count in the slider's year (designated later, not
    // designated, outside the province) and the map follows the year: the year filter is
    // lifted for that one feature until the year changes or another row is chosen; and drawn
    // above the violation points and the labels (a highlight, flashed) so it is not hidden under them.
    clearHighlight();
    const std::optional<Kind> kind = kindFromLayer( layerName.toStdString() );
    QString note;
    mLifted.reset();
    if ( kind && mData && mFilterMap->isChecked() )
    {
      const auto placed = std::find_if( mData->placed.begin(), mData->placed.end(), [&]( const PlacedFacility &f ) { return f.kind == *kind && f.fid == fid; } );
      const int from = placed == mData->placed.end() ? 0 : placed->countsFrom;
      if ( from == 0 || from > mYear )
      {
        mLifted = std::make_pair( *kind, fid );
        note = from > mYear ? tr( "Counted from %1, not in %2: shown on the map until the year changes." ).arg( from ).arg( mYear )
                            : tr( "Not counted in any year: shown on the map until the year changes." );
      }
    }
    applyMapFilter();
    // The point is where the feature is (EPSG:4490): about two kilometres around it.
    zoomTo( QRectF( at.x() - 0.01, at.y() - 0.01, 0.02, 0.02 ) );
    QgsVectorLayer *carrier = nullptr;
    for ( QgsVectorLayer *layer : facilityLayers() )
    {
      if ( kind && kindFromLayer( ogrSource( *layer ).second.toStdString() ) == kind )
      {
        layer->selectByIds( QgsFeatureIds() << fid, Qgis::SelectBehavior::SetSelection );
        carrier = layer;
      }
      else
        layer->removeSelection();
    }
    if ( mIface )
    {
      QgsMapCanvas *canvas = mIface->mapCanvas();
      const QgsFeature feature = carrier ? carrier->getFeature( fid ) : QgsFeature();
      const QgsCoordinateReferenceSystem crs = carrier ? carrier->crs() : QgsCoordinateReferenceSystem( QStringLiteral( "EPSG:4490" ) );
      const QgsGeometry shape = feature.hasGeometry() ? feature.geometry() : QgsGeometry::fromPointXY( at );
      if ( carrier && feature.hasGeometry() )
        mHighlight = new QgsHighlight( canvas, feature, carrier );
      else
        mHighlight = new QgsHighlight( canvas, QgsGeometry::fromPointXY( at ), carrier );
      mHighlightCanvas = canvas;
      // The selection's yellow, the feature's own symbol and size: the violation's ring stays visible around it.
      const QColor yellow( 255, 230, 0 );
      mHighlight->setColor( yellow );
      mHighlight->setFillColor( yellow );
      mHighlight->setWidth( 1 );
      mHighlight->setBuffer( 0 );
      mHighlight->show();
      canvas->flashGeometries( { shape }, crs, yellow, QColor( 255, 230, 0, 0 ), 3, 400 );
      if ( !carrier )
        note += ( note.isEmpty() ? QString() : QStringLiteral( " " ) ) + tr( "Its layer is not in the map." );
    }
    mProblems->showNote( note );
  } );
}

void DashboardDock::clearHighlight()
{
  // The canvas owns its items: a canvas already gone took the highlight with it.
  if ( mHighlight && mHighlightCanvas )
    delete mHighlight;
  mHighlight = nullptr;
  mHighlightCanvas.clear();
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
