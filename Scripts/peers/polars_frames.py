#!/usr/bin/env python3
"""Polars peer of `icews frames`: classic-layout ICEWS dump(s) → DIR/frames.npy + DIR/frames.json.

The same job as `icews frames --pipeline Pipelines/icews-274.yaml`, written the way a careful polars user
would: a lazy scan that projects only the needed columns as strings (CAMEO codes keep their leading zeros),
validation, dedup of (Event ID, Event Date) keeping the first, every (event, column) incidence as one integer
key counted in polars, and one numpy scatter into the memory-mapped float32 output. Frame rules: docs/FRAMES.md.

    python polars_frames.py --pipeline Pipelines/icews-274.yaml --input dump.tab --out DIR
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl
import yaml

REPO = Path(__file__).resolve().parents[2]
CAMEO_CODES = REPO / "Fixtures/reference/cameo/cameo_eventcodes.tsv"

QUAD_NAMES = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]
GROUP_COLUMNS = {"country": "Country", "source_country": "Source Country", "target_country": "Target Country"}
SECTOR_COLUMNS = {"source_sectors": ("Source Sectors", "src"), "target_sectors": ("Target Sectors", "tgt")}
NO_GROUP = "(none)"
# Stands in for ", " while splitting sectors: a comma followed by a space is part of a name.
NAME_COMMA = "\x1f"


@dataclass
class PipelineSettings:
    """The subset of a pipeline file the peers implement (the icews-274 layout and its transforms)."""

    group_by: str
    features: list[dict]
    train_end: dt.date | None = None
    valid_end: dt.date | None = None
    normalize: str = "none"
    difference_order: int = 0
    difference_scope: str = "window"
    window_length: int = 14
    window_stride: int = 14
    raw: dict = field(default_factory=dict)


def load_pipeline(path: Path) -> PipelineSettings:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    frames = doc.get("frames", {})
    features = frames.get("features", [])
    for spec in features:
        kind = spec.get("one_hot") or spec.get("multi_hot")
        if spec.get("one_hot") not in ("quad_class", "cameo_root") and spec.get("multi_hot") not in SECTOR_COLUMNS:
            sys.exit(f"{path}: feature {spec} is not implemented by the polars peer ({kind})")
    split = doc.get("split") or {}
    difference = doc.get("difference") or {}
    window = doc.get("window") or {}

    def as_date(value):
        return None if value is None else dt.date.fromisoformat(str(value))

    return PipelineSettings(
        group_by=frames.get("group_by", "country"),
        features=features,
        train_end=as_date(split.get("train_end")),
        valid_end=as_date(split.get("valid_end")),
        normalize=doc.get("normalize", "none"),
        difference_order=int(difference.get("order", 0)),
        difference_scope=difference.get("scope", "window"),
        window_length=int(window.get("length", 14)),
        window_stride=int(window.get("stride", window.get("length", 14))),
        raw=doc,
    )


def known_cameo_codes() -> list[str]:
    return pl.read_csv(CAMEO_CODES, separator="\t", infer_schema=False)["code"].to_list()


@dataclass
class EventTable:
    """Clean events (one row per kept event) plus the ingestion counts frames.json reports."""

    events: pl.DataFrame  # group: str, date: date, root: i8, <sector columns>: str
    rows_read: int
    rows_rejected: int
    duplicates: int


def read_events(paths: list[Path], settings: PipelineSettings) -> EventTable:
    """Lazy scan of classic-layout dumps: projection, validation and dedup planned together, one pass."""
    group_column = GROUP_COLUMNS.get(settings.group_by)
    sector_columns = [SECTOR_COLUMNS[f["multi_hot"]][0] for f in settings.features if "multi_hot" in f]
    needed = ["Event ID", "Event Date", "CAMEO Code", *dict.fromkeys(sector_columns)]
    if group_column:
        needed.append(group_column)

    scan = pl.scan_csv(
        [str(p) for p in paths],
        separator="\t",
        quote_char=None,
        has_header=True,
        infer_schema=False,  # every column a string: exact fields, "010" stays "010"
        empty_string_is_null=False,
    ).select(needed)

    checked = scan.with_columns(
        date=pl.col("Event Date").str.to_date("%Y-%m-%d", strict=False),
        known=pl.col("CAMEO Code").is_in(known_cameo_codes()),
    ).with_columns(ok=pl.col("date").is_not_null() & pl.col("known"))

    group = pl.col(group_column).replace("", NO_GROUP) if group_column else pl.lit(NO_GROUP)
    kept = (
        checked.filter("ok")
        .unique(subset=["Event ID", "Event Date"], keep="first", maintain_order=True)
        .select(
            group.alias("group"),
            "date",
            pl.col("CAMEO Code").str.slice(0, 2).cast(pl.Int8).alias("root"),
            *[pl.col(c) for c in dict.fromkeys(sector_columns)],
        )
    )
    counts = checked.select(read=pl.len(), rejected=(~pl.col("ok")).sum())
    events, tally = pl.collect_all([kept, counts])
    rows_read, rejected = int(tally["read"][0]), int(tally["rejected"][0])
    return EventTable(events, rows_read, rejected, rows_read - rejected - events.height)


@dataclass
class FrameLayout:
    groups: list[str]
    start: dt.date
    days: int
    feature_names: list[str]
    vocabularies: dict[str, list[str]]


@dataclass
class SparseFrames:
    """Non-zero frame entries: key = (group_index * days + day) * features + column, value (float32)."""

    layout: FrameLayout
    entries: pl.DataFrame  # key: i64, value: f32

    @property
    def feature_count(self) -> int:
        return len(self.layout.feature_names)


def quad_of_root() -> pl.Expr:
    """Quad class index 0…3 of a CAMEO root 1…20: 1–5, 6–8, 9–13, 14–20."""
    root = pl.col("root")
    return pl.when(root <= 5).then(0).when(root <= 8).then(1).when(root <= 13).then(2).otherwise(3)


def sector_sets(events: pl.DataFrame, column: str) -> pl.DataFrame:
    """One row per (event, sector): split on commas not followed by a space, each sector once per event."""
    return (
        events.select(
            "event",
            "row",
            "date",
            sector=pl.col(column).str.replace_all(", ", NAME_COMMA, literal=True).str.split(",").list.unique(),
        )
        .explode("sector")
        .filter(pl.col("sector") != "")
        .with_columns(pl.col("sector").str.replace_all(NAME_COMMA, ", ", literal=True))
    )


def fit_vocabulary(sets: pl.DataFrame, fit_end: dt.date, top_k: int) -> list[str]:
    """The top_k sector names by number of events (up to fit_end) naming them; ties by name, byte order."""
    return (
        sets.filter(pl.col("date") <= fit_end)
        .group_by("sector")
        .len()
        .sort(["len", "sector"], descending=[True, False])
        .head(top_k)["sector"]
        .to_list()
    )


def build_sparse_frames(table: EventTable, settings: PipelineSettings) -> SparseFrames:
    """Every (event, feature column) incidence as one integer key, counted per key and divided by the
    group-day's event count n."""
    events = table.events
    if events.height == 0:
        sys.exit("no readable events in the input")
    start, end = events["date"].min(), events["date"].max()
    days = (end - start).days + 1
    groups = events["group"].unique().sort().to_list()  # polars sorts strings by bytes
    events = events.with_columns(
        event=pl.int_range(pl.len(), dtype=pl.Int64),
        row=pl.col("group").replace_strict(groups, list(range(len(groups))), return_dtype=pl.Int64) * days
        + (pl.col("date") - pl.lit(start)).dt.total_days(),
    )
    fit_end = settings.train_end or end

    # Pass 1: column layout (vocabularies decide the width).
    names: list[str] = []
    vocabularies: dict[str, list[str]] = {}
    plan = []  # (kind, offset, payload)
    for spec in settings.features:
        offset = len(names)
        if spec.get("one_hot") == "quad_class":
            names += [f"quad:{q}" for q in QUAD_NAMES]
            plan.append(("column", offset, quad_of_root()))
        elif spec.get("one_hot") == "cameo_root":
            names += [f"root:{r:02d}" for r in range(1, 21)]
            plan.append(("column", offset, pl.col("root").cast(pl.Int64) - 1))
        else:
            column, prefix = SECTOR_COLUMNS[spec["multi_hot"]]
            sets = sector_sets(events, column)
            top_k = int(spec["top_k"])
            vocab = fit_vocabulary(sets, fit_end, top_k)
            vocabularies[spec["multi_hot"]] = vocab
            names += [f"{prefix}:{v}" for v in vocab]
            # Fewer names than top_k: the width stays fixed (like the toolkit), the spare slots never fire.
            names += [f"{prefix}:(unused {i + 1})" for i in range(len(vocab), top_k)]
            if spec.get("other", False):
                names.append(f"{prefix}:(other)")
            plan.append(("sectors", offset, (sets, vocab, top_k, spec.get("other", False))))

    # Pass 2: incidence keys.
    width = len(names)
    pieces: list[pl.DataFrame] = []
    for kind, offset, payload in plan:
        if kind == "column":
            pieces.append(events.select(key=pl.col("row") * width + offset + payload))
            continue
        sets, vocab, top_k, other = payload
        slotted = sets.with_columns(
            slot=pl.col("sector").replace_strict(vocab, list(range(len(vocab))), default=None,
                                                 return_dtype=pl.Int64))
        pieces.append(slotted.filter(pl.col("slot").is_not_null())
                      .select(key=pl.col("row") * width + offset + pl.col("slot")))
        if other:
            pieces.append(slotted.filter(pl.col("slot").is_null())
                          .unique(subset=["event"])
                          .select(key=pl.col("row") * width + offset + top_k))
    # Counting 10⁶–10⁷ random keys: sorting first and grouping a sorted column beats a hash table here.
    counts = (
        pl.concat([p.select(pl.col("key").cast(pl.Int64)) for p in pieces]).lazy()
        .sort("key")
        .with_columns(pl.col("key").set_sorted())
        .group_by("key")
        .len()
        .collect()
    )
    per_row = events.group_by("row").len()
    n = np.zeros(len(groups) * days, dtype=np.float64)
    n[per_row["row"].to_numpy()] = per_row["len"].to_numpy()
    keys = counts["key"].to_numpy()
    entries = pl.DataFrame({"key": keys, "value": (counts["len"].to_numpy() / n[keys // width]).astype(np.float32)})
    return SparseFrames(FrameLayout(groups, start, days, names, vocabularies), entries)


def write_frames(sparse: SparseFrames, path: Path) -> tuple[int, int]:
    """Scatters the entries straight into a memory-mapped frames.npy (born zero): no second multi-GB copy."""
    layout = sparse.layout
    shape = (len(layout.groups) * layout.days, sparse.feature_count)
    frames = np.lib.format.open_memmap(path, mode="w+", dtype=np.float32, shape=shape)
    frames.reshape(-1)[sparse.entries["key"].to_numpy()] = sparse.entries["value"].to_numpy()
    del frames  # unmapped; the kernel writes the pages back as it would after np.save's write()
    return shape


def frames_summary(table: EventTable, layout: FrameLayout) -> dict:
    return {
        "features": layout.feature_names,
        "groups": layout.groups,
        "start": layout.start.isoformat(),
        "days": layout.days,
        "rows_read": table.rows_read,
        "rows_rejected": table.rows_rejected,
        "duplicates": table.duplicates,
        "vocabularies": layout.vocabularies,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pipeline", type=Path, default=REPO / "Pipelines/icews-274.yaml")
    parser.add_argument("--input", type=Path, nargs="+", required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--fit-all", action="store_true",
                        help="fit vocabularies on every event, ignoring the pipeline's train_end")
    args = parser.parse_args()

    settings = load_pipeline(args.pipeline)
    if args.fit_all:
        settings.train_end = None
    began = time.perf_counter()
    table = read_events(args.input, settings)
    sparse = build_sparse_frames(table, settings)
    args.out.mkdir(parents=True, exist_ok=True)
    shape = write_frames(sparse, args.out / "frames.npy")
    (args.out / "frames.json").write_text(json.dumps(frames_summary(table, sparse.layout), indent=1))
    print(
        f"polars peer: {table.rows_read} rows read, {table.rows_rejected} rejected, {table.duplicates} duplicates; "
        f"{len(sparse.layout.groups)} groups x {sparse.layout.days} days x {shape[1]} features "
        f"in {time.perf_counter() - began:.2f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
