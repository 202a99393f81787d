#include "plugin/dock_problems_panel.h"

#include "plugin/dock_common.h"
#include "plugin/language.h"

#include <qgsfeature.h>
#include <qgsfeatureiterator.h>
#include <qgsgeometry.h>
#include <qgsvectorlayer.h>

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
  pv->addWidget( mProblems, 1 );
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
  connect( mViolations, &QTableWidget::itemSelectionChanged, this, [this] { guarded( "dashboard violation", [this] {
    if ( mFilling )
      return;
    const QList<QTableWidgetItem *> items = mViolations->selectedItems();
    if ( !items.isEmpty() )
      chooseRow( items.first()->row() );
  } ); } );
  pv->addWidget( mViolations, 2 );
}

void DockProblemsPanel::retranslate()
{
  mCheckRegister->setText( tr( "Check the register" ) );
  mCheckRegister->setToolTip( tr( "Parents, distances, duplicates, years, states and sectors of the register's features (htsplan:validate); the file is not changed" ) );
  mViolations->setHorizontalHeaderLabels( { tr( "Severity" ), tr( "Rule" ), tr( "Layer" ), tr( "Feature id" ), tr( "Name" ), tr( "Message" ) } );
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
