#!/usr/bin/env python3
"""Benchmark driver behind scripts/bench.sh (see docs/PERFORMANCE.md).

  bench.py --bin STEWARD --gen GENERATOR --work DIR [--sizes 10000,100000] [--runs 5]

For each size N it generates two estates (nothing due at NOW; 1% due at NOW), then times
each command as a whole process with hyperfine (median of RUNS runs after one warm-up,
page cache warm) and measures its peak RSS with /usr/bin/time -f %M:

  floor            find State -name '*.json' -print0 | xargs -0 -P2 cat > /dev/null
  peer             python3 Benchmarks/peer.py (json.load every file, list what is due)
  run --dry-run    nothing due
  run              1% due, durable writes (the changed files restored before each run)
  check            the whole tree
  check --base     a git branch whose one commit changes 10 connector files
  list --json      steward list --format json

Then the durable-write cost of 1,000 changed files: one fsync per file and per rename
(naive), the same batch technique as Steward in Python, and Steward itself
(run minus dry run on an estate where exactly 1,000 files change).
Prints the machine, one Markdown table, and the goals with their verdicts.
"""
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = "2027-03-01T09:00:00Z"
# Sizes above this run only the floor, the peer and run --dry-run (see size_dry_run_only).
LARGE = 100000


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=isinstance(cmd, str), check=True, capture_output=True, text=True, **kw)


def q(s):
    return "'" + s.replace("'", "'\\''") + "'"


