#pragma once
// The htsplan Processing provider: every htsplan analysis as a
// QgsProcessingAlgorithm with an id "htsplan:...". The plugin adds it to the
// QGIS toolbox; the CLI registers it to run `htsplan run`.
#include <qgsprocessingprovider.h>

#include <QStringList>

namespace htsplan
{

class Algorithm;

class Provider : public QgsProcessingProvider
{
  public:
    //! Registers the toolbox icons (processing_icons.qrc) of this static library.
    Provider();
    QString id() const override;
    QString name() const override;
    QString longName() const override;
    //! The htsplan icon (the plugin's), from the processing library's resources.
    QIcon icon() const override;
    QString svgIconPath() const override;
    QString versionInfo() const override;

    //! The algorithms in the order of the list in loadAlgorithms() (algorithms() sorts them by name).
    QList<const Algorithm *> orderedAlgorithms() const;

  protected:
    //! The one explicit list of htsplan algorithms, in the order of the plugin's menu.
    void loadAlgorithms() override;

  private:
    void add( Algorithm *algorithm );
    QStringList mOrder; //!< algorithm ids, as added
};

} // namespace htsplan
