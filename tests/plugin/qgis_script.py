# Runs inside the QGIS desktop (qgis --code qgis_script.py), started by
# run_qgis_test.sh with HTSPLAN_NONINTERACTIVE=1. Checks that the htsplan C++
# plugin is loaded, triggers "Load planning map" and "Target progress", waits
# for the task, checks the layer group, the feature counts and the dashboard's
# target cards (against `htsplan report`'s metrics.json when HTSPLAN_EXPECTED_METRICS
# names one), saves screenshots, runs the toolbox, then unloads the plugin
# while its target-progress task runs and loads it again (through the Plugin
# Manager: QgsPluginRegistry is not exposed to Python), checks the reloaded
# plugin works, and quits while a task is still running. It writes
# HTSPLAN_TEST_RESULT before quitting: run_qgis_test.sh checks QGIS's exit
# status and output for a crash on the way out.
# The steps run from timers so that QGIS's event loop (tasks, rendering) runs.
import json
import os
import subprocess
import time
import traceback

from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import (QAction, QApplication, QComboBox, QDialog, QDockWidget, QLabel, QListView, QMenu, QPushButton,
                                 QTableWidget)
from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.utils import iface

RESULT = os.environ.get("HTSPLAN_TEST_RESULT", "/tmp/htsplan_qgis_result.json")
OUT = os.environ.get("HTSPLAN_TEST_OUT", "/tmp")
EXPECTED = os.environ.get("HTSPLAN_EXPECTED_METRICS", "")
TASK_TIMEOUT_S = 120
PACK_TIMEOUT_S = 300

EXPECTED_FEATURES = {"counties": 137, "cities_2015": 17, "province": 1}
EXPECTED_TARGETS = {"base": 20, "park": 100, "building": 200, "enterprise": 100}

state = {"checks": [], "errors": [], "log": [], "started": time.time()}


def on_message(message, tag, level):
    # Critical messages from us, or from QGIS about loading us, fail the test.
    if state.get("expect_import_error") and "no row could be imported" in message:
        return  # the failure the import test provokes
    if level == Qgis.Critical and (tag == "htsplan" or "htsplan" in message):
        state["log"].append("[{}] {}".format(tag, message))


QgsApplication.messageLog().messageReceived.connect(on_message)


def check(condition, what):
    state["checks"].append(("ok " if condition else "FAILED ") + what)
    if not condition:
        state["errors"].append(what)
    return condition


def finish():
    try:
        if not state.get("screenshots"):
            save_screenshots()
    except Exception:
        state["errors"].append("screenshot: " + traceback.format_exc())
    for line in state["log"]:
        state["errors"].append("logged: " + line)
    result = {
        "ok": not state["errors"],
        "errors": state["errors"],
        "checks": state["checks"],
        "seconds": round(time.time() - state["started"], 1),
    }
    with open(RESULT, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=2)
    QgsProject.instance().setDirty(False)  # no "save changes?" prompt
    # Leave the event loop: QGIS then deletes its window and unloads the plugin.
    QTimer.singleShot(0, lambda: QApplication.instance().exit(0))


def step(function):
    """Runs a step; any exception ends the test with a failure."""
    def wrapped():
        try:
            function()
        except Exception:
            state["errors"].append(function.__name__ + ": " + traceback.format_exc())
            finish()
    return wrapped


def window_child(kind, name):
    return iface.mainWindow().findChild(kind, name)


@step
def start():
    iface.mainWindow().resize(1600, 1000)
    iface.mainWindow().showMaximized()
    load = window_child(QAction, "htsplanLoadMap")
    progress = window_child(QAction, "htsplanTargetProgress")
    if not check(load is not None and progress is not None, "plugin loaded (actions htsplanLoadMap, htsplanTargetProgress)"):
        finish()
        return
    load.trigger()
    check_map()
    progress.trigger()
    state["progress_started"] = time.time()
    QTimer.singleShot(200, wait_for_table)


def check_map():
    root = QgsProject.instance().layerTreeRoot()
    group = root.findGroup("htsplan")
    if not check(group is not None, "layer group 'htsplan' added"):
        return
    layers = [node.layer() for node in group.findLayers()]
    check(len(layers) >= 4, "group has the admin layers and facility layers ({} layers)".format(len(layers)))
    by_source = {}
    for layer in layers:
        name = layer.source().split("layername=")[-1].split("|")[0]
        by_source[name] = layer
        check(layer.isValid(), "layer {} valid".format(name))
    for name, count in EXPECTED_FEATURES.items():
        layer = by_source.get(name)
        if check(layer is not None, "layer {} in the group".format(name)):
            check(layer.featureCount() == count, "{} has {} features (got {})".format(name, count, layer.featureCount()))
    for name in ("bases", "parks", "buildings", "enterprises"):
        layer = by_source.get(name)
        if check(layer is not None, "layer {} in the group".format(name)):
            check(layer.featureCount() > 0, "{} has features ({})".format(name, layer.featureCount()))
            check(layer.renderer().type() == "categorizedSymbol", "{} styled by sector".format(name))
    # The plugin runs in zh_CN: layer names and legend entries in Chinese only (the CLI's stay bilingual).
    expected_names = {"province": "山东省", "cities_2015": "地级市（2015，17 市）", "counties": "县区", "parks": "专业化园区", "enterprises": "骨干企业"}
    for source, expected in expected_names.items():
        layer = by_source.get(source)
        check(layer is not None and layer.name() == expected, "layer {} named {!r} (got {!r})".format(source, expected, layer.name() if layer else None))
    parks = by_source.get("parks")
    if parks is not None and parks.renderer().type() == "categorizedSymbol":
        labels = {c.value(): c.label() for c in parks.renderer().categories()}
        check(labels.get("rnd_design") == "研发设计服务" and labels.get("other") == "其他/未知", "parks legend in Chinese ({})".format(labels))
    cities = by_source.get("cities_2015")
    if cities is not None:
        check(cities.labelsEnabled(), "city labels enabled")
        font = cities.labeling().settings().format().font().family() if cities.labeling() else ""
        check(font == "Noto Sans CJK SC", "city labels in Noto Sans CJK SC (got {!r})".format(font))
    canvas_extent = iface.mapCanvas().extent()
    check(not canvas_extent.isEmpty(), "canvas zoomed to a non-empty extent")


def dock_cards():
    """The dashboard's target cards: kind key -> count and target, once the dock shows a load."""
    from qgis.PyQt.QtWidgets import QFrame
    dock = window_child(QDockWidget, "htsplanDashboardDock")
    if dock is None:
        return {}
    cards = {}
    for i in range(4):
        frame = dock.findChild(QFrame, "htsplanCard{}".format(i))
        if frame is None or not frame.isVisible() or not frame.property("kind"):
            continue
        figure = frame.findChild(QLabel, "figure").text()
        count, target = (int(x) for x in figure.split(" / "))
        detail = frame.findChild(QLabel, "detail").text()
        cards[frame.property("kind")] = {"count": count, "target": target, "gap": max(0, target - count), "detail": detail}
    return cards


