#!/usr/bin/env python3
"""Benchmark driver behind scripts/bench.sh (see docs/PERFORMANCE.md).

  bench.py --bin STEWARD --gen GENERATOR --work DIR [--sizes 10000,100000] [--runs 5]
           [--base_runs 30] [--base_warmup 3] [--base_rounds 2] [--large 100000] [--naive NAIVE_WRITE]

For each size N it generates two estates (nothing due at NOW; 1% due at NOW), then times
each command as a whole process with hyperfine (median of RUNS runs after one warm-up,
page cache warm) and measures its peak RSS with /usr/bin/time -f %M:

  floor            find State -name '*.json' -print0 | xargs -0 -P2 cat > /dev/null
  peer             python3 Benchmarks/peer.py (json.load every file, list what is due)
  run --dry-run    nothing due
  run              1% due, durable writes (the changed files restored before each run)
  check            the whole tree
  check --base     a pull request whose one commit changes 10 connector files, in a fresh
                   packed clone (bench_estates.pull_request_clone); every size timed in
                   one sitting at the end, BASE_ROUNDS rounds of BASE_RUNS runs each
  list --json      steward list --format json

Then the durable-write cost of 1,000 changed files: one fsync per file and per rename
(naive), the same batch technique as Steward in C (or Python), and Steward itself (an
estate where exactly 1,000 files change). Prints the machine, one Markdown table, and the
goals, each with its wall and CPU ratio and verdict (bench_report.py).
"""
import os
import shutil
import statistics
import subprocess
import sys

import bench_estates as estates
from bench_report import report
from bench_timing import NOW, Timer, log, q, sh, write_phase

HERE = os.path.dirname(os.path.abspath(__file__))


