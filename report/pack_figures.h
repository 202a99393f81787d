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

/**
 * The pack's figures. analysisPages: the analysis pages' shapes are wanted
 * (the coverage page unions a buffer per counted carrier: not done for the
 * overview alone); kdeTifPath: the kernel density GeoTIFF the report wrote
 * (empty: no density page); pointLimit: PACK_POINT_LIMIT unless a test wants
 * another. Throws Canceled on cancel.
 */
PackFigures packFigures( const PlanningInputs &inputs, const Snapshot &snapshot, bool analysisPages, const std::string &kdeTifPath,
                         long long pointLimit = PACK_POINT_LIMIT, QgsFeedback *feedback = nullptr );

} // namespace htsplan
