# Two entry points for a newcomer on a fresh Debian machine with Swift:
#   make demo   — install what is missing, build, run the default pipeline on the bundled sample dump
#   make test   — install what is missing, run every test (Swift and Python)

SWIFT        ?= swift
PYTHON       ?= python3
APT_PACKAGES := libcsv-dev libzstd-dev libopenblas-dev zlib1g-dev zip pkg-config
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_DIR     ?= demo-out
ICEWS        ?= .build/release/icews
DEMO_SAMPLE  ?= Fixtures/sample/icews-sample.tab.gz

.PHONY: all deps deps-apt deps-python build release test test-swift test-python demo demo-run clean

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

# numpy + zstandard for the Python shard reader and its tests.
deps-python:
	@$(PYTHON) -c "import numpy, zstandard" 2>/dev/null || \
	  $(PYTHON) -m pip install --quiet numpy zstandard

build: deps-apt
	$(SWIFT) build

release: deps-apt
	$(SWIFT) build -c release

test: deps test-swift test-python

test-swift:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	ICEWS_AE_PANEL_GEMM=1 $(SWIFT) test --skip-build --filter AutoencoderTests

test-python:
	@if [ -d Scripts/python/tests ]; then $(PYTHON) -m unittest discover -s Scripts/python/tests -v; fi

# The bundled sample (Fixtures/sample/README.md): 6 countries, 2014-01 … 2019-06, so train (2014),
# valid (2015-2018) and test (2019) are all non-empty. ICEWS=... runs another build of the CLI.
demo: deps release demo-run

demo-run:
	@mkdir -p $(DEMO_DIR)
	@echo "== 1. frames: the default pipeline's 274 columns per (country, day) from the bundled sample"
	$(ICEWS) frames --pipeline Pipelines/icews-274.yaml --input $(DEMO_SAMPLE) --out $(DEMO_DIR)/frames
	@echo; echo "== 2. run: normalize, difference, window, split into shards"
	$(ICEWS) run Pipelines/icews-274.yaml --input $(DEMO_SAMPLE) --out $(DEMO_DIR)/shards
	@echo; echo "== 3. inspect: the first train window in frame units (first 20 lines)"
	$(ICEWS) inspect $(DEMO_DIR)/shards --split train --index 0 --space raw | head -20
	@echo; echo "== 4. train: LSTM autoencoder, hidden 64, 20 epochs of the 2014 windows"
	$(ICEWS) train $(DEMO_DIR)/shards --hidden 64 --epochs 20 --batch 16 --lr 3e-3 --seed 1 \
	  --out $(DEMO_DIR)/model.safetensors --report $(DEMO_DIR)/train-report.json
	@echo; echo "== 5. score: test windows (2019) ranked by anomaly score; the planted crisis episodes are:"
	@cat Fixtures/sample/episodes.tsv
	$(ICEWS) score $(DEMO_DIR)/shards --model $(DEMO_DIR)/model.safetensors --split test -o $(DEMO_DIR)/scores.csv
	@echo; echo "== 6. reconstruct: the top-ranked test window, actual vs reconstruction"
	@$(PYTHON) -c 'import csv, sys; row = list(csv.reader(open(sys.argv[1])))[1]; print(row[0]); print(row[1])' $(DEMO_DIR)/scores.csv \
	  | { read -r group; read -r date; $(ICEWS) reconstruct $(DEMO_DIR)/shards --model $(DEMO_DIR)/model.safetensors \
	      --split test --group "$$group" --date "$$date" --plot $(DEMO_DIR)/reconstruction.svg; }
	@echo; echo "== 7. the seed question: does the autoencoder learn, or only the average? (14x5 seed window, lr 1e-3, target 1e-4)"
	$(ICEWS) run Pipelines/seed-overfit.yaml --input Fixtures/seed-sequence.csv --out $(DEMO_DIR)/seed
	@echo; echo "-- hidden 5: too small, expect the mean-collapse warning"
	$(ICEWS) train $(DEMO_DIR)/seed --hidden 5 --lr 1e-3 --target-loss 1e-4 --max-steps 1000 --seed 0 --batch 1 \
	  --out $(DEMO_DIR)/seed-h5.safetensors --report $(DEMO_DIR)/seed-h5.json
	@echo; echo "-- hidden 100 with window differencing (the default): reaches the target in a few hundred steps"
	$(ICEWS) train $(DEMO_DIR)/seed --hidden 100 --lr 1e-3 --target-loss 1e-4 --max-steps 1000 --seed 0 --batch 1 \
	  --out $(DEMO_DIR)/seed-h100.safetensors --report $(DEMO_DIR)/seed-h100.json
	@printf '\n%-34s %s\n' "demo output" "what it is (docs/DEMO.md)"
	@printf '%-34s %s\n' "$(DEMO_DIR)/frames/frames.npy" "float32 [groups x days, 274], numpy.load-able"
	@printf '%-34s %s\n' "$(DEMO_DIR)/shards/" "manifest.json + train/valid/test shards"
	@printf '%-34s %s\n' "$(DEMO_DIR)/train-report.json" "loss trace, MSEs, R², warnings"
	@printf '%-34s %s\n' "$(DEMO_DIR)/scores.csv" "every test window, highest anomaly score first"
	@printf '%-34s %s\n' "$(DEMO_DIR)/reconstruction.svg" "the top-ranked window next to its reconstruction"
	@printf '%-34s %s\n' "$(DEMO_DIR)/seed-h5.json, seed-h100.json" "the seed question: hidden 5 collapses, hidden 100 learns"

clean:
	rm -rf .build $(DEMO_DIR)
