"""Re-runs the calling script under Debian's python3 (the one with PyQGIS;
pyenv or a venv may shadow it) with a fixed Qt hash seed (Qt writes XML
attributes in hash order) and an offscreen Qt platform. Import it before any
qgis import: `import pyqgis_env  # noqa: F401`."""
import os
import sys

try:
    import qgis.core  # noqa: F401
    _python = sys.executable
except ImportError:
    _python = "/usr/bin/python3"
if os.environ.get("QT_HASH_SEED") != "0" or _python != sys.executable:
    os.environ["QT_HASH_SEED"] = "0"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.execv(_python, [_python] + sys.argv)
