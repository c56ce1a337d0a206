# Argus — two commands on a fresh machine: `make demo` and `make test`.
#
# Everything builds and tests in release mode: the crypto suites (pairings, hash to curve) are far
# too slow unoptimised, and one configuration means one build. SwiftPM keeps testable imports on.
SWIFT ?= swift
CONFIG ?= release
BIN = $$($(SWIFT) build -c $(CONFIG) --show-bin-path)

.PHONY: demo test bench differential deps build clean

## Debian packages and the Python tools the cross-checks use (blspy, py_ecc, xxhash) in .venv.
deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG)

## Builds and runs `argus demo`: a local verifiable cluster (sequencer, three nodes, four targets)
## through a scripted outage, ending with each target's downtime and its checked aggregated proof.
demo: deps
	$(SWIFT) build -c $(CONFIG) --product argus
	$(BIN)/argus demo

## Builds everything (tests and the executables the end-to-end tests start) and runs all tests.
## (`swift test` builds every target, with testable imports enabled even in release.)
test: deps
	ARGUS_PYTHON=$(CURDIR)/.venv/bin/python $(SWIFT) test -c $(CONFIG)

## A larger differential run of BLS12-381 against blspy (BLS_DIFF_CASES keys, default 200;
## BLS_DIFF_SEED replays a run).
differential: deps
	BLS_DIFF_CASES=$${BLS_DIFF_CASES:-200} ARGUS_PYTHON=$(CURDIR)/.venv/bin/python $(SWIFT) test -c release --filter BlspyDifferentialTests

## Benchmarks, Argus side by side with its anchors in the same run (see BENCHMARKS.md).
bench: deps
	$(SWIFT) build -c release
	ARGUS_PYTHON=$(CURDIR)/.venv/bin/python $$($(SWIFT) build -c release --show-bin-path)/argus-bench downtime
	ARGUS_PYTHON=$(CURDIR)/.venv/bin/python $$($(SWIFT) build -c release --show-bin-path)/argus-bench zellular
	ARGUS_PYTHON=$(CURDIR)/.venv/bin/python $$($(SWIFT) build -c release --show-bin-path)/argus-bench settlement
	ARGUS_PYTHON=$(CURDIR)/.venv/bin/python $$($(SWIFT) build -c release --show-bin-path)/BLS12381Benchmarks --blspy
	ARGUS_PYTHON=$(CURDIR)/.venv/bin/python $$($(SWIFT) build -c release --show-bin-path)/BN254Benchmark

clean:
	rm -rf .build .venv
