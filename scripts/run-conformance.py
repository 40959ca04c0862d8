#!/usr/bin/env python3
"""Runs the shared conformance suite, leaving out the tests named in
.ci/conformance-pending.txt: the tests of a contract revision still being implemented.

Each line of that file is `FILE::TEST[PARAM]` as pytest prints it; lines starting with #
and blank lines are ignored. The list only shrinks: a listed test that now passes is
reported, so it can be removed.

usage: run-conformance.py CONFORMANCE_DIR [pytest args...]
"""
import sys
from pathlib import Path

import pytest

PENDING = Path(__file__).resolve().parent.parent / ".ci" / "conformance-pending.txt"


def pending_names():
    if not PENDING.is_file():
        return set()
    lines = (line.strip() for line in PENDING.read_text().splitlines())
    return {line for line in lines if line and not line.startswith("#")}


class Deselect:
    def __init__(self, names):
        self.names = names
        self.seen = set()

    def pytest_collection_modifyitems(self, config, items):
        keep, drop = [], []
        for item in items:
            short = item.nodeid.rsplit("/", 1)[-1]
            if short in self.names:
                drop.append(item)
                self.seen.add(short)
            else:
                keep.append(item)
        if drop:
            config.hook.pytest_deselected(items=drop)
            items[:] = keep

    def pytest_terminal_summary(self, terminalreporter):
        if self.names:
            terminalreporter.write_line(
                f"conformance: {len(self.seen)} pending test(s) skipped "
                f"(listed in .ci/conformance-pending.txt)")
        for name in sorted(self.names - self.seen):
            terminalreporter.write_line(f"conformance: pending entry matches no test: {name}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(pytest.main([sys.argv[1], *sys.argv[2:]], plugins=[Deselect(pending_names())]))
