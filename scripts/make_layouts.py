#!/usr/bin/python3
"""Writes the print-layout templates of the meeting pack into styles/layouts/.

Run:  QT_QPA_PLATFORM=offscreen python3 scripts/make_layouts.py [OUT_DIR]

The templates are the source of truth at run time (maps/meeting_pack.cpp loads
them and fills items by id); this script only gives them a reproducible first
version. A planner may edit a template in QGIS's Layout Designer and save it:
htsplan keeps working as long as the item ids below stay.

What the templates expect from the project (maps/pack_project.cpp builds it):
- layers named htsplan_cities, htsplan_counties, htsplan_city_kinds,
  htsplan_targets (the figures as attributes) and map themes htsplan_overview,
  htsplan_city, htsplan_locator (the analysis maps get their theme by code);
- project variables htsplan_target_year, htsplan_year, htsplan_vintage,
  htsplan_notes, htsplan_footer, htsplan_charts_dir; layout variables
  htsplan_page_title, htsplan_page_subtitle, htsplan_page_text on analysis pages.
"""
import os
import sys

# Under Debian's python3 with a fixed Qt hash seed (the layouts still get new item UUIDs each run).
import pyqgis_env  # noqa: E402,F401

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont
from qgis.core import (
    QgsApplication,
    QgsLayout,
    QgsLayoutFrame,
    QgsLayoutItemAttributeTable,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemMapOverview,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMeasurement,
    QgsLayoutObject,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsScaleBarSettings,
    QgsProject,
    QgsProperty,
    QgsReadWriteContext,
    QgsRectangle,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
)

# The family written into the templates; htsplan replaces it at run time with the
# first installed of its export fonts (maps/export_font.h), and so should a planner.
FONT = "WenQuanYi Micro Hei"
MM = QgsUnitTypes.LayoutMillimeters
INK = QColor(32, 32, 32)
GREY = QColor(90, 90, 90)

# Fields of the figure layers (maps/pack_project.cpp writes them).
CITY_FIELDS = ["code", "name_zh", "name_en", "file_stub", "area_km2", "population", "n_total", "d_total", "summary"]
COUNTY_FIELDS = ["code", "name_zh", "name_en", "city", "n_base", "n_park", "n_building", "n_enterprise", "n_total", "d_total"]
CITY_KIND_FIELDS = ["city_code", "ord", "kind", "count", "share", "rank", "per_10k", "per_million", "coverage"]
TARGET_FIELDS = ["ord", "kind", "target", "count", "gap", "ratio"]
TEXT_FIELDS = {"kind", "name_zh", "name_en"}  # left-aligned; numbers right


def memory_layer(geometry, fields, name):
    uri = geometry + "?" + "&".join("field={}:string".format(f) for f in fields)
    layer = QgsVectorLayer(uri, name, "memory")
    assert layer.isValid(), name
    return layer


def text_format(size, bold=False, colour=INK):
    font = QFont(FONT)
    font.setBold(bold)
    fmt = QgsTextFormat()
    fmt.setFont(font)
    fmt.setSize(size)
    fmt.setSizeUnit(QgsUnitTypes.RenderPoints)
    fmt.setColor(colour)
    return fmt


def keep_text_as_text(layout):
    """QGIS's own PDF and SVG exports of the layout (the Layout Designer's) keep
    text as text, as htsplan's do: searchable names and table numbers."""
    layout.setCustomProperty("pdfTextFormat", 1)  # Qgis::TextRenderFormat::AlwaysText
    layout.setCustomProperty("svgTextFormat", 1)
    layout.setCustomProperty("forceVector", True)


