#!/usr/bin/env python3
"""Row-by-row reference for the frame rules of docs/FRAMES.md (standard library + numpy), used to check the polars peer.

Deliberately plain: one loop over lines, a dict per group-day, no cleverness. Slow; for small files only.

    python3 naive_frames.py --input sample.tab --out DIR [--fit-end 2014-12-31] [--top-k 124]
"""

import argparse
import datetime as dt
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
QUAD_NAMES = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]
SECTOR_SPLIT = re.compile(r",(?! )")


def quad_index(root: int) -> int:
    return 0 if root <= 5 else 1 if root <= 8 else 2 if root <= 13 else 3


def sector_set(field: str) -> frozenset:
    return frozenset(name for name in SECTOR_SPLIT.split(field) if name)


def naive_frames(paths, fit_end=None, top_k=124):
    codes = {line.split("\t")[0] for line in
             (REPO / "Fixtures/reference/cameo/cameo_eventcodes.tsv").read_text().splitlines()[1:]}
    seen = set()
    events = []  # (group, date, root, source set, target set)
    read = rejected = duplicates = 0
    for path in paths:
        with open(path, encoding="utf-8", newline="\n") as handle:
            header = handle.readline().rstrip("\n").split("\t")
            at = {name: i for i, name in enumerate(header)}
            for line in handle:
                fields = line.rstrip("\n").split("\t")
                read += 1
                try:
                    date = dt.date.fromisoformat(fields[at["Event Date"]])
                except ValueError:
                    rejected += 1
                    continue
                code = fields[at["CAMEO Code"]]
                if code not in codes:
                    rejected += 1
                    continue
                key = (fields[at["Event ID"]], fields[at["Event Date"]])
                if key in seen:
                    duplicates += 1
                    continue
                seen.add(key)
                events.append((fields[at["Country"]] or "(none)", date, int(code[:2]),
                               sector_set(fields[at["Source Sectors"]]), sector_set(fields[at["Target Sectors"]])))
    start = min(e[1] for e in events)
    end = max(e[1] for e in events)
    days = (end - start).days + 1
    groups = sorted({e[0] for e in events}, key=lambda g: g.encode("utf-8"))
    fit_end = fit_end or end

    vocabularies = {}
    for prefix, slot in (("source_sectors", 3), ("target_sectors", 4)):
        counts = Counter(name for e in events if e[1] <= fit_end for name in e[slot])
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].encode("utf-8")))
        vocabularies[prefix] = [name for name, _ in ranked[:top_k]]

    width = 24 + 2 * (top_k + 1)
    cells = defaultdict(list)
    for e in events:
        cells[(groups.index(e[0]), (e[1] - start).days)].append(e)
    frames = np.zeros((len(groups) * days, width), dtype=np.float32)
    for (g, d), members in cells.items():
        n = len(members)
        row = np.zeros(width, dtype=np.float64)
        for e in members:
            row[quad_index(e[2])] += 1
            row[4 + e[2] - 1] += 1
            for prefix, slot, offset in (("source_sectors", 3, 24), ("target_sectors", 4, 24 + top_k + 1)):
                vocab = vocabularies[prefix]
                for name in e[slot]:
                    if name in vocab:
                        row[offset + vocab.index(name)] += 1
                if any(name not in vocab for name in e[slot]):
                    row[offset + top_k] += 1
        frames[g * days + d] = (row / n).astype(np.float32)
    summary = {"groups": groups, "start": start.isoformat(), "days": days, "rows_read": read,
               "rows_rejected": rejected, "duplicates": duplicates, "vocabularies": vocabularies}
    return frames, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, nargs="+", required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--fit-end", type=dt.date.fromisoformat)
    parser.add_argument("--top-k", type=int, default=124)
    args = parser.parse_args()
    frames, summary = naive_frames(args.input, args.fit_end, args.top_k)
    args.out.mkdir(parents=True, exist_ok=True)
    np.save(args.out / "frames.npy", frames)
    (args.out / "frames.json").write_text(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
