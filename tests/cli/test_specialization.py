"""statistics.specialization in metrics.json and specialization.csv from
`htsplan report` on the bundled data, against an independent computation
(numpy on metrics.json's by_sector, OGR for the city adjacency).

Run by ctest (cli_specialization) with HTSPLAN_CLI pointing at the built program.
"""
import csv
import os
import shutil
import subprocess
import tempfile
import unittest

import numpy as np
from osgeo import ogr

from bundled_report import BundledReport

CLI = os.environ.get("HTSPLAN_CLI", "build/cli/htsplan")
SRC = os.environ.get("HTSPLAN_SOURCE_DIR", os.path.abspath("../.."))
ADMIN = os.path.join(SRC, "data", "shandong.gpkg")


def matrix(units, sectors):
    """Counted carriers of every kind per unit x sector."""
    return np.array([[sum(u["by_sector"].get(s, {}).values()) for s in sectors] for u in units], dtype=float)


def gini(values):
    """By the mean absolute difference (another formula than the engine's)."""
    x = np.asarray(values, dtype=float)
    if x.sum() == 0:
        return 0.0
    return float(np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) ** 2 * x.mean()))


class Specialization(BundledReport):
    prefix = "htsplan-spec-"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.metrics:
            cls.spec = cls.metrics["statistics"]["specialization"]

    def check_units(self, level):
        units = self.metrics[level]
        sectors = self.spec["sectors"]
        self.assertNotIn("unknown", sectors)
        self.assertEqual(len(sectors), 9)
        c = matrix(units, sectors)
        self.assertGreater(c.sum(), 0)
        unit_total, sector_total = c.sum(axis=1), c.sum(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            lq = (c / unit_total[:, None]) / (sector_total[None, :] / c.sum())
            shares = c / unit_total[:, None]
        lq[~np.isfinite(lq)] = 0.0
        shares[~np.isfinite(shares)] = 0.0
        got = self.spec[level]
        self.assertEqual([u["code"] for u in got], [u["code"] for u in units])
        for i, u in enumerate(got):
            self.assertEqual(u["carriers"], unit_total[i])
            for j, s in enumerate(sectors):
                self.assertAlmostEqual(u["lq"][s], lq[i, j], places=12, msg=(u["name"], s))
            self.assertAlmostEqual(u["hhi"], float((shares[i] ** 2).sum()), places=12)
            present = [j for j in range(len(sectors)) if c[i, j] > 0]
            if not present:
                self.assertIsNone(u["leading_sector"])
                continue
            lead = max(present, key=lambda j: (lq[i, j], c[i, j], -j))
            self.assertEqual(u["leading_sector"], sectors[lead], u["name"])
            self.assertAlmostEqual(u["leading_lq"], lq[i, lead], places=12)
            self.assertEqual(u["leading_count"], c[i, lead])
            self.assertEqual(u["few_carriers"], 0 < unit_total[i] < 5, u["name"])
        for j, s in enumerate(sectors):
            expected = float(((c[:, j] / sector_total[j]) ** 2).sum()) if sector_total[j] else 0.0
            self.assertAlmostEqual(self.spec["sector_hhi"][level][s], expected, places=12)
        g = self.spec["gini"][level]
        self.assertAlmostEqual(g["gini"], gini(unit_total), places=12)
        lorenz = np.array(g["lorenz"])
        self.assertEqual(len(lorenz), len(units) + 1)
        np.testing.assert_allclose(lorenz[:, 1], np.concatenate([[0], np.cumsum(np.sort(unit_total)) / unit_total.sum()]), atol=1e-12)
        return got

    def test_cities(self):
        got = self.check_units("cities")
        self.assertEqual(len(got), 17)  # the 2015 map
        # A city leads in some sector of its own where it has carriers.
        self.assertTrue(all(u["leading_lq"] >= 1.0 for u in got if u["leading_sector"]))

    def test_counties(self):
        got = self.check_units("counties")
        self.assertEqual(len(got), 137)

    def test_same_lead_neighbours(self):
        ds = ogr.Open(ADMIN)  # kept alive while the layer is read
        layer = ds.GetLayerByName("cities_2015" if self.metrics["inputs"]["vintage"] == "2015" else "cities")
        shapes = {f.GetField("code"): f.GetGeometryRef().Clone() for f in layer}
        cities = self.spec["cities"]
        lead = {u["code"]: u["leading_sector"] for u in cities}
        flagged = 0
        for u in cities:
            expected = sorted(o for o in lead if o != u["code"] and lead[o] and lead[o] == u["leading_sector"]
                              and shapes[u["code"]].Intersects(shapes[o]))
            self.assertEqual(sorted(u["same_lead_neighbours"]), expected, u["name"])
            flagged += bool(expected)
        # Jinan and Qingdao never touch; Jinan and Zibo do (a check of the adjacency itself).
        self.assertFalse(shapes["370100"].Intersects(shapes["370200"]))
        self.assertTrue(shapes["370100"].Intersects(shapes["370300"]))
        print(f"cities with a same-lead neighbour: {flagged}")

    def test_csv(self):
        with open(os.path.join(self.out, "specialization.csv"), encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        sectors = self.spec["sectors"]
        self.assertEqual(len(rows), (17 + 137) * len(sectors))
        by_unit = {(u["code"]): u for level in ("cities", "counties") for u in self.spec[level]}
        for r in rows:
            u = by_unit[r["code"]]
            self.assertAlmostEqual(float(r["lq"]), u["lq"][r["sector"]], places=5)
            self.assertEqual(r["leading"] == "1", u["leading_sector"] == r["sector"])
            if r["level"] == "city" and r["leading"] == "1":
                self.assertEqual(r["same_lead_neighbours"].split(";") if r["same_lead_neighbours"] else [],
                                 u["same_lead_neighbours"])


if __name__ == "__main__":
    unittest.main()


class Algorithm(unittest.TestCase):
    """htsplan:specialization through `htsplan run` on the bundled cities and sample buildings."""

    def test_run_on_bundled_data(self):
        tmp = tempfile.mkdtemp(prefix="htsplan-spec-run-")
        self.addCleanup(shutil.rmtree, tmp, True)
        out = os.path.join(tmp, "spec.gpkg")
        points = os.path.join(SRC, "data", "sample", "facilities.gpkg")
        r = subprocess.run([CLI, "run", "htsplan:specialization", "--", "UNITS=" + ADMIN + "|layername=cities_2015",
                            "POINTS=" + points + "|layername=buildings", "CATEGORY_FIELD=sector", "OUTPUT=" + out],
                           capture_output=True, text=True, timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr)

        # Independently: each building in the city polygon that contains it (OGR), LQ with numpy.
        admin = ogr.Open(ADMIN)
        cities = [(f.GetField("code"), f.GetGeometryRef().Clone()) for f in admin.GetLayerByName("cities_2015")]
        src = ogr.Open(points)
        found = [(f.GetField("sector"), f.GetGeometryRef().Clone()) for f in src.GetLayerByName("buildings")]
        sectors = sorted({s for s, _ in found if s})
        c = np.zeros((len(cities), len(sectors)))
        for sector, point in found:
            for i, (_, shape) in enumerate(cities):
                if shape.Contains(point):
                    if sector:
                        c[i, sectors.index(sector)] += 1
                    break
        with np.errstate(divide="ignore", invalid="ignore"):
            lq = (c / c.sum(axis=1)[:, None]) / (c.sum(axis=0)[None, :] / c.sum())
        lq[~np.isfinite(lq)] = 0.0

        ds = ogr.Open(out)
        layer = ds.GetLayer(0)
        rows = {f.GetField("code"): (f.GetField("LEAD_SECTOR"), f.GetField("LEAD_LQ"), f.GetField("HHI"), f.GetField("CARRIERS"),
                                     f.GetField("SAME_LEAD"), f.GetField("SAME_LEAD_N")) for f in layer}
        self.assertEqual(len(rows), 17)
        lead_of = {}
        for i, (code, shape) in enumerate(cities):
            lead, lead_lq, hhi, carriers, _, _ = rows[code]
            self.assertEqual(carriers, c[i].sum(), code)
            present = [j for j in range(len(sectors)) if c[i, j] > 0]
            expected = max(present, key=lambda j: (lq[i, j], c[i, j], -j)) if present else None
            self.assertEqual(lead, sectors[expected] if present else None, code)
            lead_of[code] = lead
            if present:
                self.assertAlmostEqual(lead_lq, lq[i, expected], places=9)
                self.assertAlmostEqual(hhi, float(((c[i] / c[i].sum()) ** 2).sum()), places=9)
        flagged = 0
        for code, shape in cities:
            same = sum(1 for other, o_shape in cities if other != code and lead_of[code] and lead_of[other] == lead_of[code]
                       and shape.Intersects(o_shape))
            self.assertEqual(rows[code][5], same, code)
            self.assertEqual(rows[code][4], 1 if same else 0, code)
            flagged += bool(same)
        self.assertIn(f"{flagged} of 17 units border a unit that leads in the same sector", r.stdout + r.stderr)

    def test_style_colours_by_leading_sector(self):
        """styles/specialization.qml on the algorithm's output: each unit in its leading sector's colour of parks.qml."""
        import re
        from qgis.core import QgsApplication, QgsRenderContext, QgsVectorLayer
        app = QgsApplication([], False)
        app.initQgis()
        tmp = tempfile.mkdtemp(prefix="htsplan-spec-style-")
        self.addCleanup(shutil.rmtree, tmp, True)
        out = os.path.join(tmp, "spec.gpkg")
        r = subprocess.run([CLI, "run", "htsplan:specialization", "--", "UNITS=" + ADMIN + "|layername=counties",
                            "POINTS=" + os.path.join(SRC, "data", "sample", "facilities.gpkg") + "|layername=buildings",
                            "OUTPUT=" + out], capture_output=True, text=True, timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(SRC, "styles", "parks.qml"), encoding="utf-8") as f:
            parks = f.read()
        values = re.findall(r'<category symbol="\d+" value="([^"]+)"', parks)
        colours = re.findall(r'name="color" value="(\d+,\d+,\d+),255"', parks)
        palette = dict(zip(values, colours))
        layer = QgsVectorLayer(out, "spec", "ogr")
        self.assertTrue(layer.isValid())
        message, ok = layer.loadNamedStyle(os.path.join(SRC, "styles", "specialization.qml"))
        self.assertTrue(ok, message)
        renderer = layer.renderer().clone()
        context = QgsRenderContext()
        renderer.startRender(context, layer.fields())
        seen = set()
        for f in layer.getFeatures():
            context.expressionContext().setFeature(f)  # the renderer's class is an expression
            symbol = renderer.symbolForFeature(f, context)
            lead = f["LEAD_SECTOR"]
            c = symbol.color()
            rgb = f"{c.red()},{c.green()},{c.blue()}"
            if lead in palette:
                self.assertEqual(rgb, palette[lead], f["name_zh"])
                seen.add(lead)
            elif lead is None or lead == "":
                self.assertEqual(rgb, "255,255,255", f["name_zh"])
        renderer.stopRender(context)
        self.assertGreaterEqual(len(seen), 5)
