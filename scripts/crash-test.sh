#!/usr/bin/env bash
# Crash test (part of `make test`): SIGKILLs `steward run` at 30 instants over a
# 2,000-connector estate where 1,000 connectors are due (24 kills after random delays
# spread over the run's measured duration, half of them over its write phase; 6 injected
# by strace exactly at the syncfs, the first, second, middle and last rename, and the
# directory fsync), and proves that every file is either its old or its new bytes, every
# hash chain holds, nothing is lost, and the next run finishes the work byte-identically to
# an uninterrupted run, leaving no temporary file behind.
#   scripts/crash-test.sh BIN        (BIN: the steward binary, e.g. .build/release/steward)
# Environment: CRASH_KILLS (30), CRASH_COUNT (2000), CRASH_SEED (random, printed),
# TMPDIR (where the estates live: a real disk, so syncfs and fsync do real work).
# Last line: "N passed, M failed"; exit 1 on any failure.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/faults/common.sh"
resolve_bins "${1:-}" || { echo "0 passed, 1 failed"; exit 2; }
work="$(mktemp -d "${TMPDIR:-/tmp}/steward-crash.XXXXXX")"
trap 'rm -rf "$work"' EXIT
seed="${CRASH_SEED:-$(( (RANDOM << 15 | RANDOM) % 1000000 ))}"
echo "crash-test: $STEWARD; estates under $work ($(stat -f -c %T "$work")); CRASH_SEED=$seed"
python3 "$here/faults/crash.py" --bin "$STEWARD" --gen "$GEN" --count "${CRASH_COUNT:-2000}" \
  --kills "${CRASH_KILLS:-30}" --due 0.5 --seed "$seed" --work "$work" --prefix crash | tee "$work/log.txt"
rc=${PIPESTATUS[0]}
if ! tail -n 1 "$work/log.txt" | grep -Eq '^[0-9]+ passed, [0-9]+ failed$'; then
  echo "crash-test: the driver stopped early (exit $rc)"
  echo "0 passed, 1 failed"
  exit 1
fi
exit "$rc"
