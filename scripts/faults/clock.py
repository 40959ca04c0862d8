#!/usr/bin/env python3
"""Fault family `clock`: a skewed clock (faketime +400d / -1d): nothing moves backwards, and
events are stamped at the clock steward sees.
"""
import json
import os
import shutil
import subprocess
import time

from harness import have, short, snapshot, sound


def run(s):
    if not have("faketime"):
        s.result(False, "clock", "faketime is installed (CI installs it)", "faketime missing")
        return
    real_now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    root = os.path.join(s.work, "clock")
    shutil.rmtree(root, ignore_errors=True)
    subprocess.run([s.gen, "--root", root, "--count", "400", "--seed", "9", "--now", real_now, "--due-fraction", "0",
                    "--quiet"], check=True)
    s0 = snapshot(root)

    def ft(offset, *args):
        return s.steward(*args, "--root", root, prefix=["faketime", "-f", offset])

    p = ft("-1d", "run")
    s.result(p.returncode == 0 and snapshot(root) == s0, "clock 1 day behind (faketime -1d)",
             "run moves nothing: State/ byte-identical", "exit %d: %s" % (p.returncode, short(p.stdout, 100)))
    p = ft("+400d", "run", "--format", "json")
    s400 = snapshot(root)
    try:
        rep = json.loads(p.stdout)
        moved = len(rep["transitions"])
        at = rep["now"]
    except ValueError:
        moved, at = -1, "?"
    c = ft("+400d", "check")
    bad = sound(root)
    stamps_ok = all(e["at"] == at for n, raw in s400.items() if raw != s0.get(n)
                    for e in json.loads(raw)["history"][len(json.loads(s0[n])["history"]):])
    s.result(p.returncode == 0 and moved > 0 and c.returncode == 0 and not bad and stamps_ok,
             "clock 400 days ahead (faketime +400d)",
             "run advances every due timer with events stamped at the (fake) clock; the tree still checks",
             "%d transitions at %s, check exit %d" % (moved, at, c.returncode))
    # The +400d events now lie in the future: each such connector is an error naming its
    # file (rule future-event, exit 4), never skipped in silence, and nothing is written.
    p = ft("-1d", "run", "--format", "json")
    try:
        errors = json.loads(p.stdout)["errors"]
    except (ValueError, KeyError):
        errors = []
    moved_files = sorted("State/" + n for n, raw in s400.items() if raw != s0.get(n))
    named = sorted(e["file"] for e in errors if "future-event" in e["message"])
    s.result(p.returncode == 4 and snapshot(root) == s400 and named == moved_files and len(named) > 0,
             "clock goes back after the +400d run (faketime -1d)",
             "nothing moves backwards: State/ byte-identical; every connector with an event after the clock is "
             "reported by file (rule future-event, exit 4)",
             "exit %d, %d of %d future-dated files named" % (p.returncode, len(named), len(moved_files)))
    victim = sorted(n for n, raw in s400.items() if json.loads(raw)["state"] not in ("decommissioned",))
    if victim:
        p = ft("-1d", "decommission", victim[0][:-5], "--reason", "clock test")
        s.result(p.returncode != 0 and snapshot(root) == s400 and "earlier than the last event" in p.stderr,
                 "a person's command with the clock behind the history",
                 "refused (time may not go backwards), nothing written", "exit %d: %s" % (p.returncode, short(p.stderr)))
