"""Splitting the remaining targets among cities (issue 14): `htsplan run htsplan:allocate`
on the bundled sample, checked against `htsplan report`'s counts and the map's populations.

Run by ctest (cli_allocate) with HTSPLAN_CLI pointing at the built program; needs
/usr/bin/python3 (osgeo).
"""
import json
import math
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


class ReportSplitAndPace(unittest.TestCase):
    """`htsplan report --split-*`: the planner's split in metrics.json's allocation, as htsplan:allocate
    computes it, and "pace" (who is behind) checked against metrics.json's own counts."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="htsplan-pace-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def report(self, name, *args):
        out = os.path.join(self.tmp, name)
        r = htsplan("report", "--no-map", "--no-analyses", "--out", out, *args)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(out, "metrics.json"), encoding="utf-8") as f:
            return r, json.load(f)

    def check_pace(self, doc):
        """Every city's path and state from its total, the plan's start and metrics.json's counts."""
        pace = doc["pace"]
        start, year = doc["plan_start_year"], doc["evaluation_year"]
        self.assertEqual((pace["year"], pace["plan_start_year"], pace["basis"]), (year, start, "whole"))
        counts = {c["code"]: c["counts"] for c in doc["cities"]}
        targets = {t["kind"]: t for t in doc["targets"]}
        for kind, t in targets.items():
            totals = [next(k for k in c["kinds"] if k["kind"] == kind)["total"] for c in pace["cities"]]
            self.assertEqual(sum(totals), t["target"], kind)  # the whole target, split
            self.assertTrue(all(n >= 0 for n in totals))
        for c in pace["cities"]:
            worst = 0
            for k in c["kinds"]:
                path = k["total"] * min(1.0, (year - start) / (k["target_year"] - start))
                self.assertAlmostEqual(k["path"], path, places=9)
                self.assertEqual(k["actual"], counts[c["code"]][k["kind"]], (c["code"], k["kind"]))
                state = "on_pace" if k["actual"] >= path else "behind" if k["actual"] >= 0.8 * path else "far_behind"
                self.assertEqual(k["state"], state, (c["code"], k["kind"]))
                self.assertEqual(k["gap"], max(0, math.ceil(path - 1e-9) - k["actual"]))
                worst += k["state"] != "on_pace"
            self.assertEqual(c["behind"], worst > 0)
        # The ranking: lowest score first, then the larger shortfall, then the code.
        by_code = {c["code"]: c for c in pace["cities"]}
        self.assertEqual(pace["ranking"], sorted(by_code, key=lambda code: (by_code[code]["score"], -by_code[code]["shortfall"], code)))
        self.assertEqual([by_code[code]["rank"] for code in pace["ranking"]], list(range(1, 18)))
        province = next(g for g in pace["groups"] if g["group"] == "province")
        for k in province["kinds"]:
            self.assertEqual((k["total"], k["actual"]), (targets[k["kind"]]["target"], targets[k["kind"]]["count"]))
        return pace

    def test_default_split_and_pace_at_2013_and_2015(self):
        for year in ("2013", "2015"):
            r, doc = self.report("default" + year, "--year", year)
            self.assertEqual((doc["allocation"]["weights"], doc["allocation"]["method"]), ({"population": 1}, "hamilton"))
            pace = self.check_pace(doc)
            self.assertEqual(pace["weights"], {"population": 1})
            # The summary: up to five of the cities behind, in the ranking's order, each kind as counted/path.
            behind = [code for code in pace["ranking"] if next(c for c in pace["cities"] if c["code"] == code)["behind"]]
            self.assertIn("Behind pace, " + year, r.stdout)
            lines = [line.split() for line in r.stdout.splitlines()[r.stdout.splitlines().index(
                next(line for line in r.stdout.splitlines() if line.startswith("Behind pace"))) + 2:]]
            shown = [line[1] for line in lines[:min(5, len(behind))]]
            self.assertEqual(shown, behind[:5], r.stdout)
            first = next(c for c in pace["cities"] if c["code"] == behind[0])
            k = first["kinds"][0]
            path = "{:g}".format(k["path"]) if k["path"] == int(k["path"]) else "{:.1f}".format(k["path"])
            self.assertTrue(lines[0][2].startswith("{}/{}".format(k["actual"], path)), lines[0])

    def test_blend_with_current_counts_matches_the_algorithm(self):
        r, doc = self.report("blend", "--year", "2013", "--split-weights", "population=0.5,current=0.5", "--split-method", "dhondt",
                             "--split-basis", "fill-up")
        a = doc["allocation"]
        self.assertEqual((a["weights"], a["method"], a["basis"]), ({"population": 0.5, "current": 0.5}, "dhondt", "fill_up"))
        out = os.path.join(self.tmp, "blend.gpkg")
        run = htsplan("run", "htsplan:allocate", "--", "FACILITIES=" + SAMPLE, "YEAR=2013", "WEIGHTS=5", "POPULATION_FACTOR=0.5",
                      "CURRENT_FACTOR=0.5", "METHOD=1", "BASIS=1", "OUTPUT=" + out)
        self.assertEqual(run.returncode, 0, run.stderr)
        rows = {(f["KIND"], f["CODE"]): f["ALLOCATED"] for f in features(out)}
        for k in a["kinds"]:
            for c in k["cities"]:
                self.assertEqual(c["allocated"], rows[(k["kind"], c["code"])], (k["kind"], c["code"]))
        pace = self.check_pace(doc)
        self.assertEqual((pace["weights"], pace["method"]), ({"population": 0.5, "current": 0.5}, "dhondt"))
        self.assertIn("population 0.5 + current 0.5 weights, dhondt", r.stdout)

    def test_floors_and_caps_match_the_algorithm(self):
        _, doc = self.report("bounds", "--year", "2013", "--split-floor", "370100=3", "--split-cap", "20")
        a = doc["allocation"]
        self.assertEqual((a["floor"], a["cap"], a["floors"]), (0, 20, {"370100": 3}))
        out = os.path.join(self.tmp, "bounds.gpkg")
        run = htsplan("run", "htsplan:allocate", "--", "FACILITIES=" + SAMPLE, "YEAR=2013", "FLOORS=370100=3", "CAP=20", "OUTPUT=" + out)
        self.assertEqual(run.returncode, 0, run.stderr)
        rows = {(f["KIND"], f["CODE"]): f["ALLOCATED"] for f in features(out)}
        for k in a["kinds"]:
            for c in k["cities"]:
                self.assertEqual(c["allocated"], rows[(k["kind"], c["code"])], (k["kind"], c["code"]))
        # The floor binds: without it Jinan gets fewer than 3 of the bases left at 2013.
        free = os.path.join(self.tmp, "free.gpkg")
        run = htsplan("run", "htsplan:allocate", "--", "FACILITIES=" + SAMPLE, "YEAR=2013", "OUTPUT=" + free)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertLess(next(f["ALLOCATED"] for f in features(free) if f["KIND"] == "base" and f["CODE"] == "370100"), 3)
        self.assertEqual(rows[("base", "370100")], 3)

    def test_weights_from_a_table(self):
        codes = [f["code"] for f in features(os.path.join(DATA, "shandong.gpkg"), "cities_2015")]
        path = os.path.join(self.tmp, "gdp.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("code,gdp\n")
            for code in codes:
                f.write("{},{}\n".format(code, 100))
        _, doc = self.report("table", "--year", "2013", "--split-weights", "table", "--split-table", path + ":gdp")
        self.assertEqual(doc["allocation"]["table"], "'gdp' of " + path)
        for k in self.check_pace(doc)["cities"][0]["kinds"]:
            target = next(t for t in doc["targets"] if t["kind"] == k["kind"])["target"]
            self.assertLessEqual(abs(k["total"] - target / 17), 1)  # equal weights in the table

    def test_bad_split_options(self):
        for args, message in ((["--split-weights", "people=1"], "--split-weights: 'people=1': 'people' is not a weight"),
                              (["--split-method", "jefferson"], "'jefferson' is not a rounding method"),
                              (["--split-basis", "whole"], "'whole' is not a basis"),
                              (["--split-weights", "table"], "--split-weights with table needs --split-table FILE:COLUMN"),
                              (["--split-weights", "table", "--split-table", "x.csv"], "expected FILE:COLUMN"),
                              (["--split-table", "x.csv:gdp"], "--split-table is read only when --split-weights uses table"),
                              (["--split-floor", "1,2"], "--split-floor: '1,2' gives two numbers for every city"),
                              (["--split-cap", "x"], "--split-cap: 'x' is not a number for every city nor CITY_CODE=NUMBER"),
                              # Asked for, a split that cannot be made is bad input, not a warning with exit 0.
                              (["--split-floor", "379900=2"], "the targets cannot be split as asked: floors: 379900 is not a city of the 2015 map"),
                              (["--year", "2013", "--split-floor", "1"], "the targets cannot be split as asked: bases (10 remaining of the target 20): the floors add up to 17")):
            r = htsplan("report", "--no-map", "--no-analyses", "--out", os.path.join(self.tmp, "bad"), *args)
            self.assertEqual(r.returncode, 2, args)
            self.assertIn(message, r.stderr)
            self.assertFalse(os.path.exists(os.path.join(self.tmp, "bad")), args)
        missing = os.path.join(self.tmp, "missing.csv")
        with open(missing, "w", encoding="utf-8") as f:
            f.write("code,gdp\n370100,1\n")
        r = htsplan("report", "--no-map", "--no-analyses", "--out", os.path.join(self.tmp, "bad"), "--split-weights", "table", "--split-table", missing + ":gdp")
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("no row for 370200 青岛市", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "bad")))


if __name__ == "__main__":
    unittest.main()
