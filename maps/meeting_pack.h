#pragma once
// The meeting pack: the overview, an atlas page per city and the analysis
// pages, from the print-layout templates in styles/layouts (or a planner's
// edited copies), exported as one PDF, per-city PDFs, and PNG and SVG pages.
#include "maps/pack_data.h"

#include <string>
#include <vector>

class QgsFeedback;

namespace htsplan
{

enum class Paper
{
  A4,
  A3
};

struct PackRequest
{
    std::string adminPath;
    std::string facilitiesPath;
    std::string templatesDir;    //!< empty: the bundled templates (styles/layouts)
    Paper overviewPaper = Paper::A4;
    bool overview = true;        //!< the province overview page
    bool cities = true;          //!< one atlas page per city, sorted by code
    bool analyses = true;        //!< the analysis pages (those the figures carry)
    bool pdf = true;             //!< one PDF of every page
    bool cityPdfs = false;       //!< also one PDF per city, cities/htsplan_<code>_<name>.pdf
    bool png = true;             //!< a PNG per page
    bool svg = false;            //!< an SVG per page
    double dpi = 300.0;          //!< of the PNG pages
    std::string outDir;          //!< an existing, empty folder (the caller stages it)
    std::string pdfName = "htsplan_pack.pdf";
    std::string pagesDir = "pages"; //!< PNG and SVG pages, numbered ("01_overview.png"); empty: outDir, unnumbered
    /**
     * Non-empty ("htsplan_pack.qgz"): also writes the pack's QGIS project there
     * (layouts, themes, variables), its layers in a GeoPackage of the same stem
     * beside it, so that a planner can open the pack in QGIS and export again.
     */
    std::string projectName;
    //! Where outDir will be once the caller has committed its staging folder (empty: outDir); the saved project's paths hold there.
    std::string finalDir;
};

struct PackResult
{
    std::vector<std::string> files; //!< relative to outDir, in writing order
    int pages = 0;
    std::string font;               //!< the family the text is set in
    std::vector<std::string> notes; //!< what the planner must know (layers drawn aggregated)
};

/**
 * Exports the pack into request.outDir. Every template is loaded and checked
 * (every item the code fills must be there) before anything is written.
 * Throws InputError for a missing or broken template or input, OutputError
 * naming the file when one cannot be written, Canceled when feedback is
 * canceled (files already written stay: the caller's staging folder is
 * dropped). Must run on the thread that owns QGIS's layers and fonts (the
 * main thread in QGIS). Progress 0-100 over the pages.
 */
PackResult exportMeetingPack( const PackRequest &request, const PackFigures &figures, QgsFeedback *feedback = nullptr );

} // namespace htsplan
