"""Strict reading of awkward facility GeoPackages and targets files, end to end.

Each case builds a small input in a temporary folder (python3-gdal), runs
`htsplan report --facilities X --out Y` as a planner would, and checks the exit
code, the message on stderr (layer, feature, field and count), the counts in
metrics.json, and that the source file was not changed.

Run by ctest (cli_strict) with HTSPLAN_CLI pointing at the built program.
"""
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

from osgeo import gdal, ogr, osr

ogr.UseExceptions()

CLI = os.environ.get("HTSPLAN_CLI", "build/cli/htsplan")
SRC = os.environ.get("HTSPLAN_SOURCE_DIR", os.path.abspath("../.."))
DATA = os.path.join(SRC, "data")
SAMPLE = os.path.join(DATA, "sample", "facilities.gpkg")
TARGETS = os.path.join(DATA, "targets", "shandong-2013.json")
SAMPLE_PARKS_COUNTED = 106  # of the sample's 110 parks, 106 count toward the 2015 target


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def write_layer(path, layer, epsg, fields, features, geom_type=ogr.wkbPoint):
    """features: (wkt or None, {field: value}); fields: [(name, ogr type)]."""
    exists = os.path.exists(path)
    ds = ogr.Open(path, 1) if exists else ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = None
    if epsg:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    lyr = ds.CreateLayer(layer, srs, geom_type)
    for name, kind in fields:
        lyr.CreateField(ogr.FieldDefn(name, kind))
    for wkt, values in features:
        f = ogr.Feature(lyr.GetLayerDefn())
        if wkt:
            f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        for k, v in values.items():
            if v is None:
                f.SetFieldNull(k)
            else:
                f.SetField(k, v)
        lyr.CreateFeature(f)
    ds = None


FIELDS = [("id", ogr.OFTString), ("name", ogr.OFTString), ("sector", ogr.OFTString),
          ("status", ogr.OFTString), ("year", ogr.OFTInteger)]

# Points in Jinan's Lixia district area and in Qingdao (both well inside their counties).
JINAN = (117.07, 36.67)
QINGDAO = (120.38, 36.07)


def at(lon, lat):
    return "POINT(%r %r)" % (lon, lat)


class StrictCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="htsplan-strict-")
        self.out = os.path.join(self.tmp, "out")
        self.hashes = {}

    def tearDown(self):
        for path, digest in self.hashes.items():
            self.assertEqual(sha256(path), digest, "source file changed: " + path)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def report(self, facilities, *extra):
        """Runs the report (no map, no analyses: the counts are what is checked)."""
        if os.path.isfile(facilities):
            self.hashes[facilities] = sha256(facilities)
        for i, arg in enumerate(extra):
            if i > 0 and extra[i - 1] == "--targets":
                self.hashes[arg] = sha256(arg)
        result = subprocess.run([CLI, "report", "--facilities", facilities, "--no-map", "--no-analyses", *extra,
                                 "--out", self.out], capture_output=True, text=True, timeout=300)
        metrics = None
        if result.returncode == 0:
            with open(os.path.join(self.out, "metrics.json"), encoding="utf-8") as f:
                metrics = json.load(f)
        return result, metrics

    def assertRefused(self, result, *needles):
        self.assertEqual(result.returncode, 2, result.stderr)
        for needle in needles:
            self.assertIn(needle, result.stderr)
        self.assertFalse(os.path.exists(self.out), "output folder created on failure")

    @staticmethod
    def count(metrics, kind):
        return [t for t in metrics["targets"] if t["kind"] == kind][0]["count"]

    @staticmethod
    def placed(metrics, kind):
        return sum(c["counts_all"][kind] for c in metrics["counties"])


