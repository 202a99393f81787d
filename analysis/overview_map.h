#pragma once
// The overview map for planning meetings: a print layout of the province with
// cities, counties, zones and carriers, legend, scale bar, north arrow, title,
// the target table and the data notes, exported to PDF and PNG.
#include "metrics.h"

#include <string>

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

/**
 * Renders the overview map with QGIS's layout engine (QGIS core only: needs a
 * running QgsApplication, with or without a display). Throws std::runtime_error
 * naming the file when an export fails.
 */
void exportOverviewMap( const OverviewMapRequest &request, const Metrics &metrics, const Targets &targets );

//! The font family used for every Chinese text of exports.
const char *cjkFontFamily();

} // namespace htsplan
