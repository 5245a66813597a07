#!/usr/bin/env bash
# Training step time, icews vs PyTorch (Scripts/peers/torch_lstm_ae.py), same thread counts, one run:
#   B 64, T 14, F 274, H 300 (icews-274 shards of a synth dump) and B 1, T 14, F 5, H 100 (the seed),
# at 1 and 2 threads, with the BLAS core icews runs and the machine's sgemm rate. Markdown to stdout.
#   Scripts/bench/train_vs_torch.sh            (ICEWS=..., PEERS_PYTHON=/work/venv-peers/bin/python)
set -euo pipefail
cd "$(dirname "$0")/../.."
ICEWS=${ICEWS:-.build/release/icews}
PY=${PEERS_PYTHON:-/work/venv-peers/bin/python}
WORK=${WORK:-$(mktemp -d -t icews-train-bench-XXXX)}
[ -x "$ICEWS" ] || { echo "build first: swift build -c release" >&2; exit 1; }
[ -x "$PY" ] || { echo "peer python $PY missing: python3 -m venv /work/venv-peers && /work/venv-peers/bin/pip install -r Scripts/peers/requirements.txt" >&2; exit 1; }
"$ICEWS" synth --rows 200000 --start 2013-01-01 --days 2200 --countries 40 --seed 3 -o "$WORK/d.tsv" 2>/dev/null
"$ICEWS" run Pipelines/icews-274.yaml --input "$WORK/d.tsv" --out "$WORK/s274" 2>/dev/null
"$ICEWS" run Pipelines/seed-overfit.yaml --input Fixtures/seed-sequence.csv --out "$WORK/seed" 2>/dev/null
ms() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("%.3f %s %.1f" % (r["ms_per_step"], r["blas_core"], r["gflops"]))' "$1"; }
echo "# $(date -u +%FT%TZ), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, HEAD $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo
echo "| case | threads | icews ms/step | BLAS core | GFLOP/s | PyTorch ms/step | PyTorch / icews |"
echo "|---|---|---|---|---|---|---|"
for t in 1 2; do
  torch=$("$PY" Scripts/peers/torch_lstm_ae.py --threads "$t" --steps 30 2>/dev/null)
  tb=$(echo "$torch" | awk '/^B64/ {print $(NF-6)}')
  ts=$(echo "$torch" | awk '/^B1 / {print $(NF-6)}')
  "$ICEWS" train "$WORK/s274" --hidden 300 --batch 64 --max-steps 40 --threads "$t" -o "$WORK/m.safetensors" --report "$WORK/rb.json" 2>/dev/null
  "$ICEWS" train "$WORK/seed" --hidden 100 --batch 1 --lr 1e-3 --max-steps 300 --threads "$t" -o "$WORK/m.safetensors" --report "$WORK/rs.json" 2>/dev/null
  read -r ib core gb <<<"$(ms "$WORK/rb.json")"
  read -r is _ gs <<<"$(ms "$WORK/rs.json")"
  echo "| B64 T14 F274 H300 | $t | $ib | $core | $gb | $tb | $(python3 -c "print('%.2fx' % ($tb / $ib))") |"
  echo "| B1 T14 F5 H100 | $t | $is | $core | $gs | $ts | $(python3 -c "print('%.1fx' % ($ts / $is))") |"
done
rm -rf "$WORK"
