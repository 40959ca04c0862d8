#!/usr/bin/env bash
# What `make run` does after building: runs the cron job on a throwaway copy of this
# repository's governance files (Workflows/, Templates/, State/) at time NOW, so that
# things happen, and shows what it did. The checkout is never written to.
#
#   scripts/demo-run.sh BIN [NOW]
#
# The copy is kept (its path is printed) so the outbox tickets can be read.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 BIN [NOW]" >&2; exit 2; }
BIN=$1
NOW=${2:-2027-01-04T09:00:00Z}
case $BIN in /*) ;; *) BIN="$PWD/$BIN" ;; esac
[ -x "$BIN" ] || { echo "$0: $BIN is not an executable steward binary (run 'make release')" >&2; exit 2; }

src=$(cd "$(dirname "$0")/.." && pwd)
for d in Workflows Templates State; do
  [ -d "$src/$d" ] || { echo "$0: $src/$d is missing; this is not a governance repository" >&2; exit 2; }
done
shopt -s nullglob
connectors=("$src"/State/*.json)
if [ ${#connectors[@]} -eq 0 ]; then
  echo "$0: State/ holds no connectors; build the example estate first: scripts/make-example-estate.sh $BIN" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/steward-demo.XXXXXX")
mkdir "$tmp/State"
cp -R "$src/Workflows" "$src/Templates" "$tmp/"
cp "$src"/State/*.json "$tmp/State/"

echo "Steward demo: the cron job on a copy of the example estate (${#connectors[@]} connectors)"
echo "  copy:  $tmp   (the checkout is not touched)"
echo "  time:  $NOW"
echo
echo "\$ steward run --now $NOW --outbox outbox"
rc=0
"$BIN" run --root "$tmp" --now "$NOW" --outbox "$tmp/outbox" || rc=$?
echo
echo "\$ steward tasks --now $NOW"
"$BIN" tasks --root "$tmp" --now "$NOW" || { r=$?; [ $rc -ne 0 ] || rc=$r; }
echo
echo "\$ ls outbox/   (one ticket per newly opened task, rendered from Templates/)"
if [ -d "$tmp/outbox" ]; then
  (cd "$tmp/outbox" && ls -1)
else
  echo "(empty: the run opened no task)"
fi
echo
echo "Read a ticket:  cat '$tmp/outbox/'*.md | less"
echo "Remove the copy: rm -rf '$tmp'"
exit $rc
