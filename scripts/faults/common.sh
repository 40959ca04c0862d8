# Shared by scripts/crash-test.sh, scripts/test-faults.sh and scripts/bench.sh (sourced).
# The binary locator itself is harness.py's (one for the shell and the Python side):
# the steward binary is $STEWARD_BIN, else the argument, else .build/release/steward; the
# estate generator is $STEWARD_ESTATE_GEN, else the one beside it (built when missing).

# resolve_bins [BIN]: sets and exports STEWARD and GEN (absolute); returns 2 when missing.
resolve_bins() {
  local found
  found="$(python3 "$(dirname "${BASH_SOURCE[0]}")/harness.py" locate "${1:-}")" || {
    echo "$0: no steward binary or estate generator (see the message above)" >&2; return 2; }
  STEWARD="$(sed -n 1p <<<"$found")"
  GEN="$(sed -n 2p <<<"$found")"
  export STEWARD GEN
}

# setup_suite NAME [BIN]: resolve_bins, then a fresh folder WORK ($TMPDIR or /tmp), removed
# on exit. When the binaries are missing: prints "0 passed, 1 failed" and exits 2.
setup_suite() {
  resolve_bins "${2:-}" || { echo "0 passed, 1 failed"; exit 2; }
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/steward-$1.XXXXXX")"
  trap 'rm -rf "$WORK"' EXIT
}

# run_driver NAME LOG CMD...: runs CMD, its output also written to LOG; returns CMD's
# status, or prints "0 passed, 1 failed" and returns 1 when CMD stopped before its last
# line ("N passed, M failed").
run_driver() {
  local name="$1" log="$2" rc
  shift 2
  "$@" | tee "$log"
  rc=${PIPESTATUS[0]}
  if ! tail -n 1 "$log" | grep -Eq '^[0-9]+ passed, [0-9]+ failed$'; then
    echo "$name: the driver stopped early (exit $rc)"
    echo "0 passed, 1 failed"
    return 1
  fi
  return "$rc"
}
