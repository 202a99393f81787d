#include "plugin/dock_analyses_panel.h"

#include "layers/schema.h"
#include "planning/defaults.h"
#include "plugin/dock_common.h"
#include "plugin/statistic_summary.h"

#include <qgsapplication.h>
#include <qgsproject.h>
#include <qgsvectorlayer.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

namespace htsplan
{

DockAnalysesPanel::DockAnalysesPanel( QWidget *parent )
  : QWidget( parent )
{
  mForm = new QFormLayout( this );
  QFormLayout *form = mForm;
  mCarriers = new QComboBox( this );
  mCarriers->setObjectName( QStringLiteral( "htsplanAnalysisLayer" ) );
  form->addRow( QStringLiteral( "carriers" ), mCarriers );
  auto analysisRow = [&]( const QString &id, const QString &objectName, const QList<QWidget *> &options ) {
    auto *row = new QWidget( this );
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
  mKdeRadius = spin( this, DEFAULT_KDE_RADIUS_M / 1000.0, 0.5, 200, 1, QStringLiteral( " km" ) );
  mKdePixel = spin( this, DEFAULT_KDE_PIXEL_M, 50, 10000, 0, QStringLiteral( " m" ) );
  analysisRow( QStringLiteral( "htsplan:kde" ), QStringLiteral( "htsplanRunKde" ), { mKdeRadius, mKdePixel } );
  mHexCell = spin( this, DEFAULT_HEX_CELL_M / 1000.0, 0.5, 200, 1, QStringLiteral( " km" ) );
  analysisRow( QStringLiteral( "htsplan:hexdensity" ), QStringLiteral( "htsplanRunHex" ), { mHexCell } );
  analysisRow( QStringLiteral( "htsplan:density" ), QStringLiteral( "htsplanRunDensity" ), {} );
  mCoverRadius = spin( this, DEFAULT_COVERAGE_RADIUS_KM, 0.5, 200, 1, QStringLiteral( " km" ) );
  analysisRow( QStringLiteral( "htsplan:coverage" ), QStringLiteral( "htsplanRunCoverage" ), { mCoverRadius } );
  mEps = spin( this, DEFAULT_DBSCAN_EPS_M / 1000.0, 0.1, 100, 1, QStringLiteral( " km" ) );
  mMinSize = new QSpinBox( this );
  mMinSize->setRange( 2, 1000 );
  mMinSize->setValue( DEFAULT_DBSCAN_MIN_SIZE );
  analysisRow( QStringLiteral( "htsplan:dbscan" ), QStringLiteral( "htsplanRunClusters" ), { mEps, mMinSize } );
  // Spatial statistics (issue 13) on the chosen carriers counted per county (per city for
  // specialization) and on revenue: each result's key numbers under its button.
  mStatisticsTitle = new QLabel( this );
  mStatisticsTitle->setObjectName( QStringLiteral( "htsplanStatisticsTitle" ) );
  mStatisticsTitle->setWordWrap( true );
  QFont titleFont = mStatisticsTitle->font();
  titleFont.setBold( true );
  mStatisticsTitle->setFont( titleFont );
  form->addRow( mStatisticsTitle );
  auto statisticRow = [&]( const QString &id, const QString &objectName ) {
    analysisRow( id, objectName, {} );
    auto *result = new QLabel( this );
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
}

void DockAnalysesPanel::retranslate()
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
  for ( int row = 0; row < mForm->rowCount(); ++row )
    if ( auto *label = qobject_cast<QLabel *>( mForm->itemAt( row, QFormLayout::LabelRole ) ? mForm->itemAt( row, QFormLayout::LabelRole )->widget() : nullptr ) )
    {
      if ( !label->property( "htsplanKey" ).isValid() )
        label->setProperty( "htsplanKey", label->text() );
      const QString key = label->property( "htsplanKey" ).toString();
      for ( const auto &[k, text] : labels )
        if ( k == key )
          label->setText( text );
    }
  for ( QPushButton *run : findChildren<QPushButton *>() )
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
    if ( auto *run = findChild<QPushButton *>( name ) )
      run->setToolTip( tip );
  // The numbers shown, in the new language (a result whose layer was removed keeps its text).
  for ( auto it = mShownStatistics.constBegin(); it != mShownStatistics.constEnd(); ++it )
    if ( it->layer )
      showStatistic( it.key(), it->results, it->layer );
}

void DockAnalysesPanel::setCarriers( const std::vector<QgsVectorLayer *> &layers )
{
  mCarriers->clear();
  for ( QgsVectorLayer *layer : layers )
    if ( layer )
      mCarriers->addItem( layer->name(), layer->id() );
  // The most numerous carriers (enterprises, the last kind) first: the densities planners ask for.
  mCarriers->setCurrentIndex( mCarriers->count() - 1 );
}

void DockAnalysesPanel::setContext( const DashboardState &state, int year )
{
  mState = state;
  mYear = year;
}

void DockAnalysesPanel::runAnalysis( const QString &algorithmId )
{
  guarded( "dashboard runAnalysis", [&] {
    QgsVectorLayer *layer = qobject_cast<QgsVectorLayer *>( QgsProject::instance()->mapLayer( mCarriers->currentData().toString() ) );
    if ( !layer )
    {
      emit statusMessage( tr( "No carrier layer of the dashboard's file is in the project: load the planning map first." ) );
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
        showOutcome( refused, nullptr );
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

void DockAnalysesPanel::showStatisticRunning( const QString &algorithmId )
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

void DockAnalysesPanel::showOutcome( const AlgorithmOutcome &outcome, QgsVectorLayer *result )
{
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
}

void DockAnalysesPanel::showStatistic( const QString &algorithmId, const QVariantMap &results, QgsVectorLayer *layer )
{
  QLabel *label = mStatisticResults.value( algorithmId );
  if ( !label )
    return;
  const StatisticSummary summary = summariseStatistic( algorithmId, results, layer );
  label->setText( summary.text );
  label->setToolTip( summary.tip );
  label->setProperty( "htsplanValues", summary.values );
}

} // namespace htsplan