class Bench:
    def __init__(self, bin_, gen, work, runs, naive_bin=None):
        self.bin, self.gen, self.work, self.runs = bin_, gen, work, runs
        self.naive_bin = naive_bin
        self.cpu = {}

    def hyperfine(self, name, cmd, prepare=None, cwd=None):
        """Median seconds of `cmd` (a shell command line), or None when it fails."""
        out = os.path.join(self.work, "hf.json")
        args = ["hyperfine", "--style", "none", "--warmup", "1", "--runs", str(self.runs), "--export-json", out]
        if prepare:
            args += ["--prepare", prepare]
        args.append(cmd)
        p = subprocess.run(args, capture_output=True, text=True, cwd=cwd)
        if p.returncode != 0:
            log("%s failed: %s" % (name, (p.stderr or p.stdout).strip()[-400:]))
            return None
        with open(out) as f:
            r = json.load(f)["results"][0]
        log("%-28s median %.3f s (min %.3f, max %.3f), cpu %.3f s" % (name, r["median"], r["min"], r["max"],
                                                                       r["user"] + r["system"]))
        self.cpu[name] = r["user"] + r["system"]
        return r["median"]

    def rss(self, cmd, prepare=None, cwd=None):
        """Peak RSS in MiB of one run of `cmd`."""
        if prepare:
            subprocess.run(prepare, shell=True, check=True, cwd=cwd)
        p = subprocess.run(["/usr/bin/time", "-f", "%M", "bash", "-c", "exec " + cmd], capture_output=True, text=True,
                           cwd=cwd)
        try:
            return int(p.stderr.strip().splitlines()[-1]) / 1024.0
        except (ValueError, IndexError):
            return None

    def generate(self, root, n, due):
        if os.path.exists(root):
            shutil.rmtree(root)
        t = time.monotonic()
        sh([self.gen, "--root", root, "--count", str(n), "--seed", "20270301", "--now", NOW, "--due-fraction", str(due),
            "--quiet"])
        log("generated %d connectors (%.0f%% due) in %.1f s" % (n, due * 100, time.monotonic() - t))

    def changed_ids(self, root):
        p = subprocess.run([self.bin, "run", "--root", root, "--now", NOW, "--dry-run", "--format", "json"],
                           capture_output=True, text=True)
        r = json.loads(p.stdout)
        return sorted({t["id"] for t in r["transitions"]} | {t["connector"] for t in r["tasks"]})

    def backup(self, root, ids, dest):
        os.makedirs(dest, exist_ok=True)
        for i in ids:
            shutil.copy2(os.path.join(root, "State", i + ".json"), dest)

    def size_dry_run_only(self, n):
        """A size above LARGE (e.g. 1,000,000): only the floor, the peer and run --dry-run,
        each once after a warm-up (the other commands would take too long and too much disk)."""
        base = os.path.join(self.work, "n%d" % n)
        os.makedirs(base, exist_ok=True)
        idle = os.path.join(base, "idle")
        self.generate(idle, n, 0.0)
        st = os.path.join(idle, "State")
        res = {"n": n, "due": 0, "large": True, "bytes": int(sh(["du", "-sb", st]).stdout.split()[0]),
               "disk": int(sh(["du", "-sk", st]).stdout.split()[0]) * 1024}
        runs, self.runs = self.runs, int(os.environ.get("BENCH_LARGE_RUNS", "1"))
        try:
            for name, cmd, want_rss in [
                ("floor", "find %s -name '*.json' -print0 | xargs -0 -P2 cat > /dev/null" % q(st), False),
                ("peer", "python3 %s %s %s" % (q(os.path.join(HERE, "peer.py")), q(st), NOW), True),
                ("run --dry-run", "%s run --root %s --now %s --dry-run" % (q(self.bin), q(idle), NOW), True),
            ]:
                key = "%s (N=%d)" % (name, n)
                t = self.hyperfine(key, cmd + " > /dev/null")
                res[name] = (t, self.rss(cmd + " > /dev/null") if want_rss and t is not None else None)
                res["cpu " + name] = self.cpu.get(key)
        finally:
            self.runs = runs
        for name in ("run", "check", "check --base", "list --json"):
            res[name] = ("skipped", None)
        shutil.rmtree(base, ignore_errors=True)
        return res

    def size(self, n):
        if n > LARGE:
            return self.size_dry_run_only(n)
        base = os.path.join(self.work, "n%d" % n)
        os.makedirs(base, exist_ok=True)
        idle, due = os.path.join(base, "idle"), os.path.join(base, "due")
        self.generate(idle, n, 0.0)
        self.generate(due, n, 0.01)
        ids = self.changed_ids(due)
        backup = os.path.join(base, "due-backup")
        self.backup(due, ids, backup)
        restore = "cp -p %s/*.json %s/State/ && rm -f %s/State/.*.tmp-* && sync" % (q(backup), q(due), q(due))
        st = os.path.join(idle, "State")
        du_apparent = int(sh(["du", "-sb", st]).stdout.split()[0])
        du_disk = int(sh(["du", "-sk", st]).stdout.split()[0]) * 1024
        B = q(self.bin)
        res = {"n": n, "due": len(ids), "bytes": du_apparent, "disk": du_disk}
        cmds = [
            ("floor", "find %s -name '*.json' -print0 | xargs -0 -P2 cat > /dev/null" % q(st), None, False),
            ("peer", "python3 %s %s %s" % (q(os.path.join(HERE, "peer.py")), q(st), NOW), None, True),
            ("run --dry-run", "%s run --root %s --now %s --dry-run" % (B, q(idle), NOW), None, True),
            ("run", "%s run --root %s --now %s" % (B, q(due), NOW), restore, True),
            ("check", "%s check --root %s --now %s" % (B, q(idle), NOW), None, True),
            ("list --json", "%s list --root %s --now %s --format json" % (B, q(idle), NOW), None, True),
        ]
        for name, cmd, prep, want_rss in cmds:
            key = "%s (N=%d)" % (name, n)
            t = self.hyperfine(key, cmd + " > /dev/null", prepare=prep)
            r = self.rss(cmd + " > /dev/null", prepare=prep) if want_rss and t is not None else None
            res[name] = (t, r)
            res["cpu " + name] = self.cpu.get(key)
        # The runs must have left exactly the reference behind (sanity check of the restore).
        res["check --base"] = self.check_base(idle, n)
        res["cpu check --base"] = self.cpu.get("check --base (N=%d)" % n)
        return res

    def check_base(self, root, n):
        """check --base on a branch whose one commit appends a recertify to 10 connectors."""
        env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_COMMITTER_NAME="bench",
                   GIT_AUTHOR_EMAIL="base@northwind.example", GIT_COMMITTER_EMAIL="base@northwind.example",
                   GIT_AUTHOR_DATE="2027-02-28T09:00:00Z", GIT_COMMITTER_DATE="2027-02-28T09:00:00Z")
        t = time.monotonic()
        git = lambda *a, **kw: subprocess.run(["git", "-C", root] + list(a), capture_output=True, text=True,
                                              env=kw.get("env", env))
        git("init", "-q", "-b", "main")
        git("config", "gc.auto", "0")  # no detached gc racing the clean-up
        git("add", "-A")
        c = git("commit", "-q", "-m", "estate")
        if c.returncode != 0:
            log("git commit failed: " + c.stderr)
            return (None, None)
        log("git add + commit of the estate: %.1f s" % (time.monotonic() - t))
        git("checkout", "-q", "-b", "pr")
        active = []
        for name in sorted(os.listdir(os.path.join(root, "State"))):
            if name.endswith(".json") and len(active) < 10:
                with open(os.path.join(root, "State", name)) as f:
                    d = json.load(f)
                if d["state"] == "active":
                    active.append(d["id"])
        # The generator's roles.json lists the approvers it used (placeholders by default).
        with open(os.path.join(root, "Workflows", "roles.json")) as f:
            approver = json.load(f)["approvers"][0]
        for i in active:
            p = subprocess.run([self.bin, "recertify", i, "--root", root, "--now", NOW, "--as", approver,
                                "--note", "benchmark recertification"], capture_output=True, text=True)
            if p.returncode != 0:
                log("recertify %s failed: %s" % (i, p.stderr.strip()))
                return (None, None)
        penv = dict(env, GIT_AUTHOR_EMAIL=approver, GIT_COMMITTER_EMAIL=approver, GIT_AUTHOR_DATE=NOW,
                    GIT_COMMITTER_DATE=NOW)
        git("commit", "-q", "-am", "recertify 10 connectors", env=penv)
        cmd = "%s check --root %s --base main --now %s" % (q(self.bin), q(root), NOW)
        p = subprocess.run(cmd, shell=True, capture_output=True, text=True)
        if p.returncode != 0:
            log("check --base is not usable here (exit %d): %s" % (p.returncode, (p.stderr or p.stdout).strip()[-300:]))
            return ("n/a", None)
        t = self.hyperfine("check --base (N=%d)" % n, cmd + " > /dev/null")
        return (t, self.rss(cmd + " > /dev/null"))

    def durable_writes(self):
        """1,000 changed files written durably: naive vs batch (Python) vs Steward."""
        base = os.path.join(self.work, "writes")
        os.makedirs(base, exist_ok=True)
        root = os.path.join(base, "estate")
        self.generate(root, 10000, 0.1)
        ids = self.changed_ids(root)
        old, new = os.path.join(base, "old"), os.path.join(base, "new")
        self.backup(root, ids, old)
        sh([self.bin, "run", "--root", root, "--now", NOW])
        self.backup(root, ids, new)
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
        return out


