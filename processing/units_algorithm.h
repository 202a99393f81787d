#pragma once
// What htsplan:assign and htsplan:density share: points counted per polygon
// unit, and the units written back to OUTPUT with fields added.
#include "processing/algorithm.h"
#include "processing/unit_counts.h"

#include <functional>
#include <memory>

namespace htsplan
{

class UnitsAlgorithm : public Algorithm
{
  protected:
    //! The points come from POINTS.
    QStringList pointParameters() const override;

    //! A units layer and the points counted in it.
    struct CountedUnits
    {
        std::unique_ptr<QgsProcessingFeatureSource> source;
        UnitCounts counts;
    };
    /**
     * Reads the polygon layer unitsName and the points of POINTS in its CRS,
     * and assigns each point to one unit. options.layerLabel and
     * options.targetCrs are set here.
     */
    CountedUnits countPoints( const QVariantMap &parameters, const QString &unitsName, PointReadOptions options,
                              QgsProcessingContext &context, QgsProcessingFeedback *feedback ) const;

    //! fields with added appended; InputError naming unitsName when one of the names is taken.
    static QgsFields withAddedFields( QgsFields fields, const QList<QgsField> &added, const QString &unitsName, const QString &hint );

    /**
     * Writes every unit, its attributes followed by extra( unit index ), to
     * OUTPUT in the units' geometry type and CRS. Returns the destination.
     */
    QString writeUnits( const QVariantMap &parameters, QgsProcessingContext &context, const CountedUnits &units, const QgsFields &fields,
                        const std::function<QgsAttributes( size_t )> &extra, QgsProcessingFeedback *feedback ) const;
};

} // namespace htsplan
