#pragma once
// The spatial analyses of the report (metrics.json "analyses"): summaries of
// the same kernels the Processing algorithms run. Plain data, no QGIS types
// (metrics_io.cpp must not see QGIS headers).
#include "planning/defaults.h"

#include <string>
#include <vector>

namespace htsplan
{

//! Parameters of the report's analyses (the CLI's report options).
struct AnalysisOptions
{
    bool enabled = true;
    double kdeRadiusM = DEFAULT_KDE_RADIUS_M;
    double kdePixelM = DEFAULT_KDE_PIXEL_M;
    double dbscanEpsM = DEFAULT_DBSCAN_EPS_M;
    int dbscanMinSize = DEFAULT_DBSCAN_MIN_SIZE;
    double hexCellM = DEFAULT_HEX_CELL_M;
};

struct KdeSummary
{
    double radiusM = 0, pixelM = 0;
    int rows = 0, cols = 0;
    double maxValue = 0;          //!< raw quartic kernel sum at the densest pixel
    double peakLon = 0, peakLat = 0; //!< centre of the densest pixel, EPSG:4490
    std::string peakCounty;       //!< county holding it (name), empty outside
    std::string file;             //!< "kde.tif", in the equal-area CRS
};

struct NniSummary
{
    std::string studyArea;        //!< "province"
    double areaKm2 = 0;
    long long points = 0;
    double observedM = 0, expectedM = 0, index = 0, zScore = 0, pValue = 0;
    std::string pattern;          //!< "clustered", "random" or "dispersed" (two-sided, 5%)
};

struct ClusterInfo
{
    int id = 0;
    long long size = 0;
    std::string sector;           //!< dominant sector code, "unknown" when none
    std::string city;             //!< city holding the cluster's hull centre
    double hullAreaKm2 = 0;
    double centreLon = 0, centreLat = 0;
};

//! A cluster's outline for the map (not in metrics.json): its convex hull in EPSG:4490.
struct ClusterOutline
{
    int id = 0;
    long long size = 0;
    std::vector<double> lons, lats; //!< open ring; fewer than 3 vertices when the members are collinear or coincide
};

struct DbscanSummary
{
    double epsM = 0;
    int minSize = 0;
    int clusters = 0;
    long long clustered = 0, noise = 0;
    std::vector<ClusterInfo> largest; //!< up to ten, largest first
    std::vector<ClusterOutline> outlines; //!< every cluster, in id order
};

struct HexSummary
{
    double cellM = 0;
    long long cells = 0;          //!< cells with at least one facility
    long long maxCount = 0;
    double maxLon = 0, maxLat = 0;
};

struct Analyses
{
    bool computed = false;
    long long points = 0;         //!< facilities analysed: every one placed in the province, all kinds
    KdeSummary kde;
    NniSummary nni;
    DbscanSummary dbscan;
    HexSummary hex;
    std::vector<std::pair<std::string, double>> seconds; //!< time per analysis, for the record
};

} // namespace htsplan
