"""The reader as a user gets it: `pip install ./Scripts/python` into a fresh venv, imported from
elsewhere; and train_from_stream.py's help."""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)  # Scripts/python
sys.path.insert(0, PACKAGE)

import icews_shards  # noqa: E402

WEEKLY = os.path.join(HERE, "fixtures", "weekly-sample")

# Run by the venv's python with -I (no cwd, no PYTHONPATH), from a folder outside the repository.
USE_INSTALLED = """
import importlib.metadata, json, sys
import icews_shards
windows, groups, starts = icews_shards.read_split(sys.argv[1], "valid", names=True)
table = icews_shards.frames(sys.argv[1], "valid")
print(json.dumps({"file": icews_shards.__file__, "version": importlib.metadata.version("icews-shards"),
                  "shape": list(windows.shape), "first": [str(groups[0]), str(starts[0])],
                  "rows": len(table["date"]), "columns": list(table)}))
"""


def offline_build_missing():
    """Why pip cannot build the package here without an index (None when it can): it needs setuptools,
    and below setuptools 70.1 the wheel package for bdist_wheel."""
    if not importlib.util.find_spec("setuptools"):
        return "setuptools"
    if not (importlib.util.find_spec("wheel") or importlib.util.find_spec("setuptools.command.bdist_wheel")):
        return "wheel"
    return None


@unittest.skipIf(offline_build_missing(), f"{offline_build_missing()} is not installed for this python, so pip "
                 "cannot build the package offline (make deps-python installs it)")
class PipInstall(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="icews-pip-")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_installs_into_a_fresh_venv_and_imports_from_outside_the_repository(self):
        venv = os.path.join(self.tmp, "venv")
        made = subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", venv],
                              capture_output=True, text=True)
        if made.returncode != 0:
            self.skipTest(f"python -m venv failed (Debian: apt-get install python3-venv): {made.stderr.strip()}")
        # A copy of Scripts/python, so the build leaves no build/ or *.egg-info in the work tree.
        source = os.path.join(self.tmp, "python")
        shutil.copytree(PACKAGE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
        pip = os.path.join(venv, "bin", "pip")
        installed = subprocess.run([pip, "install", "--no-deps", "--no-build-isolation", "--no-index", source],
                                   capture_output=True, text=True)
        self.assertEqual(installed.returncode, 0, installed.stdout + installed.stderr)

        elsewhere = os.path.join(self.tmp, "elsewhere")
        os.mkdir(elsewhere)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        ran = subprocess.run([os.path.join(venv, "bin", "python"), "-I", "-c", USE_INSTALLED, WEEKLY],
                             cwd=elsewhere, env=env, capture_output=True, text=True)
        self.assertEqual(ran.returncode, 0, ran.stderr)
        got = json.loads(ran.stdout)
        self.assertTrue(os.path.realpath(got["file"]).startswith(os.path.realpath(venv)), got["file"])
        self.assertEqual(got["version"], icews_shards.__version__)
        windows, groups, starts = icews_shards.read_split(WEEKLY, "valid", names=True)
        self.assertEqual(got["shape"], list(windows.shape))
        self.assertEqual(got["first"], [groups[0], starts[0]])
        self.assertEqual(got["rows"], windows.shape[0] * windows.shape[1])
        self.assertEqual(got["columns"][:4], list(icews_shards.KEY_COLUMNS))


class TrainFromStreamHelp(unittest.TestCase):
    def test_help_shows_every_default(self):
        result = subprocess.run([sys.executable, os.path.join(PACKAGE, "train_from_stream.py"), "--help"],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        help_text = " ".join(result.stdout.split())
        for default in ("(default: 20)", "(default: 32)", "(default: 0.001)", "(default: False)"):
            self.assertIn(default, help_text)


if __name__ == "__main__":
    unittest.main()
