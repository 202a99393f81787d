"""statistics.hotspots and statistics.moran in metrics.json and hotspots.csv from
`htsplan report` on the bundled data, against the toolbox's own algorithms
(`htsplan run htsplan:hotspots` / `htsplan:moran`, default parameters) on the
counties layer carrying the same counts: a planner who runs the tool by hand
gets the report's numbers.

Run by ctest (cli_statistics) with HTSPLAN_CLI pointing at the built program.
"""
import csv
import io
import json
import os
import subprocess
import unittest

from osgeo import ogr

from bundled_report import BundledReport

CLI = os.environ.get("HTSPLAN_CLI", "build/cli/htsplan")
SRC = os.environ.get("HTSPLAN_SOURCE_DIR", os.path.abspath("../.."))
ADMIN = os.path.join(SRC, "data", "shandong.gpkg")

ogr.UseExceptions()


def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


class CountyStatistics(BundledReport):
    prefix = "htsplan-stats-"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.metrics:
            cls.hot = cls.metrics["statistics"]["hotspots"]
            cls.moran = cls.metrics["statistics"]["moran"]

    def counties_with(self, variable):
        """The bundled counties layer with the report's count as field N, in a GeoPackage of its own."""
        values = {c["code"]: c["value"] for c in self.hot[variable]["counties"]}
        path = os.path.join(self.tmp, variable + ".gpkg")
        if os.path.exists(path):
            return path
        source = ogr.Open(ADMIN)
        layer = source.GetLayerByName("counties")
        target = ogr.GetDriverByName("GPKG").CreateDataSource(path)
        copy = target.CreateLayer("counties", layer.GetSpatialRef(), layer.GetGeomType())
        for name in ("code", "name_zh"):
            copy.CreateField(ogr.FieldDefn(name, ogr.OFTString))
        copy.CreateField(ogr.FieldDefn("N", ogr.OFTReal))
        for f in layer:
            out = ogr.Feature(copy.GetLayerDefn())
            out.SetField("code", f.GetField("code"))
            out.SetField("name_zh", f.GetField("name_zh"))
            out.SetField("N", values[f.GetField("code")])
            out.SetGeometry(f.GetGeometryRef())
            copy.CreateFeature(out)
        target = None
        return path

    def run_tool(self, algorithm, variable, *extra):
        output = os.path.join(self.tmp, "{}_{}.gpkg".format(algorithm.split(":")[1], variable))
        r = subprocess.run([CLI, "run", algorithm, "--json", "--", "INPUT=" + self.counties_with(variable), "FIELD=N",
                            "OUTPUT=" + output, *extra], capture_output=True, text=True, timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = {}
        written = ogr.Open(output)  # kept: its layer dies with it
        for f in written.GetLayer(0):
            rows[f.GetField("code")] = {k: f.GetField(k) for k in f.keys()}
        return json.loads(r.stdout)["results"], rows, r.stderr

    def test_counts_are_metrics_counts(self):
        counties = {c["code"]: c for c in self.metrics["counties"]}
        for row in self.hot["enterprises"]["counties"]:
            self.assertEqual(row["value"], counties[row["code"]]["counts"]["enterprise"])
        for row in self.hot["carriers"]["counties"]:
            self.assertEqual(row["value"], sum(counties[row["code"]]["counts"].values()))
        self.assertEqual(len(self.hot["enterprises"]["counties"]), len(self.metrics["counties"]))

    def test_hotspots_equal_the_toolbox(self):
        for variable in ("enterprises", "carriers"):
            results, rows, _ = self.run_tool("htsplan:hotspots", variable)
            ours = self.hot[variable]
            self.assertEqual(len(rows), len(ours["counties"]))
            for c in ours["counties"]:
                tool = rows[c["code"]]
                with self.subTest(variable=variable, county=c["name"]):
                    self.assertTrue(close(c["GiZScore"], tool["GiZScore"]), (c, tool))
                    self.assertTrue(close(c["GiPValue"], tool["GiPValue"]), (c, tool))
                    self.assertEqual(c["NNeighbors"], tool["NNeighbors"])
                    self.assertEqual(c["Gi_Bin"], tool["Gi_Bin"])
                    self.assertEqual(c["label"], tool["GiLabel"])
                    self.assertEqual(c["label_zh"], tool["GiLabel_zh"])
            self.assertEqual(ours["hot_spots"], results["HOT_SPOTS"])
            self.assertEqual(ours["cold_spots"], results["COLD_SPOTS"])
            bins = {str(b): sum(1 for c in ours["counties"] if c["Gi_Bin"] == b) for b in range(-3, 4)}
            self.assertEqual(ours["bins"], bins)
            self.assertEqual(sum(ours["bins"].values()), len(ours["counties"]))

    def test_moran_equals_the_toolbox(self):
        for variable in ("enterprises", "carriers"):
            results, rows, stderr = self.run_tool("htsplan:moran", variable, "PERMUTATIONS=999", "SEED=1")
            g = self.moran[variable]["global"]
            with self.subTest(variable=variable):
                for key, ours in (("MORANS_I", g["I"]), ("EXPECTED_I", g["expected_I"]),
                                  ("VARIANCE_RANDOMISATION", g["randomisation"]["variance"]), ("Z_RANDOMISATION", g["randomisation"]["z"]),
                                  ("P_RANDOMISATION", g["randomisation"]["p"]), ("VARIANCE_NORMALITY", g["normality"]["variance"]),
                                  ("Z_NORMALITY", g["normality"]["z"]), ("P_NORMALITY", g["normality"]["p"]),
                                  ("P_PERMUTATION", g["permutation"]["p"]), ("UNITS", g["units"])):
                    self.assertTrue(close(ours, results[key]), (key, ours, results[key]))
                self.assertEqual(g["permutation"]["permutations"], 999)
                self.assertEqual(g["permutation"]["seed"], 1)
                self.assertEqual(g["units"], len(self.metrics["counties"]) - len(self.moran["weights"]["isolated"]))
            for c in self.moran[variable]["counties"]:
                tool = rows[c["code"]]
                with self.subTest(variable=variable, county=c["name"]):
                    self.assertTrue(close(c["LMiIndex"], tool["LMiIndex"]), (c, tool))
                    self.assertTrue(close(c["LMiZScore"], tool["LMiZScore"]), (c, tool))
                    self.assertTrue(close(c["LMiPValue"], tool["LMiPValue"]), (c, tool))
                    self.assertEqual(c["COType"], tool["COType"] or "")
                    self.assertEqual(c["COType_zh"], tool["COType_zh"])

    def test_the_island_is_named_never_dropped(self):
        for section in (self.hot, self.moran):
            self.assertEqual([c["name"] for c in section["weights"]["isolated"]], ["长岛县"])
            self.assertEqual(section["weights"]["snap_m"], 1)
        self.assertIn("长岛县", self.result.stderr)
        self.assertIn("no contiguous neighbour", self.result.stderr)
        self.assertTrue(any(p["feature"] == "长岛县" and "neighbour" in p["problem"] for p in self.metrics["problems"]))
        island = next(c for c in self.hot["enterprises"]["counties"] if c["name"] == "长岛县")
        self.assertEqual(island["NNeighbors"], 1)  # itself
        lisa = next(c for c in self.moran["enterprises"]["counties"] if c["name"] == "长岛县")
        self.assertEqual((lisa["LMiZScore"], lisa["LMiPValue"], lisa["COType"]), (0, 1, ""))

    def test_hotspots_csv(self):
        with open(os.path.join(self.out, "hotspots.csv"), "rb") as f:
            raw = f.read()
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"))
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        self.assertEqual(len(rows), 2 * len(self.metrics["counties"]))
        for variable in ("enterprises", "carriers"):
            hot = {c["code"]: c for c in self.hot[variable]["counties"]}
            lisa = {c["code"]: c for c in self.moran[variable]["counties"]}
            for row in (r for r in rows if r["variable"] == variable):
                h, m = hot[row["code"]], lisa[row["code"]]
                self.assertEqual(row["name_zh"], h["name"])
                self.assertEqual(int(row["Gi_Bin"]), h["Gi_Bin"])
                self.assertAlmostEqual(float(row["GiZScore"]), h["GiZScore"], places=5)
                self.assertAlmostEqual(float(row["LMiZScore"]), m["LMiZScore"], places=5)
                self.assertEqual(row["label_zh"], h["label_zh"])
                self.assertEqual(row["COType"], m["COType"])


if __name__ == "__main__":
    unittest.main()
