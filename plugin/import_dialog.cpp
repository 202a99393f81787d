#include "plugin/import_dialog.h"

#include "layers/import/china_coords.h"
#include "layers/import/columns.h"
#include "layers/import/register_reader.h"
#include "plugin/layer_names.h"
#include "processing/import_list_algorithm.h"

#include <qgsfilewidget.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QScopeGuard>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <functional>

namespace htsplan
{

namespace
{

constexpr int kPreviewRows = 20;

constexpr std::array<Role, 11> kRoles = { Role::Name, Role::Kind, Role::Sector, Role::Status, Role::Year, Role::Revenue,
                                          Role::Lon, Role::Lat, Role::Id, Role::Parent, Role::ZoneType };

QString roleLabel( Role role )
{
  const QString key = QString::fromLatin1( roleKey( role ) );
  switch ( role )
  {
    case Role::Name: return QCoreApplication::translate( "htsplan::ImportDialog", "Name" ) + QLatin1Char( ' ' ) + key;
    case Role::Kind: return QCoreApplication::translate( "htsplan::ImportDialog", "Kind" ) + QLatin1Char( ' ' ) + key;
    case Role::Sector: return QCoreApplication::translate( "htsplan::ImportDialog", "Sector" ) + QLatin1Char( ' ' ) + key;
    case Role::Status: return QCoreApplication::translate( "htsplan::ImportDialog", "Status" ) + QLatin1Char( ' ' ) + key;
    case Role::Year: return QCoreApplication::translate( "htsplan::ImportDialog", "Year recognised" ) + QLatin1Char( ' ' ) + key;
    case Role::Revenue: return QCoreApplication::translate( "htsplan::ImportDialog", "Revenue" ) + QLatin1Char( ' ' ) + key;
    case Role::Lon: return QCoreApplication::translate( "htsplan::ImportDialog", "Longitude" ) + QLatin1Char( ' ' ) + key;
    case Role::Lat: return QCoreApplication::translate( "htsplan::ImportDialog", "Latitude" ) + QLatin1Char( ' ' ) + key;
    case Role::Id: return QCoreApplication::translate( "htsplan::ImportDialog", "Id" ) + QLatin1Char( ' ' ) + key;
    case Role::Parent: return QCoreApplication::translate( "htsplan::ImportDialog", "Belongs to" ) + QLatin1Char( ' ' ) + key;
    case Role::ZoneType: return QCoreApplication::translate( "htsplan::ImportDialog", "Zone type" ) + QLatin1Char( ' ' ) + key;
  }
  return key;
}

QString crsLabel( SourceCrs crs )
{
  const QString label = QString::fromUtf8( sourceCrsLabel( crs ) );
  switch ( crs )
  {
    case SourceCrs::Cgcs2000: return QCoreApplication::translate( "htsplan::ImportDialog", "China Geodetic 2000" ) + QLatin1Char( ' ' ) + label;
    case SourceCrs::Wgs84: return QStringLiteral( "GPS " ) + label;
    case SourceCrs::Gcj02: return QCoreApplication::translate( "htsplan::ImportDialog", "Amap/Tencent" ) + QLatin1Char( ' ' ) + label;
    case SourceCrs::Bd09: return QCoreApplication::translate( "htsplan::ImportDialog", "Baidu" ) + QLatin1Char( ' ' ) + label;
  }
  return label;
}

//! The CRS parameter's options as SourceCrs values, in importCrsKeys() order.
std::vector<SourceCrs> crsChoices()
{
  std::vector<SourceCrs> choices;
  for ( const QString &key : importCrsKeys() )
    if ( const std::optional<SourceCrs> crs = parseSourceCrs( key.toStdString() ) )
      choices.push_back( *crs );
  return choices;
}

const QString kWarningStyle = QStringLiteral( "QLabel { color: #8a4b00; background: #fff3cd; border: 1px solid #e0b252; padding: 3px; }" );

} // namespace

ImportDialog::ImportDialog( QWidget *parent )
  : QDialog( parent )
{
  setObjectName( QStringLiteral( "htsplanImportDialog" ) );
  setWindowTitle( tr( "Import a register" ) );
  resize( 1100, 780 );

  mFile = new QgsFileWidget( this );
  mFile->setObjectName( QStringLiteral( "htsplanImportFile" ) );
  mFile->setFilter( tr( "Registers (%1);;All files (*)" ).arg( QString::fromLatin1( registerFileFilter() ) ) );
  mFile->setDialogTitle( tr( "Choose a register" ) );

  mSheet = new QComboBox( this );
  mSheet->setObjectName( QStringLiteral( "htsplanImportSheet" ) );
  mSheet->setToolTip( tr( "Sheet or layer" ) );

  mEncoding = new QComboBox( this );
  mEncoding->setObjectName( QStringLiteral( "htsplanImportEncoding" ) );
  mEncoding->addItem( tr( "Detected" ), QString() );
  mEncoding->addItem( QStringLiteral( "UTF-8" ), QStringLiteral( "UTF-8" ) );
  mEncoding->addItem( QStringLiteral( "GB18030 (GBK, GB2312)" ), QStringLiteral( "GB18030" ) );
  mEncoding->addItem( tr( "Big5 (traditional Chinese)" ), QStringLiteral( "BIG5" ) );
  mEncodingWarning = new QLabel( this );
  mEncodingWarning->setObjectName( QStringLiteral( "htsplanImportEncodingWarning" ) );
  mEncodingWarning->setStyleSheet( kWarningStyle );
  mEncodingWarning->setWordWrap( true );
  mEncodingWarning->hide();

  mCrs = new QComboBox( this );
  mCrs->setObjectName( QStringLiteral( "htsplanImportCrs" ) );
  for ( SourceCrs crs : crsChoices() )
    mCrs->addItem( crsLabel( crs ), QString::fromLatin1( sourceCrsKey( crs ) ) );
  mCrsHint = new QLabel( this );
  mCrsHint->setObjectName( QStringLiteral( "htsplanImportCrsHint" ) );
  mCrsHint->setStyleSheet( kWarningStyle );
  mCrsHint->setWordWrap( true );
  mCrsHint->hide();

  mKind = new QComboBox( this );
  mKind->setObjectName( QStringLiteral( "htsplanImportKind" ) );
  mKind->addItem( tr( "From the register's kind column" ) );
  for ( Kind kind : allKinds() )
    mKind->addItem( tr( "All: %1" ).arg( kindTitle( kind ) ) );

  auto form = new QFormLayout;
  form->addRow( tr( "Register" ), mFile );
  form->addRow( tr( "Sheet" ), mSheet );
  auto encodingBox = new QVBoxLayout;
  encodingBox->addWidget( mEncoding );
  encodingBox->addWidget( mEncodingWarning );
  form->addRow( tr( "Encoding" ), encodingBox );
  auto crsBox = new QVBoxLayout;
  crsBox->addWidget( mCrs );
  crsBox->addWidget( mCrsHint );
  form->addRow( tr( "Coordinates" ), crsBox );
  form->addRow( tr( "Kind" ), mKind );

  mMapping = new QTableWidget( static_cast<int>( kRoles.size() ), 2, this );
  mMapping->setObjectName( QStringLiteral( "htsplanImportMapping" ) );
  mMapping->setHorizontalHeaderLabels( { tr( "Field" ), tr( "Column" ) } );
  mMapping->verticalHeader()->hide();
  mMapping->verticalHeader()->setDefaultSectionSize( 26 ); // all eleven fields without scrolling
  mMapping->horizontalHeader()->setSectionResizeMode( 0, QHeaderView::ResizeToContents );
  mMapping->horizontalHeader()->setStretchLastSection( true );
  mMapping->setSelectionMode( QAbstractItemView::NoSelection );
  for ( int row = 0; row < static_cast<int>( kRoles.size() ); ++row )
  {
    const Role role = kRoles[static_cast<size_t>( row )];
    auto item = new QTableWidgetItem( roleLabel( role ) );
    item->setFlags( Qt::ItemIsEnabled );
    item->setData( Qt::UserRole, QString::fromLatin1( roleKey( role ) ) );
    mMapping->setItem( row, 0, item );
    auto combo = new QComboBox( mMapping );
    combo->setObjectName( QStringLiteral( "htsplanImportMapping_" ) + QString::fromLatin1( roleKey( role ) ) );
    mMapping->setCellWidget( row, 1, combo );
    connect( combo, qOverload<int>( &QComboBox::currentIndexChanged ), this, [this] {
      if ( !mFilling )
        updateImportButton();
    } );
  }
  mNotes = new QLabel( this );
  mNotes->setObjectName( QStringLiteral( "htsplanImportNotes" ) );
  mNotes->setWordWrap( true );
  auto mappingBox = new QGroupBox( tr( "Columns" ), this );
  auto mappingLayout = new QVBoxLayout( mappingBox );
  mappingLayout->addWidget( mMapping );
  mappingLayout->addWidget( mNotes );

  mPreview = new QTableWidget( this );
  mPreview->setObjectName( QStringLiteral( "htsplanImportPreview" ) );
  mPreview->setEditTriggers( QAbstractItemView::NoEditTriggers );
  mPreview->setAlternatingRowColors( true );
  auto previewBox = new QGroupBox( tr( "Preview (first %1 rows)" ).arg( kPreviewRows ), this );
  auto previewLayout = new QVBoxLayout( previewBox );
  previewLayout->addWidget( mPreview );

  auto middle = new QHBoxLayout;
  middle->addWidget( mappingBox, 2 );
  middle->addWidget( previewBox, 5 );

  mOutput = new QgsFileWidget( this );
  mOutput->setObjectName( QStringLiteral( "htsplanImportOutput" ) );
  mOutput->setStorageMode( QgsFileWidget::SaveFile );
  mOutput->setFilter( QStringLiteral( "GeoPackage (*.gpkg)" ) );
  mOutput->setDialogTitle( tr( "Output GeoPackage" ) );
  auto outputForm = new QFormLayout;
  outputForm->addRow( tr( "Output" ), mOutput );

  mStatus = new QLabel( this );
  mStatus->setObjectName( QStringLiteral( "htsplanImportStatus" ) );
  mStatus->setWordWrap( true );
  mStatus->setTextInteractionFlags( Qt::TextSelectableByMouse );
  mProgress = new QProgressBar( this );
  mProgress->setObjectName( QStringLiteral( "htsplanImportProgress" ) );
  mProgress->setRange( 0, 100 );
  mProgress->hide();

  auto buttons = new QDialogButtonBox( this );
  mImport = buttons->addButton( tr( "Import" ), QDialogButtonBox::AcceptRole );
  mImport->setObjectName( QStringLiteral( "htsplanImportRun" ) );
  mImport->setDefault( true );
  mCancel = buttons->addButton( tr( "Cancel import" ), QDialogButtonBox::ActionRole );
  mCancel->setObjectName( QStringLiteral( "htsplanImportCancel" ) );
  mCancel->hide();
  connect( mCancel, &QPushButton::clicked, this, &ImportDialog::cancelRequested );
  mClose = buttons->addButton( tr( "Close" ), QDialogButtonBox::RejectRole );
  connect( mImport, &QPushButton::clicked, this, &ImportDialog::requestImport );
  connect( mClose, &QPushButton::clicked, this, &QDialog::reject );

  auto layout = new QVBoxLayout( this );
  layout->addLayout( form );
  layout->addLayout( middle, 1 );
  layout->addLayout( outputForm );
  layout->addWidget( mStatus );
  layout->addWidget( mProgress );
  layout->addWidget( buttons );

  connect( mFile, &QgsFileWidget::fileChanged, this, &ImportDialog::fileChanged );
  connect( mOutput, &QgsFileWidget::fileChanged, this, &ImportDialog::updateImportButton );
  connect( mSheet, qOverload<int>( &QComboBox::currentIndexChanged ), this, [this] {
    if ( !mFilling )
      refreshPreview();
  } );
  connect( mEncoding, qOverload<int>( &QComboBox::currentIndexChanged ), this, [this] {
    if ( !mFilling )
      refreshPreview();
  } );
  connect( mKind, qOverload<int>( &QComboBox::currentIndexChanged ), this, &ImportDialog::updateImportButton );
  clearPreview( tr( "Choose a register (Excel, CSV, shapefile, GeoJSON, GeoPackage)" ) );
}

void ImportDialog::setRegisterPath( const QString &path )
{
  mFile->setFilePath( path ); // fileChanged() previews it
}

QString ImportDialog::registerPath() const
{
  return mFile->filePath();
}

QString ImportDialog::outputPath() const
{
  return mOutput->filePath();
}

void ImportDialog::fileChanged()
{
  // A Qt slot: nothing may escape into QGIS's event loop.
  try
  {
    const QString path = mFile->filePath();
    const QFileInfo info( path );
    if ( !path.isEmpty() && ( mOutput->filePath().isEmpty() || mOutput->filePath() == mDefaultOutput ) )
    {
      mDefaultOutput = QDir( info.absolutePath() ).filePath( info.completeBaseName() + QStringLiteral( "_htsplan.gpkg" ) );
      mOutput->setFilePath( mDefaultOutput );
    }
    mFilling = true;
    mSheet->clear();
    mEncoding->setCurrentIndex( 0 );
    mCrs->setCurrentIndex( 0 );
    mKind->setCurrentIndex( 0 );
    mFilling = false;
    mApplyHint = true;
    refreshPreview();
  }
  catch ( const std::exception &e )
  {
    mFilling = false;
    clearPreview( QString::fromStdString( e.what() ) );
  }
  catch ( ... )
  {
    mFilling = false;
    clearPreview( tr( "unknown error" ) );
  }
}

void ImportDialog::refreshPreview()
{
  const QString path = mFile->filePath();
  if ( path.isEmpty() )
  {
    clearPreview( tr( "Choose a register" ) );
    return;
  }
  if ( !QFileInfo( path ).isFile() )
  {
    clearPreview( tr( "No such file: %1" ).arg( path ) );
    return;
  }
  try
  {
    ImportOptions options;
    if ( mSheet->count() > 0 )
      options.read.sheet = mSheet->currentText().toStdString();
    options.read.encoding = mEncoding->currentData().toString().toStdString();
    showPreview( previewRegister( path.toStdString(), options, kPreviewRows ) );
  }
  catch ( const std::exception &e )
  {
    clearPreview( tr( "Cannot read the register: %1" ).arg( QString::fromStdString( e.what() ) ) );
  }
  catch ( ... )
  {
    clearPreview( tr( "Cannot read the register: unknown error" ) );
  }
  mApplyHint = false;
}

void ImportDialog::showPreview( const RegisterPreview &preview )
{
  mFilling = true;
  const auto restore = qScopeGuard( [this] { mFilling = false; } );
  mPreviewData = preview;

  mSheet->clear();
  for ( const std::string &sheet : preview.sheets )
    mSheet->addItem( QString::fromStdString( sheet ) );
  mSheet->setCurrentText( QString::fromStdString( preview.sheet ) );
  mSheet->setEnabled( preview.sheets.size() > 1 );

  const QString encoding = QString::fromStdString( preview.encoding );
  mEncoding->setItemText( 0, tr( "Detected: %1" ).arg( encoding ) );
  mEncoding->setToolTip( QString::fromStdString( preview.encodingReason ) );
  if ( preview.encodingGuessed )
  {
    mEncodingWarning->setText( tr( "Encoding guessed: %1 (%2); if the Chinese below looks wrong, choose the encoding." )
                                 .arg( encoding, QString::fromStdString( preview.encodingReason ) ) );
    mEncodingWarning->show();
  }
  else
  {
    mEncodingWarning->hide();
  }

  if ( preview.hintedCrs )
  {
    const QString label = QString::fromUtf8( sourceCrsLabel( *preview.hintedCrs ) );
    const QString hint = QString::fromStdString( preview.crsHint );
    if ( mApplyHint )
    {
      const int index = mCrs->findData( QString::fromLatin1( sourceCrsKey( *preview.hintedCrs ) ) );
      if ( index >= 0 )
        mCrs->setCurrentIndex( index );
    }
    mCrsHint->setText( tr( "“%1” suggests %2 (preselected): please check." ).arg( hint, label ) );
    mCrsHint->show();
  }
  else
  {
    mCrsHint->hide();
  }

  QStringList headers;
  for ( const std::string &header : preview.headers )
    headers << QString::fromStdString( header );
  QMap<int, Role> roleOfColumn;
  for ( const auto &[role, column] : preview.mapping.columns )
    roleOfColumn.insert( column, role );

  for ( int row = 0; row < static_cast<int>( kRoles.size() ); ++row )
  {
    const Role role = kRoles[static_cast<size_t>( row )];
    auto combo = qobject_cast<QComboBox *>( mMapping->cellWidget( row, 1 ) );
    combo->clear();
    combo->addItem( tr( "(none)" ), -1 );
    for ( int column = 0; column < headers.size(); ++column )
      combo->addItem( headers.at( column ), column );
    const auto found = preview.mapping.columns.find( role );
    combo->setCurrentIndex( found == preview.mapping.columns.end() ? 0 : combo->findData( found->second ) );
  }

  QStringList notes;
  for ( const std::string &note : preview.mapping.notes )
    notes << QString::fromStdString( note );
  mNotes->setText( notes.join( '\n' ) );
  mNotes->setVisible( !notes.isEmpty() );

  mPreview->clear();
  mPreview->setColumnCount( headers.size() );
  mPreview->setRowCount( static_cast<int>( preview.rows.size() ) );
  for ( int column = 0; column < headers.size(); ++column )
  {
    QString title = headers.at( column );
    if ( roleOfColumn.contains( column ) )
      title += QStringLiteral( "\n→ " ) + roleLabel( roleOfColumn.value( column ) );
    mPreview->setHorizontalHeaderItem( column, new QTableWidgetItem( title ) );
  }
  QStringList rowNumbers;
  for ( int row = 0; row < static_cast<int>( preview.rows.size() ); ++row )
  {
    const RegisterRow &source = preview.rows[static_cast<size_t>( row )];
    rowNumbers << QString::number( source.number );
    for ( int column = 0; column < static_cast<int>( source.cells.size() ) && column < headers.size(); ++column )
      mPreview->setItem( row, column, new QTableWidgetItem( QString::fromStdString( source.cells[static_cast<size_t>( column )] ) ) );
  }
  mPreview->setVerticalHeaderLabels( rowNumbers );
  mPreview->resizeColumnsToContents();

  mSummary = tr( "%1 · %2 · %3 columns · %4 rows previewed" )
               .arg( QString::fromStdString( preview.format ), encoding )
               .arg( headers.size() )
               .arg( preview.rows.size() );
  mStatus->setStyleSheet( QString() );
  mStatus->setText( mSummary );
  updateImportButton();
}

void ImportDialog::clearPreview( const QString &message )
{
  mFilling = true;
  mPreviewData.reset();
  mPreview->clear();
  mPreview->setRowCount( 0 );
  mPreview->setColumnCount( 0 );
  for ( int row = 0; row < mMapping->rowCount(); ++row )
    if ( auto combo = qobject_cast<QComboBox *>( mMapping->cellWidget( row, 1 ) ) )
      combo->clear();
  mEncodingWarning->hide();
  mCrsHint->hide();
  mNotes->hide();
  mFilling = false;
  mStatus->setText( message );
  updateImportButton();
}

QVariantMap ImportDialog::parameters() const
{
  QVariantMap parameters;
  parameters.insert( QStringLiteral( "INPUT" ), mFile->filePath() );
  if ( mSheet->count() > 0 )
    parameters.insert( QStringLiteral( "SHEET" ), mSheet->currentText() );
  parameters.insert( QStringLiteral( "ENCODING" ), mEncoding->currentData().toString() );
  parameters.insert( QStringLiteral( "CRS" ), mCrs->currentIndex() );
  parameters.insert( QStringLiteral( "KIND" ), mKind->currentIndex() );
  QStringList mapping;
  for ( int row = 0; row < mMapping->rowCount(); ++row )
  {
    auto combo = qobject_cast<QComboBox *>( mMapping->cellWidget( row, 1 ) );
    if ( !combo )
      continue;
    // "role=" (no header) tells the importer the role has no column: "(none)" is not guessed over.
    const QString role = mMapping->item( row, 0 )->data( Qt::UserRole ).toString();
    if ( combo->currentData().toInt() >= 0 && combo->currentIndex() > 0 )
      mapping << role + '=' + combo->currentText();
    else
      mapping << role + '=';
  }
  parameters.insert( QStringLiteral( "MAPPING" ), mapping.join( ';' ) );
  parameters.insert( QStringLiteral( "OUTPUT" ), mOutput->filePath() );
  return parameters;
}

void ImportDialog::updateImportButton()
{
  bool ready = mPreviewData.has_value() && !mRunning;
  QString missing;
  if ( ready && mOutput->filePath().trimmed().isEmpty() )
  {
    ready = false;
    missing = tr( "Choose the output GeoPackage" );
  }
  if ( ready && mKind->currentIndex() == 0 )
  {
    // Every row needs a kind: from a column, or one for the whole list.
    const auto kindColumn = qobject_cast<QComboBox *>( mMapping->cellWidget( static_cast<int>( std::find( kRoles.begin(), kRoles.end(), Role::Kind ) - kRoles.begin() ), 1 ) );
    if ( !kindColumn || kindColumn->currentIndex() <= 0 )
    {
      ready = false;
      missing = tr( "The list has no kind column: choose the kind of every row" );
    }
  }
  mImport->setEnabled( ready );
  mImport->setToolTip( missing );
  if ( mPreviewData && !mRunning )
    mStatus->setText( missing.isEmpty() ? mSummary : mSummary + QLatin1Char( '\n' ) + missing );
}

void ImportDialog::requestImport()
{
  try
  {
    if ( mRunning || !mPreviewData )
      return;
    QString output = mOutput->filePath().trimmed();
    if ( !output.endsWith( QLatin1String( ".gpkg" ), Qt::CaseInsensitive ) )
    {
      output += QStringLiteral( ".gpkg" );
      mOutput->setFilePath( output );
    }
    emit importRequested( parameters() );
  }
  catch ( const std::exception &e )
  {
    showError( QString::fromStdString( e.what() ) );
  }
  catch ( ... )
  {
    showError( tr( "unknown error" ) );
  }
}

void ImportDialog::setRunning( bool running )
{
  mRunning = running;
  for ( QWidget *widget : std::initializer_list<QWidget *> { mFile, mSheet, mEncoding, mCrs, mKind, mMapping, mOutput } )
    widget->setEnabled( !running );
  if ( !running && mPreviewData )
    mSheet->setEnabled( mPreviewData->sheets.size() > 1 );
  mProgress->setVisible( running );
  mCancel->setVisible( running );
  mProgress->setValue( 0 );
  if ( running )
  {
    mStatus->setStyleSheet( QString() );
    mStatus->setText( tr( "Importing in the background…" ) );
  }
  updateImportButton();
}

void ImportDialog::setProgress( double progress )
{
  mProgress->setValue( static_cast<int>( progress ) );
}

void ImportDialog::showError( const QString &message )
{
  mStatus->setStyleSheet( QStringLiteral( "QLabel { color: #a00000; }" ) );
  mStatus->setText( tr( "Import failed: %1" ).arg( message ) );
}

} // namespace htsplan
