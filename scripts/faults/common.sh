# Shared by scripts/crash-test.sh, scripts/test-faults.sh and scripts/bench.sh (sourced).
# Resolves the steward binary and the estate generator beside it, building the generator
# when it is missing (swift build puts every product of the package in the same folder).

# resolve_bins BIN: sets STEWARD (absolute) and GEN.
resolve_bins() {
  local bin="${1:-}"
  if [ -z "$bin" ]; then echo "usage: $0 PATH/TO/steward" >&2; return 2; fi
  if [ ! -x "$bin" ]; then echo "$0: $bin is not an executable (run 'make release' first)" >&2; return 2; fi
  STEWARD="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
  GEN="${STEWARD_ESTATE_GEN:-$(dirname "$STEWARD")/steward-estate-gen}"
  if [ ! -x "$GEN" ]; then
    local scratch
    scratch="$(dirname "$(dirname "$STEWARD")")"
    echo "$0: building steward-estate-gen in $scratch" >&2
    (cd "$(dirname "${BASH_SOURCE[0]}")/../.." && swift build -c release --product steward-estate-gen --scratch-path "$scratch" >&2) || return 2
  fi
  if [ ! -x "$GEN" ]; then echo "$0: no steward-estate-gen beside $STEWARD" >&2; return 2; fi
  export STEWARD GEN
}
