#pragma once
// "导入名录 Import a register": picks a planner's list, previews its first rows
// with what was detected (sheet, encoding, columns, coordinate system), lets
// the planner correct it, and asks for htsplan:importlist with those choices.
// The dialog only collects parameters: the plugin runs the algorithm (the same
// one as the toolbox and `htsplan import`) as a background task.
#include "layers/import/import_list.h"

#include <QDialog>
#include <QVariantMap>

#include <optional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QgsFileWidget;

namespace htsplan
{

class ImportDialog : public QDialog
{
    Q_OBJECT

  public:
    explicit ImportDialog( QWidget *parent = nullptr );

    //! The register to import; previews it.
    void setRegisterPath( const QString &path );
    QString registerPath() const;
    //! The GeoPackage to write.
    QString outputPath() const;
    //! htsplan:importlist's parameters for the current choices (INPUT, SHEET, ENCODING, CRS, KIND, MAPPING, OUTPUT).
    QVariantMap parameters() const;

    //! Shows the import as running (buttons disabled, a progress bar) or not.
    void setRunning( bool running );
    //! Progress of the running import, 0 to 100.
    void setProgress( double progress );
    //! Shows why the import failed; the dialog stays open for another try.
    void showError( const QString &message );

  signals:
    //! The planner pressed Import with these htsplan:importlist parameters.
    void importRequested( const QVariantMap &parameters );
    //! The planner pressed Cancel while the import runs.
    void cancelRequested();

  private:
    void fileChanged();
    //! Reads the first rows again with the chosen sheet and encoding; refills everything below.
    void refreshPreview();
    void showPreview( const RegisterPreview &preview );
    void clearPreview( const QString &message );
    void requestImport();
    void updateImportButton();

    QgsFileWidget *mFile = nullptr;
    QComboBox *mSheet = nullptr;
    QComboBox *mEncoding = nullptr;
    QLabel *mEncodingWarning = nullptr;
    QComboBox *mCrs = nullptr;
    QLabel *mCrsHint = nullptr;
    QComboBox *mKind = nullptr;
    QTableWidget *mMapping = nullptr;
    QTableWidget *mPreview = nullptr;
    QLabel *mNotes = nullptr;
    QgsFileWidget *mOutput = nullptr;
    QLabel *mStatus = nullptr;
    QProgressBar *mProgress = nullptr;
    QPushButton *mImport = nullptr;
    QPushButton *mCancel = nullptr;
    QPushButton *mClose = nullptr;

    std::optional<RegisterPreview> mPreviewData;
    QString mSummary;       //!< what the preview found, for the status line
    QString mDefaultOutput; //!< the output path this dialog proposed last (replaced when the file changes)
    bool mFilling = false;  //!< true while the widgets are refilled: no preview re-runs
    bool mRunning = false;
    bool mApplyHint = false; //!< a new file: preselect the hinted coordinate system
};

} // namespace htsplan
