# The dashboard dock in the real QGIS (issue 12), run by run_dock_test.sh
# (qgis --code dock_script.py, under Xvfb at 1366x768). Opens a project made
# by `htsplan project` over copies of the bundled data and checks, as a
# planner would see them:
#   - the dock opens with the project and its cards equal `htsplan report`'s
#     targets (2015), every city's row its counts;
#   - the year slider at 2012: cards equal `htsplan report --year 2012`, each
#     facility layer shows exactly the carriers counted in 2012;
#   - a city row zooms the map to the city and selects its counted carriers;
#   - the charts render; the kernel density runs from the dock into the
#     "htsplan results" group; nothing is written into the source layers;
#   - hot spots (Gi*), local Moran, specialization and revenue growth run from
#     the dock (2015's enterprises per county): each result styled in the
#     results group (hot spots: categorized on Gi_Bin in hotspots.qml's
#     colours), its key numbers in the dock; the hot spot count equals
#     `htsplan run htsplan:hotspots` on the same counts, Moran's I equals the
#     toolbox's, the cities behind the growth line equal `htsplan report`'s;
#     a toolbox run (processing.runAndLoadResults) loads its output styled;
#     screenshots of the hot spot map with the dock in Chinese and English;
#   - the register check (htsplan:validate) from the dock: its table has
#     `htsplan run htsplan:validate`'s violations, errors first, its columns
#     fit the dock; P110's row zooms to the park, selects it and draws it above
#     the violation point; in 2012 (P110 counts from 2014) the row lifts the
#     year filter for P110 alone and says so, until the year changes;
#   - the what-if split (Split targets): the default split at 2015 and a blend
#     with the current counts equal `htsplan run htsplan:allocate`'s, the change
#     column shows who moved, a floor above the quota is said in red, "Add to
#     map" adds htsplan:allocate's layer with the same split;
#   - an edit saved in a facility layer refreshes the dock (and unsaved edits
#     are said);
#   - the state (the what-if's choices too) is saved in the project and
#     restored when it is read again;
#   - a million enterprises: the first load's time, and a cancel that ends it
#     within a second, the window answering meanwhile.
# Screenshots go to HTSPLAN_TEST_OUT (dock_*.png): look at them.
import json
import shutil
import os
import time
import traceback

from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import (QApplication, QComboBox, QDockWidget, QFrame, QLabel, QPushButton, QSlider, QTableWidget, QTabWidget,
                                 QToolButton)
from qgis.PyQt.QtSvg import QSvgWidget
from qgis.core import Qgis, QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsProject
from qgis.utils import iface

RESULT = os.environ.get("HTSPLAN_TEST_RESULT", "/tmp/htsplan_dock_result.json")
OUT = os.environ.get("HTSPLAN_TEST_OUT", "/tmp")
PROJECT = os.environ.get("HTSPLAN_TEST_PROJECT", "")
EXPECTED_2015 = os.environ.get("HTSPLAN_EXPECTED_METRICS", "")
EXPECTED_2012 = os.environ.get("HTSPLAN_EXPECTED_2012", "")
BIG = os.environ.get("HTSPLAN_TEST_BIG", "")
CLI = os.environ.get("HTSPLAN_CLI", "")
SCRIPT = os.environ.get("HTSPLAN_QGIS_SCRIPT", "")
STYLES = os.environ.get("HTSPLAN_STYLES") or (os.path.join(os.path.dirname(os.path.abspath(SCRIPT)), "..", "..", "styles") if SCRIPT else "")
TIMEOUT_S = 120

state = {"checks": [], "errors": [], "log": [], "started": time.time()}


def on_message(message, tag, level):
    if level == Qgis.Critical and (tag == "htsplan" or "htsplan" in message):
        state["log"].append("[{}] {}".format(tag, message))


QgsApplication.messageLog().messageReceived.connect(on_message)


def check(condition, what):
    state["checks"].append(("ok " if condition else "FAILED ") + what)
    if not condition:
        state["errors"].append(what)
    return condition


def shot(name):
    QApplication.processEvents()
    iface.mainWindow().grab().save(os.path.join(OUT, name))


def finish():
    for line in state["log"]:
        state["errors"].append("logged: " + line)
    result = {"ok": not state["errors"], "errors": state["errors"], "checks": state["checks"],
              "seconds": round(time.time() - state["started"], 1)}
    with open(RESULT, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=2)
    QgsProject.instance().setDirty(False)
    QTimer.singleShot(0, lambda: QApplication.instance().exit(0))


def step(function):
    def wrapped(*args):
        try:
            function(*args)
        except Exception:
            state["errors"].append(function.__name__ + ": " + traceback.format_exc())
            finish()
    return wrapped


def wait(condition, then, what, timeout=TIMEOUT_S):
    """Calls then() once condition() holds (checked every 100 ms), or fails after timeout seconds."""
    started = time.time()

    def poll():
        try:
            if condition():
                then()
            elif time.time() - started > timeout:
                check(False, "{} within {} s".format(what, timeout))
                finish()
            else:
                QTimer.singleShot(100, poll)
        except Exception:
            state["errors"].append(what + ": " + traceback.format_exc())
            finish()
    QTimer.singleShot(100, poll)


def dock():
    return iface.mainWindow().findChild(QDockWidget, "htsplanDashboardDock")


def child(kind, name):
    d = dock()
    return d.findChild(kind, name) if d else None


def status():
    label = child(QLabel, "htsplanDashboardStatus")
    return label.text() if label else ""


def cards():
    out = {}
    d = dock()
    for i in range(4):
        frame = d.findChild(QFrame, "htsplanCard{}".format(i)) if d else None
        if frame is None or not frame.isVisible() or not frame.property("kind"):
            continue
        count, target = (int(x) for x in frame.findChild(QLabel, "figure").text().split(" / "))
        out[frame.property("kind")] = {"count": count, "target": target, "pace": frame.property("pace"),
                                       "detail": frame.findChild(QLabel, "detail").text()}
    return out


def loaded():
    return bool(cards()) and not child(QPushButton, "htsplanDashboardCancel").isVisible()


def city_rows():
    table = child(QTableWidget, "htsplanDashboardCities")
    rows = {}
    for r in range(table.rowCount()):
        name = table.item(r, 0).text()
        rows[name] = {"row": r, "counts": [int(table.item(r, c).text()) for c in range(1, 5)],
                      "behind": table.item(r, 11).text()}
    return rows


KIND_OF_SHORT = {"Bases": "base", "Parks": "park", "Buildings": "building", "Enterprises": "enterprise"}


def shown_behind():
    """{city: sorted kinds} of the cities table's ⚑ column (English)."""
    return {name: sorted(KIND_OF_SHORT[x.strip()] for x in row["behind"].replace("⚑", "").split(",") if x.strip())
            for name, row in city_rows().items()}


def report_behind(m):
    """{city: sorted kinds} not on pace in a metrics.json's pace section."""
    return {c["name"]: sorted(k["kind"] for k in c["kinds"] if k["state"] != "on_pace") for c in m["pace"]["cities"]}


