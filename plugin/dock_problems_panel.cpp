#include "plugin/dock_problems_panel.h"

#include "planning/validation.h"
#include "plugin/dock_common.h"
#include "plugin/language.h"

#include <qgsfeature.h>
#include <qgsfeatureiterator.h>
#include <qgsgeometry.h>
#include <qgsvectorlayer.h>

#include <algorithm>

#include <QCollator>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace htsplan
{

DockProblemsPanel::DockProblemsPanel( QWidget *parent )
  : QWidget( parent )
{
  auto *pv = new QVBoxLayout( this );
  mProblems = new QListWidget( this );
  mProblems->setObjectName( QStringLiteral( "htsplanDashboardProblems" ) );
  mProblems->setWordWrap( true );
  pv->addWidget( mProblems, 2 );
  // The register check: the rules of htsplan:validate, run in the background; a row zooms to its feature.
  auto *checkRow = new QHBoxLayout();
  mCheckRegister = new QPushButton( this );
  mCheckRegister->setObjectName( QStringLiteral( "htsplanCheckRegister" ) );
  connect( mCheckRegister, &QPushButton::clicked, this, [this] { checkRegister(); } );
  checkRow->addWidget( mCheckRegister );
  mCheckStatus = new QLabel( this );
  mCheckStatus->setObjectName( QStringLiteral( "htsplanCheckStatus" ) );
  mCheckStatus->setWordWrap( true );
  checkRow->addWidget( mCheckStatus, 1 );
  pv->addLayout( checkRow );
  mViolations = new QTableWidget( 0, 6, this );
  mViolations->setObjectName( QStringLiteral( "htsplanViolations" ) );
  mViolations->setSelectionBehavior( QAbstractItemView::SelectRows );
  mViolations->setSelectionMode( QAbstractItemView::SingleSelection );
  mViolations->setEditTriggers( QAbstractItemView::NoEditTriggers );
  mViolations->verticalHeader()->hide();
  mViolations->verticalHeader()->setDefaultSectionSize( mViolations->fontMetrics().height() + 6 );
  mViolations->horizontalHeader()->setStretchLastSection( true );
  mViolations->setTextElideMode( Qt::ElideRight );
  connect( mViolations, &QTableWidget::itemSelectionChanged, this, [this] { guarded( "dashboard violation", [this] {
    if ( mFilling )
      return;
    const QList<QTableWidgetItem *> items = mViolations->selectedItems();
    if ( !items.isEmpty() )
      chooseRow( items.first()->row() );
  } ); } );
  pv->addWidget( mViolations, 5 );
  mDetail = new QLabel( this );
  mDetail->setObjectName( QStringLiteral( "htsplanViolationDetail" ) );
  mDetail->setWordWrap( true );
  mDetail->setTextInteractionFlags( Qt::TextSelectableByMouse );
  pv->addWidget( mDetail );
}

void DockProblemsPanel::retranslate()
{
  mCheckRegister->setText( tr( "Check the register" ) );
  mCheckRegister->setToolTip( tr( "Parents, distances, duplicates, years, states and sectors of the register's features (htsplan:validate); the file is not changed" ) );
  mViolations->setHorizontalHeaderLabels( { QString(), tr( "Rule" ), tr( "Layer" ), tr( "Id" ), tr( "Name" ), tr( "Message" ) } );
  if ( mViolationsLayer )
    fillViolations( mViolationsLayer );
}

void DockProblemsPanel::setProblems( const std::vector<std::string> &lines )
{
  mProblems->clear();
  for ( const std::string &line : lines )
    mProblems->addItem( QString::fromStdString( line ) );
}

void DockProblemsPanel::setSources( const DashboardState &state )
{
  mState = state;
}

void DockProblemsPanel::checkRegister()
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

void DockProblemsPanel::showOutcome( const AlgorithmOutcome &outcome, QgsVectorLayer *result )
{
  mCheckRegister->setEnabled( true );
  mCheckStatus->setStyleSheet( outcome.error.isEmpty() ? QString() : QStringLiteral( "color: #c62828;" ) );
  if ( outcome.canceled )
    mCheckStatus->setText( tr( "Canceled" ) );
  else if ( !outcome.error.isEmpty() )
    mCheckStatus->setText( outcome.error );
  else
    fillViolations( result );
}

void DockProblemsPanel::fillViolations( QgsVectorLayer *layer )
{
  mViolationsLayer = layer;
  mFilling = true;
  mViolations->setRowCount( 0 );
  mFilling = false;
  mDetail->clear();
  if ( !layer )
  {
    mCheckStatus->setText( tr( "The violations layer cannot be read" ) );
    return;
  }
  const bool chinese = PluginLanguage::current() && PluginLanguage::current()->language() == Language::Chinese;
  const QString messageField = chinese ? QStringLiteral( "message_zh" ) : QStringLiteral( "message_en" );
  struct Row
  {
      bool error = false;
      QString code, layer, id, name, message;
      QgsFeatureId violation = 0;
      long long fid = 0; //!< the carrier's fid in its own layer (the message names it)
  };
  std::vector<Row> rows;
  QgsFeature feature;
  QgsFeatureIterator it = layer->getFeatures();
  while ( it.nextFeature( feature ) )
    rows.push_back( { feature.attribute( QStringLiteral( "severity" ) ).toString() == QLatin1String( "error" ), feature.attribute( QStringLiteral( "code" ) ).toString(),
                      feature.attribute( QStringLiteral( "layer" ) ).toString(), feature.attribute( QStringLiteral( "feature_id" ) ).toString(),
                      feature.attribute( QStringLiteral( "name" ) ).toString(), feature.attribute( messageField ).toString(), feature.id(),
                      feature.attribute( QStringLiteral( "fid_src" ) ).toLongLong() } );
  // Errors first, then by rule, layer and id (P9 before P10).
  QCollator ids;
  ids.setNumericMode( true );
  std::stable_sort( rows.begin(), rows.end(), [&ids]( const Row &a, const Row &b ) {
    if ( a.error != b.error )
      return a.error;
    if ( a.code != b.code )
      return a.code < b.code;
    if ( a.layer != b.layer )
      return a.layer < b.layer;
    return ids.compare( a.id, b.id ) < 0;
  } );
  int errors = 0;
  mFilling = true;
  mViolations->setSortingEnabled( false );
  mViolations->setRowCount( static_cast<int>( rows.size() ) );
  for ( size_t i = 0; i < rows.size(); ++i )
  {
    const Row &r = rows[i];
    errors += r.error ? 1 : 0;
    const int row = static_cast<int>( i );
    // The message without what the row's other cells say ("parks: feature P110 名称 (fid 110): "): what is wrong shows first.
    const QString what = QString::fromStdString( findingDetail( r.message.toStdString(), r.fid ) );
    // The level as a dot in the violation points' colours (the word in its tooltip): the message gets the width.
    const QStringList cells = { QStringLiteral( "●" ), r.code, r.layer, r.id, r.name, what };
    for ( int c = 0; c < cells.size(); ++c )
    {
      auto *item = new QTableWidgetItem( cells[c] );
      if ( c == 0 )
      {
        item->setForeground( r.error ? QColor( 0xc6, 0x28, 0x28 ) : QColor( 0xef, 0x6c, 0x00 ) );
        item->setData( Qt::UserRole, r.violation ); // the violation point, in the layer
      }
      // Narrow columns elide: the whole text in the tooltip (the message's also under the table).
      item->setToolTip( c == 0 ? ( r.error ? tr( "error" ) : tr( "warning" ) ) : c == 3 ? QStringLiteral( "%1 %2" ).arg( r.layer, r.id ) : c == 5 ? r.message : cells[c] );
      if ( c == 0 )
        item->setTextAlignment( Qt::AlignCenter );
      mViolations->setItem( row, c, item );
    }
  }
  // At 1366 px the dock is about 430 px wide: level and id to their contents, rule and name
  // held narrow, the message takes the rest (the layer is said in the id's tooltip).
  QHeaderView *header = mViolations->horizontalHeader();
  header->setSectionResizeMode( QHeaderView::Interactive );
  header->setStretchLastSection( true );
  mViolations->setColumnHidden( 2, true );
  for ( int c : { 0, 1, 3, 4 } )
    mViolations->resizeColumnToContents( c );
  const int em = mViolations->fontMetrics().horizontalAdvance( QLatin1Char( 'M' ) );
  mViolations->setColumnWidth( 1, std::min( mViolations->columnWidth( 1 ), 8 * em ) );
  mViolations->setColumnWidth( 4, std::min( mViolations->columnWidth( 4 ), 6 * em ) );
  mFilling = false;
  mCheckStatus->setText( tr( "Errors: %1, warnings: %2. Click a row to see its feature on the map." ).arg( errors ).arg( static_cast<int>( rows.size() ) - errors ) );
}

void DockProblemsPanel::showNote( const QString &note )
{
  const QList<QTableWidgetItem *> items = mViolations->selectedItems();
  const int row = items.isEmpty() ? -1 : items.first()->row();
  QString text;
  if ( row >= 0 )
    text = QStringLiteral( "<b>%1 · %2</b> · %3 %4 %5<br>%6" )
             .arg( mViolations->item( row, 0 )->toolTip().toHtmlEscaped(), mViolations->item( row, 1 )->text().toHtmlEscaped(), mViolations->item( row, 2 )->text().toHtmlEscaped(),
                   mViolations->item( row, 3 )->text().toHtmlEscaped(), mViolations->item( row, 4 )->text().toHtmlEscaped(), mViolations->item( row, 5 )->text().toHtmlEscaped() );
  if ( !note.isEmpty() )
    text += QStringLiteral( "<br><i>%1</i>" ).arg( note.toHtmlEscaped() );
  mDetail->setText( text );
}

void DockProblemsPanel::chooseRow( int row )
{
  guarded( "dashboard showViolation", [&] {
    QTableWidgetItem *item = mViolations->item( row, 0 );
    if ( !item || !mViolationsLayer )
      return;
    const QgsFeature violation = mViolationsLayer->getFeature( item->data( Qt::UserRole ).toLongLong() );
    if ( !violation.hasGeometry() )
      return;
    emit violationChosen( violation.geometry().asPoint(), violation.attribute( QStringLiteral( "layer" ) ).toString(),
                          violation.attribute( QStringLiteral( "fid_src" ) ).toLongLong() );
  } );
}

} // namespace htsplan
