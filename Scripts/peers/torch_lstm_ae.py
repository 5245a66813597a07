#!/usr/bin/env python3
"""PyTorch peer of the Autoencoder module: the same LSTM autoencoder, timed per training step.

Same model as Sources/Autoencoder (and Fixtures/golden/README): encoder nn.LSTM(F, H, batch_first=True),
decoder LSTMCell fed with its own previous output, x_hat[0] = dense(h_enc), MSE loss (mean), Adam.
state_dict names match the toolkit's safetensors checkpoints (encoder.lstm.*, decoder.cell.*, decoder.dense.*).

    /work/venv-peers/bin/python Scripts/peers/torch_lstm_ae.py --threads 1
    /work/venv-peers/bin/python Scripts/peers/torch_lstm_ae.py --load model.safetensors   # loss of a toolkit checkpoint

Needs torch (torch==2.13.0+cpu) and numpy; never part of `make test`.
"""
import argparse
import json
import struct
import time

import numpy as np
import torch
from torch import nn


class Encoder(nn.Module):
    def __init__(self, features, hidden, layers=1, bidirectional=False):
        super().__init__()
        self.lstm = nn.LSTM(features, hidden, num_layers=layers, batch_first=True, bidirectional=bidirectional)

    def forward(self, x):
        _, (h, c) = self.lstm(x)
        # last layer's final states, forward and reverse concatenated (the toolkit's mapping)
        directions = 2 if self.lstm.bidirectional else 1
        h = torch.cat([h[-directions + k] for k in range(directions)], dim=1)
        c = torch.cat([c[-directions + k] for k in range(directions)], dim=1)
        return h, c


class Decoder(nn.Module):
    def __init__(self, features, hidden):
        super().__init__()
        self.cell = nn.LSTMCell(features, hidden)
        self.dense = nn.Linear(hidden, features)

    def forward(self, h, c, steps):
        out = [self.dense(h)]
        for _ in range(1, steps):
            h, c = self.cell(out[-1], (h, c))
            out.append(self.dense(h))
        return torch.stack(out, dim=1)


class LSTMAutoencoder(nn.Module):
    def __init__(self, features, hidden, layers=1, bidirectional=False):
        super().__init__()
        self.encoder = Encoder(features, hidden, layers, bidirectional)
        self.decoder = Decoder(features, hidden * (2 if bidirectional else 1))

    def forward(self, x):
        h, c = self.encoder(x)
        return self.decoder(h, c, x.shape[1])


def read_safetensors(path):
    """Reads an F32 safetensors file with numpy alone (no safetensors package needed)."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n])
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, info in header.items():
        assert info["dtype"] == "F32", name
        begin, end = info["data_offsets"]
        tensors[name] = torch.from_numpy(
            np.frombuffer(data[8 + n + begin : 8 + n + end], dtype="<f4").reshape(info["shape"]).copy()
        )
    return tensors, metadata


def time_case(batch, steps_t, features, hidden, steps, warmup):
    torch.manual_seed(0)
    model = LSTMAutoencoder(features, hidden)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.MSELoss()
    x = torch.rand(batch, steps_t, features) * 2 - 1

    def step():
        optimizer.zero_grad()
        loss = loss_fn(model(x), x)
        loss.backward()
        optimizer.step()

    for _ in range(warmup):
        step()
    start = time.perf_counter()
    cpu_start = time.process_time()
    for _ in range(steps):
        step()
    cpu = (time.process_time() - cpu_start) / steps * 1000
    return (time.perf_counter() - start) / steps * 1000, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--steps", type=int, default=20, help="timed steps of the big case (small case: 10x)")
    parser.add_argument("--load", help="a toolkit safetensors checkpoint: print the loss on the seed window")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    if args.load:
        tensors, meta = read_safetensors(args.load)
        model = LSTMAutoencoder(int(meta["features"]), int(meta["hidden"]), int(meta.get("layers", 1)),
                                meta.get("bidirectional") == "true")
        model.load_state_dict(tensors)
        seed = np.loadtxt("Fixtures/seed-sequence.csv", delimiter=",", skiprows=1, dtype=np.float32)
        x = torch.from_numpy(seed)[None]
        print(json.dumps({"loss": nn.MSELoss()(model(x), x).item()}))
        return

    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
    for batch, t, f, h, n in [(1, 14, 5, 100, args.steps * 10), (64, 14, 274, 300, args.steps)]:
        ms, cpu = time_case(batch, t, f, h, n, warmup=max(3, n // 10))
        print(f"B{batch} T{t} F{f} H{h}: {ms:.3f} ms/step; cpu {cpu:.3f} ms/step ({n} steps)")
        print("load average " + " ".join(open("/proc/loadavg").read().split()[:3]))


if __name__ == "__main__":
    main()
