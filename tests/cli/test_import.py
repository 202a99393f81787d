"""End-to-end tests of `htsplan import`, as a planner would run it.

The main case is the issue's "done when": a city bureau's GBK CSV with Chinese
headers and Amap (GCJ-02) coordinates, declared GCJ-02, gives a contract
GeoPackage whose counts per county equal those of the true coordinates.

The GCJ-02 and BD-09 offsets are computed here with an independent Python
implementation of the published formulas (the C++ one is in
layers/import/china_coords.cpp), so the test checks the program against a
second reading of the formulas, not against itself.

Run by ctest (cli_import) with HTSPLAN_CLI pointing at the built program.
"""
import csv
import hashlib
import io
import math
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from osgeo import ogr

CLI = os.environ.get("HTSPLAN_CLI", "build/cli/htsplan")
SRC = os.environ.get("HTSPLAN_SOURCE_DIR", os.path.abspath("../.."))
SAMPLE = os.path.join(SRC, "data", "sample", "facilities.gpkg")
POINT_KINDS = [("bases", "base", "基地"), ("parks", "park", "园区"),
               ("buildings", "building", "楼宇"), ("enterprises", "enterprise", "企业")]

# Krasovsky 1940, as the published GCJ-02 formulas use it.
A = 6378245.0
EE = 0.00669342162296594323


def _lat_series(x, y):
    r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    r += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return r


def _lon_series(x, y):
    r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    r += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return r