class Repeats(StrictCase):
    def test_every_park_listed_twice_counts_once(self):
        doubled = self.path("doubled parks.gpkg")  # a space in the path too
        subprocess.run(["ogr2ogr", "-f", "GPKG", doubled, SAMPLE, "parks"], check=True)
        subprocess.run(["ogr2ogr", "-append", "-update", doubled, SAMPLE, "parks"], check=True)
        result, m = self.report(doubled)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.count(m, "park"), SAMPLE_PARKS_COUNTED)
        repeats = [u for u in m["unassigned"] if u["reason"].startswith("repeat of fid ")]
        self.assertEqual(len(repeats), 110)
        self.assertEqual(self.placed(m, "park") + len(m["unassigned"]), 220)
        # One line for all of them, naming the count and both fids of the first example.
        self.assertRegex(result.stderr, r"warning: parks: 110 features: listed twice .*counted once "
                                        r"\(e\.g\. '[^']+ \(fid 111\)': repeats [^']+ \(fid 1\), same id '[^']+'")
        self.assertLess(result.stderr.count("\n"), 30)

    def test_same_name_same_place_without_id_counts_once(self):
        src = self.path("f.gpkg")
        p = {"name": "齐鲁软件园", "sector": "it_services", "status": "designated", "year": 2012}
        write_layer(src, "parks", 4490, FIELDS, [(at(*JINAN), p), (at(*JINAN), p),
                                                 (at(*QINGDAO), p)])  # same name in Qingdao: both counted
        result, m = self.report(src)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.count(m, "park"), 2)
        self.assertIn("parks: feature '齐鲁软件园 (fid 2)': repeats 齐鲁软件园 (fid 1) (same name at the same place, no id); counted once",
                      result.stderr)
        self.assertRegex(result.stderr, r"parks: feature '齐鲁软件园 \(fid 3\)': same name as 齐鲁软件园 \(fid 1\), 3\d\d(\.\d)? km away; both counted")


class Fields(StrictCase):
    def test_field_names_in_other_cases_are_read(self):
        upper = self.path("upper.gpkg")
        subprocess.run(["ogr2ogr", "-f", "GPKG", upper, SAMPLE, "-nln", "parks", "-sql",
                        "SELECT id AS ID, name AS NAME, sector AS Sector, status AS STATUS, year AS Year, geom FROM parks"],
                       check=True)
        result, m = self.report(upper)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.count(m, "park"), SAMPLE_PARKS_COUNTED)  # not 110: status and year are read
        self.assertNotIn("missing field", result.stderr)
        self.assertFalse(any(u["name"].startswith("fid ") for u in m["unassigned"]))
        unknown = [s for s in m["sectors"] if s["sector"] == "unknown"][0]
        self.assertLess(unknown["counts_all"]["park"], 5)

    def test_years_statuses_and_revenues_in_odd_forms(self):
        src = self.path("odd.gpkg")
        text_fields = [("name", ogr.OFTString), ("sector", ogr.OFTString), ("status", ogr.OFTString), ("year", ogr.OFTString)]
        base = {"sector": "testing"}
        write_layer(src, "parks", 4490, text_fields, [
            (at(*JINAN), dict(base, name="甲", status=" 已认定 ", year="2014年")),
            (at(117.08, 36.67), dict(base, name="乙", status="DESIGNATED", year="2016年")),   # after 2015
            (at(117.09, 36.67), dict(base, name="丙", status="designated", year="近年")),     # unreadable: never counts
            (at(117.10, 36.67), dict(base, name="丁", status=None, year="2012")),            # NULL status
            (at(117.11, 36.67), dict(base, name="戊", status="designated", year="1850"))])   # implausible
        write_layer(src, "bases", 4490, [("name", ogr.OFTString), ("status", ogr.OFTString), ("year", ogr.OFTDate)], [
            (at(*JINAN), {"name": "日期基地", "status": "designated", "year": "2013-06-30"}),
            (at(*QINGDAO), {"name": "未来基地", "status": "designated", "year": "2016-01-01"})])
        write_layer(src, "enterprises", 4490, FIELDS + [("revenue_cny", ogr.OFTReal)], [
            (at(*JINAN), {"name": "甲公司", "sector": "testing", "status": "designated", "year": 2012, "revenue_cny": 2e8}),
            (at(*JINAN), {"name": "乙公司", "sector": "testing", "status": "designated", "year": 2012, "revenue_cny": None}),
            (at(*QINGDAO), {"name": "丙公司", "sector": "testing", "status": "designated", "year": 2012, "revenue_cny": None})])
        result, m = self.report(src)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.count(m, "park"), 1)
        self.assertEqual(self.placed(m, "park"), 5)
        self.assertEqual(self.count(m, "base"), 1)
        self.assertEqual([t for t in m["targets"] if t["kind"] == "base"][0]["by_year"]["2012"], 0)
        self.assertEqual(self.count(m, "enterprise"), 1)
        err = result.stderr
        self.assertIn("warning: parks, field 'year': 2 features: a year that cannot be read; not counted toward the target", err)
        self.assertIn("'丙 (fid 3)': '近年'", err)
        self.assertIn("warning: parks: feature '丁 (fid 4)', field 'status': no status (NULL); not counted toward the target", err)
        self.assertIn("warning: enterprises, field 'revenue_cny': 2 features: no revenue (NULL); cannot count as a backbone enterprise", err)

    def test_revenue_in_wan_yuan_is_pointed_out(self):
        src = self.path("wan.gpkg")
        rows = [(at(JINAN[0] + i * 0.01, JINAN[1]), {"name": "公司%d" % i, "sector": "testing", "status": "designated",
                                                       "year": 2012, "revenue_cny": v})
                for i, v in enumerate([35000.0, 12000.0, 800.0])]
        write_layer(src, "enterprises", 4490, FIELDS + [("revenue_cny", ogr.OFTReal)], rows)
        result, m = self.report(src)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.count(m, "enterprise"), 0)
        self.assertIn("enterprises, field 'revenue_cny': all 3 revenues are below 1000000 yuan (largest 35000): they look like 万元", result.stderr)
        self.assertIn("read as 万元 2 would be", result.stderr)


