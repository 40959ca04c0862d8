"""Timing helpers of the benchmark (see Benchmarks/bench.py): whole-process timings by
hyperfine, peak RSS by /usr/bin/time, and the write phase read from an strace log."""
import json
import os
import subprocess
import sys

NOW = "2027-03-01T09:00:00Z"


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=isinstance(cmd, str), check=True, capture_output=True, text=True, **kw)


def q(s):
    """`s` quoted for a POSIX shell."""
    return "'" + s.replace("'", "'\\''") + "'"


class Timer:
    """Times shell command lines; remembers each one's CPU (user + sys, mean) by name."""

    def __init__(self, work, runs):
        self.work, self.runs = work, runs
        self.cpu = {}

    def hyperfine(self, name, cmd, prepare=None, cwd=None, runs=None, warmup=1):
        """Median seconds of `cmd` (a shell command line), or None when it fails."""
        out = os.path.join(self.work, "hf.json")
        args = ["hyperfine", "--style", "none", "--warmup", str(warmup), "--runs", str(runs or self.runs),
                "--export-json", out]
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

    def hyperfine_all(self, cmds, runs, warmup):
        """One hyperfine over several command lines (run without a shell, output to
        /dev/null), one after the other: for each, (every run's seconds, mean CPU seconds),
        or ([], None) for all when it fails."""
        out = os.path.join(self.work, "hf.json")
        p = subprocess.run(["hyperfine", "-N", "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
                            "--export-json", out] + cmds, capture_output=True, text=True)
        if p.returncode != 0:
            log("hyperfine failed: %s" % (p.stderr or p.stdout).strip()[-400:])
            return [([], None)] * len(cmds)
        with open(out) as f:
            return [(r["times"], r["user"] + r["system"]) for r in json.load(f)["results"]]

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
