# Argus — two commands on a fresh machine: `make demo` and `make test`.
#
# Everything builds and tests in release mode: the crypto suites (pairings, hash to curve) are far
# too slow unoptimised, and one configuration means one build. SwiftPM keeps testable imports on.
SWIFT ?= swift
CONFIG ?= release
BIN = $$($(SWIFT) build -c $(CONFIG) --show-bin-path)

.PHONY: demo test chaos dudect contracts-test bench gas differential deps build clean

## Debian packages and the Python tools the cross-checks and the contract tests use (blspy, py_ecc,
## xxhash, pycryptodome, vyper, titanoboa, pytest) in .venv.
deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG)

## Builds and runs `argus demo`: a local verifiable cluster (sequencer, three nodes, four targets)
## through a scripted outage, ending with each target's downtime and its checked aggregated proof.
## Installs only what `argus` needs (no browser, no Python tools: those are for the tests). A debug
## build, with the crypto modules optimised (Package.swift, `optimisedInDebug`): half the cold build
## time of a release one. For production: `swift build -c release --product argus`.
demo:
	@scripts/install-deps.sh --demo
	$(SWIFT) build -c debug --disable-index-store --product argus
	$$($(SWIFT) build -c debug --show-bin-path)/argus demo

## Builds everything (tests and the executables the end-to-end tests start) and runs all tests:
## the Swift suites (`swift test` builds every target, with testable imports enabled even in
## release), then the chaos subset on its own (it loads both cores for a minute and a half, which
## would stretch the timing of the suites beside it), then the contracts' (pytest on py-evm, using
## the argus binary just built).
test: deps
	ARGUS_PYTHON=$(CURDIR)/.venv/bin/python $(SWIFT) test -c $(CONFIG) --skip ChaosSubsetTests
	$(SWIFT) test -c $(CONFIG) --filter ChaosSubsetTests
	$(MAKE) --no-print-directory contracts-test

## The fault-injection suite (RELIABILITY.md): kill -9 ×100, a 60 s sequencer outage, partitions,
## slow peers, a byzantine member, a full and a read-only disk, clock skew, 100,000 fuzzed requests
## and load, each on real processes; prints a table and exits non-zero on any violation.
## CHAOS_SEED replays a run. Needs root for the tmpfs of the disk scenario (else it is skipped).
## Built as `make test` builds (through `swift test`, which keeps testable imports on; a plain
## `swift build -c release` is another configuration and compiles everything again), so after
## `make test` only the suite runs; the filter matches no test, nothing but the build happens.
chaos: deps
	@scripts/install-deps.sh --chaos
	$(SWIFT) test -c $(CONFIG) --filter '^BuildOnly$$'
	$(BIN)/argus-chaos --seed $${CHAOS_SEED:-1}

## dudect-style constant-time tests of sign, SkToPk, KeyGen and the keystore's decryption (Welch's
## t-test, a fixed low-weight key against random keys; results in the BLS12381 landing doc). Run on
## an idle machine; DUDECT_SCALE multiplies the sample counts (default 3: about 4 minutes).
dudect:
	$(SWIFT) test -c $(CONFIG) --filter '^BuildOnly$$'
	$(BIN)/argus-dudect --samples $${DUDECT_SCALE:-3}

## The Vyper contracts' tests on a Prague EVM (contracts/tests; needs the argus binary).
contracts-test: deps
	ARGUS_BIN=$(BIN)/argus .venv/bin/python -m pytest -q -p no:cacheprovider contracts/tests

## The contracts' gas figures (BENCHMARKS.md, "On-chain verification").
gas: deps
	.venv/bin/python contracts/tests/gas.py

## A larger differential run of BLS12-381 against blspy (BLS_DIFF_CASES keys, default 200;
## BLS_DIFF_SEED replays a run).
differential: deps
	BLS_DIFF_CASES=$${BLS_DIFF_CASES:-200} ARGUS_PYTHON=$(CURDIR)/.venv/bin/python $(SWIFT) test -c release --filter BlspyDifferentialTests

## Benchmarks, Argus side by side with its anchors in the same run (see BENCHMARKS.md). Release
## binaries built as `make test` builds them (see `chaos`), so after `make test` nothing rebuilds.
bench: deps
	@scripts/install-deps.sh --bench
	$(SWIFT) test -c $(CONFIG) --filter '^BuildOnly$$'
	ARGUS_PYTHON=$(CURDIR)/.venv/bin/python $(BIN)/argus-bench downtime
	ARGUS_PYTHON=$(CURDIR)/.venv/bin/python $(BIN)/argus-bench zellular
	ARGUS_PYTHON=$(CURDIR)/.venv/bin/python $(BIN)/argus-bench settlement
	$(BIN)/argus-bench cluster
	$(BIN)/argus-bench dashboard
	ARGUS_PYTHON=$(CURDIR)/.venv/bin/python $(BIN)/argus-bench http
	$(BIN)/argus-bench fleet
	$(BIN)/argus-bench ingest
	ARGUS_PYTHON=$(CURDIR)/.venv/bin/python $(BIN)/BLS12381Benchmarks --blspy
	ARGUS_PYTHON=$(CURDIR)/.venv/bin/python $(BIN)/BN254Benchmark
	.venv/bin/python contracts/tests/gas.py

clean:
	rm -rf .build .venv