class Encoding(StrictCase):
    def test_gbk_name_and_sector_do_not_lose_the_report(self):
        src = self.path("gbk.gpkg")
        p = {"status": "designated", "year": 2012}
        write_layer(src, "parks", 4490, FIELDS, [(at(*JINAN), dict(p, name="x", sector="x")),
                                                 (at(*QINGDAO), dict(p, name="青岛园", sector="marine"))])
        # Raw GBK bytes in the text columns, through GDAL's own SQLite (its R-tree triggers need its functions).
        ds = ogr.Open(src, 1)
        ds.ExecuteSQL("UPDATE parks SET name = CAST(X'%s' AS TEXT), sector = CAST(X'%s' AS TEXT) WHERE fid = 1"
                      % ("软件园".encode("gbk").hex(), "信息技术服务".encode("gbk").hex()))
        ds = None
        con = sqlite3.connect(src)
        self.assertEqual(con.execute("SELECT hex(name) FROM parks WHERE fid = 1").fetchone()[0], "软件园".encode("gbk").hex().upper())
        con.close()
        result, m = self.report(src)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.count(m, "park"), 2)
        it = [s for s in m["sectors"] if s["sector"] == "it_services"][0]
        self.assertEqual(it["counts"]["park"], 1)
        self.assertIn("warning: parks: feature '软件园 (fid 1)', field 'name': text that is not UTF-8, read as GB18030 (GBK): '软件园'",
                      result.stderr)
        self.assertIn("warning: parks: feature '软件园 (fid 1)', field 'sector': text that is not UTF-8, read as GB18030 (GBK): '信息技术服务'",
                      result.stderr)
        self.assertEqual(sorted(p["feature"] for p in m["problems"] if "GB18030" in p["problem"]), ["软件园 (fid 1)"] * 2)
        with open(os.path.join(self.out, "metrics.json"), "rb") as f:
            f.read().decode("utf-8")  # valid UTF-8 throughout

    def test_gbk_shapefile_without_cpg(self):
        gpkg = self.path("src.gpkg")
        p = {"name": "x", "sector": "x", "status": "designated", "year": 2012}
        write_layer(gpkg, "parks", 4490, FIELDS, [(at(*JINAN), p), (at(*QINGDAO), p)])
        ds = ogr.Open(gpkg, 1)
        ds.ExecuteSQL("UPDATE parks SET name = CAST(X'%s' || fid AS TEXT), sector = CAST(X'%s' AS TEXT)"
                      % ("软件园".encode("gbk").hex(), "信息技术服务".encode("gbk").hex()))
        ds = None
        folder = self.path("register")
        os.makedirs(folder)
        # ENCODING="" copies the bytes as they are and writes no code page: an old agency's shapefile.
        subprocess.run(["ogr2ogr", "-f", "ESRI Shapefile", "-lco", "ENCODING=", os.path.join(folder, "parks.shp"), gpkg, "parks"],
                       check=True)
        if os.path.exists(os.path.join(folder, "parks.cpg")):
            os.remove(os.path.join(folder, "parks.cpg"))
        with open(os.path.join(folder, "parks.dbf"), "rb") as f:
            self.assertIn("软件园".encode("gbk"), f.read())
        for name in os.listdir(folder):
            self.hashes[os.path.join(folder, name)] = sha256(os.path.join(folder, name))
        result, m = self.report(os.path.join(folder, "parks.shp"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.count(m, "park"), 2)
        it = [s for s in m["sectors"] if s["sector"] == "it_services"][0]
        self.assertEqual(it["counts"]["park"], 2)
        self.assertIn("warning: parks, field 'name': 2 features: text that is not UTF-8, read as GB18030 (GBK)", result.stderr)
        self.assertIn("warning: parks, field 'sector': 2 features: text that is not UTF-8, read as GB18030 (GBK)", result.stderr)


class Coordinates(StrictCase):
    def test_swapped_latitude_longitude_is_refused_naming_the_cause(self):
        src = self.path("swapped.gpkg")
        subprocess.run(["ogr2ogr", "-f", "GPKG", src, SAMPLE, "parks", "-dialect", "SQLite", "-nln", "parks", "-sql",
                        "SELECT id, name, sector, status, year, MakePoint(ST_Y(geom), ST_X(geom), 4490) AS geom FROM parks"],
                       check=True)
        result, _ = self.report(src)
        self.assertRefused(result, src, "layer 'parks'", "EPSG:4490", "outside ±180/±90",
                           "they look like latitude/longitude swapped")
        self.assertRegex(result.stderr, r"coordinates \(x 3[45]\.\d+ to 3[78]\.\d+, y 11[4-6]\.\d+ to 12[0-3]\.\d+\)")
        self.assertEqual(len([line for line in result.stderr.splitlines() if "parks" in line]), 1)  # one clear line

    def test_web_mercator_labelled_cgcs2000_is_refused(self):
        src = self.path("mercator.gpkg")
        subprocess.run(["ogr2ogr", "-f", "GPKG", "-t_srs", "EPSG:3857", src + ".3857.gpkg", SAMPLE, "parks"], check=True)
        subprocess.run(["ogr2ogr", "-f", "GPKG", "-a_srs", "EPSG:4490", src, src + ".3857.gpkg"], check=True)
        result, _ = self.report(src)
        self.assertRefused(result, "layer 'parks'", "EPSG:4490", "Web Mercator metres (EPSG:3857)")

    def test_gauss_kruger_labelled_wgs84_is_refused(self):
        src = self.path("gk.gpkg")
        subprocess.run(["ogr2ogr", "-f", "GPKG", "-t_srs", "EPSG:4548", src + ".4548.gpkg", SAMPLE, "parks"], check=True)
        subprocess.run(["ogr2ogr", "-f", "GPKG", "-a_srs", "EPSG:4326", src, src + ".4548.gpkg"], check=True)
        result, _ = self.report(src)
        self.assertRefused(result, "layer 'parks'", "EPSG:4326", "Gauss-Kruger")


class Geometries(StrictCase):
    def test_unusable_geometries_and_layers_are_counted_on_stderr(self):
        src = self.path("geoms.gpkg")
        p = {"sector": "testing", "status": "designated", "year": 2012}
        write_layer(src, "parks", 4490, FIELDS, [
            (at(*JINAN), dict(p, name="好园")),
            (None, dict(p, name="无几何园甲")), (None, dict(p, name="无几何园乙")), (None, dict(p, name="无几何园丙")),
            ("POINT EMPTY", dict(p, name="空园")),
            (at(125.5, 30.0), dict(p, name="海上园"))])
        # GDAL cannot write an infinite extent into gpkg_contents: it says so on closing, and the feature stays.
        ogr.DontUseExceptions()
        gdal.PushErrorHandler("CPLQuietErrorHandler")
        ds = ogr.Open(src, 1)
        lyr = ds.GetLayerByName("parks")
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("name", "无穷园")
        g = ogr.Geometry(ogr.wkbPoint)
        g.AddPoint_2D(float("inf"), 36.5)
        f.SetGeometry(g)
        lyr.CreateFeature(f)
        ds = None
        gdal.PopErrorHandler()
        ogr.UseExceptions()
        write_layer(src, "bases", 4490, FIELDS, [])
        result, m = self.report(src)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.count(m, "park"), 1)
        reasons = sorted(u["reason"] for u in m["unassigned"])
        self.assertEqual(reasons, ["NaN or infinite coordinates", "empty geometry", "no geometry", "no geometry", "no geometry",
                                   "outside the province"])
        err = result.stderr
        self.assertIn("warning: parks: 3 features: no geometry; not counted (e.g. '无几何园甲 (fid 2)', '无几何园乙 (fid 3)', '无几何园丙 (fid 4)')", err)
        self.assertIn("warning: parks: feature '空园 (fid 5)': empty geometry; not counted", err)
        self.assertIn("warning: parks: feature '无穷园 (fid 7)': NaN or infinite coordinates; not counted", err)
        self.assertIn("warning: parks: 1 of 2 features lie outside the province (x 125.5 to 125.5, y 30 to 30); not counted", err)
        self.assertIn("warning: bases: layer has no features", err)
        self.assertIn("warning: hightech_zones, buildings, enterprises: layers missing from " + src, err)


