# Two entry points for a newcomer on a fresh Debian machine with Swift:
#   make demo   — install what is missing, build, detect planted episodes in a generated dump, the seed question
#   make test   — install what is missing, run every test (Swift and Python)

SWIFT        ?= swift
PYTHON       ?= python3
APT_PACKAGES := libcsv-dev libzstd-dev libopenblas-dev zlib1g-dev zip pkg-config librsvg2-bin
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_DIR     ?= demo-out
ICEWS        ?= .build/release/icews
DEMO_SAMPLE  ?= Fixtures/sample/icews-sample.tab.gz

.PHONY: all deps deps-apt deps-python build release test test-swift test-python test-sanitizers crash-trials fuzz fuzz-ci demo demo-run bench bench-detection peers clean format format-check

all: build

deps: deps-apt deps-python

# Debian packages the C targets link; installed only when missing.
deps-apt:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y $$missing; \
	fi

# numpy + zstandard for the Python shard reader; setuptools + wheel to pip-install it offline in its tests.
deps-python:
	@$(PYTHON) -c "import numpy, zstandard, setuptools, wheel" 2>/dev/null || \
	  $(PYTHON) -m pip install --quiet numpy zstandard setuptools wheel

build: deps-apt
	$(SWIFT) build

release: deps-apt
	$(SWIFT) build -c release

test: deps format-check test-swift test-python

# An import of a target that Package.swift does not declare fails the build.
test-swift:
	$(SWIFT) build --build-tests --explicit-target-dependency-import-check error
	$(SWIFT) test --skip-build
	ICEWS_AE_PANEL_GEMM=0 $(SWIFT) test --skip-build --filter AutoencoderTests

# Formatting (.swift-format: 2-space indent, 120 columns): `make format` rewrites the tracked Swift files,
# `make format-check` (part of `make test`, so CI) fails naming any file swift-format would change or any line over 120.
SWIFT_FORMAT ?= $(shell command -v swift-format || echo /opt/swift/usr/bin/swift-format)
format:
	git ls-files '*.swift' | xargs $(SWIFT_FORMAT) format --configuration .swift-format --in-place

format-check:
	SWIFT_FORMAT=$(SWIFT_FORMAT) Scripts/format-check.sh

test-python:
	@if [ -d Scripts/python/tests ]; then $(PYTHON) -m unittest discover -s Scripts/python/tests -v; fi

# The test suite under AddressSanitizer (every test), then ThreadSanitizer pointed at the thread pools: the
# ingest's parse workers (EventDataTests), the run's group workers and buffer pools and the ingest inside
# it (RunJobTests, WeeklyRunTests), the shard writer's block compressors (ShardRoundTripTests) and the
# loader's prefetch (LoaderTests). Each has its own scratch folder, so the normal build is left as it is.
# Leak checks are off: Foundation's caches read as leaks. Findings stop the run (halt_on_error).
TSAN_FILTER ?= EventDataTests|RunJobTests|WeeklyRunTests|ShardRoundTripTests|LoaderTests
test-sanitizers: deps-apt
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	ASAN_OPTIONS=detect_leaks=0:halt_on_error=1 $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	TSAN_OPTIONS=halt_on_error=1 $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan \
	  --filter '$(TSAN_FILTER)'

# SIGKILL at random moments of `icews run` and two runs into one folder (Scripts/crash-trials.sh), CRASH_TRIALS
# of each: the folder keeps its earlier result, a complete new one or none, and always verifies.
CRASH_TRIALS ?= 20
crash-trials: build
	ICEWS=.build/debug/icews Scripts/crash-trials.sh all $(CRASH_TRIALS)

# libFuzzer targets (Scripts/fuzz/, a separate package) for the row readers, the shard reader, manifests,
# safetensors and pipeline YAML, each from its seed corpus in Fixtures/fuzz/<target>/; FUZZ_SECONDS per
# target, FUZZ_PARALLEL targets at a time. Findings stop the run (exit 1) with the input in .build-fuzz/artifacts/.
FUZZ_SECONDS  ?= 600
FUZZ_PARALLEL ?= 1