def facility_layers():
    group = QgsProject.instance().layerTreeRoot().findGroup("htsplan")
    layers = {}
    for node in group.findLayers() if group else []:
        layer = node.layer()
        name = layer.source().split("layername=")[-1].split("|")[0]
        if name in ("bases", "parks", "buildings", "enterprises", "hightech_zones"):
            layers[name] = layer
    return layers


def metrics(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


LAYER_OF = {"base": "bases", "park": "parks", "building": "buildings", "enterprise": "enterprises"}


@step
def start():
    window = iface.mainWindow()
    window.showNormal()
    window.resize(1366, 768)
    if not check(bool(PROJECT) and os.path.exists(PROJECT), "a project to open ({})".format(PROJECT)):
        finish()
        return
    state["t_open"] = time.time()
    QgsProject.instance().read(PROJECT)
    wait(lambda: dock() is not None and loaded(), opened, "the dock opens with the project and shows its figures")


@step
def opened():
    check(dock().isVisible(), "dock visible after the project was read ({:.1f} s)".format(time.time() - state["t_open"]))
    check(child(QSlider, "htsplanDashboardYear").value() == 2015, "the project's year 2015 on the slider")
    check(dock().width() >= 380, "dock wide enough for the cards ({} px)".format(dock().width()))
    shot("dock_2015.png")
    got = cards()
    if EXPECTED_2015:
        m = metrics(EXPECTED_2015)
        for t in m["targets"]:
            c = got.get(t["kind"], {})
            check(c.get("count") == t["count"] and c.get("target") == t["target"] and c.get("detail", "").startswith("{:.1f}%".format(t["ratio"] * 100)),
                  "2015 card {} equals htsplan report (card {}, report {}/{})".format(t["kind"], c, t["count"], t["target"]))
        rows = city_rows()
        kinds = [t["kind"] for t in m["targets"]]
        for city in m["cities"]:
            row = rows.get(city["name"])
            want = [city["counts"][k] for k in kinds]
            check(row is not None and row["counts"] == want, "2015 row {} equals htsplan report ({} vs {})".format(
                city["name"], row["counts"] if row else None, want))
    else:
        check(False, "htsplan report's metrics.json to compare with (HTSPLAN_EXPECTED_METRICS)")
    state["t_year"] = time.time()
    child(QSlider, "htsplanDashboardYear").setValue(2012)
    QApplication.processEvents()
    state["year_ms"] = (time.time() - state["t_year"]) * 1000
    # The map follows once the slider rests (250 ms).
    QTimer.singleShot(1500, year_2012)


@step
def year_2012():
    # The 200 ms goal is the benchmark's (bench/RESULTS.md); here only a stall fails, so a
    # busy CI machine running another test beside this one does not fail it.
    check(state["year_ms"] < 1000, "cards, table and charts updated in {:.0f} ms (goal 200, a stall over 1000 fails)".format(state["year_ms"]))
    got = cards()
    m = metrics(EXPECTED_2012)
    for t in m["targets"]:
        c = got.get(t["kind"], {})
        check(c.get("count") == t["count"], "2012 card {} equals htsplan report --year 2012 ({} vs {})".format(t["kind"], c.get("count"), t["count"]))
    check(got["base"]["pace"] == 2, "bases in 2012 far behind the straight path (red): {}".format(got["base"]["detail"]))
    layers = facility_layers()
    for t in m["targets"]:
        layer = layers.get(LAYER_OF[t["kind"]])
        if check(layer is not None, "layer {} in the map".format(LAYER_OF[t["kind"]])):
            # Counted by reading them: QGIS 3.22's featureCount() of a filtered GeoPackage layer
            # is -1 in the desktop ("unable to open database file" from its count query).
            shown = sum(1 for _ in layer.getFeatures())
            check(layer.subsetString() != "" and shown == t["count"],
                  "{} shows the {} carriers counted in 2012 (shows {}, filter {!r})".format(
                      layer.name(), t["count"], shown, layer.subsetString()[:120]))
    shot("dock_2012.png")
    # The ⚑ flags: the kinds each city is behind in, against its share of the whole target
    # split by population (the default split), as htsplan report's pace section.
    want = report_behind(m)
    check(shown_behind() == want and any(want.values()),
          "2012 ⚑ behind-pace flags equal htsplan report's pace ({} cities behind, e.g. {})".format(
              sum(1 for v in want.values() if v), sorted((k, v) for k, v in want.items() if v)[:2]))
    # Qingdao's row: zoom and selection.
    rows = city_rows()
    qingdao = rows.get("青岛市")
    if not check(qingdao is not None, "Qingdao in the city table"):
        finish()
        return
    table = child(QTableWidget, "htsplanDashboardCities")
    table.selectRow(qingdao["row"])
    QApplication.processEvents()
    state["qingdao"] = qingdao
    QTimer.singleShot(1500, city_selected)


@step
def city_selected():
    canvas = iface.mapCanvas()
    centre = canvas.extent().center()
    cities = [l for l in QgsProject.instance().mapLayers().values() if l.source().endswith("layername=cities_2015")]
    from qgis.core import QgsCoordinateTransform, QgsFeatureRequest
    if check(len(cities) == 1, "the cities layer in the map"):
        qd = next(cities[0].getFeatures(QgsFeatureRequest().setFilterExpression("\"code\" = '370200'")))
        to_canvas = QgsCoordinateTransform(cities[0].crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance())
        box = to_canvas.transformBoundingBox(qd.geometry().boundingBox())
        check(box.contains(centre) and canvas.extent().width() < 2.5 * box.width(),
              "the map zoomed to Qingdao (extent {}, Qingdao {})".format(canvas.extent().toString(0), box.toString(0)))
    parks = facility_layers()["parks"]
    check(parks.selectedFeatureCount() == state["qingdao"]["counts"][1],
          "Qingdao's parks counted in 2012 selected ({} selected, row says {})".format(parks.selectedFeatureCount(), state["qingdao"]["counts"][1]))
    shot("dock_qingdao.png")
    tabs = child(QTabWidget, "htsplanDashboardTabs")
    tabs.setCurrentIndex(1)
    QTimer.singleShot(800, charts)


@step
def charts():
    for name in ("htsplanChartTargets", "htsplanChartSectors", "htsplanChartYears"):
        w = child(QSvgWidget, name)
        check(w is not None and w.renderer().isValid() and w.isVisible(), "chart {} drawn".format(name))
    shot("dock_charts.png")
    child(QTabWidget, "htsplanDashboardTabs").setCurrentIndex(2)
    QApplication.processEvents()
    shot("dock_analyses.png")
    before = {l.id() for l in QgsProject.instance().mapLayers().values()}
    state["layers_before"] = before
    child(QPushButton, "htsplanRunKde").click()
    wait(lambda: results_group_layers(), kde_done, "the kernel density from the dock in 'htsplan results'")


def results_group_layers():
    root = QgsProject.instance().layerTreeRoot()
    for group in root.findGroups():
        if group.name() in ("htsplan results", "htsplan 分析结果"):
            return [n.layer() for n in group.findLayers()]
    return []


@step
def kde_done():
    layers = results_group_layers()
    raster = [l for l in layers if l.type() == 1]  # QgsMapLayerType.RasterLayer
    if check(len(raster) == 1 and raster[0].isValid(), "one valid density raster in the results group ({})".format([l.name() for l in layers])):
        stats = raster[0].dataProvider().bandStatistics(1)
        check(stats.maximumValue > 0, "the density has values (max {:.3g})".format(stats.maximumValue))
        check(raster[0].renderer().type() == "singlebandpseudocolor", "the density styled ({})".format(raster[0].renderer().type()))
        node = QgsProject.instance().layerTreeRoot().findLayer(raster[0].id())
        labels = [node.customProperty("legend/label-{}".format(i)) for i in range(3)]
        check(any(l in ("Relative density", "相对密度") for l in labels), "the density's legend says relative density, not the band's name ({})".format(labels))
        src = raster[0].source()
        check(not src.startswith(os.path.dirname(PROJECT)), "the result written outside the data folder ({})".format(src))
    shot("dock_kde.png")
    QTimer.singleShot(0, statistics_year)


# --- Spatial statistics from the dock (issue 13) ---

def statistic_values(name):
    label = child(QLabel, "htsplanResult_" + name)
    return label.property("htsplanValues") if label is not None else None


def result_layer(field):
    """The layer of the results group that has field (the newest first), or None."""
    for layer in results_group_layers():
        if layer.type() == 0 and layer.fields().indexOf(field) >= 0:
            return layer
    return None


def shipped_colours(style, field_type="integer", field="Gi_Bin"):
    """{category value: colour name} of a shipped QML, read by QGIS from the file."""
    from qgis.core import QgsVectorLayer
    scratch = QgsVectorLayer("Polygon?crs=EPSG:4490&field={}:{}".format(field, field_type), "scratch", "memory")
    message, ok = scratch.loadNamedStyle(os.path.join(STYLES, style + ".qml"))
    check(ok, "{}.qml loads ({})".format(style, message))
    return {str(c.value()): c.symbol().color().name() for c in scratch.renderer().categories()}


def show_statistics(result_name, layer):
    """For a screenshot: the result's legend open in the layers panel, the dock scrolled to the result's numbers, the map drawn."""
    from qgis.PyQt.QtWidgets import QScrollArea
    root = QgsProject.instance().layerTreeRoot()
    view = iface.layerTreeView()
    for node in root.findGroups() + root.findLayers():
        wanted = node.name() in ("htsplan results", "htsplan 分析结果") if node.nodeType() == 0 else node.layer() is not None and node.layer().id() == layer.id()
        node.setExpanded(wanted)
        view.setExpanded(view.node2index(node), wanted)
    scroll = dock().findChild(QScrollArea)
    label = child(QLabel, "htsplanResult_" + result_name)
    QApplication.processEvents()
    scroll.ensureWidgetVisible(label, 10, 10)
    iface.mapCanvas().refreshAllLayers()
    iface.mapCanvas().waitWhileRendering()
    QApplication.processEvents()


def legend_label(layer, value):
    renderer = categorized(layer)
    index = renderer.categoryIndexForValue(value) if renderer else -1
    return renderer.categories()[index].label() if index >= 0 else None


def categorized(layer):
    renderer = layer.renderer()
    return renderer if renderer is not None and renderer.type() == "categorizedSymbol" else None


def cli(*args):
    import subprocess
    run = subprocess.run([CLI] + list(args), capture_output=True, text=True, timeout=300)
    check(run.returncode == 0, "htsplan {} exits 0 ({})".format(" ".join(args[:2]), run.stderr[-400:]))
    return run.stdout + run.stderr


@step
def statistics_year():
    # The year the targets count: 2015's enterprises, what the map then shows.
    child(QSlider, "htsplanDashboardYear").setValue(2015)
    QTimer.singleShot(1000, run_hotspots)


@step
def run_hotspots():
    combo = child(QComboBox, "htsplanAnalysisLayer")
    carriers = QgsProject.instance().mapLayer(combo.currentData())
    check(carriers is not None and carriers.source().split("layername=")[-1].startswith("enterprises"),
          "the analyses' carriers default to the enterprises ({})".format(carriers.source() if carriers else None))
    state["hot_source"] = carriers.source()
    # Canceled in the task bar right away: the chain stops, the dock says so, nothing is added.
    state["results_before"] = len(results_group_layers())
    child(QPushButton, "htsplanRunHotspots").click()
    running = [t for t in QgsApplication.taskManager().activeTasks() if "htsplan" in t.description()]
    check(len(running) == 1, "hot spots run as one background task at a time ({})".format([t.description() for t in running]))
    for task in running:
        task.cancel()
    wait(lambda: child(QLabel, "htsplanResult_hotspots").text() == "Canceled", hotspots_canceled, "the canceled hot spots said in the dock", timeout=30)


@step
def hotspots_canceled():
    check(len(results_group_layers()) == state["results_before"], "a canceled run adds no layer")
    state["t_hot"] = time.time()
    child(QPushButton, "htsplanRunHotspots").click()
    QApplication.processEvents()
    label = child(QLabel, "htsplanResult_hotspots")
    check(label.isVisible() and label.property("htsplanValues") is None, "the dock says hot spots are running ({!r})".format(label.text()))
    wait(lambda: statistic_values("hotspots") and result_layer("Gi_Bin") is not None, hotspots_done,
         "hot spots from the dock in 'htsplan results' with their numbers in the dock")


@step
def hotspots_done():
    check(not [t for t in QgsApplication.taskManager().activeTasks() if "htsplan" in t.description()], "no htsplan task left after the hot spots")
    state["checks"].append("hot spots from the dock in {:.1f} s".format(time.time() - state["t_hot"]))
    layer = result_layer("Gi_Bin")
    renderer = categorized(layer)
    if check(renderer is not None and renderer.classAttribute() == "Gi_Bin",
             "the hot spot layer categorized on Gi_Bin ({})".format(layer.renderer().type() if layer.renderer() else None)):
        got = {str(c.value()): c.symbol().color().name() for c in renderer.categories()}
        want = shipped_colours("hotspots")
        check(len(want) == 7 and got == want, "the hot spot classes in hotspots.qml's colours ({} vs {})".format(got, want))
    bins = [f["Gi_Bin"] for f in layer.getFeatures()]
    hot = sum(1 for b in bins if b is not None and b > 0)
    values = statistic_values("hotspots")
    check(values["HOT_SPOTS"] == hot, "the dock's hot spot count is the layer's ({} vs {})".format(values["HOT_SPOTS"], hot))
    # The same counts through the command line: htsplan:density per county, then htsplan:hotspots.
    import tempfile
    tmp = tempfile.mkdtemp(prefix="htsplan-hot-")
    admin = os.path.join(os.path.dirname(os.path.dirname(PROJECT)), "shandong.gpkg")
    counts = os.path.join(tmp, "counts.gpkg")
    cli("run", "htsplan:density", "--UNITS={}|layername=counties".format(admin), "--POINTS=" + state["hot_source"], "--OUTPUT=" + counts)
    out = cli("run", "htsplan:hotspots", "--INPUT=" + counts, "--FIELD=COUNT", "--WEIGHTS=0", "--OUTPUT=" + os.path.join(tmp, "hot.gpkg"))
    import re
    m = re.search(r"HOT_SPOTS\W+(\d+)", out)
    cli_hot = int(m.group(1)) if m else None
    check(cli_hot is not None and cli_hot == hot and hot > 0,
          "hot spot counties from the dock equal `htsplan run htsplan:hotspots` on the same counts ({} vs {})".format(hot, cli_hot))
    state["checks"].append("dock hot spots: " + child(QLabel, "htsplanResult_hotspots").text())
    state["counts"] = counts
    # The map: the province with the hot spot layer on top, the dock in Chinese, then in English.
    canvas = iface.mapCanvas()
    from qgis.core import QgsCoordinateTransform
    extent = QgsCoordinateTransform(layer.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance()).transformBoundingBox(layer.extent())
    extent.scale(1.05)
    canvas.setExtent(extent)
    canvas.refresh()
    child(QComboBox, "htsplanDashboardLanguage").setCurrentIndex(0)  # 中文
    QTimer.singleShot(2500, hotspots_shot)


@step
def hotspots_shot():
    tab_text = child(QTabWidget, "htsplanDashboardTabs").tabText(2)
    title = child(QLabel, "htsplanStatisticsTitle").text()
    check(tab_text != "Analyses" and any("\u4e00" <= ch <= "\u9fff" for ch in title),
          "the dock's analyses in Chinese ({!r}, {!r})".format(tab_text, title))
    hot_legend = legend_label(result_layer("Gi_Bin"), 3)
    check(hot_legend == "热点（99%置信度）", "the hot spot legend in Chinese ({!r})".format(hot_legend))
    said = child(QLabel, "htsplanResult_hotspots").text()
    check(said.startswith("热点") and str(statistic_values("hotspots")["HOT_SPOTS"]) in said,
          "the hot spot numbers said again in Chinese ({!r})".format(said))
    show_statistics("hotspots", result_layer("Gi_Bin"))
    shot("dock_hotspots_zh.png")
    child(QComboBox, "htsplanDashboardLanguage").setCurrentIndex(1)  # EN
    QTimer.singleShot(1500, hotspots_shot_english)


@step
def hotspots_shot_english():
    hot_legend = legend_label(result_layer("Gi_Bin"), 3)
    check(hot_legend == "Hot Spot - 99% Confidence", "the hot spot legend back in English, as ArcGIS says it ({!r})".format(hot_legend))
    show_statistics("hotspots", result_layer("Gi_Bin"))
    shot("dock_hotspots.png")
    run_moran()


@step
def run_moran():
    child(QPushButton, "htsplanRunMoran").click()
    wait(lambda: statistic_values("moran") and result_layer("COType") is not None, moran_done, "local Moran from the dock")


@step
def moran_done():
    import processing
    layer = result_layer("COType")
    renderer = categorized(layer)
    check(renderer is not None and renderer.classAttribute() == "COType", "the LISA layer categorized on COType (lisa.qml)")
    values = statistic_values("moran")
    toolbox = processing.run("htsplan:moran", {"INPUT": state["counts"], "FIELD": "COUNT", "WEIGHTS": 0, "OUTPUT": "TEMPORARY_OUTPUT"})
    check(abs(values["MORANS_I"] - toolbox["MORANS_I"]) < 1e-12 and abs(values["Z"] - toolbox["Z_RANDOMISATION"]) < 1e-12
          and abs(values["P"] - toolbox["P_RANDOMISATION"]) < 1e-12,
          "the dock's Moran's I, z, p equal the toolbox's on the CLI's counts ({} vs {:.6f}, {:.4f}, {:.4f})".format(
              values, toolbox["MORANS_I"], toolbox["Z_RANDOMISATION"], toolbox["P_RANDOMISATION"]))
    state["checks"].append("dock Moran: " + child(QLabel, "htsplanResult_moran").text())
    # The toolbox's way of loading an output: it comes styled (processing/output_style.h).
    before = set(QgsProject.instance().mapLayers())
    loaded = processing.runAndLoadResults("htsplan:hotspots", {"INPUT": state["counts"], "FIELD": "COUNT", "WEIGHTS": 0, "OUTPUT": "TEMPORARY_OUTPUT"})
    added = [QgsProject.instance().mapLayer(i) for i in set(QgsProject.instance().mapLayers()) - before]
    added = [l for l in added if l is not None and l.type() == 0 and l.fields().indexOf("Gi_Bin") >= 0]
    if check(len(added) == 1, "the toolbox run loaded one hot spot layer ({})".format(loaded)):
        renderer = categorized(added[0])
        check(renderer is not None and renderer.classAttribute() == "Gi_Bin" and len(renderer.categories()) == 7,
              "the toolbox's hot spot output loaded styled on Gi_Bin ({})".format(added[0].renderer().type()))
        QgsProject.instance().removeMapLayer(added[0].id())
    child(QPushButton, "htsplanRunSpecialization").click()
    wait(lambda: statistic_values("specialization") and result_layer("LEAD_SECTOR") is not None, specialization_done,
         "specialization from the dock")


@step
def specialization_done():
    layer = result_layer("LEAD_SECTOR")
    renderer = categorized(layer)
    check(renderer is not None and "LEAD_SECTOR" in renderer.classAttribute(), "the specialization layer styled by leading sector")
    values = statistic_values("specialization")
    same = sum(1 for f in layer.getFeatures() if f["SAME_LEAD"] == 1)
    check(values["UNITS"] == layer.featureCount() == 17 and values["SAME_LEAD_UNITS"] == same,
          "specialization over the 17 cities, {} leading in a neighbour's sector ({})".format(same, values))
    state["checks"].append("dock specialization: " + child(QLabel, "htsplanResult_specialization").text())
    child(QPushButton, "htsplanRunGrowth").click()
    wait(lambda: statistic_values("growth") and result_layer("ON_TRACK") is not None, growth_done, "revenue growth from the dock")


@step
def growth_done():
    layer = result_layer("ON_TRACK")
    renderer = categorized(layer)
    check(renderer is not None and renderer.classAttribute() == "ON_TRACK", "the growth layer styled on ON_TRACK")
    values = statistic_values("growth")
    if EXPECTED_2015:
        g = metrics(EXPECTED_2015)["statistics"]["growth"]
        behind = sorted(c["name"] for c in g["cities"] if c["on_track"] is False)
        shown = sorted(f["name_zh"] for f in layer.getFeatures() if f["ON_TRACK"] == 0)
        check(g["to_year"] == 2015 and values["BEHIND"] == len(behind) and shown == behind,
              "the cities behind the growth line to 2015 equal htsplan report's ({} vs {})".format(shown, behind))
    state["checks"].append("dock growth: " + child(QLabel, "htsplanResult_growth").text())
    show_statistics("growth", layer)
    shot("dock_statistics.png")
    QTimer.singleShot(0, check_register)


# --- The register check in the dock (issue 14) ---

@step
def check_register():
    child(QTabWidget, "htsplanDashboardTabs").setCurrentIndex(3)
    state["t_check"] = time.time()
    child(QPushButton, "htsplanCheckRegister").click()
    running = [t for t in QgsApplication.taskManager().activeTasks() if "htsplan" in t.description()]
    check(len(running) == 1, "the register check runs as a background task ({})".format([t.description() for t in running]))
    wait(lambda: result_layer("fid_src") is not None and child(QTableWidget, "htsplanViolations").rowCount() > 0, register_checked,
         "the register check from the dock in 'htsplan results' and its table")


@step
def register_checked():
    from qgis.core import QgsCoordinateTransform, QgsFeatureRequest
    state["checks"].append("register check from the dock in {:.1f} s".format(time.time() - state["t_check"]))
    layer = result_layer("fid_src")
    table = child(QTableWidget, "htsplanViolations")
    renderer = categorized(layer)
    if check(renderer is not None and renderer.classAttribute() == "severity", "the violations categorized on severity"):
        colours = {str(c.value()): c.symbol().color().name() for c in renderer.categories()}
        check(colours == {"error": "#c62828", "warning": "#ef6c00"}, "errors red, warnings orange ({})".format(colours))
    # The same check through the command line, on the dock's files.
    sample = os.path.dirname(PROJECT)
    data = os.path.dirname(sample)
    tmp = os.path.join(OUT, "dock_validate")
    os.makedirs(tmp, exist_ok=True)
    import subprocess
    run = subprocess.run([CLI, "run", "htsplan:validate", "--json", "--", "FACILITIES=" + os.path.join(sample, "facilities.gpkg"),
                          "ADMIN=" + os.path.join(data, "shandong.gpkg"), "TARGETS=" + os.path.join(data, "targets", "shandong-2013.json"),
                          "VINTAGE=0", "OUTPUT=" + os.path.join(tmp, "violations.gpkg")], capture_output=True, text=True, timeout=300)
    check(run.returncode == 0, "htsplan run htsplan:validate exits 0 ({})".format(run.stderr[-400:]))
    results = json.loads(run.stdout)["results"]
    check(results["VIOLATIONS"] > 0 and table.rowCount() == results["VIOLATIONS"] == layer.featureCount(),
          "the dock's table has htsplan run's violations ({} rows, {} violations, layer {})".format(
              table.rowCount(), results["VIOLATIONS"], layer.featureCount()))
    levels = [table.item(r, 0).toolTip() in ("error", "错误") for r in range(table.rowCount())]
    errors = sum(levels)
    check(errors == results["ERRORS"], "the table's errors equal htsplan run's ({} vs {})".format(errors, results["ERRORS"]))
    # Errors first, then by rule code, layer and id.
    keys = [(not levels[r], table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())]
    check(keys == sorted(keys) and levels[:errors] == [True] * errors,
          "the table lists the errors first, then by rule and layer ({} errors on top)".format(errors))
    # Readable at 1366 px: the message column keeps room beside the level, rule, id and name.
    widths = [table.columnWidth(c) if not table.isColumnHidden(c) else 0 for c in range(6)]
    check(table.isColumnHidden(2) and widths[5] >= 140 and table.horizontalHeader().length() <= table.viewport().width() + 2,
          "the columns fit the dock, the message column {} px wide (widths {}, view {})".format(widths[5], widths, table.viewport().width()))
    rows = [r for r in range(table.rowCount()) if table.item(r, 3).text() == "P110"]
    if not check(len(rows) == 2, "P110 (the park outside every zone) has its two rows ({})".format(rows)):
        return finish_register()
    parks = facility_layers()["parks"]
    p110 = next(parks.getFeatures(QgsFeatureRequest().setFilterExpression("\"id\" = 'P110'")))
    table.selectRow(rows[0])
    QApplication.processEvents()
    canvas = iface.mapCanvas()
    at = QgsCoordinateTransform(parks.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance()).transform(p110.geometry().asPoint())
    # Zoomed in: the map a few kilometres across, not the province (the full extent of the map's layers).
    full = canvas.fullExtent()
    check(canvas.extent().contains(at) and canvas.extent().width() < full.width() / 20,
          "P110's row zooms the map to it (extent {}, park at {}, map's full extent {})".format(canvas.extent().toString(0), at.toString(0), full.toString(0)))
    state["p110_at"] = at
    state["p110_year"] = int(p110["year"])
    check(list(parks.selectedFeatureIds()) == [p110.id()], "P110's row selects it in the parks ({} vs {})".format(list(parks.selectedFeatureIds()), p110.id()))
    others = sum(l.selectedFeatureCount() for name, l in facility_layers().items() if name != "parks")
    check(others == 0, "nothing else selected ({})".format(others))
    iface.mapCanvas().refreshAllLayers()
    QTimer.singleShot(1500, register_shot)


@step
def register_shot():
    iface.mapCanvas().waitWhileRendering()
    QApplication.processEvents()
    layer = result_layer("fid_src")
    shot("dock_register_check.png")
    canvas = iface.mapCanvas()
    px = canvas.getCoordinateTransform().transform(state["p110_at"])
    image = canvas.grab().toImage()
    # The violation's point drawn at P110 (a red or orange pixel within 12 px; the city's label may sit on it).
    near = [image.pixelColor(int(px.x()) + dx, int(px.y()) + dy) for dx in range(-12, 13) for dy in range(-12, 13)]
    marked = [c.name() for c in near if c.red() > 180 and c.green() < 140 and c.blue() < 80]
    check(len(marked) >= 10, "the violation's point drawn red or orange at P110 ({} pixels)".format(len(marked)))
    # The park itself drawn above the violation and the city's label (the highlight, yellow).
    yellow = [c for c in near if c.red() > 220 and c.green() > 200 and c.blue() < 90]
    check(len(yellow) >= 10, "P110 itself drawn (highlighted) above the violation point ({} yellow pixels)".format(len(yellow)))
    # The year before P110's designation it does not count: the map follows the year, so its
    # row lifts the filter for it alone, and says so.
    state["before_p110"] = state["p110_year"] - 1
    if not check(state["before_p110"] >= 2011, "P110 designated after the plan's start ({})".format(state["p110_year"])):
        return finish_register()
    child(QSlider, "htsplanDashboardYear").setValue(state["before_p110"])
    QTimer.singleShot(1500, register_2012)


@step
def register_2012():
    parks = facility_layers()["parks"]
    shown = {f["id"] for f in parks.getFeatures()}
    check("P110" not in shown, "P110 (designated {}) not shown in {} before its row is chosen ({} parks shown)".format(
        state["p110_year"], state["before_p110"], len(shown)))
    state["parks_2012"] = len(shown)
    table = child(QTableWidget, "htsplanViolations")
    rows = [r for r in range(table.rowCount()) if table.item(r, 3).text() == "P110"]
    table.clearSelection()
    table.selectRow(rows[-1])
    QApplication.processEvents()
    iface.mapCanvas().refreshAllLayers()
    QTimer.singleShot(1500, register_2012_shown)


@step
def register_2012_shown():
    iface.mapCanvas().waitWhileRendering()
    QApplication.processEvents()
    parks = facility_layers()["parks"]
    shown = [f["id"] for f in parks.getFeatures()]
    check("P110" in shown and len(shown) == state["parks_2012"] + 1,
          "P110's row shows it in {} too, the other parks still those of the year ({} shown, filter {!r})".format(
              state["before_p110"], len(shown), parks.subsetString()[-60:]))
    detail = child(QLabel, "htsplanViolationDetail").text()
    check("P110" in detail and str(state["p110_year"]) in detail and str(state["before_p110"]) in detail,
          "the dock says P110 counts from {}, not in {} ({!r})".format(state["p110_year"], state["before_p110"], detail))
    canvas = iface.mapCanvas()
    px = canvas.getCoordinateTransform().transform(state["p110_at"])
    image = canvas.grab().toImage()
    near = [image.pixelColor(int(px.x()) + dx, int(px.y()) + dy) for dx in range(-12, 13) for dy in range(-12, 13)]
    yellow = [c for c in near if c.red() > 220 and c.green() > 200 and c.blue() < 90]
    check(len(yellow) >= 10, "P110 highlighted in {} ({} yellow pixels)".format(state["before_p110"], len(yellow)))
    shot("dock_register_p110_2012.png")
    child(QSlider, "htsplanDashboardYear").setValue(2015)
    QTimer.singleShot(1200, register_year_moved)


@step
def register_year_moved():
    parks = facility_layers()["parks"]
    shown = sum(1 for _ in parks.getFeatures())
    check(shown == cards()["park"]["count"], "a year change ends the lift: the parks counted in 2015 ({} shown)".format(shown))
    finish_register()


def finish_register():
    for l in facility_layers().values():
        l.removeSelection()
    # 2013: much of the 2015 targets remains to split (in 2015 the parks and buildings are met).
    child(QSlider, "htsplanDashboardYear").setValue(ALLOCATION_YEAR)
    QTimer.singleShot(1000, allocation_start)


# --- The what-if split (目标分解, issue 14) ---

ALLOCATION_YEAR = 2013

def allocate_cli(year, **options):
    """htsplan run htsplan:allocate on the dock's files: {kind: {city code: allocated}} and the remaining per kind."""
    import subprocess
    from qgis.core import QgsVectorLayer
    sample = os.path.dirname(PROJECT)
    data = os.path.dirname(sample)
    out = os.path.join(OUT, "dock_allocate_{}_{}.gpkg".format(year, len(state.setdefault("allocate_runs", []))))
    state["allocate_runs"].append(out)
    if os.path.exists(out):
        os.remove(out)
    args = [CLI, "run", "htsplan:allocate", "--json", "--", "FACILITIES=" + os.path.join(sample, "facilities.gpkg"),
            "ADMIN=" + os.path.join(data, "shandong.gpkg"), "TARGETS=" + os.path.join(data, "targets", "shandong-2013.json"),
            "VINTAGE=0", "YEAR={}".format(year), "OUTPUT=" + out] + ["{}={}".format(k, v) for k, v in options.items()]
    run = subprocess.run(args, capture_output=True, text=True, timeout=300)
    check(run.returncode == 0, "htsplan run htsplan:allocate {} exits 0 ({})".format(options, run.stderr[-300:]))
    split = {}
    for f in QgsVectorLayer(out, "allocate", "ogr").getFeatures():
        split.setdefault(f["KIND"], {})[f["NAME_ZH"]] = f["ALLOCATED"]
    return split


def allocation_panel():
    from qgis.PyQt.QtWidgets import QWidget
    return child(QWidget, "htsplanAllocationPanel")


def shown_split():
    """{kind: {city: (now, new, expected, change)}} as the what-if table shows it, kind by kind."""
    combo = child(QComboBox, "htsplanAllocKind")
    table = child(QTableWidget, "htsplanAllocTable")
    split = {}
    for i in range(combo.count()):
        combo.setCurrentIndex(i)
        QApplication.processEvents()
        kind = table.property("htsplanKind")
        rows = {}
        for r in range(table.rowCount()):
            cells = [table.item(r, c).text() for c in range(5)]
            rows[cells[0]] = (int(cells[1]), int(cells[2].lstrip("+")), int(cells[3]), cells[4])
        split[kind] = rows
    return split


def cities_of(split):
    return {kind: {city: row[1] for city, row in rows.items() if city not in ("Province", "全省")} for kind, rows in split.items()}


@step
def allocation_start():
    from qgis.PyQt.QtWidgets import QDoubleSpinBox, QSpinBox
    tabs = child(QTabWidget, "htsplanDashboardTabs")
    panel = allocation_panel()
    if not check(panel is not None, "the dock has a Split targets tab"):
        return allocation_end()
    tabs.setCurrentIndex(tabs.indexOf(panel))
    check(tabs.tabText(tabs.indexOf(panel)) in ("Split targets", "目标分解"), "the tab says Split targets ({!r})".format(tabs.tabText(tabs.indexOf(panel))))
    QApplication.processEvents()
    # The default split (population, Hamilton, remaining) at the slider's year equals htsplan:allocate's.
    want = allocate_cli(ALLOCATION_YEAR)
    shown = shown_split()
    got = cities_of(shown)
    remaining = sum(sum(v.values()) for v in want.values())
    check(set(got) == set(want) and all(got[k] == want[k] for k in want) and sum(len(v) for v in want.values()) >= 17 * 3 and remaining > 20,
          "the dock's default split at the slider's year equals `htsplan run htsplan:allocate` ({} kinds, park: {})".format(len(want), sorted(got.get("park", {}).items())[:4]))
    for kind, rows in shown.items():
        province = rows.get("Province") or rows.get("全省")
        check(province is not None and province[1] == sum(got[kind].values()) and all(r[0] + r[1] == r[2] for r in rows.values()),
              "{}: the cities' new carriers add up to the remaining {} and now + new = expected in every row".format(kind, province[1] if province else None))
    state["split_default"] = got
    # A blend with the current counts: the table moves to htsplan:allocate's split with that blend.
    child(QDoubleSpinBox, "htsplanAllocFactor_current").setValue(1.0)
    QApplication.processEvents()
    want = allocate_cli(ALLOCATION_YEAR, WEIGHTS=5, POPULATION_FACTOR=1, CURRENT_FACTOR=1)
    shown = shown_split()
    got = cities_of(shown)
    check(all(got[k] == want[k] for k in want), "the blend population + current equals htsplan:allocate's blend (park: {})".format(sorted(got.get("park", {}).items())[:4]))
    # The ⚑ flags follow the blend: each city's share of the whole target split the same way,
    # as htsplan report --split-weights population=1,current=1 says.
    blend_dir = os.path.join(OUT, "dock_pace_blend")
    shutil.rmtree(blend_dir, ignore_errors=True)
    sample = os.path.dirname(PROJECT)
    cli("report", "--admin", os.path.join(os.path.dirname(sample), "shandong.gpkg"), "--facilities", os.path.join(sample, "facilities.gpkg"),
        "--targets", os.path.join(os.path.dirname(sample), "targets", "shandong-2013.json"), "--year", str(ALLOCATION_YEAR),
        "--split-weights", "population=1,current=1", "--no-map", "--no-analyses", "--out", blend_dir)
    want = report_behind(metrics(os.path.join(blend_dir, "metrics.json")))
    shown_flags = shown_behind()
    check(shown_flags == want, "the ⚑ flags follow the blend: equal htsplan report --split-weights population=1,current=1's pace ({} behind)".format(
        sorted((k, v) for k, v in shown_flags.items() if v)[:3]))
    moved = {(k, c): got[k][c] - state["split_default"][k][c] for k in got for c in got[k] if got[k][c] != state["split_default"][k][c]}
    said = {(k, c): row[3] for k, rows in shown.items() for c, row in rows.items() if row[3] and c not in ("Province", "全省")}
    check(moved and all(said.get(key, "").replace("−", "-").lstrip("+") == str(v).lstrip("+") for key, v in moved.items()) and len(said) == len(moved),
          "the change column shows every city that moved, by how much ({} moved, e.g. {})".format(len(moved), list(said.items())[:3]))
    combo = child(QComboBox, "htsplanAllocKind")
    combo.setCurrentIndex(max(0, combo.findData(2)))  # parks
    QApplication.processEvents()
    shot("dock_allocation.png")
    child(QComboBox, "htsplanDashboardLanguage").setCurrentIndex(0)  # 中文
    QApplication.processEvents()
    changes = [child(QTableWidget, "htsplanAllocTable").item(r, 4).text() for r in range(child(QTableWidget, "htsplanAllocTable").rowCount())]
    check(child(QTabWidget, "htsplanDashboardTabs").tabText(child(QTabWidget, "htsplanDashboardTabs").indexOf(panel)) == "目标分解"
          and child(QPushButton, "htsplanAllocAddToMap").text() == "添加到地图" and any(changes),
          "the what-if in Chinese, its changes kept through the switch ({})".format([c for c in changes if c][:4]))
    shot("dock_allocation_zh.png")
    child(QComboBox, "htsplanDashboardLanguage").setCurrentIndex(1)  # EN
    QApplication.processEvents()
    # Weights from a table keyed by city code (a GDP column): the split equals htsplan:allocate's with the same table.
    from qgis.PyQt.QtWidgets import QLineEdit
    table_csv = os.path.join(OUT, "dock_weights.csv")
    codes = ["37{:02d}00".format(i) for i in range(1, 18)]  # the 2015 map's 17 cities, Laiwu (371200) included
    with open(table_csv, "w", encoding="utf-8") as f:
        f.write("city_code,gdp\n" + "".join("{},{}\n".format(c, 100 + 37 * ((i * 7) % 17)) for i, c in enumerate(codes)))
    for name, text in (("htsplanAllocTablePath", table_csv), ("htsplanAllocTableColumn", "gdp")):
        edit = child(QLineEdit, name)
        edit.setText(text)
        edit.editingFinished.emit()
    child(QDoubleSpinBox, "htsplanAllocFactor_table").setValue(1.0)
    child(QDoubleSpinBox, "htsplanAllocFactor_population").setValue(0.0)
    child(QDoubleSpinBox, "htsplanAllocFactor_current").setValue(0.0)
    QApplication.processEvents()
    want = allocate_cli(ALLOCATION_YEAR, WEIGHTS=4, WEIGHTS_TABLE=table_csv, WEIGHTS_COLUMN="gdp")
    got = cities_of(shown_split())
    check(not child(QLabel, "htsplanAllocError").isVisible() and all(got[k] == want[k] for k in want) and got != state["split_default"],
          "weights from a CSV column equal htsplan:allocate's with the same table (park: {})".format(sorted(got.get("park", {}).items())[:4]))
    child(QDoubleSpinBox, "htsplanAllocFactor_population").setValue(1.0)
    child(QDoubleSpinBox, "htsplanAllocFactor_current").setValue(1.0)
    child(QDoubleSpinBox, "htsplanAllocFactor_table").setValue(0.0)
    QApplication.processEvents()
    # A floor above the quota: said in red, nothing crashes, the last split kept (greyed).
    floor = child(QSpinBox, "htsplanAllocFloor")
    floor.setValue(50)
    QApplication.processEvents()
    error = child(QLabel, "htsplanAllocError")
    check(error.isVisible() and "c62828" in error.styleSheet() and "floor" in error.text().lower() and not child(QTableWidget, "htsplanAllocTable").isEnabled(),
          "a floor of 50 per city says the error in red ({!r})".format(error.text()[:160]))
    shot("dock_allocation_error.png")
    floor.setValue(0)
    QApplication.processEvents()
    check(not error.isVisible() and child(QTableWidget, "htsplanAllocTable").isEnabled(), "the floor back at 0: no error, the split shown")
    # Kept for the project save: the blend, Sainte-Laguë, a park target of 110.
    child(QComboBox, "htsplanAllocMethod").setCurrentIndex(2)
    child(QSpinBox, "htsplanAllocTarget_park").setValue(110)
    QApplication.processEvents()
    state["split_saved"] = cities_of(shown_split())
    # Add to map: htsplan:allocate with the same choices, into the results group.
    child(QPushButton, "htsplanAllocAddToMap").click()
    wait(lambda: result_layer("ALLOCATED") is not None and "htsplan results" in child(QLabel, "htsplanAllocStatus").text(), allocation_mapped,
         "the split added to the map from the dock")


@step
def allocation_mapped():
    layer = result_layer("ALLOCATED")
    on_map = {f["NAME_ZH"]: f["ALLOCATED"] for f in layer.getFeatures()}
    kind = {f["KIND"] for f in layer.getFeatures()}
    check(kind == {"park"} and on_map == state["split_saved"]["park"],
          "the map's parks layer has the dock's split (Sainte-Laguë, target 110) ({} cities, {})".format(len(on_map), sorted(on_map.items())[:3]))
    check(layer.renderer() is not None and layer.renderer().type() == "graduatedSymbol", "the split styled by new carriers ({})".format(layer.renderer().type()))
    allocation_end()


def allocation_end():
    child(QTabWidget, "htsplanDashboardTabs").setCurrentIndex(0)
    child(QSlider, "htsplanDashboardYear").setValue(2012)
    QTimer.singleShot(1000, edit_parks)


@step
def edit_parks():
    parks = facility_layers()["parks"]
    state["parks_before"] = cards()["park"]["count"]
    check(parks.startEditing(), "parks layer editable")
    f = QgsFeature(parks.fields())
    # A new park designated in 2012 in Jinan's city centre (117.0E 36.67N).
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(117.0, 36.67)))
    for field, value in (("name", "测试新园区"), ("id", "TEST-NEW-1"), ("sector", "it_services"), ("status", "designated"), ("year", 2012)):
        if parks.fields().indexOf(field) >= 0:
            f.setAttribute(field, value)
    check(parks.addFeature(f), "a park added")
    QApplication.processEvents()
    note = child(QLabel, "htsplanDashboardEditNote")
    check(note.isVisible() and parks.name() in note.text(), "the dock says the layer has unsaved edits ({!r})".format(note.text()))
    shot("dock_unsaved.png")
    check(parks.commitChanges(), "the edit saved ({})".format(parks.commitErrors()))
    state["t_commit"] = time.time()
    wait(lambda: loaded() and cards().get("park", {}).get("count") == state["parks_before"] + 1, edited,
         "the dock refreshed after the saved edit (parks {} + 1)".format(state["parks_before"]))


