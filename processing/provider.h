#pragma once
// The htsplan Processing provider: every htsplan analysis as a
// QgsProcessingAlgorithm with an id "htsplan:...". The plugin adds it to the
// QGIS toolbox; the CLI registers it to run `htsplan run`.
#include <qgsprocessingprovider.h>

namespace htsplan
{

class Provider : public QgsProcessingProvider
{
  public:
    QString id() const override;
    QString name() const override;
    QString longName() const override;
    QIcon icon() const override;
    QString versionInfo() const override;

  protected:
    //! The one explicit list of htsplan algorithms.
    void loadAlgorithms() override;
};

} // namespace htsplan
