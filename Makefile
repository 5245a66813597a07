# Two entry points for a newcomer on a fresh Debian machine with Swift:
#   make demo   — install what is missing, build, run the default pipeline on a sample dump
#   make test   — install what is missing, run every test (Swift and Python)

SWIFT        ?= swift
PYTHON       ?= python3
APT_PACKAGES := libcsv-dev libzstd-dev libopenblas-dev zlib1g-dev zip pkg-config
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_DIR     ?= demo-out
ICEWS        := .build/release/icews

.PHONY: all deps deps-apt deps-python build release test test-swift test-python demo clean

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

test-python:
	@if [ -d Scripts/python/tests ]; then $(PYTHON) -m unittest discover -s Scripts/python/tests -v; fi

demo: deps release
	@mkdir -p $(DEMO_DIR)
	$(ICEWS) synth --rows 20000 --start 2014-01-01 --days 730 --seed 7 -o $(DEMO_DIR)/sample.tsv
	$(ICEWS) frames --pipeline Pipelines/icews-274.yaml --input $(DEMO_DIR)/sample.tsv --out $(DEMO_DIR)/frames
	$(ICEWS) run Pipelines/icews-274.yaml --input $(DEMO_DIR)/sample.tsv --out $(DEMO_DIR)/shards
	$(ICEWS) inspect $(DEMO_DIR)/shards --split train --index 0
	@printf '\n%-28s %s\n' "demo output" "what it is"
	@printf '%-28s %s\n' "$(DEMO_DIR)/sample.tsv" "synthetic classic-layout ICEWS dump (icews synth)"
	@printf '%-28s %s\n' "$(DEMO_DIR)/frames/frames.npy" "float32 [groups x days, 274], numpy.load-able"
	@printf '%-28s %s\n' "$(DEMO_DIR)/frames/frames.json" "feature names, groups, calendar, counts, vocabularies"
	@printf '%-28s %s\n' "$(DEMO_DIR)/frames/rejects.tsv" "rows that could not be read (file, line, reason, raw)"
	@echo; echo "training the LSTM autoencoder on the demo shards (2 epochs):"
	$(ICEWS) train $(DEMO_DIR)/shards --hidden 32 --epochs 2 --batch 64 --seed 1 --out $(DEMO_DIR)/model.safetensors --report $(DEMO_DIR)/train-report.json
	@echo; echo "windows ranked by anomaly score (valid split; the demo dump has no test years):"
	$(ICEWS) score $(DEMO_DIR)/shards --model $(DEMO_DIR)/model.safetensors --split valid -o $(DEMO_DIR)/scores.csv
	@$(PYTHON) -c 'import csv, sys; row = list(csv.reader(open(sys.argv[1])))[1]; print(row[0]); print(row[1])' $(DEMO_DIR)/scores.csv \
	  | { read -r group; read -r date; $(ICEWS) reconstruct $(DEMO_DIR)/shards --model $(DEMO_DIR)/model.safetensors \
	      --split valid --group "$$group" --date "$$date" --plot $(DEMO_DIR)/reconstruction.svg; }
	@echo "reconstruction of the top-ranked window: $(DEMO_DIR)/reconstruction.svg"

clean:
	rm -rf .build $(DEMO_DIR)
