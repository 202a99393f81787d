# Runs inside the QGIS desktop (qgis --code qgis_script.py), started by
# run_qgis_test.sh with HTSPLAN_NONINTERACTIVE=1. Checks that the htsplan C++
# plugin is loaded, triggers "Load planning map" and "Target progress", waits
# for the task, checks the layer group, the feature counts and the progress
# table (against `htsplan report`'s metrics.json when HTSPLAN_EXPECTED_METRICS
# names one), saves screenshots, runs the toolbox, then unloads the plugin
# while its target-progress task runs and loads it again (through the Plugin
# Manager: QgsPluginRegistry is not exposed to Python), checks the reloaded
# plugin works, and quits while a task is still running. It writes
# HTSPLAN_TEST_RESULT before quitting: run_qgis_test.sh checks QGIS's exit
# status and output for a crash on the way out.
# The steps run from timers so that QGIS's event loop (tasks, rendering) runs.
import json
import os
import time
import traceback

from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import QAction, QApplication, QComboBox, QDockWidget, QLabel, QListView, QTableWidget
from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.utils import iface

RESULT = os.environ.get("HTSPLAN_TEST_RESULT", "/tmp/htsplan_qgis_result.json")
OUT = os.environ.get("HTSPLAN_TEST_OUT", "/tmp")
EXPECTED = os.environ.get("HTSPLAN_EXPECTED_METRICS", "")
TASK_TIMEOUT_S = 120

EXPECTED_FEATURES = {"counties": 137, "cities_2015": 17, "province": 1}
EXPECTED_TARGETS = {"base": 20, "park": 100, "building": 200, "enterprise": 100}

state = {"checks": [], "errors": [], "log": [], "started": time.time()}


def on_message(message, tag, level):
    # Critical messages from us, or from QGIS about loading us, fail the test.
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
    cities = by_source.get("cities_2015")
    if cities is not None:
        check(cities.labelsEnabled(), "city labels enabled")
        font = cities.labeling().settings().format().font().family() if cities.labeling() else ""
        check(font == "Noto Sans CJK SC", "city labels in Noto Sans CJK SC (got {!r})".format(font))
    canvas_extent = iface.mapCanvas().extent()
    check(not canvas_extent.isEmpty(), "canvas zoomed to a non-empty extent")


@step
def wait_for_table():
    table = window_child(QTableWidget, "htsplanProgressTable")
    summary = window_child(QLabel, "htsplanProgressSummary")
    status = summary.text() if summary else ""
    done = table is not None and table.rowCount() > 0
    failed = "failed" in status or "canceled" in status
    if not done and not failed and time.time() - state["progress_started"] < TASK_TIMEOUT_S:
        QTimer.singleShot(200, wait_for_table)
        return
    check(window_child(QDockWidget, "htsplanProgressDock") is not None, "progress dock shown")
    if check(done, "progress table filled within {} s (status: {})".format(TASK_TIMEOUT_S, status)):
        check_table(table)
        state["checks"].append("summary: " + status)
    wait_for_canvas()


def table_rows(table):
    rows = {}
    for r in range(table.rowCount()):
        kind = table.item(r, 0).data(256)  # Qt.UserRole: the kind key
        rows[kind] = {
            "count": int(table.item(r, 1).text()),
            "target": int(table.item(r, 2).text()),
            "ratio": float(table.item(r, 3).data(256)),
            "gap": int(table.item(r, 4).text()),
        }
    return rows


def check_table(table):
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    check(headers[:5] == ["载体类型", "现有数量", "目标", "完成率", "差距"], "Chinese table headers ({})".format(headers))
    rows = table_rows(table)
    state["checks"].append("table: " + json.dumps(rows, ensure_ascii=False))
    for kind, target in EXPECTED_TARGETS.items():
        row = rows.get(kind)
        if check(row is not None, "row for {}".format(kind)):
            check(row["target"] == target, "{} target {} (got {})".format(kind, target, row["target"]))
            check(row["count"] > 0, "{} count > 0 (got {})".format(kind, row["count"]))
            check(row["gap"] == max(0, row["target"] - row["count"]), "{} gap = max(0, target - count)".format(kind))
    if EXPECTED:
        with open(EXPECTED, encoding="utf-8") as f:
            expected = {t["kind"]: t for t in json.load(f)["targets"]}
        check(set(expected) == set(rows), "same kinds as metrics.json ({} vs {})".format(sorted(expected), sorted(rows)))
        for kind, want in expected.items():
            got = rows.get(kind)
            if got is None:
                continue
            same = (got["count"] == want["count"] and got["target"] == want["target"] and got["gap"] == want["gap"]
                    and abs(got["ratio"] - want["ratio"]) < 1e-9)
            check(same, "{} row equals metrics.json (table {}, report {})".format(
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
    check(len(ids) == 7, "seven htsplan algorithms in the toolbox (got {})".format(len(ids)))
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
    check(len(entries) == 7, "spatial analysis menu lists the seven algorithms ({})".format(sorted(entries)))
    menu_action = entries.get("htsplanAlgorithm_nni")
    if check(menu_action is not None, "htsplan menu has the spatial analysis entries"):
        QTimer.singleShot(1500, close_menu_dialog)
        menu_action.trigger()  # modal: returns when close_menu_dialog closes it
    # The algorithm dialog, as a planner opens it from the toolbox.
    dialog = processing.createAlgorithmDialog("htsplan:kde")
    dialog.show()
    QApplication.processEvents()
    check(dialog.grab().save(os.path.join(OUT, "qgis_toolbox_dialog.png")), "toolbox dialog screenshot saved")
    dialog.close()
    QTimer.singleShot(200, wait_for_task)


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
    QTimer.singleShot(0, unload_reload)


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
        check(QgsApplication.processingRegistry().providerById("htsplan") is None, "unloaded: the htsplan provider is gone")
        check(window_child(QDockWidget, "htsplanProgressDock") is None, "unloaded: the progress dock is gone")
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
        provider = QgsApplication.processingRegistry().providerById("htsplan")
        check(provider is not None and len(provider.algorithms()) == 7, "reloaded: the htsplan provider is back with seven algorithms")
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
    table = window_child(QTableWidget, "htsplanProgressTable")
    done = table is not None and table.rowCount() > 0
    if not done and time.time() - state["reload_started"] < TASK_TIMEOUT_S:
        QTimer.singleShot(200, wait_for_reloaded_table)
        return
    if check(done, "reloaded plugin filled the progress table"):
        rows = table_rows(table)
        check(set(rows) == set(EXPECTED_TARGETS), "reloaded table has the same kinds ({})".format(sorted(rows)))
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
