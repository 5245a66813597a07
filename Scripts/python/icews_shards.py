"""Read icews-toolkit shard directories from Python (numpy + zstandard only).

    from icews_shards import read_split
    windows = read_split("shards/", "train")               # float32 [N, T, F], export order
    windows, keys = read_split("shards/", "train", keys=True)  # keys int64 [N, 2]: group, start day

Every checksum is verified (footer and block CRC-32, zstd content checksum, whole-file CRC-32 from
the manifest); damage raises ShardError naming the shard file and block. The byte layout is
documented in docs/SHARD_FORMAT.md. When torch is installed, ShardIterableDataset streams windows.
"""

import json
import os
import struct
import zlib

import numpy as np
import zstandard

__all__ = ["ShardError", "read_manifest", "read_shard", "read_split", "iter_split"]

_HEADER = struct.Struct("<8sIIIIII")  # magic, version, dtype, T, F, block windows, reserved
_TRAILER = struct.Struct("<QIII I8s")  # footer offset, blocks, windows, footer CRC, reserved, magic
_BLOCK_HEADER = struct.Struct("<IIII")  # compressed size, windows, first window, CRC-32
_BLOCK_ENTRY = np.dtype(
    [("offset", "<u8"), ("compressed", "<u4"), ("uncompressed", "<u4"), ("first", "<u4"),
     ("count", "<u4"), ("crc", "<u4"), ("reserved", "<u4")])
_DTYPES = {0: np.dtype("<f4"), 1: np.dtype("<f2")}
SPLITS = ("train", "valid", "test")


class ShardError(Exception):
    """A shard or manifest that is missing, damaged or not in the documented format."""


def read_manifest(path):
    """The parsed manifest.json of a shard directory."""
    manifest_path = os.path.join(path, "manifest.json")
    try:
        with open(manifest_path, "rb") as f:
            manifest = json.load(f)
    except FileNotFoundError:
        raise ShardError(f"{path}: no manifest.json (run `icews run` first)") from None
    if manifest.get("format_version") != 1:
        raise ShardError(f"{manifest_path}: format version {manifest.get('format_version')}, this reader knows 1")
    return manifest


def _shard_index(data, name):
    """Header fields, block table and keys of one shard's bytes."""
    if len(data) < _HEADER.size:
        raise ShardError(f"shard {name}: truncated (shorter than the header)")
    magic, version, dtype, t, f, _, _ = _HEADER.unpack_from(data, 0)
    if magic != b"ICWSHARD" or version != 1 or dtype not in _DTYPES:
        raise ShardError(f"shard {name}: not a version-1 shard file")
    if len(data) < _HEADER.size + _TRAILER.size or data[-8:] != b"ICWSEND1":
        raise ShardError(f"shard {name}, block {_first_incomplete_block(data)}: file is truncated")
    footer_offset, blocks, windows, footer_crc, _, _ = _TRAILER.unpack_from(data, len(data) - _TRAILER.size)
    footer = data[footer_offset:len(data) - _TRAILER.size]
    if len(footer) != blocks * _BLOCK_ENTRY.itemsize + windows * 8:
        raise ShardError(f"shard {name}: footer size does not match its counts")
    if zlib.crc32(footer) != footer_crc:
        raise ShardError(f"shard {name}: footer index checksum mismatch")
    table = np.frombuffer(footer, dtype=_BLOCK_ENTRY, count=blocks)
    keys = np.frombuffer(footer, dtype="<i4", offset=blocks * _BLOCK_ENTRY.itemsize).reshape(windows, 2)
    return _DTYPES[dtype], t, f, table, keys.astype(np.int64)


def _first_incomplete_block(data):
    offset, block = _HEADER.size, 0
    while offset + _BLOCK_HEADER.size <= len(data):
        size = _BLOCK_HEADER.unpack_from(data, offset)[0]
        if offset + _BLOCK_HEADER.size + size > len(data):
            break
        offset += _BLOCK_HEADER.size + size
        block += 1
    return block


