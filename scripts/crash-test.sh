#!/usr/bin/env bash
# Crash test (part of `make test`): SIGKILLs `steward run` at 30 instants over a
# 2,000-connector estate where 1,000 connectors are due (24 kills after random delays
# spread over the run's measured duration, half of them over its write phase; 6 injected
# by strace exactly at the syncfs, the first, second, middle and last rename, and the
# directory fsync), and proves that every file is either its old or its new bytes, every
# hash chain holds, nothing is lost, and the next run finishes the work byte-identically to
# an uninterrupted run, leaving no temporary file behind.
#   scripts/crash-test.sh [BIN]      (the steward binary: $STEWARD_BIN, else BIN, else
#                                     .build/release/steward)
# Environment: CRASH_KILLS (30), CRASH_COUNT (2000), CRASH_SEED (random, printed),
# TMPDIR (where the estates live: a real disk, so syncfs and fsync do real work).
# Last line: "N passed, M failed"; exit 1 on any failure.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/faults/common.sh"
setup_suite crash "${1:-}"
seed="${CRASH_SEED:-$(( (RANDOM << 15 | RANDOM) % 1000000 ))}"
echo "crash-test: $STEWARD; estates under $WORK ($(stat -f -c %T "$WORK")); CRASH_SEED=$seed"
run_driver crash-test "$WORK/log.txt" python3 "$here/faults/crash.py" --bin "$STEWARD" --gen "$GEN" --count "${CRASH_COUNT:-2000}" \
  --kills "${CRASH_KILLS:-30}" --due 0.5 --seed "$seed" --work "$WORK" --prefix crash