@step
def wait_for_table():
    dock = window_child(QDockWidget, "htsplanDashboardDock")
    status = window_child(QLabel, "htsplanDashboardStatus")
    text = status.text() if status else ""
    cards = dock_cards()
    failed = text.startswith("Failed") or "失败" in text or "Canceled" in text or "取消" in text  # the plugin runs in zh_CN (run_qgis_test.sh)
    if not cards and not failed and time.time() - state["progress_started"] < TASK_TIMEOUT_S:
        QTimer.singleShot(200, wait_for_table)
        return
    check(dock is not None, "dashboard dock shown")
    if check(bool(cards), "dashboard cards filled within {} s (status: {})".format(TASK_TIMEOUT_S, text)):
        check_table(cards)
        state["checks"].append("dashboard status: " + text)
    wait_for_canvas()


def check_table(rows):
    state["checks"].append("cards: " + json.dumps(rows, ensure_ascii=False))
    for kind, target in EXPECTED_TARGETS.items():
        row = rows.get(kind)
        if check(row is not None, "card for {}".format(kind)):
            check(row["target"] == target, "{} target {} (got {})".format(kind, target, row["target"]))
            check(row["count"] > 0, "{} count > 0 (got {})".format(kind, row["count"]))
    if EXPECTED:
        with open(EXPECTED, encoding="utf-8") as f:
            expected = {t["kind"]: t for t in json.load(f)["targets"]}
        check(set(expected) == set(rows), "same kinds as metrics.json ({} vs {})".format(sorted(expected), sorted(rows)))
        for kind, want in expected.items():
            got = rows.get(kind)
            if got is None:
                continue
            same = got["count"] == want["count"] and got["target"] == want["target"] and got["gap"] == want["gap"]
            ratio = "{:.1f}%".format(want["ratio"] * 100)
            check(same and got["detail"].startswith(ratio), "{} card equals metrics.json (card {}, report {})".format(
                kind, got, {k: want[k] for k in ("count", "target", "ratio", "gap")}))
    else:
        state["checks"].append("note: no metrics.json to compare with (HTSPLAN_EXPECTED_METRICS unset)")


@step
def wait_for_canvas():
    canvas = iface.mapCanvas()
    if not state.get("refreshed"):
        state["refreshed"] = time.time()
        canvas.refreshAllLayers()
        QTimer.singleShot(500, wait_for_canvas)
        return
    if canvas.isDrawing() and time.time() - state["refreshed"] < 60:
        QTimer.singleShot(200, wait_for_canvas)
        return
    QApplication.processEvents()
    save_screenshots()
    QTimer.singleShot(0, open_dialog)


@step
def open_dialog():
    """The interactive path: the load dialog, answered with the current (16-city) map."""
    os.environ["HTSPLAN_NONINTERACTIVE"] = "0"
    QTimer.singleShot(500, answer_dialog)
    window_child(QAction, "htsplanLoadMap").trigger()  # modal: returns when the dialog closes
    root = QgsProject.instance().layerTreeRoot()
    group = root.findGroup("htsplan")
    if check(group is not None, "group reloaded after the dialog"):
        sources = {node.layer().source().split("layername=")[-1].split("|")[0]: node.layer() for node in group.findLayers()}
        cities = sources.get("cities")
        if check(cities is not None, "dialog's choice 'current' loads layer cities"):
            check(cities.featureCount() == 16, "current map has 16 cities (got {})".format(cities.featureCount()))
        check("cities_2015" not in sources, "the 2015 cities were replaced")
    QTimer.singleShot(0, check_toolbox)


# The toolbox front door: every htsplan algorithm from QGIS's Processing
# framework, the same objects `htsplan run` uses. Parameters use the bundled data.
DATA = os.environ.get("HTSPLAN_DATA", "")
ALGORITHMS = ["htsplan:allocate", "htsplan:assign", "htsplan:chinacoords", "htsplan:coverage", "htsplan:dbscan", "htsplan:density",
              "htsplan:growth", "htsplan:hexdensity", "htsplan:hotspots", "htsplan:importlist", "htsplan:kde", "htsplan:moran", "htsplan:nni",
              "htsplan:specialization", "htsplan:validate"]
ADMIN = os.path.join(DATA, "shandong.gpkg")
FACILITIES = os.path.join(DATA, "sample", "facilities.gpkg")


def toolbox_runs(tmp):
    counties = ADMIN + "|layername=counties"
    cities = ADMIN + "|layername=cities"
    enterprises = FACILITIES + "|layername=enterprises"
    parks = FACILITIES + "|layername=parks"
    return {
        "htsplan:assign": ({"POLYGONS": counties, "POINTS": parks, "FIELD": "NUMPOINTS", "OUTPUT": os.path.join(tmp, "assign.gpkg")},
                           lambda r: r["ASSIGNED"] + r["UNASSIGNED"] == 110),
        "htsplan:density": ({"UNITS": cities, "POINTS": enterprises, "POPULATION_FIELD": "population", "OUTPUT": os.path.join(tmp, "density.gpkg")},
                            lambda r: abs(r["TOTAL_AREA_KM2"] - 157484.7) < 0.1),
        "htsplan:kde": ({"INPUT": enterprises, "RADIUS": 10000, "PIXEL_SIZE": 1000, "OUTPUT": os.path.join(tmp, "kde.tif")},
                        lambda r: r["ROWS"] > 100 and r["COLUMNS"] > 100 and r["MAX_VALUE"] > 0 and os.path.exists(r["OUTPUT"])),
        "htsplan:dbscan": ({"INPUT": enterprises, "EPS": 20000, "MIN_SIZE": 3, "CATEGORY_FIELD": "sector",
                            "OUTPUT": os.path.join(tmp, "dbscan.gpkg"), "SUMMARY": os.path.join(tmp, "clusters.gpkg")},
                           lambda r: r["NUM_CLUSTERS"] >= 1 and r["NOISE"] < 150),
        "htsplan:nni": ({"INPUT": enterprises, "STUDY_AREA": 2, "AREA": ADMIN + "|layername=province"},
                        lambda r: 0 < r["NN_INDEX"] < 2 and abs(r["AREA_KM2"] - 157484.7) < 0.1),
        "htsplan:hexdensity": ({"INPUT": enterprises, "CELL_SIZE": 20000, "OUTPUT": os.path.join(tmp, "hex.gpkg")},
                               lambda r: r["CELLS"] >= 10 and r["MAX_COUNT"] >= 2),
        "htsplan:coverage": ({"CARRIERS": parks, "RADIUS": 10000, "UNITS": cities, "POPULATION_FIELD": "population",
                              "OUTPUT": os.path.join(tmp, "coverage.gpkg"), "UNCOVERED": os.path.join(tmp, "uncovered.gpkg")},
                             lambda r: 0 < r["AREA_SHARE"] < 1 and 0 < r["POPULATION_SHARE"] < 1 and r["UNITS_REACHED"] >= 10),
    }


