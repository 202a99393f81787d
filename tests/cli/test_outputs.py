"""The command line's contract on options, exit codes and outputs (issue 10).

Options are read strictly and each refusal is one line naming the option and
the accepted range; bad input exits 2, an output that cannot be written 3, an
interrupt 130; every command publishes its outputs together or not at all
(nothing left beside the output folder); sources are never modified, the map
step included.

Run by ctest (cli_outputs) with HTSPLAN_CLI pointing at the built program.
"""
import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
import unittest

CLI = os.environ.get("HTSPLAN_CLI", "build/cli/htsplan")
SRC = os.environ.get("HTSPLAN_SOURCE_DIR", os.path.abspath("../.."))
DATA = os.path.join(SRC, "data")
ADMIN = os.path.join(DATA, "shandong.gpkg")
FACILITIES = os.path.join(DATA, "sample", "facilities.gpkg")
TARGETS = os.path.join(DATA, "targets", "shandong-2013.json")
PARKS = FACILITIES + "|layername=parks"
REPORT_FILES = {"metrics.json", "cities.csv", "counties.csv", "specialization.csv", "growth.csv", "hotspots.csv", "kde.tif", "overview.pdf", "overview.png"}


def htsplan(*args, env=None):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=300, env=env)


def report(*args):
    return htsplan("report", *args)


def lines(text):
    """stderr's lines, without the per-feature warnings of the sample data and the run's notes."""
    return [l for l in text.splitlines() if l and not l.startswith(("warning: ", "... and "))
            and " is in China Geodetic" not in l and not l.startswith("Raster of")]


def checksums(folder):
    """Every file in folder (hidden ones included) with its sha256."""
    out = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                out[name] = hashlib.sha256(f.read()).hexdigest()
    return out