class Page:
    """Places items on a page given in A4-landscape millimetres, scaled to the real page."""

    def __init__(self, layout, width, height):
        self.layout = layout
        self.k = width / 297.0
        self.fk = 1.0 if self.k < 1.2 else 1.25  # fonts grow less than the page
        page = layout.pageCollection().page(0)
        page.setPageSize(QgsLayoutSize(width, height, MM))
        keep_text_as_text(layout)

    def place(self, item, item_id, x, y, w, h):
        item.setId(item_id)
        self.layout.addLayoutItem(item)
        item.attemptMove(QgsLayoutPoint(x * self.k, y * self.k, MM))
        item.attemptResize(QgsLayoutSize(w * self.k, h * self.k, MM))
        return item

    def label(self, item_id, text, x, y, w, h, size, bold=False, colour=INK, align=Qt.AlignLeft):
        label = QgsLayoutItemLabel(self.layout)
        label.setText(text)
        font = QFont(FONT)
        font.setPointSizeF(size * self.fk)
        font.setBold(bold)
        label.setFont(font)
        label.setFontColor(colour)
        label.setVAlign(Qt.AlignTop)
        label.setHAlign(align)
        label.setMarginX(0)
        label.setMarginY(0)
        return self.place(label, item_id, x, y, w, h)

    def map(self, item_id, theme, x, y, w, h, frame=True):
        item = QgsLayoutItemMap(self.layout)
        item.setFollowVisibilityPreset(True)
        item.setFollowVisibilityPresetName(theme)
        item.setFrameEnabled(frame)
        item.setFrameStrokeColor(QColor(120, 120, 120))
        item.setFrameStrokeWidth(QgsLayoutMeasurement(0.25, MM))
        self.place(item, item_id, x, y, w, h)
        # An extent of the frame's shape: loading one of another shape resizes the item.
        item.setExtent(QgsRectangle(0, 0, w * self.k * 1000, h * self.k * 1000))
        return item

    def picture(self, item_id, x, y, w, h):
        picture = QgsLayoutItemPicture(self.layout)
        picture.setResizeMode(QgsLayoutItemPicture.Zoom)
        return self.place(picture, item_id, x, y, w, h)

    def table(self, item_id, layer, columns, x, y, w, h, size, filter_expression=None, sort=None):
        table = QgsLayoutItemAttributeTable.create(self.layout)
        table.setVectorLayer(layer)
        cols = []
        for field, heading, width in columns:
            column = QgsLayoutTableColumn(heading)
            column.setAttribute(field)
            column.setWidth(width * self.k)
            column.setHAlignment(Qt.AlignLeft if field in TEXT_FIELDS else Qt.AlignRight)
            cols.append(column)
        table.setColumns(cols)
        if sort:
            column = QgsLayoutTableColumn()
            column.setAttribute(sort)
            column.setSortOrder(Qt.AscendingOrder)
            table.setSortColumns([column])
        if filter_expression:
            table.setFilterFeatures(True)
            table.setFeatureFilter(filter_expression)
        table.setMaximumNumberOfFeatures(60)
        table.setHeaderTextFormat(text_format(size * self.fk, True))
        table.setContentTextFormat(text_format(size * self.fk))
        table.setCellMargin(0.5 * self.k)
        table.setGridStrokeWidth(0.15)
        table.setGridColor(QColor(170, 170, 170))
        table.setEmptyTableBehavior(QgsLayoutTable.ShowMessage)
        table.setEmptyTableMessage("无 none")
        self.layout.addMultiFrame(table)
        frame = QgsLayoutFrame(self.layout, table)
        self.place(frame, item_id, x, y, w, h)
        table.addFrame(frame)
        return table

    def legend(self, item_id, linked_map, title, x, y, w, h, columns=1, symbol_space=None):
        legend = QgsLayoutItemLegend(self.layout)
        legend.setLinkedMap(linked_map)
        legend.setTitle(title)
        legend.setColumnCount(columns)
        legend.setSplitLayer(True)
        legend.setSymbolWidth(4 * self.k)
        legend.setSymbolHeight(3 * self.k)
        legend.setLegendFilterByMapEnabled(False)
        for style, size, bold in ((QgsLegendStyle.Title, 8, True), (QgsLegendStyle.Group, 6.5, True),
                                  (QgsLegendStyle.Subgroup, 6.5, True), (QgsLegendStyle.SymbolLabel, 6, False)):
            font = QFont(FONT)
            font.setPointSizeF(size * self.fk)
            font.setBold(bold)
            legend.setStyleFont(style, font)
        if symbol_space is not None:  # a tight frame: less space above each symbol line (QGIS's default 2.5 mm)
            legend.setStyleMargin(QgsLegendStyle.Symbol, QgsLegendStyle.Top, symbol_space * self.k)
        legend.setResizeToContents(False)
        return self.place(legend, item_id, x, y, w, h)

    def north_arrow_and_scale(self, linked_map, x, y, bottom):
        arrow = QgsLayoutItemPicture(self.layout)
        arrow.setLinkedMap(linked_map)
        arrow.setBackgroundEnabled(True)  # readable over carriers in a map's corner
        arrow.setBackgroundColor(QColor(255, 255, 255))
        self.place(arrow, "north_arrow", x, y, 8, 13)
        scale = QgsLayoutItemScaleBar(self.layout)
        scale.setLinkedMap(linked_map)
        scale.setStyle("Single Box")
        scale.setUnits(QgsUnitTypes.DistanceKilometers)
        scale.setUnitLabel("km")
        scale.setUnitsPerSegment(25)
        scale.setNumberOfSegments(2)
        scale.setNumberOfSegmentsLeft(0)
        scale.setHeight(1.5 * self.k)
        scale.setTextFormat(text_format(6.5 * self.fk))
        scale.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFitWidth)
        scale.setMinimumBarWidth(25 * self.k)
        scale.setMaximumBarWidth(40 * self.k)
        self.place(scale, "scalebar", x, bottom - 11, 45, 9)


