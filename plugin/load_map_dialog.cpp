#include "plugin/load_map_dialog.h"

#include "layers/paths.h"
#include "maps/planning_layers.h"

#include <qgsfilewidget.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace htsplan
{

LoadMapDialog::LoadMapDialog( QWidget *parent )
  : QDialog( parent )
{
  setObjectName( QStringLiteral( "htsplanLoadMapDialog" ) );
  setWindowTitle( tr( "Load planning map" ) );

  mVintage = new QComboBox( this );
  mVintage->addItem( tr( "2015 divisions (17 cities, Laiwu included)" ), static_cast<int>( Vintage::Y2015 ) );
  mVintage->addItem( tr( "Current divisions (16 cities)" ), static_cast<int>( Vintage::Current ) );

  mSample = new QRadioButton( tr( "Bundled sample" ), this );
  mSample->setToolTip( QString::fromStdString( defaultFacilitiesPath() ) );
  mOwnFile = new QRadioButton( tr( "My GeoPackage" ), this );
  mFile = new QgsFileWidget( this );
  mFile->setFilter( tr( "GeoPackage (*.gpkg);;All files (*)" ) );
  mFile->setDialogTitle( tr( "Choose facilities" ) );
  mSample->setChecked( true );

  auto form = new QFormLayout;
  form->addRow( tr( "Divisions" ), mVintage );
  auto facilities = new QVBoxLayout;
  facilities->addWidget( mSample );
  facilities->addWidget( mOwnFile );
  facilities->addWidget( mFile );
  form->addRow( tr( "Facilities" ), facilities );

  auto buttons = new QDialogButtonBox( QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this );
  buttons->button( QDialogButtonBox::Ok )->setText( tr( "Load" ) );
  buttons->button( QDialogButtonBox::Cancel )->setText( tr( "Cancel" ) ); // Qt's own text follows Qt's translation, not ours
  connect( buttons, &QDialogButtonBox::accepted, this, &QDialog::accept );
  connect( buttons, &QDialogButtonBox::rejected, this, &QDialog::reject );

  auto layout = new QVBoxLayout( this );
  layout->addLayout( form );
  layout->addWidget( buttons );

  auto update = [this, buttons] {
    updateState();
    buttons->button( QDialogButtonBox::Ok )->setEnabled( mSample->isChecked() || QFileInfo::exists( mFile->filePath() ) );
  };
  connect( mSample, &QRadioButton::toggled, this, update );
  connect( mFile, &QgsFileWidget::fileChanged, this, update );
  update();
}

void LoadMapDialog::updateState()
{
  mFile->setEnabled( mOwnFile->isChecked() );
}

Vintage LoadMapDialog::vintage() const
{
  return static_cast<Vintage>( mVintage->currentData().toInt() );
}

QString LoadMapDialog::facilitiesPath() const
{
  return mSample->isChecked() ? QString::fromStdString( defaultFacilitiesPath() ) : mFile->filePath();
}

} // namespace htsplan
