#pragma once
// Styles of analysis results, one for the meeting pack's pages and the dock's
// "htsplan results" layers: a density raster, counts in classes, cluster
// outlines, uncovered area.
#include <QString>

class QgsFillSymbol;
class QgsRasterLayer;
class QgsVectorLayer;

namespace htsplan
{

//! A simple fill with an outline in mm; colours as QGIS writes them ("#55b03a2e" with alpha).
QgsFillSymbol *fillSymbol( const QString &colour, const QString &outline, double outlineWidthMm, const QString &style = QStringLiteral( "solid" ) );

//! The values of a numeric field in five classes of equal count (quantiles), light to dark red; whole-number labels.
void styleCountClasses( QgsVectorLayer &layer, const QString &field );

//! Cluster outlines: a few km² each (a dot at the province's scale), drawn with a circle at the
//! centre whose area grows with sizeField, labelled with it.
void styleClusterOutlines( QgsVectorLayer &layer, const QString &sizeField );

//! A kernel density raster: yellow to dark red over band 1 (stops bunched towards zero: most of a
//! surface is low), nothing drawn where no kernel reaches; legend "低 low" to "高 high".
void styleDensityRaster( QgsRasterLayer &layer );

//! Revenue growth per city (htsplan:growth) on ON_TRACK: green on track, red behind the 20%/25% line,
//! grey without a rate; labels bilingual, as the shipped statistics styles.
void styleGrowthStatus( QgsVectorLayer &layer );

//! Area beyond the carriers' reach: translucent red (a solid fill: QGIS 3.22 writes hatches to PDF as images).
void styleUncovered( QgsVectorLayer &layer );

} // namespace htsplan
