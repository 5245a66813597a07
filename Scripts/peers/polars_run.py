#!/usr/bin/env python3
"""Polars peer of `icews run`: dump → frames → zscore → window → split → window differencing → .npy windows.

Frames come from polars_frames (the same lazy scan and sparse aggregation). Normalization statistics are
taken from the sparse entries in polars (sum and sum of squares per feature in double precision, empty
frames counted as zeros, over the train days of every group; std 0 → 1). Each group's dense series is
built from its slice of the sparse entries, normalized, windowed and differenced, and its windows are
appended to one .npy per split in export order (group, then start day):

    OUT/{train,valid,test}.npy          float32 [N, T, F]
    OUT/{train,valid,test}_keys.npy     int64 [N, 2] (group index, start day index)
    OUT/run.json                        counts, statistics, layout

    python polars_run.py --pipeline Pipelines/icews-274.yaml --input dump.tab --out DIR
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

from polars_frames import (REPO, PipelineSettings, SparseFrames, build_sparse_frames, frames_summary,
                           load_pipeline, read_events)

SPLITS = ("train", "valid", "test")


def train_day_count(settings: PipelineSettings, sparse: SparseFrames) -> int:
    layout = sparse.layout
    if settings.train_end is None:
        return layout.days
    return max(0, min(layout.days, (settings.train_end - layout.start).days + 1))


def zscore_statistics(sparse: SparseFrames, train_days: int) -> tuple[np.ndarray, np.ndarray]:
    """Per-feature mean and std (population) over the train frames of every group, zeros included."""
    layout = sparse.layout
    features = len(layout.feature_names)
    count = len(layout.groups) * train_days
    if count == 0:
        sys.exit("no train frames to fit on: split.train_end is before the calendar start")
    width = sparse.feature_count
    sums = (
        sparse.entries.filter((pl.col("key") // width % layout.days) < train_days)
        .group_by(col=pl.col("key") % width)
        .agg(s=pl.col("value").cast(pl.Float64).sum(), q=(pl.col("value").cast(pl.Float64) ** 2).sum())
    )
    total = np.zeros(features)
    squares = np.zeros(features)
    total[sums["col"].to_numpy()] = sums["s"].to_numpy()
    squares[sums["col"].to_numpy()] = sums["q"].to_numpy()
    mean = total / count
    std = np.sqrt(np.maximum(squares / count - mean * mean, 0.0))
    return mean, np.where(std == 0, 1.0, std)


def split_of_windows(settings: PipelineSettings, sparse: SparseFrames, starts: np.ndarray) -> np.ndarray:
    """0 train, 1 valid, 2 test, -1 dropped (straddles a boundary), by each window's first and last day."""
    length = settings.window_length
    if settings.train_end is None:
        return np.zeros(len(starts), dtype=np.int8)
    start = sparse.layout.start
    train_last = (settings.train_end - start).days
    valid_last = (settings.valid_end - start).days if settings.valid_end else np.iinfo(np.int64).max

    def split_of(day: np.ndarray) -> np.ndarray:
        return np.where(day <= train_last, 0, np.where(day <= valid_last, 1, 2))

    first, last = split_of(starts), split_of(starts + length - 1)
    return np.where(first == last, last, -1).astype(np.int8)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pipeline", type=Path, default=REPO / "Pipelines/icews-274.yaml")
    parser.add_argument("--input", type=Path, nargs="+", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    settings = load_pipeline(args.pipeline)
    if settings.normalize not in ("zscore", "none"):
        sys.exit(f"{args.pipeline}: normalize {settings.normalize} is not implemented by the polars peer")
    began = time.perf_counter()
    table = read_events(args.input, settings)
    sparse = build_sparse_frames(table, settings)
    layout = sparse.layout
    features = sparse.feature_count
    groups = len(layout.groups)

    train_days = train_day_count(settings, sparse)
    if settings.normalize == "zscore":
        mean, std = zscore_statistics(sparse, train_days)
    else:
        mean, std = np.zeros(features), np.ones(features)

    length, stride = settings.window_length, settings.window_stride
    starts = np.arange(0, layout.days - length + 1, stride, dtype=np.int64)
    every_start = np.arange(0, layout.days, stride)
    dropped_partial = groups * int((every_start + length > layout.days).sum())
    membership = split_of_windows(settings, sparse, starts)
    chosen = {name: starts[membership == index] for index, name in enumerate(SPLITS)}
    counts = {name: groups * len(chosen[name]) for name in SPLITS}

    # One group's dense series at a time, from its slice of the key-sorted entries; windows are appended to
    # each split's .npy in export order, so memory stays at one series plus the sparse entries.
    args.out.mkdir(parents=True, exist_ok=True)
    outputs = {}
    for name in SPLITS:
        handle = open(args.out / f"{name}.npy", "wb")
        np.lib.format.write_array_header_1_0(handle, {
            "descr": np.lib.format.dtype_to_descr(np.dtype(np.float32)), "fortran_order": False,
            "shape": (counts[name], length, features)})
        outputs[name] = handle
        group_index = np.repeat(np.arange(groups, dtype=np.int64), len(chosen[name]))
        np.save(args.out / f"{name}_keys.npy", np.stack([group_index, np.tile(chosen[name], groups)], axis=1))

    entries = sparse.entries.sort("key")
    keys, values = entries["key"].to_numpy(), entries["value"].to_numpy()
    per_group = layout.days * features
    bounds = np.searchsorted(keys, np.arange(groups + 1, dtype=np.int64) * per_group)
    series = np.zeros(per_group, dtype=np.float64)  # buffers reused for every group
    frames = series.reshape(layout.days, features)
    normalized = np.empty((layout.days, features), dtype=np.float32)
    for g in range(groups):
        series[:] = 0
        series[keys[bounds[g]:bounds[g + 1]] - g * per_group] = values[bounds[g]:bounds[g + 1]]
        frames -= mean  # double arithmetic, stored as float32
        frames /= std
        normalized[:] = frames
        if settings.difference_order == 1 and settings.difference_scope == "series":
            normalized[1:] = normalized[1:] - normalized[:-1]
        for name in SPLITS:
            if len(chosen[name]) == 0:
                continue
            windows = normalized[chosen[name][:, None] + np.arange(length)]  # [n, T, F]
            if settings.difference_order == 1 and settings.difference_scope == "window":
                windows[:, 1:] = windows[:, 1:] - windows[:, :-1]
            windows.tofile(outputs[name])
    for handle in outputs.values():
        handle.close()
    summary = frames_summary(table, layout) | {
        "windows": counts,
        "dropped_straddling": int((membership < 0).sum()) * groups,
        "dropped_partial": dropped_partial,
        "mean": mean.tolist(),
        "std": std.tolist(),
    }
    (args.out / "run.json").write_text(json.dumps(summary, indent=1))
    print(
        f"polars run peer: {table.rows_read} rows, {groups} groups x {layout.days} days; windows "
        f"{counts} in {time.perf_counter() - began:.2f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
