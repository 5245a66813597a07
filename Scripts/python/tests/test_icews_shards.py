"""The Python shard reader against `icews export` (needs the built binary; `make test` builds it first)."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Scripts", "python"))

import icews_shards  # noqa: E402

ICEWS = os.environ.get("ICEWS_BIN", os.path.join(ROOT, ".build", "debug", "icews"))


def icews(*args):
    return subprocess.run([ICEWS, *args], capture_output=True, text=True)


@unittest.skipUnless(os.access(ICEWS, os.X_OK), f"no icews binary at {ICEWS}: run `swift build` first (or set ICEWS_BIN)")
class ReaderMatchesExport(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="icews-py-")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def run_pipeline(self, dtype="float32"):
        pipeline = os.path.join(self.tmp, "sensors.yaml")
        with open(os.path.join(ROOT, "Fixtures", "shards", "sensors.yaml")) as f:
            text = f.read().replace("dtype: float32", f"dtype: {dtype}")
        with open(pipeline, "w") as f:
            f.write(text)
        out = os.path.join(self.tmp, "shards-" + dtype)
        result = icews("run", pipeline, "--input", os.path.join(ROOT, "Fixtures", "shards", "sensors.csv"), "--out", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        return out

    def exported(self, out, split):
        npy, keys = os.path.join(self.tmp, split + ".npy"), os.path.join(self.tmp, split + "-keys.npy")
        result = icews("export", out, "--split", split, "--format", "npy", "-o", npy, "--keys", keys)
        self.assertEqual(result.returncode, 0, result.stderr)
        return np.load(npy), np.load(keys)

    def test_every_split_equals_export_with_keys(self):
        out = self.run_pipeline()
        for split in icews_shards.SPLITS:
            windows, keys = icews_shards.read_split(out, split, keys=True)
            want, want_keys = self.exported(out, split)
            self.assertEqual(windows.dtype, np.float32)
            self.assertEqual(keys.dtype, np.int64)
            self.assertGreater(len(windows), 0)
            np.testing.assert_array_equal(windows, want)
            np.testing.assert_array_equal(keys, want_keys)
            np.testing.assert_array_equal(icews_shards.read_split(out, split), want)

    def test_float16_shards_read_as_float32_equal_to_export(self):
        out = self.run_pipeline("float16")
        windows = icews_shards.read_split(out, "train")
        want, _ = self.exported(out, "train")
        self.assertEqual(windows.dtype, np.float32)
        np.testing.assert_array_equal(windows, want)

    def test_a_flipped_byte_names_shard_and_block(self):
        out = self.run_pipeline()
        shard = os.path.join(out, "train", "shard-00000.icws")
        with open(shard, "r+b") as f:
            f.seek(32 + 16 + 3)
            byte = f.read(1)
            f.seek(32 + 16 + 3)
            f.write(bytes([byte[0] ^ 0x10]))
        with self.assertRaises(icews_shards.ShardError) as caught:
            icews_shards.read_shard(shard, "train/shard-00000.icws")
        self.assertIn("train/shard-00000.icws, block 0", str(caught.exception))
        with self.assertRaises(icews_shards.ShardError):
            icews_shards.read_split(out, "train")

    def assert_names_match_inspect(self, out, split):
        """Group name and start date of the first, a middle and the last window, as `icews inspect` prints them."""
        _, groups, starts = icews_shards.read_split(out, split, names=True)
        self.assertGreater(len(groups), 0)
        for index in sorted({0, len(groups) // 2, len(groups) - 1}):
            result = icews("inspect", out, "--split", split, "--index", str(index))
            self.assertEqual(result.returncode, 0, result.stderr)
            header = re.search(r"window \d+: group (.*), (\d{4}-\d{2}-\d{2}),", result.stdout)
            self.assertIsNotNone(header, result.stdout)
            self.assertEqual((groups[index], starts[index]), header.groups(), f"{split} window {index}")

    def test_names_of_daily_windows_match_inspect(self):
        out = self.run_pipeline()
        for split in icews_shards.SPLITS:
            self.assert_names_match_inspect(out, split)

    def test_names_of_weekly_windows_match_inspect(self):
        for split in icews_shards.SPLITS:
            self.assert_names_match_inspect(os.path.join(HERE, "fixtures", "weekly-sample"), split)

    def test_names_of_monthly_windows_match_inspect(self):
        pipeline = os.path.join(self.tmp, "monthly.yaml")
        with open(os.path.join(HERE, "fixtures", "weekly-sample.yaml")) as f:
            text = f.read().replace("period: week", "period: month").replace("length: 4", "length: 3")
        with open(pipeline, "w") as f:
            f.write(text.replace("stride: 4", "stride: 5"))
        out = os.path.join(self.tmp, "monthly")
        sample = os.path.join(ROOT, "Fixtures", "sample", "icews-sample.tab.gz")
        result = icews("run", pipeline, "--input", sample, "--out", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(icews_shards.read_manifest(out)["period"], "month")
        self.assert_names_match_inspect(out, "test")


if __name__ == "__main__":
    unittest.main()
