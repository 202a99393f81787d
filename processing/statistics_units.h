#pragma once
// Polygon units and their neighbours for the spatial statistics algorithms
// (htsplan:hotspots, htsplan:moran): read, projected to metres, counted.
#include "analysis/stats/weights.h"

#include <qgsfeature.h>

#include <string>
#include <vector>

class QgsFeatureSource;
class QgsProcessingContext;
class QgsProcessingFeedback;

class QgsProcessingParameterDefinition;

namespace htsplan
{

//! Polygon units read for the spatial statistics: those with a value and a geometry, in the analysis CRS.
struct StatisticsUnits
{
    std::vector<QgsFeature> features;   //!< every input feature, in order (written back, with or without results)
    std::vector<size_t> used;           //!< indices into features of the units the statistics use
    std::vector<double> values;         //!< per used unit
    std::vector<std::string> names;     //!< per used unit (a name field, else the feature id)
    std::vector<UnitVertices> vertices; //!< per used unit, metres
    std::vector<double> xs, ys;         //!< centroids per used unit, metres
};

/**
 * Reads INPUT and FIELD: drops (reporting the counts) features whose value is
 * null or not a number and features without geometry; projects to the
 * analysis CRS (metres) when the layer is in degrees.
 */
/**
 * The parameters every statistics algorithm takes, in order: INPUT (polygon units), FIELD
 * (numeric), WEIGHTS (queen, rook, distance band, k nearest; weightsLabel), DISTANCE, K,
 * SNAP. Each algorithm adds them with addParameter (the caller owns nothing after).
 */
std::vector<QgsProcessingParameterDefinition *> unitAndNeighbourParameters( const QString &weightsLabel );

StatisticsUnits readStatisticsUnits( QgsFeatureSource &source, const QString &field, QgsProcessingContext &context, QgsProcessingFeedback *feedback );

/**
 * The neighbour lists of WEIGHTS (0 queen, 1 rook, 2 distance band, 3 k
 * nearest) with SNAP, DISTANCE (0: the smallest band that gives every unit a
 * neighbour, reported) and K; warns naming the units without a neighbour.
 * \a bandUsed is the band in metres for WEIGHTS 2, else 0.
 */
NeighbourLists statisticsNeighbours( const StatisticsUnits &units, int weights, double snapM, double bandM, int k, double &bandUsed,
                                     QgsProcessingFeedback *feedback );

} // namespace htsplan
