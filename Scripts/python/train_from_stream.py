#!/usr/bin/env python3
"""Train a small PyTorch LSTM autoencoder on batches piped from `icews stream`.

`icews stream` writes each batch as one .npy array (float32 [B, T, F]); with `--keys` each is
followed by its int64 [B, 2] keys (group index, start day index). This script reads that stream
from stdin without loading it all: one batch in memory at a time.

    icews stream out/ --split train --batch 64 --shuffle --seed 1 --epoch 0 \\
        | python3 Scripts/python/train_from_stream.py --steps 50
    python3 Scripts/python/train_from_stream.py --keys --steps 10 < <(icews stream out/ --batch 32 --keys)

torch is optional: without it the script reads the stream and prints what it would train on.
Needs numpy.
"""

from __future__ import annotations

import argparse
import sys
from typing import BinaryIO, Iterator, Optional, Tuple

import numpy as np


def read_arrays(stream: BinaryIO) -> Iterator[np.ndarray]:
    """Yields each .npy array of a concatenated stream, in order; stops cleanly at end of input."""
    while True:
        first = stream.read(1)
        if not first:
            return
        rest = stream.read(5)
        if first + rest != b"\x93NUMPY":
            raise ValueError("input is not a stream of .npy arrays (bad magic); pipe `icews stream` into it")
        version = tuple(stream.read(2))
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(stream)
        elif version == (2, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(stream)
        else:
            raise ValueError(f"unsupported .npy version {version}")
        if fortran:
            raise ValueError("Fortran-ordered arrays are not part of the stream format")
        count = int(np.prod(shape))
        payload = stream.read(count * dtype.itemsize)
        if len(payload) != count * dtype.itemsize:
            raise ValueError("stream ended inside an array (the producer stopped early?)")
        yield np.frombuffer(payload, dtype=dtype).reshape(shape)


def read_batches(stream: BinaryIO, keys: bool = False) -> Iterator[Tuple[np.ndarray, Optional[np.ndarray]]]:
    """Yields (windows [B, T, F] float32, keys [B, 2] int64 or None) per batch."""
    arrays = read_arrays(stream)
    for windows in arrays:
        if windows.dtype != np.float32 or windows.ndim != 3:
            raise ValueError(f"expected a float32 [B, T, F] batch, got {windows.dtype} {windows.shape}")
        batch_keys = None
        if keys:
            batch_keys = next(arrays, None)
            if batch_keys is None or batch_keys.dtype != np.int64 or batch_keys.shape != (windows.shape[0], 2):
                raise ValueError("expected int64 [B, 2] keys after each batch (was the stream made with --keys?)")
        yield windows, batch_keys


def train(batches, steps: int, hidden: int, lr: float) -> None:
    import torch
    from torch import nn

    class Autoencoder(nn.Module):
        """Encoder LSTM → final (h, c) → decoder LSTMCell fed its own previous output."""

        def __init__(self, features: int):
            super().__init__()
            self.encoder = nn.LSTM(features, hidden, batch_first=True)
            self.decoder = nn.LSTMCell(features, hidden)
            self.head = nn.Linear(hidden, features)

        def forward(self, x):
            _, (h, c) = self.encoder(x)
            h, c = h[-1], c[-1]
            out = self.head(h)
            outputs = [out]
            for _ in range(x.shape[1] - 1):
                h, c = self.decoder(out, (h, c))
                out = self.head(h)
                outputs.append(out)
            return torch.stack(outputs, dim=1)

    torch.manual_seed(0)
    model = None
    optimizer = None
    for step, (windows, batch_keys) in enumerate(batches):
        if step >= steps:
            break
        x = torch.from_numpy(windows.copy())  # the stream's buffer is read-only
        if model is None:
            model = Autoencoder(x.shape[2])
            optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        loss = nn.functional.mse_loss(model(x), x)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        where = f" first key {tuple(int(v) for v in batch_keys[0])}" if batch_keys is not None else ""
        print(f"step {step}: batch {tuple(x.shape)} loss {loss.item():.6f}{where}", flush=True)


def describe(batches, steps: int) -> None:
    print("torch is not installed: reading the stream only (pip install torch to train)")
    for step, (windows, batch_keys) in enumerate(batches):
        if step >= steps:
            break
        # What training would see: the batch shape and the loss of predicting zeros (its mean square).
        where = f" first key {tuple(int(v) for v in batch_keys[0])}" if batch_keys is not None else ""
        print(f"step {step}: would train on batch {windows.shape} (mean square {float(np.mean(windows ** 2)):.6f}){where}")


class _HelpFormatter(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    """Keeps the docstring's layout and appends each option's default to its help."""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=_HelpFormatter)
    parser.add_argument("--steps", type=int, default=20, help="training steps (batches) to run")
    parser.add_argument("--hidden", type=int, default=32, help="LSTM hidden size")
    parser.add_argument("--lr", type=float, default=1e-3, help="Adam learning rate")
    parser.add_argument("--keys", action="store_true", help="the stream was made with `icews stream --keys`")
    args = parser.parse_args(argv)
    batches = read_batches(sys.stdin.buffer, keys=args.keys)
    try:
        import torch  # noqa: F401
    except ImportError:
        describe(batches, args.steps)
    else:
        train(batches, args.steps, args.hidden, args.lr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
