#!/usr/bin/env python3
"""`make bench`: the toolkit and its peers side by side on this machine, in one run, medians of rounds.

  ingest   `icews run Pipelines/icews-274.yaml` on a 1 M-event dump    vs Scripts/peers/polars_run.py
  floor    libcsv alone tokenizing the same dump (no-op callbacks), 1 and 2 threads (Scripts/bench/libcsv_floor.c)
  loader   `icews stream --split train --batch 64 --shuffle` on one core vs numpy_loader.py (torch and numpy)
  train    `icews train` B64 T14 F274 H300 and B1 T14 F5 H100, 1 and 2 threads vs Scripts/peers/torch_lstm_ae.py
  sgemm    a 1024³ OpenBLAS sgemm at 1 and 2 threads, with the core OpenBLAS detects by itself

Rounds alternate toolkit and peer, so a load that comes and goes hits both. The table (stdout) names the
CPU, the BLAS cores and the thread counts; with --write it replaces the "Latest" section of
docs/BENCHMARKS.md and adds one line to its history (the newest 12 are kept).

  Scripts/bench/bench.py [--rounds 3] [--rows 1000000] [--parts ingest,floor,loader,train,sgemm]
                         [--work /tmp/icews-bench] [--write docs/BENCHMARKS.md]
Environment: ICEWS (default .build/release/icews), PEERS_PYTHON (default /work/venv-peers/bin/python).
The peers' virtualenv lives outside the repository:
  python3 -m venv /work/venv-peers && /work/venv-peers/bin/pip install -r Scripts/peers/requirements.txt
"""
import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PARTS = ["ingest", "floor", "loader", "train", "sgemm"]
HISTORY_KEEP = 12


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def run(cmd, *, stdout=subprocess.PIPE, env=None, check=True, errors=None):
    """Runs cmd under /usr/bin/time -v; returns (stdout text, wall seconds, peak RSS MiB). With `errors` a
    list, the command's stderr is appended to it."""
    timing = Path(ARGS.work) / "time.txt"
    started = time.monotonic()
    result = subprocess.run(
        ["/usr/bin/time", "-v", "-o", str(timing)] + [str(c) for c in cmd],
        stdout=stdout, stderr=subprocess.PIPE, text=True, env=env)
    wall = time.monotonic() - started
    if errors is not None:
        errors.append(result.stderr)
    if check and result.returncode != 0:
        sys.exit(f"bench: {' '.join(map(str, cmd))} failed (exit {result.returncode}):\n{result.stderr[-2000:]}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", timing.read_text())
    return result.stdout or "", wall, int(rss.group(1)) / 1024 if rss else float("nan")


def compile_probe(name, flags):
    out = Path(ARGS.work) / name
    source = ROOT / "Scripts/bench" / f"{name}.c"
    if not out.exists() or out.stat().st_mtime < source.stat().st_mtime:
        subprocess.run(["cc", "-O2", "-o", str(out), str(source)] + flags, check=True)
    return out


def pkg_config(*args):
    return subprocess.run(["pkg-config", *args], capture_output=True, text=True, check=True).stdout.split()


class Samples:
    """Named lists of measurements, one entry per round."""

    def __init__(self):
        self.values = {}

    def add(self, name, value):
        self.values.setdefault(name, []).append(value)

    def median(self, name):
        values = self.values.get(name)
        return statistics.median(values) if values else None

    def spread(self, name):
        values = self.values.get(name)
        return (min(values), max(values)) if values else None


def ensure_data(icews):
    work = Path(ARGS.work)
    dump = work / f"dump-{ARGS.rows}.tab"
    if not dump.exists() or dump.stat().st_mtime < icews.stat().st_mtime:
        log(f"synthesizing a {ARGS.rows}-event dump …")
        subprocess.run([icews, "synth", "--rows", str(ARGS.rows), "--start", "1995-01-01", "--days", "10000",
                        "--seed", "1", "-o", dump], check=True, stderr=subprocess.DEVNULL)
    return dump


