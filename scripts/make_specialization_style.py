"""Writes styles/specialization.qml for htsplan:specialization output: units filled by
LEAD_SECTOR in the sector palette of styles/parks.qml (same sector expression), a thick dark
red outline where SAME_LEAD = 1. Run from the repository root: /usr/bin/python3 scripts/make_specialization_style.py"""
import html
import re
from qgis.core import (QgsApplication, QgsVectorLayer, QgsCategorizedSymbolRenderer, QgsRendererCategory, QgsFillSymbol,
                       QgsSymbolLayer, QgsProperty, QgsReadWriteContext, QgsMapLayer)
app = QgsApplication([], False); app.initQgis()
parks = open("styles/parks.qml", encoding="utf-8").read()
attr = re.search(r'attr="([^"]*)"', parks).group(1)

attr = html.unescape(attr).replace('"sector"', '"LEAD_SECTOR"')
attr = attr.replace("CASE WHEN", "CASE WHEN \"LEAD_SECTOR\" IS NULL THEN 'none' WHEN", 1)
cats = re.findall(r'<category symbol="(\d+)" value="([^"]+)" render="true" label="([^"]+)"/>', parks)
colors = re.findall(r'name="color" value="(\d+,\d+,\d+),255"', parks)
layer = QgsVectorLayer("Polygon?crs=EPSG:4490&field=LEAD_SECTOR:string&field=SAME_LEAD:integer", "spec", "memory")
categories = []
def symbol(rgb):
    s = QgsFillSymbol.createSimple({"color": rgb + ",200", "outline_color": "90,90,90,255", "outline_width": "0.3"})
    sl = s.symbolLayer(0)
    # Cities that share their leading sector with a neighbour (错位发展): a thick dark red outline.
    sl.setDataDefinedProperty(QgsSymbolLayer.PropertyStrokeColor, QgsProperty.fromExpression("CASE WHEN \"SAME_LEAD\" = 1 THEN '178,24,43,255' ELSE '90,90,90,255' END"))
    sl.setDataDefinedProperty(QgsSymbolLayer.PropertyStrokeWidth, QgsProperty.fromExpression("CASE WHEN \"SAME_LEAD\" = 1 THEN 1.2 ELSE 0.3 END"))
    return s
for (i, value, label), rgb in zip(cats, colors):
    categories.append(QgsRendererCategory(value, symbol(rgb), label.replace("其他/未知 other", "其他 other")))
categories.append(QgsRendererCategory("none", symbol("255,255,255"), "无载体 none"))
layer.setRenderer(QgsCategorizedSymbolRenderer(attr, categories))
err = layer.saveNamedStyle("styles/specialization.qml", categories=QgsMapLayer.Symbology | QgsMapLayer.Rendering)
print(err)
