#!/usr/bin/python3
"""Writes the QML styles of the planning map into styles/ (reproducibly).

Run:  QT_QPA_PLATFORM=offscreen python3 scripts/make_styles.py [OUT_DIR]

One palette for the nine sectors of the policy (SECTORS below) is shared by
every facility layer; each carrier kind has its own marker shape. The sector
field may hold the code ("it_services") or the Chinese name (信息技术服务):
the renderers classify on an expression that maps both to the code, and
anything else (missing, unknown) to "other".
"""
import json
import os
import sys

# Under Debian's python3 with a fixed Qt hash seed: the styles are byte-stable.
import pyqgis_env  # noqa: E402,F401

from qgis.PyQt.QtGui import QColor, QFont
from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsLinePatternFillSymbolLayer,
    QgsMapLayer,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProperty,
    QgsRendererCategory,
    QgsSimpleMarkerSymbolLayerBase,
    QgsSingleSymbolRenderer,
    QgsSymbolLayer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)

CJK_FONT = "Noto Sans CJK SC"

# The single palette: (code, Chinese name, English name, colour). Order = legend order.
SECTORS = [
    ("rnd_design", "研发设计服务", "R&D and design", "#1f77b4"),
    ("ecommerce", "电子商务服务", "e-commerce", "#ff7f0e"),
    ("testing", "检验检测服务", "inspection and testing", "#2ca02c"),
    ("digital_content", "数字内容服务", "digital content", "#d62728"),
    ("ip_services", "知识产权服务", "intellectual property", "#9467bd"),
    ("tech_transfer", "科技成果转化服务", "technology transfer", "#8c564b"),
    ("it_services", "信息技术服务", "information technology", "#e377c2"),
    ("biotech", "生物技术服务", "biotechnology", "#bcbd22"),
    ("marine", "海洋技术服务", "marine technology", "#17becf"),
]
OTHER = ("other", "其他/未知", "other or unknown", "#9e9e9e")

# Marker per carrier kind: shape, size in mm, outline colour, outline width in mm.
SHAPES = {
    "bases": (QgsSimpleMarkerSymbolLayerBase.Star, 6.5, "#222222", 0.4),
    "parks": (QgsSimpleMarkerSymbolLayerBase.Square, 3.4, "#333333", 0.3),
    "buildings": (QgsSimpleMarkerSymbolLayerBase.Triangle, 2.6, "#333333", 0.2),
    "enterprises": (QgsSimpleMarkerSymbolLayerBase.Circle, 2.0, "#ffffff", 0.2),
}
# Enterprises: diameter grows with the square root of revenue (CNY), 1.5-7 mm for 0-5e9.
ENTERPRISE_SIZE = 'coalesce(scale_exp("revenue_cny", 0, 5e9, 1.5, 7, 0.5), 1.5)'

ZONES = [
    ("hightech", "高新技术产业开发区 (高新区)", ["hightech", "高新区", "高新技术产业开发区"], "#c0392b", 45),
    ("development", "经济技术开发区 (开发区)", ["development", "开发区", "经开区", "经济技术开发区"], "#2e5c8a", -45),
]
ZONE_OTHER = ("other", "其他园区", "#7f7f7f", 0)

# What a style file carries: symbology, labels, rendering flags and display expression,
# not fields or forms (so it applies to any layer that follows the contract).
CATEGORIES = (QgsMapLayer.Symbology | QgsMapLayer.Labeling | QgsMapLayer.Rendering
              | QgsMapLayer.LayerConfiguration)


# PyQGIS 3.22 lets a symbol handed to QgsRendererCategory be garbage-collected
# while the category still points at it: keep every such symbol alive here.
_KEEP_ALIVE = []


def category(value, symbol, label):
    _KEEP_ALIVE.append(symbol)
    return QgsRendererCategory(value, symbol, label)


def quoted(text):
    return "'" + text.replace("'", "''") + "'"


