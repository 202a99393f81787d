"""`htsplan project` and the ready project data/sample/shandong-planning.qgz (issue 12).

The project holds the styled planning map on the files themselves (paths
relative to the project, so a clone anywhere opens it), the dock's choices in
its "htsplan" entries and a default view on the province. Opened with PyQGIS:
every layer valid, the features as many as the files have.

Run by ctest (cli_project) with HTSPLAN_CLI pointing at the built program.
"""
import hashlib
import os
import shutil
import subprocess
import tempfile
import unittest
import zipfile

CLI = os.environ.get("HTSPLAN_CLI", "build/cli/htsplan")
SRC = os.environ.get("HTSPLAN_SOURCE_DIR", os.path.abspath("../.."))
SAMPLE = os.path.join(SRC, "data", "sample")
FACILITIES = os.path.join(SAMPLE, "facilities.gpkg")
ADMIN = os.path.join(SRC, "data", "shandong.gpkg")
BUNDLED = os.path.join(SAMPLE, "shandong-planning.qgz")

PYQGIS_READ = r'''
import json, sys
from qgis.core import QgsApplication, QgsProject
app = QgsApplication([], False)
app.initQgis()
p = QgsProject.instance()
ok = p.read(sys.argv[1])
out = {"ok": ok, "layers": [], "entries": {}}
for layer in p.mapLayers().values():
    out["layers"].append({"name": layer.name(), "valid": layer.isValid(), "source": layer.source(),
                          "count": layer.featureCount() if hasattr(layer, "featureCount") else None})
for key in ("admin", "facilities", "targets", "vintage"):
    out["entries"][key] = p.readEntry("htsplan", "/" + key, "")[0]
out["entries"]["year"] = p.readNumEntry("htsplan", "/year", 0)[0]
out["relative_facilities"] = p.readPath("./facilities.gpkg")
e = p.viewSettings().defaultViewExtent()
out["extent"] = [e.xMinimum(), e.yMinimum(), e.xMaximum(), e.yMaximum()]
out["crs"] = p.crs().authid()
print(json.dumps(out))
app.exitQgis()
'''