def train_shards(icews):
    """The training cases' data: icews-274 shards of a smaller dump (F 274) and the seed window (F 5)."""
    work = Path(ARGS.work)
    small = work / "train-dump.tab"
    if not small.exists() or small.stat().st_mtime < icews.stat().st_mtime:
        subprocess.run([icews, "synth", "--rows", "200000", "--start", "2013-01-01", "--days", "2200",
                        "--countries", "40", "--seed", "3", "-o", small], check=True, stderr=subprocess.DEVNULL)
    for pipeline, source, out in [("icews-274.yaml", small, "train-274"),
                                  ("seed-overfit.yaml", ROOT / "Fixtures/seed-sequence.csv", "train-seed")]:
        shutil.rmtree(work / out, ignore_errors=True)
        subprocess.run([icews, "run", ROOT / "Pipelines" / pipeline, "--input", source, "--out", work / out],
                       check=True, stderr=subprocess.DEVNULL)
    return work / "train-274", work / "train-seed"


TRAIN_CASES = {
    "B64 T14 F274 H300": ["--hidden", "300", "--batch", "64", "--max-steps", "40"],
    "B1 T14 F5 H100": ["--hidden", "100", "--batch", "1", "--lr", "1e-3", "--max-steps", "300"],
}


def round_ingest(icews, dump, s):
    work = Path(ARGS.work)
    subprocess.run(["cat", dump], stdout=subprocess.DEVNULL, check=True)  # both start from the page cache
    shutil.rmtree(work / "run", ignore_errors=True)
    _, wall, rss = run([icews, "run", ROOT / "Pipelines/icews-274.yaml", "--input", dump, "--out", work / "run"])
    s.add("ingest.icews.s", wall)
    s.add("ingest.icews.mib", rss)
    shutil.rmtree(work / "polars-run", ignore_errors=True)
    _, wall, rss = run([PY, ROOT / "Scripts/peers/polars_run.py", "--pipeline", ROOT / "Pipelines/icews-274.yaml",
                        "--input", dump, "--out", work / "polars-run"])
    s.add("ingest.polars.s", wall)
    s.add("ingest.polars.mib", rss)


def round_floor(probe, dump, s):
    for threads in (1, 2):
        out, _, _ = run([probe, dump, threads, 1])
        s.add(f"floor.{threads}.s", float(re.search(r"best_s ([0-9.]+)", out).group(1)))


def round_loader(icews, s):
    work = Path(ARGS.work)
    manifest = json.loads((work / "run/manifest.json").read_text())
    s.bytes = manifest["splits"]["train"]["uncompressed_bytes"]
    _, wall, rss = run(["taskset", "-c", "0", icews, "stream", work / "run", "--split", "train", "--batch", "64",
                        "--shuffle", "--seed", "0"], stdout=subprocess.DEVNULL)
    s.add("loader.icews.gbps", s.bytes / wall / 1e9)
    s.add("loader.icews.mib", rss)
    for mode in ("torch", "numpy"):
        out, _, rss = run(["taskset", "-c", "0", PY, ROOT / "Scripts/peers/numpy_loader.py",
                           work / "polars-run/train.npy", "--batch", "64", "--epochs", "3", "--mode", mode])
        s.add(f"loader.{mode}.gbps", float(re.search(r"gbps=([0-9.]+)", out).group(1)))
        s.add(f"loader.{mode}.mib", rss)


# A core the environment pins for OpenBLAS (icews keeps a user's choice); the bench then also measures
# icews and the sgemm yardstick without it, so the table shows what the pin costs.
PINNED_CORE = os.environ.get("OPENBLAS_CORETYPE") or None
UNPINNED_ENV = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"}
# On AVX-512 icews runs the batched products on its own panel kernel; the bench then also times B 64 with
# every product through OpenBLAS, so the table shows what the kernel adds over the BLAS.
SGEMM_ENV = {**os.environ, "ICEWS_AE_PANEL_GEMM": "0"}
# A CPU with AVX2 but not AVX-512, as far as one can be imitated on an AVX-512 machine: icews with every
# product through OpenBLAS's Haswell (AVX2) core, PyTorch with ATen, oneDNN and MKL held to AVX2. icews's
# own element-wise LSTM kernels still run their AVX-512 clones (chosen by the loader), a few percent of a
# B 64 step. Measured only where the CPU has AVX-512; elsewhere the main rows are this case.
HAS_AVX512 = any(line.startswith("flags") and " avx512f" in line for line in open("/proc/cpuinfo"))
AVX2_ICEWS_ENV = {**os.environ, "ICEWS_AE_PANEL_GEMM": "0", "OPENBLAS_CORETYPE": "Haswell"}
AVX2_TORCH_ENV = {**os.environ, "ATEN_CPU_CAPABILITY": "avx2", "ONEDNN_MAX_CPU_ISA": "AVX2",
                  "MKL_ENABLE_INSTRUCTIONS": "AVX2"}
