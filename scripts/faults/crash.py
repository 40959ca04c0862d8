#!/usr/bin/env python3
"""Crash test for `steward run`: SIGKILL at random instants, then prove nothing was lost.

  crash.py [--bin BIN] [--gen GEN] [--count 2000] [--kills 30] [--due 0.5] [--seed S]
           [--now T] [--work DIR] [--prefix TEXT]

1. Generates COUNT connectors (GEN, deterministic) with DUE of them due at NOW.
2. Reference: runs `BIN run --now NOW` uninterrupted on a copy; a second run must change
   nothing. Times full runs and dry runs (the plan) to find the write phase.
3. KILLS times: copies the pre-run estate, starts `BIN run --now NOW`, SIGKILLs it after a
   delay (half the delays stratified over the whole run, half over the write phase), then
   checks: every State/*.json parses, its hash chain holds, and its bytes are exactly the
   old or exactly the new file (never half-written); no file lost. Then runs `BIN run
   --now NOW` again: it must exit 0, leave State/ byte-identical to the reference, and leave
   no temporary file behind.
Prints one PASS/FAIL line per kill, a histogram of where the kills landed, and last
`N passed, M failed`; exits 1 on any failure.
"""
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time

import check_state
from harness import copy, generate, have, parse_opts, snapshot, temporaries


def parse_args(argv):
    opts = parse_opts(argv, {"count": 2000, "kills": 30, "due": 0.5, "seed": None, "now": "2027-03-01T09:00:00Z",
                             "work": None, "prefix": "crash", "bin": None, "gen": None}, "crash.py")
    opts["count"] = int(opts["count"])
    opts["kills"] = int(opts["kills"])
    opts["due"] = float(opts["due"])
    opts["seed"] = int(opts["seed"]) if opts["seed"] is not None else int(time.time()) % 100000
    return opts


def restore(state, old, current):
    """Puts `state` back to the pre-run bytes `old` (only the files that differ), and
    removes dotfiles other than .gitkeep: cheaper than a fresh copy of the estate."""
    for n in os.listdir(state):
        if n.startswith(".") and n != ".gitkeep":
            os.unlink(os.path.join(state, n))
        elif n not in old:
            os.unlink(os.path.join(state, n))
    for n, b in old.items():
        if current.get(n) != b:
            with open(os.path.join(state, n), "wb") as f:
                f.write(b)


def timed(cmd):
    t = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.monotonic() - t, p