def read_project(path):
    run = subprocess.run(["/usr/bin/python3", "-c", PYQGIS_READ, path], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert run.returncode == 0, run.stderr
    import json
    return json.loads(run.stdout.strip().splitlines()[-1])


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def layer_count(path, layer):
    from osgeo import ogr
    ds = ogr.Open(path)  # kept while its layer is read
    return ds.GetLayerByName(layer).GetFeatureCount()


class MadeProject(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="htsplan-project-")
        # A copy of the data next to the project, as a planner's own folder would be.
        cls.data = os.path.join(cls.tmp, "data")
        os.makedirs(os.path.join(cls.data, "sample"))
        shutil.copy(FACILITIES, os.path.join(cls.data, "sample"))
        shutil.copy(ADMIN, cls.data)
        cls.facilities = os.path.join(cls.data, "sample", "facilities.gpkg")
        cls.admin = os.path.join(cls.data, "shandong.gpkg")
        cls.before = {p: sha(p) for p in (cls.facilities, cls.admin)}
        cls.path = os.path.join(cls.data, "sample", "plan.qgz")
        cls.made = subprocess.run([CLI, "project", "--admin", cls.admin, "--facilities", cls.facilities, "--year", "2013",
                                  "--out", cls.path], capture_output=True, text=True, timeout=300)
        cls.read = read_project(cls.path) if cls.made.returncode == 0 else None

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_written(self):
        self.assertEqual(self.made.returncode, 0, self.made.stderr)
        self.assertIn("8 layers", self.made.stdout)
        self.assertEqual(os.listdir(os.path.dirname(self.path)).count("plan.writing.qgz"), 0)

    def test_every_layer_valid_with_the_files_counts(self):
        layers = self.read["layers"]
        self.assertEqual(len(layers), 8)
        for layer in layers:
            self.assertTrue(layer["valid"], layer)
        by_table = {l["source"].split("layername=")[-1]: l["count"] for l in layers}
        for table in ("bases", "parks", "buildings", "enterprises", "hightech_zones"):
            self.assertEqual(by_table[table], layer_count(self.facilities, table), table)
        self.assertEqual(by_table["counties"], 137)
        self.assertEqual(by_table["cities_2015"], 17)

    def test_paths_are_relative_to_the_project(self):
        with zipfile.ZipFile(self.path) as z:
            qgs = z.read([n for n in z.namelist() if n.endswith(".qgs")][0]).decode("utf-8")
        self.assertIn("<datasource>./facilities.gpkg|layername=parks</datasource>", qgs)
        self.assertIn("<datasource>../shandong.gpkg|layername=counties</datasource>", qgs)
        self.assertNotIn(self.tmp, qgs)

    def test_dock_state(self):
        e = self.read["entries"]
        self.assertEqual(os.path.realpath(e["facilities"]) if os.path.isabs(e["facilities"]) else e["facilities"], "./facilities.gpkg")
        self.assertEqual(e["admin"], "../shandong.gpkg")
        self.assertEqual(e["vintage"], "2015")
        self.assertEqual(e["year"], 2013)

    def test_view_on_the_province(self):
        # EPSG:4549 (CGCS2000 / 3-degree GK CM 120E): Shandong spans about 114.8-122.7 E, 34.4-38.4 N.
        self.assertEqual(self.read["crs"], "EPSG:4549")
        xmin, ymin, xmax, ymax = self.read["extent"]
        self.assertLess(xmin, 100000)
        self.assertGreater(xmax, 700000)
        self.assertTrue(3780000 < ymin < 3820000 and 4250000 < ymax < 4300000, self.read["extent"])

    def test_sources_untouched(self):
        for path, digest in self.before.items():
            self.assertEqual(sha(path), digest, path)


class BadInput(unittest.TestCase):
    def test_out_must_be_qgz(self):
        with tempfile.TemporaryDirectory() as tmp:
            run = subprocess.run([CLI, "project", "--out", os.path.join(tmp, "p.qgs")], capture_output=True, text=True, timeout=120)
            self.assertEqual(run.returncode, 2)
            self.assertIn(".qgz", run.stderr)
            self.assertEqual(os.listdir(tmp), [])

    def test_report_options_are_refused(self):
        run = subprocess.run([CLI, "project", "--no-map", "--out", "/tmp/x.qgz"], capture_output=True, text=True, timeout=120)
        self.assertEqual(run.returncode, 2)
        self.assertIn("--no-map is not an option of htsplan project", run.stderr)

    def test_year_outside_the_plan(self):
        with tempfile.TemporaryDirectory() as tmp:
            run = subprocess.run([CLI, "project", "--year", "1999", "--out", os.path.join(tmp, "p.qgz")], capture_output=True, text=True, timeout=120)
            self.assertEqual(run.returncode, 2, run.stderr)
            self.assertIn("--year 1999: outside the plan's horizon", run.stderr)
            self.assertEqual(os.listdir(tmp), [])

    def test_missing_facilities(self):
        with tempfile.TemporaryDirectory() as tmp:
            run = subprocess.run([CLI, "project", "--facilities", os.path.join(tmp, "none.gpkg"), "--out", os.path.join(tmp, "p.qgz")],
                                 capture_output=True, text=True, timeout=120)
            self.assertEqual(run.returncode, 2, run.stderr)
            self.assertIn("none.gpkg", run.stderr)
            self.assertEqual(os.listdir(tmp), [])


class BundledProject(unittest.TestCase):
    """data/sample/shandong-planning.qgz is what `htsplan project` makes today."""

    def test_bundled_project_is_current(self):
        bundled = read_project(BUNDLED)
        with tempfile.TemporaryDirectory(dir=SAMPLE) as tmp:
            # Made in a folder beside the bundled one, so that relative paths compare after one "../".
            fresh_path = os.path.join(tmp, "shandong-planning.qgz")
            run = subprocess.run([CLI, "project", "--out", fresh_path], capture_output=True, text=True, timeout=300)
            self.assertEqual(run.returncode, 0, run.stderr)
            fresh = read_project(fresh_path)
        self.assertTrue(bundled["ok"])
        strip = lambda layers: sorted((l["name"], l["valid"], l["source"].split("|")[-1], l["count"]) for l in layers)
        self.assertEqual(strip(bundled["layers"]), strip(fresh["layers"]),
                         "data/sample/shandong-planning.qgz is stale: remake it with build/cli/htsplan project --out data/sample/shandong-planning.qgz")
        for layer in bundled["layers"]:
            self.assertTrue(layer["valid"], layer)
        self.assertEqual(bundled["entries"]["vintage"], fresh["entries"]["vintage"])
        self.assertEqual(bundled["entries"]["year"], fresh["entries"]["year"])


if __name__ == "__main__":
    unittest.main()
