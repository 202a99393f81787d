"""`htsplan export`: big point layers are drawn aggregated (issue 11, "Scale").

Above --aggregate-above placed features, a point layer is drawn as hexagon
counts: stderr names each such layer with its count, the legend names it, and
the PDF stays searchable text. The bundled sample has about 110 parks, 230
buildings and 150 enterprises: a limit of 50 aggregates those three.

Run by ctest (cli_pack) with HTSPLAN_CLI pointing at the built program.
"""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

CLI = os.environ.get("HTSPLAN_CLI", "build/cli/htsplan")
SRC = os.environ.get("HTSPLAN_SOURCE_DIR", os.path.abspath("../.."))
FACILITIES = os.path.join(SRC, "data", "sample", "facilities.gpkg")


def export(out, *args):
    return subprocess.run([CLI, "export", "--facilities", FACILITIES, "--pages", "overview", "--formats", "pdf",
                           "--out", out, *args], capture_output=True, text=True, timeout=300)


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout


class Aggregation(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="htsplan-pack-")
        cls.plain = export(os.path.join(cls.tmp, "plain"))
        cls.aggregated = export(os.path.join(cls.tmp, "aggregated"), "--aggregate-above", "50")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def pdf(self, name):
        return os.path.join(self.tmp, name, "htsplan_pack.pdf")

    def test_both_succeed(self):
        self.assertEqual(self.plain.returncode, 0, self.plain.stderr)
        self.assertEqual(self.aggregated.returncode, 0, self.aggregated.stderr)

    def test_stderr_names_the_aggregated_layers_with_their_counts(self):
        notes = re.findall(r"^htsplan export: (\S+) ([\d,]+) 个，按 [\d.]+ km 六边形汇总绘制.*?(\w+): ([\d,]+) points, drawn as",
                           self.aggregated.stderr, re.M)
        by_layer = {layer: int(count.replace(",", "")) for _, count, layer, _ in notes}
        self.assertEqual(set(by_layer), {"parks", "buildings", "enterprises"}, self.aggregated.stderr)
        for layer, count in by_layer.items():
            self.assertGreater(count, 50, layer)
        # Below the limit nothing is aggregated, and nothing is said.
        self.assertNotIn("六边形汇总绘制", self.plain.stderr)

    def test_legend_names_the_aggregated_layers(self):
        # The legend titles an aggregated layer on two lines, "骨干企业 enterprises" and
        # "（10 km 六边形计数 hexagon counts）", which the text of two legend columns interleaves.
        text = pdf_text(self.pdf("aggregated"))
        flat = re.sub(r"\s+", "", text)
        self.assertEqual(len(re.findall(r"（[\d.]+km六边形计数hexagoncounts）", flat)), 3, text)
        for name in ("骨干企业enterprises", "专业化园区parks", "主题楼宇buildings"):
            self.assertIn(name, flat)
        self.assertNotIn("六边形计数", re.sub(r"\s+", "", pdf_text(self.pdf("plain"))))

    def test_pdf_is_searchable_and_smaller(self):
        text = pdf_text(self.pdf("aggregated"))
        for needle in ("济南市", "青岛市", "图例"):
            self.assertIn(needle, text)
        self.assertLess(os.path.getsize(self.pdf("aggregated")), os.path.getsize(self.pdf("plain")))



class Project(unittest.TestCase):
    """--project: the pack as a QGIS project that QGIS itself exports again."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="htsplan-project-")
        cls.out = os.path.join(cls.tmp, "pack")
        cls.result = subprocess.run([CLI, "export", "--facilities", FACILITIES, "--pages", "cities", "--formats", "pdf",
                                     "--project", "--out", cls.out], capture_output=True, text=True, timeout=300)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_project_and_geopackage_written(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        for name in ("htsplan_pack.qgz", "htsplan_pack.gpkg", "htsplan_pack.pdf"):
            self.assertTrue(os.path.isfile(os.path.join(self.out, name)), name)
        import zipfile
        with zipfile.ZipFile(os.path.join(self.out, "htsplan_pack.qgz")) as z:
            qgs = z.read("htsplan_pack.qgs").decode("utf-8")
        # Made layers relative to the project, facilities on the input file.
        self.assertIn("<datasource>./htsplan_pack.gpkg|layername=", qgs)
        self.assertIn(f"<datasource>{FACILITIES}|layername=parks</datasource>", qgs)
        self.assertNotIn("htsplan-new", qgs)  # nothing points into the staging folder
        self.assertIn("htsplan 城市图集 city atlas", qgs)

    @unittest.skipUnless(os.path.exists("/usr/bin/qgis_process.bin"), "QGIS's qgis_process is not installed")
    def test_qgis_exports_the_same_pages(self):
        moved = os.path.join(self.tmp, "moved")
        shutil.copytree(self.out, moved)  # the folder can be moved whole
        pdf = os.path.join(self.tmp, "qgis.pdf")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        r = subprocess.run(["/usr/bin/qgis_process.bin", "run", "native:atlaslayouttopdf",
                            "--project_path=" + os.path.join(moved, "htsplan_pack.qgz"), "--",
                            "LAYOUT=htsplan 城市图集 city atlas", "OUTPUT=" + pdf],
                           capture_output=True, text=True, timeout=300, env=env)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

        def pages(path):
            info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
            return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        self.assertEqual(pages(pdf), pages(os.path.join(self.out, "htsplan_pack.pdf")))
        self.assertEqual(pages(pdf), 17)


if __name__ == "__main__":
    unittest.main()