def main():
    started = time.monotonic()
    o = parse_args(sys.argv)
    bin_, gen, now, prefix = o["bin"], o["gen"], o["now"], o["prefix"]
    work = o["work"] or __import__("tempfile").mkdtemp(prefix="steward-crash-")
    os.makedirs(work, exist_ok=True)
    rng = random.Random(o["seed"])
    pristine = os.path.join(work, "pristine")
    scratch = os.path.join(work, "work")
    if os.path.exists(pristine):
        shutil.rmtree(pristine)
    generate(gen, pristine, o["count"], 4242, now, o["due"])
    old = snapshot(os.path.join(pristine, "State"))
    copy(pristine, scratch)
    state = os.path.join(scratch, "State")
    os.sync()

    # Reference run, and timings of the whole run and of the plan alone (dry run), each on
    # the pre-run estate restored the way the kill loop restores it.
    full, plan = [], []
    current = dict(old)
    new = None
    for i in range(3):
        restore(state, old, current)
        d, p = timed([bin_, "run", "--root", scratch, "--now", now, "--dry-run"])
        plan.append(d)
        d, p = timed([bin_, "run", "--root", scratch, "--now", now])
        if p.returncode != 0:
            print("FAIL %s reference: steward run exited %d: %s" % (prefix, p.returncode, p.stderr.decode()[-500:]))
            print("0 passed, 1 failed")
            return 1
        full.append(d)
        current = snapshot(state)
        if new is None:
            new = current
        elif current != new:
            print("FAIL %s reference: two uninterrupted runs on the same estate gave different bytes" % prefix)
            print("0 passed, 1 failed")
            return 1
    changed = sorted(n for n in new if new[n] != old.get(n))
    # Every pre-run and every reference file parses and its chain holds (checked once here;
    # after a kill each file is compared byte for byte with these, and re-checked if changed).
    bad = [p for n in sorted(old) for p in check_state.check_bytes(n, old[n])]
    bad += [p for n in changed for p in check_state.check_bytes(n, new[n])]
    if bad:
        print("FAIL %s reference: the estate itself is unsound: %s" % (prefix, "; ".join(bad[:3])))
        print("0 passed, 1 failed")
        return 1
    d, p = timed([bin_, "run", "--root", scratch, "--now", now])
    current = snapshot(state)
    idem = p.returncode == 0 and current == new
    full_t, plan_t = statistics.median(full), statistics.median(plan)
    print("%s: %d connectors, %d changed by the run (seed %d); run %.0f ms, plan (dry run) %.0f ms, "
          "write phase ~%.0f ms" % (prefix, len(old), len(changed), o["seed"], full_t * 1e3, plan_t * 1e3,
                                    (full_t - plan_t) * 1e3))
    passed = failed = 0
    if not idem or not changed:
        print("FAIL %s reference: second run at the same NOW changed bytes or nothing was due" % prefix)
        failed += 1
    else:
        print("PASS %s reference: a second run at the same NOW changes no byte" % prefix)
        passed += 1

    # Delays: half stratified over the whole run (+15%), half over the write phase; plus,
    # when strace is there, kills injected exactly at the write phase's system calls.
    k = o["kills"]
    plans = []
    if have("strace") and k >= 12:
        nc = len(changed)
        for call, when, what in [("syncfs", 1, "at the syncfs"),
                                 ("renameat", 1, "at the first rename"),
                                 ("renameat", 2, "at the second rename"),
                                 ("renameat", max(1, nc // 2), "half-way through the renames"),
                                 ("renameat", max(1, nc), "at the last rename"),
                                 ("fsync", 1, "at the directory fsync after the renames")]:
            plans.append(("inject", call, when, what))
    rest = k - len(plans)
    half = rest // 2
    delays = [(i + rng.random()) / (rest - half) * full_t * 1.15 for i in range(rest - half)]
    lo, hi = plan_t * 0.85, full_t * 1.02
    delays += [lo + (i + rng.random()) / half * (hi - lo) for i in range(half)] if half else []
    plans += [("delay", d) for d in delays]
    rng.shuffle(plans)
    phases = {}
    for n, plan_ in enumerate(plans, 1):
        restore(state, old, current)
        if plan_[0] == "delay":
            delay = plan_[1]
            how = "at %.0f ms" % (delay * 1e3)
            proc = subprocess.Popen([bin_, "run", "--root", scratch, "--now", now],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            rc = proc.wait()
        else:
            _, call, when, what = plan_
            how = what + " (strace inject=%s:signal=KILL:when=%d)" % (call, when)
            p = subprocess.run(["strace", "-f", "-o", "/dev/null", "-e", "trace=" + call,
                                "-e", "inject=%s:signal=KILL:when=%d" % (call, when),
                                bin_, "run", "--root", scratch, "--now", now],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            rc = -9 if p.returncode != 0 else 0
        after = snapshot(state)
        stray = temporaries(state)
        n_new = sum(1 for c in changed if after.get(c) == new[c])
        if rc == 0:
            phase = "finished"
        elif n_new == 0 and not stray:
            phase = "before writing"
        elif n_new == 0:
            phase = "temporary files, no rename yet"
        elif n_new < len(changed):
            phase = "between renames"
        else:
            phase = "after the last rename"
        phases[phase] = phases.get(phase, 0) + 1
        problems = []
        for name, raw in sorted(after.items()):
            if raw != old.get(name) and raw != new.get(name):
                problems.append("%s is neither the old nor the new bytes (half-written)" % name)
            elif raw != old.get(name):
                problems += check_state.check_bytes(name, raw)  # (equal to old: checked above)
        problems += ["%s was lost" % name for name in sorted(set(old) - set(after))]
        p = subprocess.run([bin_, "run", "--root", scratch, "--now", now], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
        if p.returncode != 0:
            problems.append("the run after the kill exited %d: %s" % (p.returncode, p.stderr.decode()[-300:]))
        final = snapshot(state)
        current = final
        if final != new:
            diff = sorted(set(final) ^ set(new)) + sorted(x for x in final if x in new and final[x] != new[x])
            problems.append("after the second run State/ differs from the reference in %d file(s): %s"
                            % (len(diff), ", ".join(diff[:5])))
        left = temporaries(state)
        if left:
            problems.append("temporary files remain after the second run: %s" % ", ".join(left[:5]))
        status = "PASS" if not problems else "FAIL"
        print("%s %s kill %d/%d %s, exit %s: %s (%d/%d files new, %d temporary); all old-or-new, "
              "chains hold; rerun == reference" % (status, prefix, n, len(plans), how, rc, phase,
                                                                          n_new, len(changed), len(stray))
              if not problems else
              "%s %s kill %d/%d %s, exit %s: %s: %s" % (status, prefix, n, len(plans), how, rc, phase,
                                                        "; ".join(problems[:3])))
        if problems:
            failed += 1
        else:
            passed += 1
    print("%s: where the kills landed: %s" % (prefix, ", ".join("%s %d" % kv for kv in sorted(phases.items()))))
    in_write = sum(v for kk, v in phases.items() if kk not in ("finished", "before writing"))
    if in_write == 0:
        print("FAIL %s: no kill landed inside the write phase" % prefix)
        failed += 1
    if o["work"] is None:
        shutil.rmtree(work, ignore_errors=True)
    print("%s: %.0f s" % (prefix, time.monotonic() - started))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
