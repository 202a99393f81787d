"""Revenue growth (issue 13): statistics.growth in metrics.json and growth.csv from
`htsplan report`, checked against an independent computation from the GeoPackage.

Run by ctest (cli_growth) with HTSPLAN_CLI pointing at the built program; needs
/usr/bin/python3 (osgeo) for the point-in-county test.
"""
import csv
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

from osgeo import ogr

CLI = os.environ.get("HTSPLAN_CLI", "build/cli/htsplan")
SRC = os.environ.get("HTSPLAN_SOURCE_DIR", os.path.abspath("../.."))
DATA = os.path.join(SRC, "data")
SAMPLE = os.path.join(DATA, "sample", "facilities.gpkg")


def run(*args):
    return subprocess.run([CLI, "report", "--no-map", "--no-analyses", *args], capture_output=True, text=True, timeout=300)


def independent_growth(sample, first, last):
    """The balanced-panel growth per city, group and sector, computed here from the files alone."""
    with open(os.path.join(DATA, "targets", "shandong-2013.json"), encoding="utf-8") as f:
        targets = json.load(f)
    sector_of_text = {}
    for s in targets["sectors"]:
        for text in [s["code"], s["name_zh"], s["name_en"], *s.get("aliases", [])]:
            sector_of_text[text.strip().casefold()] = s["code"]
    admin = ogr.Open(os.path.join(DATA, "shandong.gpkg"))
    counties = [(f.GetGeometryRef().Clone(), f.GetField("city_code_2015"), bool(f.GetField("blue_zone")))
                for f in admin.GetLayerByName("counties")]
    central = set(targets["central_cities"])
    units = {}  # enterprise id -> list of (scope, code)
    ds = ogr.Open(sample)
    for f in ds.GetLayerByName("enterprises"):
        g = f.GetGeometryRef()
        hit = [c for c in counties if c[0].Contains(g)]
        if not hit:
            continue
        _, city, blue = hit[0]
        sector = sector_of_text.get((f.GetField("sector") or "").strip().casefold(), "unknown")
        u = [("city", city), ("group", "province"), ("sector", sector)]
        if blue:
            u.append(("group", "blue_zone"))
        if city in central:
            u.append(("group", "central_cities"))
        units[f.GetField("id")] = u
    revenue = {}
    db = sqlite3.connect(sample)
    for eid, year, yuan in db.execute("SELECT enterprise_id, year, revenue_cny FROM enterprise_revenue"):
        revenue.setdefault(eid, {}).setdefault(year, yuan)
    db.close()
    sums, left_out, panel = {}, 0, 0
    for eid, years in revenue.items():
        if eid not in units or not any(first <= y <= last for y in years):
            continue
        if first not in years or last not in years:
            left_out += 1
            continue
        panel += 1
        for key in units[eid]:
            s = sums.setdefault(key, [0, 0.0, 0.0])
            s[0] += 1
            s[1] += years[first]
            s[2] += years[last]
    cagr = {k: (s[2] / s[1]) ** (1.0 / (last - first)) - 1.0 for k, s in sums.items() if s[1] > 0}
    return sums, cagr, panel, left_out