class Targets(StrictCase):
    def edited(self, old, new, prefix=b""):
        with open(TARGETS, "rb") as f:
            text = f.read()
        self.assertIn(old.encode(), text)
        path = self.path("targets.json")
        with open(path, "wb") as f:
            f.write(prefix + text.replace(old.encode(), new.encode(), 1))
        return path

    def test_a_huge_target_is_refused_not_wrapped(self):
        path = self.edited('"target": 20,', '"target": 4294967316,')
        result, _ = self.report(SAMPLE, "--targets", path)
        self.assertRefused(result, "targets file " + path, "'targets[0].target' is 4294967316, outside 1..1000000")

    def test_a_fractional_target_is_refused(self):
        path = self.edited('"target": 20,', '"target": 20.7,')
        result, _ = self.report(SAMPLE, "--targets", path)
        self.assertRefused(result, path, "'targets[0].target' is 20.7, not a whole number")

    def test_a_duplicated_kind_names_both(self):
        path = self.edited('"kind": "building"', '"kind": "park"')
        result, _ = self.report(SAMPLE, "--targets", path)
        self.assertRefused(result, path, "'targets[2].kind': 'park' is already the kind of targets[1]")

    def test_bom_and_central_city_names(self):
        baseline, m0 = self.report(SAMPLE)
        self.assertEqual(baseline.returncode, 0, baseline.stderr)
        shutil.rmtree(self.out)
        path = self.edited('["370100", "370200"]', '["济南市", "Qingdao"]', prefix=b"\xef\xbb\xbf")
        result, m = self.report(SAMPLE, "--targets", path)
        self.assertEqual(result.returncode, 0, result.stderr)
        central = [g for g in m["groups"] if g["group"] == "central_cities"][0]
        central0 = [g for g in m0["groups"] if g["group"] == "central_cities"][0]
        self.assertGreater(central["counts_all"]["park"], 0)
        self.assertEqual(central["counts"], central0["counts"])

    def test_an_unknown_central_city_lists_the_codes(self):
        path = self.edited('["370100", "370200"]', '["370100", "Atlantis"]')
        result, _ = self.report(SAMPLE, "--targets", path)
        self.assertRefused(result, path, "central_cities[1]: 'Atlantis' is neither a city code nor a city name",
                           "370200 青岛市")


if __name__ == "__main__":
    unittest.main()
