#!/usr/bin/env python3
"""Checks that the engine's floors include only what they may.

Rules (STYLE.md, "Dependencies point one way"):
  1. No file below processing/, maps/ or report/ includes a qgis_gui header
     or a Qt widget header (<QWidget>, <QDialog>, <QtWidgets/...>, ...).
  2. No file in layers/, geometry/, analysis/ or planning/ includes a QGIS
     header other than qgsfeedback.h (QGIS headers: names starting with qgs
     or qgis, or any file in the QGIS include folder), nor a Qt widget header.
  3. A floor's files include headers of that floor and of the floors the top
     CMakeLists.txt allows it (`set(HTSPLAN_FLOOR_<name> ...)`) only; never
     plugin/, cli/, tests/ or another program's folder.

qgis_gui headers are the QGIS headers that define a class with GUI_EXPORT or
include qgis_gui.h, generated ui_*.h forms, and any header including one of
those. Qt widget headers are the names in the QtWidgets include folder.

Prints each violation as `file:line: what` and exits 1 when there is one.
`--self-test` runs the check on a temporary copy of the tree with planted
violations and fails unless every one of them is reported (so that this check
cannot pass by seeing nothing).
"""
import argparse
import os
import re
import shutil
import sys
import tempfile

QGIS_INCLUDE = "/usr/include/qgis"
QT_WIDGETS_INCLUDE = "/usr/include/x86_64-linux-gnu/qt5/QtWidgets"
LOWER_FLOORS = ("layers", "geometry", "analysis", "planning")
NO_GUI_FLOORS = ("processing", "maps", "report")
ALLOWED_QGIS_BELOW = {"qgsfeedback.h"}
PROGRAM_FOLDERS = ("plugin", "cli", "tests", "tools", "bench")
SOURCE_SUFFIXES = (".h", ".hpp", ".cpp", ".cc", ".cxx")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def read_floor_table(root):
    """{floor: [floors it may use]} from the top CMakeLists.txt."""
    table = {}
    with open(os.path.join(root, "CMakeLists.txt"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*set\(HTSPLAN_FLOOR_(\w+)\s*(.*)\)", line)
            if m:
                table[m.group(1)] = [w for w in m.group(2).replace('""', "").split() if w]
    if not table:
        raise SystemExit("check_floors: no set(HTSPLAN_FLOOR_<name> ...) lines in {}/CMakeLists.txt".format(root))
    return table


def includes_of(path):
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if m:
                out.append((number, m.group(2).strip()))
    return out


def gui_headers(qgis_include):
    """Names of the QGIS headers that belong to qgis_gui."""
    if not os.path.isdir(qgis_include):
        raise SystemExit("check_floors: {} is missing (libqgis-dev): cannot tell gui headers".format(qgis_include))
    names = [n for n in os.listdir(qgis_include) if n.endswith(".h")]
    gui = {"qgis_gui.h"}
    incs = {}
    for name in names:
        path = os.path.join(qgis_include, name)
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        incs[name] = {os.path.basename(i) for i in re.findall(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', text, re.M)}
        if name.startswith("ui_") or re.search(r"\bclass\s+GUI_EXPORT\b", text) or "qgis_gui.h" in incs[name]:
            gui.add(name)
    changed = True
    while changed:  # a header including a gui header is a gui header
        changed = False
        for name, inc in incs.items():
            if name not in gui and inc & gui:
                gui.add(name)
                changed = True
    return gui


def widget_headers(qt_widgets_include):
    names = set()
    if os.path.isdir(qt_widgets_include):
        names = {n for n in os.listdir(qt_widgets_include) if n.startswith("Q") and "." not in n}
    # The widget classes a GIS engine is most tempted by, in case the folder is missing.
    names |= {"QWidget", "QDialog", "QMainWindow", "QDockWidget", "QMessageBox", "QApplication", "QAction", "QMenu", "QToolBar", "QtWidgets"}
    names.discard("QtWidgetsDepends")
    return names


def check(root, qgis_include=QGIS_INCLUDE, qt_widgets_include=QT_WIDGETS_INCLUDE):
    table = read_floor_table(root)
    gui = gui_headers(qgis_include)
    widgets = widget_headers(qt_widgets_include)
    qgis_names = set(os.listdir(qgis_include))
    top_folders = {d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d))}
    violations = []
    for floor in sorted(table):
        allowed = set(table[floor]) | {floor}
        base = os.path.join(root, floor)
        for folder, dirs, files in os.walk(base):
            dirs.sort()
            for name in sorted(files):
                if not name.endswith(SOURCE_SUFFIXES):
                    continue
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, root)
                for line, include in includes_of(path):
                    where = "{}:{}: ".format(rel, line)
                    first = include.split("/")[0]
                    own = "/" in include and first in top_folders and os.path.exists(os.path.join(root, include))
                    if own:
                        if first in table and first not in allowed:
                            violations.append(where + "{} (floor {}) includes \"{}\" from floor {}, which it may not use (allowed: {})".format(
                                rel, floor, include, first, ", ".join(sorted(allowed))))
                        elif first not in table:
                            violations.append(where + "{} (floor {}) includes \"{}\" from {}/, which is not a floor".format(rel, floor, include, first))
                        continue
                    if os.path.exists(os.path.join(folder, include)):
                        continue  # a sibling, same floor
                    if include in widgets or first == "QtWidgets":
                        violations.append(where + "Qt widget header <{}> in floor {}".format(include, floor))
                        continue
                    basename = os.path.basename(include)
                    is_qgis = basename.startswith(("qgs", "qgis")) or include in qgis_names or basename in qgis_names
                    if not is_qgis:
                        continue
                    if floor in LOWER_FLOORS and basename not in ALLOWED_QGIS_BELOW:
                        kind = "qgis_gui" if basename in gui else "QGIS"
                        violations.append(where + "{} header <{}> in floor {} (only qgsfeedback.h is allowed there)".format(kind, include, floor))
                    elif basename in gui:
                        violations.append(where + "qgis_gui header <{}> in floor {}".format(include, floor))
    return violations


PLANTED = [
    ("analysis/planted_check_floors.cpp", '#include <qgsvectorlayer.h>\n', "QGIS header <qgsvectorlayer.h> in floor analysis"),
    ("layers/planted_check_floors.cpp", '#include "analysis/density/kde.h"\n', 'includes "analysis/density/kde.h" from floor analysis'),
    ("geometry/planted_check_floors.h", '#include <QWidget>\n', "Qt widget header <QWidget> in floor geometry"),
    ("processing/planted_check_floors.cpp", '#include <qgsmapcanvas.h>\n', "qgis_gui header <qgsmapcanvas.h> in floor processing"),
    ("maps/planted_check_floors.cpp", '#include <QtWidgets/QDialog>\n', "Qt widget header <QtWidgets/QDialog> in floor maps"),
    ("maps/planted_check_floors2.cpp", '#include "planning/metrics.h"\n', 'includes "planning/metrics.h" from floor planning'),
    ("report/planted_check_floors.cpp", '#include "plugin/plugin.h"\n', 'includes "plugin/plugin.h" from plugin/, which is not a floor'),
    ("report/planted_check_floors2.cpp", '#include <qgisinterface.h>\n', "qgis_gui header <qgisinterface.h> in floor report"),
    ("planning/planted_check_floors.cpp", '#include <qgsfeedback.h>\n', None),  # allowed: must not be reported
]


def self_test(root):
    tmp = tempfile.mkdtemp(prefix="check-floors-")
    try:
        shutil.copy(os.path.join(root, "CMakeLists.txt"), tmp)
        for floor in list(read_floor_table(root)) + ["plugin"]:
            if os.path.isdir(os.path.join(root, floor)):
                shutil.copytree(os.path.join(root, floor), os.path.join(tmp, floor))
        os.makedirs(os.path.join(tmp, "plugin"), exist_ok=True)
        open(os.path.join(tmp, "plugin", "plugin.h"), "a").close()
        before = set(check(tmp))
        for rel, text, _ in PLANTED:
            with open(os.path.join(tmp, rel), "w") as f:
                f.write("// planted by check_floors.py --self-test\n" + text)
        after = set(check(tmp))
        new = after - before
        failures = []
        for rel, _, expected in PLANTED:
            hits = [v for v in new if v.startswith(rel + ":2: ")]
            if expected is None:
                if hits:
                    failures.append("{}: an allowed include was reported: {}".format(rel, hits))
            elif not any(expected in v for v in hits):
                failures.append("{}: planted violation not reported (expected '{}'; got {})".format(rel, expected, hits))
        unexpected = [v for v in new if not any(v.startswith(rel + ":") for rel, _, _ in PLANTED)]
        if unexpected:
            failures.append("reports that the planted files do not explain: {}".format(unexpected))
        for f in failures:
            print("self-test: " + f)
        print("self-test: {} planted includes, {} reported, {} failure(s)".format(len(PLANTED), len(new), len(failures)))
        return 1 if failures else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", nargs="?", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        return self_test(args.root)
    violations = check(args.root)
    for v in violations:
        print(v)
    if violations:
        print("check_floors: {} violation(s) of the floor rules (see STYLE.md, 'Dependencies point one way')".format(len(violations)))
        return 1
    print("check_floors: every floor includes only what it may")
    return 0


if __name__ == "__main__":
    sys.exit(main())
