#!/usr/bin/env bash
# Benchmarks (`make bench`): generates 10,000- and 100,000-connector estates on disk and
# prints one table of whole-process timings (hyperfine: median of 5 runs after a warm-up)
# with peak RSS (/usr/bin/time), against a bare-read floor and a Python peer, plus the cost
# of writing 1,000 changed files durably (naive fsync-per-file vs batch), then one line per
# goal with its wall and CPU ratio, met or missed. check --base runs in a fresh packed clone
# of the committed estate, every size in one sitting (Benchmarks/bench_estates.py). See
# docs/PERFORMANCE.md for the goals and the last results.
#   scripts/bench.sh
# Environment: STEWARD_BIN (default: builds .build/release/steward), BENCH_SIZES
# ("10000,100000"; a size above 100,000, e.g. "10000,100000,1000000", runs only the floor,
# the peer and run --dry-run, BENCH_LARGE_RUNS times (1), and needs ~8 GB of disk per
# million connectors), BENCH_RUNS (5), BENCH_DIR (parent of the temporary estates; default
# $TMPDIR or /tmp, ~3 GB free needed at 100k), BENCH_OUT (also write the report there),
# BENCH_BASE_RUNS (30) and BENCH_BASE_ROUNDS (2): check --base runs per size and round,
# BENCH_LARGE_ABOVE (100000): the sizes above it run only the floor, the peer and the dry
# run (e.g. BENCH_SIZES=1000,2000 BENCH_LARGE_ABOVE=1000 tries that path in seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/faults/common.sh
if [ -z "${STEWARD_BIN:-}" ]; then
  echo "bench: swift build -c release" >&2
  swift build -c release >&2
fi
resolve_bins
need=()
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
command -v strace >/dev/null 2>&1 || need+=(strace)
command -v git >/dev/null 2>&1 || need+=(git)
if [ ${#need[@]} -gt 0 ]; then
  echo "bench: installing ${need[*]}" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
fi
work="$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/steward-bench.XXXXXX")"
trap 'rm -rf "$work" 2>/dev/null || { sleep 2; rm -rf "$work"; } || true' EXIT
out="$work/report.md"
naive=()
if command -v cc >/dev/null 2>&1 && cc -O2 -o "$work/naive_write" Benchmarks/naive_write.c 2>/dev/null; then
  naive=(--naive "$work/naive_write")
else
  echo "bench: no C compiler; the durable-write baselines run in Python (Benchmarks/naive_write.py)" >&2
fi
python3 -B Benchmarks/bench.py --bin "$STEWARD" --gen "$GEN" --work "$work" \
  --sizes "${BENCH_SIZES:-10000,100000}" --runs "${BENCH_RUNS:-5}" --base_runs "${BENCH_BASE_RUNS:-30}" \
  --base_rounds "${BENCH_BASE_ROUNDS:-2}" --large "${BENCH_LARGE_ABOVE:-100000}" "${naive[@]}" > "$out"
cat "$out"
if [ -n "${BENCH_OUT:-}" ]; then cp "$out" "$BENCH_OUT"; fi