class SampleGrowth(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="htsplan-growth-")
        cls.out = os.path.join(cls.tmp, "report")
        cls.result = run("--out", cls.out)
        if cls.result.returncode == 0:
            with open(os.path.join(cls.out, "metrics.json"), encoding="utf-8") as f:
                cls.growth = json.load(f)["statistics"]["growth"]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_equal_to_an_independent_computation(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        g = self.growth
        self.assertEqual((g["from_year"], g["to_year"], g["rule"]), (2011, 2015, "balanced_panel"))
        sums, cagr, panel, left_out = independent_growth(SAMPLE, 2011, 2015)
        self.assertEqual(g["panel_enterprises"], panel)
        self.assertEqual(g["left_out"], left_out)
        self.assertGreater(left_out, 0)  # the sample's panel is not balanced: the rule matters
        checked = 0
        for scope, key, rows in [("city", "code", g["cities"]), ("group", "group", g["groups"]), ("sector", "sector", g["sectors"])]:
            for row in rows:
                expected = sums.get((scope, row[key]), [0, 0.0, 0.0])
                self.assertEqual(row["enterprises"], expected[0], (scope, row[key]))
                self.assertAlmostEqual(row["revenue_from_cny"], expected[1], delta=1e-6 * max(1.0, expected[1]))
                self.assertAlmostEqual(row["revenue_to_cny"], expected[2], delta=1e-6 * max(1.0, expected[2]))
                if (scope, row[key]) in cagr:
                    self.assertAlmostEqual(row["cagr"], cagr[(scope, row[key])], places=12, msg=(scope, row[key]))
                    self.assertEqual(row["on_track"], cagr[(scope, row[key])] >= row["annual_growth_target"] - 1e-12)
                    checked += 1
                else:
                    self.assertIsNone(row["cagr"])
                    self.assertIsNone(row["on_track"])
        self.assertGreaterEqual(checked, 17 + 3)

    def test_cities_differ_and_lines_follow_the_policy(self):
        cities = {c["code"]: c for c in self.growth["cities"]}
        self.assertEqual(len(cities), 17)
        self.assertEqual(cities["370200"]["annual_growth_target"], 0.25)  # central city
        self.assertEqual(cities["370600"]["annual_growth_target"], 0.25)  # Blue Economic Zone
        self.assertEqual(cities["371700"]["annual_growth_target"], 0.2)
        # Binzhou: only Wudi and Zhanhua lie in the zone, so the city is held to the province's line.
        self.assertEqual(cities["371600"]["annual_growth_target"], 0.2)
        self.assertTrue(cities["370200"]["on_track"])
        self.assertLess(cities["371200"]["cagr"], 0)                     # Laiwu shrinks in the sample
        self.assertFalse(cities["371200"]["on_track"])
        self.assertEqual(sorted(cities["370200"]["by_year"]), ["2012", "2013", "2014", "2015"])
        self.assertIn("left out of the growth figures", self.result.stderr)
        self.assertIn("%d enterprises with revenue in 2011-2015" % self.growth["left_out"], self.result.stderr)

    def test_growth_csv(self):
        with open(os.path.join(self.out, "growth.csv"), encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        cities = [r for r in rows if r["scope"] == "city"]
        self.assertEqual(len(cities), 17)
        by_code = {c["code"]: c for c in self.growth["cities"]}
        for r in cities:
            expected = by_code[r["code"]]
            if expected["cagr"] is None:  # no enterprise in the panel (Liaocheng and Heze in the sample)
                self.assertEqual((r["cagr"], r["on_track"], r["enterprises"]), ("", "", "0"))
                continue
            self.assertAlmostEqual(float(r["cagr"]), expected["cagr"], places=8)
            self.assertEqual(r["on_track"], "on track" if expected["on_track"] else "behind")
            self.assertIn("on_track_2013", r)
        self.assertEqual(sum(1 for r in cities if r["cagr"] == ""), 2)
        self.assertEqual([r["code"] for r in rows if r["scope"] == "group"], ["province", "blue_zone", "central_cities"])


class GrowthOptionsAndBadRows(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="htsplan-growth-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_a_span_of_the_planners_choice(self):
        out = os.path.join(self.tmp, "r")
        result = run("--growth-from", "2013", "--growth-to", "2014", "--out", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(os.path.join(out, "metrics.json"), encoding="utf-8") as f:
            g = json.load(f)["statistics"]["growth"]
        self.assertEqual((g["from_year"], g["to_year"]), (2013, 2014))
        sums, cagr, panel, left_out = independent_growth(SAMPLE, 2013, 2014)
        self.assertEqual((g["panel_enterprises"], g["left_out"]), (panel, left_out))
        province = g["groups"][0]
        self.assertAlmostEqual(province["cagr"], cagr[("group", "province")], places=12)

    def test_bad_spans_are_refused(self):
        for args in [("--growth-from", "2015", "--growth-to", "2013"), ("--growth-from", "2005"), ("--growth-to", "2014.5")]:
            result = run(*args, "--out", os.path.join(self.tmp, "r"))
            self.assertEqual(result.returncode, 2, (args, result.stderr))
            self.assertIn("growth", result.stderr)

    def test_bad_rows_are_reported_not_used(self):
        copy = os.path.join(self.tmp, "facilities.gpkg")
        shutil.copy(SAMPLE, copy)
        db = sqlite3.connect(copy)
        db.executemany("INSERT INTO enterprise_revenue (enterprise_id, year, revenue_cny) VALUES (?, ?, ?)",
                       [("E999", 2012, 1e8), ("E001", 2011, -1.0), ("E002", 2030, 5e8), ("E003", 2009, 5e8)])
        db.commit()
        db.close()
        out = os.path.join(self.tmp, "r")
        result = run("--facilities", copy, "--out", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stderr.splitlines()
        self.assertTrue(any("enterprise_revenue" in l and "field 'enterprise_id'" in l and "'E999'" in l for l in lines), result.stderr)
        self.assertTrue(any("enterprise_revenue" in l and "field 'revenue_cny'" in l and "'-1'" in l for l in lines), result.stderr)
        self.assertIn("enterprise_revenue, field 'year': 2 features", result.stderr)
        with open(os.path.join(out, "metrics.json"), encoding="utf-8") as f:
            m = json.load(f)
        kinds = [p for p in m["problems"] if p["layer"] == "enterprise_revenue" and p["feature"]]
        self.assertEqual(len(kinds), 4)
        # The bad rows change nothing: the figures are the sample's.
        sums, cagr, panel, left_out = independent_growth(SAMPLE, 2011, 2015)
        self.assertEqual(m["statistics"]["growth"]["panel_enterprises"], panel)
        self.assertAlmostEqual(m["statistics"]["growth"]["groups"][0]["cagr"], cagr[("group", "province")], places=12)


if __name__ == "__main__":
    unittest.main()