AVX2_CASE = "B64 T14 F274 H300"


def round_train(icews, shards, s):
    work = Path(ARGS.work)
    for threads in (1, 2):
        for case, flags in TRAIN_CASES.items():
            data = shards[0] if "F274" in case else shards[1]
            report = work / "train-report.json"
            variants = [("icews", None)] + ([("unpinned", UNPINNED_ENV)] if PINNED_CORE else [])
            for who, env in variants:
                errors = []
                run([icews, "train", data, *flags, "--threads", threads, "-o", work / "m.safetensors",
                     "--report", report], env=env, errors=errors)
                if who == "icews" and "B64" in case:
                    kernel = re.search(r"products +(.+?)(?:,| \(|$)", errors[0], re.M)
                    s.products = kernel.group(1) if kernel else "?"
                    if "panel" in s.products:
                        variants.append(("sgemm", SGEMM_ENV))  # the loop goes on to it
                r = json.loads(report.read_text())
                s.add(f"train.{case}.{threads}.{who}", r["ms_per_step"])
                s.add(f"train.{case}.{threads}.{who}.gflops", r["gflops"])
                if who == "icews":
                    s.blas_core = r["blas_core"]
                    s.threads_reported[(case, threads)] = r["threads"]
                elif who == "unpinned":
                    s.unpinned_core = r["blas_core"]
        out, _, _ = run([PY, ROOT / "Scripts/peers/torch_lstm_ae.py", "--threads", threads, "--steps", "30"])
        for case in TRAIN_CASES:
            ms = re.search(re.escape(case) + r": ([0-9.]+) ms/step", out)
            s.add(f"train.{case}.{threads}.torch", float(ms.group(1)))
        if HAS_AVX512:
            report = work / "train-report.json"
            run([icews, "train", shards[0], *TRAIN_CASES[AVX2_CASE], "--threads", threads, "-o",
                 work / "m.safetensors", "--report", report], env=AVX2_ICEWS_ENV)
            s.add(f"avx2.{threads}.icews", json.loads(report.read_text())["ms_per_step"])
            out, _, _ = run([PY, ROOT / "Scripts/peers/torch_lstm_ae.py", "--threads", threads, "--steps", "30"],
                            env=AVX2_TORCH_ENV)
            ms = re.search(re.escape(AVX2_CASE) + r": ([0-9.]+) ms/step", out)
            s.add(f"avx2.{threads}.torch", float(ms.group(1)))


def round_sgemm(probe, s):
    for threads in (1, 2):
        out, _, _ = run([probe, 1024, threads, 5], env=UNPINNED_ENV)
        s.add(f"sgemm.{threads}", float(re.search(r"gflops ([0-9.]+)", out).group(1)))
        s.openblas_detected = re.search(r"core (\S+)", out).group(1)
        if PINNED_CORE:
            out, _, _ = run([probe, 1024, threads, 5])
            s.add(f"sgemm.{threads}.pinned", float(re.search(r"gflops ([0-9.]+)", out).group(1)))


def fmt(value, digits=2):
    return "–" if value is None else f"{value:.{digits}f}"


def ratio(a, b, digits=2):
    return "–" if a is None or b is None or b == 0 else f"{a / b:.{digits}f}×"


def spread(s, name, digits=2):
    r = s.spread(name)
    return "" if r is None or len(s.values[name]) < 2 else f" ({r[0]:.{digits}f}–{r[1]:.{digits}f})"


