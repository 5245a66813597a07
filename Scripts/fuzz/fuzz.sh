#!/usr/bin/env bash
# Builds the libFuzzer targets of Scripts/fuzz/ (address sanitizer + coverage, release) and runs each for a
# time, starting from its seed corpus in Fixtures/fuzz/<target>/.
#   Scripts/fuzz/fuzz.sh [SECONDS] [TARGET...]     (make fuzz FUZZ_SECONDS=600, make fuzz-ci)
# FUZZ_PARALLEL=N runs N targets at a time (default 1). New inputs go to .build-fuzz/corpus/<target>/
# (kept between runs, never into Fixtures), crashes to .build-fuzz/artifacts/; each target's log is
# .build-fuzz/logs/<target>.log and the summary (executions, time, result) is printed at the end.
# Exits 1 when any target found a crash, a timeout or an out-of-memory input.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SECONDS_EACH=${1:-60}
shift || true
ALL_TARGETS=(rows shard manifest safetensors pipeline-yaml)
TARGETS=("${@:-${ALL_TARGETS[@]}}")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL_TARGETS[@]}")
PARALLEL=${FUZZ_PARALLEL:-1}
SCRATCH=$ROOT/.build-fuzz

product() {
  case $1 in
    rows) echo FuzzRows ;; shard) echo FuzzShard ;; manifest) echo FuzzManifest ;;
    safetensors) echo FuzzSafetensors ;; pipeline-yaml) echo FuzzPipelineYAML ;;
    *) echo "unknown fuzz target '$1' (targets: ${ALL_TARGETS[*]})" >&2; exit 2 ;;
  esac
}

echo "== building the fuzz targets (release, -sanitize=fuzzer,address) into $SCRATCH"
for t in "${TARGETS[@]}"; do
  swift build --package-path Scripts/fuzz --scratch-path "$SCRATCH" -c release --product "$(product "$t")" \
    -Xswiftc -sanitize=fuzzer,address 2>&1 | grep -v '^\[' || true
  [ -x "$SCRATCH/release/$(product "$t")" ] || { echo "fuzz target $t did not build" >&2; exit 1; }
done

mkdir -p "$SCRATCH/logs" "$SCRATCH/artifacts" "$SCRATCH/tmp"
run_one() {
  local t=$1 bin corpus log
  bin=$SCRATCH/release/$(product "$t")
  corpus=$SCRATCH/corpus/$t
  log=$SCRATCH/logs/$t.log
  mkdir -p "$corpus" "$SCRATCH/tmp/$t"
  # -detect_leaks=0: Foundation's caches read as leaks under LeakSanitizer; memory blow-ups are caught by
  # -rss_limit_mb and -malloc_limit_mb (2 GiB, an input here is at most a few hundred KB).
  ICEWS_FUZZ_SCRATCH=$SCRATCH/tmp/$t ICEWS_FUZZ_FIXTURES=$ROOT/Fixtures/fuzz ASAN_OPTIONS=detect_leaks=0 \
    "$bin" "$corpus" "$ROOT/Fixtures/fuzz/$t" -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=2048 \
    -malloc_limit_mb=2048 -max_len=262144 -print_final_stats=1 -artifact_prefix="$SCRATCH/artifacts/$t-" \
    >"$log" 2>&1
  local rc=$?
  rm -rf "$SCRATCH/tmp/$t"
  return $rc
}

echo "== fuzzing ${TARGETS[*]} for ${SECONDS_EACH}s each, $PARALLEL at a time"
pids=()
names=()
failed=0
wait_first() {
  local pid=${pids[0]} name=${names[0]}
  if ! wait "$pid"; then
    failed=1
    echo "!! $name: libFuzzer stopped on a finding; see $SCRATCH/logs/$name.log and $SCRATCH/artifacts/$name-*"
  fi
  pids=("${pids[@]:1}")
  names=("${names[@]:1}")
}
for t in "${TARGETS[@]}"; do
  run_one "$t" &
  pids+=($!)
  names+=("$t")
  [ ${#pids[@]} -lt "$PARALLEL" ] || wait_first
done
while [ ${#pids[@]} -gt 0 ]; do wait_first; done

printf '\n%-14s %12s %8s %8s  %s\n' target executions seconds exec/s result
for t in "${TARGETS[@]}"; do
  log=$SCRATCH/logs/$t.log
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  secs=$(sed -n 's/.*Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  result=ok
  grep -q -E 'ERROR: libFuzzer|ERROR: AddressSanitizer|SUMMARY: |Fatal error|deadly signal' "$log" && result=FINDING
  printf '%-14s %12s %8s %8s  %s\n' "$t" "${execs:-?}" "${secs:-?}" \
    "$([ -n "${execs:-}" ] && [ -n "${secs:-}" ] && [ "$secs" -gt 0 ] && echo $((execs / secs)) || echo ?)" "$result"
done
exit $failed