class Bench:
    def __init__(self, bin_, gen, work, runs, naive_bin=None, large=100000):
        self.bin, self.gen, self.work, self.runs = bin_, gen, work, runs
        # Sizes above this run only the floor, the peer and run --dry-run (size_dry_run_only).
        self.large = large
        self.naive_bin = naive_bin
        self.timer = Timer(work, runs)

    def timed(self, res, n, name, cmd, prepare=None, want_rss=True, runs=None):
        """Times `cmd` into res[name] = (median, peak RSS) and res['cpu ' + name]."""
        key = "%s (N=%d)" % (name, n)
        t = self.timer.hyperfine(key, cmd + " > /dev/null", prepare=prepare, runs=runs)
        res[name] = (t, self.timer.rss(cmd + " > /dev/null", prepare=prepare) if want_rss and t is not None else None)
        res["cpu " + name] = self.timer.cpu.get(key)

    def floor_and_peer(self, res, n, st):
        runs = int(os.environ.get("BENCH_LARGE_RUNS", "1")) if n > self.large else None
        self.timed(res, n, "floor", "find %s -name '*.json' -print0 | xargs -0 -P2 cat" % q(st), want_rss=False, runs=runs)
        self.timed(res, n, "peer", "python3 %s %s %s" % (q(os.path.join(HERE, "peer.py")), q(st), NOW), runs=runs)

    def peer_side_by_side(self, res, n, idle, rounds=2):
        """The peer and run --dry-run timed in turns (one hyperfine over both per round, the
        order reversed each round), so that a change of load between two separate timings
        cannot move their ratio: res['peer pair'] = (peer median, steward median, peer CPU,
        steward CPU) over every run."""
        cmds = {"peer": ["python3", os.path.join(HERE, "peer.py"), os.path.join(idle, "State"), NOW],
                "steward": [self.bin, "run", "--root", idle, "--now", NOW, "--dry-run"]}
        times = {k: [] for k in cmds}
        cpus = {k: [] for k in cmds}
        for k in range(rounds):
            order = ["peer", "steward"] if k % 2 == 0 else ["steward", "peer"]
            line = [" ".join(q(a) for a in cmds[name]) for name in order]
            for name, (ts, c) in zip(order, self.timer.hyperfine_all(line, self.runs, 1)):
                times[name] += ts
                if c is not None:
                    cpus[name].append(c)
        if times["peer"] and times["steward"]:
            res["peer pair"] = (statistics.median(times["peer"]), statistics.median(times["steward"]),
                                statistics.mean(cpus["peer"]), statistics.mean(cpus["steward"]))
            log("peer and run --dry-run in turns (N=%d): medians %.3f s and %.3f s (%.2f×), cpu %.3f s and %.3f s"
                % (n, res["peer pair"][0], res["peer pair"][1], res["peer pair"][0] / res["peer pair"][1],
                   res["peer pair"][2], res["peer pair"][3]))

    def size_dry_run_only(self, n):
        """A size above `large` (e.g. 1,000,000): only the floor, the peer and run --dry-run,
        each BENCH_LARGE_RUNS times (1) after a warm-up (the other commands would take too
        long and too much disk)."""
        base = os.path.join(self.work, "n%d" % n)
        os.makedirs(base, exist_ok=True)
        idle = os.path.join(base, "idle")
        estates.generate(self.gen, idle, n, 0.0)
        apparent, disk = estates.state_sizes(idle)
        res = {"n": n, "due": 0, "large": True, "bytes": apparent, "disk": disk}
        self.floor_and_peer(res, n, os.path.join(idle, "State"))
        self.timed(res, n, "run --dry-run", "%s run --root %s --now %s --dry-run" % (q(self.bin), q(idle), NOW),
                   runs=int(os.environ.get("BENCH_LARGE_RUNS", "1")))
        for name in ("run", "check", "check --base", "list --json"):
            res[name] = ("skipped", None)
        shutil.rmtree(base, ignore_errors=True)
        return res

    def size(self, n):
        if n > self.large:
            return self.size_dry_run_only(n)
        base = os.path.join(self.work, "n%d" % n)
        os.makedirs(base, exist_ok=True)
        idle, due = os.path.join(base, "idle"), os.path.join(base, "due")
        estates.generate(self.gen, idle, n, 0.0)
        estates.generate(self.gen, due, n, 0.01)
        ids = estates.changed_ids(self.bin, due)
        backup = os.path.join(base, "due-backup")
        estates.backup(due, ids, backup)
        restore = "cp -p %s/*.json %s/State/ && rm -f %s/State/.*.tmp-* && sync" % (q(backup), q(due), q(due))
        apparent, disk = estates.state_sizes(idle)
        B = q(self.bin)
        res = {"n": n, "due": len(ids), "bytes": apparent, "disk": disk}
        self.floor_and_peer(res, n, os.path.join(idle, "State"))
        self.timed(res, n, "run --dry-run", "%s run --root %s --now %s --dry-run" % (B, q(idle), NOW))
        self.peer_side_by_side(res, n, idle)
        self.timed(res, n, "run", "%s run --root %s --now %s" % (B, q(due), NOW), prepare=restore)
        self.timed(res, n, "check", "%s check --root %s --now %s" % (B, q(idle), NOW))
        self.timed(res, n, "list --json", "%s list --root %s --now %s --format json" % (B, q(idle), NOW))
        shutil.rmtree(due, ignore_errors=True)
        shutil.rmtree(backup, ignore_errors=True)
        # check --base is timed for every size together at the end (check_base_all); only
        # its clone (a few MiB of pack and the checkout) is kept until then.
        clone = estates.pull_request_clone(self.bin, idle, os.path.join(base, "pr-clone"))
        res["check --base cmd"] = estates.check_base_command(self.bin, clone) if clone else None
        res["check --base"], res["cpu check --base"] = ((None if clone else "n/a"), None), None
        if clone:
            p = subprocess.run(res["check --base cmd"], shell=True, capture_output=True, text=True)
            if p.returncode != 0:
                log("check --base is not usable here (exit %d): %s" % (p.returncode, (p.stderr or p.stdout).strip()[-300:]))
                res["check --base cmd"], res["check --base"] = None, ("n/a", None)
        shutil.rmtree(idle, ignore_errors=True)
        return res

    def check_base_all(self, results, runs, warmup, rounds):
        """check --base of every size in one sitting, so that the ratio between sizes is not
        skewed by a change of load in between: `rounds` hyperfine runs over all sizes, the
        order reversed each round; wall = median of every run, CPU = mean of the rounds."""
        todo = [r for r in results if r.get("check --base cmd")]
        if not todo:
            return
        times = {r["n"]: [] for r in todo}
        cpus = {r["n"]: [] for r in todo}
        for k in range(rounds):
            order = todo if k % 2 == 0 else todo[::-1]
            for r, (ts, c) in zip(order, self.timer.hyperfine_all([r["check --base cmd"] for r in order], runs, warmup)):
                if ts:
                    times[r["n"]] += ts
                    cpus[r["n"]].append(c)
        for r in todo:
            n = r["n"]
            if times[n]:  # else hyperfine failed (logged) and the table says "failed"
                r["check --base"] = (statistics.median(times[n]), self.timer.rss(r["check --base cmd"] + " > /dev/null"))
                r["cpu check --base"] = statistics.mean(cpus[n])
                log("check --base (N=%d): median %.3f s of %d runs (min %.3f, max %.3f), cpu %.3f s"
                    % (n, r["check --base"][0], len(times[n]), min(times[n]), max(times[n]), r["cpu check --base"]))
            shutil.rmtree(os.path.join(self.work, "n%d" % n), ignore_errors=True)

    def durable_writes(self):
        """1,000 changed files written durably: naive vs batch (C or Python) vs Steward."""
        base = os.path.join(self.work, "writes")
        os.makedirs(base, exist_ok=True)
        root = os.path.join(base, "estate")
        estates.generate(self.gen, root, 10000, 0.1)
        ids = estates.changed_ids(self.bin, root)
        old, new = os.path.join(base, "old"), os.path.join(base, "new")
        estates.backup(root, ids, old)
        sh([self.bin, "run", "--root", root, "--now", NOW])
        estates.backup(root, ids, new)
        st = os.path.join(root, "State")
        restore = "cp -p %s/*.json %s/ && rm -f %s/.*.tmp-* && sync" % (q(old), q(st), q(st))
        out = {"files": len(ids)}
        # The write phase of each writer, read from `strace -T` (seccomp-filtered, so only
        # the traced calls stop): from the first temporary file created to the end of the
        # last fsync/rename, and the time spent inside fsync/syncfs. Writers take turns,
        # each round in a different order, so that noise from other work hits all three.
        writers = {"naive": [self.naive_bin, "naive", st, new] if self.naive_bin else
                            ["python3", os.path.join(HERE, "naive_write.py"), "naive", st, new],
                   "batch": [self.naive_bin, "batch", st, new] if self.naive_bin else
                            ["python3", os.path.join(HERE, "naive_write.py"), "batch", st, new],
                   "steward": [self.bin, "run", "--root", root, "--now", NOW]}
        names = list(writers)
        spans = {k: [] for k in names}
        syncs = {k: [] for k in names}
        for r in range(max(self.runs, 7)):
            for k in names[r % 3:] + names[:r % 3]:
                subprocess.run(restore, shell=True, check=True)
                trace = os.path.join(self.work, "write.trace")
                subprocess.run(["strace", "-f", "--seccomp-bpf", "-ttt", "-T", "-o", trace, "-e",
                                "trace=openat,syncfs,fsync,fdatasync,rename,renameat,renameat2"] + writers[k],
                               check=True, capture_output=True)
                span, sync_time, counts = write_phase(trace)
                spans[k].append(span)
                syncs[k].append(sync_time)
                out["calls " + k] = counts
        for k in names:
            out["phase " + k] = statistics.median(spans[k])
            out["sync " + k] = statistics.median(syncs[k])
            log("write phase %-8s median %.3f s, of which fsync/syncfs %.3f s (%s)"
                % (k, out["phase " + k], out["sync " + k], out["calls " + k]))
        shutil.rmtree(base, ignore_errors=True)
        return out


def main(argv):
    o = {"bin": None, "gen": None, "work": None, "sizes": "10000,100000", "runs": "5", "naive": None,
         "base_runs": "30", "base_warmup": "3", "base_rounds": "2", "large": "100000"}
    i = 1
    while i < len(argv):
        o[argv[i].lstrip("-")] = argv[i + 1]
        i += 2
    b = Bench(o["bin"], o["gen"], o["work"], int(o["runs"]), o["naive"], int(o["large"]))
    results = [b.size(int(x)) for x in o["sizes"].split(",")]
    b.check_base_all(results, int(o["base_runs"]), int(o["base_warmup"]), int(o["base_rounds"]))
    w = b.durable_writes()
    report(o, results, w)


if __name__ == "__main__":
    main(sys.argv)
