#include "plugin/dock_cards_panel.h"

#include "plugin/dock_common.h"

#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace htsplan
{

DockCardsPanel::DockCardsPanel( QWidget *parent )
  : QWidget( parent )
{
  auto *cards = new QGridLayout( this );
  cards->setContentsMargins( 0, 0, 0, 0 );
  for ( size_t i = 0; i < mCards.size(); ++i )
  {
    Card &c = mCards[i];
    auto *frame = new QFrame( this );
    frame->setObjectName( QStringLiteral( "htsplanCard%1" ).arg( i ) );
    frame->setFrameShape( QFrame::StyledPanel );
    auto *v = new QVBoxLayout( frame );
    v->setContentsMargins( 6, 4, 6, 4 );
    v->setSpacing( 2 );
    c.frame = frame;
    c.title = new QLabel( frame );
    c.title->setObjectName( QStringLiteral( "title" ) );
    c.figure = new QLabel( frame );
    c.figure->setObjectName( QStringLiteral( "figure" ) );
    QFont big = c.figure->font();
    big.setPointSizeF( big.pointSizeF() * 1.5 );
    big.setBold( true );
    c.figure->setFont( big );
    c.bar = new QProgressBar( frame );
    c.bar->setObjectName( QStringLiteral( "bar" ) );
    c.bar->setTextVisible( false );
    c.bar->setMaximumHeight( 8 );
    c.detail = new QLabel( frame );
    c.detail->setObjectName( QStringLiteral( "detail" ) );
    c.detail->setWordWrap( true );
    v->addWidget( c.title );
    v->addWidget( c.figure );
    v->addWidget( c.bar );
    v->addWidget( c.detail );
    cards->addWidget( frame, static_cast<int>( i / 2 ), static_cast<int>( i % 2 ) );
  }
}

void DockCardsPanel::fill( const DashboardView &view )
{
  for ( size_t i = 0; i < mCards.size(); ++i )
  {
    Card &c = mCards[i];
    if ( i >= view.cards.size() )
    {
      c.frame->hide();
      continue;
    }
    const DashboardCard &card = view.cards[i];
    c.frame->show();
    c.frame->setProperty( "kind", QString::fromLatin1( kindKey( card.kind ) ) );
    c.frame->setProperty( "pace", static_cast<int>( card.state ) );
    c.title->setText( kindLong( card.kind ) );
    c.figure->setText( QStringLiteral( "%1 / %2" ).arg( card.count ).arg( card.target ) );
    c.bar->setRange( 0, std::max( 1, card.target ) );
    c.bar->setValue( std::min( card.count, std::max( 1, card.target ) ) );
    const QColor colour = paceColour( card.state );
    c.bar->setStyleSheet( QStringLiteral( "QProgressBar::chunk { background: %1; }" ).arg( colour.name() ) );
    c.frame->setStyleSheet( QStringLiteral( "#%1 { border: 2px solid %2; border-radius: 4px; }" ).arg( c.frame->objectName(), colour.name() ) );
    c.detail->setText( tr( "%1 · gap %2 · path %3 · <b style=\"color:%4\">%5</b>" )
                         .arg( percentText( card.ratio ) )
                         .arg( card.gap )
                         .arg( std::round( card.pathCount ) )
                         .arg( colour.name(), paceText( card.state ) ) );
  }
}

} // namespace htsplan