TITLE_SUB = ("[% @htsplan_vintage %] · 评估年份 evaluation year [% @htsplan_year %]")


def overview(width, height):
    project = QgsProject.instance()
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName("htsplan 全省总图 province overview")
    p = Page(layout, width, height)
    p.label("title", "山东省高技术服务业载体与[% @htsplan_target_year %]年目标进度", 8, 5, 281, 9, 15, True)
    p.label("subtitle", "Shandong: high-tech service carriers and progress toward the [% @htsplan_target_year %] targets · " + TITLE_SUB,
            8, 13.5, 281, 5, 7.5, colour=GREY)
    # The province is wider than tall: the map takes the width, the charts go under it.
    mp = p.map("map", "htsplan_overview", 8, 21, 185, 134)
    p.north_arrow_and_scale(mp, 12, 25, 155)
    p.picture("chart_targets", 8, 158, 91, 45)
    p.picture("chart_years", 102, 158, 91, 45)
    p.legend("legend", mp, "图例 Legend", 198, 21, 91, 96, columns=2)
    p.label("targets_title", "目标进度（全省）Progress toward the targets, province", 198, 119, 91, 5, 7.5, True)
    targets = memory_layer("None", TARGET_FIELDS, "htsplan_targets")
    p.table("target_table", targets,
            [("kind", "载体 Carrier", 26), ("count", "已认定 count", 16), ("target", "目标 target", 15),
             ("gap", "差距 gap", 12), ("ratio", "完成率 ratio", 15)],
            198, 124.5, 91, 24, 6.5, sort="ord")
    p.label("notes", "[% @htsplan_notes %]", 198, 151, 91, 46, 5.8, colour=GREY)
    p.label("footer", "[% @htsplan_footer %]", 198, 199, 91, 4, 5.8, colour=GREY)
    return layout, [targets]


