#pragma once
// Asks which city vintage to draw and which facilities file to show.
#include "layers/schema.h"

#include <QDialog>

class QComboBox;
class QRadioButton;
class QgsFileWidget;

namespace htsplan
{

class LoadMapDialog : public QDialog
{
    Q_OBJECT

  public:
    explicit LoadMapDialog( QWidget *parent = nullptr );

    Vintage vintage() const;
    //! The bundled sample, or the GeoPackage the user picked.
    QString facilitiesPath() const;

  private:
    void updateState();

    QComboBox *mVintage = nullptr;
    QRadioButton *mSample = nullptr;
    QRadioButton *mOwnFile = nullptr;
    QgsFileWidget *mFile = nullptr;
};

} // namespace htsplan
