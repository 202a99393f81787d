#include "plugin/progress_dock.h"

#include "planning/metrics.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace htsplan
{

namespace
{
enum Column
{
  KindColumn,
  CountColumn,
  TargetColumn,
  RatioColumn,
  GapColumn,
  ColumnCount
};

QTableWidgetItem *numberItem( const QVariant &value, const QString &text )
{
  auto item = new QTableWidgetItem( text );
  item->setData( Qt::UserRole, value );
  item->setTextAlignment( Qt::AlignRight | Qt::AlignVCenter );
  item->setFlags( item->flags() & ~Qt::ItemIsEditable );
  return item;
}
} // namespace

ProgressDock::ProgressDock( QWidget *parent )
  : QgsDockWidget( QStringLiteral( "htsplan 目标进度 Target progress" ), parent )
{
  setObjectName( QStringLiteral( "htsplanProgressDock" ) );
  auto content = new QWidget( this );
  auto layout = new QVBoxLayout( content );

  mTable = new QTableWidget( 0, ColumnCount, content );
  mTable->setObjectName( QStringLiteral( "htsplanProgressTable" ) );
  mTable->setHorizontalHeaderLabels( { QStringLiteral( "载体类型" ), QStringLiteral( "现有数量" ), QStringLiteral( "目标" ),
                                       QStringLiteral( "完成率" ), QStringLiteral( "差距" ) } );
  mTable->horizontalHeader()->setSectionResizeMode( QHeaderView::ResizeToContents );
  mTable->horizontalHeader()->setSectionResizeMode( KindColumn, QHeaderView::Stretch );
  mTable->verticalHeader()->setVisible( false );
  mTable->setEditTriggers( QAbstractItemView::NoEditTriggers );
  mTable->setSelectionBehavior( QAbstractItemView::SelectRows );
  layout->addWidget( mTable );

  mSummary = new QLabel( content );
  mSummary->setObjectName( QStringLiteral( "htsplanProgressSummary" ) );
  mSummary->setWordWrap( true );
  mSummary->setTextInteractionFlags( Qt::TextSelectableByMouse );
  layout->addWidget( mSummary );
  content->setMinimumWidth( 380 ); // the five columns without a scroll bar
  setWidget( content );
}

void ProgressDock::showStatus( const QString &text )
{
  mTable->setRowCount( 0 );
  mSummary->setText( text );
  mSummary->setToolTip( QString() );
}

void ProgressDock::showMetrics( const Metrics &metrics, const QString &sourceNote )
{
  mTable->setRowCount( static_cast<int>( metrics.targets.size() ) );
  int row = 0;
  for ( const TargetProgress &t : metrics.targets )
  {
    auto kindItem = new QTableWidgetItem( QString::fromUtf8( kindLabelZh( t.kind ) ) );
    kindItem->setData( Qt::UserRole, QString::fromLatin1( kindKey( t.kind ) ) );
    kindItem->setToolTip( QString::fromLatin1( kindKey( t.kind ) ) );
    mTable->setItem( row, KindColumn, kindItem );
    mTable->setItem( row, CountColumn, numberItem( t.count, QString::number( t.count ) ) );
    mTable->setItem( row, TargetColumn, numberItem( t.target, QString::number( t.target ) ) );
    mTable->setItem( row, RatioColumn, numberItem( t.ratio, QStringLiteral( "%1%" ).arg( t.ratio * 100.0, 0, 'f', 1 ) ) );
    mTable->setItem( row, GapColumn, numberItem( t.gap, QString::number( t.gap ) ) );
    ++row;
  }

  QString summary = QStringLiteral( "评估年份 %1（目标年 %2）· 未落图要素 unassigned: %3 · 数据问题 problems: %4" )
                      .arg( metrics.evaluationYear )
                      .arg( metrics.targetYear )
                      .arg( metrics.unassigned.size() )
                      .arg( metrics.problems.size() );
  if ( metrics.sampleData )
    summary += QStringLiteral( "<br/><b>示例数据 sample data</b>（仅供演示）" );
  summary += QStringLiteral( "<br/><small>%1</small>" ).arg( sourceNote.toHtmlEscaped() );
  mSummary->setText( summary );

  // The problems as a tooltip, one line per layer and kind of problem with its
  // count (summariseProblems: the same lines as the command line's).
  QStringList lines;
  for ( const std::string &line : summariseProblems( metrics.problems ) )
  {
    if ( lines.size() == 30 )
    {
      lines << QStringLiteral( "…" );
      break;
    }
    lines << QString::fromStdString( line );
  }
  mSummary->setToolTip( lines.join( QLatin1Char( '\n' ) ) );
}

} // namespace htsplan
