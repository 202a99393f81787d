"""A test case class that runs `htsplan report --no-map --no-analyses` on the
bundled data once per class and keeps its metrics.json (self.metrics) and output
folder (self.out); every test fails with the CLI's stderr when the run failed.
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

CLI = os.environ.get("HTSPLAN_CLI", "build/cli/htsplan")


class BundledReport(unittest.TestCase):
    prefix = "htsplan-report-"

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix=cls.prefix)
        cls.out = os.path.join(cls.tmp, "report")
        cls.result = subprocess.run([CLI, "report", "--no-map", "--no-analyses", "--out", cls.out],
                                    capture_output=True, text=True, timeout=300)
        cls.metrics = None
        if cls.result.returncode == 0:
            with open(os.path.join(cls.out, "metrics.json"), encoding="utf-8") as f:
                cls.metrics = json.load(f)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
