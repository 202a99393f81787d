"""End-to-end tests of `htsplan export` (the meeting pack) on the bundled data.

Run by ctest (cli_export) with HTSPLAN_CLI pointing at the built program. The
pages are read the way a planner's office would: the PDF's page count, fonts
and text (poppler's pdfinfo, pdffonts, pdftotext), the PNG pages' pixels
(GDAL), the SVG pages' XML.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

import numpy
from osgeo import gdal, ogr

CLI = os.environ.get("HTSPLAN_CLI", "build/cli/htsplan")
SRC = os.environ.get("HTSPLAN_SOURCE_DIR", os.path.abspath("../.."))
TEMPLATES = os.path.join(SRC, "styles", "layouts")
KIND_TITLES = {"base": "高技术服务业基地 bases", "park": "专业化园区 parks", "building": "主题楼宇 buildings",
               "enterprise": "骨干企业 enterprises"}
# the statistics table, then the data checks, the allocation and who is behind (table pages) last
ANALYSIS_PAGES = ["kde", "coverage", "clusters", "hotspots", "split", "statistics", "checks", "allocation", "pace"]
TABLE_PAGES = ("statistics", "checks", "allocation", "pace")
# styles/hotspots.qml's fill per Gi_Bin (ArcGIS's red-grey-blue).
HOT_COLOURS = {3: (215, 25, 28), 2: (252, 141, 89), 1: (254, 224, 144), 0: (217, 217, 217), -1: (224, 243, 248), -2: (145, 191, 219),
               -3: (69, 117, 180)}
KANGXI = re.compile("[\u2e80-\u2fdf]")
MM = 72 / 25.4  # PDF points per millimetre

gdal.UseExceptions()


def export(*args, env=None, shell_prefix=None):
    command = [CLI, "export", *args]
    if shell_prefix:  # e.g. a file-size limit: run through bash
        command = ["bash", "-c", shell_prefix + ' exec "$@"', "bash", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)


def pdftext(path, first=None, last=None, crop_mm=None, layout=False):
    """The text of a PDF (pages first..last), optionally of a box (x, y, w, h) in mm on the page."""
    command = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        command.append("-layout")
    if first:
        command += ["-f", str(first), "-l", str(last or first)]
    if crop_mm:
        x, y, w, h = (round(v * MM) for v in crop_mm)
        command += ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    return subprocess.run(command + [path, "-"], capture_output=True, text=True, check=True).stdout


def pdfinfo(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def pixels(path):
    """A PNG as an array of rows x columns x bands (uint8)."""
    dataset = gdal.Open(path)
    array = dataset.ReadAsArray()  # bands, rows, columns
    del dataset
    return numpy.moveaxis(array, 0, -1)


def ink(array):
    """Share of pixels that are not (near) white or transparent."""
    rgb = array[..., :3].astype(int)
    opaque = array[..., 3] > 0 if array.shape[-1] == 4 else numpy.ones(rgb.shape[:2], bool)
    return float(((rgb.min(axis=-1) < 235) & opaque).mean())


PRINT_CRS = "+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs"  # maps/map_crs.cpp


def print_transform():
    from osgeo import osr
    source = osr.SpatialReference()
    source.ImportFromEPSG(4490)
    source.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    target = osr.SpatialReference()
    target.ImportFromProj4(PRINT_CRS)
    return osr.CoordinateTransformation(source, target)


def city_point(code):
    """An interior point of a city of the 2015 map, in the print CRS."""
    source = ogr.Open(os.path.join(SRC, "data", "shandong.gpkg"))
    for f in source.GetLayerByName("cities_2015"):
        if f.GetField("code") == code:
            geometry = f.GetGeometryRef().Clone()
            geometry.Transform(print_transform())
            inner = geometry.PointOnSurface()
            return inner.GetX(), inner.GetY()
    raise KeyError(code)


def largest_hot_county(hot):
    """(code, Gi_Bin, interior point in the print CRS) of the largest county with Gi_Bin > 0."""
    bins = {c["code"]: c["Gi_Bin"] for c in hot["counties"]}
    transform = print_transform()
    best = None
    source = ogr.Open(os.path.join(SRC, "data", "shandong.gpkg"))  # kept: its layer dies with it
    for f in source.GetLayerByName("counties"):
        code = f.GetField("code")
        if bins.get(code, 0) <= 0:
            continue
        geometry = f.GetGeometryRef().Clone()
        geometry.Transform(transform)
        if best is None or geometry.GetArea() > best[0]:
            inner = geometry.PointOnSurface()
            best = (geometry.GetArea(), code, bins[code], (inner.GetX(), inner.GetY()))
    return best[1:]


def map_pixel(x, y, dpi, frame=(8, 21, 180, 182)):
    """The page pixel of a print-CRS point on an analysis page's map: the province's extent grown
    by 4% and to the frame's aspect ratio, centred (maps/pack_layouts.cpp extentForFrame)."""
    transform = print_transform()
    source = ogr.Open(os.path.join(SRC, "data", "shandong.gpkg"))
    province = source.GetLayerByName("province")
    xs, ys = [], []
    x0, x1, y0, y1 = province.GetExtent()
    for i in range(101):  # the box's edges, densified, as QGIS's transformBoundingBox
        t = i / 100
        for lon, lat in ((x0 + t * (x1 - x0), y0), (x0 + t * (x1 - x0), y1), (x0, y0 + t * (y1 - y0)), (x1, y0 + t * (y1 - y0))):
            px, py, _ = transform.TransformPoint(lon, lat)
            xs.append(px)
            ys.append(py)
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    w, h = (max(xs) - min(xs)) * 1.04, (max(ys) - min(ys)) * 1.04
    fx, fy, fw, fh = frame
    if w / h > fw / fh:
        h = w / (fw / fh)
    else:
        w = h * (fw / fh)
    mm_x = fx + (x - (cx - w / 2)) / w * fw
    mm_y = fy + ((cy + h / 2) - y) / h * fh
    return int(mm_x * dpi / 25.4), int(mm_y * dpi / 25.4)


