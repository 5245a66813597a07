"""Read icews-toolkit shard directories from Python (numpy + zstandard only).

    pip install ./Scripts/python          # the `icews-shards` package; [torch] and [pandas] extras
    from icews_shards import read_split, frames
    windows = read_split("shards/", "train")                        # float32 [N, T, F], export order
    windows, keys = read_split("shards/", "train", keys=True)       # keys int64 [N, 2]: group, start period
    windows, groups, starts = read_split("shards/", "train", names=True)  # str [N]: group names, ISO dates
    table = frames("shards/", "train")     # tidy columns: group, date, window, step, one per feature

Every checksum is verified (footer and block CRC-32, zstd content checksum, whole-file CRC-32 from
the manifest); damage raises ShardError naming the shard file and block. The byte layout is
documented in docs/SHARD_FORMAT.md. With pandas installed, to_pandas() gives the tidy table as a
DataFrame; with torch installed, ShardIterableDataset streams windows.
"""

import json
import os
import struct
import zlib

import numpy as np
import zstandard

__version__ = "0.1.0"
__all__ = ["ShardError", "read_manifest", "read_shard", "read_split", "iter_split", "period_dates",
           "frames", "to_pandas"]

_HEADER = struct.Struct("<8sIIIIII")  # magic, version, dtype, T, F, block windows, encoding (version 1: 0)
_TRAILER = struct.Struct("<QIII I8s")  # footer offset, blocks, windows, footer CRC, reserved, magic
_BLOCK_HEADER = struct.Struct("<IIII")  # compressed size, windows, first window, CRC-32
_BLOCK_ENTRY = np.dtype(
    [("offset", "<u8"), ("compressed", "<u4"), ("uncompressed", "<u4"), ("first", "<u4"),
     ("count", "<u4"), ("crc", "<u4"), ("reserved", "<u4")])
_DTYPES = {0: np.dtype("<f4"), 1: np.dtype("<f2")}
_VERSIONS = (1, 2)
_DENSE, _MASKED = 0, 1  # block encodings
SPLITS = ("train", "valid", "test")
KEY_COLUMNS = ("group", "date", "window", "step")  # the columns frames() puts before the features


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
    if manifest.get("format_version") not in _VERSIONS:
        raise ShardError(f"{manifest_path}: format version {manifest.get('format_version')}, this reader knows 1 and 2")
    return manifest


def _shard_index(data, name):
    """Header fields, block table and keys of one shard's bytes."""
    if len(data) < _HEADER.size:
        raise ShardError(f"shard {name}: truncated (shorter than the header)")
    magic, version, dtype, t, f, _, encoding = _HEADER.unpack_from(data, 0)
    if magic != b"ICWSHARD" or version not in _VERSIONS or dtype not in _DTYPES:
        raise ShardError(f"shard {name}: not a version-1 or version-2 shard file")
    if encoding not in (_DENSE, _MASKED) or (version == 1 and encoding != _DENSE):
        raise ShardError(f"shard {name}: unknown block encoding {encoding}")
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
    return _DTYPES[dtype], t, f, encoding, table, keys.astype(np.int64)


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
    dtype, t, f_count, encoding, table, keys = _shard_index(data, name)
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
        lo, count = int(entry["first"]) * per_window, int(entry["count"])
        if encoding == _MASKED:
            flat[lo:lo + count * per_window] = _unmask(raw, count, t, f_count, dtype, f"shard {name}, block {b}")
        else:
            flat[lo:lo + count * per_window] = np.frombuffer(raw, dtype=dtype)
    return out, keys


def _unmask(raw, n, t, f, dtype, where):
    """The n windows of a masked block (docs/SHARD_FORMAT.md): the reference window, then per window
    row ceil(F/8) mask bytes (bit j LSB-first set where the value differs), then the differing values."""
    size, row_bytes = dtype.itemsize, (f + 7) // 8
    fixed = t * f * size + n * t * row_bytes
    if len(raw) < fixed or (len(raw) - fixed) % size:
        raise ShardError(f"{where}: decoded {len(raw)} bytes, which is not a masked block of {n} windows")
    reference = np.frombuffer(raw, dtype=dtype, count=t * f).reshape(1, t, f)
    masks = np.frombuffer(raw, dtype=np.uint8, count=n * t * row_bytes, offset=t * f * size)
    bits = np.unpackbits(masks.reshape(n * t, row_bytes), axis=1, bitorder="little")
    if bits[:, f:].any():
        raise ShardError(f"{where}: a mask sets bits past the last feature")
    differs = bits[:, :f].astype(bool).reshape(n, t, f)
    values = np.frombuffer(raw, dtype=dtype, offset=fixed)
    if int(differs.sum()) != len(values):
        raise ShardError(f"{where}: masks mark {int(differs.sum())} stored values, the block holds {len(values)}")
    windows = np.repeat(reference, n, axis=0)
    windows[differs] = values  # boolean assignment fills in window, row, feature order, as stored
    return windows.reshape(-1)


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