def classify_expression(field, groups, other):
    """CASE expression mapping each group's values (trimmed, lower-case) to its code."""
    whens = " ".join(
        "WHEN lower(trim(\"{}\")) IN ({}) THEN {}".format(field, ", ".join(quoted(v.lower()) for v in values), quoted(code))
        for code, values in groups)
    return "CASE {} ELSE {} END".format(whens, quoted(other))


def sector_aliases(root):
    """Code -> names the engine also accepts, from the bundled targets file (the
    engine's list), so that the map colours what the report counts."""
    path = os.path.join(root, "data", "targets", "shandong-2013.json")
    if not os.path.exists(path):
        print("note: {} not found, sectors matched by code and name only".format(path))
        return {}
    with open(path, encoding="utf-8") as f:
        sectors = json.load(f)["sectors"]
    codes = sorted(s["code"] for s in sectors)
    if codes != sorted(code for code, _, _, _ in SECTORS):
        sys.exit("{}: sector codes {} differ from the palette's".format(path, codes))
    return {s["code"]: [s.get("name_en", "")] + s.get("aliases", []) for s in sectors}


def sector_expression(aliases):
    groups = []
    for code, zh, en, _ in SECTORS:
        values = [code, zh, en] + aliases.get(code, [])
        groups.append((code, [v for i, v in enumerate(values) if v and v.lower() not in [w.lower() for w in values[:i]]]))
    return classify_expression("sector", groups, OTHER[0])


def memory_layer(geometry, fields, name):
    uri = "{}?crs=EPSG:4490&{}".format(geometry, "&".join("field={}".format(f) for f in fields))
    layer = QgsVectorLayer(uri, name, "memory")
    assert layer.isValid(), uri
    return layer


def outline_fill(stroke, width, fill=None):
    # createSimple() keeps the symbol layer owned by C++ (building one in Python
    # and handing it over leaves a dangling pointer in PyQGIS 3.22).
    return QgsFillSymbol.createSimple({
        "color": fill or "#00000000", "style": "solid" if fill else "no",
        "outline_color": stroke, "outline_width": str(width), "outline_width_unit": "MM",
        "outline_style": "solid", "joinstyle": "round"})


def text_format(size, colour, buffer_mm, bold=False):
    fmt = QgsTextFormat()
    font = QFont(CJK_FONT)
    font.setBold(bold)
    fmt.setFont(font)
    fmt.setNamedStyle("Bold" if bold else "Regular")
    fmt.setSize(size)
    fmt.setSizeUnit(QgsUnitTypes.RenderPoints)
    fmt.setColor(QColor(colour))
    buf = QgsTextBufferSettings()
    buf.setEnabled(True)
    buf.setSize(buffer_mm)
    buf.setSizeUnit(QgsUnitTypes.RenderMillimeters)
    buf.setColor(QColor(255, 255, 255, 220))
    fmt.setBuffer(buf)
    return fmt


def polygon_labels(layer, field, fmt, max_scale=None):
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    settings.isExpression = False
    settings.placement = QgsPalLayerSettings.OverPoint
    settings.setFormat(fmt)
    if max_scale:
        settings.scaleVisibility = True
        settings.minimumScale = max_scale  # labels only when zoomed in past 1:max_scale
        settings.maximumScale = 0
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def style_province():
    layer = memory_layer("MultiPolygon", ["code:string", "name_zh:string"], "province")
    layer.setRenderer(QgsSingleSymbolRenderer(outline_fill("#3b3b3b", 0.9, "#f6f3ea")))
    return layer


def style_cities():
    layer = memory_layer("MultiPolygon", ["code:string", "name_zh:string", "name_en:string"], "cities")
    layer.setRenderer(QgsSingleSymbolRenderer(outline_fill("#5a5a5a", 0.6)))
    polygon_labels(layer, "name_zh", text_format(11, "#202020", 0.8, bold=True))
    layer.setDisplayExpression('"name_zh"')
    return layer


