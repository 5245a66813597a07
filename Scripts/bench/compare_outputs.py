#!/usr/bin/env python3
"""Compares the toolkit's output with a peer's and says precisely where they differ.

    compare_outputs.py frames TOOLKIT_DIR PEER_DIR [--atol 1e-6]
        frames.npy + frames.json of `icews frames` vs polars_frames.py
    compare_outputs.py windows TOOLKIT_NPY PEER_NPY [--toolkit-keys K] [--peer-keys K] [--atol 1e-5 --rtol 1e-5]
        windows [N, T, F] of `icews export` vs polars_run.py

Prints `EQUAL …` or `MISMATCH …` followed by details (metadata, features, groups, first differing cells);
exit status 0 when equal, 1 on a mismatch, 2 when a file is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROW_CHUNK = 1 << 16  # rows compared at a time, so two multi-GB arrays need no full-size temporaries


def report_metadata(toolkit: dict, peer: dict) -> list[str]:
    problems = []
    for key in ("groups", "start", "days", "rows_read", "rows_rejected", "duplicates", "features"):
        if key in toolkit and key in peer and toolkit[key] != peer[key]:
            a, b = toolkit[key], peer[key]
            if isinstance(a, list):
                only_a = [x for x in a if x not in set(b)][:8]
                only_b = [x for x in b if x not in set(a)][:8]
                first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
                problems.append(f"{key}: toolkit {len(a)} vs peer {len(b)}; first difference at index {first}; "
                                f"only toolkit {only_a}; only peer {only_b}")
            else:
                problems.append(f"{key}: toolkit {a!r} vs peer {b!r}")
    vocab_a, vocab_b = toolkit.get("vocabularies", {}), peer.get("vocabularies", {})
    if vocab_a != vocab_b:
        flat_a = flatten_vocabularies(vocab_a)
        flat_b = flatten_vocabularies(vocab_b)
        for name in sorted(set(flat_a) | set(flat_b)):
            a, b = flat_a.get(name), flat_b.get(name)
            if a != b:
                if a is None or b is None:
                    problems.append(f"vocabulary {name}: present only in {'peer' if a is None else 'toolkit'}")
                    continue
                first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
                problems.append(f"vocabulary {name}: sizes {len(a)} / {len(b)}, first difference at rank {first}: "
                                f"toolkit {a[first:first + 3]} vs peer {b[first:first + 3]}; "
                                f"only toolkit {sorted(set(a) - set(b))[:6]}; only peer {sorted(set(b) - set(a))[:6]}")
    return problems


def flatten_vocabularies(vocabularies) -> dict[str, list[str]]:
    """Accepts {"src": [...]} or [{"feature": ..., "names": [...]}]-like shapes; keys are normalised to strings."""
    if isinstance(vocabularies, dict):
        out = {}
        for key, value in vocabularies.items():
            out[str(key)] = value if isinstance(value, list) else value.get("names", value)
        return out
    if isinstance(vocabularies, list):
        out = {}
        for i, entry in enumerate(vocabularies):
            if isinstance(entry, dict):
                name = str(entry.get("feature") or entry.get("name") or entry.get("prefix") or i)
                out[name] = entry.get("names") or entry.get("vocabulary") or entry.get("values") or []
            else:
                out[str(i)] = entry
        return out
    return {}


def differing_cells(a: np.ndarray, b: np.ndarray, atol: float, rtol: float):
    """Per-feature and per-row mismatch counts, the max abs difference and the first few differing cells."""
    per_feature = np.zeros(a.shape[-1], dtype=np.int64)
    bad_rows = []
    examples = []
    max_diff = 0.0
    flat_a = a.reshape(a.shape[0], -1, a.shape[-1])
    flat_b = b.reshape(b.shape[0], -1, b.shape[-1])
    for first in range(0, a.shape[0], ROW_CHUNK):
        x = np.asarray(flat_a[first:first + ROW_CHUNK], dtype=np.float64)
        y = np.asarray(flat_b[first:first + ROW_CHUNK], dtype=np.float64)
        diff = np.abs(x - y)
        bad = ~(diff <= atol + rtol * np.abs(y))
        if bad.any():
            max_diff = max(max_diff, float(np.nanmax(np.where(bad, diff, 0))))
            per_feature += bad.sum(axis=(0, 1))
            rows = np.nonzero(bad.any(axis=(1, 2)))[0]
            bad_rows.extend((rows + first).tolist())
            if len(examples) < 12:
                for r, t, f in zip(*np.nonzero(bad)):
                    examples.append((first + int(r), int(t), int(f), float(x[r, t, f]), float(y[r, t, f])))
                    if len(examples) >= 12:
                        break
    return per_feature, bad_rows, examples, max_diff


def compare_frames(toolkit_dir: Path, peer_dir: Path, atol: float) -> int:
    for d in (toolkit_dir, peer_dir):
        if not (d / "frames.npy").exists():
            print(f"MISSING {d / 'frames.npy'}")
            return 2
    meta_a = json.loads((toolkit_dir / "frames.json").read_text()) if (toolkit_dir / "frames.json").exists() else {}
    meta_b = json.loads((peer_dir / "frames.json").read_text())
    a = np.load(toolkit_dir / "frames.npy", mmap_mode="r")
    b = np.load(peer_dir / "frames.npy", mmap_mode="r")
    problems = report_metadata(meta_a, meta_b)
    if a.dtype != np.float32:
        problems.append(f"toolkit frames.npy dtype {a.dtype}, expected float32")
    if a.shape != b.shape:
        problems.append(f"shape: toolkit {a.shape} vs peer {b.shape}")
        print("MISMATCH frames")
        print("\n".join("  " + p for p in problems))
        return 1
    features = meta_b.get("features") or [f"f{i}" for i in range(a.shape[1])]
    groups = meta_b.get("groups") or []
    days = int(meta_b.get("days") or 1)
    per_feature, bad_rows, examples, max_diff = differing_cells(a, b, atol, 0.0)
    if bad_rows:
        problems.append(f"{len(bad_rows)} of {a.shape[0]} frames differ (atol {atol}); max |diff| {max_diff:.3g}")
        ranked = np.argsort(-per_feature)
        listed = [f"{features[i]} ({per_feature[i]})" for i in ranked if per_feature[i] > 0][:20]
        problems.append(f"features differing (frames): {', '.join(listed)}")
        group_counts: dict[str, int] = {}
        for row in bad_rows:
            name = groups[row // days] if groups else str(row // days)
            group_counts[name] = group_counts.get(name, 0) + 1
        top = sorted(group_counts.items(), key=lambda kv: -kv[1])[:12]
        problems.append(f"groups differing ({len(group_counts)} of {max(len(groups), 1)}): "
                        + ", ".join(f"{g} ({n})" for g, n in top))
        for row, _, f, x, y in examples:
            group = groups[row // days] if groups else row // days
            problems.append(f"  frame {row} (group {group}, day {row % days}) {features[f]}: "
                            f"toolkit {x:.7g} peer {y:.7g}")
    if problems:
        print("MISMATCH frames")
        print("\n".join("  " + p for p in problems))
        return 1
    print(f"EQUAL frames {a.shape} (atol {atol})")
    return 0


def compare_windows(toolkit_npy: Path, peer_npy: Path, toolkit_keys: Path | None, peer_keys: Path | None,
                    atol: float, rtol: float, features: list[str] | None) -> int:
    for p in (toolkit_npy, peer_npy):
        if not p.exists():
            print(f"MISSING {p}")
            return 2
    a = np.load(toolkit_npy, mmap_mode="r")
    b = np.load(peer_npy, mmap_mode="r")
    problems = []
    if toolkit_keys and peer_keys and toolkit_keys.exists() and peer_keys.exists():
        ka, kb = np.load(toolkit_keys), np.load(peer_keys)
        if ka.shape != kb.shape or not np.array_equal(ka, kb):
            first = next((i for i in range(min(len(ka), len(kb))) if not np.array_equal(ka[i], kb[i])),
                         min(len(ka), len(kb)))
            problems.append(f"keys: toolkit {ka.shape} vs peer {kb.shape}; first difference at window {first}: "
                            f"toolkit {ka[first].tolist() if first < len(ka) else None} "
                            f"peer {kb[first].tolist() if first < len(kb) else None}")
    if a.shape != b.shape:
        problems.append(f"shape: toolkit {a.shape} vs peer {b.shape}")
        print(f"MISMATCH windows {toolkit_npy.name}")
        print("\n".join("  " + p for p in problems))
        return 1
    per_feature, bad_rows, examples, max_diff = differing_cells(a, b, atol, rtol)
    names = features or [f"f{i}" for i in range(a.shape[-1])]
    if bad_rows:
        problems.append(f"{len(bad_rows)} of {a.shape[0]} windows differ (atol {atol}, rtol {rtol}); "
                        f"max |diff| {max_diff:.3g}")
        ranked = np.argsort(-per_feature)
        problems.append("features differing (cells): "
                        + ", ".join([f"{names[i]} ({per_feature[i]})" for i in ranked if per_feature[i] > 0][:20]))
        for w, t, f, x, y in examples:
            problems.append(f"  window {w} step {t} {names[f]}: toolkit {x:.7g} peer {y:.7g}")
    if problems:
        print(f"MISMATCH windows {toolkit_npy.name}")
        print("\n".join("  " + p for p in problems))
        return 1
    print(f"EQUAL windows {a.shape} (atol {atol}, rtol {rtol})")
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=("frames", "windows"))
    parser.add_argument("toolkit", type=Path)
    parser.add_argument("peer", type=Path)
    parser.add_argument("--atol", type=float)
    parser.add_argument("--rtol", type=float, default=1e-5)
    parser.add_argument("--toolkit-keys", type=Path)
    parser.add_argument("--peer-keys", type=Path)
    parser.add_argument("--features-json", type=Path, help="a frames.json/run.json naming the features")
    args = parser.parse_args()
    if args.kind == "frames":
        sys.exit(compare_frames(args.toolkit, args.peer, args.atol if args.atol is not None else 1e-6))
    features = None
    if args.features_json and args.features_json.exists():
        features = json.loads(args.features_json.read_text()).get("features")
    sys.exit(compare_windows(args.toolkit, args.peer, args.toolkit_keys, args.peer_keys,
                             args.atol if args.atol is not None else 1e-5, args.rtol, features))


if __name__ == "__main__":
    main()
