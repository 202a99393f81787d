#include "plugin/export_dialog.h"

#include "layers/paths.h"
#include "maps/layout_template.h"

#include <qgsapplication.h>
#include <qgsfilewidget.h>
#include <qgssettings.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace htsplan
{

namespace
{
const QString kSettings = QStringLiteral( "htsplan/export/" );
//! The spin box's minimum, shown as "the target year" (year 0 in the request).
constexpr int kTargetYear = 1999;

QCheckBox *checkBox( const QString &text, const QString &name, bool checked, QWidget *parent )
{
  auto box = new QCheckBox( text, parent );
  box->setObjectName( name );
  box->setChecked( checked );
  return box;
}
} // namespace

QString ExportDialog::profileTemplatesDir()
{
  const QString dir = QgsApplication::qgisSettingsDirPath() + QStringLiteral( "composer_templates" );
  for ( const QString &name : templateFiles::all() )
    if ( !QFileInfo::exists( dir + QLatin1Char( '/' ) + name ) )
      return QString();
  return QDir::cleanPath( dir );
}

ExportDialog::ExportDialog( const QString &facilitiesPath, Vintage vintage, QWidget *parent )
  : QDialog( parent )
{
  setObjectName( QStringLiteral( "htsplanExportDialog" ) );
  setWindowTitle( tr( "Export meeting pack" ) );
  const QgsSettings settings;

  mFacilities = new QgsFileWidget( this );
  mFacilities->setObjectName( QStringLiteral( "htsplanExportFacilities" ) );
  mFacilities->setFilter( tr( "GeoPackage (*.gpkg);;All files (*)" ) );
  mFacilities->setDialogTitle( tr( "Choose facilities" ) );
  mFacilities->setFilePath( facilitiesPath.isEmpty() ? QString::fromStdString( defaultFacilitiesPath() ) : facilitiesPath );

  mVintage = new QComboBox( this );
  mVintage->setObjectName( QStringLiteral( "htsplanExportVintage" ) );
  mVintage->addItem( tr( "2015 divisions (17 cities, Laiwu included)" ), static_cast<int>( Vintage::Y2015 ) );
  mVintage->addItem( tr( "Current divisions (16 cities)" ), static_cast<int>( Vintage::Current ) );
  mVintage->setCurrentIndex( mVintage->findData( static_cast<int>( vintage ) ) );

  mYear = new QSpinBox( this );
  mYear->setObjectName( QStringLiteral( "htsplanExportYear" ) );
  mYear->setRange( kTargetYear, 2099 );
  mYear->setSpecialValueText( tr( "the target year" ) );
  mYear->setValue( settings.value( kSettings + QStringLiteral( "year" ), kTargetYear ).toInt() );

  mOverview = checkBox( tr( "Overview" ), QStringLiteral( "htsplanExportOverview" ), settings.value( kSettings + QStringLiteral( "overview" ), true ).toBool(), this );
  mCities = checkBox( tr( "City atlas" ), QStringLiteral( "htsplanExportCities" ), settings.value( kSettings + QStringLiteral( "cities" ), true ).toBool(), this );
  mAnalyses = checkBox( tr( "Analyses" ), QStringLiteral( "htsplanExportAnalyses" ), settings.value( kSettings + QStringLiteral( "analyses" ), true ).toBool(), this );
  auto pages = new QHBoxLayout;
  pages->addWidget( mOverview );
  pages->addWidget( mCities );
  pages->addWidget( mAnalyses );

  mPaper = new QComboBox( this );
  mPaper->setObjectName( QStringLiteral( "htsplanExportPaper" ) );
  mPaper->addItem( QStringLiteral( "A4" ), QStringLiteral( "a4" ) );
  mPaper->addItem( QStringLiteral( "A3" ), QStringLiteral( "a3" ) );
  mPaper->setCurrentIndex( std::max( 0, mPaper->findData( settings.value( kSettings + QStringLiteral( "paper" ), QStringLiteral( "a4" ) ) ) ) );

  mPdf = checkBox( QStringLiteral( "PDF" ), QStringLiteral( "htsplanExportPdf" ), settings.value( kSettings + QStringLiteral( "pdf" ), true ).toBool(), this );
  mPng = checkBox( QStringLiteral( "PNG" ), QStringLiteral( "htsplanExportPng" ), settings.value( kSettings + QStringLiteral( "png" ), true ).toBool(), this );
  mSvg = checkBox( QStringLiteral( "SVG" ), QStringLiteral( "htsplanExportSvg" ), settings.value( kSettings + QStringLiteral( "svg" ), false ).toBool(), this );
  mDpi = new QSpinBox( this );
  mDpi->setObjectName( QStringLiteral( "htsplanExportDpi" ) );
  mDpi->setRange( 72, 600 );
  mDpi->setSuffix( QStringLiteral( " dpi" ) );
  mDpi->setValue( settings.value( kSettings + QStringLiteral( "dpi" ), 300 ).toInt() );
  auto formats = new QHBoxLayout;
  formats->addWidget( mPdf );
  formats->addWidget( mPng );
  formats->addWidget( mDpi );
  formats->addWidget( mSvg );
  formats->addStretch();
  mCityPdfs = checkBox( tr( "One PDF per city" ), QStringLiteral( "htsplanExportCityPdfs" ),
                        settings.value( kSettings + QStringLiteral( "city_pdfs" ), false ).toBool(), this );

  // The planner's edited copies first: the Layout Manager's templates folder, when it holds htsplan's.
  mTemplates = new QgsFileWidget( this );
  mTemplates->setObjectName( QStringLiteral( "htsplanExportTemplates" ) );
  mTemplates->setStorageMode( QgsFileWidget::GetDirectory );
  mTemplates->setDialogTitle( tr( "Templates folder" ) );
  const QString remembered = settings.value( kSettings + QStringLiteral( "templates" ) ).toString();
  const QString profile = profileTemplatesDir();
  mTemplates->setFilePath( !remembered.isEmpty() && QFileInfo( remembered ).isDir() ? remembered : ( !profile.isEmpty() ? profile : bundledTemplatesDir() ) );
  mTemplates->setToolTip( templateFiles::all().join( QStringLiteral( ", " ) ) + tr( "; bundled: %1" ).arg( bundledTemplatesDir() ) );

  mOut = new QgsFileWidget( this );
  mOut->setObjectName( QStringLiteral( "htsplanExportOut" ) );
  mOut->setStorageMode( QgsFileWidget::GetDirectory );
  mOut->setDialogTitle( tr( "Output folder" ) );
  mOut->setFilePath( settings.value( kSettings + QStringLiteral( "out" ), QDir::homePath() + QStringLiteral( "/htsplan_meeting_pack" ) ).toString() );
  mOut->setToolTip( tr( "A new or empty folder, or an earlier pack's (replaced whole)" ) );

  auto form = new QFormLayout;
  form->addRow( tr( "Facilities" ), mFacilities );
  form->addRow( tr( "Divisions" ), mVintage );
  form->addRow( tr( "Evaluation year" ), mYear );
  form->addRow( tr( "Pages" ), pages );
  form->addRow( tr( "Overview paper" ), mPaper );
  form->addRow( tr( "Formats" ), formats );
  form->addRow( QString(), mCityPdfs );
  form->addRow( tr( "Templates" ), mTemplates );
  form->addRow( tr( "Output folder" ), mOut );

  mButtons = new QDialogButtonBox( QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this );
  mButtons->button( QDialogButtonBox::Ok )->setText( tr( "Export" ) );
  mButtons->button( QDialogButtonBox::Ok )->setObjectName( QStringLiteral( "htsplanExportRun" ) );
  mButtons->button( QDialogButtonBox::Cancel )->setText( tr( "Cancel" ) ); // Qt's own text follows Qt's translation, not ours
  connect( mButtons, &QDialogButtonBox::accepted, this, [this] {
    remember();
    accept();
  } );
  connect( mButtons, &QDialogButtonBox::rejected, this, &QDialog::reject );

  auto layout = new QVBoxLayout( this );
  layout->addLayout( form );
  layout->addWidget( mButtons );

  for ( QCheckBox *box : { mOverview, mCities, mAnalyses, mPdf, mPng, mSvg, mCityPdfs } )
    connect( box, &QCheckBox::toggled, this, &ExportDialog::updateOk );
  connect( mFacilities, &QgsFileWidget::fileChanged, this, &ExportDialog::updateOk );
  connect( mOut, &QgsFileWidget::fileChanged, this, &ExportDialog::updateOk );
  connect( mTemplates, &QgsFileWidget::fileChanged, this, &ExportDialog::updateOk );
  updateOk();
}

void ExportDialog::updateOk()
{
  mPaper->setEnabled( mOverview->isChecked() );
  mDpi->setEnabled( mPng->isChecked() );
  mCityPdfs->setEnabled( mCities->isChecked() );
  const bool pages = mOverview->isChecked() || mCities->isChecked() || mAnalyses->isChecked();
  const bool formats = mPdf->isChecked() || mPng->isChecked() || mSvg->isChecked() || ( mCityPdfs->isChecked() && mCities->isChecked() );
  const bool ok = pages && formats && QFileInfo::exists( mFacilities->filePath() ) && QFileInfo( mTemplates->filePath() ).isDir() &&
                  !mOut->filePath().trimmed().isEmpty();
  mButtons->button( QDialogButtonBox::Ok )->setEnabled( ok );
}

void ExportDialog::remember() const
{
  QgsSettings settings;
  settings.setValue( kSettings + QStringLiteral( "year" ), mYear->value() );
  settings.setValue( kSettings + QStringLiteral( "overview" ), mOverview->isChecked() );
  settings.setValue( kSettings + QStringLiteral( "cities" ), mCities->isChecked() );
  settings.setValue( kSettings + QStringLiteral( "analyses" ), mAnalyses->isChecked() );
  settings.setValue( kSettings + QStringLiteral( "paper" ), mPaper->currentData() );
  settings.setValue( kSettings + QStringLiteral( "pdf" ), mPdf->isChecked() );
  settings.setValue( kSettings + QStringLiteral( "png" ), mPng->isChecked() );
  settings.setValue( kSettings + QStringLiteral( "svg" ), mSvg->isChecked() );
  settings.setValue( kSettings + QStringLiteral( "dpi" ), mDpi->value() );
  settings.setValue( kSettings + QStringLiteral( "city_pdfs" ), mCityPdfs->isChecked() );
  // A folder of the planner's own only: the bundled and the profile's are found again each time.
  const QString templates = QDir::cleanPath( mTemplates->filePath() );
  const bool own = templates != QDir::cleanPath( bundledTemplatesDir() ) && templates != profileTemplatesDir();
  settings.setValue( kSettings + QStringLiteral( "templates" ), own ? templates : QString() );
  settings.setValue( kSettings + QStringLiteral( "out" ), mOut->filePath() );
}

ReportRequest ExportDialog::request() const
{
  ReportRequest r;
  r.inputs.facilitiesPath = mFacilities->filePath().toStdString();
  r.inputs.vintage = static_cast<Vintage>( mVintage->currentData().toInt() );
  r.options.figures.year = mYear->value() == kTargetYear ? 0 : mYear->value();
  r.outDir = mOut->filePath().trimmed().toStdString();
  r.withMap = false;
  PackRequest pack;
  pack.overview = mOverview->isChecked();
  pack.cities = mCities->isChecked();
  pack.analyses = mAnalyses->isChecked();
  pack.overviewPaper = mPaper->currentData().toString() == QLatin1String( "a3" ) ? Paper::A3 : Paper::A4;
  pack.pdf = mPdf->isChecked();
  pack.png = mPng->isChecked();
  pack.svg = mSvg->isChecked();
  pack.dpi = mDpi->value();
  pack.cityPdfs = mCityPdfs->isChecked() && pack.cities;
  const QString templates = QDir::cleanPath( mTemplates->filePath() );
  pack.templatesDir = templates == QDir::cleanPath( bundledTemplatesDir() ) ? std::string() : templates.toStdString();
  r.pack = pack;
  return r;
}

} // namespace htsplan
