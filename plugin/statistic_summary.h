#pragma once
// The key numbers of a statistics run for the dock, in the plugin's language:
// what a planner reads off before opening the layer (hot and cold spot
// counties, Moran's I with z and p, cities behind the growth line, ...).
#include <QString>
#include <QVariantMap>

class QgsVectorLayer;

namespace htsplan
{

struct StatisticSummary
{
    QString text;       //!< one or two lines under the button
    QString tip;        //!< the units behind the numbers (names), for the tooltip
    QVariantMap values; //!< the numbers shown, by key (HOT_SPOTS, HOT_99, ...), for scripts and tests
};

/**
 * Summarises results of htsplan:hotspots, moran, specialization or growth;
 * layer is its OUTPUT (read for the per-class counts and names), or null.
 * An empty summary for any other algorithm.
 */
StatisticSummary summariseStatistic( const QString &algorithmId, const QVariantMap &results, QgsVectorLayer *layer );

} // namespace htsplan
