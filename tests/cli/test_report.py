"""End-to-end tests of `htsplan report` on the bundled data and on bad input.

Run by ctest (cli_report) with HTSPLAN_CLI pointing at the built program.
"""
import csv
import io
import json
import os
import shutil
import subprocess
import tempfile
import unittest

CLI = os.environ.get("HTSPLAN_CLI", "build/cli/htsplan")
SRC = os.environ.get("HTSPLAN_SOURCE_DIR", os.path.abspath("../.."))
DATA = os.path.join(SRC, "data")
KINDS = ["hightech_zone", "base", "park", "building", "enterprise"]


def run(*args):
    return subprocess.run([CLI, "report", *args], capture_output=True, text=True, timeout=300)


class BundledReport(unittest.TestCase):
    """One full report on the bundled data (2015 map), checked like a planner would."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="htsplan-cli-")
        cls.out = os.path.join(cls.tmp, "report")
        cls.result = run("--out", cls.out)
        if cls.result.returncode == 0:
            with open(os.path.join(cls.out, "metrics.json"), encoding="utf-8") as f:
                cls.metrics = json.load(f)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_exit_code_and_files(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        for name in ["metrics.json", "cities.csv", "counties.csv", "overview.pdf", "overview.png", "kde.tif"]:
            self.assertTrue(os.path.getsize(os.path.join(self.out, name)) > 100, name)
        self.assertIn(self.out, self.result.stdout)  # says where the outputs are
        self.assertEqual([n for n in os.listdir(self.tmp) if n != "report"], [])  # no staging left

    def test_metrics_shape(self):
        m = self.metrics
        self.assertEqual(m["target_year"], 2015)
        self.assertEqual(m["inputs"]["vintage"], "2015")
        self.assertEqual([t["kind"] for t in m["targets"]], ["base", "park", "building", "enterprise"])
        self.assertEqual([t["target"] for t in m["targets"]], [20, 100, 200, 100])
        self.assertEqual(len(m["cities"]), 17)
        self.assertEqual(len(m["counties"]), 137)
        self.assertEqual(m["coverage"]["cities_total"], 17)
        self.assertEqual(m["coverage"]["counties_total"], 137)
        self.assertEqual([g["group"] for g in m["groups"]], ["province", "blue_zone", "central_cities"])
        self.assertIn("unknown", [s["sector"] for s in m["sectors"]])
        for key in ["htsplan_version", "inputs", "unassigned", "problems"]:
            self.assertIn(key, m)
        # The register's checks (htsplan:validate): the sample's four deliberate flaws and its missing years.
        v = m["validation"]
        self.assertEqual(v["errors"], 1)
        fired = {code: n for code, n in v["by_rule"].items() if n}
        self.assertEqual(fired, {"REF_NO_PARENT": 1, "PLACE_OUTSIDE_PROVINCE": 1, "PLACE_OUTSIDE_ZONES": 1, "REG_MISSING_YEAR": 23,
                                 "REG_CHILD_BEFORE_PARENT": 1, "REG_UNKNOWN_SECTOR": 1})
        self.assertEqual(len(v["violations"]), sum(fired.values()))
        self.assertIn("REG_SAME_POINT", v["by_rule"])
        for unit in m["cities"] + m["counties"]:
            for part in ["counts", "counts_all", "per_10k_km2", "per_million_people"]:
                self.assertEqual(sorted(unit[part]), sorted(KINDS))

    def test_analyses(self):
        a = self.metrics["analyses"]
        placed = sum(sum(c["counts_all"].values()) for c in self.metrics["counties"])
        self.assertEqual(a["facilities"], placed)
        self.assertEqual(a["nni"]["point_count"], placed)
        self.assertAlmostEqual(a["nni"]["area_km2"], 157484.7, delta=0.1)
        self.assertAlmostEqual(a["nni"]["nn_index"], a["nni"]["observed_md_m"] / a["nni"]["expected_md_m"], places=12)
        self.assertEqual(a["nni"]["pattern"], "clustered")  # the sample's carriers crowd into the cities
        d = a["dbscan"]
        self.assertEqual(d["clustered"] + d["noise"], placed)
        described = sum(c["size"] for c in d["largest"])
        if d["clusters"] <= 10:  # every cluster described: their sizes add up to the clustered facilities
            self.assertEqual(described, d["clustered"])
        else:  # the ten largest only: the rest are in smaller clusters
            self.assertEqual(len(d["largest"]), 10)
            self.assertLess(described, d["clustered"])
        self.assertTrue(all(c["city"].endswith("市") for c in d["largest"]), d["largest"])
        sizes = [c["size"] for c in d["largest"]]
        self.assertEqual(sizes, sorted(sizes, reverse=True))
        # the report's own coverage shares come from the same geometry
        by_kind = {c["kind"]: c for c in a["coverage"]["by_kind"]}
        self.assertAlmostEqual(by_kind["park"]["area_share"], self.metrics["coverage"]["area_share_within_radius"]["park"], places=9)
        self.assertAlmostEqual(by_kind["base"]["area_share"], self.metrics["coverage"]["area_share_within_radius"]["base"], places=9)
        self.assertEqual(by_kind["base"]["carriers"], self.metrics["targets"][0]["count"])
        k = a["kde"]
        self.assertEqual((k["radius_m"], k["pixel_m"]), (10000, 500))
        from osgeo import gdal
        ds = gdal.Open(os.path.join(self.out, "kde.tif"))
        self.assertEqual((ds.RasterYSize, ds.RasterXSize), (k["rows"], k["columns"]))
        band = ds.GetRasterBand(1)
        self.assertEqual(band.GetNoDataValue(), -9999)
        self.assertAlmostEqual(band.ComputeRasterMinMax(False)[1], k["max_value"], places=3)
        self.assertTrue(k["peak"]["county"])

    def test_targets_add_up(self):
        m = self.metrics
        for t in m["targets"]:
            by_county = sum(c["counts"][t["kind"]] for c in m["counties"])
            by_city = sum(c["counts"][t["kind"]] for c in m["cities"])
            by_sector = sum(s["counts"][t["kind"]] for s in m["sectors"])
            self.assertEqual(t["count"], by_county)
            self.assertEqual(t["count"], by_city)
            self.assertEqual(t["count"], by_sector)
            self.assertEqual(t["gap"], max(0, t["target"] - t["count"]))
            self.assertAlmostEqual(t["ratio"], t["count"] / t["target"])
            years = sorted(t["by_year"])
            self.assertEqual(years[0], "2011")
            self.assertEqual(years[-1], "2015")
            self.assertEqual(t["by_year"]["2015"], t["count"])
            values = [t["by_year"][y] for y in years]
            self.assertEqual(values, sorted(values))  # cumulative
            for year in years:  # the cities' and sectors' series add up to the province's
                self.assertEqual(sum(c["by_year"][t["kind"]][year] for c in m["cities"]), t["by_year"][year])
                self.assertEqual(sum(s["by_year"][t["kind"]][year] for s in m["sectors"]), t["by_year"][year])

    def test_population_and_density(self):
        cities = {c["code"]: c for c in self.metrics["cities"]}
        jinan, qingdao = cities["370100"], cities["370200"]
        # No separate 2015 figure for Jinan (Laiwu merged later): per-capita is null, never a division by zero.
        self.assertIsNone(jinan["population"])
        self.assertTrue(all(v is None for v in jinan["per_million_people"].values()))
        self.assertEqual(qingdao["population"], 10071722)
        parks = qingdao["counts"]["park"]
        self.assertAlmostEqual(qingdao["per_10k_km2"]["park"], parks / qingdao["area_km2"] * 10000)
        self.assertAlmostEqual(qingdao["per_million_people"]["park"], parks / 10071722 * 1e6)
        total = sum(c["area_km2"] for c in self.metrics["counties"])
        self.assertAlmostEqual(total, self.metrics["coverage"]["province_area_km2"], delta=1.0)
        self.assertTrue(150000 < total < 165000)

    def test_city_page_figures(self):
        """by_sector, coverage_share, rank and share_of_province agree with the other figures of the file."""
        m = self.metrics
        codes = [sec["sector"] for sec in m["sectors"]]
        province = next(g for g in m["groups"] if g["group"] == "province")["counts"]
        shares = m["coverage"]["area_share_within_radius"]
        for level in ["cities", "counties"]:
            for unit in m[level]:
                sectors = list(unit["by_sector"])
                self.assertEqual(sectors, codes[:len(sectors)], unit["code"])  # the targets' order, "unknown" last
                self.assertTrue(len(sectors) == len(codes) or "unknown" not in sectors)
                if "unknown" in sectors:
                    self.assertTrue(any(unit["by_sector"]["unknown"].values()), unit["code"])
                for kind in KINDS:
                    self.assertEqual(sum(c[kind] for c in unit["by_sector"].values()), unit["counts"][kind], unit["code"])
                self.assertEqual(list(unit["coverage_share"]), list(shares))
                for kind, share in unit["coverage_share"].items():
                    self.assertTrue(0 <= share <= 1)
                    if unit["counts"][kind] > 0:
                        self.assertGreater(share, 0, (unit["code"], kind))
                self.assertEqual("rank" in unit, level == "cities")
                self.assertEqual("share_of_province" in unit, level == "cities")
            for kind, share in shares.items():
                area = sum(u["area_km2"] for u in m[level])
                weighted = sum(u["coverage_share"][kind] * u["area_km2"] for u in m[level]) / area
                self.assertAlmostEqual(weighted, share, delta=1e-9)
        for sec in m["sectors"]:
            for kind in KINDS:
                in_cities = sum(c["by_sector"].get(sec["sector"], {}).get(kind, 0) for c in m["cities"])
                self.assertEqual(in_cities, sec["counts"][kind], (sec["sector"], kind))
        for kind in KINDS:
            for city in m["cities"]:
                more = sum(1 for other in m["cities"] if other["counts"][kind] > city["counts"][kind])
                self.assertEqual(city["rank"][kind], 1 + more, (city["code"], kind))
                expected = city["counts"][kind] / province[kind] if province[kind] else 0
                self.assertAlmostEqual(city["share_of_province"][kind], expected, places=12)
        qingdao = next(c for c in m["cities"] if c["code"] == "370200")
        self.assertEqual(qingdao["rank"]["park"], 1)  # the sample's most parks

    def test_sample_flaws_are_reported(self):
        m = self.metrics
        self.assertTrue(m["sample_data"])
        self.assertTrue(any(u["reason"] == "outside the province" for u in m["unassigned"]))
        self.assertTrue(any(p["field"] == "sector" and "unknown sector" in p["problem"] for p in m["problems"]))
        self.assertIn("unknown sector", self.result.stderr)

    def test_csv_tables(self):
        for name, rows in [("cities.csv", 17), ("counties.csv", 137)]:
            with open(os.path.join(self.out, name), "rb") as f:
                raw = f.read()
            self.assertTrue(raw.startswith(b"\xef\xbb\xbf"), name)
            table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
            self.assertEqual(len(table), rows)
            by_code = {u["code"]: u for u in self.metrics[name[:-4]]}
            for row in table:
                unit = by_code[row["code"]]
                self.assertEqual(row["name_zh"], unit["name"])
                for kind in KINDS:
                    self.assertEqual(int(row[kind]), unit["counts"][kind])
                    self.assertEqual(int(row[kind + "_all"]), unit["counts_all"][kind])

    def test_pdf_is_one_page_with_the_notes(self):
        pdf = os.path.join(self.out, "overview.pdf")
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        self.assertRegex(info, r"Pages:\s+1\n")
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
        self.assertIn("Illustrative sample data", text)
        self.assertIn("not an approved map", text)

    def test_pdf_text_is_searchable_chinese(self):
        """The PDF's text layer reads as the page shows it: 山 is 山, not the Kangxi radical ⼭ (maps/export_font.h)."""
        pdf = os.path.join(self.out, "overview.pdf")
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
        radicals = sorted({c for c in text if 0x2E80 <= ord(c) <= 0x2FDF})
        self.assertEqual(radicals, [], "CJK or Kangxi radicals in the text layer")
        self.assertIn("山东省高技术服务业载体与2015年目标进度", text)
        self.assertIn("progress toward the 2015 targets", " ".join(text.split()))
        for city in self.metrics["cities"]:
            self.assertIn(city["name"], text)
        for row in self.metrics["targets"]:
            self.assertIn(str(row["count"]), text)
        self.assertEqual(self.metrics["exports"]["font"], "WenQuanYi Micro Hei")
        fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
        wqy = [line for line in fonts.splitlines() if "WenQuanYi" in line]
        self.assertTrue(wqy, fonts)
        self.assertTrue(all(" yes " in line for line in wqy), fonts)  # embedded

    def test_png_has_a_map(self):
        from PyQt5.QtGui import QImage
        image = QImage(os.path.join(self.out, "overview.png"))
        self.assertFalse(image.isNull())
        self.assertGreater(image.width(), 1500)  # A4 landscape at 150 dpi: 1754 px
        # The map frame's inside is not blank: many distinct colours (areas, symbols, labels).
        colours = set()
        for y in range(image.height() // 5, image.height() * 4 // 5, 7):
            for x in range(image.width() // 20, image.width() * 3 // 5, 7):
                colours.add(image.pixel(x, y))
        self.assertGreater(len(colours), 20)


class CurrentVintage(unittest.TestCase):
    def test_sixteen_cities(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "r")
            result = run("--vintage", "current", "--no-map", "--out", out)
            self.assertEqual(result.returncode, 0, result.stderr)
            with open(os.path.join(out, "metrics.json"), encoding="utf-8") as f:
                m = json.load(f)
            self.assertEqual(len(m["cities"]), 16)
            jinan = [c for c in m["cities"] if c["code"] == "370100"][0]
            self.assertEqual(jinan["population"], 9202432)
            self.assertFalse(any(c["code"] == "371200" for c in m["cities"]))


class BadInput(unittest.TestCase):
    """Exit 2, a message naming what is wrong, and nothing written."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="htsplan-bad-")
        self.out = os.path.join(self.tmp, "out")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def assertFailsCleanly(self, result, *needles):
        self.assertEqual(result.returncode, 2, result.stderr)
        for needle in needles:
            self.assertIn(needle, result.stderr)
        self.assertFalse(os.path.exists(self.out), "output folder created on failure")
        self.assertEqual(os.listdir(self.tmp), [p for p in os.listdir(self.tmp) if not p.startswith(".")])

    def test_missing_file(self):
        missing = os.path.join(self.tmp, "nope.gpkg")
        self.assertFailsCleanly(run("--facilities", missing, "--out", self.out), missing, "no such file")

    def test_malformed_targets(self):
        bad = os.path.join(self.tmp, "targets.json")
        with open(bad, "w") as f:
            f.write('{\n  "plan": {"start_year": 2011},\n  "targets": [\n    {"kind": "base" "target": 20}\n  ]\n}\n')
        self.assertFailsCleanly(run("--targets", bad, "--out", self.out), bad, "line 4")

    def test_no_known_layers(self):
        other = os.path.join(self.tmp, "other.gpkg")
        subprocess.run(["ogr2ogr", "-f", "GPKG", other, os.path.join(DATA, "shandong.gpkg"), "province"], check=True)
        self.assertFailsCleanly(run("--facilities", other, "--out", self.out), other, "none of the layers")

    def test_no_crs_and_not_lonlat(self):
        metres = os.path.join(self.tmp, "metres.gpkg")
        subprocess.run(["ogr2ogr", "-f", "GPKG", "-t_srs", "EPSG:4548", metres,
                        os.path.join(DATA, "sample", "facilities.gpkg"), "parks"], check=True)
        subprocess.run(["ogr2ogr", "-f", "GPKG", "-a_srs", "None", metres + ".nocrs.gpkg", metres], check=True)
        self.assertFailsCleanly(run("--facilities", metres + ".nocrs.gpkg", "--out", self.out), "layer 'parks'", "no CRS")

    def test_existing_folder_is_left_alone(self):
        os.makedirs(self.out)
        with open(os.path.join(self.out, "metrics.json"), "w") as f:
            f.write("previous")
        result = run("--facilities", os.path.join(self.tmp, "nope.gpkg"), "--out", self.out)
        self.assertEqual(result.returncode, 2)
        with open(os.path.join(self.out, "metrics.json")) as f:
            self.assertEqual(f.read(), "previous")
        self.assertEqual(os.listdir(self.out), ["metrics.json"])


if __name__ == "__main__":
    unittest.main()
