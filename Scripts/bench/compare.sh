#!/usr/bin/env bash
# Toolkit vs peers in ONE run on this machine: release build, a synthesized dump, then
#   frames  `icews frames`  vs Scripts/peers/polars_frames.py   (time, peak RSS, frames.npy equal?)
#   run     `icews run`     vs Scripts/peers/polars_run.py      (time, peak RSS, exported windows equal?)
#   loader  `icews stream`  vs Scripts/peers/numpy_loader.py    (GB/s of float windows on one core)
#   loader-lib  WindowLoader in process (Benchmarks/, ordo-one/benchmark) on the same shards
# A part whose subcommand does not exist yet is skipped and says so. The report (markdown) goes to stdout,
# progress and logs to stderr and WORK/logs.
#
#   Scripts/bench/compare.sh [--rows 1000000] [--days 10000] [--start 1995-01-01] [--seed 1]
#                            [--pipeline Pipelines/icews-274.yaml] [--work /tmp/icews-bench]
#                            [--parts frames,run,loader,loader-lib] [--repeat 1] [--batch 64] [--dump FILE]
#                            [--duplicates 0]   (rows repeating an earlier key, passed to `icews synth`)
#                            [--from-head]      (build a `git archive HEAD` snapshot in WORK/src, not the work tree)
# Environment: ICEWS=/path/to/icews skips the build; PEERS_PYTHON=/path/to/python (default /work/venv-peers).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=lib.sh
source "$ROOT/Scripts/bench/lib.sh"

ROWS=1000000 DAYS=10000 START=1995-01-01 SEED=1 BATCH=64 REPEAT=1 DUPLICATES=0 FROM_HEAD=0
PIPELINE=$ROOT/Pipelines/icews-274.yaml WORK=/tmp/icews-bench PARTS=frames,run,loader,loader-lib DUMP=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --rows) ROWS=$2; shift 2 ;;
    --days) DAYS=$2; shift 2 ;;
    --start) START=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --pipeline) PIPELINE=$(realpath "$2"); shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --parts) PARTS=$2; shift 2 ;;
    --repeat) REPEAT=$2; shift 2 ;;
    --batch) BATCH=$2; shift 2 ;;
    --duplicates) DUPLICATES=$2; shift 2 ;;
    --from-head) FROM_HEAD=1; shift ;;
    --dump) DUMP=$(realpath "$2"); shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
export REPEAT
[[ -f $PIPELINE ]] || die "pipeline $PIPELINE not found"
[[ -x $PY ]] || die "peer python $PY missing: python3 -m venv /work/venv-peers && /work/venv-peers/bin/pip install torch polars numpy zstandard pyyaml"
"$PY" -c 'import polars, numpy, yaml' 2>/dev/null || die "$PY lacks polars/numpy/pyyaml"
wants() { [[ ",$PARTS," == *",$1,"* ]]; }
mkdir -p "$WORK/logs"
CHECKS=()

ensure_icews
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the dump ---------------------------------------------------------------------------------------
if [[ -z $DUMP ]]; then
  DUMP=$WORK/dump-${ROWS}-${DAYS}-${SEED}-${DUPLICATES}.tab
  if [[ ! -s $DUMP || $ICEWS -nt $DUMP ]]; then  # a rebuilt binary may synthesize different bytes
    if has_subcommand synth; then
      note "icews synth --rows $ROWS …"
      "$ICEWS" synth --rows "$ROWS" --start "$START" --days "$DAYS" --seed "$SEED" --duplicates "$DUPLICATES" \
        -o "$DUMP"
      DUMP_SOURCE="icews synth --rows $ROWS --start $START --days $DAYS --seed $SEED --duplicates $DUPLICATES"
    else
      note "icews synth missing: using Scripts/peers/make_classic_sample.py"
      python3 "$ROOT/Scripts/peers/make_classic_sample.py" --rows "$ROWS" --start "$START" --days "$DAYS" \
        --seed "$SEED" -o "$DUMP"
      DUMP_SOURCE="Scripts/peers/make_classic_sample.py --rows $ROWS --start $START --days $DAYS --seed $SEED"
    fi
  else
    DUMP_SOURCE="existing $DUMP"
  fi
else
  DUMP_SOURCE="given $DUMP"
fi
DUMP_MB=$(awk -v b="$(stat -c %s "$DUMP")" 'BEGIN { printf "%.0f", b / 1048576 }')
warm() { cat "$@" >/dev/null; }  # both sides start with the input in the page cache

