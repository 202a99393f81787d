"""Splitting the remaining targets among cities (issue 14): `htsplan run htsplan:allocate`
on the bundled sample, checked against `htsplan report`'s counts and the map's populations.

Run by ctest (cli_allocate) with HTSPLAN_CLI pointing at the built program; needs
/usr/bin/python3 (osgeo).
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from osgeo import ogr

CLI = os.environ.get("HTSPLAN_CLI", "build/cli/htsplan")
SRC = os.environ.get("HTSPLAN_SOURCE_DIR", os.path.abspath("../.."))
DATA = os.path.join(SRC, "data")
SAMPLE = os.path.join(DATA, "sample", "facilities.gpkg")


def htsplan(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=600)


def features(path, layer=None):
    ds = ogr.Open(path)
    lyr = ds.GetLayerByName(layer) if layer else ds.GetLayer(0)
    return [{k: f.GetField(k) for k in f.keys()} for f in lyr]


class SampleAllocation(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="htsplan-allocate-")
        # The sample nearly meets its 2015 targets: split what remained at the end of 2013.
        cls.targets, cls.allocation = cls.report_targets("2013")
        cls.targets2015, _ = cls.report_targets("2015")
        cls.populations = {f["code"]: f["population"] for f in features(os.path.join(DATA, "shandong.gpkg"), "cities_2015")}

    @classmethod
    def report_targets(cls, year):
        report = os.path.join(cls.tmp, "report" + year)
        r = htsplan("report", "--no-map", "--no-analyses", "--year", year, "--out", report)
        assert r.returncode == 0, r.stderr
        with open(os.path.join(report, "metrics.json"), encoding="utf-8") as f:
            doc = json.load(f)
            return {t["kind"]: t for t in doc["targets"]}, doc.get("allocation")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_allocate(self, name, *parameters):
        out = os.path.join(self.tmp, name + ".gpkg")
        table = os.path.join(self.tmp, name + "_table.gpkg")
        r = htsplan("run", "htsplan:allocate", "--json", "--", "FACILITIES=" + SAMPLE, "OUTPUT=" + out, "TABLE=" + table, *parameters)
        return r, out, table

    def run_2013(self, name, *parameters):
        r, out, table = self.run_allocate(name, "YEAR=2013", *parameters)
        return r, out, table

    def test_population_split_of_the_2015_targets(self):
        r, out, table = self.run_2013("population")
        self.assertEqual(r.returncode, 0, r.stderr)
        results = json.loads(r.stdout)["results"]
        rows = features(out)
        for kind, t in self.targets.items():
            remaining = max(0, t["target"] - t["count"])
            mine = [f for f in rows if f["KIND"] == kind]
            self.assertEqual(len(mine), 17, kind)
            # The shares sum to the remaining quota, none negative, each within one of its exact quota (Hamilton).
            self.assertEqual(sum(f["ALLOCATED"] for f in mine), remaining, kind)
            self.assertEqual(results["REMAINING_" + kind.upper()], remaining)
            for f in mine:
                self.assertGreaterEqual(f["ALLOCATED"], 0)
                self.assertLess(abs(f["ALLOCATED"] - f["QUOTA"]), 1.0)
                self.assertEqual(f["EXPECTED"], f["CURRENT"] + f["ALLOCATED"])
                self.assertAlmostEqual(f["QUOTA"], remaining * f["WEIGHT"], places=9)
            # Cities with a population: weights in the ratio of their populations.
            qingdao = next(f for f in mine if f["CODE"] == "370200")
            for f in mine:
                if self.populations[f["CODE"]]:
                    self.assertAlmostEqual(f["WEIGHT"] / qingdao["WEIGHT"], self.populations[f["CODE"]] / self.populations["370200"], places=9)
            self.assertEqual(sum(f["CURRENT"] for f in mine), t["count"], kind)
        # Jinan and Laiwu have no population on the 2015 map: said, with the rule.
        self.assertIn("no population for 370100 济南市, 371200 莱芜市", r.stderr + r.stdout)
        # The table: 17 cities and the province, per kind current + allocated = expected.
        table_rows = features(table)
        self.assertEqual(len(table_rows), 18)
        province = next(f for f in table_rows if f["CODE"] == "province")
        for kind, t in self.targets.items():
            self.assertEqual(province[kind.upper() + "_EXPECTED"], max(t["target"], t["count"]))
            self.assertEqual(sum(f[kind.upper() + "_ALLOCATED"] for f in table_rows if f["CODE"] != "province"), province[kind.upper() + "_ALLOCATED"])

    def test_report_metrics_carry_the_default_split(self):
        # metrics.json's allocation is htsplan:allocate's default split (population, Hamilton, remaining), city by city.
        a = self.allocation
        self.assertIsNotNone(a)
        self.assertEqual((a["evaluation_year"], a["weights"], a["method"], a["basis"]), (2013, {"population": 1}, "hamilton", "remaining"))
        self.assertEqual([k["kind"] for k in a["kinds"]], list(self.targets))
        r, out, _ = self.run_2013("population_default")
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = {(f["KIND"], f["CODE"]): f for f in features(out)}
        for k in a["kinds"]:
            t = self.targets[k["kind"]]
            self.assertEqual((k["target"], k["counted"], k["remaining"]), (t["target"], t["count"], max(0, t["target"] - t["count"])))
            self.assertEqual(len(k["cities"]), 17)
            self.assertEqual(sum(c["allocated"] for c in k["cities"]), k["remaining"], k["kind"])
            for c in k["cities"]:
                f = rows[(k["kind"], c["code"])]
                self.assertEqual((c["current"], c["allocated"], c["expected"]), (f["CURRENT"], f["ALLOCATED"], f["EXPECTED"]), c["code"])
        self.assertGreater(sum(k["remaining"] for k in a["kinds"]), 0)  # 2013 leaves something to split

    def test_targets_already_met_in_2015_leave_nothing(self):
        r, out, _ = self.run_allocate("met2015")
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = features(out)
        for kind, t in self.targets2015.items():
            allocated = sum(f["ALLOCATED"] for f in rows if f["KIND"] == kind)
            self.assertEqual(allocated, max(0, t["target"] - t["count"]), kind)
            if t["count"] >= t["target"]:
                self.assertIn("{}s: the target {} is already met ({} counted in 2015): 0 remaining".format(kind, t["target"], t["count"]), r.stdout + r.stderr)
        self.assertTrue(any(t["count"] >= t["target"] for t in self.targets2015.values()))

    def test_blend_with_current_counts_and_divisor_methods(self):
        for method in ("0", "1", "2"):
            r, out, _ = self.run_2013("blend" + method, "WEIGHTS=5", "POPULATION_FACTOR=1", "CURRENT_FACTOR=1", "METHOD=" + method, "KINDS=1")
            self.assertEqual(r.returncode, 0, r.stderr)
            rows = features(out)
            self.assertEqual({f["KIND"] for f in rows}, {"park"})
            t = self.targets["park"]
            self.assertEqual(sum(f["ALLOCATED"] for f in rows), max(0, t["target"] - t["count"]), method)

    def test_weights_from_a_gbk_table(self):
        codes = [f["code"] for f in features(os.path.join(DATA, "shandong.gpkg"), "cities_2015")]
        path = os.path.join(self.tmp, "gdp.csv")
        with open(path, "w", encoding="gbk") as f:
            f.write("城市代码,地区生产总值（亿元）\n")
            for i, code in enumerate(codes):
                f.write("{},{}\n".format(code, 1000 + 100 * i))
        r, out, _ = self.run_2013("table", "WEIGHTS=4", "WEIGHTS_TABLE=" + path, "WEIGHTS_COLUMN=地区生产总值（亿元）", "KINDS=2")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("GB18030", r.stdout + r.stderr)
        rows = {f["CODE"]: f for f in features(out)}
        total = sum(1000 + 100 * i for i in range(len(codes)))
        for i, code in enumerate(codes):
            self.assertAlmostEqual(rows[code]["WEIGHT"], (1000 + 100 * i) / total, places=9)
        # A city missing from the table: refused, naming the file and the city (exit 2).
        with open(path, "w", encoding="gbk") as f:
            f.write("城市代码,地区生产总值（亿元）\n")
            for code in codes[1:]:
                f.write("{},1000\n".format(code))
        r, _, _ = self.run_allocate("missing", "WEIGHTS=4", "WEIGHTS_TABLE=" + path, "WEIGHTS_COLUMN=地区生产总值（亿元）")
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn("no row for 370100 济南市", r.stderr)

    def test_floors_above_the_quota_are_refused(self):
        t = self.targets["base"]
        remaining = max(0, t["target"] - t["count"])
        r, _, _ = self.run_2013("floors", "KINDS=0", "FLOOR=" + str(remaining // 17 + 1))
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn("the floors add up to {}, more than the {} to split".format(17 * (remaining // 17 + 1), remaining), r.stderr)
        r, _, _ = self.run_allocate("badfloors", "FLOORS=370100=two")
        self.assertEqual(r.returncode, 2)
        self.assertIn("FLOORS: '370100=two' is not CITY_CODE=NUMBER", r.stderr)


if __name__ == "__main__":
    unittest.main()