@step
def edited():
    check(not child(QLabel, "htsplanDashboardEditNote").isVisible(), "no unsaved-edit note after saving")
    check(child(QSlider, "htsplanDashboardYear").value() == 2012, "the year kept through the refresh")
    state["checks"].append("refresh after the edit took {:.1f} s".format(time.time() - state["t_commit"]))
    # The state lives in the project: save it, read it again.
    path = os.path.join(os.path.dirname(PROJECT), "saved.qgz")
    check(QgsProject.instance().write(path), "project saved with the dock state")
    import zipfile
    with zipfile.ZipFile(path) as z:
        qgs = z.read([n for n in z.namelist() if n.endswith(".qgs")][0]).decode("utf-8")
    import re
    sources = re.findall(r"<datasource>([^<]*)</datasource>", qgs)
    # The facility layers (a result layer's own filter, the split's KIND, is the planner's and stays).
    filtered = [d for d in sources if "subset=" in d and d.split("|")[1:2] and d.split("|")[1].split("=")[-1] in list(LAYER_OF.values()) + ["hightech_zones"]]
    check(any(d.endswith("layername=parks") for d in sources) and not filtered,
          "the saved project keeps the layers whole (the dock's year filter is not saved into them): {}".format(filtered[:2]))
    QgsProject.instance().clear()
    QApplication.processEvents()
    QgsProject.instance().read(path)
    wait(lambda: loaded() and child(QSlider, "htsplanDashboardYear").value() == 2012, reopened, "the dock restored from the saved project")


