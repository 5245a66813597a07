#!/usr/bin/env bash
# The seed table through the CLI: `icews run` the seed sequence with and without window differencing,
# then `icews train` hidden 100 and 5 for seeds 0–4 (Adam lr 1e-3, batch 1, stop below 1e-4, at most
# 1000 steps) and print one markdown row per run from its REPORT.json.
#   usage: Scripts/seed_table.sh [WORKDIR]        (ICEWS=path/to/icews to pick the binary)
set -euo pipefail
cd "$(dirname "$0")/.."
ICEWS="${ICEWS:-.build/release/icews}"
WORK="${1:-$(mktemp -d)}"
SEEDS="${SEEDS:-0 1 2 3 4}"
mkdir -p "$WORK"

"$ICEWS" run Pipelines/seed-overfit.yaml --input Fixtures/seed-sequence.csv --out "$WORK/window" 2>/dev/null
"$ICEWS" run Pipelines/seed-overfit-nodiff.yaml --input Fixtures/seed-sequence.csv --out "$WORK/none" 2>/dev/null

echo "| hidden | differencing | seed | reached 1e-4 at step | final loss | mean baseline MSE | R² | mean-collapse warning | ms/step |"
echo "|---|---|---|---|---|---|---|---|---|"
for hidden in 100 5; do
  for diff in window none; do
    for seed in $SEEDS; do
      report="$WORK/report-h$hidden-$diff-s$seed.json"
      "$ICEWS" train "$WORK/$diff" --hidden "$hidden" --lr 1e-3 --target-loss 1e-4 --max-steps 1000 \
        --seed "$seed" --batch 1 --out "$WORK/model-h$hidden-$diff-s$seed.safetensors" --report "$report" 2>/dev/null
      python3 - "$report" "$hidden" "$diff" "$seed" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
hidden, diff, seed = sys.argv[2:5]
reached = r["reached_target_at"]
steps = str(reached) if reached is not None else f"never ({r['steps']})"
collapse = "yes" if any("mean collapse" in w for w in r["warnings"]) else "no"
r2 = "-" if r["r2"] is None else f"{r['r2']:.3f}"
print(f"| {hidden} | {diff} | {seed} | {steps} | {r['loss_trace'][-1]:.3e} | {r['mean_baseline_mse']:.3e} | {r2} | {collapse} | {r['ms_per_step']:.2f} |")
PY
    done
  done
done
