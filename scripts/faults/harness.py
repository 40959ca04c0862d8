#!/usr/bin/env python3
"""Shared helpers for the crash test (crash.py) and the fault suite (faults.py and its
fault families): the one binary locator, option parsing, estates and their snapshots,
running steward, and the checks every case repeats (bytes unchanged, chains hold, no
temporary file left).

Binary locator (the shell scripts call it too, through scripts/faults/common.sh):
  harness.py locate [BIN]
prints two lines, the absolute steward binary and the estate generator beside it. The
binary is $STEWARD_BIN, else BIN, else .build/release/steward (from the repository root);
the generator is $STEWARD_ESTATE_GEN, else steward-estate-gen beside the binary, built with
`swift build -c release --product steward-estate-gen` when missing. Exit 2 with a message
when either cannot be found.
"""
import json
import os
import shutil
import subprocess
import sys

import check_state

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_BIN = ".build/release/steward"
NOW = "2027-03-01T09:00:00Z"
ACTOR = "lee.ops@northwind.example"


class LocateError(Exception):
    """The steward binary or the estate generator is missing; the message says which."""


# -- the binary locator -----------------------------------------------------------------
def locate(bin_arg=None, build_gen=True):
    """(steward, generator), both absolute: $STEWARD_BIN, else bin_arg, else
    .build/release/steward under the repository root; the generator is
    $STEWARD_ESTATE_GEN, else the one beside the binary (built when missing)."""
    chosen = os.environ.get("STEWARD_BIN") or bin_arg or os.path.join(REPO, DEFAULT_BIN)
    steward = os.path.abspath(chosen)
    if not (os.path.isfile(steward) and os.access(steward, os.X_OK)):
        raise LocateError("%s is not an executable (run 'make release' first)" % chosen)
    gen = os.environ.get("STEWARD_ESTATE_GEN") or os.path.join(os.path.dirname(steward), "steward-estate-gen")
    if not os.access(gen, os.X_OK) and build_gen:
        scratch = os.path.dirname(os.path.dirname(steward))
        print("building steward-estate-gen in %s" % scratch, file=sys.stderr)
        subprocess.run(["swift", "build", "-c", "release", "--product", "steward-estate-gen", "--scratch-path",
                        scratch], cwd=REPO, stdout=sys.stderr)
    if not os.access(gen, os.X_OK):
        raise LocateError("no steward-estate-gen beside %s" % steward)
    return steward, os.path.abspath(gen)


def parse_opts(argv, defaults, prog):
    """`--name value` pairs over `defaults` (unknown names are refused); the steward
    binary and generator filled in by locate() when not given."""
    opts = dict(defaults)
    i = 1
    while i < len(argv):
        k = argv[i].lstrip("-")
        if k not in opts or i + 1 >= len(argv):
            sys.exit("%s: unknown option or missing value: %s" % (prog, argv[i]))
        opts[k] = argv[i + 1]
        i += 2
    if not opts.get("bin") or not opts.get("gen"):
        try:
            opts["bin"], gen = locate(opts.get("bin"))
        except LocateError as e:
            sys.exit("%s: %s" % (prog, e))
        opts["gen"] = opts.get("gen") or gen
    return opts


# -- estates and snapshots --------------------------------------------------------------
def copy(src, dst):
    if os.path.exists(dst):
        shutil.rmtree(dst)
    subprocess.run(["cp", "-a", src, dst], check=True)


def generate(gen, root, count, seed, now, due):
    subprocess.run([gen, "--root", root, "--count", str(count), "--seed", str(seed), "--now", now,
                    "--due-fraction", str(due), "--quiet"], check=True)


def snapshot(root):
    """Non-dot files of root/State (or of root itself when it is a State directory)."""
    state = os.path.join(root, "State") if os.path.isdir(os.path.join(root, "State")) else root
    out = {}
    for n in os.listdir(state):
        if n.startswith("."):
            continue
        p = os.path.join(state, n)
        if os.path.islink(p):
            out[n] = ("link", os.readlink(p))
        elif os.path.isfile(p):
            if os.path.getsize(p) > 4 << 20:
                out[n] = ("big", os.path.getsize(p))
            else:
                with open(p, "rb") as f:
                    out[n] = f.read()
    return out


