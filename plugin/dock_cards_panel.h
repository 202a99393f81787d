#pragma once
// The dashboard's target cards, two by two: per kind the count against its
// target, a bar, the gap, the straight path and the pace colour of the year.
#include "planning/dashboard.h"

#include <QWidget>

#include <array>

class QLabel;
class QProgressBar;

namespace htsplan
{

class DockCardsPanel : public QWidget
{
    Q_OBJECT

  public:
    explicit DockCardsPanel( QWidget *parent = nullptr );

    //! Shows the cards of a year (a kind without a target: its card hidden).
    void fill( const DashboardView &view );

  private:
    struct Card
    {
        QWidget *frame = nullptr;
        QLabel *title = nullptr, *figure = nullptr, *detail = nullptr;
        QProgressBar *bar = nullptr;
    };
    std::array<Card, 4> mCards;
};

} // namespace htsplan
