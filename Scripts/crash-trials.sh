#!/usr/bin/env bash
# Crash and concurrency trials for one output folder (issue 12), on a synthetic dump:
#   kill:       `icews run` killed with SIGKILL at a random moment of its run, TRIALS times, alternating
#               between a folder holding an earlier result and an empty one. Afterwards the folder must
#               hold that earlier result (byte-identical), a complete new one, or none (no manifest.json),
#               and whatever is there must pass `icews verify`; the next run must succeed.
#   concurrent: two runs started together into one fresh folder, TRIALS times: at least one exits 0,
#               the other exits 0 (no overlap) or 1 naming the holder, and `icews verify` passes.
#   Scripts/crash-trials.sh [kill|concurrent|all] [TRIALS]     (ICEWS=path/to/icews, default .build/debug/icews)
# Prints one line per trial and the counts; exits 1 when any trial breaks the rule.
set -uo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-all}
TRIALS=${2:-20}
ICEWS=${ICEWS:-.build/debug/icews}
PIPELINE=Pipelines/icews-274.yaml
WORK=$(mktemp -d "${TMPDIR:-/tmp}/icews-crash-trials-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
[ -x "$ICEWS" ] || { echo "no icews at $ICEWS (swift build first, or set ICEWS)" >&2; exit 2; }

"$ICEWS" synth --rows 40000 --days 2000 --countries 12 --seed 12 -o "$WORK/dump.tsv" 2>/dev/null
failures=0
fail() { echo "  FAIL: $*"; failures=$((failures + 1)); }

# sha256 of every result file (names and bytes), the lock and staging folder aside
digest() {
  (cd "$1" && find . -type f ! -name .icews.lock ! -path './.staging/*' | sort | xargs -r sha256sum) | sha256sum
}

kill_trials() {
  local reference=$WORK/reference start end run_ms
  start=$(date +%s%N)
  "$ICEWS" run $PIPELINE --input "$WORK/dump.tsv" --out "$reference" >/dev/null 2>&1 \
    || { fail "reference run"; return; }
  end=$(date +%s%N)
  run_ms=$(((end - start) / 1000000))
  local want
  want=$(digest "$reference")
  echo "== kill: one run takes ${run_ms} ms; SIGKILL at a random moment in 0…$((run_ms * 11 / 10)) ms, $TRIALS trials"
  local kept=0 none=0 finished=0
  for trial in $(seq 1 "$TRIALS"); do
    local out=$WORK/kill-$trial kind=empty
    if [ $((trial % 2)) -eq 1 ]; then cp -r "$reference" "$out"; kind=earlier; else mkdir -p "$out"; fi
    local delay_ms=$((RANDOM * RANDOM % (run_ms * 11 / 10 + 1)))
    "$ICEWS" run $PIPELINE --input "$WORK/dump.tsv" --out "$out" >/dev/null 2>&1 &
    local pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    local status=$? outcome
    if [ $status -eq 0 ]; then
      outcome="finished before the kill"
      finished=$((finished + 1))
      [ "$(digest "$out")" = "$want" ] || fail "trial $trial: a finished run's result differs"
      "$ICEWS" verify "$out" >/dev/null 2>&1 || fail "trial $trial: verify fails on a finished result"
    elif [ ! -f "$out/manifest.json" ]; then
      outcome=none
      none=$((none + 1))
      [ "$kind" = empty ] || outcome="none (the earlier result was withdrawn before the new one was complete)"
    elif [ "$(digest "$out")" = "$want" ]; then
      # a rerun on the same input is byte-identical: a killed run left a complete result
      if [ "$kind" = earlier ]; then outcome="earlier result kept"; else outcome="complete new result"; fi
      kept=$((kept + 1))
      "$ICEWS" verify "$out" >/dev/null 2>&1 || fail "trial $trial: verify fails on a complete result"
    else
      outcome="a result that is neither"
      fail "trial $trial: the folder holds a result that is neither the earlier one nor a complete new one"
      "$ICEWS" verify "$out" >/dev/null 2>&1 || fail "trial $trial: and verify fails"
    fi
    printf '  trial %2d: %-8s folder, killed at %5d ms: %s\n' "$trial" "$kind" "$delay_ms" "$outcome"
    "$ICEWS" run $PIPELINE --input "$WORK/dump.tsv" --out "$out" >/dev/null 2>&1 \
      || fail "trial $trial: the next run into the folder fails"
    [ "$(digest "$out")" = "$want" ] || fail "trial $trial: the next run's result differs"
    rm -rf "$out"
  done
  echo "kill: $TRIALS trials: $kept complete result (earlier or new), $none none, $finished finished first;" \
    "every result verified, every next run succeeded ($failures failures so far)"
}

concurrent_trials() {
  echo "== concurrent: two runs started together into one fresh folder, $TRIALS trials"
  local refused=0 both=0
  for trial in $(seq 1 "$TRIALS"); do
    local out=$WORK/concurrent-$trial
    "$ICEWS" run $PIPELINE --input "$WORK/dump.tsv" --out "$out" >/dev/null 2>"$WORK/a.err" &
    local a=$!
    "$ICEWS" run $PIPELINE --input "$WORK/dump.tsv" --out "$out" >/dev/null 2>"$WORK/b.err" &
    local b=$!
    wait $a; local sa=$?
    wait $b; local sb=$?
    if [ $sa -eq 0 ] && [ $sb -eq 0 ]; then
      both=$((both + 1))
    elif { [ $sa -eq 0 ] && [ $sb -eq 1 ] && grep -q "is being written by icews run (pid" "$WORK/b.err"; } ||
      { [ $sb -eq 0 ] && [ $sa -eq 1 ] && grep -q "is being written by icews run (pid" "$WORK/a.err"; }; then
      refused=$((refused + 1))
    else
      fail "trial $trial: exit codes $sa and $sb: $(cat "$WORK/a.err" "$WORK/b.err" | tail -2)"
    fi
    "$ICEWS" verify "$out" >/dev/null 2>&1 || fail "trial $trial: verify fails"
    [ ! -e "$out/.icews.lock" ] || fail "trial $trial: the lock file was left behind"
    rm -rf "$out"
  done
  echo "concurrent: $TRIALS trials: $refused one won and the other was refused naming the holder," \
    "$both did not overlap (both finished one after the other); every folder verified"
}

case $MODE in
  kill) kill_trials ;;
  concurrent) concurrent_trials ;;
  all) kill_trials; concurrent_trials ;;
  *) echo "usage: $0 [kill|concurrent|all] [TRIALS]" >&2; exit 2 ;;
esac
echo "failures: $failures"
[ $failures -eq 0 ]
