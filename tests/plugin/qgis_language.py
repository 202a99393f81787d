# Runs inside the QGIS desktop (qgis --code qgis_language.py), started by
# run_qgis_test.sh with HTSPLAN_TEST_LOCALE (QGIS's locale/userLocale, with
# overrideFlag). Checks the htsplan menu's texts, the planning map's layer
# names and legend entries are in that locale's language (zh* Chinese, else
# English), saves a screenshot of the open menu (qgis_menu_<locale>.png) and
# quits. The switch at run time (PluginLanguage::setLanguage, no Python
# binding) is tested in C++: tests/plugin/test_language.cpp.
import json
import os
import time
import traceback

from qgis.PyQt.QtCore import QPoint, QTimer
from qgis.PyQt.QtWidgets import QAction, QApplication, QMenu
from qgis.core import QgsApplication, QgsProject, QgsSettings
from qgis.utils import iface

RESULT = os.environ.get("HTSPLAN_TEST_RESULT", "/tmp/htsplan_qgis_result.json")
OUT = os.environ.get("HTSPLAN_TEST_OUT", "/tmp")
LOCALE = os.environ.get("HTSPLAN_TEST_LOCALE", "zh_CN")
CHINESE = LOCALE.lower().startswith("zh")

# objectName: (English, Chinese)
MENU = {
    "htsplanLoadMap": ("Load planning map", "加载规划底图"),
    "htsplanTargetProgress": ("Target progress", "目标进度"),
    "htsplanImportRegister": ("Import a register", "导入名录"),
    "htsplanExportPack": ("Export meeting pack", "导出会议材料"),
    "htsplanAddLayouts": ("Add templates to my layouts", "添加模板到我的布局"),
}
ANALYSIS = {
    "htsplanAlgorithm_kde": ("Kernel density", "核密度"),
    "htsplanAlgorithm_nni": ("Nearest neighbour index", "最近邻指数"),
}
LAYERS = {  # file layer name: (English, Chinese)
    "province": ("Shandong province", "山东省"),
    "cities_2015": ("Cities (2015, 17)", "地级市（2015，17 市）"),
    "counties": ("Counties", "县区"),
    "parks": ("Specialised parks", "专业化园区"),
    "enterprises": ("Leading enterprises", "骨干企业"),
}

state = {"checks": [], "errors": [], "started": time.time()}


def check(condition, what):
    state["checks"].append(("ok " if condition else "FAILED ") + what)
    if not condition:
        state["errors"].append(what)
    return condition


def expected(pair):
    return pair[1] if CHINESE else pair[0]


def finish():
    result = {"ok": not state["errors"], "locale": LOCALE, "errors": state["errors"], "checks": state["checks"],
              "seconds": round(time.time() - state["started"], 1)}
    with open(RESULT, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=2)
    QgsProject.instance().setDirty(False)
    QTimer.singleShot(0, lambda: QApplication.instance().exit(0))


def step(function):
    def wrapped():
        try:
            function()
        except Exception:
            state["errors"].append(function.__name__ + ": " + traceback.format_exc())
            finish()
    return wrapped


def htsplan_menu():
    menus = [w for w in QApplication.instance().allWidgets() if isinstance(w, QMenu) and w.objectName() == "htsplanMenu"]
    return menus[0] if menus else None


@step
def start():
    iface.mainWindow().showMaximized()
    check(QgsSettings().value("locale/userLocale") == LOCALE, "QGIS's locale is {} (got {})".format(LOCALE, QgsSettings().value("locale/userLocale")))
    menu = htsplan_menu()
    if not check(menu is not None, "htsplan menu present"):
        return finish()
    expected_title = "htsplan 高技术服务业规划" if CHINESE else "htsplan high-tech service planning"
    check(menu.title() == expected_title, "menu title {!r} (got {!r})".format(expected_title, menu.title()))
    actions = {a.objectName(): a for a in menu.actions()}
    for name, pair in MENU.items():
        action = actions.get(name)
        check(action is not None and action.text() == expected(pair), "{} reads {!r} (got {!r})".format(name, expected(pair), action.text() if action else None))
    analysis = menu.findChild(QMenu, "htsplanAnalysisMenu")
    if check(analysis is not None, "analysis submenu present"):
        check(analysis.title() == ("空间分析" if CHINESE else "Spatial analysis"), "analysis submenu title ({!r})".format(analysis.title()))
        entries = {a.objectName(): a.text() for a in analysis.actions()}
        for name, pair in ANALYSIS.items():
            check(entries.get(name) == expected(pair), "{} reads {!r} (got {!r})".format(name, expected(pair), entries.get(name)))
    # Every text of the menu in one language: no Chinese in English, Chinese in every Chinese entry.
    texts = [a.text() for a in menu.actions() if a.text()] + ([a.text() for a in analysis.actions()] if analysis else [])
    has_cjk = [any("\u4e00" <= c <= "\u9fff" for c in t) for t in texts]
    if CHINESE:
        check(all(has_cjk), "every menu entry has Chinese ({})".format(texts))
    else:
        check(not any(has_cjk), "no menu entry has Chinese ({})".format(texts))
    # The map: layer names and legend entries.
    window_action("htsplanLoadMap").trigger()  # HTSPLAN_NONINTERACTIVE: the bundled sample, 2015
    group = QgsProject.instance().layerTreeRoot().findGroup("htsplan")
    if check(group is not None, "planning map loaded"):
        layers = [node.layer() for node in group.findLayers()]
        by_source = {layer.source().split("layername=")[-1].split("|")[0]: layer for layer in layers}
        for source, pair in LAYERS.items():
            layer = by_source.get(source)
            check(layer is not None and layer.name() == expected(pair), "layer {} named {!r} (got {!r})".format(source, expected(pair), layer.name() if layer else None))
        parks = by_source.get("parks")
        if parks is not None:
            labels = {c.value(): c.label() for c in parks.renderer().categories()}
            check(labels.get("it_services") == ("信息技术服务" if CHINESE else "IT services"), "parks legend entry it_services ({!r})".format(labels.get("it_services")))
    # Open the menu where the menu bar shows it, for the screenshot.
    bar = iface.mainWindow().menuBar()
    rect = bar.actionGeometry(menu.menuAction())
    menu.popup(bar.mapToGlobal(QPoint(rect.left(), rect.bottom())))
    QTimer.singleShot(800, screenshot)


def window_action(name):
    return iface.mainWindow().findChild(QAction, name)


@step
def screenshot():
    menu = htsplan_menu()
    analysis = menu.findChild(QMenu, "htsplanAnalysisMenu")
    check(menu.isVisible(), "menu shown")
    # The menu is a popup window of its own: paste it onto the main window's picture.
    from qgis.PyQt.QtGui import QPainter
    picture = iface.mainWindow().grab()
    painter = QPainter(picture)
    painter.drawPixmap(iface.mainWindow().mapFromGlobal(menu.mapToGlobal(QPoint(0, 0))), menu.grab())
    painter.end()
    path = os.path.join(OUT, "qgis_menu_{}.png".format(LOCALE))
    check(picture.save(path), "screenshot saved: " + path)
    # Every entry fits: the menu is as wide as its longest text needs.
    widest = max(menu.fontMetrics().horizontalAdvance(a.text()) for a in menu.actions() if a.text())
    check(menu.width() > widest, "menu wide enough for its texts ({} > {})".format(menu.width(), widest))
    menu.hide()
    finish()


QTimer.singleShot(1000, start)