@step
def check_toolbox():
    import tempfile
    import processing
    from qgis.core import QgsProcessingAlgRunnerTask, QgsProcessingContext, QgsProcessingFeedback
    provider = QgsApplication.processingRegistry().providerById("htsplan")
    if not check(provider is not None, "htsplan provider in the Processing toolbox"):
        finish()
        return
    ids = sorted(a.id() for a in provider.algorithms())
    check(len(ids) == len(ALGORITHMS), "{} htsplan algorithms in the toolbox (got {})".format(len(ALGORITHMS), ids))
    state["checks"].append("toolbox algorithms: " + ", ".join(ids))
    tmp = tempfile.mkdtemp(prefix="htsplan-toolbox-")
    runs = toolbox_runs(tmp)
    for alg_id, (params, good) in runs.items():
        check(alg_id in ids, "{} in the toolbox".format(alg_id))
        try:
            result = processing.run(alg_id, params)
            check(good(result), "{} from the toolbox gives the expected result ({})".format(
                alg_id, {k: v for k, v in result.items() if not isinstance(v, str)}))
        except Exception as e:
            check(False, "{} from the toolbox: {}".format(alg_id, e))
    # The toolbox runs algorithms as background tasks: do that once, through the task manager.
    alg = QgsApplication.processingRegistry().createAlgorithmById("htsplan:density")
    params, good = runs["htsplan:density"]
    params = dict(params, OUTPUT=os.path.join(tmp, "density_task.gpkg"))
    state["task_context"] = QgsProcessingContext()
    state["task_feedback"] = QgsProcessingFeedback()
    task = QgsProcessingAlgRunnerTask(alg, params, state["task_context"], state["task_feedback"])
    state["task_result"] = None
    task.executed.connect(lambda ok, results: state.__setitem__("task_result", (ok, results)))
    state["task_alg"] = alg
    state["task"] = task
    QgsApplication.taskManager().addTask(task)
    state["task_started"] = time.time()
    # The plugin's own menu opens the same dialogs.
    menus = [w for w in QApplication.instance().allWidgets() if w.objectName() == "htsplanAnalysisMenu"]
    entries = {a.objectName(): a for a in menus[0].actions()} if menus else {}
    # Every algorithm but importlist, which has a dialog of its own (the menu's "Import a register").
    check(len(entries) == len(ALGORITHMS) - 1 and "htsplanAlgorithm_importlist" not in entries,
          "spatial analysis menu lists the algorithms but importlist ({})".format(sorted(entries)))
    menu_action = entries.get("htsplanAlgorithm_nni")
    if check(menu_action is not None, "htsplan menu has the spatial analysis entries"):
        QTimer.singleShot(1500, close_menu_dialog)
        menu_action.trigger()  # modal: returns when close_menu_dialog closes it
    toolbox_groups(provider)
    model_in_qgis(tmp)
    # The algorithm dialog, as a planner opens it from the toolbox.
    dialog = processing.createAlgorithmDialog("htsplan:kde")
    dialog.show()
    QApplication.processEvents()
    check(dialog.grab().save(os.path.join(OUT, "qgis_toolbox_dialog.png")), "toolbox dialog screenshot saved")
    dialog.close()
    QTimer.singleShot(200, wait_for_task)


TOOLBOX_GROUPS = {"density": 3, "pattern": 5, "coverage": 1, "units": 3, "registers": 3}


def toolbox_groups(provider):
    """The htsplan branch of the Processing toolbox: five groups, an icon per algorithm; a screenshot of it."""
    groups = {}
    for alg in provider.algorithms():
        groups[alg.groupId()] = groups.get(alg.groupId(), 0) + 1
        check(not alg.icon().pixmap(16, 16).isNull(), "{} has an icon".format(alg.id()))
    check(groups == TOOLBOX_GROUPS, "htsplan's toolbox groups {}".format(groups))
    check(not provider.icon().pixmap(16, 16).isNull(), "the htsplan provider has an icon")
    from qgis.gui import QgsProcessingToolboxTreeView
    dock = window_child(QDockWidget, "ProcessingToolbox")
    if not check(dock is not None, "the Processing toolbox dock exists"):
        return
    dock.show()
    dock.raise_()
    tree = dock.findChild(QgsProcessingToolboxTreeView)
    if not check(tree is not None, "the toolbox tree"):
        return
    tree.collapseAll()
    model = tree.model()
    shown = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if model.data(index) == provider.name():
            tree.expand(index)
            for group in range(model.rowCount(index)):
                tree.expand(model.index(group, 0, index))
                shown.append(model.data(model.index(group, 0, index)))
            tree.scrollTo(index, tree.PositionAtTop)
    check(len(shown) == len(TOOLBOX_GROUPS), "the toolbox shows htsplan's groups ({})".format(shown))
    # Floating and tall for the screenshot, so that every htsplan entry shows; docked again after.
    floating = dock.isFloating()
    dock.setFloating(True)
    dock.resize(420, 560)
    QApplication.processEvents()
    check(dock.grab().save(os.path.join(OUT, "qgis_toolbox.png")), "toolbox screenshot saved")
    dock.setFloating(floating)


def model_in_qgis(tmp):
    """The bundled model (chinacoords into assign) run in QGIS equals the two algorithms one after the other; shown in the modeler."""
    import processing
    from processing.modeler.ModelerDialog import ModelerDialog
    from qgis.core import QgsProcessingModelAlgorithm, QgsVectorLayer
    model = QgsProcessingModelAlgorithm()
    if not check(model.fromFile(os.path.join(DATA, "models", "amap_register_per_county.model3")), "the bundled model loads"):
        return
    counties = ADMIN + "|layername=counties"
    buildings = FACILITIES + "|layername=buildings"

    def per_county(path):
        return {f["code"]: f["NUMPOINTS"] for f in QgsVectorLayer(path, "counts", "ogr").getFeatures()}
    try:
        chained = per_county(processing.run(model, {"points": buildings, "counties": counties,
                                                    "count:counts": os.path.join(tmp, "model.gpkg")})["count:counts"])
        converted = processing.run("htsplan:chinacoords", {"INPUT": buildings, "FROM": 2, "TO": 0,
                                                           "OUTPUT": os.path.join(tmp, "converted.gpkg")})["OUTPUT"]
        separate = per_county(processing.run("htsplan:assign", {"POLYGONS": counties, "POINTS": converted, "FIELD": "NUMPOINTS",
                                                                "OUTPUT": os.path.join(tmp, "separate.gpkg")})["OUTPUT"])
        check(len(chained) == 137 and chained == separate and sum(chained.values()) > 200,
              "the model's counts per county equal chinacoords then assign ({} buildings in {} counties)".format(
                  sum(chained.values()), sum(1 for v in chained.values() if v)))
    except Exception as e:
        check(False, "the bundled model in QGIS: {}".format(e))
    dialog = ModelerDialog.create(model)
    dialog.resize(1000, 650)
    dialog.show()
    QApplication.processEvents()
    check(dialog.grab().save(os.path.join(OUT, "qgis_modeler.png")), "modeler screenshot saved")
    dialog.close()