fuzz: deps-apt
	FUZZ_PARALLEL=$(FUZZ_PARALLEL) Scripts/fuzz/fuzz.sh $(FUZZ_SECONDS)

# What CI runs: a minute each, two at a time, all five targets (each ran 10 minutes without a finding once the
# zip hang of Fixtures/fuzz/findings/ and the unbounded pipeline sizes were fixed, issue 12).
FUZZ_CI_TARGETS ?= rows shard manifest safetensors pipeline-yaml
fuzz-ci: deps-apt
	FUZZ_PARALLEL=2 Scripts/fuzz/fuzz.sh 60 $(FUZZ_CI_TARGETS)

# The demo generates its dump (docs/DEMO.md): 24 countries, 2011-2022, the busiest at ~300 events a day, with
# planted episodes of every kind; icews-anomaly's split gives train 2011-2014, valid 2015-2018, test 2019-2022.
# ICEWS=... runs another build of the CLI.
DEMO_ROWS ?= 4000000

demo: deps release demo-run

demo-run:
	@mkdir -p $(DEMO_DIR)
	@echo "== 1. synth: a realistic dump, 24 countries 2011-2022, episodes of several kinds planted (kept apart as ground truth)"
	$(ICEWS) synth --rows $(DEMO_ROWS) --start 2011-01-01 --days 4383 --countries 24 --seed 2026 \
	  --episode-kind any --episode-rate 2 --episodes $(DEMO_DIR)/episodes.tsv -o $(DEMO_DIR)/events.tsv
	@echo; echo "== 2. run: Pipelines/icews-anomaly.yaml, weekly frames of quad + root fractions + log volume, 8-week windows"
	$(ICEWS) run Pipelines/icews-anomaly.yaml --input $(DEMO_DIR)/events.tsv --out $(DEMO_DIR)/shards
	@echo; echo "== 3. train: the LSTM autoencoder with its defaults (the measured recommendation)"
	$(ICEWS) train $(DEMO_DIR)/shards -o $(DEMO_DIR)/model.safetensors --report $(DEMO_DIR)/train-report.json
	@echo; echo "== 4. score: every test window (2019-2022), with the two baselines in the same file"
	$(ICEWS) score $(DEMO_DIR)/shards --model $(DEMO_DIR)/model.safetensors -o $(DEMO_DIR)/scores.csv --top 0
	@echo; echo "== 5. evaluate: the 15 highest windows (* = overlaps a planted episode), then model vs baselines"
	$(ICEWS) evaluate $(DEMO_DIR)/scores.csv --episodes $(DEMO_DIR)/episodes.tsv --list 15 -o $(DEMO_DIR)/evaluation.json
	@echo; echo "== 6. alerts: the flagged windows merged into periods per country, highest first (* = a planted episode)"
	$(ICEWS) alerts $(DEMO_DIR)/scores.csv --episodes $(DEMO_DIR)/episodes.tsv --list 10 -o $(DEMO_DIR)/alerts.csv
	@echo; echo "== 7. plot: score over time per country, top-5 % threshold, episodes shaded"
	$(ICEWS) plot $(DEMO_DIR)/scores.csv --episodes $(DEMO_DIR)/episodes.tsv -o $(DEMO_DIR)/scores.svg
	@echo; echo "== 8. the daily 274-feature frames of the bundled sample, and its first window in frame units"
	$(ICEWS) frames --pipeline Pipelines/icews-274.yaml --input $(DEMO_SAMPLE) --out $(DEMO_DIR)/frames
	$(ICEWS) run Pipelines/icews-274.yaml --input $(DEMO_SAMPLE) --out $(DEMO_DIR)/shards-274 2>/dev/null
	$(ICEWS) inspect $(DEMO_DIR)/shards-274 --split train --index 0 --space raw | head -12
	@echo; echo "== 9. the seed question: does the autoencoder learn, or only the average? (14x5 seed window, lr 1e-3, target 1e-4)"
	$(ICEWS) run Pipelines/seed-overfit.yaml --input Fixtures/seed-sequence.csv --out $(DEMO_DIR)/seed
	@echo; echo "-- hidden 5: too small, expect the mean-collapse warning"
	$(ICEWS) train $(DEMO_DIR)/seed --hidden 5 --lr 1e-3 --target-loss 1e-4 --max-steps 1000 --seed 0 --batch 1 \
	  --out $(DEMO_DIR)/seed-h5.safetensors --report $(DEMO_DIR)/seed-h5.json
	@echo; echo "-- hidden 100 with window differencing: reaches the target in a few hundred steps"
	$(ICEWS) train $(DEMO_DIR)/seed --hidden 100 --lr 1e-3 --target-loss 1e-4 --max-steps 1000 --seed 0 --batch 1 \
	  --out $(DEMO_DIR)/seed-h100.safetensors --report $(DEMO_DIR)/seed-h100.json
	@rm -f $(DEMO_DIR)/events.tsv
	@printf '\n%-34s %s\n' "demo output" "what it is (docs/DEMO.md)"
	@printf '%-34s %s\n' "$(DEMO_DIR)/episodes.tsv" "the planted episodes: the ground truth"
	@printf '%-34s %s\n' "$(DEMO_DIR)/shards/" "manifest.json + train/valid/test shards (weekly)"
	@printf '%-34s %s\n' "$(DEMO_DIR)/train-report.json" "loss trace, MSEs, R², valid R², warnings"
	@printf '%-34s %s\n' "$(DEMO_DIR)/scores.csv" "every test window, highest anomaly score first"
	@printf '%-34s %s\n' "$(DEMO_DIR)/evaluation.json" "recall, AUC-PR, AUC-ROC, ranks per detector"
	@printf '%-34s %s\n' "$(DEMO_DIR)/alerts.csv" "the alert periods: likely days, peak, top features"
	@printf '%-34s %s\n' "$(DEMO_DIR)/scores.svg" "open in a browser: scores over time, episodes shaded"
	@printf '%-34s %s\n' "$(DEMO_DIR)/frames/frames.npy" "float32 [groups x days, 274], numpy.load-able"
	@printf '%-34s %s\n' "$(DEMO_DIR)/seed-h5.json, seed-h100.json" "the seed question:"
	@printf '%-34s %s\n' "" "hidden 5 collapses, hidden 100 learns"