def temporaries(root):
    """Temporary files (.NAME.tmp-*) left in root/State (or root, a State directory)."""
    state = os.path.join(root, "State") if os.path.isdir(os.path.join(root, "State")) else root
    return sorted(n for n in os.listdir(state) if n.startswith(".") and ".tmp" in n)


def diff_names(a, b):
    return sorted(set(a) ^ set(b)) + sorted(n for n in a if n in b and a[n] != b[n])


def sound(root, old=None, new=None):
    """Problems: files that do not parse or whose chain breaks, and, with old/new
    snapshots, files that are neither the old nor the new bytes."""
    problems = []
    for n, raw in sorted(snapshot(root).items()):
        if not isinstance(raw, bytes) or not n.endswith(".json"):
            continue
        problems += check_state.check_bytes(n, raw)
        if old is not None and raw != old.get(n) and raw != (new or {}).get(n):
            problems.append("%s is neither the old nor the new bytes" % n)
    if old is not None:
        problems += ["%s lost" % n for n in old if n not in snapshot(root)]
    return problems


def due_ids(before, after):
    return sorted(n for n in after if before.get(n) != after[n])


# -- documents and text -----------------------------------------------------------------
def short(text, n=160):
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "..."


def dump(doc):
    return (json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def rechain(doc):
    prev = "0" * 64
    for e in doc["history"]:
        e["prev"] = prev
        e["hash"] = check_state.event_hash(e)
        prev = e["hash"]
    return doc


# -- tools ------------------------------------------------------------------------------
def have(tool):
    return shutil.which(tool) is not None


def namespace_prefix():
    """unshare for a private mount namespace: plain -m as root, -Urm otherwise."""
    if not have("unshare"):
        return None
    base = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-Urm"]
    if subprocess.run(base + ["true"], capture_output=True).returncode != 0:
        return None
    return base


def steward_env(extra=None):
    """The environment steward runs in: this one, without STEWARD_NOW, acting as ACTOR."""
    e = dict(os.environ)
    e.pop("STEWARD_NOW", None)
    e["STEWARD_ACTOR"] = ACTOR
    if extra:
        e.update(extra)
    return e


def read_results(res):
    """A reader of the files a shell script left in the folder res."""
    def rd(name):
        with open(os.path.join(res, name)) as f:
            return f.read()
    return rd


class Suite:
    """Counts and prints the results of the fault cases, and hands out estates."""

    def __init__(self, bin_, gen, work):
        self.bin, self.gen, self.work = bin_, gen, work
        self.passed = self.failed = 0
        self.refs = {}

    # -- reporting ---------------------------------------------------------------------
    def result(self, ok, name, must, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        line = "%s %s: %s" % ("PASS" if ok else "FAIL", name, must)
        if detail:
            line += " -- " + detail
        print(line, flush=True)

    @staticmethod
    def note(text):
        print("NOTE " + text, flush=True)

    # -- estates -----------------------------------------------------------------------
    def estate(self, name, count, due, seed=77, now=NOW):
        """A pristine generated estate (cached) and its reference after one clean run."""
        key = (count, due, seed, now)
        if key not in self.refs:
            root = os.path.join(self.work, "pristine-%d-%s-%d" % (count, due, seed))
            if os.path.exists(root):
                shutil.rmtree(root)
            generate(self.gen, root, count, seed, now, due)
            scratch = os.path.join(self.work, "ref-scratch")
            copy(root, scratch)
            p = self.steward("run", "--root", scratch, "--now", now)
            if p.returncode != 0:
                raise SystemExit("reference run failed: " + p.stderr)
            self.refs[key] = (root, snapshot(root), snapshot(scratch))
            shutil.rmtree(scratch)
        root, before, after = self.refs[key]
        dest = os.path.join(self.work, name)
        copy(root, dest)
        return dest, before, after

    def steward(self, *args, env=None, timeout=600, prefix=()):
        return subprocess.run(list(prefix) + [self.bin] + list(args), capture_output=True, text=True,
                              env=steward_env(env), timeout=timeout)


def main(argv):
    if len(argv) >= 2 and argv[1] == "locate" and len(argv) <= 3:
        try:
            steward, gen = locate(argv[2] if len(argv) == 3 and argv[2] else None)
        except LocateError as e:
            print(e, file=sys.stderr)
            return 2
        print(steward)
        print(gen)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