def report(s, machine):
    lines = [f"Run {machine['when']}, HEAD {machine['head']}: {machine['cpu']}, {machine['cores']} cores, "
             f"OpenBLAS {machine['openblas']} (detects **{machine['detected']}** by itself"
             + (f"; the environment sets OPENBLAS_CORETYPE={PINNED_CORE}, which icews keeps" if PINNED_CORE else "")
             + f"; icews trains on **{machine['core']}**"
             + (f", batched products on the {s.products}" if s.products and "panel" in s.products else "")
             + f"), {ARGS.rounds} round{'s' if ARGS.rounds > 1 else ''}, medians (min–max). Peers: {machine['peers']}. "
             f"Load average before: {machine['load']}.", ""]
    lines += ["| measure | threads | icews | peer | peer time / icews time | goal |", "| --- | ---: | ---: | ---: | ---: | --- |"]
    m = s.median
    if "ingest.icews.s" in s.values:
        lines.append(f"| ingest: `icews run` 274 features, {ARGS.rows:,} events, s | 2 | "
                     f"{fmt(m('ingest.icews.s'))}{spread(s, 'ingest.icews.s')} | polars {fmt(m('ingest.polars.s'))}"
                     f"{spread(s, 'ingest.polars.s')} | {ratio(m('ingest.polars.s'), m('ingest.icews.s'))} | ≥ 10× |")
        lines.append(f"| ingest peak memory, MiB | 2 | {fmt(m('ingest.icews.mib'), 0)} | polars "
                     f"{fmt(m('ingest.polars.mib'), 0)} | {ratio(m('ingest.polars.mib'), m('ingest.icews.mib'))} | |")
    if "floor.1.s" in s.values:
        for threads in (1, 2):
            floor = m(f"floor.{threads}.s")
            lines.append(f"| libcsv floor on the same dump, s (icews run / floor) | {threads} | "
                         f"{fmt(m('ingest.icews.s'))} | libcsv {fmt(floor)}{spread(s, f'floor.{threads}.s')} | "
                         f"{ratio(m('ingest.icews.s'), floor)} of the floor | ≤ 1.2× of the 2-thread floor |")
    if "loader.icews.gbps" in s.values:
        for mode in ("torch", "numpy"):
            lines.append(f"| loader: GB/s of float windows, batch 64 shuffled | 1 | "
                         f"{fmt(m('loader.icews.gbps'))}{spread(s, 'loader.icews.gbps')} (zstd shards) | {mode} "
                         f"{fmt(m(f'loader.{mode}.gbps'))} (.npy in page cache) | "
                         f"{ratio(m('loader.icews.gbps'), m(f'loader.{mode}.gbps'))} | ≥ 2 GB/s |")
    for case in TRAIN_CASES:
        goal = "≥ 10×" if "B1 " in case else "≥ 1.5×"
        for threads in (1, 2):
            key = f"train.{case}.{threads}"
            if key + ".icews" not in s.values:
                continue
            used = s.threads_reported.get((case, threads), threads)
            lines.append(f"| train {case}, ms/step ({fmt(m(key + '.icews.gflops'), 0)} GFLOP/s) | {threads} "
                         f"(icews used {used}) | {fmt(m(key + '.icews'), 3)}{spread(s, key + '.icews', 3)} | torch "
                         f"{fmt(m(key + '.torch'), 3)}{spread(s, key + '.torch', 3)} | "
                         f"{ratio(m(key + '.torch'), m(key + '.icews'))} | {goal} |")
            if key + ".unpinned" in s.values:
                lines.append(f"| same, OPENBLAS_CORETYPE unset (core {getattr(s, 'unpinned_core', '?')}; "
                             f"{fmt(m(key + '.unpinned.gflops'), 0)} GFLOP/s) | {threads} | "
                             f"{fmt(m(key + '.unpinned'), 3)}{spread(s, key + '.unpinned', 3)} | torch "
                             f"{fmt(m(key + '.torch'), 3)} | {ratio(m(key + '.torch'), m(key + '.unpinned'))} | "
                             f"{goal} |")
            if key + ".sgemm" in s.values:
                lines.append(f"| same, every product through OpenBLAS (ICEWS_AE_PANEL_GEMM=0, core "
                             f"{machine['core']}; {fmt(m(key + '.sgemm.gflops'), 0)} GFLOP/s) | {threads} | "
                             f"{fmt(m(key + '.sgemm'), 3)}{spread(s, key + '.sgemm', 3)} | torch "
                             f"{fmt(m(key + '.torch'), 3)} | {ratio(m(key + '.torch'), m(key + '.sgemm'))} | "
                             f"(for comparison) |")
            if "B64" in case and m(f"sgemm.{threads}"):
                share = m(key + ".icews.gflops") / m(f"sgemm.{threads}")
                lines.append(f"| train {case}: its products' rate as a share of the best 1024³ sgemm "
                             f"({machine['detected']}) | {threads} | {share:.0%} | | | ≥ 70 % |")
        for threads in (1, 2):
            key = f"avx2.{threads}"
            if case == AVX2_CASE and key + ".icews" in s.values:
                lines.append(f"| same, as on a CPU without AVX-512 (icews: OpenBLAS Haswell, no panel kernel; "
                             f"torch: ATen, oneDNN, MKL at AVX2) | {threads} | {fmt(m(key + '.icews'), 3)}"
                             f"{spread(s, key + '.icews', 3)} | torch {fmt(m(key + '.torch'), 3)}"
                             f"{spread(s, key + '.torch', 3)} | {ratio(m(key + '.torch'), m(key + '.icews'))} | "
                             f"≥ 1.5× |")
        best = {who: min(((m(f"train.{case}.{t}.{who}"), t) for t in (1, 2) if m(f"train.{case}.{t}.{who}")),
                         default=None) for who in ("icews", "torch")}
        if best["icews"] and best["torch"]:
            lines.append(f"| train {case}, each at its best thread count | {best['icews'][1]} vs "
                         f"{best['torch'][1]} | {fmt(best['icews'][0], 3)} | torch {fmt(best['torch'][0], 3)} | "
                         f"{ratio(best['torch'][0], best['icews'][0])} | {goal} |")
    if "sgemm.1" in s.values:
        for threads in (1, 2):
            lines.append(f"| 1024³ sgemm, GFLOP/s, OpenBLAS's own core ({machine['detected']}) | {threads} | | "
                         f"{fmt(m(f'sgemm.{threads}'), 1)} | | yardstick |")
            if f"sgemm.{threads}.pinned" in s.values:
                lines.append(f"| 1024³ sgemm, GFLOP/s, the environment's core ({PINNED_CORE}) | {threads} | | "
                             f"{fmt(m(f'sgemm.{threads}.pinned'), 1)} | | yardstick |")
    return "\n".join(lines)