def period_dates(manifest, offsets):
    """First day (numpy datetime64[D]) of each period `offset` after the manifest's calendar_start,
    as the Swift PeriodCalendar counts them: days; Monday-start weeks; calendar months."""
    offsets = np.asarray(offsets, dtype=np.int64)
    start = np.datetime64(manifest["calendar_start"], "D")
    period = manifest.get("period", "day")
    if period == "day":
        return start + offsets
    if period == "week":
        days = start.astype(np.int64)
        monday = np.datetime64(int(days - (days + 3) % 7), "D")  # 1970-01-01 was a Thursday
        return monday + 7 * offsets
    if period == "month":
        return (start.astype("datetime64[M]") + offsets).astype("datetime64[D]")
    raise ShardError(f"manifest.json: period {period!r}, this reader knows day, week and month")


def _names(path, manifest, keys):
    """Group names and ISO start dates (str [N] each) of windows with these keys."""
    groups = np.asarray(manifest["groups"], dtype=str)
    if len(keys) and (keys[:, 0].min() < 0 or keys[:, 0].max() >= len(groups)):
        raise ShardError(f"{path}: a window key points past the manifest's {len(groups)} groups")
    return groups[keys[:, 0]], np.datetime_as_string(period_dates(manifest, keys[:, 1]), unit="D").astype("U10")


def read_split(path, split, keys=False, names=False):
    """All windows of `split` as float32 [N, T, F] in export order (group, then start period).

    keys=True adds int64 [N, 2] keys (group index, start period after calendar_start);
    names=True adds two str [N] arrays: group names and start dates ("YYYY-MM-DD", the first day of
    the window's first period). Returned in that order: windows[, keys][, groups, starts]."""
    manifest = read_manifest(path)
    t = manifest["transforms"]["window"]["length"]
    f = len(manifest["feature_names"])
    parts = list(iter_split(path, split))
    windows = np.concatenate([w for w, _ in parts]) if parts else np.zeros((0, t, f), np.float32)
    if not keys and not names:
        return windows
    key_array = np.concatenate([k for _, k in parts]) if parts else np.zeros((0, 2), np.int64)
    out = (windows, key_array) if keys else (windows,)
    return out + _names(path, manifest, key_array) if names else out


def frames(path, split):
    """The windows of `split` as a tidy table: a dict of numpy columns, one row per (window, step) in
    export order. Columns: group (str), date (datetime64[D], first day of that step's period),
    window (index in the split), step (0 … T−1), then one float32 column per manifest feature name.
    Values are as stored (model space: normalized, differenced if the pipeline says so)."""
    manifest = read_manifest(path)
    clash = sorted(set(KEY_COLUMNS) & set(manifest["feature_names"]))
    if clash:
        raise ShardError(f"{path}: feature names {clash} clash with frames() key columns {KEY_COLUMNS}")
    windows, keys = read_split(path, split, keys=True)
    n, t, f = windows.shape
    window = np.repeat(np.arange(n, dtype=np.int64), t)
    step = np.tile(np.arange(t, dtype=np.int64), n)
    table = {
        "group": np.repeat(_names(path, manifest, keys)[0], t),
        "date": period_dates(manifest, keys[window, 1] + step),
        "window": window,
        "step": step,
    }
    columns = windows.reshape(n * t, f).T.copy()  # one contiguous array per feature
    for column, name in enumerate(manifest["feature_names"]):
        table[name] = columns[column]
    return table


def to_pandas(path, split):
    """frames(path, split) as a pandas DataFrame (group as a categorical in manifest order)."""
    try:
        import pandas
    except ImportError:
        raise ImportError("to_pandas needs pandas (pip install pandas, or the package's [pandas] extra); "
                          "frames(path, split) gives the same table as a dict of numpy columns") from None
    table = frames(path, split)
    groups = read_manifest(path)["groups"]
    table["group"] = pandas.Categorical(table["group"], categories=groups)
    return pandas.DataFrame(table)


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
