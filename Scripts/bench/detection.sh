#!/usr/bin/env bash
# Detection benchmark (docs/ANOMALY.md): does icews-anomaly + default training + icews score find planted
# episodes in held-out synth dumps, and does it beat the baselines scored next to it?
#
# For every seed and episode kind: icews synth (16 countries, 2007-2022, busy countries ~30-230 events
# a day), icews run Pipelines/icews-anomaly.yaml, icews train with no flags but the output, icews score
# (test split), icews evaluate --top 5. Prints one row per dump and the pooled recall.
#
#   Scripts/bench/detection.sh                     # seeds 101 102 103, every kind
#   SEEDS="7 8" KINDS="volume mix" ROWS=2000000 Scripts/bench/detection.sh
#   OUT=/tmp/det ICEWS=.build/release/icews Scripts/bench/detection.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ICEWS=${ICEWS:-.build/release/icews}
SEEDS=${SEEDS:-101 102 103}
KINDS=${KINDS:-crisis volume mix root quiet any}
ROWS=${ROWS:-3000000}
RATE=${RATE:-3}
OUT=${OUT:-$(mktemp -d -t icews-detection-XXXX)}
PIPELINE=${PIPELINE:-Pipelines/icews-anomaly.yaml}
[ -x "$ICEWS" ] || { echo "build first: swift build -c release (or set ICEWS=...)" >&2; exit 1; }
mkdir -p "$OUT"
echo "# detection benchmark: $(date -u +%FT%TZ), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), HEAD $(git rev-parse --short HEAD 2>/dev/null || echo '?')" >&2
echo "# rows $ROWS, rate $RATE episodes/400 days, pipeline $PIPELINE, output in $OUT" >&2
for kind in $KINDS; do
  for seed in $SEEDS; do
    d="$OUT/$kind-$seed"
    mkdir -p "$d"
    "$ICEWS" synth --rows "$ROWS" --start 2007-01-01 --days 5844 --countries 16 --seed "$seed" \
      --episode-kind "$kind" --episode-rate "$RATE" --episodes "$d/episodes.tsv" -o "$d/events.tsv" 2>/dev/null
    "$ICEWS" run "$PIPELINE" --input "$d/events.tsv" --out "$d/shards" 2>/dev/null
    "$ICEWS" train "$d/shards" -o "$d/model.safetensors" --report "$d/train.json" 2>/dev/null
    "$ICEWS" score "$d/shards" --model "$d/model.safetensors" -o "$d/scores.csv" >/dev/null 2>&1
    "$ICEWS" evaluate "$d/scores.csv" --episodes "$d/episodes.tsv" --top 5 -o "$d/evaluation.json" 2>/dev/null
    for detector in score mean_baseline_score zscore_baseline_score; do
      "$ICEWS" alerts "$d/scores.csv" --detector "$detector" --episodes "$d/episodes.tsv" \
        -o "$d/alerts-$detector.csv" >/dev/null 2>&1
    done
    rm -f "$d/events.tsv"
    echo "done $kind seed $seed" >&2
  done
done
python3 - "$OUT" $KINDS <<'PY'
import json, os, sys
out, kinds = sys.argv[1], sys.argv[2:]
names = ["score", "mean_baseline_score", "zscore_baseline_score"]
short = {"score": "model", "mean_baseline_score": "mean-recon", "zscore_baseline_score": "z-score"}
print("| kind | seed | episodes | recall@5% model / mean-recon / z-score | AUC-PR model / mean-recon / z-score | valid R² | warnings |")
print("|---|---|---|---|---|---|---|")
pooled = {k: {n: [0, 0] for n in names} for k in kinds + ["all"]}
beats = {k: [0, 0] for k in kinds + ["all"]}
for d in sorted(os.listdir(out)):
    path = os.path.join(out, d)
    kind, seed = d.rsplit("-", 1)
    if kind not in kinds or not os.path.exists(os.path.join(path, "evaluation.json")):
        continue
    ev = json.load(open(os.path.join(path, "evaluation.json")))
    tr = json.load(open(os.path.join(path, "train.json")))
    det = {x["name"]: x for x in ev["detectors"]}
    for n in names:
        for k in (kind, "all"):
            pooled[k][n][0] += det[n]["found"]
            pooled[k][n][1] += det[n]["episodes"]
    ap = {n: det[n]["auc_pr"] for n in names}
    ahead = all(ap[n] is not None and ap["score"] is not None and ap["score"] > ap[n] for n in names[1:])
    for k in (kind, "all"):
        beats[k][0] += ahead
        beats[k][1] += 1
    fmt = lambda v: "-" if v is None else f"{v:.3f}"
    print(f"| {kind} | {seed} | {det['score']['episodes']} | "
          + " / ".join(f"{det[n]['found']}/{det[n]['episodes']}" for n in names) + " | "
          + " / ".join(fmt(ap[n]) for n in names) + f" | {fmt(tr.get('valid_r2'))} | {len(tr['warnings'])} |")
print()
# icews alerts at the same top 5 %: of each detector's first 10 alerts (merged flagged windows), how many
# overlap a planted episode, pooled over the dumps
import csv
print("| kind | first 10 alerts on an episode: model | mean-recon | z-score | alerts per dump: model / mean-recon / z-score |")
print("|---|---|---|---|---|")
alert_pool = {k: {n: [0, 0, 0, 0] for n in names} for k in kinds + ["all"]}
for d in sorted(os.listdir(out)):
    kind, seed = d.rsplit("-", 1)
    if kind not in kinds:
        continue
    for n in names:
        path = os.path.join(out, d, f"alerts-{n}.csv")
        if not os.path.exists(path):
            continue
        rows = list(csv.DictReader(open(path)))
        for k in (kind, "all"):
            p = alert_pool[k][n]
            p[0] += sum(1 for r in rows[:10] if r["episode_start"])
            p[1] += min(10, len(rows))
            p[2] += len(rows)
            p[3] += 1
for k in kinds + ["all"]:
    cells = [f"{p[0]}/{p[1]} = {100 * p[0] / max(p[1], 1):.0f} %" for p in (alert_pool[k][n] for n in names)]
    per = " / ".join(f"{p[2] / max(p[3], 1):.0f}" for p in (alert_pool[k][n] for n in names))
    print(f"| {k} | " + " | ".join(cells) + f" | {per} |")
print()
print("| kind | pooled recall@5% model | mean-recon | z-score | dumps where the model has the best AUC-PR |")
print("|---|---|---|---|---|")
for k in kinds + ["all"]:
    cells = []
    for n in names:
        f, e = pooled[k][n]
        cells.append(f"{f}/{e} = {100 * f / max(e, 1):.0f} %")
    print(f"| {k} | " + " | ".join(cells) + f" | {beats[k][0]}/{beats[k][1]} |")
PY