def write_phase(trace):
    """(seconds from the first temporary-file openat to the end of the last fsync/rename,
    seconds inside fsync/fdatasync/syncfs, 'N fsync, N syncfs, N rename') from an
    `strace -f -ttt -T` log."""
    start = end = None
    in_sync = 0.0
    n = {"fsync": 0, "syncfs": 0, "rename": 0}
    with open(trace) as f:
        for line in f:
            parts = line.split(None, 2)
            if len(parts) < 3 or not parts[1].replace(".", "").isdigit():
                continue
            t, rest = float(parts[1]), parts[2]
            dur = 0.0
            if rest.rstrip().endswith(">") and "<" in rest:
                try:
                    dur = float(rest.rstrip()[rest.rstrip().rindex("<") + 1:-1])
                except ValueError:
                    dur = 0.0
            call = rest.split("(", 1)[0]
            if call == "openat" and ".tmp" in rest and "O_CREAT" in rest:
                start = t if start is None else start
            elif start is not None and call in ("fsync", "fdatasync", "syncfs") or (start is not None and call.startswith("rename")):
                end = t + dur
                if not call.startswith("rename"):
                    in_sync += dur
                n["syncfs" if call == "syncfs" else "rename" if call.startswith("rename") else "fsync"] += 1
    if start is None or end is None:
        return float("nan"), float("nan"), "no write phase found"
    return end - start, in_sync, "%d fsync, %d syncfs, %d rename" % (n["fsync"], n["syncfs"], n["rename"])


