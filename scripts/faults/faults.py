#!/usr/bin/env python3
"""Fault suite for Steward (driven by scripts/test-faults.sh).

  faults.py [--bin STEWARD] [--gen GENERATOR] [--work DIR] [--kills 50] [--only GROUP,...]

Groups, one module each (badinput in three): crash (crash_group.py), diskfull
(disk_full.py), io (io_errors.py), concurrency (concurrency.py), readonly (read_only.py),
badinput (bad_files.py, bad_tree.py, bad_history.py), clock (clock.py). Every case says
what must hold, checks it from the outside (snapshots of State/ compared byte for byte,
every file re-parsed and its hash chain recomputed by check_state.py), and prints one line
starting with PASS or FAIL (NOTE lines report behaviour worth knowing that the case does
not judge). The last line is `N passed, M failed`. The binary and the generator are found
as harness.py says when not given.
"""
import sys
import tempfile
import time

import bad_files
import bad_history
import bad_tree
import clock
import concurrency
import crash_group
import disk_full
import io_errors
import read_only
from harness import Suite, parse_opts


def badinput(s):
    pr = bad_files.probe(s)
    bad_files.run(s, pr)
    bad_tree.run(s, pr)
    bad_history.run(s, pr)


def main(argv):
    opts = parse_opts(argv, {"bin": None, "gen": None, "work": None, "kills": "50", "only": ""}, "faults.py")
    s = Suite(opts["bin"], opts["gen"], opts["work"] or tempfile.mkdtemp(prefix="steward-faults-"))
    groups = [("crash", lambda: crash_group.run(s, int(opts["kills"]))), ("diskfull", lambda: disk_full.run(s)),
              ("io", lambda: io_errors.run(s)), ("concurrency", lambda: concurrency.run(s)),
              ("readonly", lambda: read_only.run(s)), ("badinput", lambda: badinput(s)),
              ("clock", lambda: clock.run(s))]
    only = [g for g in opts["only"].split(",") if g]
    started = time.monotonic()
    for name, fn in groups:
        if only and name not in only:
            continue
        t = time.monotonic()
        print("== %s" % name, flush=True)
        try:
            fn()
        except Exception as e:  # a harness error is a failure, never a silent pass
            s.result(False, name, "the group runs to the end", "%s: %s" % (type(e).__name__, e))
        print("== %s: %.0f s" % (name, time.monotonic() - t), flush=True)
    print("test-faults: %.0f s" % (time.monotonic() - started))
    print("%d passed, %d failed" % (s.passed, s.failed))
    return 1 if s.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