def try_mount_tmpfs(folder, options):
    """Mounts a tmpfs on folder; False when mounting is not permitted here."""
    os.makedirs(folder, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", folder], capture_output=True, text=True)
    return r.returncode == 0


def unmount(folder):
    subprocess.run(["umount", folder], capture_output=True)


class Case(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="htsplan-outputs-")
        self.out = os.path.join(self.tmp, "out")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def assertOneLine(self, result, code, *needles):
        """Exit code, one line on stderr holding every needle."""
        self.assertEqual(result.returncode, code, result.stderr)
        got = lines(result.stderr)
        self.assertEqual(len(got), 1, result.stderr)
        for needle in needles:
            self.assertIn(needle, got[0])
        return got[0]

    def assertNothingWritten(self, folder=None):
        """No output folder, and nothing hidden (staging, temporaries) beside it."""
        folder = folder or self.tmp
        self.assertFalse(os.path.exists(self.out), "output folder created on failure")
        self.assertEqual([n for n in os.listdir(folder) if n.startswith(".")], [], "staging or temporary files left")


class StrictOptions(Case):
    """Each numeric option of `htsplan report` read strictly within its range."""

    def test_bad_values(self):
        cases = [
            ("--radius-km", "1e300", "0.1 to 500 km"),
            ("--radius-km", "0", "0.1 to 500 km"),
            ("--radius-km", "nan", "0.1 to 500 km"),
            ("--radius-km", "10km", "0.1 to 500 km"),
            ("--year", "0", "whole number"),
            ("--year", "-2015", "whole number"),
            ("--year", "2014.5", "whole number"),
            ("--year", "20150", "whole number"),
            ("--year", "3000", "whole number"),
            ("--year", "1e3", "whole number"),
            ("--kde-radius-km", "1000", "0.1 to 100 km"),
            ("--kde-pixel-m", "1", "10 to 10000 m"),
            ("--eps-km", "-1", "0.01 to 100 km"),
            ("--min-size", "2.5", "whole number from 1 to 10000"),
            ("--min-size", "0", "whole number from 1 to 10000"),
            ("--hex-km", "0.001", "0.1 to 500 km"),
        ]
        for option, value, accepted in cases:
            with self.subTest(option=option, value=value):
                r = report(option, value, "--no-map", "--out", self.out)
                self.assertOneLine(r, 2, option, "'" + value + "'", accepted)
                self.assertNothingWritten()

    def test_year_outside_the_plans_horizon(self):
        # 2011..2015 is the plan; up to ten years after the target year is accepted.
        for year in ["2010", "2026"]:
            with self.subTest(year=year):
                r = report("--year", year, "--no-map", "--no-analyses", "--out", self.out)
                self.assertOneLine(r, 2, "--year " + year, "2011 to 2025", TARGETS)
                self.assertNothingWritten()

    def test_year_within_the_horizon(self):
        r = report("--year", "2020", "--no-map", "--no-analyses", "--out", self.out)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_usage_lists_the_ranges(self):
        r = htsplan("--help")
        for text in ["--radius-km     a number from 0.1 to 500 km", "130 interrupted"]:
            self.assertIn(text, r.stdout)


class BadInputFiles(Case):
    """A file that is not one: exit 2, one line naming the file, nothing written."""

    def setUp(self):
        super().setUp()
        self.bad = os.path.join(self.tmp, "bad")
        os.makedirs(self.bad)
        b = lambda name: os.path.join(self.bad, name)
        os.symlink(b("loop2"), b("loop1"))
        os.symlink(b("loop1"), b("loop2"))
        os.makedirs(b("folder.gpkg"))
        open(b("empty.gpkg"), "w").close()
        with open(FACILITIES, "rb") as f:
            data = f.read()
        with open(b("truncated.gpkg"), "wb") as f:
            f.write(data[:50000])
        with open(b("corrupt.gpkg"), "wb") as f:  # the header's schema pages overwritten
            f.write(data[:2000] + bytes(range(256)) * 20 + data[2000 + 5120:])
        self.cases = {
            "loop1": "symbolic link loop", "folder.gpkg": "a folder, not a file", "empty.gpkg": "empty",
            "truncated.gpkg": "not a readable", "corrupt.gpkg": "not a readable", "missing.gpkg": "no such file",
        }

    def test_every_input(self):
        for role in ["--facilities", "--admin", "--targets"]:
            for name, reason in self.cases.items():
                if role == "--targets" and reason == "not a readable":
                    reason = "not UTF-8 text"
                with self.subTest(role=role, file=name):
                    path = os.path.join(self.bad, name)
                    r = report(role, path, "--no-map", "--out", self.out)
                    self.assertOneLine(r, 2, path, reason)
                    self.assertNothingWritten()

    def test_in_run(self):
        for name, reason in self.cases.items():
            with self.subTest(file=name):
                path = os.path.join(self.bad, name)
                tif = os.path.join(self.tmp, "k.tif")
                r = htsplan("run", "htsplan:kde", "--", "INPUT=" + path, "RADIUS=1000", "PIXEL_SIZE=100", "OUTPUT=" + tif)
                self.assertOneLine(r, 2, "INPUT", path)
                self.assertFalse(os.path.exists(tif))
                self.assertEqual([n for n in os.listdir(self.tmp) if n.startswith(".")], [])

    def test_admin_without_crs_in_metres(self):
        metres = os.path.join(self.tmp, "metres.gpkg")
        nocrs = os.path.join(self.tmp, "nocrs.gpkg")
        subprocess.run(["ogr2ogr", "-f", "GPKG", "-t_srs", "EPSG:4548", metres, ADMIN], check=True)
        subprocess.run(["ogr2ogr", "-f", "GPKG", "-a_srs", "None", nocrs, metres], check=True)
        r = report("--admin", nocrs, "--no-map", "--out", self.out)
        line = self.assertOneLine(r, 2, nocrs, "layer 'counties'", "no CRS", "not longitude/latitude")
        self.assertRegex(line, r"\d{6}")  # the extent, in metres
        self.assertNothingWritten()

    def test_chinese_path_with_spaces(self):
        folder = os.path.join(self.tmp, "规划 数据")
        os.makedirs(folder)
        facilities = os.path.join(folder, "设施 清单.gpkg")
        shutil.copy(FACILITIES, facilities)
        out = os.path.join(self.tmp, "输出 报告")
        r = report("--facilities", facilities, "--no-map", "--out", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(out, r.stdout)
        self.assertTrue(os.path.getsize(os.path.join(out, "metrics.json")) > 100)
        missing = os.path.join(folder, "没有 这个.gpkg")
        self.assertOneLine(report("--facilities", missing, "--out", self.out), 2, missing, "no such file")
        # run too, whatever the locale
        tif = os.path.join(folder, "核密度 图.tif")
        env = {"PATH": os.environ.get("PATH", ""), "QT_QPA_PLATFORM": "offscreen"}
        r = htsplan("run", "htsplan:kde", "--", "INPUT=" + facilities + "|layername=parks", "RADIUS=10000",
                    "PIXEL_SIZE=1000", "OUTPUT=" + tif, env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(tif, r.stdout)
        self.assertTrue(os.path.getsize(tif) > 1000)


class OutputFolder(Case):
    """The report's folder is replaced whole, or left as it was."""

    def test_rerun_replaces_the_whole_folder(self):
        self.assertEqual(report("--out", self.out).returncode, 0)
        self.assertEqual(set(os.listdir(self.out)), REPORT_FILES)
        r = report("--no-map", "--no-analyses", "--out", self.out)
        self.assertEqual(r.returncode, 0, r.stderr)
        # The old map and raster went with the old folder.
        self.assertEqual(set(os.listdir(self.out)), {"metrics.json", "cities.csv", "counties.csv", "specialization.csv", "growth.csv", "hotspots.csv"})
        self.assertEqual(os.listdir(self.tmp), ["out"])

    def test_trailing_slash(self):
        r = report("--no-map", "--no-analyses", "--out", self.out + "/")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(os.listdir(self.tmp), ["out"])
        self.assertIn("metrics.json", os.listdir(self.out))

    def test_failed_rerun_keeps_the_old_report_whole(self):
        self.assertEqual(report("--no-map", "--out", self.out).returncode, 0)
        before = checksums(self.out)
        r = report("--facilities", os.path.join(self.tmp, "nope.gpkg"), "--out", self.out)
        self.assertOneLine(r, 2, "nope.gpkg", "nothing was written")
        self.assertEqual(checksums(self.out), before)
        self.assertEqual(os.listdir(self.tmp), ["out"])

    def test_folder_with_other_files_is_refused(self):
        os.makedirs(self.out)
        with open(os.path.join(self.out, "notes.txt"), "w") as f:
            f.write("mine")
        r = report("--no-map", "--out", self.out)
        self.assertOneLine(r, 3, self.out, "notes.txt")
        self.assertEqual(os.listdir(self.out), ["notes.txt"])
        self.assertEqual(os.listdir(self.tmp), ["out"])

    def test_output_folder_is_a_file(self):
        with open(self.out, "w") as f:
            f.write("a file")
        r = report("--no-map", "--out", self.out)
        self.assertOneLine(r, 3, self.out, "not a folder")
        with open(self.out) as f:
            self.assertEqual(f.read(), "a file")
        self.assertEqual(os.listdir(self.tmp), ["out"])

    def test_missing_parents_are_created_and_removed_again(self):
        deep = os.path.join(self.tmp, "a", "b", "report")
        r = report("--facilities", os.path.join(self.tmp, "nope.gpkg"), "--out", deep)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(os.listdir(self.tmp), [])

    def test_read_only_folder(self):
        ro = os.path.join(self.tmp, "ro")
        if not try_mount_tmpfs(ro, "ro,size=100k"):
            self.skipTest("cannot mount a read-only tmpfs here (not root?)")
        try:
            r = report("--no-map", "--out", os.path.join(ro, "out"))
            self.assertOneLine(r, 3, ro)
            self.assertEqual(os.listdir(ro), [])
        finally:
            unmount(ro)

    def test_full_disk(self):
        full = os.path.join(self.tmp, "full")
        if not try_mount_tmpfs(full, "size=200k"):
            self.skipTest("cannot mount a small tmpfs here (not root?)")
        try:
            out = os.path.join(full, "out")
            r = report("--out", out)
            self.assertOneLine(r, 3, out, "No space left on device", "nothing was written")
            self.assertEqual(os.listdir(full), [])
            tif = os.path.join(full, "k.tif")
            r = htsplan("run", "htsplan:kde", "--", "INPUT=" + FACILITIES + "|layername=enterprises",
                        "RADIUS=10000", "PIXEL_SIZE=200", "OUTPUT=" + tif)
            self.assertEqual(r.returncode, 3, r.stderr)
            self.assertIn(tif, r.stderr)
            self.assertNotIn(".htsplan-", r.stderr)  # the target is named, not its temporary file
            self.assertEqual(os.listdir(full), [])
            # QGIS's own algorithms too: a GDAL write failure fails the run.
            r = htsplan("run", "native:buffer", "--", "INPUT=" + FACILITIES + "|layername=enterprises",
                        "DISTANCE=0.1", "SEGMENTS=50", "OUTPUT=" + os.path.join(full, "b.gpkg"))
            self.assertEqual(r.returncode, 3, r.stderr)
            self.assertEqual(os.listdir(full), [])
            # The first output written fine, the second on a disk that fills up: neither is published.
            with open(os.path.join(full, "filler"), "wb") as f:
                f.write(b"x" * 180 * 1024)
            clusters = os.path.join(self.tmp, "clusters.gpkg")
            r = htsplan("run", "htsplan:dbscan", "--", "INPUT=" + FACILITIES + "|layername=enterprises", "EPS=20000",
                        "MIN_SIZE=3", "OUTPUT=" + clusters, "SUMMARY=" + os.path.join(full, "summary.gpkg"))
            self.assertEqual(r.returncode, 3, r.stderr)
            self.assertFalse(os.path.exists(clusters))
            self.assertEqual(os.listdir(full), ["filler"])
            self.assertEqual([n for n in os.listdir(self.tmp) if n.startswith(".")], [])
        finally:
            unmount(full)


class SourcesReadOnly(Case):
    """A full report with the map leaves every source byte for byte as it was."""

    def test_wal_geopackages_unchanged(self):
        src = os.path.join(self.tmp, "src")
        os.makedirs(src)
        admin = os.path.join(src, "admin.gpkg")
        facilities = os.path.join(src, "facilities.gpkg")
        targets = os.path.join(src, "targets.json")
        shutil.copy(ADMIN, admin)
        shutil.copy(FACILITIES, facilities)
        shutil.copy(TARGETS, targets)
        for path in [admin, facilities]:
            db = sqlite3.connect(path)
            self.assertEqual(db.execute("PRAGMA journal_mode=WAL").fetchone()[0], "wal")
            db.close()
            with open(path, "rb") as f:
                self.assertEqual(f.read(20)[18:20], b"\x02\x02")  # WAL in the header
        before = checksums(src)
        r = report("--admin", admin, "--facilities", facilities, "--targets", targets, "--out", self.out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("overview.pdf", os.listdir(self.out))
        self.assertEqual(checksums(src), before)  # no -wal or -shm appeared, none went
        self.assertEqual(sorted(before), ["admin.gpkg", "facilities.gpkg", "targets.json"])


    def test_wal_geopackage_unchanged_by_run(self):
        src = os.path.join(self.tmp, "src")
        os.makedirs(src)
        facilities = os.path.join(src, "facilities.gpkg")
        shutil.copy(FACILITIES, facilities)
        db = sqlite3.connect(facilities)
        db.execute("PRAGMA journal_mode=WAL")
        db.close()
        before = checksums(src)
        layer = facilities + "|layername=parks"
        runs = [
            ["native:buffer", "INPUT=" + layer, "DISTANCE=0.01", "OUTPUT=" + os.path.join(self.tmp, "b.gpkg")],
            ["htsplan:dbscan", "INPUT=" + layer, "EPS=10000", "MIN_SIZE=3", "OUTPUT=" + os.path.join(self.tmp, "d.gpkg")],
            ["htsplan:kde", "INPUT=" + layer, "RADIUS=10000", "PIXEL_SIZE=1000", "OUTPUT=" + os.path.join(self.tmp, "k.tif")],
            ["htsplan:assign", "POINTS=" + layer, "POLYGONS=" + ADMIN + "|layername=counties", "OUTPUT=" + os.path.join(self.tmp, "a.gpkg")],
        ]
        for run in runs:
            with self.subTest(algorithm=run[0]):
                r = htsplan("run", run[0], "--", *run[1:])
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertIn("WAL mode", r.stderr)
                self.assertEqual(checksums(src), before)


class Interrupt(Case):
    """Ctrl-C: exit 130, the staging folder and QGIS's temporary files removed."""

    def test_sigint_during_report(self):
        tmpdir = os.path.join(self.tmp, "tmpdir")
        outer = os.path.join(self.tmp, "outer")
        os.makedirs(tmpdir)
        os.makedirs(outer)
        out = os.path.join(outer, "out")
        env = dict(os.environ, TMPDIR=tmpdir)
        codes = []
        for delay in [0.8, 1.1, 1.4]:
            p = subprocess.Popen([CLI, "report", "--out", out], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
            time.sleep(delay)
            p.send_signal(signal.SIGINT)
            err = p.communicate(timeout=120)[1].decode()
            codes.append(p.returncode)
            if p.returncode == 130:
                self.assertIn("canceled", err)
                self.assertFalse(os.path.exists(out))
            else:  # finished before the signal: the whole report is there
                self.assertEqual(p.returncode, 0, err)
                self.assertEqual(set(os.listdir(out)), REPORT_FILES)
                shutil.rmtree(out)
            self.assertEqual(os.listdir(outer), [])
            self.assertEqual(os.listdir(tmpdir), [], "temporary files left")
        self.assertIn(130, codes)

    def test_sigterm_during_run(self):
        out = os.path.join(self.tmp, "k.tif")
        codes = []
        for delay in [0.8, 1.0, 1.2]:
            p = subprocess.Popen([CLI, "run", "htsplan:kde", "--", "INPUT=" + FACILITIES + "|layername=enterprises",
                                  "RADIUS=50000", "PIXEL_SIZE=100", "OUTPUT=" + out],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            time.sleep(delay)
            p.send_signal(signal.SIGTERM)
            err = p.communicate(timeout=120)[1].decode()
            codes.append(p.returncode)
            if p.returncode == 130:
                self.assertIn("canceled", err)
                self.assertEqual(os.listdir(self.tmp), [])
            else:  # finished before the signal
                self.assertEqual(p.returncode, 0, err)
                self.assertEqual(os.listdir(self.tmp), ["k.tif"])
                os.remove(out)
        self.assertIn(130, codes)


class RunOutputs(Case):
    """`htsplan run` publishes all its outputs or none."""

    def test_second_output_unwritable_writes_neither(self):
        blocker = os.path.join(self.tmp, "file")
        with open(blocker, "w") as f:
            f.write("x")
        clusters = os.path.join(self.tmp, "clusters.gpkg")
        r = htsplan("run", "htsplan:dbscan", "--", "INPUT=" + PARKS, "EPS=20000", "MIN_SIZE=3",
                    "OUTPUT=" + clusters, "SUMMARY=" + os.path.join(blocker, "summary.gpkg"))
        self.assertOneLine(r, 3, "SUMMARY", blocker)
        self.assertEqual(os.listdir(self.tmp), ["file"])

    def test_both_outputs_replace_older_ones(self):
        clusters = os.path.join(self.tmp, "clusters.gpkg")
        summary = os.path.join(self.tmp, "summary.gpkg")
        for path in [clusters, summary]:
            with open(path, "w") as f:
                f.write("old")
        r = htsplan("run", "htsplan:dbscan", "--", "INPUT=" + PARKS, "EPS=20000", "MIN_SIZE=3",
                    "OUTPUT=" + clusters, "SUMMARY=" + summary)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("OUTPUT:\t" + clusters, r.stdout)  # the results name the files, not their temporaries
        self.assertIn("SUMMARY:\t" + summary, r.stdout)
        from osgeo import ogr
        for path in [clusters, summary]:
            with open(path, "rb") as f:
                self.assertEqual(f.read(16), b"SQLite format 3\x00")
            # the layer is named after the file, not after its staged twin
            ds = ogr.Open(path)
            self.assertEqual(ds.GetLayer(0).GetName(), os.path.splitext(os.path.basename(path))[0])
            ds = None
        self.assertEqual(sorted(os.listdir(self.tmp)), ["clusters.gpkg", "summary.gpkg"])

    def test_failed_run_keeps_older_outputs(self):
        tif = os.path.join(self.tmp, "k.tif")
        with open(tif, "w") as f:
            f.write("old")
        empty = os.path.join(self.tmp, "empty.gpkg")
        subprocess.run(["ogr2ogr", "-f", "GPKG", "-where", "1=0", empty, FACILITIES, "parks"], check=True)
        r = htsplan("run", "htsplan:kde", "--", "INPUT=" + empty, "RADIUS=1000", "PIXEL_SIZE=100", "OUTPUT=" + tif)
        self.assertEqual(r.returncode, 2, r.stderr)
        with open(tif) as f:
            self.assertEqual(f.read(), "old")
        self.assertEqual(sorted(os.listdir(self.tmp)), ["empty.gpkg", "k.tif"])

    def test_shapefile_sidecars_published_together(self):
        shp = os.path.join(self.tmp, "buffer.shp")
        r = htsplan("run", "native:buffer", "--", "INPUT=" + PARKS, "DISTANCE=0.01", "OUTPUT=" + shp)
        self.assertEqual(r.returncode, 0, r.stderr)
        names = set(os.listdir(self.tmp))
        self.assertTrue({"buffer.shp", "buffer.shx", "buffer.dbf"} <= names, names)
        self.assertEqual([n for n in names if n.startswith(".")], [])


class ParameterErrors(Case):
    """Every htsplan algorithm with a missing, unknown or wrong-typed parameter: exit 2, one line naming it, nothing written."""

    def valid_parameters(self):
        counties = ADMIN + "|layername=counties"
        out = lambda name: os.path.join(self.tmp, name)
        # The register lives outside self.tmp, which must stay empty after a failed run.
        sources = tempfile.mkdtemp(prefix="htsplan-register-")
        self.addCleanup(shutil.rmtree, sources, True)
        register = os.path.join(sources, "名录.csv")
        with open(register, "w", encoding="utf-8") as f:
            f.write("名称,经度,纬度\n甲园,117.1,36.6\n")
        return {
            "htsplan:importlist": dict(INPUT=register, KIND=2, CRS=2, OUTPUT=out("i.gpkg"), ROWS=out("i_rows.csv")),
            "htsplan:chinacoords": dict(INPUT=PARKS, FROM=2, TO=0, OUTPUT=out("cc.gpkg")),
            "htsplan:assign": dict(POINTS=PARKS, POLYGONS=counties, OUTPUT=out("a.gpkg")),
            "htsplan:density": dict(POINTS=PARKS, UNITS=counties, OUTPUT=out("d.gpkg")),
            "htsplan:hexdensity": dict(INPUT=PARKS, CELL_SIZE=20000, OUTPUT=out("h.gpkg")),
            "htsplan:kde": dict(INPUT=PARKS, RADIUS=10000, PIXEL_SIZE=1000, OUTPUT=out("k.tif")),
            "htsplan:coverage": dict(CARRIERS=PARKS, UNITS=counties, RADIUS=10000, OUTPUT=out("c.gpkg")),
            "htsplan:nni": dict(INPUT=PARKS, OUTPUT_HTML_FILE=out("n.html")),
            "htsplan:specialization": dict(POINTS=PARKS, UNITS=counties, OUTPUT=out("sp.gpkg")),
            "htsplan:dbscan": dict(INPUT=PARKS, EPS=20000, MIN_SIZE=3, OUTPUT=out("db.gpkg"), SUMMARY=out("s.gpkg")),
            "htsplan:hotspots": dict(INPUT=counties, FIELD="blue_zone", OUTPUT=out("hs.gpkg")),
            "htsplan:moran": dict(INPUT=counties, FIELD="blue_zone", PERMUTATIONS=0, OUTPUT=out("m.gpkg")),
            "htsplan:growth": dict(FACILITIES=FACILITIES, FROM_YEAR=2012, OUTPUT=out("g.gpkg")),
            "htsplan:allocate": dict(FACILITIES=FACILITIES, OUTPUT=out("al.gpkg")),
            "htsplan:validate": dict(FACILITIES=FACILITIES, PARK_BASE_M=8000, OUTPUT=out("v.gpkg")),
        }

    def test_every_algorithm(self):
        import json
        listed = json.loads(htsplan("list", "--json").stdout)["providers"]["htsplan"]["algorithms"]
        valid = self.valid_parameters()
        self.assertEqual(sorted(listed), sorted(valid), "an algorithm without a case here")
        wrong = {"number": "abc", "enum": "99", "boolean": "maybe", "field": "no_such_field",
                 "source": os.path.join(self.tmp, "nope.gpkg")}
        for algorithm, parameters in valid.items():
            definitions = json.loads(htsplan("help", algorithm, "--json").stdout)["parameters"]
            cases = [("unknown", "BOGUS", dict(parameters, BOGUS="1"))]
            for name, d in definitions.items():
                if d["is_destination"]:
                    continue
                if not d["optional"] and d["default_value"] is None and name in parameters:
                    cases.append(("missing", name, {k: v for k, v in parameters.items() if k != name}))
                if d["type"] in wrong:
                    cases.append(("wrong " + d["type"], name, dict(parameters, **{name: wrong[d["type"]]})))
            r = htsplan("run", algorithm, "--", *["{}={}".format(k, v) for k, v in parameters.items()])
            self.assertEqual(r.returncode, 0, r.stderr)  # the valid set runs
            for f in os.listdir(self.tmp):
                os.remove(os.path.join(self.tmp, f))
            for kind, name, p in cases:
                with self.subTest(algorithm=algorithm, case=kind, parameter=name):
                    r = htsplan("run", algorithm, "--", *["{}={}".format(k, v) for k, v in p.items()])
                    self.assertOneLine(r, 2, algorithm, name)
                    self.assertEqual(os.listdir(self.tmp), [], "nothing written")


if __name__ == "__main__":
    unittest.main()
