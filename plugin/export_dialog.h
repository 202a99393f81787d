#pragma once
// "导出会议材料 Export meeting pack": the choices of `htsplan export` (facilities,
// vintage, evaluation year, pages, paper, formats, dpi, per-city PDFs,
// templates, output folder), remembered under htsplan/export/. The dialog
// only collects them: the plugin runs the report.
#include "report/report.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QSpinBox;
class QgsFileWidget;

namespace htsplan
{

class ExportDialog : public QDialog
{
    Q_OBJECT

  public:
    //! facilitiesPath and vintage: the map loaded last (the bundled sample until then).
    ExportDialog( const QString &facilitiesPath, Vintage vintage, QWidget *parent = nullptr );

    //! The `htsplan export` request for the current choices.
    ReportRequest request() const;

    //! The folder of the planner's copies of htsplan's templates when it holds all of them, else empty.
    static QString profileTemplatesDir();

  private:
    void updateOk();
    void remember() const;

    QgsFileWidget *mFacilities = nullptr;
    QComboBox *mVintage = nullptr;
    QSpinBox *mYear = nullptr;
    QCheckBox *mOverview = nullptr;
    QCheckBox *mCities = nullptr;
    QCheckBox *mAnalyses = nullptr;
    QComboBox *mPaper = nullptr;
    QCheckBox *mPdf = nullptr;
    QCheckBox *mPng = nullptr;
    QCheckBox *mSvg = nullptr;
    QSpinBox *mDpi = nullptr;
    QCheckBox *mCityPdfs = nullptr;
    QgsFileWidget *mTemplates = nullptr;
    QgsFileWidget *mOut = nullptr;
    QDialogButtonBox *mButtons = nullptr;
};

} // namespace htsplan