def machine():
    lines = []
    model = ""
    try:
        for l in sh(["lscpu"]).stdout.splitlines():
            if l.startswith("Model name:"):
                model = l.split(":", 1)[1].strip()
    except Exception:
        model = platform.processor()
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            mem = "%.0f GiB" % (int(f.readline().split()[1]) / 1024 / 1024)
    except OSError:
        pass
    lines.append("- CPU: %s, nproc %s; memory %s; kernel %s" % (model, os.cpu_count(), mem, platform.release()))
    return lines


def disk_line(path):
    try:
        src = sh(["findmnt", "-n", "-o", "SOURCE,FSTYPE,OPTIONS", "-T", path]).stdout.split()
        dev = os.path.basename(src[0])
        rota = sh(["lsblk", "-d", "-n", "-o", "ROTA,SIZE,MODEL", "/dev/" + dev]).stdout.strip() if src[0].startswith("/dev/") else ""
        return "- disk: %s %s (%s), lsblk ROTA/SIZE/MODEL: %s" % (src[0], src[1], src[2], rota or "n/a")
    except Exception as e:
        return "- disk: unknown (%s)" % e


def fmt_t(t):
    if t is None:
        return "failed"
    if t in ("n/a", "skipped"):
        return "—" if t == "skipped" else t
    return "%.3f s" % t if t < 10 else "%.1f s" % t


def fmt_m(m):
    return "—" if m is None else "%.0f MiB" % m


