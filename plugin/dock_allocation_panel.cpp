#include "plugin/dock_allocation_panel.h"

#include "planning/allocation_options.h"
#include "layers/problems.h"
#include "plugin/dock_common.h"

#include <qgsprocessingutils.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace htsplan
{

namespace
{
//! The kinds a target may name (htsplan:allocate's KINDS order).
const std::array<Kind, 4> TargetKinds = { Kind::Base, Kind::Park, Kind::Building, Kind::Enterprise };
const std::array<ApportionMethod, 3> Methods = { ApportionMethod::LargestRemainder, ApportionMethod::DHondt, ApportionMethod::SainteLague };
const QColor Up( 0xc8, 0xe6, 0xc9 ), Down( 0xff, 0xcd, 0xd2 );

const KindAllocation *kindOf( const Allocation &a, Kind kind )
{
  for ( const KindAllocation &k : a.kinds )
    if ( k.kind == kind )
      return &k;
  return nullptr;
}

QString signedText( long long change )
{
  return change > 0 ? QStringLiteral( "+%1" ).arg( change ) : QStringLiteral( "−%1" ).arg( -change );
}
} // namespace

DockAllocationPanel::DockAllocationPanel( QWidget *parent )
  : QWidget( parent )
{
  setObjectName( QStringLiteral( "htsplanAllocationPanel" ) );
  auto *v = new QVBoxLayout( this );
  v->setContentsMargins( 2, 2, 2, 2 );
  mIntro = new QLabel( this );
  mIntro->setObjectName( QStringLiteral( "htsplanAllocIntro" ) );
  mIntro->setWordWrap( true );
  v->addWidget( mIntro );

  // The weights: a factor per basis; one factor alone is that basis, several are a blend.
  auto *weights = new QGridLayout();
  weights->setContentsMargins( 0, 0, 0, 0 );
  for ( int b = 0; b < WeightBasisCount; ++b )
  {
    const QString key = QString::fromLatin1( weightBasisKey( static_cast<WeightBasis>( b ) ) );
    auto *label = new QLabel( this );
    auto *factor = new QDoubleSpinBox( this );
    factor->setObjectName( QStringLiteral( "htsplanAllocFactor_%1" ).arg( key ) );
    factor->setRange( 0, 100 );
    factor->setDecimals( 1 );
    factor->setSingleStep( 0.5 );
    factor->setValue( b == 0 ? 1 : 0 );
    connect( factor, qOverload<double>( &QDoubleSpinBox::valueChanged ), this, [this] { edited(); } );
    mFactors[static_cast<size_t>( b )] = factor;
    mFactorLabels[static_cast<size_t>( b )] = label;
    if ( static_cast<WeightBasis>( b ) == WeightBasis::Table )
    {
      weights->addWidget( label, 2, 0 );
      weights->addWidget( factor, 2, 1 );
    }
    else
    {
      weights->addWidget( label, b / 2, ( b % 2 ) * 2 );
      weights->addWidget( factor, b / 2, ( b % 2 ) * 2 + 1 );
    }
  }
  auto *tableRow = new QHBoxLayout();
  mTablePath = new QLineEdit( this );
  mTablePath->setObjectName( QStringLiteral( "htsplanAllocTablePath" ) );
  mBrowse = new QToolButton( this );
  mBrowse->setText( QStringLiteral( "…" ) );
  connect( mBrowse, &QToolButton::clicked, this, [this] { guarded( "dashboard allocation table", [this] { chooseTable(); } ); } );
  mTableColumn = new QLineEdit( this );
  mTableColumn->setObjectName( QStringLiteral( "htsplanAllocTableColumn" ) );
  mTableColumn->setMaximumWidth( 90 );
  for ( QLineEdit *edit : { mTablePath, mTableColumn } )
    connect( edit, &QLineEdit::editingFinished, this, [this] { edited(); } );
  tableRow->addWidget( mTablePath, 1 );
  tableRow->addWidget( mBrowse );
  tableRow->addWidget( mTableColumn );
  weights->addLayout( tableRow, 2, 2, 1, 2 );
  v->addLayout( weights );

  // Rounding, basis, floors and caps.
  auto *choices = new QGridLayout();
  mMethodLabel = new QLabel( this );
  mMethod = new QComboBox( this );
  mMethod->setObjectName( QStringLiteral( "htsplanAllocMethod" ) );
  mBasisLabel = new QLabel( this );
  mBasis = new QComboBox( this );
  mBasis->setObjectName( QStringLiteral( "htsplanAllocBasis" ) );
  mFloorLabel = new QLabel( this );
  mFloor = new QSpinBox( this );
  mFloor->setObjectName( QStringLiteral( "htsplanAllocFloor" ) );
  mFloor->setRange( 0, 100000 );
  mCapLabel = new QLabel( this );
  mCap = new QSpinBox( this );
  mCap->setObjectName( QStringLiteral( "htsplanAllocCap" ) );
  mCap->setRange( 0, 100000 );
  choices->addWidget( mMethodLabel, 0, 0 );
  choices->addWidget( mMethod, 0, 1 );
  choices->addWidget( mBasisLabel, 0, 2 );
  choices->addWidget( mBasis, 0, 3 );
  choices->addWidget( mFloorLabel, 1, 0 );
  choices->addWidget( mFloor, 1, 1 );
  choices->addWidget( mCapLabel, 1, 2 );
  choices->addWidget( mCap, 1, 3 );
  choices->setColumnStretch( 1, 1 );
  choices->setColumnStretch( 3, 1 );
  v->addLayout( choices );
  for ( QComboBox *combo : { mMethod, mBasis } )
    connect( combo, qOverload<int>( &QComboBox::currentIndexChanged ), this, [this] { edited(); } );
  for ( QSpinBox *box : { mFloor, mCap } )
    connect( box, qOverload<int>( &QSpinBox::valueChanged ), this, [this] { edited(); } );

  // Each kind's target, starting at the targets file's.
  auto *targets = new QGridLayout();
  mTargetsLabel = new QLabel( this );
  QFont bold = mTargetsLabel->font();
  bold.setBold( true );
  mTargetsLabel->setFont( bold );
  targets->addWidget( mTargetsLabel, 0, 0, 1, 3 );
  mReset = new QPushButton( this );
  mReset->setObjectName( QStringLiteral( "htsplanAllocReset" ) );
  connect( mReset, &QPushButton::clicked, this, [this] {
    guarded( "dashboard allocation reset", [this] {
      mSetting = true;
      mPlanTargets.clear();
      for ( const auto &[kind, box] : mTargets )
        if ( mFileTargets.count( kind ) )
          box->setValue( mFileTargets.at( kind ) );
      mSetting = false;
      edited();
    } );
  } );
  targets->addWidget( mReset, 0, 3 );
  for ( size_t k = 0; k < TargetKinds.size(); ++k )
  {
    const Kind kind = TargetKinds[k];
    auto *label = new QLabel( this );
    auto *box = new QSpinBox( this );
    box->setObjectName( QStringLiteral( "htsplanAllocTarget_%1" ).arg( QString::fromLatin1( kindKey( kind ) ) ) );
    box->setRange( 0, 1000000 );
    connect( box, qOverload<int>( &QSpinBox::valueChanged ), this, [this, kind]( int value ) {
      if ( mSetting )
        return;
      if ( mFileTargets.count( kind ) && mFileTargets.at( kind ) == value )
        mPlanTargets.erase( kind );
      else
        mPlanTargets[kind] = value;
      edited();
    } );
    mTargets[kind] = box;
    mTargetLabels[kind] = label;
    const int row = 1 + static_cast<int>( k / 2 ), column = static_cast<int>( k % 2 ) * 2;
    targets->addWidget( label, row, column );
    targets->addWidget( box, row, column + 1 );
  }
  v->addLayout( targets );

  // The split of one kind, city by city, with the change since the last edit.
  auto *kindRow = new QHBoxLayout();
  mKindLabel = new QLabel( this );
  kindRow->addWidget( mKindLabel );
  mKind = new QComboBox( this );
  mKind->setObjectName( QStringLiteral( "htsplanAllocKind" ) );
  connect( mKind, qOverload<int>( &QComboBox::currentIndexChanged ), this, [this] { guarded( "dashboard allocation kind", [this] { showSplit(); } ); } );
  kindRow->addWidget( mKind, 1 );
  v->addLayout( kindRow );
  mErrorLabel = new QLabel( this );
  mErrorLabel->setObjectName( QStringLiteral( "htsplanAllocError" ) );
  mErrorLabel->setWordWrap( true );
  mErrorLabel->setTextInteractionFlags( Qt::TextSelectableByMouse );
  mErrorLabel->setStyleSheet( QStringLiteral( "color: #c62828;" ) );
  mErrorLabel->hide();
  v->addWidget( mErrorLabel );
  mSplit = new QTableWidget( 0, 5, this );
  mSplit->setObjectName( QStringLiteral( "htsplanAllocTable" ) );
  mSplit->setEditTriggers( QAbstractItemView::NoEditTriggers );
  mSplit->setSelectionMode( QAbstractItemView::NoSelection );
  mSplit->verticalHeader()->hide();
  mSplit->verticalHeader()->setDefaultSectionSize( mSplit->fontMetrics().height() + 6 );
  mSplit->horizontalHeader()->setSectionResizeMode( QHeaderView::ResizeToContents );
  mSplit->horizontalHeader()->setSectionResizeMode( 0, QHeaderView::Stretch );
  mSplit->setMinimumHeight( 260 );
  v->addWidget( mSplit, 1 );
  mNotes = new QLabel( this );
  mNotes->setObjectName( QStringLiteral( "htsplanAllocNotes" ) );
  mNotes->setWordWrap( true );
  mNotes->setTextInteractionFlags( Qt::TextSelectableByMouse );
  v->addWidget( mNotes );
  auto *mapRow = new QHBoxLayout();
  mAddToMap = new QPushButton( this );
  mAddToMap->setObjectName( QStringLiteral( "htsplanAllocAddToMap" ) );
  connect( mAddToMap, &QPushButton::clicked, this, [this] { guarded( "dashboard allocation map", [this] { addToMap(); } ); } );
  mapRow->addWidget( mAddToMap );
  mMapStatus = new QLabel( this );
  mMapStatus->setObjectName( QStringLiteral( "htsplanAllocStatus" ) );
  mMapStatus->setWordWrap( true );
  mapRow->addWidget( mMapStatus, 1 );
  v->addLayout( mapRow );
}

void DockAllocationPanel::retranslate()
{
  mSetting = true;
  const std::array<QString, WeightBasisCount> factorNames = { tr( "Population" ), tr( "Area" ), tr( "Current count" ), tr( "Equal share" ), tr( "Table" ) };
  for ( size_t b = 0; b < mFactors.size(); ++b )
  {
    mFactorLabels[b]->setText( factorNames[b] );
    mFactors[b]->setToolTip( tr( "Factor of this weight in the blend (0: not used; one factor alone: that weight)" ) );
  }
  mTablePath->setPlaceholderText( tr( "weights table (CSV or sheet, by city code)" ) );
  mTableColumn->setPlaceholderText( tr( "column" ) );
  mTableColumn->setToolTip( tr( "The table's numeric column (e.g. gdp)" ) );
  mMethodLabel->setText( tr( "Rounding" ) );
  mBasisLabel->setText( tr( "Basis" ) );
  mFloorLabel->setText( tr( "Floor" ) );
  mFloor->setToolTip( tr( "Fewest new carriers per city, every city" ) );
  mCapLabel->setText( tr( "Cap" ) );
  mCap->setToolTip( tr( "Most new carriers per city, every city (0: no cap)" ) );
  const int method = std::max( 0, mMethod->currentIndex() ), basis = std::max( 0, mBasis->currentIndex() );
  mMethod->clear();
  mMethod->addItems( { tr( "Hamilton" ), tr( "D'Hondt" ), tr( "Sainte-Laguë" ) } );
  mMethod->setToolTip( tr( "Hamilton: the largest remainders get the last carriers. D'Hondt, Sainte-Laguë: carrier by carrier to the largest weight / (n + 1), or / (2n + 1)." ) );
  mMethod->setCurrentIndex( method );
  mBasis->clear();
  mBasis->addItems( { tr( "Remaining" ), tr( "Fill up" ) } );
  mBasis->setCurrentIndex( basis );
  mBasis->setToolTip( tr( "Remaining: what remains is split by weight. Fill up: the whole target is split by weight and what remains fills each city up to its share; "
                          "a city already over its share gets its floor only." ) );
  mTargetsLabel->setText( tr( "Targets" ) );
  mReset->setText( tr( "As in the targets file" ) );
  for ( const auto &[kind, label] : mTargetLabels )
    label->setText( kindShort( kind ) );
  mKindLabel->setText( tr( "Split of:" ) );
  const int kind = mKind->currentIndex();
  mKind->clear();
  for ( Kind k : TargetKinds )
    if ( mFileTargets.count( k ) )
      mKind->addItem( kindLong( k ), static_cast<int>( k ) );
  mKind->setCurrentIndex( kind >= 0 && kind < mKind->count() ? kind : std::min( 1, mKind->count() - 1 ) );
  mSplit->setHorizontalHeaderLabels( { tr( "City" ), tr( "Now" ), tr( "+ New" ), tr( "= Expected" ), tr( "Change" ) } );
  mSplit->horizontalHeaderItem( 4 )->setToolTip( tr( "How the city's new carriers moved with the last change" ) );
  mAddToMap->setText( tr( "Add to map" ) );
  mAddToMap->setToolTip( tr( "Run htsplan:allocate with these choices: a city layer per kind in \"htsplan results\"" ) );
  mSetting = false;
  if ( mData )
  {
    mIntro->setText( tr( "What remains of the targets with the carriers counted in %1, split among the %2 cities: change a weight or a target and see the split move." )
                       .arg( mYear )
                       .arg( mData->dashboard->metrics().cities.size() ) );
    showSplit();
    showNotes();
  }
  if ( !mError.isEmpty() )
    mErrorLabel->setText( tr( "Cannot split: %1" ).arg( mError ) );
}

std::optional<AllocationOptions> DockAllocationPanel::splitOptions() const
{
  if ( !mError.isEmpty() || !mNow )
    return std::nullopt;
  return mNow->options;
}

AllocationPlan DockAllocationPanel::plan() const
{
  AllocationPlan plan;
  AllocationOptions &o = plan.options;
  o.method = Methods.at( static_cast<size_t>( std::clamp( mMethod->currentIndex(), 0, 2 ) ) );
  o.basis = mBasis->currentIndex() == 1 ? AllocationBasis::FillUp : AllocationBasis::Remaining;
  for ( size_t b = 0; b < mFactors.size(); ++b )
    o.blend[b] = mFactors[b]->value();
  o.floorAll = mFloor->value();
  o.capAll = mCap->value() > 0 ? mCap->value() : -1;
  plan.targets = mPlanTargets;
  plan.tablePath = mTablePath->text().trimmed().toStdString();
  plan.tableColumn = mTableColumn->text().trimmed().toStdString();
  return plan;
}

void DockAllocationPanel::setPlan( const AllocationPlan &plan )
{
  mSetting = true;
  const AllocationOptions &o = plan.options;
  for ( size_t m = 0; m < Methods.size(); ++m )
    if ( Methods[m] == o.method )
      mMethod->setCurrentIndex( static_cast<int>( m ) );
  mBasis->setCurrentIndex( o.basis == AllocationBasis::FillUp ? 1 : 0 );
  for ( size_t b = 0; b < mFactors.size(); ++b )
    mFactors[b]->setValue( o.blend[b] );
  mFloor->setValue( static_cast<int>( o.floorAll ) );
  mCap->setValue( o.capAll > 0 ? static_cast<int>( o.capAll ) : 0 );
  mTablePath->setText( QString::fromStdString( plan.tablePath ) );
  mTableColumn->setText( QString::fromStdString( plan.tableColumn ) );
  mPlanTargets = plan.targets;
  for ( const auto &[kind, box] : mTargets )
    if ( mPlanTargets.count( kind ) )
      box->setValue( mPlanTargets.at( kind ) );
    else if ( mFileTargets.count( kind ) )
      box->setValue( mFileTargets.at( kind ) );
  mSetting = false;
  mBefore.reset();
  recompute( false );
}

void DockAllocationPanel::setData( std::shared_ptr<const DashboardData> loaded )
{
  // The same load shown again (a language switch): the split and its changes stay.
  if ( loaded == mData )
  {
    retranslate();
    return;
  }
  mData = std::move( loaded );
  mFileTargets.clear();
  for ( const TargetProgress &t : mData->dashboard->metrics().targets )
    mFileTargets[t.kind] = t.target;
  mSetting = true;
  for ( const auto &[kind, box] : mTargets )
  {
    const bool has = mFileTargets.count( kind ) > 0;
    box->setVisible( has );
    mTargetLabels.at( kind )->setVisible( has );
    if ( has )
      box->setValue( mPlanTargets.count( kind ) ? mPlanTargets.at( kind ) : mFileTargets.at( kind ) );
  }
  mSetting = false;
  mBefore.reset();
  mNow.reset();
  retranslate(); // the kinds of the file in the kind choice
  recompute( false );
}

void DockAllocationPanel::setYear( int year )
{
  if ( year == mYear )
    return;
  mYear = year;
  recompute( true );
}

std::map<std::string, double> DockAllocationPanel::tableWeights( std::string &name )
{
  const QString path = mTablePath->text().trimmed(), column = mTableColumn->text().trimmed();
  if ( path.isEmpty() || column.isEmpty() )
    throw InputError( tr( "weights from a table need the table and its column" ).toStdString() );
  if ( !mTable || mTable->path != path || mTable->column != column )
  {
    mTable.reset();
    std::vector<std::pair<std::string, std::string>> cities;
    for ( const UnitStats &c : mData->dashboard->metrics().cities )
      cities.emplace_back( c.code, c.nameZh );
    AllocationOptions read;
    readWeightsTable( read, path.toStdString(), column.toStdString(), cities, "weights table" );
    mTable = ReadTable{ path, column, QString::fromStdString( read.tableName ), read.table };
  }
  name = mTable->name.toStdString();
  return mTable->byCode;
}

void DockAllocationPanel::edited()
{
  if ( mSetting )
    return;
  // Split first: the dock's behind-pace flags read the new split's options when told.
  recompute( true );
  guarded( "dashboard allocation edit", [this] { emit planChanged(); } );
}

void DockAllocationPanel::recompute( bool edit )
{
  if ( mSetting )
    return;
  guarded( "dashboard allocation", [&] {
    if ( !mData || mYear < mData->dashboard->firstYear() || mYear > mData->dashboard->lastYear() )
      return;
    const Dashboard &d = *mData->dashboard;
    const AllocationCounts counts = allocationCounts( d.view( mYear ) );
    const AllocationPlan p = plan();
    AllocationOptions options = p.options;
    mError.clear();
    try
    {
      if ( options.blend[static_cast<size_t>( WeightBasis::Table )] > 0 )
        options.table = tableWeights( options.tableName );
      Allocation split = allocateTargets( d.metrics(), withPlanTargets( counts, p ), options );
      if ( edit && mNow )
        mBefore = mNow;
      else if ( !edit )
        mBefore.reset();
      mNow = std::move( split );
    }
    catch ( const std::exception &e ) // InputError from the split or the table: said, the last split kept greyed
    {
      mError = QString::fromStdString( e.what() );
    }
    mErrorLabel->setVisible( !mError.isEmpty() );
    mErrorLabel->setText( tr( "Cannot split: %1" ).arg( mError ) );
    mSplit->setEnabled( mError.isEmpty() );
    mAddToMap->setEnabled( mError.isEmpty() );
    mIntro->setText( tr( "What remains of the targets with the carriers counted in %1, split among the %2 cities: change a weight or a target and see the split move." )
                       .arg( mYear )
                       .arg( d.metrics().cities.size() ) );
    showSplit();
    showNotes();
  } );
}

void DockAllocationPanel::showSplit()
{
  mSplit->setRowCount( 0 );
  if ( !mNow || !mData )
    return;
  const KindAllocation *k = kindOf( *mNow, static_cast<Kind>( mKind->currentData().toInt() ) );
  if ( !k )
    return;
  const KindAllocation *before = mBefore ? kindOf( *mBefore, k->kind ) : nullptr;
  const int rows = static_cast<int>( k->cities.size() );
  mSplit->setRowCount( rows + 1 );
  QVariantList allocated;
  for ( int r = 0; r <= rows; ++r )
  {
    const bool province = r == rows;
    const CityAllocation *c = province ? nullptr : &k->cities[static_cast<size_t>( r )];
    const long long now = province ? k->remaining : c->allocated;
    const long long change = province || !before || before->cities.size() != k->cities.size() ? 0 : now - before->cities[static_cast<size_t>( r )].allocated;
    auto *name = textItem( province ? tr( "Province" ) : QString::fromStdString( c->nameZh ),
                           province ? QString()
                                    : tr( "%1 · weight %2 · exact share %3%4" )
                                        .arg( QString::fromStdString( c->code ) )
                                        .arg( percentText( c->weight ) )
                                        .arg( c->quota, 0, 'f', 2 )
                                        .arg( c->atCap ? tr( " · held at the cap" ) : c->atFloor && c->quota > 0 ? tr( " · held at the floor" ) : QString() ) );
    if ( province )
    {
      QFont bold = name->font();
      bold.setBold( true );
      name->setFont( bold );
    }
    mSplit->setItem( r, 0, name );
    mSplit->setItem( r, 1, new NumberItem( province ? k->counted : c->current, QString::number( province ? k->counted : c->current ) ) );
    auto *added = new NumberItem( static_cast<double>( now ), QStringLiteral( "+%1" ).arg( now ) );
    mSplit->setItem( r, 2, added );
    const long long expected = province ? k->counted + k->remaining : c->expected;
    mSplit->setItem( r, 3, new NumberItem( static_cast<double>( expected ), QString::number( expected ) ) );
    auto *moved = new NumberItem( static_cast<double>( change ), change == 0 ? QString() : signedText( change ) );
    if ( change != 0 )
    {
      for ( QTableWidgetItem *item : { static_cast<QTableWidgetItem *>( added ), static_cast<QTableWidgetItem *>( moved ) } )
        item->setBackground( change > 0 ? Up : Down );
      moved->setToolTip( tr( "%1 before the last change" ).arg( now - change ) );
    }
    mSplit->setItem( r, 4, moved );
    if ( !province )
      allocated << static_cast<int>( now );
  }
  // What the table shows, for a script to read (Metrics order).
  mSplit->setProperty( "htsplanKind", QString::fromLatin1( kindKey( k->kind ) ) );
  QVariantMap all;
  for ( const KindAllocation &kind : mNow->kinds )
  {
    QVariantList list;
    for ( const CityAllocation &c : kind.cities )
      list << static_cast<int>( c.allocated );
    all.insert( QString::fromLatin1( kindKey( kind.kind ) ), list );
  }
  mSplit->setProperty( "htsplanAllocation", all );
  mSplit->setProperty( "htsplanYear", mNow->evaluationYear );
}

void DockAllocationPanel::showNotes()
{
  QStringList notes;
  if ( mNow && mData )
  {
    const Metrics &m = mData->dashboard->metrics();
    if ( mNow->options.blend[static_cast<size_t>( WeightBasis::Population )] > 0 )
    {
      QStringList standIns;
      for ( const UnitStats &c : m.cities )
        if ( !c.population )
          standIns << QString::fromStdString( c.nameZh );
      if ( !standIns.isEmpty() )
        notes << tr( "No population for %1: their share of the province's area stands in for their share of its people." ).arg( standIns.join( QStringLiteral( "、" ) ) );
    }
    for ( const KindAllocation &k : mNow->kinds )
    {
      if ( k.targetMet )
      {
        notes << tr( "%1: the target %2 is met (%3 counted in %4): nothing to split." ).arg( kindShort( k.kind ) ).arg( k.target ).arg( k.counted ).arg( mNow->evaluationYear );
        continue;
      }
      QStringList above;
      for ( const CityAllocation &c : k.cities )
        if ( c.aboveShare )
          above << QString::fromStdString( c.nameZh );
      if ( !above.isEmpty() )
        notes << tr( "%1: at or over their share of the target: %2." ).arg( kindShort( k.kind ), above.join( QStringLiteral( "、" ) ) );
    }
    QStringList engine;
    for ( const std::string &note : mNow->notes )
      engine << QString::fromStdString( note );
    mNotes->setToolTip( engine.join( QLatin1Char( '\n' ) ) );
  }
  mNotes->setText( notes.join( QLatin1Char( '\n' ) ) );
  mNotes->setVisible( !notes.isEmpty() );
}

void DockAllocationPanel::chooseTable()
{
  const QString file = QFileDialog::getOpenFileName( this, tr( "Weights table" ), mTablePath->text(), tr( "Tables (*.csv *.txt *.xlsx *.xls *.ods)" ) );
  if ( file.isEmpty() )
    return;
  mTablePath->setText( file );
  edited();
}

void DockAllocationPanel::addToMap()
{
  if ( !mData || !mError.isEmpty() )
    return;
  const DashboardState &s = mData->state;
  const AllocationPlan p = plan();
  QString targets = s.targetsPath;
  // Targets the planner changed: a copy of the targets file with them, in QGIS's temporary folder.
  if ( !p.targets.empty() )
  {
    QFile in( s.targetsPath );
    if ( !in.open( QIODevice::ReadOnly ) )
      throw InputError( tr( "%1 cannot be read" ).arg( s.targetsPath ).toStdString() );
    QJsonObject root = QJsonDocument::fromJson( in.readAll() ).object();
    QJsonArray list = root.value( QStringLiteral( "targets" ) ).toArray();
    for ( int i = 0; i < list.size(); ++i )
    {
      QJsonObject entry = list[i].toObject();
      if ( const std::optional<Kind> kind = kindFromKey( entry.value( QStringLiteral( "kind" ) ).toString().toStdString() ); kind && p.targets.count( *kind ) )
        entry.insert( QStringLiteral( "target" ), p.targets.at( *kind ) );
      list[i] = entry;
    }
    root.insert( QStringLiteral( "targets" ), list );
    targets = QgsProcessingUtils::generateTempFilename( QStringLiteral( "targets.json" ) );
    QFile out( targets );
    if ( !out.open( QIODevice::WriteOnly ) || out.write( QJsonDocument( root ).toJson() ) < 0 )
      throw InputError( tr( "%1 cannot be written" ).arg( targets ).toStdString() );
  }
  QVariantMap parameters = { { QStringLiteral( "FACILITIES" ), s.facilitiesPath },
                             { QStringLiteral( "ADMIN" ), s.adminPath },
                             { QStringLiteral( "TARGETS" ), targets },
                             { QStringLiteral( "VINTAGE" ), s.vintage == Vintage::Y2015 ? 0 : 1 },
                             { QStringLiteral( "YEAR" ), mYear },
                             { QStringLiteral( "METHOD" ), std::clamp( mMethod->currentIndex(), 0, 2 ) },
                             { QStringLiteral( "BASIS" ), p.options.basis == AllocationBasis::FillUp ? 1 : 0 },
                             { QStringLiteral( "WEIGHTS" ), WeightBasisCount }, // the blend: one factor alone is that weight
                             { QStringLiteral( "FLOOR" ), static_cast<int>( p.options.floorAll ) },
                             { QStringLiteral( "CAP" ), p.options.capAll > 0 ? static_cast<int>( p.options.capAll ) : 0 } };
  const char *const factors[WeightBasisCount] = { "POPULATION_FACTOR", "AREA_FACTOR", "CURRENT_FACTOR", "EQUAL_FACTOR", "TABLE_FACTOR" };
  for ( size_t b = 0; b < p.options.blend.size(); ++b )
    parameters.insert( QString::fromLatin1( factors[b] ), p.options.blend[b] );
  if ( p.options.blend[static_cast<size_t>( WeightBasis::Table )] > 0 )
  {
    parameters.insert( QStringLiteral( "WEIGHTS_TABLE" ), QString::fromStdString( p.tablePath ) );
    parameters.insert( QStringLiteral( "WEIGHTS_COLUMN" ), QString::fromStdString( p.tableColumn ) );
  }
  mAddToMap->setEnabled( false );
  mMapStatus->setStyleSheet( QString() );
  mMapStatus->setText( tr( "Running… (progress and Cancel in the task bar)" ) );
  emit analysisRequested( QStringLiteral( "htsplan:allocate" ), parameters, tr( "Split of the targets, %1" ).arg( mYear ) );
}

void DockAllocationPanel::showOutcome( const AlgorithmOutcome &outcome )
{
  mAddToMap->setEnabled( mError.isEmpty() );
  mMapStatus->setStyleSheet( outcome.error.isEmpty() ? QString() : QStringLiteral( "color: #c62828;" ) );
  if ( outcome.canceled )
    mMapStatus->setText( tr( "Canceled" ) );
  else if ( !outcome.error.isEmpty() )
    mMapStatus->setText( outcome.error );
  else
    mMapStatus->setText( tr( "Added to \"htsplan results\"" ) );
}

} // namespace htsplan