def region(array, dpi, x_mm, y_mm, w_mm, h_mm):
    k = dpi / 25.4
    return array[int(y_mm * k):int((y_mm + h_mm) * k), int(x_mm * k):int((x_mm + w_mm) * k)]


class BundledPack(unittest.TestCase):
    """The whole pack on the bundled data: every format, per-city PDFs."""

    DPI = 100  # the PNG pages (300 by default; a smaller one keeps the test fast)

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="htsplan-export-")
        cls.out = os.path.join(cls.tmp, "pack")
        cls.result = export("--out", cls.out, "--formats", "pdf,png,svg", "--city-pdfs", "--dpi", str(cls.DPI))
        cls.pdf = os.path.join(cls.out, "htsplan_pack.pdf")
        if cls.result.returncode == 0:
            with open(os.path.join(cls.out, "metrics.json"), encoding="utf-8") as f:
                cls.metrics = json.load(f)
            cls.cities = sorted(cls.metrics["cities"], key=lambda c: c["code"])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def city_page(self, code):
        """1-based page of a city: the overview, then the cities by code."""
        return 2 + [c["code"] for c in self.cities].index(code)

    def test_exit_code_and_files(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        self.assertEqual([n for n in os.listdir(self.tmp) if n != "pack"], [])  # no staging left
        names = sorted(os.listdir(self.out))
        self.assertEqual(names, sorted(["htsplan_pack.pdf", "pages", "charts", "cities", "metrics.json", "cities.csv",
                                        "counties.csv", "specialization.csv", "growth.csv", "hotspots.csv", "kde.tif"]))
        for root, _, files in os.walk(self.out):
            for name in files:
                self.assertRegex(name, r"^[A-Za-z0-9_.-]+$")  # ASCII file names
                self.assertGreater(os.path.getsize(os.path.join(root, name)), 100, name)
        self.assertEqual(self.metrics["exports"]["font"], "WenQuanYi Micro Hei")

    def test_page_count(self):
        pages = 1 + len(self.cities) + len(ANALYSIS_PAGES)
        self.assertEqual(len(self.cities), 17)
        self.assertEqual(int(pdfinfo(self.pdf)["Pages"]), pages)
        self.assertIn("Pages: {}".format(pages), self.result.stdout)
        pngs = sorted(n for n in os.listdir(os.path.join(self.out, "pages")) if n.endswith(".png"))
        svgs = sorted(n for n in os.listdir(os.path.join(self.out, "pages")) if n.endswith(".svg"))
        expected = (["01_overview"] + ["{:02d}_htsplan_{}_".format(i + 2, c["code"]) for i, c in enumerate(self.cities)] +
                    ["{:02d}_{}".format(len(self.cities) + 2 + i, k) for i, k in enumerate(ANALYSIS_PAGES)])
        self.assertEqual(len(pngs), pages)
        self.assertEqual(len(svgs), pages)
        for png, svg, stem in zip(pngs, svgs, expected):
            self.assertTrue(png.startswith(stem), (png, stem))
            self.assertTrue(svg.startswith(stem), (svg, stem))
        self.assertIn("03_htsplan_370200_qingdao.png", pngs)

    def test_city_pdfs(self):
        files = sorted(os.listdir(os.path.join(self.out, "cities")))
        self.assertEqual(files, sorted("htsplan_{}_{}.pdf".format(c["code"], re.sub("[^a-z0-9]+", "_", c["name_en"].lower()).strip("_"))
                                       for c in self.cities))
        qingdao = os.path.join(self.out, "cities", "htsplan_370200_qingdao.pdf")
        self.assertEqual(int(pdfinfo(qingdao)["Pages"]), 1)
        self.assertIn("青岛市高技术服务业载体", pdftext(qingdao))

    def test_cjk_font_embedded(self):
        fonts = subprocess.run(["pdffonts", self.pdf], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        cjk = [line for line in fonts if "WenQuanYi" in line]
        self.assertTrue(cjk, fonts)
        for line in cjk:
            self.assertEqual(line.split()[-5], "yes", line)  # emb

    def test_text_is_searchable(self):
        text = pdftext(self.pdf)
        self.assertIsNone(KANGXI.search(text), "Kangxi radicals in the text layer")
        for city in self.cities:
            self.assertIn(city["name"], text)
            self.assertIn("{}高技术服务业载体与2015年目标进度".format(city["name"]), text)
        self.assertIn("山东省高技术服务业载体与2015年目标进度", text)
        self.assertIn("无审图号", text)
        self.assertIn("示意样例数据", text)

    def test_pages_without_rasters_stay_vector(self):
        """Only the density page holds an image (its raster): hatches, symbols and charts stay vector."""
        listing = subprocess.run(["pdfimages", "-list", self.pdf], capture_output=True, text=True, check=True).stdout
        pages = {int(line.split()[0]) for line in listing.splitlines()[2:] if line.split()}
        self.assertEqual(pages, {len(self.cities) + 2})  # 1 overview + 17 cities, then kde

    def test_overview_target_table(self):
        table = pdftext(self.pdf, 1, crop_mm=(198, 119, 91, 31), layout=True)
        rows = {line.split()[0]: line.split() for line in table.splitlines() if line.split()}
        for target in self.metrics["targets"]:
            row = rows[KIND_TITLES[target["kind"]].split()[0]]
            self.assertEqual(row[2:6], [str(target["count"]), str(target["target"]), str(target["gap"]),
                                        "{:.0f}%".format(target["ratio"] * 100)], row)

    def test_city_pages_equal_metrics(self):
        for city in self.cities:
            page = self.city_page(city["code"])
            table = pdftext(self.pdf, page, crop_mm=(163, 58, 126, 28), layout=True)
            rows = {line.split()[0]: line.split() for line in table.splitlines() if line.split()}
            for kind, title in KIND_TITLES.items():
                row = rows[title.split()[0]]
                n = city["counts"][kind]
                expected = [str(n), "{:.1f}%".format(city["share_of_province"][kind] * 100),
                            "{}/{}".format(city["rank"][kind], len(self.cities)), "{:.2f}".format(city["per_10k_km2"][kind])]
                per_million = city["per_million_people"][kind]
                expected.append("—" if per_million is None else "{:.2f}".format(per_million))
                coverage = city["coverage_share"].get(kind)
                expected.append("—" if coverage is None else "{:.0f}%".format(coverage * 100))
                self.assertEqual(row[2:], expected, (city["name"], kind, row))

    def test_qingdao_counties_table_holds_qingdao_counties(self):
        qingdao = [c for c in self.metrics["counties"] if c["city_code"] == "370200"]
        others = [c["name"] for c in self.metrics["counties"] if c["city_code"] != "370200"]
        table = pdftext(self.pdf, self.city_page("370200"), crop_mm=(163, 137, 126, 55), layout=True)
        rows = [line.split() for line in table.splitlines()[1:] if line.split()]  # below the header
        self.assertEqual(sorted(r[0] for r in rows), sorted(c["name"] for c in qingdao))
        for row in rows:
            county = next(c for c in qingdao if c["name"] == row[0])
            counts = [county["counts"][k] for k in ["base", "park", "building", "enterprise"]]
            self.assertEqual([int(v) for v in row[1:6]], counts + [sum(counts)], row)
        for name in others:
            self.assertNotIn(name, [r[0] for r in rows])

    def test_png_pages(self):
        folder = os.path.join(self.out, "pages")
        for name in sorted(n for n in os.listdir(folder) if n.endswith(".png")):
            page = pixels(os.path.join(folder, name))
            rows, cols = page.shape[:2]
            self.assertAlmostEqual(cols, 297 / 25.4 * self.DPI, delta=2, msg=name)  # A4 landscape at the asked dpi
            self.assertAlmostEqual(rows, 210 / 25.4 * self.DPI, delta=2, msg=name)
            self.assertGreater(ink(page), 0.05, name)  # not blank
            width, height = (150, 150) if "htsplan_" in name else ((185, 134) if "overview" in name else (180, 182))
            # The map frame has ink (the table pages have their tables there: text and rules).
            table_page = any(name.endswith("_{}.png".format(k)) for k in TABLE_PAGES)
            self.assertGreater(ink(region(page, self.DPI, 9, 22, width - 2, height - 2)), 0.02 if table_page else 0.15, name)
            # Nothing drawn in the outer 3 mm (a printer's margin) on any side.
            for band in (page[:int(3 * self.DPI / 25.4)], page[-int(3 * self.DPI / 25.4):],
                         page[:, :int(3 * self.DPI / 25.4)], page[:, -int(3 * self.DPI / 25.4):]):
                self.assertLess(ink(band), 0.002, name)

    def analysis_page(self, key):
        """1-based page of an analysis page."""
        return 2 + len(self.cities) + ANALYSIS_PAGES.index(key)

    def test_hotspot_page(self):
        hot = self.metrics["statistics"]["hotspots"]["enterprises"]
        g = self.metrics["statistics"]["moran"]["enterprises"]["global"]
        text = pdftext(self.pdf, self.analysis_page("hotspots"))
        self.assertIn("山东省高技术服务业企业热点分析", text)
        flat = " ".join(text.split())
        self.assertIn("Global Moran's I = {:.3f}".format(g["I"]), flat)
        self.assertIn("z = {:.2f}, p = {:.4f}".format(g["randomisation"]["z"], g["randomisation"]["p"]), flat)
        self.assertIn("Hot-spot counties: {}".format(hot["hot_spots"]), flat)
        self.assertIn("Cold-spot counties: {}".format(hot["cold_spots"]), flat)
        for label in ("Hot Spot - 99% Confidence", "热点（99%置信度）", "Not Significant", "冷点（99%置信度）"):
            self.assertIn(label, flat)  # the legend's bilingual classes
        self.assertIn("长岛县", flat)  # the island, named
        # The map: each class drawn in its colour exactly when a county has it; the hot
        # spots where the hot counties are (east or west of the province's middle).
        page = pixels(os.path.join(self.out, "pages", "{:02d}_hotspots.png".format(self.analysis_page("hotspots"))))
        frame = region(page, self.DPI, 8, 21, 180, 182)[..., :3].astype(int)
        drawn = frame.min(axis=-1) < 250
        for b, colour in HOT_COLOURS.items():
            mask = (abs(frame - colour) <= 3).all(axis=-1)
            with self.subTest(bin=b):
                if hot["bins"][str(b)] > 0:
                    self.assertGreater(mask.sum(), 20, "no pixel in the colour of Gi_Bin {}".format(b))
                else:
                    self.assertLess(mask.sum(), 5, "pixels in the colour of Gi_Bin {}, which no county has".format(b))
        # The largest hot-spot county, at its own place on the map, has its bin's colour.
        self.assertGreater(hot["hot_spots"], 0)
        code, bin_, (x, y) = largest_hot_county(hot)
        col, row = map_pixel(x, y, self.DPI)
        patch = page[row - 1:row + 2, col - 1:col + 2, :3].astype(int).reshape(-1, 3)
        matching = sum(1 for p in patch if (abs(p - HOT_COLOURS[bin_]) <= 3).all())
        self.assertGreaterEqual(matching, 3, (code, bin_, patch.tolist()))  # a county edge may cross the patch

    def test_statistics_page(self):
        spec = self.metrics["statistics"]["specialization"]
        growth = self.metrics["statistics"]["growth"]
        sectors = {s["sector"]: s["name"] for s in self.metrics["sectors"]}
        text = pdftext(self.pdf, self.analysis_page("statistics"), layout=True)
        self.assertIn("山东省高技术服务业各市特色领域与营业收入增长", text)
        self.assertIsNone(KANGXI.search(text))
        rows = {line.split()[0]: line.split() for line in text.splitlines() if line.split()}
        by_code = {c["code"]: c for c in growth["cities"]}
        for city in spec["cities"]:
            with self.subTest(city=city["name"]):
                row = rows[city["name"]]
                lead = city["leading_sector"]  # null: no counted carrier with a sector
                self.assertEqual(row[1], "—" if lead is None else sectors[lead])
                # An LQ on fewer than 5 carriers is marked (the sample's Heze leads at LQ 10 with one carrier).
                mark = "*" if city["few_carriers"] else ""
                self.assertEqual(row[2], "—" if lead is None else "{:.2f}{}".format(city["leading_lq"], mark))
                self.assertEqual(row[3], "—" if lead is None else "{:g}/{:g}".format(city["leading_count"], city["carriers"]))
                self.assertEqual(row[4], "{:.3f}".format(city["hhi"]))
                g = by_code[city["code"]]
                self.assertEqual(row[5], "—" if g["cagr"] is None else "{:.1f}%".format(g["cagr"] * 100))
                self.assertEqual(row[6], "{:.0f}%".format(g["annual_growth_target"] * 100))
                self.assertEqual(row[7], "—" if g["on_track"] is None else ("达标" if g["on_track"] else "落后"))
        self.assertTrue(any(c["few_carriers"] for c in spec["cities"]))  # the mark is tried on the sample

    def test_checks_page(self):
        v = self.metrics["validation"]
        text = pdftext(self.pdf, self.analysis_page("checks"), layout=True)
        self.assertIn("数据检查", text)
        self.assertIn("Data checks", text)
        flat = " ".join(text.split())
        # Every rule that fired, with its count; the quiet ones left out.
        for code, n in v["by_rule"].items():
            if n:
                self.assertRegex(flat, r"{} (错误 error|警告 warning) {}\b".format(code, n))
            else:
                self.assertNotIn(code, flat)
        self.assertIn("错误 {} 项，警告 {} 项".format(v["errors"], v["warnings"]), flat)
        # The findings, errors first: the sample's one error (the carrier outside the province) by its feature id.
        errors = [x for x in v["violations"] if x["severity"] == "error"]
        self.assertEqual(len(errors), 1)
        self.assertIn(errors[0]["id"], flat)
        self.assertLess(flat.index(errors[0]["id"]), flat.index("警告 ", flat.index("问题 Finding")))
        # As many finding rows as the text says (a frame too low drops rows silently): the last one shown is there.
        shown = int(re.search(r"The first (\d+) of {} findings".format(len(v["violations"])), flat).group(1))
        ordered = errors + [x for x in v["violations"] if x["severity"] == "warning"]
        findings = flat[flat.index("问题 Finding"):]
        self.assertIn("{} {}".format(ordered[shown - 1]["id"], ordered[shown - 1]["name"]), findings)
        layers = "|".join(sorted({x["layer"] for x in v["violations"]}))
        self.assertEqual(len(re.findall(r"(?:错误|警告) (?:{}) ".format(layers), findings)), shown)
        # A finding says what is wrong, not again the layer, id and name the row's other cells give.
        self.assertNotIn("图层，要素", findings)

    def test_allocation_page(self):
        a = self.metrics["allocation"]
        text = pdftext(self.pdf, self.analysis_page("allocation"), layout=True)
        self.assertIn("目标分解", text)
        self.assertIn("Allocation", text)
        rows = {line.split()[0]: " ".join(line.split()[1:]) for line in text.splitlines() if line.split()}
        for i, city in enumerate(a["kinds"][0]["cities"]):
            cells = ["{} → +{} = {}".format(k["cities"][i]["current"], k["cities"][i]["allocated"], k["cities"][i]["expected"]) for k in a["kinds"]]
            self.assertEqual(rows[city["name"]], " ".join(cells), city["name"])
        for k in a["kinds"]:
            self.assertEqual(sum(c["allocated"] for c in k["cities"]), k["remaining"], k["kind"])

    def test_split_map_page(self):
        a = self.metrics["allocation"]
        pace = self.metrics["pace"]
        text = pdftext(self.pdf, self.analysis_page("split"))
        self.assertIn("山东省高技术服务业剩余目标分解", text)
        self.assertIsNone(KANGXI.search(text))
        flat = " ".join(text.split())
        for k in a["kinds"]:
            self.assertRegex(flat, r"{} {}\b".format({"base": "基地", "park": "园区", "building": "楼宇", "enterprise": "企业"}[k["kind"]], k["remaining"]))
        behind = [c for c in pace["cities"] if c["behind"]]
        first = min(behind, key=lambda c: c["rank"])
        self.assertIn("Furthest behind ({}): {} {}".format(pace["year"], first["rank"], first["name"]), flat)
        # The map: the city allocated the most is in the ramp's last colour (189, 0, 38).
        totals = {}
        for k in a["kinds"]:
            for c in k["cities"]:
                totals[c["code"]] = totals.get(c["code"], 0) + c["allocated"]
        top = max(sorted(totals), key=lambda code: totals[code])
        self.assertGreater(totals[top], 0)
        self.assertRegex(flat, r"图例 Legend .*\b\d+-{}\b".format(totals[top]))  # the legend's last class ends at the largest
        page = pixels(os.path.join(self.out, "pages", "{:02d}_split.png".format(self.analysis_page("split"))))
        col, row = map_pixel(*city_point(top), self.DPI)
        # About 10 mm around the city's interior point (its name is printed there): mostly the city's fill.
        patch = page[row - 20:row + 21, col - 20:col + 21, :3].astype(int).reshape(-1, 3)
        self.assertGreater(sum(1 for p in patch if (abs(p - (189, 0, 38)) <= 4).all()), len(patch) // 3, top)

    def test_pace_page(self):
        pace = self.metrics["pace"]
        text = pdftext(self.pdf, self.analysis_page("pace"), layout=True)
        self.assertIn("各市目标进度排名", text)
        self.assertIn("Who is behind", text)
        self.assertIsNone(KANGXI.search(text))
        by_code = {c["code"]: c for c in pace["cities"]}
        # The rows in the ranking's order, each kind as counted / path（total）.
        rows = [line.split() for line in text.splitlines() if line.split() and line.split()[0].isdigit() and len(line.split()) > 3]
        self.assertEqual([r[1] for r in rows[:len(pace["ranking"])]], [by_code[code]["name"] for code in pace["ranking"]])
        for r, code in zip(rows, pace["ranking"]):
            c = by_code[code]
            self.assertEqual(int(r[0]), c["rank"])
            cells = " ".join(r[2:])
            for k in c["kinds"]:
                path = "{:g}".format(k["path"]) if k["path"] == int(k["path"]) else "{:.1f}".format(k["path"])
                self.assertIn("{} / {}（{}）".format(k["actual"], path, k["total"]), cells, code)
        flat = " ".join(text.split())
        for g in pace["groups"]:
            self.assertIn(g["name"], flat)

    def test_qingdao_is_highlighted_on_its_locator(self):
        page = pixels(os.path.join(self.out, "pages", "03_htsplan_370200_qingdao.png"))
        locator = region(page, self.DPI, 163, 21, 44, 34)[..., :3].astype(int)
        red = (locator[..., 0] > 150) & (locator[..., 1] < 90) & (locator[..., 2] < 90)
        self.assertGreater(red.mean(), 0.01)  # the city, in red
        # Qingdao is in the east of the province: the red is right of the locator's middle.
        self.assertGreater(numpy.nonzero(red)[1].mean(), locator.shape[1] / 2)

    def test_svg_pages_keep_text(self):
        svg = os.path.join(self.out, "pages", "03_htsplan_370200_qingdao.svg")
        root = ET.parse(svg).getroot()
        text = "".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
        self.assertIn("青岛市", text)

    def test_charts(self):
        charts = sorted(os.listdir(os.path.join(self.out, "charts")))
        self.assertEqual(charts, sorted(["targets.svg", "years.svg"] + ["city_{}.svg".format(c["code"]) for c in self.cities]))
        ET.parse(os.path.join(self.out, "charts", "targets.svg"))


class ExportOptions(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="htsplan-export-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_a3_overview_alone(self):
        out = os.path.join(self.tmp, "a3")
        result = export("--out", out, "--pages", "overview", "--paper", "a3", "--formats", "pdf", "--no-analyses")
        self.assertEqual(result.returncode, 0, result.stderr)
        info = pdfinfo(os.path.join(out, "htsplan_pack.pdf"))
        self.assertEqual(int(info["Pages"]), 1)
        self.assertIn("1191 x 842 pts", info["Page size"])  # A3 landscape
        self.assertFalse(os.path.exists(os.path.join(out, "pages")))

    def test_current_map_has_16_city_pages(self):
        out = os.path.join(self.tmp, "current")
        result = export("--out", out, "--vintage", "current", "--pages", "cities", "--formats", "pdf", "--no-analyses")
        self.assertEqual(result.returncode, 0, result.stderr)
        pdf = os.path.join(out, "htsplan_pack.pdf")
        self.assertEqual(int(pdfinfo(pdf)["Pages"]), 16)
        self.assertNotIn("莱芜市高技术服务业", pdftext(pdf))

    def test_usage_errors(self):
        for args, words in [(["--pages", "overview,maps"], "'maps' is not one of"), (["--formats", "tiff"], "'tiff' is not one of"),
                            (["--paper", "a5"], "a4 or a3"), (["--dpi", "20"], "--dpi"),
                            (["--pages", "overview", "--city-pdfs"], "--city-pdfs needs the city pages")]:
            result = export("--out", os.path.join(self.tmp, "x"), *args)
            self.assertEqual(result.returncode, 2, (args, result.stderr))
            self.assertIn(words, result.stderr)
        report = subprocess.run([CLI, "report", "--out", os.path.join(self.tmp, "y"), "--paper", "a3"], capture_output=True, text=True)
        self.assertEqual(report.returncode, 2)
        self.assertIn("--paper is an option of htsplan export", report.stderr)
        self.assertEqual(os.listdir(self.tmp), [])


class BadTemplates(unittest.TestCase):
    """A missing, corrupt or incomplete template: a clear error naming it, nothing written."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="htsplan-export-")
        self.templates = os.path.join(self.tmp, "templates")
        shutil.copytree(TEMPLATES, self.templates)
        self.out = os.path.join(self.tmp, "out")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_export(self):
        result = export("--out", self.out, "--templates", self.templates, "--formats", "pdf", "--no-analyses")
        self.assertEqual(sorted(os.listdir(self.tmp)), ["templates"], result.stderr)  # nothing written, no staging left
        return result

    def test_missing_template(self):
        os.remove(os.path.join(self.templates, "city_a4.qpt"))
        result = self.run_export()
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("city_a4.qpt: no such file", result.stderr)
        self.assertIn("nothing was written", result.stderr)

    def test_corrupt_template(self):
        path = os.path.join(self.templates, "overview_a4.qpt")
        with open(path, "rb") as f:
            data = f.read()
        with open(path, "wb") as f:
            f.write(data[:len(data) // 2])
        result = self.run_export()
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("overview_a4.qpt: not XML", result.stderr)

    def test_not_a_layout(self):
        with open(os.path.join(self.templates, "overview_a4.qpt"), "w", encoding="utf-8") as f:
            f.write("<qgis><layer/></qgis>")
        result = self.run_export()
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("not a QGIS print-layout template", result.stderr)

    def test_item_id_renamed(self):
        path = os.path.join(self.templates, "city_a4.qpt")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertIn('id="counties_table"', text)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace('id="counties_table"', 'id="table_2"'))
        result = self.run_export()
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("city_a4.qpt: no item with the id 'counties_table'", result.stderr)

    def test_an_edited_template_is_used(self):
        """A planner moves the legend in the Layout Designer and saves: the pack has the legend there."""
        path = os.path.join(self.templates, "overview_a4.qpt")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        legend = re.search(r'<LayoutItem [^>]*id="legend"[^>]*>', text).group(0)
        moved = re.sub(r' position="[^"]*"', ' position="198,150,mm"', legend)
        moved = re.sub(r' positionOnPage="[^"]*"', ' positionOnPage="198,150,mm"', moved)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(legend, moved))
        result = export("--out", self.out, "--templates", self.templates, "--pages", "overview", "--formats", "pdf")
        self.assertEqual(result.returncode, 0, result.stderr)
        pdf = os.path.join(self.out, "htsplan_pack.pdf")
        self.assertIn("图例 Legend", pdftext(pdf, 1, crop_mm=(198, 148, 91, 12)))
        self.assertNotIn("图例 Legend", pdftext(pdf, 1, crop_mm=(198, 19, 91, 12)))


class BadOutput(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="htsplan-export-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_folder_that_cannot_be_made(self):
        blocker = os.path.join(self.tmp, "a_file")
        with open(blocker, "w") as f:
            f.write("x")
        result = export("--out", os.path.join(blocker, "pack"), "--pages", "overview", "--formats", "pdf")
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("nothing was written", result.stderr)
        self.assertEqual(os.listdir(self.tmp), ["a_file"])

    def test_disk_full_leaves_the_folder_as_it_was(self):
        """Writes beyond 3 MB fail as on a full disk (the file size limit, with SIGXFSZ ignored)."""
        out = os.path.join(self.tmp, "pack")
        first = export("--out", out, "--pages", "overview", "--formats", "pdf", "--no-analyses")
        self.assertEqual(first.returncode, 0, first.stderr)
        before = {n: os.path.getsize(os.path.join(out, n)) for n in os.listdir(out) if os.path.isfile(os.path.join(out, n))}
        result = export("--out", out, "--formats", "pdf,png", shell_prefix="trap '' XFSZ; ulimit -f 3000;")
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("cannot write the outputs", result.stderr)
        after = {n: os.path.getsize(os.path.join(out, n)) for n in os.listdir(out) if os.path.isfile(os.path.join(out, n))}
        self.assertEqual(after, before)  # the earlier pack, untouched
        self.assertEqual(sorted(os.listdir(self.tmp)), ["pack"])  # no staging left


if __name__ == "__main__":
    unittest.main()