def main(argv):
    o = {"bin": None, "gen": None, "work": None, "sizes": "10000,100000", "runs": "5", "naive": None}
    i = 1
    while i < len(argv):
        o[argv[i].lstrip("-")] = argv[i + 1]
        i += 2
    b = Bench(o["bin"], o["gen"], o["work"], int(o["runs"]), o["naive"])
    sizes = [int(x) for x in o["sizes"].split(",")]
    results = [b.size(n) for n in sizes]
    w = b.durable_writes()

    print("## steward benchmark, %s" % time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    print()
    for l in machine():
        print(l)
    print(disk_line(o["work"]))
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    print("- load average at the end: %s (other work on the machine inflates wall times; CPU = user + sys, mean)" % load)
    print("- steward %s; each figure the median of %s runs after one warm-up (hyperfine), page cache warm; "
          "peak RSS from /usr/bin/time -f %%M" % (sh([o["bin"], "version"]).stdout.strip(), o["runs"]))
    for r in results:
        print("- N=%d: State/ holds %.0f MiB of JSON (%.0f MiB on disk); the 1%% estate has %d connectors due"
              % (r["n"], r["bytes"] / 2**20, r["disk"] / 2**20, r["due"]))
    print()
    hdr = "| command |"
    sep = "|---|"
    for r in results:
        hdr += " N=%dk time | × floor | CPU | peak RSS |" % (r["n"] // 1000)
        sep += "---:|---:|---:|---:|"
    hdr += " ratios |"
    sep += "---|"
    print(hdr)
    print(sep)
    names = ["floor", "peer", "run --dry-run", "run", "check", "check --base", "list --json"]
    labels = {"floor": "floor: `find \\| xargs -P2 cat`", "peer": "peer: `Benchmarks/peer.py`",
              "run --dry-run": "`run --dry-run` (nothing due)", "run": "`run` (1% due, durable writes)",
              "check": "`check` (whole tree)", "check --base": "`check --base` (10 files changed)",
              "list --json": "`list --format json`"}

    def ratio(a, b):
        return a / b if isinstance(a, float) and isinstance(b, float) and b > 0 else None

    for name in names:
        row = "| %s |" % labels[name]
        notes = []
        for r in results:
            t, m = r[name]
            fl = r["floor"][0]
            x = ratio(t, fl)
            cpu = r.get("cpu " + name)
            row += " %s | %s | %s | %s |" % (fmt_t(t), "%.1f×" % x if x else "—", fmt_t(cpu) if cpu else "—", fmt_m(m))
            if name == "peer":
                pr = ratio(t, r["run --dry-run"][0])
                if pr:
                    notes.append("peer/run --dry-run %.1f× at %dk" % (pr, r["n"] // 1000))
            if name == "run --dry-run" and x:
                notes.append("run/floor %.1f× at %dk" % (x, r["n"] // 1000))
            if name in ("run --dry-run", "run", "check", "list --json") and m:
                notes.append("RSS/estate %.2f at %dk" % (m * 2**20 / r["disk"], r["n"] // 1000))
        if name == "check --base" and len([r for r in results if not r.get("large")]) >= 2:
            full = [r for r in results if not r.get("large")]
            rb = ratio(full[-1][name][0], full[0][name][0])
            notes.append("%dk/%dk = %s" % (full[-1]["n"] // 1000, full[0]["n"] // 1000,
                                           "%.2f" % rb if rb else "n/a"))
        print(row + " %s |" % "; ".join(notes))
    ncols = 1 + 4 * len(results)
    lang = "C" if o["naive"] else "Python"
    rows = [("naive (%s): per file fsync + rename + dir fsync" % lang, "naive"),
            ("batch (%s): Steward's technique, 1 syncfs + 1 dir fsync" % lang, "batch"),
            ("steward `run` (its write phase)", "steward")]
    for label, k in rows:
        print("| durable write of %d files, %s | %s |%s %s in fsync/syncfs (%s) |"
              % (w["files"], label, fmt_t(w.get("phase " + k)), " |" * (ncols - 2),
                 fmt_t(w.get("sync " + k)), w.get("calls " + k)))
    print()
    full = [r for r in results if not r.get("large")]
    big = full[-1]
    dry, fl, peer = big["run --dry-run"][0], big["floor"][0], big["peer"][0]
    print("Goals at N=%d:" % big["n"])
    if isinstance(dry, float):
        print("- run --dry-run ≤ 2× floor: %.2f× — %s" % (dry / fl, "met" if dry <= 2 * fl else "missed"))
        print("- run --dry-run ≥ 3× faster than the peer: %.2f× — %s" % (peer / dry, "met" if peer >= 3 * dry else "missed"))
    chk = big["check"][0]
    if isinstance(chk, float):
        print("- check (whole tree) ≤ 4× floor: %.2f× — %s" % (chk / fl, "met" if chk <= 4 * fl else "missed"))
    cb = [r["check --base"][0] for r in full]
    if len(cb) >= 2 and all(isinstance(x, float) for x in cb):
        print("- check --base %dk/%dk ≤ 1.5: %.2f — %s" % (full[-1]["n"] // 1000, full[0]["n"] // 1000, cb[-1] / cb[0],
                                                         "met" if cb[-1] / cb[0] <= 1.5 else "missed"))
    else:
        print("- check --base ratio: n/a")
    for name in ("run --dry-run", "run", "check", "check --base", "list --json"):
        m = big[name][1]
        if m:
            print("- peak RSS of %s < 100 MiB: %.0f MiB — %s" % (name, m, "met" if m < 100 else "missed"))
    growth = [(r["n"], r["run --dry-run"][0], r.get("cpu run --dry-run"), r["run --dry-run"][1]) for r in results
              if isinstance(r["run --dry-run"][0], float)]
    if len(growth) >= 2:
        print("- growth of run --dry-run: " + "; ".join(
            "%dk: %.1f µs wall and %.1f µs CPU per connector, %s" % (n // 1000, t / n * 1e6, (c or 0) / n * 1e6, fmt_m(m))
            for n, t, c, m in growth))
    if w.get("phase steward") and w.get("phase naive"):
        print("- batch writes amortised: %d files written durably in %.3f s by steward (%.3f s of it in syncfs + fsync) "
              "vs %.3f s naive (%.3f s in %s)"
              % (w["files"], w["phase steward"], w["sync steward"], w["phase naive"], w["sync naive"], w["calls naive"]))


if __name__ == "__main__":
    main(sys.argv)
