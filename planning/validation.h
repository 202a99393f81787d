#pragma once
// Does the register hang together? The checks a planner does by hand before a
// meeting (issue 14, "Validate the register"): parents that exist and are of
// the right kind, carriers where their parents are, duplicates, years and
// sectors. Reads the register as layers/facilities.h read it; writes nothing.
#include "layers/admin.h"
#include "layers/facilities.h"
#include "layers/targets.h"

#include <map>
#include <string>
#include <vector>

class QgsFeedback;

namespace htsplan
{

//! One rule: a stable code (metrics.json, the violations layer), its severity and what it checks.
struct ValidationRule
{
    const char *code;
    const char *severity; //!< "error" or "warning"
    const char *checkEn;
    const char *checkZh;
};

//! Every rule, in the order they are reported.
const std::vector<ValidationRule> &validationRules();

//! One feature breaking one rule.
struct Violation
{
    std::string code;
    std::string severity;
    std::string layer;   //!< the contract's layer name ("parks")
    long long fid = 0;
    std::string id;
    std::string name;
    std::string field;   //!< the field at fault; empty when the rule is about the place
    std::string messageZh;
    std::string messageEn;
    double x = 0.0, y = 0.0; //!< where to show it, EPSG:4490
};

struct ValidationSettings
{
    //! A base may lie this far outside its zone (metres, analysis CRS): a zone's drawn outline is rough.
    double baseToZoneM = 1000.0;
    //! A designated base or park this far from every zone is outside the zones (metres).
    double outsideZonesM = 1000.0;
    double parkToBaseM = 10000.0;    //!< a zone is 4-8 km across: a park further from its base is misplaced
    double buildingToParkM = 2000.0; //!< themed buildings stand in or beside their park
    double sameNameM = 200.0;        //!< the same name within this distance: likely one carrier entered twice
    //! Years of designation outside [minYear, maxYear] are out of range (the first national
    //! development zones, Qingdao's and Yantai's among them, date from 1984). maxYear 0: the current calendar year.
    int minYear = 1984;
    int maxYear = 0;
};

struct ValidationResult
{
    bool computed = false;             //!< false until validateRegister ran (metrics.json leaves it out)
    std::vector<Violation> violations; //!< in rule order, then feature order
    std::map<std::string, int> byRule; //!< every rule's code, 0 when it did not fire
    int errors = 0;
    int warnings = 0;
};

/**
 * Runs every rule of validationRules() over the facilities, placing them on
 * admin's counties (the province's outline and the cities of admin's vintage).
 * Distances are measured in the analysis CRS (geometry/crs.h), in metres.
 * Throws Canceled when feedback (may be null) is cancelled.
 */
ValidationResult validateRegister( const FacilitySet &facilities, const AdminData &admin, const Targets &targets,
                                   const ValidationSettings &settings = {}, QgsFeedback *feedback = nullptr );

/**
 * A finding's message (Violation::messageEn or messageZh) without its opening
 * layer and feature ("parks: feature P110 name (fid 110): ", "parks 图层，要素 …
 * (fid 110)，"), for a table whose other columns say them: the field, when there
 * is one, and what is wrong. The message itself when it has no such opening.
 */
std::string findingDetail( const std::string &message, long long fid );

} // namespace htsplan