# Benchmarks (docs/BENCHMARKS.md, docs/ANOMALY.md): peers in a virtualenv outside the repository,
#   python3 -m venv /work/venv-peers && /work/venv-peers/bin/pip install -r Scripts/peers/requirements.txt
# The peers (torch, polars, numpy) live in a virtualenv outside the repository, made once when missing.
PEERS_VENV   ?= $(abspath $(CURDIR)/..)/venv-peers
BENCH_ROUNDS ?= 3

peers:
	@[ -x $(PEERS_VENV)/bin/python ] || { echo "making the peers' virtualenv $(PEERS_VENV)"; \
	  $(PYTHON) -m venv $(PEERS_VENV) && $(PEERS_VENV)/bin/pip install --quiet -r Scripts/peers/requirements.txt; }

# One run of the toolkit next to its peers on this machine: medians of BENCH_ROUNDS rounds, written into
# docs/BENCHMARKS.md (latest table + one history line). Scripts/bench/compare.sh checks outputs are equal.
bench: deps release peers
	PEERS_PYTHON=$(PEERS_VENV)/bin/python $(PYTHON) Scripts/bench/bench.py --rounds $(BENCH_ROUNDS) \
	  --write docs/BENCHMARKS.md

# Held-out detection: planted episodes found by the model and by the baselines (docs/ANOMALY.md).
bench-detection: deps release
	Scripts/bench/detection.sh

clean:
	rm -rf .build $(DEMO_DIR)