def read_shard(file, name=None):
    """Windows (float32 [n, T, F]) and keys (int64 [n, 2]) of one shard file, checksums verified."""
    name = name or os.path.basename(file)
    with open(file, "rb") as f:
        data = f.read()
    dtype, t, f_count, table, keys = _shard_index(data, name)
    out = np.empty((len(keys), t, f_count), dtype=np.float32)
    flat = out.reshape(-1)
    decompressor = zstandard.ZstdDecompressor()
    per_window = t * f_count
    for b, entry in enumerate(table):
        start = int(entry["offset"]) + _BLOCK_HEADER.size
        payload = data[start:start + int(entry["compressed"])]
        size, count, first, crc = _BLOCK_HEADER.unpack_from(data, int(entry["offset"]))
        if (size, count, first, crc) != (entry["compressed"], entry["count"], entry["first"], entry["crc"]):
            raise ShardError(f"shard {name}, block {b}: block header disagrees with the index")
        if zlib.crc32(payload) != int(entry["crc"]):
            raise ShardError(f"shard {name}, block {b}: checksum mismatch")
        try:
            raw = decompressor.decompress(payload, max_output_size=int(entry["uncompressed"]))
        except zstandard.ZstdError as error:
            raise ShardError(f"shard {name}, block {b}: zstd: {error}") from None
        if len(raw) != int(entry["uncompressed"]):
            raise ShardError(f"shard {name}, block {b}: decoded {len(raw)} bytes, expected {int(entry['uncompressed'])}")
        lo = int(entry["first"]) * per_window
        flat[lo:lo + int(entry["count"]) * per_window] = np.frombuffer(raw, dtype=dtype)
    return out, keys


def _check_file(data_path, entry):
    with open(data_path, "rb") as f:
        data = f.read()
    if len(data) != entry["bytes"] or "0x%08x" % zlib.crc32(data) != entry["crc32"]:
        raise ShardError(f"shard {entry['file']}: size or CRC-32 differs from manifest.json")


def iter_split(path, split):
    """Yields (windows, keys) per shard of `split`, in export order."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    manifest = read_manifest(path)
    for entry in manifest["splits"][split]["shards"]:
        file = os.path.join(path, entry["file"])
        _check_file(file, entry)
        yield read_shard(file, entry["file"])


def read_split(path, split, keys=False):
    """All windows of `split` as float32 [N, T, F] in export order (group, then start day);
    with keys=True also int64 [N, 2] keys (group index, start day after calendar_start)."""
    manifest = read_manifest(path)
    t = manifest["transforms"]["window"]["length"]
    f = len(manifest["feature_names"])
    parts = list(iter_split(path, split))
    windows = np.concatenate([w for w, _ in parts]) if parts else np.zeros((0, t, f), np.float32)
    if not keys:
        return windows
    key_array = np.concatenate([k for _, k in parts]) if parts else np.zeros((0, 2), np.int64)
    return windows, key_array


try:
    import torch
    from torch.utils.data import IterableDataset, get_worker_info

    class ShardIterableDataset(IterableDataset):
        """Streams windows of one split as float32 tensors [T, F] (with keys if asked), one shard in
        memory at a time; DataLoader workers take disjoint shards."""

        def __init__(self, path, split, keys=False):
            self.path, self.split, self.keys = path, split, keys
            self.entries = read_manifest(path)["splits"][split]["shards"]

        def __iter__(self):
            info = get_worker_info()
            workers, worker = (info.num_workers, info.id) if info else (1, 0)
            for i, entry in enumerate(self.entries):
                if i % workers != worker:
                    continue
                windows, keys = read_shard(os.path.join(self.path, entry["file"]), entry["file"])
                for w in range(len(windows)):
                    window = torch.from_numpy(windows[w])
                    yield (window, torch.from_numpy(keys[w])) if self.keys else window

    __all__.append("ShardIterableDataset")
except ImportError:
    pass