def close_menu_dialog(tries=[0]):
    """Finds the dialog the menu entry opened (retrying for up to 15 s), saves it and closes it."""
    from qgis.PyQt.QtWidgets import QDialog
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    dialog = QApplication.activeModalWidget() or (dialogs[0] if dialogs else None)
    if dialog is None and tries[0] < 30:
        tries[0] += 1
        QTimer.singleShot(500, close_menu_dialog)
        return
    shown = dialog is not None and "Nearest neighbour" in dialog.windowTitle()
    check(shown, "menu entry opened the nearest-neighbour dialog ({})".format(dialog.windowTitle() if dialog else None))
    for d in ([dialog] if dialog else []) + dialogs:
        d.grab().save(os.path.join(OUT, "qgis_menu_dialog.png"))
        d.reject()


@step
def wait_for_task():
    if state["task_result"] is None and time.time() - state["task_started"] < TASK_TIMEOUT_S:
        QTimer.singleShot(200, wait_for_task)
        return
    if check(state["task_result"] is not None, "background Processing task finished"):
        ok, results = state["task_result"]
        check(ok and abs(results.get("TOTAL_AREA_KM2", 0) - 157484.7) < 0.1, "background task result ({})".format(results))
    QTimer.singleShot(0, open_import_dialog)


# The "Import a register" dialog: a GBK CSV with Chinese headers and Amap
# (GCJ-02) coordinates, as a city bureau sends it.
IMPORT_ROWS = [
    # 编号, 名称, 类型, 领域, 认定年份, 经度（高德）, 纬度（高德）
    ("P1", "齐鲁软件园", "园区", "研发设计", "2012", "117.1385", "36.6662"),
    ("P2", "济南药谷", "园区", "检验检测", "2013", "117.1722", "36.6793"),
    ("P3", "章丘电商产业园", "园区", "电子商务", "2014", "117.5350", "36.7144"),
    ("P4", "长清大学城科技园", "园区", "研发设计", "2013", "116.8129", "36.5561"),
    ("P5", "平阴检测园", "园区", "检验检测", "2014年", "116.4600", "36.2890"),
    ("B1", "汉峪金谷", "楼宇", "电子商务", "2014", "117.1858", "36.6760"),
    ("B2", "舜泰广场", "楼宇", "研发设计", "2012", "117.1392", "36.6613"),
    ("B3", "银座数码广场", "楼宇", "电子商务", "2013", "117.0256", "36.6701"),
    ("P6", "无坐标园区", "园区", "研发设计", "2014", "", "36.5000"),  # rejected: no longitude
]
IMPORT_EXPECTED = {"parks": 5, "buildings": 3}


def write_import_csv(folder):
    import csv
    import io
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["编号", "名称", "类型", "领域", "认定年份", "经度（高德）", "纬度（高德）"])
    writer.writerows(IMPORT_ROWS)
    path = os.path.join(folder, "济南 名录.csv")
    with open(path, "wb") as f:
        f.write(out.getvalue().encode("gbk"))
    return path


@step
def open_import_dialog():
    import tempfile
    from qgis.gui import QgsFileWidget
    action = window_child(QAction, "htsplanImportRegister")
    if not check(action is not None, "menu action htsplanImportRegister"):
        QTimer.singleShot(0, unload_reload)
        return
    menus = [w for w in QApplication.instance().allWidgets() if w.objectName() == "htsplanMenu"]
    check(bool(menus) and action in menus[0].actions(), "import action in the htsplan menu")
    action.trigger()  # not modal: returns at once
    dialog = window_child(QDialog, "htsplanImportDialog")
    if not check(dialog is not None and dialog.isVisible(), "import dialog shown"):
        QTimer.singleShot(0, unload_reload)
        return
    state["import_dialog"] = dialog
    folder = tempfile.mkdtemp(prefix="htsplan-导入-")
    csv_path = write_import_csv(folder)
    dialog.findChild(QgsFileWidget, "htsplanImportFile").setFilePath(csv_path)
    QApplication.processEvents()

    preview = dialog.findChild(QTableWidget, "htsplanImportPreview")
    headers = [preview.horizontalHeaderItem(c).text().split("\n")[0] for c in range(preview.columnCount())]
    check(headers == ["编号", "名称", "类型", "领域", "认定年份", "经度（高德）", "纬度（高德）"], "preview headers decoded from GBK ({})".format(headers))
    check(preview.rowCount() == len(IMPORT_ROWS), "preview shows the {} rows (got {})".format(len(IMPORT_ROWS), preview.rowCount()))
    first = preview.item(0, 1).text() if preview.rowCount() and preview.item(0, 1) else None
    check(first == "齐鲁软件园", "first row's name in Chinese (got {!r})".format(first))
    encoding = dialog.findChild(QComboBox, "htsplanImportEncoding")
    check("GB18030" in encoding.itemText(0), "encoding detected as GB18030 ({})".format(encoding.itemText(0)))
    guessed = dialog.findChild(QLabel, "htsplanImportEncodingWarning")
    check(guessed.isVisibleTo(dialog) and "GB18030" in guessed.text(), "'encoding guessed' warning shown ({})".format(guessed.text()))
    crs = dialog.findChild(QComboBox, "htsplanImportCrs")
    check(crs.currentData() == "gcj02", "GCJ-02 preselected from the header hint (got {})".format(crs.currentData()))
    hint = dialog.findChild(QLabel, "htsplanImportCrsHint")
    check(hint.isVisibleTo(dialog) and "高德" in hint.text() and "GCJ-02" in hint.text(), "CRS hint shown ({})".format(hint.text()))
    # Another encoding reads the file again: GBK bytes as Big5 are not 齐鲁软件园; back to detected, they are.
    def first_name():
        return preview.item(0, 1).text() if preview.rowCount() and preview.item(0, 1) else None
    encoding.setCurrentIndex(encoding.findData("BIG5"))
    QApplication.processEvents()
    status = dialog.findChild(QLabel, "htsplanImportStatus").text()
    check(first_name() != "齐鲁软件园" and ("BIG5" in status or "Big5" in status or preview.rowCount() == 0),
          "forcing Big5 re-runs the preview (first name {!r}, status {!r})".format(first_name(), status))
    encoding.setCurrentIndex(0)
    QApplication.processEvents()
    check(first_name() == "齐鲁软件园" and crs.currentData() == "gcj02", "back to detected: Chinese again, GCJ-02 still chosen")
    mapping = {role: dialog.findChild(QComboBox, "htsplanImportMapping_" + role).currentText() for role in ("name", "kind", "lon", "lat", "year")}
    check(mapping == {"name": "名称", "kind": "类型", "lon": "经度（高德）", "lat": "纬度（高德）", "year": "认定年份"},
          "columns mapped ({})".format(mapping))
    output = dialog.findChild(QgsFileWidget, "htsplanImportOutput")
    expected_output = os.path.join(folder, "济南 名录_htsplan.gpkg")
    check(output.filePath() == expected_output, "output defaults beside the source ({})".format(output.filePath()))
    state["import_output"] = expected_output
    state["import_rows_csv"] = os.path.join(folder, "济南 名录_htsplan_rows.csv")
    check(dialog.grab().save(os.path.join(OUT, "qgis_import_dialog.png")), "import dialog screenshot saved")

    run = dialog.findChild(QPushButton, "htsplanImportRun")
    if not check(run is not None and run.isEnabled(), "Import button enabled"):
        dialog.close()
        QTimer.singleShot(0, unload_reload)
        return
    run.click()
    state["import_started"] = time.time()
    QTimer.singleShot(200, wait_for_import)