@step
def reopened():
    from qgis.PyQt.QtWidgets import QDoubleSpinBox, QSpinBox
    check(QgsProject.instance().readNumEntry("htsplan", "/year", 0)[0] == 2012, "the year 2012 saved in the project")
    restored = (child(QDoubleSpinBox, "htsplanAllocFactor_population").value(), child(QDoubleSpinBox, "htsplanAllocFactor_current").value(),
                child(QComboBox, "htsplanAllocMethod").currentIndex(), child(QSpinBox, "htsplanAllocTarget_park").value(),
                child(QSpinBox, "htsplanAllocTarget_base").value())
    check(restored == (1.0, 1.0, 2, 110, cards()["base"]["target"]),
          "the what-if's blend, rounding and park target restored from the project, the others the file's ({})".format(restored))
    parks = facility_layers()["parks"]
    shown = sum(1 for _ in parks.getFeatures())
    check(shown == cards()["park"]["count"], "the restored map filter shows the parks counted in 2012 ({} shown)".format(shown))
    if not BIG:
        finish()
        return
    # A million enterprises: the first load, then a load canceled half-way.
    from qgis.PyQt.QtWidgets import QDialog, QLineEdit
    QTimer.singleShot(300, lambda: answer_sources(BIG))
    child(QToolButton, "htsplanDashboardSources").click()  # modal: returns when answered
    state["t_big"] = time.time()
    state["ticks"] = []
    tick()
    wait(lambda: loaded() and "facilities-1000000" in status(), big_loaded, "the million enterprises loaded", timeout=300)