def wgs84_to_gcj02(lon, lat):
    dlat = _lat_series(lon - 105.0, lat - 35.0)
    dlon = _lon_series(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = 1 - EE * math.sin(radlat) ** 2
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((A * (1 - EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (A / sqrtmagic * math.cos(radlat) * math.pi)
    return lon + dlon, lat + dlat


def gcj02_to_bd09(lon, lat):
    x_pi = math.pi * 3000.0 / 180.0
    z = math.sqrt(lon * lon + lat * lat) + 0.00002 * math.sin(lat * x_pi)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * x_pi)
    return z * math.cos(theta) + 0.0065, z * math.sin(theta) + 0.006


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=300)


def sample_rows():
    """Every point facility of the bundled sample, as (kind label, fields, lon, lat)."""
    ds = ogr.Open(SAMPLE)
    rows = []
    for layer_name, _, label in POINT_KINDS:
        for f in ds.GetLayerByName(layer_name):
            g = f.GetGeometryRef()
            rows.append((label, f, g.GetX(), g.GetY()))
    return rows


def county_counts(out_dir):
    """counties.csv of a report: {county code: {kind: count}} for the point kinds."""
    with open(os.path.join(out_dir, "counties.csv"), encoding="utf-8-sig") as f:
        table = list(csv.DictReader(f))
    kinds = [k for _, k, _ in POINT_KINDS]
    counts = {}
    for row in table:
        counts[row["code"]] = {k: (row[k], row[k + "_all"]) for k in kinds}
    return counts


class AmapListInGbk(unittest.TestCase):
    """The issue's main case, plus the awkward rows a real list has."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="htsplan 导入 ")
        rows = sample_rows()
        cls.expected = len(rows)
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(["编号", "名称", "类型", "领域", "状态", "认定年份", "营业收入（万元）", "经度", "纬度"])
        for i, (label, f, lon, lat) in enumerate(rows):
            glon, glat = wgs84_to_gcj02(lon, lat)
            slon, slat = "%.7f" % glon, "%.7f" % glat
            if i % 7 == 3:  # full-width digits, as typed with a Chinese input method
                slon = slon.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789."})
            year = f.GetField("year")
            revenue = f.GetField("revenue_cny") if f.GetFieldIndex("revenue_cny") >= 0 else None
            w.writerow([f.GetField("id"), f.GetField("name"), label, f.GetField("sector"), f.GetField("status"),
                        "" if year is None else ("%d年" % year if i % 5 == 0 else str(year)),
                        "" if revenue is None else "%g" % (revenue / 1e4), slon, slat])
        cls.data_rows = len(rows)
        # Rows a planner gets wrong: no longitude, a repeat of the first row.
        w.writerow(["X1", "无坐标园区", "园区", "研发设计", "已认定", "2014", "", "", "36.5"])
        cls.missing_row = cls.data_rows + 2
        first = rows[0]
        glon, glat = wgs84_to_gcj02(first[2], first[3])
        w.writerow([first[1].GetField("id"), first[1].GetField("name"), first[0], first[1].GetField("sector"),
                    "designated", "2012", "", "%.7f" % glon, "%.7f" % glat])
        cls.repeat_row = cls.data_rows + 3
        cls.csv = os.path.join(cls.tmp, "济南市 名录.csv")
        with open(cls.csv, "wb") as f:
            f.write(out.getvalue().encode("gbk"))
        cls.csv_sum = sha256(cls.csv)

        cls.gpkg = os.path.join(cls.tmp, "imported.gpkg")
        cls.result = run("import", cls.csv, "--crs", "gcj02", "--out", cls.gpkg)
        cls.rows_csv = os.path.join(cls.tmp, "imported_rows.csv")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_exit_and_report_lines(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        err = self.result.stderr
        self.assertIn("GB18030", err)
        self.assertIn("name <- '名称'", err)
        self.assertIn("revenue <- '营业收入（万元）'", err)
        self.assertIn("GCJ-02", err)
        self.assertIn("rejected: 2 rows", err)

    def test_counts_per_kind(self):
        ds = ogr.Open(self.gpkg)
        sample = ogr.Open(SAMPLE)
        for layer_name, _, _ in POINT_KINDS:
            self.assertEqual(ds.GetLayerByName(layer_name).GetFeatureCount(),
                             sample.GetLayerByName(layer_name).GetFeatureCount(), layer_name)

    def test_positions_are_the_true_ones(self):
        ds = ogr.Open(self.gpkg)
        sample = ogr.Open(SAMPLE)
        worst = 0.0
        for layer_name, _, _ in POINT_KINDS:
            truth = {f.GetField("id"): f.GetGeometryRef().Clone() for f in sample.GetLayerByName(layer_name)}
            for f in ds.GetLayerByName(layer_name):
                g, t = f.GetGeometryRef(), truth[f.GetField("id")]
                worst = max(worst, abs(g.GetX() - t.GetX()), abs(g.GetY() - t.GetY()))
                self.assertGreater(f.GetField("shift_m"), 400)
                self.assertLess(f.GetField("shift_m"), 650)
                self.assertEqual(f.GetField("src_crs"), "gcj02")
        # 1e-6° is about 0.1 m; the inverse converges far below that.
        self.assertLess(worst, 1e-6)

    def test_fields_read_as_written(self):
        ds = ogr.Open(self.gpkg)
        sample = ogr.Open(SAMPLE)
        truth = {f.GetField("id"): f for f in sample.GetLayerByName("enterprises")}
        for f in ds.GetLayerByName("enterprises"):
            t = truth[f.GetField("id")]
            self.assertEqual(f.GetField("name"), t.GetField("name"))
            self.assertEqual(f.GetField("year"), t.GetField("year"))
            self.assertAlmostEqual(f.GetField("revenue_cny"), t.GetField("revenue_cny"), delta=0.5)
            self.assertGreaterEqual(f.GetField("src_row"), 2)

    def test_rejected_rows_listed_with_row_numbers(self):
        with open(self.rows_csv, encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        rejected = [r for r in rows[1:] if r[1].startswith("拒绝")]
        self.assertEqual(len(rejected), 2)
        reasons = {int(r[0]): r[4] for r in rejected}
        self.assertIn("第%d行" % self.missing_row, reasons[self.missing_row])
        self.assertIn("经度为空", reasons[self.missing_row])
        self.assertIn("重复", reasons[self.repeat_row])

    def test_source_unchanged(self):
        self.assertEqual(sha256(self.csv), self.csv_sum)

    def test_county_counts_equal_the_true_ones(self):
        truth = os.path.join(self.tmp, "truth")
        imported = os.path.join(self.tmp, "imported")
        r = run("report", "--facilities", SAMPLE, "--no-map", "--no-analyses", "--out", truth)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = run("report", "--facilities", self.gpkg, "--no-map", "--no-analyses", "--out", imported)
        self.assertEqual(r.returncode, 0, r.stderr)
        a, b = county_counts(truth), county_counts(imported)
        self.assertEqual(len(a), len(b))
        self.assertTrue(any(v for c in a.values() for v in c.values()))
        self.assertEqual(a, b)

    def test_undeclared_list_changes_counties_and_says_so(self):
        """The same list read as if it were WGS84: the shift test names the counties it would change."""
        out = os.path.join(self.tmp, "undeclared.gpkg")
        r = run("import", self.csv, "--out", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("no coordinate system declared", r.stderr)
        self.assertIn("if this list were really GCJ-02", r.stderr)
        truth = os.path.join(self.tmp, "truth2")
        wrong = os.path.join(self.tmp, "wrong")
        run("report", "--facilities", SAMPLE, "--no-map", "--no-analyses", "--out", truth)
        r = run("report", "--facilities", out, "--no-map", "--no-analyses", "--out", wrong)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotEqual(county_counts(truth), county_counts(wrong))


class BaiduAndForms(unittest.TestCase):
    """BD-09, DMS and prefixed coordinates, a kind given on the command line, an xlsx sheet."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="htsplan-import-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def write_csv(self, name, header, rows, encoding="utf-8-sig"):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding=encoding, newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)
        return path

    def test_bd09_dms_and_prefixes(self):
        lon, lat = 117.0, 36.65  # Jinan
        blon, blat = gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))

        def dms(v):
            d = int(v)
            m = int((v - d) * 60)
            s = ((v - d) * 60 - m) * 60
            return "%d°%02d′%09.6f″" % (d, m, s)

        path = self.write_csv("baidu.csv", ["园区名称", "东经", "北纬"], [
            ["甲园", "%.8f" % blon, "%.8f" % blat],
            ["乙园", dms(blon), dms(blat)],
            ["丙园", "E%.8f" % blon, "N%.8f" % blat],
            ["丁园", "东经%.8f" % blon, "北纬%.8f" % blat],
        ])
        out = os.path.join(self.tmp, "baidu.gpkg")
        r = run("import", path, "--crs", "bd09", "--kind", "park", "--out", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        ds = ogr.Open(out)
        layer = ds.GetLayerByName("parks")
        self.assertEqual(layer.GetFeatureCount(), 4)
        for f in layer:
            g = f.GetGeometryRef()
            self.assertAlmostEqual(g.GetX(), lon, delta=2e-6)
            self.assertAlmostEqual(g.GetY(), lat, delta=2e-6)
            self.assertGreater(f.GetField("shift_m"), 1000)
            self.assertLess(f.GetField("shift_m"), 1600)

    def test_xlsx_sheet_with_all_text_cells(self):
        path = os.path.join(self.tmp, "名录.xlsx")
        ds = ogr.GetDriverByName("XLSX").CreateDataSource(path)
        ds.CreateLayer("说明", geom_type=ogr.wkbNone).CreateField(ogr.FieldDefn("x", ogr.OFTString))
        layer = ds.CreateLayer("楼宇", geom_type=ogr.wkbNone)
        for name in ["楼宇名称", "经度", "纬度"]:
            layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
        for name, lon, lat in [("甲楼", "117.1", "36.6"), ("乙楼", "120.38", "36.07")]:
            f = ogr.Feature(layer.GetLayerDefn())
            f.SetField(0, name)
            f.SetField(1, lon)
            f.SetField(2, lat)
            layer.CreateFeature(f)
        ds = None
        out = os.path.join(self.tmp, "xlsx.gpkg")
        r = run("import", path, "--sheet", "楼宇", "--crs", "cgcs2000", "--kind", "building", "--out", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        ds = ogr.Open(out)
        layer = ds.GetLayerByName("buildings")
        names = sorted((f.GetField("name"), f.GetField("src_row")) for f in layer)
        self.assertEqual(names, [("乙楼", 3), ("甲楼", 2)])

    def test_filled_template_needs_no_mapping(self):
        """The template in data/, filled in by a bureau, imports with every column recognised."""
        sys.path.insert(0, os.path.join(SRC, "scripts"))
        import make_register_template
        path = os.path.join(self.tmp, "filled.xlsx")
        make_register_template.write(path, [
            ["P1", "济南齐鲁软件园", "园区", "信息技术服务", "已认定", "2014年", "", "117.1234", "36.6512", "B01"],
            ["E1", "青岛海洋科技有限公司", "企业", "marine", "designated", "2013", "12000", "E120.38", "N36.07", "P1"],
        ])
        out = os.path.join(self.tmp, "filled.gpkg")
        r = run("import", path, "--crs", "cgcs2000", "--out", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("columns: name <- '名称', sector <- '领域', status <- '状态', year <- '认定年份', "
                      "revenue <- '营业收入（万元）', lon <- '经度', lat <- '纬度', kind <- '类型', id <- '编号', parent <- '上级'", r.stderr)
        ds = ogr.Open(out)
        park = ds.GetLayerByName("parks").GetNextFeature()
        self.assertEqual((park.GetField("sector"), park.GetField("status"), park.GetField("year")), ("it_services", "designated", 2014))
        enterprise = ds.GetLayerByName("enterprises").GetNextFeature()
        self.assertEqual(enterprise.GetField("revenue_cny"), 1.2e8)
        self.assertEqual(enterprise.GetField("src_row"), 3)

    def test_awkward_rows(self):
        """Quotes, SQL, a 10,000-character name, NaN and infinite coordinates: each row's fate is said, nothing crashes."""
        long_name = "园" * 10000
        path = self.write_csv("awkward.csv", ["名称", "经度", "纬度", "认定年份"], [
            ['他说"好"的园区', "117.1", "36.6", "2014"],             # 2: kept as written
            ["x'); DROP TABLE parks; --", "117.2", "36.6", "2014"],  # 3: kept as written
            [long_name, "117.3", "36.6", "2014"],                    # 4: kept whole
            ["NaN园", "nan", "36.6", "2014"],                         # 5: rejected
            ["无穷园", "inf", "36.6", "2014"],                        # 6: rejected
            ["大数园", "1e400", "36.6", "2014"],                      # 7: rejected
            ["古园", "117.4", "36.6", "1900"],                        # 8: kept, year left empty
            ["未来园", "117.5", "36.6", "2100年"],                    # 9: kept with its year
        ])
        out = os.path.join(self.tmp, "awkward.gpkg")
        rows_csv = os.path.join(self.tmp, "awkward_rows.csv")
        r = run("import", path, "--crs", "wgs84", "--kind", "park", "--out", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("imported: 5 parks; rejected: 3 rows", r.stderr)
        ds = ogr.Open(out)
        names = {f.GetField("src_row"): (f.GetField("name"), f.GetField("year")) for f in ds.GetLayerByName("parks")}
        self.assertEqual(names[2][0], '他说"好"的园区')
        self.assertEqual(names[3][0], "x'); DROP TABLE parks; --")
        self.assertEqual(names[4][0], long_name)
        self.assertEqual(names[8], ("古园", None))
        self.assertEqual(names[9], ("未来园", 2100))
        with open(rows_csv, encoding="utf-8-sig") as f:
            fates = {(int(r[0]), r[1].split()[0]) for r in list(csv.reader(f))[1:]}
        self.assertEqual({row for row, fate in fates if fate == "拒绝"}, {5, 6, 7})
        self.assertIn((8, "保留"), fates)

    def test_swapped_columns_refused(self):
        path = self.write_csv("swapped.csv", ["名称", "经度", "纬度"], [["甲", "36.6", "117.1"], ["乙", "36.0", "120.3"]])
        out = os.path.join(self.tmp, "swapped.gpkg")
        r = run("import", path, "--kind", "park", "--out", out)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("swapped", r.stderr)
        self.assertFalse(os.path.exists(out))

    def test_projected_metres_refused(self):
        path = self.write_csv("gk.csv", ["名称", "X坐标", "Y坐标"], [["甲", "39500000", "4060000"], ["乙", "39510000", "4070000"]])
        out = os.path.join(self.tmp, "gk.gpkg")
        r = run("import", path, "--kind", "park", "--out", out)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("projected metres", r.stderr)
        self.assertFalse(os.path.exists(out))

    def test_missing_kind_and_unknown_mapping(self):
        path = self.write_csv("nokind.csv", ["名称", "经度", "纬度"], [["甲", "117.1", "36.6"]])
        out = os.path.join(self.tmp, "nokind.gpkg")
        r = run("import", path, "--out", out)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("--kind", r.stderr)
        r = run("import", path, "--kind", "park", "--map", "name=单位全称", "--out", out)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("单位全称", r.stderr)
        self.assertFalse(os.path.exists(out))

    def test_hint_in_header_warns(self):
        path = self.write_csv("hint.csv", ["名称", "高德经度", "高德纬度"], [["甲", "117.1", "36.6"]])
        out = os.path.join(self.tmp, "hint.gpkg")
        r = run("import", path, "--kind", "park", "--map", "lon=高德经度", "--map", "lat=高德纬度", "--out", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("高德", r.stderr)
        self.assertIn("--crs gcj02", r.stderr)

    def test_gbk_shapefile_without_cpg(self):
        path = os.path.join(self.tmp, "gbk.shp")
        ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(path)
        from osgeo import osr
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(4490)
        layer = ds.CreateLayer("gbk", srs, ogr.wkbPoint, options=["ENCODING=CP936"])
        layer.CreateField(ogr.FieldDefn("MC", ogr.OFTString))
        f = ogr.Feature(layer.GetLayerDefn())
        f.SetField(0, "济南软件园")
        f.SetGeometry(ogr.CreateGeometryFromWkt("POINT (117.1 36.6)"))
        layer.CreateFeature(f)
        ds = None
        for sibling in ("gbk.cpg", "gbk.CPG"):
            if os.path.exists(os.path.join(self.tmp, sibling)):
                os.remove(os.path.join(self.tmp, sibling))
        # No language byte either: only the bytes tell.
        with open(os.path.join(self.tmp, "gbk.dbf"), "r+b") as dbf:
            dbf.seek(29)
            dbf.write(b"\x00")
        out = os.path.join(self.tmp, "gbk.gpkg")
        r = run("import", path, "--kind", "park", "--map", "name=MC", "--out", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("encoding guessed: GB18030", r.stderr)
        ds = ogr.Open(out)
        f = ds.GetLayerByName("parks").GetNextFeature()
        self.assertEqual(f.GetField("name"), "济南软件园")


if __name__ == "__main__":
    unittest.main()
