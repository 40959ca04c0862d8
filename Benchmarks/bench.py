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
APPROVER = "priya.natarajan@northwind.example"


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=isinstance(cmd, str), check=True, capture_output=True, text=True, **kw)


def q(s):
    return "'" + s.replace("'", "'\\''") + "'"


class Bench:
    def __init__(self, bin_, gen, work, runs):
        self.bin, self.gen, self.work, self.runs = bin_, gen, work, runs
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

    def size(self, n):
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
        for i in active:
            p = subprocess.run([self.bin, "recertify", i, "--root", root, "--now", NOW, "--as", APPROVER,
                                "--note", "benchmark recertification"], capture_output=True, text=True)
            if p.returncode != 0:
                log("recertify %s failed: %s" % (i, p.stderr.strip()))
                return (None, None)
        penv = dict(env, GIT_AUTHOR_EMAIL=APPROVER, GIT_COMMITTER_EMAIL=APPROVER, GIT_AUTHOR_DATE=NOW,
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
        for mode in ("naive", "batch"):
            times = []
            for i in range(self.runs + 1):
                subprocess.run(restore, shell=True, check=True)
                p = sh(["python3", os.path.join(HERE, "naive_write.py"), mode, st, new])
                if i:
                    times.append(float(p.stdout.strip()))
            out[mode] = statistics.median(times)
            log("%d files, python %s: median %.3f s" % (len(ids), mode, out[mode]))
        B = q(self.bin)
        run = self.hyperfine("run, %d files change" % len(ids), "%s run --root %s --now %s > /dev/null" % (B, q(root), NOW),
                             prepare=restore)
        dry = self.hyperfine("run --dry-run, same estate", "%s run --root %s --now %s --dry-run > /dev/null" % (B, q(root), NOW),
                             prepare=restore)
        out["steward"] = (run - dry) if run is not None and dry is not None else None
        out["run"], out["dry"] = run, dry
        return out


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
    if t == "n/a":
        return "n/a"
    return "%.3f s" % t if t < 10 else "%.1f s" % t


def fmt_m(m):
    return "—" if m is None else "%.0f MiB" % m


def main(argv):
    o = {"bin": None, "gen": None, "work": None, "sizes": "10000,100000", "runs": "5"}
    i = 1
    while i < len(argv):
        o[argv[i].lstrip("-")] = argv[i + 1]
        i += 2
    b = Bench(o["bin"], o["gen"], o["work"], int(o["runs"]))
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
        if name == "check --base" and len(results) >= 2:
            rb = ratio(results[-1][name][0], results[0][name][0])
            notes.append("%dk/%dk = %s" % (results[-1]["n"] // 1000, results[0]["n"] // 1000,
                                           "%.2f" % rb if rb else "n/a"))
        print(row + " %s |" % "; ".join(notes))
    ncols = 1 + 4 * len(results)
    for label, val in (("durable write of %d files: naive (fsync + dir fsync per file, Python)" % w["files"], w["naive"]),
                       ("durable write of %d files: batch technique in Python (syncfs + 1 dir fsync)" % w["files"], w["batch"]),
                       ("durable write of %d files: steward `run` − `run --dry-run` (10k estate)" % w["files"], w["steward"])):
        print("| %s | %s |%s %s |" % (label, fmt_t(val), " |" * (ncols - 2),
                                      "naive/steward %.1f×" % (w["naive"] / val) if val and label.find("steward") >= 0 else ""))
    print()
    big = results[-1]
    dry, fl, peer = big["run --dry-run"][0], big["floor"][0], big["peer"][0]
    print("Goals at N=%d:" % big["n"])
    if isinstance(dry, float):
        print("- run --dry-run ≤ 3× floor: %.2f× — %s" % (dry / fl, "met" if dry <= 3 * fl else "missed by %.0f%%" % ((dry / (3 * fl) - 1) * 100)))
        print("- run --dry-run ≥ 3× faster than the peer: %.1f× — %s" % (peer / dry, "met" if peer >= 3 * dry else "missed"))
    cb = [r["check --base"][0] for r in results]
    if len(cb) >= 2 and all(isinstance(x, float) for x in cb):
        print("- check --base %dk/%dk ≤ 1.5: %.2f — %s" % (results[-1]["n"] // 1000, results[0]["n"] // 1000, cb[-1] / cb[0],
                                                         "met" if cb[-1] / cb[0] <= 1.5 else "missed"))
    else:
        print("- check --base ratio: n/a")
    for name in ("run --dry-run", "run", "check", "list --json"):
        m = big[name][1]
        if m:
            print("- peak RSS of %s ≤ estate on disk (%.0f MiB): %.0f MiB — %s" % (name, big["disk"] / 2**20, m,
                  "met" if m * 2**20 <= big["disk"] else "missed by %.0f%%" % ((m * 2**20 / big["disk"] - 1) * 100)))
    if w["steward"]:
        print("- batch writes amortised: %d files in %.3f s with steward vs %.3f s naive (%.1f× less)"
              % (w["files"], w["steward"], w["naive"], w["naive"] / w["steward"]))


if __name__ == "__main__":
    main(sys.argv)
