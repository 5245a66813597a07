"""Checks the polars peers against the row-by-row reference on a generated sample (needs polars + pyyaml).

    /work/venv-peers/bin/python -m unittest discover -s Scripts/peers/tests -v
"""

import datetime as dt
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np

PEERS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PEERS))

from naive_frames import naive_frames  # noqa: E402

PIPELINE = """name: peer-test
input:
  format: icews
  on_bad_row: reject
frames:
  group_by: country
  features:
    - one_hot: quad_class
    - one_hot: cameo_root
    - multi_hot: source_sectors
      top_k: 124
      other: true
    - multi_hot: target_sectors
      top_k: 124
      other: true
split:
  train_end: 1995-02-28
  valid_end: 1995-03-31
normalize: zscore
difference:
  order: 1
  scope: window
window:
  length: 14
  stride: 14
"""

BAD_ROWS = (
    "900001\t1995-13-01\tX\t\tY\tZ\t010\t0\tA\t\tB\t1\t1\tP\t\t\t\tFrance\t0\t0\n"
    "900002\t1995-02-01\tX\t\tY\tZ\t999\t0\tA\t\tB\t1\t1\tP\t\t\t\tFrance\t0\t0\n"
)


class PolarsPeerTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = Path(tempfile.mkdtemp(prefix="peers-"))
        cls.sample = cls.work / "sample.tab"
        subprocess.run([sys.executable, PEERS / "make_classic_sample.py", "--rows", "6000", "--seed", "3",
                        "-o", cls.sample], check=True)
        with cls.sample.open("a", encoding="utf-8") as handle:
            handle.write(BAD_ROWS)
        cls.pipeline = cls.work / "pipeline.yaml"
        cls.pipeline.write_text(PIPELINE)
        cls.reference, cls.reference_summary = naive_frames([cls.sample], dt.date(1995, 2, 28))

    def run_peer(self, script: str, out: Path) -> None:
        subprocess.run([sys.executable, PEERS / script, "--pipeline", self.pipeline, "--input", self.sample,
                        "--out", out], check=True, capture_output=True)

    def test_frames_equal_the_row_by_row_reference(self):
        out = self.work / "frames"
        self.run_peer("polars_frames.py", out)
        frames = np.load(out / "frames.npy")
        self.assertEqual(frames.shape, self.reference.shape)
        np.testing.assert_allclose(frames, self.reference, atol=1e-7, rtol=0)
        summary = json.loads((out / "frames.json").read_text())
        for key in ("groups", "start", "days", "rows_read", "rows_rejected", "duplicates", "vocabularies"):
            self.assertEqual(summary[key], self.reference_summary[key], key)
        self.assertEqual(summary["rows_rejected"], 2)
        self.assertGreater(summary["duplicates"], 0)

    def test_vocabulary_shorter_than_top_k_keeps_the_width_with_unused_slots(self):
        pipeline = self.work / "wide.yaml"
        pipeline.write_text(PIPELINE.replace("top_k: 124", "top_k: 250"))
        out = self.work / "wide"
        subprocess.run([sys.executable, PEERS / "polars_frames.py", "--pipeline", pipeline, "--input", self.sample,
                        "--out", out], check=True, capture_output=True)
        reference, reference_summary = naive_frames([self.sample], dt.date(1995, 2, 28), top_k=250)
        frames = np.load(out / "frames.npy")
        summary = json.loads((out / "frames.json").read_text())
        self.assertEqual(frames.shape, (reference.shape[0], 24 + 2 * 251))
        np.testing.assert_allclose(frames, reference, atol=1e-7, rtol=0)
        used = len(summary["vocabularies"]["source_sectors"])
        self.assertLess(used, 250)
        self.assertEqual(summary["features"][24 + used], f"src:(unused {used + 1})")
        self.assertEqual(summary["features"][24 + 250], "src:(other)")

    def test_run_windows_equal_reference_transforms(self):
        out = self.work / "run"
        self.run_peer("polars_run.py", out)
        summary = self.reference_summary
        days, groups = summary["days"], len(summary["groups"])
        start = dt.date.fromisoformat(summary["start"])
        train_last = (dt.date(1995, 2, 28) - start).days
        valid_last = (dt.date(1995, 3, 31) - start).days
        series = self.reference.reshape(groups, days, -1).astype(np.float64)
        train = series[:, :train_last + 1].reshape(-1, series.shape[2])
        mean, std = train.mean(axis=0), train.std(axis=0)
        std[std == 0] = 1
        normalized = ((series - mean) / std).astype(np.float32)
        expected = {"train": [], "valid": [], "test": []}
        for g in range(groups):
            for s in range(0, days - 13, 14):
                e = s + 13
                name = ("train" if e <= train_last else "valid" if e <= valid_last else "test")
                first = ("train" if s <= train_last else "valid" if s <= valid_last else "test")
                if name != first:
                    continue
                window = normalized[g, s:e + 1].copy()
                window[1:] = window[1:] - window[:-1]
                expected[name].append((window, (g, s)))
        for name, items in expected.items():
            windows = np.load(out / f"{name}.npy")
            keys = np.load(out / f"{name}_keys.npy")
            self.assertEqual(windows.shape[0], len(items), name)
            np.testing.assert_allclose(windows, np.stack([w for w, _ in items]), atol=2e-5, rtol=1e-5)
            self.assertEqual(keys.tolist(), [list(k) for _, k in items])


if __name__ == "__main__":
    unittest.main()
