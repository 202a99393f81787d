"""Writes styles/allocation.qml for htsplan:allocate's city layer: each city filled by the
carriers allocated to it over every kind (the layer has one feature per city and kind, all
of a city's get the same colour), five classes of natural breaks in a yellow-to-red ramp.
The classes are placeholders: the toolbox and the pack classify again on the data when
they apply the style (processing/output_style.h). Run from the repository root:
QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/make_allocation_style.py"""
from qgis.PyQt.QtGui import QColor
from qgis.core import (QgsApplication, QgsVectorLayer, QgsGraduatedSymbolRenderer, QgsRendererRange, QgsFillSymbol,
                       QgsClassificationJenks, QgsGradientColorRamp, QgsMapLayer)

app = QgsApplication([], False)
app.initQgis()
layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4490&field=CODE:string&field=ALLOCATED:integer", "allocation", "memory")
EXPRESSION = 'sum("ALLOCATED", group_by:="CODE")'
COLOURS = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"]
BREAKS = [0, 2, 5, 10, 20, 50]
ranges = []
keep = []
for i, colour in enumerate(COLOURS):
    symbol = QgsFillSymbol.createSimple({"color": colour, "outline_color": "110,110,110,255", "outline_width": "0.3"})
    keep.append(symbol)
    ranges.append(QgsRendererRange(BREAKS[i], BREAKS[i + 1], symbol, "{} – {}".format(BREAKS[i], BREAKS[i + 1])))
renderer = QgsGraduatedSymbolRenderer(EXPRESSION, ranges)
# What a class made on the data is drawn with: the ramp's colour, this outline.
renderer.setSourceSymbol(QgsFillSymbol.createSimple({"color": "255,255,178,255", "outline_color": "110,110,110,255", "outline_width": "0.3"}))
method = QgsClassificationJenks()
method.setLabelFormat("%1 – %2")
method.setLabelPrecision(0)
renderer.setClassificationMethod(method)
renderer.setSourceColorRamp(QgsGradientColorRamp.create({"color1": "255,255,178,255", "color2": "189,0,38,255",
                                                         "stops": "0.25;254,204,92,255:0.5;253,141,60,255:0.75;240,59,32,255"}))
layer.setRenderer(renderer)
err = layer.saveNamedStyle("styles/allocation.qml", categories=QgsMapLayer.Symbology | QgsMapLayer.Rendering)
print(err)
del layer
app.exitQgis()