def tick():
    # The window's event loop answers while the task runs: a timer every 50 ms keeps firing.
    state["ticks"].append(time.time())
    if len(state["ticks"]) < 2000 and not state.get("stop_ticks"):
        QTimer.singleShot(50, tick)


def answer_sources(path):
    from qgis.PyQt.QtWidgets import QLineEdit
    dialog = QApplication.activeModalWidget()
    if not check(dialog is not None and dialog.objectName() == "htsplanSourcesDialog", "the sources dialog opened"):
        if dialog is not None:
            dialog.reject()
        return
    edits = dialog.findChildren(QLineEdit)
    edits[0].setText(path)  # the facilities file comes first
    dialog.grab().save(os.path.join(OUT, "dock_sources.png"))
    dialog.accept()


def max_gap(ticks):
    return max((b - a for a, b in zip(ticks, ticks[1:])), default=0)


@step
def big_loaded():
    seconds = time.time() - state["t_big"]
    state["stop_ticks"] = True
    gap = max_gap(state["ticks"])
    check(gap < 1.0, "the window answered during the million-point load (longest pause {:.2f} s)".format(gap))
    state["checks"].append("first load of 1M enterprises in QGIS: {:.1f} s ({})".format(seconds, status()))
    t = time.time()
    child(QSlider, "htsplanDashboardYear").setValue(2013)
    QApplication.processEvents()
    ms = (time.time() - t) * 1000
    check(ms < 1000, "at 1M a year change updates the dock in {:.0f} ms (goal 200, a stall over 1000 fails)".format(ms))
    shot("dock_1m.png")
    # Reload, then cancel half-way.
    child(QToolButton, "htsplanDashboardReload").click()
    QTimer.singleShot(700, cancel_big)


@step
def cancel_big():
    button = child(QPushButton, "htsplanDashboardCancel")
    if not check(button.isVisible(), "the load shows a Cancel button while it runs"):
        finish()
        return
    state["t_cancel"] = time.time()
    button.click()
    wait(lambda: not child(QPushButton, "htsplanDashboardCancel").isVisible(), canceled, "the canceled load ended", timeout=30)


@step
def canceled():
    seconds = time.time() - state["t_cancel"]
    check(seconds < 1.0, "cancel took effect in {:.2f} s (goal: within a second)".format(seconds))
    check("Cancel" in status() or "取消" in status(), "the dock says canceled ({!r})".format(status()))
    check(bool(cards()), "the cards still show the last load")
    running = [t for t in QgsApplication.taskManager().activeTasks() if "htsplan" in t.description()]
    check(not running, "no htsplan task left running ({})".format([t.description() for t in running]))
    shot("dock_canceled.png")
    finish()


QTimer.singleShot(1000, start)
