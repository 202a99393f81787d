#pragma once
// What every htsplan Processing algorithm shares: the group, bilingual help,
// and the error boundary (htsplan errors become QgsProcessingException, a
// cancel ends the run quietly, nothing else escapes into QGIS).
#include <qgsprocessingalgorithm.h>

namespace htsplan
{

class Algorithm : public QgsProcessingAlgorithm
{
  public:
    QString group() const override;
    QString groupId() const override;
    //! English help, then the Chinese help.
    QString shortHelpString() const override;
    Flags flags() const override;

  protected:
    virtual QString helpEnglish() const = 0;
    virtual QString helpChinese() const = 0;
    //! The algorithm's work; may throw InputError, Canceled or QgsProcessingException.
    virtual QVariantMap run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) = 0;
    //! A positive, finite number parameter, or QgsProcessingException naming it and the value.
    double positiveParameter( const QVariantMap &parameters, const QString &name, const QString &unit, QgsProcessingContext &context ) const;

  private:
    QVariantMap processAlgorithm( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback ) final;
};

} // namespace htsplan