def history_line(s, machine):
    m = s.median
    parts = [machine["when"], machine["head"], f"{machine['cpu']} ({machine['core']})"]
    if m("ingest.icews.s"):
        ingest = f"ingest {ratio(m('ingest.polars.s'), m('ingest.icews.s'))} polars"
        if m("floor.2.s"):
            ingest += f", {ratio(m('ingest.icews.s'), m('floor.2.s'))} of the 2-thread floor"
        parts.append(ingest)
    if m("loader.icews.gbps"):
        parts.append(f"loader {fmt(m('loader.icews.gbps'))} GB/s")
    for case in TRAIN_CASES:
        for t in (1, 2):
            key = f"train.{case}.{t}"
            if m(key + ".icews"):
                unpinned = (f" ({ratio(m(key + '.torch'), m(key + '.unpinned'))} with OPENBLAS_CORETYPE unset)"
                            if m(key + ".unpinned") else "")
                avx2 = (f" ({ratio(m(f'avx2.{t}.torch'), m(f'avx2.{t}.icews'))} as without AVX-512)"
                        if case == AVX2_CASE and m(f"avx2.{t}.icews") else "")
                parts.append(f"{case.split()[0]} {t}t {ratio(m(key + '.torch'), m(key + '.icews'))}{unpinned}{avx2}")
    return "| " + " | ".join([parts[0], parts[1], parts[2], "; ".join(p for p in parts[3:] if p)]) + " |"


