# Shared pieces of the peer benchmarks (sourced by compare.sh; bash only).
# Sets ROOT, PY (the peers' Python), ICEWS (the release binary) and offers `measure`, `has_subcommand`, `row`.

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
# The peers' virtualenv lives outside the repository (torch, polars, numpy, zstandard, pyyaml).
PY=${PEERS_PYTHON:-/work/venv-peers/bin/python}
TABLE_ROWS=()

die() { echo "bench: $*" >&2; exit 1; }
note() { echo "bench: $*" >&2; }

# Uses $ICEWS when set, else builds the release binary in its own scratch path (never fights other builds).
ensure_icews() {
  if [[ -n ${ICEWS:-} ]]; then
    [[ -x $ICEWS ]] || die "ICEWS=$ICEWS is not an executable"
    ICEWS_REV="given binary"
    return
  fi
  local source=$ROOT rev
  rev=$(git -C "$ROOT" rev-parse --short HEAD)
  if [[ ${FROM_HEAD:-0} == 1 ]]; then
    # The committed HEAD, exported outside the work tree: edits in progress cannot break or skew the build.
    source=$WORK/src
    note "exporting HEAD ($rev) to $source…"
    mkdir -p "$source"
    find "$source" -mindepth 1 -maxdepth 1 ! -name .build-bench -exec rm -rf {} +
    git -C "$ROOT" archive "$rev" | tar -x -C "$source"
  fi
  note "building icews in release ($source/.build-bench)…"
  (cd "$source" && swift build -c release --scratch-path .build-bench --product icews >&2) \
    || die "release build failed; set ICEWS=/path/to/icews to use an existing binary"
  ICEWS="$source/.build-bench/release/icews"
  ICEWS_REV=$rev
  [[ ${FROM_HEAD:-0} == 1 ]] || ICEWS_REV+=" + work tree"
}

# has_subcommand NAME: true when `icews NAME --help` succeeds.
has_subcommand() { "$ICEWS" "$1" --help >/dev/null 2>&1; }

# Converts /usr/bin/time's "h:mm:ss" or "m:ss.cc" to seconds.
elapsed_seconds() {
  awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }'
}

# measure LABEL CMD…: runs CMD under /usr/bin/time -v with its output in $WORK/logs/LABEL.{out,err,time};
# sets M_STATUS, M_WALL (seconds), M_RSS (MiB, peak resident set). With REPEAT > 1 keeps the fastest run.
measure() {
  local label=$1; shift
  local log="$WORK/logs/$label" best_wall="" best_rss="" status=0 i
  mkdir -p "$WORK/logs"
  for ((i = 1; i <= ${REPEAT:-1}; i++)); do
    set +e
    /usr/bin/time -v -o "$log.time" "$@" >"$log.out" 2>"$log.err"
    status=$?
    set -e
    local wall rss
    wall=$(grep 'Elapsed (wall clock)' "$log.time" | sed 's/.*: //' | elapsed_seconds)
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log.time")
    if [[ $status -ne 0 ]]; then
      note "$label failed (exit $status); last lines of $log.err:"
      tail -5 "$log.err" >&2
      break
    fi
    if [[ -z $best_wall ]] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
      best_wall=$wall best_rss=$rss
    fi
  done
  M_STATUS=$status
  M_WALL=${best_wall:-$wall}
  M_RSS=${best_rss:-$rss}
  note "$label: ${M_WALL} s, ${M_RSS} MiB peak (exit $M_STATUS)"
}

# ratio A B: A / B with two decimals, or "–" when either is missing or B is zero.
ratio() {
  awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "–"; else printf "%.2f", a / b }'
}

# row CELLS…: one markdown table row.
row() {
  local out="|" cell
  for cell in "$@"; do out+=" $cell |"; done
  TABLE_ROWS+=("$out")
}