def style_counties():
    layer = memory_layer("MultiPolygon", ["code:string", "name_zh:string", "name_en:string"], "counties")
    layer.setRenderer(QgsSingleSymbolRenderer(outline_fill("#a0a0a0", 0.15)))
    polygon_labels(layer, "name_zh", text_format(7.5, "#666666", 0.5), max_scale=1500000)
    layer.setDisplayExpression('"name_zh"')
    return layer


def hatch_symbol(colour, angle):
    # create() builds the line sub-symbol; the bare constructor leaves it null.
    hatch = QgsLinePatternFillSymbolLayer.create({
        "angle": str(angle), "distance": "1.4", "distance_unit": "MM",
        "line_width": "0.3", "line_width_unit": "MM", "color": colour})
    symbol = outline_fill(colour, 0.4)
    symbol.insertSymbolLayer(0, hatch)
    return symbol


def style_hightech_zones():
    layer = memory_layer("MultiPolygon", ["id:string", "name:string", "zone_type:string"], "hightech_zones")
    expression = classify_expression("zone_type", [(code, values) for code, _, values, _, _ in ZONES], ZONE_OTHER[0])
    categories = [category(code, hatch_symbol(colour, angle), label)
                  for code, label, _, colour, angle in ZONES]
    code, label, colour, angle = ZONE_OTHER
    categories.append(category(code, hatch_symbol(colour, angle), label))
    layer.setRenderer(QgsCategorizedSymbolRenderer(expression, categories))
    layer.setDisplayExpression('"name"')
    return layer


def marker(kind, colour):
    shape, size, stroke, stroke_width = SHAPES[kind]
    symbol = QgsMarkerSymbol.createSimple({})
    layer = symbol.symbolLayer(0)
    layer.setShape(shape)
    layer.setSize(size)
    layer.setSizeUnit(QgsUnitTypes.RenderMillimeters)
    layer.setColor(QColor(colour))
    layer.setStrokeColor(QColor(stroke))
    layer.setStrokeWidth(stroke_width)
    layer.setStrokeWidthUnit(QgsUnitTypes.RenderMillimeters)
    if kind == "enterprises":
        layer.setDataDefinedProperty(QgsSymbolLayer.PropertySize, QgsProperty.fromExpression(ENTERPRISE_SIZE))
        symbol.setOpacity(0.85)
    return symbol


def style_points(kind, expression):
    fields = ["id:string", "name:string", "sector:string", "status:string", "year:integer",
              "parent:string", "revenue_cny:double"]
    layer = memory_layer("Point", fields, kind)
    categories = [category(code, marker(kind, colour), "{} {}".format(zh, code))
                  for code, zh, _, colour in SECTORS]
    code, zh, _, colour = OTHER
    categories.append(category(code, marker(kind, colour), "{} {}".format(zh, code)))
    renderer = QgsCategorizedSymbolRenderer(expression, categories)
    if kind == "enterprises":
        # Large circles first so that small ones stay visible on top.
        renderer.setOrderBy(QgsFeatureRequest.OrderBy([QgsFeatureRequest.OrderByClause('"revenue_cny"', False)]))
        renderer.setOrderByEnabled(True)
    layer.setRenderer(renderer)
    layer.setDisplayExpression('"name"')
    return layer


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "styles")
    os.makedirs(out_dir, exist_ok=True)
    app = QgsApplication([], False)
    app.initQgis()
    layers = [style_province(), style_cities(), style_counties(), style_hightech_zones()]
    expression = sector_expression(sector_aliases(root))
    layers += [style_points(kind, expression) for kind in ("bases", "parks", "buildings", "enterprises")]
    failed = False
    for layer in layers:
        path = os.path.join(out_dir, layer.name() + ".qml")
        message, ok = layer.saveNamedStyle(path, CATEGORIES)
        print(("wrote " if ok else "FAILED ") + path + ("" if ok else ": " + message))
        failed = failed or not ok
    del layers
    app.exitQgis()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
