#!/usr/bin/env bash
# Fault suite (`make test-faults`, run by .ci/run): crash (50 SIGKILLs over 2,000
# connectors), disk full (a small tmpfs in a private mount namespace, and ulimit -f),
# injected I/O errors (strace: syncfs/fsync EIO, rename EROFS, write ENOSPC, read EIO),
# concurrency (runs and news racing for State/.lock), a read-only bind mount, 40 kinds of
# bad input, and clock skew (faketime +400d / -1d). Each case prints PASS or FAIL with what
# must hold and what happened; NOTE lines report behaviour worth knowing. Last line:
# "N passed, M failed"; exit 1 on any failure.
#   scripts/test-faults.sh [BIN]     (the steward binary: $STEWARD_BIN, else BIN, else
#                                     .build/release/steward)
# Environment: FAULT_KILLS (50), FAULT_GROUPS (all; e.g. "io,badinput"), CRASH_SEED,
# TMPDIR (where estates live). Needs: python3, strace, faketime, unshare, git.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/faults/common.sh"
setup_suite faults "${1:-}"
echo "test-faults: $STEWARD; work under $WORK ($(stat -f -c %T "$WORK"))"
for tool in strace faketime unshare git; do
  command -v "$tool" >/dev/null 2>&1 || echo "test-faults: $tool is missing; its cases will fail"
done
run_driver test-faults "$WORK/log.txt" python3 "$here/faults/faults.py" --bin "$STEWARD" --gen "$GEN" --work "$WORK" \
  --kills "${FAULT_KILLS:-50}" --only "${FAULT_GROUPS:-}"
