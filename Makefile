# Argus — two commands on a fresh machine: `make demo` and `make test`.
SWIFT ?= swift

.PHONY: demo test bench deps build build-release clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build --build-tests

build-release: deps
	$(SWIFT) build -c release --product argus

## Builds a release binary, starts a node and three simulated targets, drives a scripted outage.
demo: build-release
	ARGUS=$$($(SWIFT) build -c release --show-bin-path)/argus scripts/demo.sh

## Builds everything (the test binaries and the executables the end-to-end tests start) and runs all tests.
test: build
	$(SWIFT) test

clean:
	rm -rf .build

## Benchmarks, release build, Argus side by side with its anchors (see BENCHMARKS.md).
bench: deps
	$(SWIFT) build -c release --product argus-bench
	$$($(SWIFT) build -c release --show-bin-path)/argus-bench downtime
