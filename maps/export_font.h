#pragma once
// The font of every Chinese text in htsplan's exports (PDF, PNG, SVG).
//
// Why not Noto Sans CJK, Debian's usual CJK font: its cmap maps the Kangxi
// radicals (U+2F00–U+2FDF) and the ideographs they look like to the same
// glyphs, and Qt's PDF engine writes the ToUnicode map from the glyph back to
// the first code point, so `pdftotext` reads 山 as ⼭ and 高 as ⾼: the PDF is
// not searchable for 山东, and a table pasted from it is garbage. WenQuanYi
// Micro Hei (fonts-wqy-microhei) has no such glyph sharing and extracts right;
// Microsoft YaHei is what a planner's Windows desktop has.
#include <QString>
#include <QStringList>

class QgsVectorLayer;

namespace htsplan
{

//! The families exports try, in order of preference.
const QStringList &exportFontCandidates();

//! The first candidate installed (QFontDatabase), else the application's
//! default family: chosen once per process, recorded by the report.
QString exportFontFamily();

//! Sets the family of the layer's labels (its style's font) to exportFontFamily().
void useExportFontForLabels( QgsVectorLayer &layer );

} // namespace htsplan
