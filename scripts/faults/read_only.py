#!/usr/bin/env python3
"""Fault family `readonly`: a read-only bind mount of the repository: writers fail with a
clear error and change nothing; readers still work.
"""
import os
import shutil
import subprocess

from harness import ACTOR, NOW, namespace_prefix, read_results, short, snapshot


def run(s):
    ns = namespace_prefix()
    dest, before, after = s.estate("readonly", 40, 0.25)
    if ns is None:
        s.result(False, "read-only repository", "unshare can make a read-only bind mount", "unshare failed")
        return
    res = os.path.join(s.work, "readonly-res")
    shutil.rmtree(res, ignore_errors=True)
    os.makedirs(res)
    script = r'''
mount --bind "$R" "$R" && mount -o remount,bind,ro "$R" || exit 90
touch "$R/State/probe" 2>/dev/null && exit 91
"$BIN" run --root "$R" --now "$NOW" > "$RES/o1" 2> "$RES/e1"; echo $? > "$RES/r1"
"$BIN" run --root "$R" --now "$NOW" --dry-run > "$RES/o2" 2> "$RES/e2"; echo $? > "$RES/r2"
"$BIN" new zz-readonly --system s3 --purpose "Copies logs" --business-owner a@northwind.example --technical-owner "$STEWARD_ACTOR" --root "$R" --now "$NOW" > "$RES/o3" 2> "$RES/e3"; echo $? > "$RES/r3"
"$BIN" check --root "$R" --now "$NOW" > "$RES/o4" 2> "$RES/e4"; echo $? > "$RES/r4"
'''
    p = subprocess.run(ns + ["bash", "-c", script], capture_output=True, text=True,
                       env=dict(os.environ, R=dest, BIN=s.bin, NOW=NOW, RES=res, STEWARD_ACTOR=ACTOR))
    if p.returncode in (90, 91):
        s.result(False, "read-only repository", "a read-only bind mount can be made", "exit %d" % p.returncode)
        return
    rd = read_results(res)
    got = snapshot(dest)
    r1, e1 = int(rd("r1")), rd("e1")
    s.result(r1 != 0 and "read-only" in e1.lower() and e1.startswith("steward: error:") and got == before
             and "transitions" not in rd("o1"),
             "read-only repository: run", "exit != 0, a clear error, nothing changed",
             "exit %d, %s" % (r1, short(e1)))
    s.result(int(rd("r2")) == 0 and "transitions" in rd("o2"), "read-only repository: run --dry-run",
             "still reports the plan (a dry run takes no lock)", "exit %s: %s" % (rd("r2").strip(), short(rd("o2"), 100)))
    r3, e3 = int(rd("r3")), rd("e3")
    s.result(r3 != 0 and "read-only" in e3.lower() and "zz-readonly.json" not in got, "read-only repository: new",
             "exit != 0, a clear error, no file", "exit %d, %s" % (r3, short(e3)))
    s.result(int(rd("r4")) == 0, "read-only repository: check", "check reads a read-only tree",
             "exit %s" % rd("r4").strip())
