#pragma once
// The report's default parameters, written once: the option structs
// (ReportOptions, AnalysisOptions), the CLI's usage text and the Processing
// algorithms' parameter defaults all read them, so a planner gets the same
// figures from `htsplan report`, the toolbox and `htsplan run`.
//
// Processing defaults that follow QGIS instead stay in their algorithm, on
// purpose: they make an htsplan algorithm a drop-in twin of QGIS's
// (htsplan:nni's STUDY_AREA is the layer extent as in QGIS's "Nearest
// neighbour analysis", where the report measures over the province; the
// field names CLUSTER_ID, CLUSTER_SIZE and NUMPOINTS; the quartic kernel and
// raw output values of the heatmap).

namespace htsplan
{

//! A unit with fewer counted carriers than this gets its location quotients marked as resting on few carriers.
constexpr double SPECIALIZATION_FEW_CARRIERS = 5.0;
//! Coverage radius around a counted base or park, km.
constexpr double DEFAULT_COVERAGE_RADIUS_KM = 10.0;
//! Kernel density search radius, metres.
constexpr double DEFAULT_KDE_RADIUS_M = 10000.0;
//! Kernel density pixel size, metres.
constexpr double DEFAULT_KDE_PIXEL_M = 500.0;
//! DBSCAN neighbourhood distance, metres.
constexpr double DEFAULT_DBSCAN_EPS_M = 2000.0;
//! DBSCAN minimum cluster size, points (the point itself included).
constexpr int DEFAULT_DBSCAN_MIN_SIZE = 5;
//! Hexagon grid cell size (distance between neighbouring centres), metres.
constexpr double DEFAULT_HEX_CELL_M = 10000.0;

} // namespace htsplan