def city_atlas():
    project = QgsProject.instance()
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName("htsplan 城市图集 city atlas")
    p = Page(layout, 297, 210)
    cities = memory_layer("MultiPolygon?crs=EPSG:4490", CITY_FIELDS, "htsplan_cities")
    counties = memory_layer("MultiPolygon?crs=EPSG:4490", COUNTY_FIELDS, "htsplan_counties")
    kinds = memory_layer("None", CITY_KIND_FIELDS, "htsplan_city_kinds")
    atlas = layout.atlas()
    atlas.setCoverageLayer(cities)
    atlas.setEnabled(True)
    atlas.setHideCoverage(False)
    atlas.setSortFeatures(True)
    atlas.setSortExpression('"code"')
    atlas.setSortAscending(True)
    atlas.setPageNameExpression('"name_zh"')
    atlas.setFilenameExpression("'htsplan_' || \"code\" || '_' || \"file_stub\"")

    p.label("title", "[% \"name_zh\" %]高技术服务业载体与[% @htsplan_target_year %]年目标进度", 8, 5, 281, 9, 15, True)
    p.label("subtitle", "[% \"name_en\" %]: high-tech service carriers and progress toward the [% @htsplan_target_year %] targets · "
            + TITLE_SUB + " · [% @atlas_featurenumber %]/[% @atlas_totalfeatures %]", 8, 13.5, 281, 5, 7.5, colour=GREY)
    # The legend goes under the map, never over the city.
    mp = p.map("map", "htsplan_city", 8, 21, 150, 150)
    mp.setAtlasDriven(True)
    mp.setAtlasScalingMode(QgsLayoutItemMap.Auto)
    mp.setAtlasMargin(0.06)
    p.north_arrow_and_scale(mp, 12, 25, 171)
    p.legend("legend", mp, "图例 Legend", 8, 173, 150, 30, columns=3, symbol_space=1.5)

    locator = p.map("locator", "htsplan_locator", 163, 21, 44, 34)
    overview_frame = QgsLayoutItemMapOverview("city extent", locator)
    overview_frame.setLinkedMap(mp)
    locator.overviews().addOverview(overview_frame)
    p.label("summary", "[% \"summary\" %]", 210, 21, 79, 34, 6.5)
    p.label("kinds_title", "载体与全省对比 Carriers against the province", 163, 58, 126, 5, 7.5, True)
    p.table("city_table", kinds,
            [("kind", "载体 Carrier", 31), ("count", "数量 n", 11), ("share", "占全省 share", 14), ("rank", "排名 rank", 11),
             ("per_10k", "每万km²", 13), ("per_million", "每百万人", 13), ("coverage", "覆盖 cover", 13)],
            163, 63.5, 126, 22, 6.2, filter_expression="\"city_code\" = attribute(@atlas_feature, 'code')", sort="ord")
    chart = p.picture("chart_sectors", 163, 86, 126, 44)
    chart.dataDefinedProperties().setProperty(
        QgsLayoutObject.PictureSource,
        QgsProperty.fromExpression("@htsplan_charts_dir || '/city_' || \"code\" || '.svg'"))
    p.label("counties_title", "县（市、区）Counties", 163, 132, 126, 5, 7.5, True)
    p.table("counties_table", counties,
            [("name_zh", "县区 County", 28), ("n_base", "基地", 11), ("n_park", "园区", 11), ("n_building", "楼宇", 11),
             ("n_enterprise", "企业", 11), ("n_total", "合计 total", 14), ("d_total", "每万km² per 10k", 20)],
            163, 137.5, 126, 54, 6, filter_expression="\"city\" = attribute(@atlas_feature, 'code')", sort="code")
    p.label("notes", "[% @htsplan_notes %]", 163, 193, 126, 12, 5, colour=GREY)
    p.label("footer", "[% @htsplan_footer %]", 8, 204, 150, 4, 5.5, colour=GREY)
    return layout, [cities, counties, kinds]


def analysis():
    project = QgsProject.instance()
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName("htsplan 分析图 analysis page")
    p = Page(layout, 297, 210)
    p.label("title", "[% @htsplan_page_title %]", 8, 5, 281, 9, 15, True)
    p.label("subtitle", "[% @htsplan_page_subtitle %] · " + TITLE_SUB, 8, 13.5, 281, 5, 7.5, colour=GREY)
    mp = p.map("map", "htsplan_overview", 8, 21, 180, 182)
    p.north_arrow_and_scale(mp, 12, 25, 203)
    p.legend("legend", mp, "图例 Legend", 193, 21, 96, 90)
    p.label("text", "[% @htsplan_page_text %]", 193, 114, 96, 60, 7)
    p.label("notes", "[% @htsplan_notes %]", 193, 176, 96, 24, 5.8, colour=GREY)
    p.label("footer", "[% @htsplan_footer %]", 193, 199, 96, 4, 5.8, colour=GREY)
    return layout, []


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "styles", "layouts")
    os.makedirs(out_dir, exist_ok=True)
    app = QgsApplication([], False)
    app.initQgis()
    failed = False
    for name, build in (("overview_a4", lambda: overview(297, 210)), ("overview_a3", lambda: overview(420, 297)),
                        ("city_a4", city_atlas), ("analysis_a4", analysis)):
        layout, keep = build()
        path = os.path.join(out_dir, name + ".qpt")
        ok = layout.saveAsTemplate(path, QgsReadWriteContext())
        print(("wrote " if ok else "FAILED ") + path)
        failed = failed or not ok
        del layout, keep
    app.exitQgis()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