def write_doc(path, table, line):
    text = path.read_text()
    start, end = "<!-- bench:latest -->", "<!-- /bench:latest -->"
    hstart, hend = "<!-- bench:history -->", "<!-- /bench:history -->"
    if start not in text or hstart not in text:
        sys.exit(f"bench: {path} lacks the {start} and {hstart} markers")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    text = head + start + "\n" + table + "\n" + end + tail
    head, rest = text.split(hstart, 1)
    body, tail = rest.split(hend, 1)
    rows = [r for r in body.strip().splitlines() if r.startswith("| 20")]
    header = "| when | HEAD | CPU (BLAS core) | ratios (peer / icews) |\n| --- | --- | --- | --- |"
    rows = ([line] + rows)[:HISTORY_KEEP]
    path.write_text(head + hstart + "\n" + header + "\n" + "\n".join(rows) + "\n" + hend + tail)
    log(f"wrote {path}")


def machine_facts(s):
    cpu = "unknown CPU"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    peers = subprocess.run([PY, "-c", "import polars, numpy, torch; print(f'polars {polars.__version__}, "
                            "numpy {numpy.__version__}, torch {torch.__version__}')"],
                           capture_output=True, text=True).stdout.strip() or "?"
    head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True).stdout.strip() or "?"
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return {
        "when": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%MZ"),
        "head": head + (" + changes" if dirty else ""), "cpu": cpu, "cores": os.cpu_count(),
        "openblas": pkg_config("--modversion", "openblas")[0], "peers": peers,
        "detected": getattr(s, "openblas_detected", "?"), "core": getattr(s, "blas_core", "?"),
        "load": " ".join(open("/proc/loadavg").read().split()[:3]),
    }


def main():
    global ARGS, PY
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every part (default 3)")
    parser.add_argument("--rows", type=int, default=1_000_000, help="events in the ingest dump (default 1000000)")
    parser.add_argument("--parts", default=",".join(PARTS), help="comma-separated subset of " + ",".join(PARTS))
    parser.add_argument("--work", default="/tmp/icews-bench", help="scratch folder (default /tmp/icews-bench)")
    parser.add_argument("--write", metavar="DOC", help="update DOC's latest table and history (docs/BENCHMARKS.md)")
    ARGS = parser.parse_args()
    parts = ARGS.parts.split(",")
    unknown = set(parts) - set(PARTS)
    if unknown:
        sys.exit(f"bench: unknown part(s) {', '.join(sorted(unknown))}; choose from {', '.join(PARTS)}")
    PY = Path(os.environ.get("PEERS_PYTHON", "/work/venv-peers/bin/python"))
    if not PY.exists():
        sys.exit(f"bench: peer python {PY} missing:\n  python3 -m venv /work/venv-peers && "
                 "/work/venv-peers/bin/pip install -r Scripts/peers/requirements.txt")
    icews = Path(os.environ.get("ICEWS", ROOT / ".build/release/icews"))
    if not icews.exists():
        sys.exit(f"bench: {icews} missing: swift build -c release")
    Path(ARGS.work).mkdir(parents=True, exist_ok=True)
    if "loader" in parts and "ingest" not in parts:
        sys.exit("bench: the loader part reads the ingest part's output; add ingest")

    s = Samples()
    s.threads_reported = {}
    s.products = None
    dump = ensure_data(icews) if {"ingest", "floor"} & set(parts) else None
    floor = compile_probe("libcsv_floor", ["-lcsv", "-lpthread"]) if "floor" in parts else None
    sgemm = compile_probe("sgemm_rate", pkg_config("--cflags", "--libs", "openblas")) if "sgemm" in parts else None
    shards = train_shards(icews) if "train" in parts else None
    for r in range(ARGS.rounds):
        log(f"round {r + 1}/{ARGS.rounds}")
        if "ingest" in parts:
            round_ingest(icews, dump, s)
        if "floor" in parts:
            round_floor(floor, dump, s)
        if "loader" in parts:
            round_loader(icews, s)
        if "train" in parts:
            round_train(icews, shards, s)
        if "sgemm" in parts:
            round_sgemm(sgemm, s)
    machine = machine_facts(s)
    table = report(s, machine)
    print(table)
    if ARGS.write:
        write_doc(Path(ARGS.write), table, history_line(s, machine))


if __name__ == "__main__":
    main()
