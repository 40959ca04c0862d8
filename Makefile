# Steward: two commands on a fresh machine.
#   make run    builds a release binary and runs the cron job on a copy of the example estate
#   make test   runs the whole test suite (unit, end-to-end, conformance, crash test, browser)
SWIFT      ?= swift
BIN        := .build/release/steward
CONFORMANCE ?= ../shared/conformance
RUN_NOW    ?= 2027-01-04T09:00:00Z

.PHONY: build release run test tools unit conformance crash browser screenshot test-faults bench bench-observed embed clean

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release

embed:
	python3 scripts/embed-defaults.py

run: release
	@bash scripts/demo-run.sh "$(BIN)" "$(RUN_NOW)"

unit:
	$(SWIFT) test --disable-swift-testing

# .ci/conformance-pending.txt names the conformance tests of a contract revision still in
# progress (one test a line); scripts/run-conformance.py leaves them out. The list only shrinks.
conformance: release
	@if [ -d "$(CONFORMANCE)" ]; then STEWARD_BIN=$(BIN) python3 scripts/run-conformance.py $(CONFORMANCE) -q -p no:cacheprovider; \
	else echo "conformance: $(CONFORMANCE) not found; skipped"; fi

crash: release
	@bash scripts/crash-test.sh "$(BIN)"

# The example estate's dashboard in headless Chromium: no console message, no network
# request, every connector shown (skipped, saying so, where no chromium is installed).
browser: release
	@python3 scripts/browser-test.py "$(BIN)"

# Rewrites docs/dashboard.png, the README's screenshot, from the example estate.
screenshot: release
	@python3 scripts/browser-test.py "$(BIN)" --screenshot docs/dashboard.png

# What `make test` runs besides swift: name every missing tool before starting.
tools:
	@missing=""; for t in git python3 strace; do command -v $$t >/dev/null 2>&1 || missing="$$missing $$t"; done; \
	python3 -c 'import pytest' 2>/dev/null || missing="$$missing pytest(python3)"; \
	if [ -n "$$missing" ]; then echo "make test needs:$$missing (Debian/Ubuntu: apt-get install strace python3-pytest; .ci/run installs them)"; exit 2; fi

test: tools unit conformance crash browser

test-faults: release
	@bash scripts/test-faults.sh "$(BIN)"

bench: release
	@bash scripts/bench.sh

# Read time of a 50,000-record export of each platform format (BENCH_RECORDS, BENCH_RUNS).
bench-observed: release
	@python3 Benchmarks/observed_exports.py --bin $(BIN) --records $${BENCH_RECORDS:-50000} --runs $${BENCH_RUNS:-5}

clean:
	rm -rf .build
