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
  setWindowTitle( QStringLiteral( "加载规划底图 Load planning map" ) );

  mVintage = new QComboBox( this );
  mVintage->addItem( QStringLiteral( "2015 年区划（17 市，含莱芜）" ), static_cast<int>( Vintage::Y2015 ) );
  mVintage->addItem( QStringLiteral( "现行区划 current（16 市）" ), static_cast<int>( Vintage::Current ) );

  mSample = new QRadioButton( QStringLiteral( "内置示例数据 bundled sample" ), this );
  mSample->setToolTip( QString::fromStdString( defaultFacilitiesPath() ) );
  mOwnFile = new QRadioButton( QStringLiteral( "我的 GeoPackage my GeoPackage" ), this );
  mFile = new QgsFileWidget( this );
  mFile->setFilter( QStringLiteral( "GeoPackage (*.gpkg);;所有文件 All files (*)" ) );
  mFile->setDialogTitle( QStringLiteral( "选择设施数据 Choose facilities" ) );
  mSample->setChecked( true );

  auto form = new QFormLayout;
  form->addRow( QStringLiteral( "行政区划 Vintage" ), mVintage );
  auto facilities = new QVBoxLayout;
  facilities->addWidget( mSample );
  facilities->addWidget( mOwnFile );
  facilities->addWidget( mFile );
  form->addRow( QStringLiteral( "设施数据 Facilities" ), facilities );

  auto buttons = new QDialogButtonBox( QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this );
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