IMPORT_GROUP = "导入：济南 名录"


@step
def wait_for_import():
    group = QgsProject.instance().layerTreeRoot().findGroup(IMPORT_GROUP)
    status = state["import_dialog"].findChild(QLabel, "htsplanImportStatus")
    failed = status is not None and "失败" in status.text()
    if group is None and not failed and time.time() - state["import_started"] < TASK_TIMEOUT_S:
        QTimer.singleShot(200, wait_for_import)
        return
    if not check(group is not None, "imported layers added in group {!r} (dialog status: {})".format(IMPORT_GROUP, status.text() if status else None)):
        state["import_dialog"].close()
        QTimer.singleShot(0, unload_reload)
        return
    by_source = {}
    for node in group.findLayers():
        layer = node.layer()
        by_source[layer.source().split("layername=")[-1].split("|")[0]] = layer
    check(set(by_source) == set(IMPORT_EXPECTED), "imported layers {} (got {})".format(sorted(IMPORT_EXPECTED), sorted(by_source)))
    names = {"parks": "专业化园区 · 济南 名录", "buildings": "主题楼宇 · 济南 名录"}
    for source, count in IMPORT_EXPECTED.items():
        layer = by_source.get(source)
        if layer is None:
            continue
        check(layer.isValid() and layer.featureCount() == count, "imported {} has {} features (got {})".format(source, count, layer.featureCount()))
        check(layer.name() == names[source], "imported layer named {!r} (got {!r})".format(names[source], layer.name()))
        check(layer.renderer().type() == "categorizedSymbol", "imported {} styled by sector like the planning map".format(source))
        check(layer.crs().authid() == "EPSG:4490", "imported {} in CGCS2000 (got {})".format(source, layer.crs().authid()))
    parks = by_source.get("parks")
    if parks is not None:
        feature = next(f for f in parks.getFeatures() if f["name"] == "齐鲁软件园")
        point = feature.geometry().asPoint()
        # GCJ-02 is 400-600 m off WGS84 in Shandong: the point must have moved.
        check(abs(point.x() - 117.1385) > 0.002 and abs(point.x() - 117.1385) < 0.01, "GCJ-02 converted to CGCS2000 ({:.5f}, {:.5f})".format(point.x(), point.y()))
    check(os.path.exists(state["import_rows_csv"]), "rows CSV written ({})".format(state["import_rows_csv"]))
    texts = [item.text() for item in iface.messageBar().items()]
    summary = [t for t in texts if "已导入" in t]
    check(bool(summary) and "已导入 8 行" in summary[0] and "拒绝 1 行" in summary[0] and state["import_rows_csv"] in summary[0],
          "message bar summary ({})".format(summary))
    state["checks"].append("import summary: " + (summary[0] if summary else ""))
    check(not state["import_dialog"].isVisible(), "import dialog closed after the import")
    QTimer.singleShot(0, import_failure)


