#!/usr/bin/env python3
"""Fault family `concurrency`: runs and news racing for State/.lock, with and without
--wait, and a reader while a run writes.
"""
import fcntl
import json
import os
import subprocess
import time

import check_state
from harness import ACTOR, NOW, short, snapshot, steward_env, temporaries


NEW_ARGS = ["new", "zz-concurrent-new", "--system", "github", "--purpose", "Posts build results to chat",
            "--business-owner", "dana.ops@northwind.example", "--technical-owner", ACTOR, "--scope", "checks:write",
            "--secret-ref", "vault://kv/integrations/zz-concurrent-new"]


def lock_held(root):
    try:
        fd = os.open(os.path.join(root, "State", ".lock"), os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def start(s, args):
    return subprocess.Popen([s.bin] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=steward_env())


def start_run(s, dest):
    """Starts `steward run` over dest and returns once it holds State/.lock (or has ended,
    or 10 s have passed)."""
    a = start(s, ["run", "--root", dest, "--now", NOW])
    t0 = time.monotonic()
    while not lock_held(dest) and a.poll() is None and time.monotonic() - t0 < 10:
        time.sleep(0.001)
    return a


def run_holding_lock(s):
    """(dest, after, process): a run over a fresh 2,000-connector estate, seen holding
    State/.lock; None when it finished too fast three times."""
    for _ in range(3):
        dest, _before, after = s.estate("concurrency", 2000, 0.5)
        a = start_run(s, dest)
        if a.poll() is None:
            return dest, after, a
        a.communicate()
    return None


def without_wait(s, dest, after, a):
    b = start(s, ["run", "--root", dest, "--now", NOW])
    n = start(s, NEW_ARGS + ["--root", dest, "--now", NOW])
    ob, eb = b.communicate()
    on, en = n.communicate()
    oa, ea = a.communicate()
    got = snapshot(dest)
    ok = (a.returncode == 0 and b.returncode == 3 and n.returncode == 3 and "State/.lock" in eb
          and "State/.lock" in en and got == after and not temporaries(dest))
    s.result(ok, "concurrency without --wait",
             "while one run holds State/.lock a second run and a new exit 3 naming the lock; the first run's "
             "result is exactly the reference (no event lost or duplicated)",
             "exits: run %d, run %d (%s), new %d (%s)" % (a.returncode, b.returncode, short(eb, 90), n.returncode,
                                                         short(en, 60)))


def with_wait(s, dest, after, a):
    b = start(s, ["run", "--root", dest, "--now", NOW, "--wait", "120", "--format", "json"])
    n = start(s, NEW_ARGS + ["--root", dest, "--now", NOW, "--wait", "120"])
    n2 = start(s, NEW_ARGS + ["--root", dest, "--now", NOW, "--wait", "120"])
    ob, eb = b.communicate()
    on, en = n.communicate()
    on2, en2 = n2.communicate()
    a.communicate()
    got = snapshot(dest)
    newfile = "zz-concurrent-new.json"
    others = {k: v for k, v in got.items() if k != newfile}
    try:
        second = json.loads(ob)
        second_changes = len(second["transitions"]) + len(second["tasks"])
    except ValueError:
        second_changes = -1
    new_doc = json.loads(got[newfile]) if newfile in got else {}
    exits = sorted([n.returncode, n2.returncode])
    ok = (a.returncode == 0 and b.returncode == 0 and exits == [0, 1] and others == after
          and new_doc.get("version") == 1 and not check_state.check_bytes(newfile, got.get(newfile, b""))
          and second_changes == 0 and not temporaries(dest))
    s.result(ok, "concurrency with --wait",
             "a run, a second run --wait and two identical news --wait at once: all wait their turn; the second "
             "run changes nothing; exactly one new succeeds (the other exits 1: exists); every other file equals "
             "the reference",
             "exits: run %d, run --wait %d (%d changes), new %d/%d; new file version %s"
             % (a.returncode, b.returncode, second_changes, n.returncode, n2.returncode, new_doc.get("version")))


def reader_during_write(s):
    # A reader during a write: dry-run takes no lock and must see each file old or new.
    dest, _before, _after = s.estate("concurrency", 2000, 0.5)
    a = start_run(s, dest)
    d = s.steward("check", "--root", dest, "--now", NOW)
    a.communicate()
    s.result(d.returncode == 0 and a.returncode == 0, "check while a run writes",
             "a reader never sees a half-written file: check over the tree passes while run renames",
             "check exit %d %s" % (d.returncode, short(d.stdout[-150:])))


def run(s):
    for name, case in (("concurrency without --wait", without_wait), ("concurrency with --wait", with_wait)):
        held = run_holding_lock(s)
        if held is None:
            s.result(False, name, "the first run is seen holding the lock", "it finished too fast")
        else:
            case(s, *held)
    reader_during_write(s)
