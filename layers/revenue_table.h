#pragma once
// The optional enterprise_revenue table of the facility contract (README,
// "The facility layer contract"): an enterprise's operating revenue by year.
#include "layers/facilities.h"
#include "layers/targets.h"

class OGRLayer;

namespace htsplan
{

//! The first year a revenue row may have: the year before the plan's start (the base of its first year's growth).
int firstRevenueYear( const Targets &targets );
//! The last: ten years after the target year, the report's horizon.
int lastRevenueYear( const Targets &targets );

/**
 * Reads the enterprise_revenue table into set.revenue, strictly: the fields
 * enterprise_id, year and revenue_cny are found whatever their case (a missing
 * one is an InputError naming the file, table and field); a row whose id is no
 * enterprise read from the file (set.items), whose year cannot be read or lies
 * outside firstRevenueYear..lastRevenueYear, whose revenue is NULL, negative or
 * not an amount ("1.2亿" and "3000万元" are read), or that repeats an
 * enterprise's year is a problem naming the row (fid) and field, and is not used.
 * Call after the enterprises layer was read.
 */
void readRevenueTable( OGRLayer &table, const std::string &path, const Targets &targets, FacilitySet &set );

} // namespace htsplan
