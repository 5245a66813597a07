#!/usr/bin/env python3
"""numpy / PyTorch DataLoader peer of the toolkit's loader: shuffled batches [B, T, F] from a windows .npy.

The windows file is memory-mapped; each batch is one fancy-indexed gather (a contiguous float32 copy).
`--mode torch` goes through torch.utils.data.DataLoader with a BatchSampler over a RandomSampler
(batched indexing, num_workers 0, one intra-op thread); `--mode numpy` is the same gather without torch.
Reports GB/s of float windows delivered per epoch on one core (pin it with `taskset -c 0`).

    python numpy_loader.py windows.npy --batch 64 --epochs 2 --seed 0 [--mode torch|numpy]

The last line is machine-readable: `RESULT mode=… windows=… bytes=… seconds=… gbps=… max_rss_mib=…`
(the best epoch, usually a warm page cache).
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import numpy as np


class WindowArray:
    """Map-style dataset over a memory-mapped [N, T, F] array; indexing by a list gathers a whole batch."""

    def __init__(self, path: Path):
        self.windows = np.load(path, mmap_mode="r")

    def __len__(self) -> int:
        return self.windows.shape[0]

    def __getitem__(self, indices):
        import torch

        return torch.from_numpy(self.windows[np.asarray(indices)])


def torch_epochs(path: Path, batch: int, epochs: int, seed: int, drop_last: bool):
    import torch
    from torch.utils.data import BatchSampler, DataLoader, RandomSampler

    torch.set_num_threads(1)
    dataset = WindowArray(path)
    for epoch in range(epochs):
        generator = torch.Generator().manual_seed(seed * 1_000_003 + epoch)
        sampler = BatchSampler(RandomSampler(dataset, generator=generator), batch, drop_last)
        loader = DataLoader(dataset, sampler=sampler, batch_size=None, num_workers=0)
        began = time.perf_counter()
        delivered = 0
        for tensor in loader:
            delivered += tensor.numel() * tensor.element_size()
        yield delivered, time.perf_counter() - began


def numpy_epochs(path: Path, batch: int, epochs: int, seed: int, drop_last: bool):
    windows = np.load(path, mmap_mode="r")
    count = windows.shape[0]
    for epoch in range(epochs):
        order = np.random.default_rng([seed, epoch]).permutation(count)
        stop = count - count % batch if drop_last else count
        began = time.perf_counter()
        delivered = 0
        for first in range(0, stop, batch):
            chunk = windows[order[first:first + batch]]
            delivered += chunk.nbytes
        yield delivered, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("windows", type=Path)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--mode", choices=("torch", "numpy"), default="torch")
    parser.add_argument("--drop-last", action="store_true")
    args = parser.parse_args()

    shape = np.load(args.windows, mmap_mode="r").shape
    run = torch_epochs if args.mode == "torch" else numpy_epochs
    best = None
    for epoch, (delivered, seconds) in enumerate(run(args.windows, args.batch, args.epochs, args.seed,
                                                     args.drop_last)):
        rate = delivered / seconds / 1e9
        print(f"{args.mode} epoch {epoch}: {delivered / 1e9:.3f} GB of windows {shape} in {seconds:.3f} s "
              f"= {rate:.3f} GB/s")
        if best is None or rate > best[2]:
            best = (delivered, seconds, rate)
    max_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"RESULT mode={args.mode} windows={shape[0]} bytes={best[0]} seconds={best[1]:.4f} "
          f"gbps={best[2]:.3f} max_rss_mib={max_rss_mib:.0f}")


if __name__ == "__main__":
    main()
