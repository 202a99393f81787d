#pragma once
// The overview map for planning meetings: a print layout of the province with
// cities, counties, zones and carriers, legend, scale bar, north arrow, title,
// the target table and the data notes, exported to PDF and PNG.
#include "layers/schema.h"

#include <string>
#include <vector>

namespace htsplan
{

struct OverviewMapRequest
{
    std::string adminPath;
    std::string facilitiesPath;
    Vintage vintage = Vintage::Y2015;
    std::string pdfPath;
    std::string pngPath;
    double pngDpi = 150.0;
};

//! One row of the target table: a kind's progress.
struct TargetRow
{
    Kind kind = Kind::Base;
    int count = 0;
    int target = 0;
    int gap = 0;
    double ratio = 0.0; //!< a fraction
};

//! The figures the overview map prints, as plain data (the report fills them from its snapshot).
struct OverviewFigures
{
    int evaluationYear = 0;
    int targetYear = 0;
    int cityCount = 0;
    bool sampleData = false;
    double backboneRevenueCny = 0.0;
    int unassigned = 0;      //!< features outside the province, not counted
    std::string planNameZh;
    std::vector<TargetRow> targets;
};

/**
 * Renders the overview map with QGIS's layout engine (QGIS core only: needs a
 * running QgsApplication, with or without a display). Throws std::runtime_error
 * naming the file when an export fails.
 */
void exportOverviewMap( const OverviewMapRequest &request, const OverviewFigures &figures );

} // namespace htsplan
