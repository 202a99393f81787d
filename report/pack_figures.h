#pragma once
// The meeting pack's figures (maps/pack_data.h) from the report's one
// snapshot: every number a page prints is one of metrics.json's, and the
// analysis pages draw the shapes of the same computation.
#include "maps/pack_data.h"
#include "report/snapshot.h"

#include <string>

class QgsFeedback;

namespace htsplan
{

//! Above this many features placed in the province, a point layer is drawn as
//! hexagon counts on the pack's maps: a million symbols make a 250 MB PDF.
constexpr long long PACK_POINT_LIMIT = 20000;

struct PackFigureOptions
{
    //! The analysis pages' shapes are wanted (the coverage page unions a buffer
    //! per counted carrier: not done for the overview alone).
    bool analysisPages = true;
    std::string kdeTifPath;                 //!< the kernel density GeoTIFF the report wrote (empty: no density page)
    long long pointLimit = PACK_POINT_LIMIT; //!< above it, a point layer is drawn as hexagon counts
    double hexCellM = DEFAULT_HEX_CELL_M;   //!< of those hexagons (the report's --hex-km)
};

//! The pack's figures. Throws Canceled on cancel.
PackFigures packFigures( const PlanningInputs &inputs, const Snapshot &snapshot, const PackFigureOptions &options, QgsFeedback *feedback = nullptr );

} // namespace htsplan