@step
def import_failure():
    """A list no row of which can be placed: the dialog says why and stays open; nothing is added."""
    from qgis.gui import QgsFileWidget
    folder = os.path.dirname(state["import_output"])
    path = os.path.join(folder, "坏名录.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("名称,类型,经度,纬度\n无坐标园区,园区,,\n")
    state["expect_import_error"] = True
    window_child(QAction, "htsplanImportRegister").trigger()
    dialog = window_child(QDialog, "htsplanImportDialog")
    dialog.findChild(QgsFileWidget, "htsplanImportFile").setFilePath(path)
    QApplication.processEvents()
    dialog.findChild(QPushButton, "htsplanImportRun").click()
    state["import_started"] = time.time()
    QTimer.singleShot(200, wait_for_import_failure)


@step
def wait_for_import_failure():
    dialog = state["import_dialog"]
    status = dialog.findChild(QLabel, "htsplanImportStatus").text()
    if "失败" not in status and time.time() - state["import_started"] < TASK_TIMEOUT_S:
        QTimer.singleShot(200, wait_for_import_failure)
        return
    check("导入失败" in status and "no row could be imported" in status, "failed import explained in the dialog ({})".format(status))
    check(dialog.isVisible(), "dialog stays open after a failed import")
    check(dialog.findChild(QPushButton, "htsplanImportRun").isEnabled(), "Import button enabled again after a failure")
    check(QgsProject.instance().layerTreeRoot().findGroup("导入：坏名录") is None, "nothing added after a failed import")
    dialog.grab().save(os.path.join(OUT, "qgis_import_failed.png"))
    state["expect_import_error"] = False
    dialog.close()
    QTimer.singleShot(0, export_pack)


# "Export meeting pack": the dialog opens without blocking (window-modal, open()),
# is filled like `htsplan export --formats pdf --out DIR`, and accepted; the
# report is prepared in a task and written on the main thread with a progress dialog.
ANALYSIS_PAGES = 9  # kde, coverage, clusters, hotspots, split, statistics, checks, allocation, pace
PACK_PAGES = 1 + 17 + ANALYSIS_PAGES


def message_items(name):
    return [item for item in iface.messageBar().items() if item.objectName() == name]


@step
def export_pack():
    import tempfile
    from qgis.PyQt.QtWidgets import QCheckBox, QSpinBox
    from qgis.gui import QgsFileWidget
    action = window_child(QAction, "htsplanExportPack")
    if not check(action is not None, "menu action htsplanExportPack"):
        QTimer.singleShot(0, unload_reload)
        return
    menus = [w for w in QApplication.instance().allWidgets() if w.objectName() == "htsplanMenu"]
    check(bool(menus) and action in menus[0].actions() and window_child(QAction, "htsplanAddLayouts") in menus[0].actions(),
          "export and add-layouts actions in the htsplan menu")
    toolbar = [w for w in QApplication.instance().allWidgets() if w.objectName() == "htsplanToolBar"]
    check(bool(toolbar) and action in toolbar[0].actions(), "export action in the htsplan toolbar")
    action.trigger()  # opens the dialog and returns
    dialog = window_child(QDialog, "htsplanExportDialog")
    if not check(dialog is not None and dialog.isVisible(), "export dialog shown without blocking"):
        QTimer.singleShot(0, unload_reload)
        return
    facilities = dialog.findChild(QgsFileWidget, "htsplanExportFacilities").filePath()
    check(facilities.endswith("facilities.gpkg"), "facilities default to the map loaded last ({})".format(facilities))
    templates = dialog.findChild(QgsFileWidget, "htsplanExportTemplates").filePath()
    check(templates.endswith("layouts"), "templates default to the bundled ones ({})".format(templates))
    check(dialog.findChild(QSpinBox, "htsplanExportDpi").value() == 300, "PNG dpi defaults to 300")
    dialog.findChild(QComboBox, "htsplanExportVintage").setCurrentIndex(0)  # 2015: 17 cities
    for name, on in (("Overview", True), ("Cities", True), ("Analyses", True), ("Pdf", True), ("Png", False), ("Svg", False), ("CityPdfs", False)):
        dialog.findChild(QCheckBox, "htsplanExport" + name).setChecked(on)
    out = os.path.join(tempfile.mkdtemp(prefix="htsplan-会议-"), "会议材料 pack")
    state["pack_out"] = out
    dialog.findChild(QgsFileWidget, "htsplanExportOut").setFilePath(out)
    QApplication.processEvents()
    check(dialog.grab().save(os.path.join(OUT, "qgis_export_dialog.png")), "export dialog screenshot saved")
    run = dialog.findChild(QPushButton, "htsplanExportRun")
    # The dock's what-if split (Split targets: population + current counts) is the pack's split.
    from qgis.PyQt.QtWidgets import QDoubleSpinBox
    factor = window_child(QDoubleSpinBox, "htsplanAllocFactor_current")
    if check(factor is not None, "the dock's Split targets tab has a current-count factor"):
        factor.setValue(1.0)
        QApplication.processEvents()
    if not check(run is not None and run.isEnabled(), "Export button enabled"):
        dialog.reject()
        QTimer.singleShot(0, unload_reload)
        return
    run.click()
    state["export_started"] = time.time()
    QTimer.singleShot(500, wait_for_export)


@step
def wait_for_export():
    from qgis.PyQt.QtWidgets import QDoubleSpinBox, QProgressDialog
    done = message_items("htsplanExportSummary")
    if not done and not state["log"] and time.time() - state["export_started"] < PACK_TIMEOUT_S:
        progress = window_child(QProgressDialog, "htsplanExportProgress")
        if progress is not None and progress.isVisible() and not state.get("export_progress_seen"):
            state["export_progress_seen"] = True
            progress.grab().save(os.path.join(OUT, "qgis_export_progress.png"))
        QTimer.singleShot(500, wait_for_export)
        return
    seconds = time.time() - state["export_started"]
    if not check(bool(done), "meeting pack exported within {} s ({:.0f} s; log: {})".format(PACK_TIMEOUT_S, seconds, state["log"][-1:])):
        QTimer.singleShot(0, unload_reload)
        return
    check(state.get("export_progress_seen", False), "progress dialog shown while writing")
    title = done[0].title()
    check("会议材料已导出：{} 页".format(PACK_PAGES) in title, "message bar: {!r}".format(title))
    check(done[0].findChild(QPushButton, "htsplanExportOpenFolder") is not None, "message bar has an 'Open folder' button")
    pdf = os.path.join(state["pack_out"], "htsplan_pack.pdf")
    if check(os.path.exists(pdf), "htsplan_pack.pdf written ({})".format(pdf)):
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        pages = next((int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:")), 0)
        check(pages == PACK_PAGES, "pack PDF has 1 + 17 + {} = {} pages (pdfinfo: {})".format(ANALYSIS_PAGES, PACK_PAGES, pages))
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
        check("青岛市" in text and "济南市" in text, "pack PDF's text has 青岛市 and 济南市")
        state["checks"].append("pack: {} pages, {:.0f} s".format(pages, seconds))
        state["pack_mtime"] = os.path.getmtime(pdf)
    with open(os.path.join(state["pack_out"], "metrics.json"), encoding="utf-8") as f:
        written = json.load(f)
    weights = written.get("allocation", {}).get("weights")
    check(weights == {"population": 1, "current": 1} and written.get("pace", {}).get("weights") == weights,
          "the pack's split and pace follow the dock's blend (metrics.json weights {})".format(weights))
    factor = window_child(QDoubleSpinBox, "htsplanAllocFactor_current")
    if factor is not None:
        factor.setValue(0.0)
    QTimer.singleShot(0, export_cancel)


@step
def export_cancel():
    """The same export again (the dialog remembers the choices), canceled while it writes: the folder stays as it was."""
    from qgis.gui import QgsFileWidget
    window_child(QAction, "htsplanExportPack").trigger()
    dialog = window_child(QDialog, "htsplanExportDialog")
    if not check(dialog is not None and dialog.isVisible(), "export dialog shown again"):
        QTimer.singleShot(0, add_layouts)
        return
    out = dialog.findChild(QgsFileWidget, "htsplanExportOut").filePath()
    check(out == state["pack_out"], "export dialog remembers the output folder ({})".format(out))
    dialog.findChild(QPushButton, "htsplanExportRun").click()
    state["export_started"] = time.time()
    state["cancel_clicked"] = False
    QTimer.singleShot(200, wait_to_cancel)


@step
def wait_to_cancel():
    from qgis.PyQt.QtWidgets import QProgressDialog
    canceled = [item for item in iface.messageBar().items() if "文件夹未改变" in item.text()]
    if not canceled and not state["log"] and time.time() - state["export_started"] < PACK_TIMEOUT_S:
        progress = window_child(QProgressDialog, "htsplanExportProgress")
        if not state["cancel_clicked"] and progress is not None and progress.isVisible():
            state["cancel_clicked"] = True
            button = progress.findChild(QPushButton)
            check(button is not None and "取消" in button.text(), "progress dialog has a Cancel button ({})".format(button.text() if button else None))
            button.click()
        QTimer.singleShot(100, wait_to_cancel)
        return
    check(state["cancel_clicked"], "Cancel pressed in the progress dialog")
    check(bool(canceled), "canceled export reported in the message bar")
    pdf = os.path.join(state["pack_out"], "htsplan_pack.pdf")
    check(os.path.exists(pdf) and os.path.getmtime(pdf) == state.get("pack_mtime"), "after the cancel the earlier pack is untouched")
    parent = os.path.dirname(state["pack_out"])
    check(os.listdir(parent) == [os.path.basename(state["pack_out"])], "no staging folder left beside it ({})".format(os.listdir(parent)))
    QTimer.singleShot(0, add_layouts)


# "Add templates to my layouts": copies the templates into the (temporary) profile
# and adds the pack's layouts, atlas set up, to this project's Layout Manager.
LAYOUTS = ["htsplan 全省总图 province overview A4", "htsplan 全省总图 province overview A3", "htsplan 城市图集 city atlas",
           "htsplan 分析 kde", "htsplan 分析 coverage", "htsplan 分析 clusters", "htsplan 分析 hotspots",
           "htsplan 分析 statistics", "htsplan 分析 checks", "htsplan 分析 allocation"]


@step
def add_layouts():
    action = window_child(QAction, "htsplanAddLayouts")
    if not check(action is not None, "menu action htsplanAddLayouts"):
        QTimer.singleShot(0, unload_reload)
        return
    # The layouts follow the map loaded last: the 2015 map (17 cities), loaded without its dialog;
    # the copy question is answered "yes" in non-interactive mode.
    os.environ["HTSPLAN_NONINTERACTIVE"] = "1"
    window_child(QAction, "htsplanLoadMap").trigger()
    action.trigger()
    state["layouts_started"] = time.time()
    QTimer.singleShot(500, wait_for_layouts)


@step
def wait_for_layouts():
    done = message_items("htsplanLayoutsSummary")
    if not done and not state["log"] and time.time() - state["layouts_started"] < PACK_TIMEOUT_S:
        QTimer.singleShot(500, wait_for_layouts)
        return
    if not check(bool(done), "layouts added within {} s (log: {})".format(PACK_TIMEOUT_S, state["log"][-1:])):
        QTimer.singleShot(0, unload_reload)
        return
    state["checks"].append("layouts: " + done[0].title() + " " + done[0].text())
    profile_templates = os.path.join(QgsApplication.qgisSettingsDirPath(), "composer_templates")
    copied = sorted(f for f in os.listdir(profile_templates)) if os.path.isdir(profile_templates) else []
    check(copied == ["analysis_a4.qpt", "city_a4.qpt", "overview_a3.qpt", "overview_a4.qpt"], "templates copied into the profile ({})".format(copied))
    project = QgsProject.instance()
    manager = project.layoutManager()
    names = [layout.name() for layout in manager.printLayouts()]
    check(all(name in names for name in LAYOUTS), "layout manager has the pack's {} layouts ({})".format(len(LAYOUTS), names))
    group = project.layerTreeRoot().findGroup("htsplan 会议材料")
    check(group is not None and len(group.findLayers()) >= 8, "pack layers in the group 'htsplan 会议材料 meeting pack'")
    check(project.mapThemeCollection().hasMapTheme("htsplan_city"), "map theme htsplan_city in the project")
    charts = project.customVariables().get("htsplan_charts_dir", "")
    check(bool(charts) and os.path.exists(os.path.join(charts, "city_370200.svg")), "@htsplan_charts_dir holds the city charts ({})".format(charts))
    atlas_layout = manager.layoutByName("htsplan 城市图集 city atlas")
    if check(atlas_layout is not None, "city atlas layout"):
        atlas = atlas_layout.atlas()
        check(atlas.enabled() and atlas.updateFeatures() == 17, "city atlas enabled with 17 features ({})".format(atlas.count()))
        from qgis.core import QgsLayoutExporter
        settings = QgsLayoutExporter.PdfExportSettings()
        path = os.path.join(os.path.dirname(state["pack_out"]), "atlas.pdf")
        result, error = QgsLayoutExporter.exportToPdf(atlas, path, settings)
        check(result == QgsLayoutExporter.Success, "city atlas exported from Python ({} {})".format(result, error))
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
        pages = next((int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:")), 0)
        check(pages == 17, "atlas PDF from QgsLayoutExporter has 17 pages (got {})".format(pages))
        pack_layers = [node.layer() for node in group.findLayers()] if group is not None else []
        memory = [layer.name() for layer in pack_layers if layer.providerType() == "memory"]
        check(not memory, "no pack layer is a memory layer (saved projects keep their data; memory: {})".format(memory))
        # Saved and read again, as after a restart: the atlas still has its 17 cities.
        from qgis.core import QgsProject as Project
        saved = os.path.join(os.path.dirname(state["pack_out"]), "planner.qgz")
        check(project.write(saved), "project with the pack's layouts saved ({})".format(saved))
        reopened = Project()
        if check(reopened.read(saved), "saved project read again"):
            again = reopened.layoutManager().layoutByName("htsplan 城市图集 city atlas")
            check(again is not None and again.atlas().enabled() and again.atlas().updateFeatures() == 17,
                  "reopened project's city atlas has 17 pages ({})".format(again.atlas().count() if again else None))
        reopened.clear()
        project.setDirty(False)
        # As a planner previews it: the designer on the atlas's first page (济南市).
        atlas.beginRender()
        atlas.first()
        state["atlas_page_name"] = atlas.nameForPage(0)
        designer = iface.openLayoutDesigner(atlas_layout)
        state["designer"] = designer
        QTimer.singleShot(3000, designer_screenshot)
        return
    QTimer.singleShot(0, unload_reload)


@step
def designer_screenshot():
    designer = state.pop("designer")
    atlas = QgsProject.instance().layoutManager().layoutByName("htsplan 城市图集 city atlas").atlas()
    check(atlas.currentFeatureNumber() == 0, "designer previews the atlas's first page ({})".format(state.get("atlas_page_name")))
    window = designer.window()
    window.resize(1500, 950)
    QApplication.processEvents()
    check(window.grab().save(os.path.join(OUT, "qgis_layout_designer.png")), "layout designer screenshot saved")
    designer.close()
    atlas.endRender()
    QTimer.singleShot(500, unload_reload)


# Unload and reload: QGIS 3.22 has no Python call to unload a C++ plugin
# (QgsPluginRegistry lives in the app and is not exposed), but unchecking a
# plugin in the Plugin Manager calls QgsPluginRegistry::unloadCppPlugin() and
# checking it again loadCppPlugin(): the path a planner takes.
PLUGIN_ID = "cpp:libhtsplanplugin"


def htsplan_tasks():
    return [t for t in QgsApplication.taskManager().activeTasks() if "htsplan" in t.description()]


@step
def unload_reload():
    state["manager_steps"] = 0
    QTimer.singleShot(500, in_plugin_manager)
    iface.pluginManagerInterface().showPluginManager(0)  # modal: returns when in_plugin_manager closes it
    check(state.get("manager_done", False), "plugin manager steps done ({})".format(state.get("manager_phase")))
    QTimer.singleShot(0, after_reload)


def plugin_manager_item():
    dialog = QApplication.activeModalWidget()
    if dialog is None or dialog.metaObject().className() != "QgsPluginManager":
        return dialog, None
    view = dialog.findChild(QListView, "vwPlugins")
    model = view.model().sourceModel() if view is not None else None
    for row in range(model.rowCount() if model is not None else 0):
        item = model.item(row)
        if any(item.data(role) == PLUGIN_ID for role in range(Qt.UserRole, Qt.UserRole + 32)):
            return dialog, item
    return dialog, None


@step
def in_plugin_manager():
    dialog, item = plugin_manager_item()
    phase = state.setdefault("manager_phase", "find")
    state["manager_steps"] += 1
    if state["manager_steps"] > 600:  # 60 s
        check(False, "plugin manager: stuck in phase {}".format(phase))
        if dialog is not None:
            dialog.reject()
        return
    if phase == "find":
        if item is None:
            if state["manager_steps"] > 100:
                check(False, "plugin manager lists {} (dialog: {})".format(PLUGIN_ID, dialog.metaObject().className() if dialog else None))
                if dialog is not None:
                    dialog.reject()
                return
            QTimer.singleShot(100, in_plugin_manager)
            return
        check(item.checkState() == Qt.Checked, "plugin manager shows htsplan enabled")
        # Start the plugin's target-progress task, then unload the plugin at once.
        before = len(htsplan_tasks())
        window_child(QAction, "htsplanTargetProgress").trigger()
        check(len(htsplan_tasks()) == before + 1, "target-progress task running before the unload ({} htsplan tasks)".format(len(htsplan_tasks())))
        item.setCheckState(Qt.Unchecked)
        QApplication.processEvents()
        check(window_child(QAction, "htsplanTargetProgress") is None, "unloaded: the plugin's actions are gone")
        check(window_child(QAction, "htsplanImportRegister") is None, "unloaded: the import action is gone")
        check(window_child(QDialog, "htsplanImportDialog") is None, "unloaded: the import dialog is gone")
        check(QgsApplication.processingRegistry().providerById("htsplan") is None, "unloaded: the htsplan provider is gone")
        check(window_child(QDockWidget, "htsplanDashboardDock") is None, "unloaded: the dashboard dock is gone")
        state["manager_phase"] = "wait"
        state["unloaded_at"] = time.time()
        QTimer.singleShot(100, in_plugin_manager)
    elif phase == "wait":
        if htsplan_tasks() and time.time() - state["unloaded_at"] < TASK_TIMEOUT_S:
            QTimer.singleShot(100, in_plugin_manager)
            return
        check(not htsplan_tasks(), "the task ended after the unload ({:.1f} s)".format(time.time() - state["unloaded_at"]))
        item.setCheckState(Qt.Checked)
        QApplication.processEvents()
        check(window_child(QAction, "htsplanTargetProgress") is not None, "reloaded: the plugin's actions are back")
        check(window_child(QAction, "htsplanImportRegister") is not None, "reloaded: the import action is back")
        provider = QgsApplication.processingRegistry().providerById("htsplan")
        check(provider is not None and len(provider.algorithms()) == len(ALGORITHMS), "reloaded: the htsplan provider is back with all its algorithms")
        state["manager_done"] = True
        state["manager_phase"] = "done"
        dialog.grab().save(os.path.join(OUT, "qgis_plugin_manager.png"))
        dialog.reject()


@step
def after_reload():
    # The reloaded plugin computes the table again.
    progress = window_child(QAction, "htsplanTargetProgress")
    if not check(progress is not None, "reloaded plugin's target-progress action"):
        finish()
        return
    progress.trigger()
    state["reload_started"] = time.time()
    QTimer.singleShot(200, wait_for_reloaded_table)


@step
def wait_for_reloaded_table():
    cards = dock_cards()
    if not cards and time.time() - state["reload_started"] < TASK_TIMEOUT_S:
        QTimer.singleShot(200, wait_for_reloaded_table)
        return
    if check(bool(cards), "reloaded plugin filled the dashboard"):
        check(set(cards) == set(EXPECTED_TARGETS), "reloaded dashboard has the same kinds ({})".format(sorted(cards)))
    state["quit_wait"] = time.time()
    QTimer.singleShot(200, quit_with_task_running)


@step
def quit_with_task_running():
    # The table's task must be gone first (the plugin runs one at a time).
    if htsplan_tasks() and time.time() - state["quit_wait"] < TASK_TIMEOUT_S:
        QTimer.singleShot(200, quit_with_task_running)
        return
    QApplication.processEvents()  # deletes the finished task
    # Quit while a task runs: QGIS must cancel it and exit cleanly
    # (run_qgis_test.sh checks the exit status and output).
    window_child(QAction, "htsplanTargetProgress").trigger()
    running = len(htsplan_tasks())
    check(running == 1, "a target-progress task is running when QGIS quits ({} htsplan tasks)".format(running))
    finish()


def answer_dialog():
    dialog = QApplication.activeModalWidget()
    if not check(dialog is not None and dialog.objectName() == "htsplanLoadMapDialog", "load dialog shown"):
        if dialog is not None:
            dialog.reject()
        return
    combo = dialog.findChild(QComboBox)
    check(combo is not None and combo.count() == 2, "vintage choice offered")
    combo.setCurrentIndex(1)
    QApplication.processEvents()
    check(dialog.grab().save(os.path.join(OUT, "qgis_dialog.png")), "dialog screenshot saved")
    dialog.accept()


def save_screenshots():
    state["screenshots"] = True
    os.makedirs(OUT, exist_ok=True)
    iface.mapCanvas().saveAsImage(os.path.join(OUT, "qgis_canvas.png"))
    window = iface.mainWindow().grab()
    check(window.save(os.path.join(OUT, "qgis_screenshot.png")), "screenshot saved")


QTimer.singleShot(1000, start)