# --- frames -----------------------------------------------------------------------------------------
if wants frames; then
  if has_subcommand frames; then
    rm -rf "$WORK/toolkit-frames" "$WORK/polars-frames"
    warm "$DUMP"
    measure toolkit-frames "$ICEWS" frames --pipeline "$PIPELINE" --input "$DUMP" --out "$WORK/toolkit-frames"
    T_WALL=$M_WALL T_RSS=$M_RSS T_OK=$M_STATUS
    warm "$DUMP"
    measure polars-frames "$PY" "$ROOT/Scripts/peers/polars_frames.py" --pipeline "$PIPELINE" --input "$DUMP" \
      --out "$WORK/polars-frames"
    check="not compared"
    if [[ $T_OK -eq 0 && $M_STATUS -eq 0 ]]; then
      set +e
      "$PY" "$ROOT/Scripts/bench/compare_outputs.py" frames "$WORK/toolkit-frames" "$WORK/polars-frames" \
        --atol 1e-6 >"$WORK/logs/check-frames.txt" 2>&1
      set -e
      check=$(head -1 "$WORK/logs/check-frames.txt")
      CHECKS+=("frames: $(cat "$WORK/logs/check-frames.txt")")
    fi
    row "frames (\`icews frames\` vs polars)" "$T_WALL" "$T_RSS" "$M_WALL" "$M_RSS" \
      "$(ratio "$M_WALL" "$T_WALL")×" "$(ratio "$M_RSS" "$T_RSS")×" "$check"
  else
    row "frames" "–" "–" "–" "–" "–" "–" "skipped: \`icews frames\` missing"
  fi
fi

# --- run (whole pipeline) ---------------------------------------------------------------------------
if wants run; then
  if has_subcommand run; then
    rm -rf "$WORK/toolkit-run" "$WORK/polars-run" "$WORK/toolkit-export"
    warm "$DUMP"
    measure toolkit-run "$ICEWS" run "$PIPELINE" --input "$DUMP" --out "$WORK/toolkit-run"
    T_WALL=$M_WALL T_RSS=$M_RSS T_OK=$M_STATUS
    warm "$DUMP"
    measure polars-run "$PY" "$ROOT/Scripts/peers/polars_run.py" --pipeline "$PIPELINE" --input "$DUMP" \
      --out "$WORK/polars-run"
    P_OK=$M_STATUS
    check="not compared"
    if [[ $T_OK -eq 0 && $P_OK -eq 0 ]] && has_subcommand export; then
      mkdir -p "$WORK/toolkit-export"
      : >"$WORK/logs/check-run.txt"
      verdict="EQUAL"
      for split in train valid test; do
        if ! "$ICEWS" export "$WORK/toolkit-run" --split "$split" --format npy -o "$WORK/toolkit-export/$split.npy" \
          --keys "$WORK/toolkit-export/${split}_keys.npy" >>"$WORK/logs/check-run.txt" 2>&1; then
          echo "export --split $split failed" >>"$WORK/logs/check-run.txt"
          verdict="MISMATCH"
          continue
        fi
        set +e
        "$PY" "$ROOT/Scripts/bench/compare_outputs.py" windows "$WORK/toolkit-export/$split.npy" \
          "$WORK/polars-run/$split.npy" --toolkit-keys "$WORK/toolkit-export/${split}_keys.npy" \
          --peer-keys "$WORK/polars-run/${split}_keys.npy" --features-json "$WORK/polars-run/run.json" \
          --atol 1e-5 --rtol 1e-5 >>"$WORK/logs/check-run.txt" 2>&1 || verdict="MISMATCH"
        set -e
      done
      check="$verdict windows (train/valid/test)"
      CHECKS+=("run: $(cat "$WORK/logs/check-run.txt")")
    elif ! has_subcommand export; then
      check="not compared: \`icews export\` missing"
    fi
    SHARD_MB=$(du -sm "$WORK/toolkit-run" 2>/dev/null | cut -f1)
    NPY_MB=$(du -sm "$WORK/polars-run" 2>/dev/null | cut -f1)
    row "run (\`icews run\` vs polars)" "$T_WALL" "$T_RSS" "$M_WALL" "$M_RSS" \
      "$(ratio "$M_WALL" "$T_WALL")×" "$(ratio "$M_RSS" "$T_RSS")×" "$check; output ${SHARD_MB:-?} MiB shards vs ${NPY_MB:-?} MiB .npy"
  else
    row "run" "–" "–" "–" "–" "–" "–" "skipped: \`icews run\` missing"
  fi
fi

# --- loader -----------------------------------------------------------------------------------------
LOADER_ROWS=()
if wants loader; then
  WINDOWS=""
  for candidate in "$WORK/toolkit-export/train.npy" "$WORK/polars-run/train.npy"; do
    [[ -s $candidate ]] && { WINDOWS=$candidate; break; }
  done
  if [[ -z $WINDOWS ]]; then
    note "loader: no windows .npy (run the run part first)"
    LOADER_ROWS+=("| loader | – | – | skipped: no windows (needs the run part) |")
  else
    BYTES=$("$PY" -c 'import numpy as np, sys; a = np.load(sys.argv[1], mmap_mode="r"); print(a.size * 4)' "$WINDOWS")
    if has_subcommand stream && [[ -d $WORK/toolkit-run ]]; then
      measure toolkit-stream taskset -c 0 bash -c "\"\$0\" stream \"\$1\" --split train --batch $BATCH --shuffle --seed 0 >/dev/null" \
        "$ICEWS" "$WORK/toolkit-run"
      measure toolkit-stream taskset -c 0 bash -c "\"\$0\" stream \"\$1\" --split train --batch $BATCH --shuffle --seed 0 >/dev/null" \
        "$ICEWS" "$WORK/toolkit-run"
      gbps=$(awk -v b="$BYTES" -v s="$M_WALL" 'BEGIN { if (s > 0) printf "%.2f", b / s / 1e9; else print "–" }')
      LOADER_ROWS+=("| \`icews stream --batch $BATCH --shuffle\` → /dev/null (whole process) | $gbps | $M_RSS | zstd shards, includes startup and stdout writes |")
      TOOLKIT_GBPS=$gbps
    else
      LOADER_ROWS+=("| \`icews stream\` | – | – | skipped: \`icews stream\` missing |")
    fi
    if wants loader-lib; then
      # In process (no stdout): Benchmarks/ (ordo-one/benchmark) runs WindowLoader over the same shards.
      if [[ -d $WORK/toolkit-run ]] && (cd "$ROOT" && swift build -c release --package-path Benchmarks \
        >"$WORK/logs/benchmarks-build.log" 2>&1); then
        (cd "$ROOT" && ICEWS_BENCH_SHARDS=$WORK/toolkit-run taskset -c 0 swift package --package-path Benchmarks \
          benchmark --target LoaderBenchmarks --no-progress >"$WORK/logs/loader-lib.out" 2>&1) || true
        while IFS=$'\t' read -r name rate rss; do
          LOADER_ROWS+=("| WindowLoader in process: $name (Benchmarks/, p50 of 5) | $rate | $rss | decoded float32 windows handed to the consumer |")
        done < <(awk -F'│' '
          /^train epoch/ { name = $0 }
          /decoded MB\/s/ { gsub(/ /, "", $5); rate[name] = sprintf("%.2f", $5 / 1000) }
          /Memory \(resident peak\)/ { gsub(/ /, "", $5); rss[name] = $5 }
          END { for (n in rate) printf "%s\t%s\t%s\n", n, rate[n], rss[n] }' "$WORK/logs/loader-lib.out" | sort)
      else
        LOADER_ROWS+=("| WindowLoader in process (Benchmarks/) | – | – | skipped: no shards or Benchmarks build failed (see logs) |")
      fi
    fi
    for mode in torch numpy; do
      measure "peer-loader-$mode" taskset -c 0 "$PY" "$ROOT/Scripts/peers/numpy_loader.py" "$WINDOWS" \
        --batch "$BATCH" --epochs 3 --mode "$mode"
      result=$(grep '^RESULT' "$WORK/logs/peer-loader-$mode.out" || true)
      gbps=$(sed -n 's/.*gbps=\([0-9.]*\).*/\1/p' <<<"$result")
      LOADER_ROWS+=("| numpy_loader.py --mode $mode (best of 3 epochs, memory-mapped .npy) | ${gbps:-–} | $M_RSS | uncompressed $(basename "$WINDOWS") in page cache; peak RSS counts mapped pages |")
    done
  fi
fi

# --- report -----------------------------------------------------------------------------------------
CPU=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
echo "## Toolkit vs peers — $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "Machine: $(nproc) cores (${CPU:-unknown CPU}), $(free -g | awk '/Mem:/ { print $2 }') GiB. icews: \`$ICEWS\` ($ICEWS_REV)."
echo "Peers: $("$PY" -c 'import polars, numpy; print(f"polars {polars.__version__}, numpy {numpy.__version__}", end="")')$("$PY" -c 'import torch; print(f", torch {torch.__version__}", end="")' 2>/dev/null || true)."
echo "Load average before the run: $LOAD_BEFORE (other work on the 2 cores skews every time here)."
echo "Dump: $DUMP_SOURCE → $DUMP ($DUMP_MB MiB). Pipeline: \`${PIPELINE#"$ROOT"/}\`. Repeat: $REPEAT (fastest kept)."
echo
if [[ ${#TABLE_ROWS[@]} -gt 0 ]]; then
  echo "| stage | toolkit s | toolkit peak MiB | peer s | peer peak MiB | time peer/toolkit | memory peer/toolkit | output check |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  printf '%s\n' "${TABLE_ROWS[@]}"
  echo
fi
if [[ ${#LOADER_ROWS[@]} -gt 0 ]]; then
  echo "Loader, one core (\`taskset -c 0\`), batch $BATCH, windows $(basename "${WINDOWS:-none}"):"
  echo
  echo "| loader | GB/s of float windows | peak MiB | notes |"
  echo "| --- | ---: | ---: | --- |"
  printf '%s\n' "${LOADER_ROWS[@]}"
  echo
fi
if [[ ${#CHECKS[@]} -gt 0 ]]; then
  echo "Output checks (toolkit vs peer):"
  echo
  echo '```'
  printf '%s\n' "${CHECKS[@]}"
  echo '```'
fi
echo
echo "Logs: $WORK/logs. Rerun: \`Scripts/bench/compare.sh --rows $ROWS --days $DAYS --start $START --seed $SEED --duplicates $DUPLICATES --parts $PARTS\`"
