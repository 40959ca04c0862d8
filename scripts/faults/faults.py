#!/usr/bin/env python3
"""Fault suite for Steward (driven by scripts/test-faults.sh).

  faults.py --bin STEWARD --gen GENERATOR --work DIR [--kills 50] [--only GROUP,...]

Groups: crash, diskfull, io, concurrency, readonly, badinput, clock. Every case says what
must hold, checks it from the outside (snapshots of State/ compared byte for byte, every
file re-parsed and its hash chain recomputed by check_state.py), and prints one line
starting with PASS or FAIL (NOTE lines report behaviour worth knowing that the case does
not judge). The last line is `N passed, M failed`.
"""
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_state  # noqa: E402

NOW = "2027-03-01T09:00:00Z"
ACTOR = "lee.ops@northwind.example"


class Suite:
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
            subprocess.run([self.gen, "--root", root, "--count", str(count), "--seed", str(seed), "--now", now,
                            "--due-fraction", str(due), "--quiet"], check=True)
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
        e = dict(os.environ)
        e.pop("STEWARD_NOW", None)
        e["STEWARD_ACTOR"] = ACTOR
        if env:
            e.update(env)
        return subprocess.run(list(prefix) + [self.bin] + list(args), capture_output=True, text=True, env=e,
                              timeout=timeout)


# -- helpers ---------------------------------------------------------------------------
def copy(src, dst):
    if os.path.exists(dst):
        shutil.rmtree(dst)
    subprocess.run(["cp", "-a", src, dst], check=True)


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
    return sorted(n for n in os.listdir(os.path.join(root, "State")) if n.startswith(".") and ".tmp" in n)


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


def namespace_prefix():
    """unshare for a private mount namespace: plain -m as root, -Urm otherwise."""
    if shutil.which("unshare") is None:
        return None
    base = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-Urm"]
    if subprocess.run(base + ["true"], capture_output=True).returncode != 0:
        return None
    return base


# -- groups ----------------------------------------------------------------------------
def group_crash(s, kills):
    work = os.path.join(s.work, "crash")
    os.makedirs(work, exist_ok=True)
    p = subprocess.Popen([sys.executable, os.path.join(HERE, "crash.py"), "--bin", s.bin, "--gen", s.gen,
                          "--count", "2000", "--kills", str(kills), "--due", "0.5", "--work", work,
                          "--prefix", "crash", "--seed", os.environ.get("CRASH_SEED", str(int(time.time()) % 100000))],
                         stdout=subprocess.PIPE, text=True)
    last = ""
    for line in p.stdout:
        line = line.rstrip("\n")
        if re.match(r"^\d+ passed, \d+ failed$", line):
            last = line
            continue
        if line.startswith("PASS"):
            s.passed += 1
        elif line.startswith("FAIL"):
            s.failed += 1
        print(line, flush=True)
    p.wait()
    if not last:
        s.result(False, "crash", "the crash driver runs to the end", "exit %d" % p.returncode)
    shutil.rmtree(work, ignore_errors=True)


def group_diskfull(s):
    ns = namespace_prefix()
    root, before, after = s.estate("diskfull-src", 40, 0.25)
    out = os.path.join(s.work, "diskfull")
    os.makedirs(out, exist_ok=True)
    if ns is None:
        s.result(False, "disk full (tmpfs)", "unshare -m / -Urm is available to mount a small tmpfs", "unshare failed")
    else:
        for label, leave in (("no space at all", "0"), ("64 KiB free (some temporary files fit)", "64K")):
            mnt = os.path.join(out, "mnt")
            os.makedirs(mnt, exist_ok=True)
            res = os.path.join(out, "res")
            shutil.rmtree(res, ignore_errors=True)
            os.makedirs(res)
            script = r'''
set -u
mount -t tmpfs -o size=4m tmpfs "$MNT" || exit 90
cp -a "$SRC" "$MNT/e" || exit 91
dd if=/dev/zero of="$MNT/filler" bs=4096 2>/dev/null
[ "$LEAVE" = 0 ] || truncate -s -"$LEAVE" "$MNT/filler"
"$BIN" run --root "$MNT/e" --now "$NOW" > "$RES/out1" 2> "$RES/err1"; echo $? > "$RES/rc1"
cp -a "$MNT/e/State" "$RES/State1"
ls -a "$MNT/e/State" > "$RES/ls1"
rm -f "$MNT/filler"
"$BIN" run --root "$MNT/e" --now "$NOW" > "$RES/out2" 2> "$RES/err2"; echo $? > "$RES/rc2"
cp -a "$MNT/e/State" "$RES/State2"
ls -a "$MNT/e/State" > "$RES/ls2"
'''
            env = dict(os.environ, MNT=mnt, SRC=root, LEAVE=leave, BIN=s.bin, NOW=NOW, RES=res,
                       STEWARD_ACTOR=ACTOR)
            p = subprocess.run(ns + ["bash", "-c", script], capture_output=True, text=True, env=env)
            if p.returncode in (90, 91) or not os.path.exists(os.path.join(res, "rc1")):
                s.result(False, "disk full (%s)" % label, "a small tmpfs can be mounted", short(p.stderr))
                continue
            rd = lambda n: open(os.path.join(res, n)).read()
            rc1, err1, out1 = int(rd("rc1")), rd("err1"), rd("out1")
            s1, s2 = snapshot(os.path.join(res, "State1")), snapshot(os.path.join(res, "State2"))
            temps1 = [n for n in rd("ls1").split() if ".tmp" in n]
            temps2 = [n for n in rd("ls2").split() if ".tmp" in n]
            ok = (rc1 != 0 and "No space left on device" in err1 and err1.startswith("steward: error:")
                  and "transitions" not in out1 and s1 == before and not temps1)
            s.result(ok, "disk full (%s)" % label,
                     "run fails with a clear error, exit != 0, nothing printed as success, State/ byte-identical, "
                     "no temporary file left",
                     "exit %d, stderr: %s; stdout %d bytes; %d files changed; %d temporary"
                     % (rc1, short(err1), len(out1), len(diff_names(s1, before)), len(temps1)))
            ok2 = int(rd("rc2")) == 0 and s2 == after and not temps2
            s.result(ok2, "disk full (%s) then space freed" % label,
                     "the next run succeeds and gives the reference bytes",
                     "exit %s, %d files differ from the reference" % (rd("rc2").strip(), len(diff_names(s2, after))))
    # ulimit -f: the kernel sends SIGXFSZ when a write crosses the limit.
    dest, before, after = s.estate("ulimit", 40, 0.25)
    p = subprocess.run(["bash", "-c", 'ulimit -f 2; exec "$0" run --root "$1" --now "$2"', s.bin, dest, NOW],
                       capture_output=True, text=True, env=dict(os.environ, STEWARD_ACTOR=ACTOR))
    now_state = snapshot(dest)
    ok = p.returncode != 0 and now_state == before and "transitions" not in p.stdout
    how = ("killed by SIGXFSZ (exit %d), no message from steward" % p.returncode if p.returncode in (-25, 153)
           else "exit %d, stderr: %s" % (p.returncode, short(p.stderr)))
    s.result(ok, "file size limit (ulimit -f 2)", "run fails, nothing printed as success, State/ byte-identical", how)
    if p.returncode in (-25, 153):
        s.note("under ulimit -f steward dies of SIGXFSZ without a message of its own; ignoring SIGXFSZ would turn it "
               "into EFBIG and the usual 'cannot write State/...: File too large; nothing was changed'")
    p2 = s.steward("run", "--root", dest, "--now", NOW)
    ok = p2.returncode == 0 and snapshot(dest) == after and not temporaries(dest)
    s.result(ok, "file size limit, then lifted", "the next run finishes the work and removes the stray temporary file",
             "exit %d" % p2.returncode)


def group_io(s):
    if shutil.which("strace") is None:
        s.result(False, "I/O errors", "strace is installed (CI installs it)", "strace missing")
        return

    def inject(name, estate_args, spec, must, expect_rc, expect_err, mode, trace_path=None):
        dest, before, after = s.estate("io", *estate_args)
        cmd = ["strace", "-f", "-o", "/dev/null"]
        if trace_path:
            cmd += ["-P", os.path.join(dest, trace_path)]
        cmd += ["-e", "inject=" + spec]
        p = s.steward("run", "--root", dest, "--now", NOW, "--format", "json" if trace_path else "text", prefix=cmd)
        got = snapshot(dest)
        temps = temporaries(dest)
        problems = sound(dest, old=before, new=after)
        ok = p.returncode == expect_rc and re.search(expect_err, p.stderr + p.stdout) is not None and not problems and not temps
        if mode == "intact":
            ok = ok and got == before
        elif mode == "others-done":
            victim = trace_path.split("/", 1)[1]
            ok = ok and got.get(victim) == before.get(victim) and all(got[n] == after[n] for n in after if n != victim)
        changed = len(diff_names(got, before))
        s.result(ok, name, must, "exit %d, %s; %d file(s) changed, %d temporary, %d problem(s)%s"
                 % (p.returncode, short(p.stderr or p.stdout, 200), changed, len(temps), len(problems),
                    (": " + problems[0]) if problems else ""))
        if mode in ("partial", "renamed"):
            p2 = s.steward("run", "--root", dest, "--now", NOW)
            ok2 = p2.returncode == 0 and snapshot(dest) == after and not temporaries(dest)
            s.result(ok2, name + ", then rerun", "the next run finishes the work: State/ equals the reference",
                     "exit %d" % p2.returncode)

    big, tiny = (40, 0.25), (40, 0.1)
    inject("syncfs EIO (batch of 10)", big, "syncfs:error=EIO",
           "exit 1, 'cannot flush State/', nothing changed, temporaries removed", 1, r"cannot flush State/ to disk: Input/output error; nothing was changed", "intact")
    inject("fsync EIO (4 files, one fsync each)", tiny, "fsync:error=EIO",
           "exit 1, error names the file, nothing changed", 1, r"cannot write State/[a-z0-9-]+\.json: Input/output error; nothing was changed", "intact")
    inject("fsync EIO on the directory after the renames (batch of 10)", big, "fsync:error=EIO",
           "exit 1 with 'may not survive a power loss'; every file old or new, chains hold (the renames were done)",
           1, r"cannot flush the directory State/ to disk: Input/output error; the new files may not survive", "renamed")
    inject("rename EROFS (first rename)", big, "renameat:error=EROFS",
           "exit 1, names the file, 'nothing was changed', State/ byte-identical", 1, r"cannot replace State/[a-z0-9-]+\.json: Read-only file system; nothing was changed", "intact")
    inject("rename EROFS (first rename, 4 files)", tiny, "renameat:error=EROFS",
           "exit 1, 'nothing was changed', State/ byte-identical", 1, r"Read-only file system; nothing was changed", "intact")
    inject("rename EROFS at the 3rd rename", big, "renameat:error=EROFS:when=3",
           "exit 1, says 2 files were replaced and to run again; every file old or new", 1, r"2 file\(s\) before it were replaced .*run again to finish", "partial")
    inject("write ENOSPC (3rd write)", big, "write:error=ENOSPC:when=3",
           "exit 1, 'No space left on device', nothing changed", 1, r"No space left on device; nothing was changed", "intact")
    dest, before, after = s.estate("io-probe", 40, 0.25)
    victim = due_ids(before, after)[0]
    inject("read EIO on one connector file", big, "openat:error=EIO",
           "exit 4, the error names that file, every other due connector is still done", 4,
           re.escape("State/" + victim), "others-done", trace_path="State/" + victim)


def group_concurrency(s):
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

    env = dict(os.environ, STEWARD_ACTOR=ACTOR)
    env.pop("STEWARD_NOW", None)
    new_args = ["new", "zz-concurrent-new", "--system", "github", "--purpose", "Posts build results to chat",
                "--business-owner", "dana.ops@northwind.example", "--technical-owner", ACTOR, "--scope", "checks:write",
                "--secret-ref", "vault://kv/integrations/zz-concurrent-new"]

    def start(args):
        return subprocess.Popen([s.bin] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)

    for attempt in range(3):
        dest, before, after = s.estate("concurrency", 2000, 0.5)
        a = start(["run", "--root", dest, "--now", NOW])
        t0 = time.monotonic()
        while not lock_held(dest) and a.poll() is None and time.monotonic() - t0 < 10:
            time.sleep(0.001)
        if a.poll() is not None:
            a.communicate()
            continue
        b = start(["run", "--root", dest, "--now", NOW])
        n = start(new_args + ["--root", dest, "--now", NOW])
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
        break
    else:
        s.result(False, "concurrency without --wait", "the first run is seen holding the lock", "it finished too fast")

    for attempt in range(3):
        dest, before, after = s.estate("concurrency", 2000, 0.5)
        a = start(["run", "--root", dest, "--now", NOW])
        t0 = time.monotonic()
        while not lock_held(dest) and a.poll() is None and time.monotonic() - t0 < 10:
            time.sleep(0.001)
        if a.poll() is not None:
            a.communicate()
            continue
        b = start(["run", "--root", dest, "--now", NOW, "--wait", "120", "--format", "json"])
        n = start(new_args + ["--root", dest, "--now", NOW, "--wait", "120"])
        n2 = start(new_args + ["--root", dest, "--now", NOW, "--wait", "120"])
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
        break
    else:
        s.result(False, "concurrency with --wait", "the first run is seen holding the lock", "it finished too fast")

    # A reader during a write: dry-run takes no lock and must see each file old or new.
    dest, before, after = s.estate("concurrency", 2000, 0.5)
    a = start(["run", "--root", dest, "--now", NOW])
    t0 = time.monotonic()
    while not lock_held(dest) and a.poll() is None and time.monotonic() - t0 < 10:
        time.sleep(0.001)
    d = s.steward("check", "--root", dest, "--now", NOW)
    a.communicate()
    s.result(d.returncode == 0 and a.returncode == 0, "check while a run writes",
             "a reader never sees a half-written file: check over the tree passes while run renames",
             "check exit %d %s" % (d.returncode, short(d.stdout[-150:])))


def group_readonly(s):
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
    rd = lambda n: open(os.path.join(res, n)).read()
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


def group_badinput(s):
    base, before, after = s.estate("bad-probe", 40, 0.25)
    due = due_ids(before, after)
    victim = due[0]  # a connector with a timer due at NOW
    vid = victim[:-5]
    raw = before[victim]
    doc = json.loads(raw)
    nondue = sorted(n for n in before if n not in due and json.loads(before[n])["state"] == "active")[0]

    def mutate_field(fn):
        o = json.loads(raw)
        fn(o)
        return dump(o)

    def version_text(value):
        return re.sub(rb'"version": \d+', b'"version": ' + value, raw, count=1)

    deep = b"[" * 100000 + b"]" * 100000
    hist = json.loads(raw)
    hist["history"][1]["note"] = "PLACEHOLDER"
    deep_doc = dump(hist).replace(b'"PLACEHOLDER"', deep, 1)

    def reorder(o):
        h = o["history"]
        h[1], h[2] = h[2], h[1]

    # (name, file, bytes or action, expected run exit, regex the error must match)
    file_cases = [
        ("truncated JSON", victim, raw[: len(raw) // 2], r"unterminated|unexpected end|syntax"),
        ("duplicate keys", victim, raw.replace(b'{\n  "due"', b'{\n  "id": "' + vid.encode() + b'",\n  "due"', 1), r"duplicate key"),
        ("unknown state", victim, mutate_field(lambda o: o.__setitem__("state", "paused")), r"state"),
        ("unknown field", victim, mutate_field(lambda o: o.__setitem__("colour", "blue")), r"colour"),
        ("version goes back", victim, mutate_field(lambda o: o.__setitem__("version", o["version"] - 1)), r"version"),
        ("version skips", victim, mutate_field(lambda o: o.__setitem__("version", o["version"] + 1)), r"version"),
        ("edited history", victim, mutate_field(lambda o: o["history"][0].__setitem__("note", "edited later")), r"hash"),
        ("reordered history", victim, mutate_field(reorder), r"seq|reorder|chain"),
        ("non-UTF-8 bytes", victim, raw.replace(b'"note": "', b'"note": "\xff\xfe', 1), r"UTF-8"),
        ("byte order mark", victim, b"\xef\xbb\xbf" + raw, r"byte order mark"),
        ("empty file", victim, b"", r"empty"),
        ("100 MB file", victim, "BIG", r"over the limit|too-large"),
        ("nesting 100,000 deep", victim, deep_doc, r"nested|deep"),
        ("1.5 as version", victim, version_text(b"1.5"), r"integer"),
        ("1e999 as version", victim, version_text(b"1e999"), r"integer"),
        ("2^63 as version", victim, version_text(b"9223372036854775808"), r"integer"),
        ("id ../x inside the file", victim, mutate_field(lambda o: o.__setitem__("id", "../x")), r"\.\./x"),
        ("id /abs/path inside the file", victim, mutate_field(lambda o: o.__setitem__("id", "/abs/path")), r"/abs/path"),
        ("trailing data after the object", victim, raw + b"{}", r"after the top-level value|syntax"),
        ("NUL byte in a string", victim, raw.replace(b'"note": "', b'"note": "\x00', 1), r"control"),
        ("lone surrogate escape", victim, raw.replace(b'"note": "', b'"note": "\\ud800', 1), r"surrogate"),
        ("schema 2", victim, mutate_field(lambda o: o.__setitem__("schema", 2)), r"schema"),
        ("case-only twin (Crm-sync style)", vid.capitalize() + ".json", raw, r"not a connector file"),
        ("Unicode look-alike id (U+2010 hyphen)", vid.replace("-", "\u2010", 1) + ".json", raw, r"not a connector file"),
        ("symlinked file", "zz-link.json", ("symlink", victim), r"symbolic link"),
        ("symlink to /etc/passwd", "zz-passwd.json", ("symlink", "/etc/passwd"), r"symbolic link"),
        ("hard link", victim, ("hardlink",), r"hard link"),
        ("file that is not <id>.json", "notes.txt", b"hello\n", r"not a connector file"),
    ]
    for name, fname, content, pattern in file_cases:
        dest = os.path.join(s.work, "bad")
        copy(base, dest)
        path = os.path.join(dest, "State", fname)
        extra_link = None
        if content == "BIG":
            with open(path, "wb") as f:
                f.write(b'{"pad": "')
                f.truncate(100 << 20)
                f.seek(0, 2)
                f.write(b'"}\n')
        elif isinstance(content, tuple) and content[0] == "symlink":
            target = content[1] if content[1].startswith("/") else content[1]
            os.symlink(target, path)
        elif isinstance(content, tuple) and content[0] == "hardlink":
            extra_link = os.path.join(s.work, "hardlink-elsewhere.json")
            if os.path.exists(extra_link):
                os.unlink(extra_link)
            os.link(path, extra_link)
        else:
            with open(path, "wb") as f:
                f.write(content)
        planted = snapshot(dest)
        p = s.steward("run", "--root", dest, "--now", NOW, "--format", "json")
        got = snapshot(dest)
        try:
            report = json.loads(p.stdout)
            errs = [e for e in report.get("errors", []) if e.get("file") == "State/" + fname]
        except ValueError:
            report, errs = None, []
        msg = errs[0]["message"] if errs else (p.stderr.strip() or "no error reported for State/%s%s" % (
            fname, "; the file was left as it is and treated as valid" if got.get(fname) == planted.get(fname) else ""))
        # Every other connector is processed exactly as in the clean run; the bad file is untouched.
        expected = dict(after)
        if fname in planted:
            expected[fname] = planted[fname]
        if fname == victim:
            expected[victim] = planted[victim]
        ok_run = (p.returncode == 4 and bool(errs) and re.search(pattern, msg, re.I) is not None
                  and got == expected and not temporaries(dest))
        c = s.steward("check", "--root", dest, "--now", NOW)
        ok_check = c.returncode == 1 and ("State/" + fname) in c.stdout
        s.result(ok_run and ok_check, "bad input: " + name,
                 "run exits 4 naming State/%s, does every other connector, leaves it untouched; check exits 1 naming it"
                 % (fname if len(fname) < 40 else fname[:37] + "..."),
                 "run %d: %s | check %d" % (p.returncode, short(msg, 150), c.returncode))
        if extra_link:
            os.unlink(extra_link)

    # Ids on the command line: exit 2, the message quotes the id.
    dest = os.path.join(s.work, "bad")
    copy(base, dest)
    for name, args in (("id ../x on the command line", ["show", "../x"]),
                       ("id /abs/path on the command line", ["show", "/abs/path"]),
                       ("case-only twin on the command line", ["new", "Crm-sync", "--system", "salesforce", "--purpose", "p",
                                                               "--business-owner", "a@northwind.example", "--technical-owner", ACTOR]),
                       ("look-alike id on the command line", ["new", "crm\u2010sync", "--system", "salesforce", "--purpose", "p",
                                                              "--business-owner", "a@northwind.example", "--technical-owner", ACTOR]),
                       ("id ../x to a mutating command", ["approve", "../x"])):
        p = s.steward(*args, "--root", dest, "--now", NOW)
        ok = p.returncode == 2 and args[1] in p.stderr and p.stderr.startswith("steward: error:") and snapshot(dest) == before
        s.result(ok, "bad input: " + name, "exit 2 quoting the id, nothing written", "exit %d: %s" % (p.returncode, short(p.stderr)))

    # A symlinked State/ directory.
    dest = os.path.join(s.work, "bad")
    copy(base, dest)
    os.rename(os.path.join(dest, "State"), os.path.join(dest, "RealState"))
    os.symlink("RealState", os.path.join(dest, "State"))
    p = s.steward("run", "--root", dest, "--now", NOW)
    ok = p.returncode in (2, 4) and "State/" in p.stderr and snapshot(os.path.join(dest, "RealState")) == before
    s.result(ok, "bad input: symlinked State/ directory", "refused (exit 2 or 4) naming State/, nothing written",
             "exit %d: %s" % (p.returncode, short(p.stderr)))
    if ok and "link" not in p.stderr:
        s.note("a symlinked State/ is refused as 'not a governance repository: it needs State/ and Workflows/' (exit 2); "
               "the message does not say that State/ is a symbolic link")

    # Workflow with an unreachable state.
    dest = os.path.join(s.work, "bad")
    copy(base, dest)
    wf = json.load(open(os.path.join(dest, "Workflows", "standard.json")))
    wf["name"] = "x"
    wf["states"].append("limbo")
    with open(os.path.join(dest, "Workflows", "x.json"), "w") as f:
        json.dump(wf, f, indent=2)
    p = s.steward("run", "--root", dest, "--now", NOW)
    c = s.steward("check", "--root", dest, "--now", NOW)
    ok = p.returncode == 4 and "Workflows/x.json" in p.stdout + p.stderr and snapshot(dest) == after \
        and c.returncode == 1 and "Workflows/x.json" in c.stdout
    s.result(ok, "bad input: workflow with an unreachable state",
             "run exits 4 naming Workflows/x.json, and every connector of a sound workflow is still processed "
             "(x.json costs only its own connectors); check exits 1 naming it",
             "run %d: %s | check %d" % (p.returncode, short(p.stdout + p.stderr), c.returncode))

    # Template with an unknown placeholder: it costs only its tickets (built-in rendering),
    # run --outbox reports it and exits 4, the transitions are written; check refuses it.
    dest = os.path.join(s.work, "bad")
    copy(base, dest)
    with open(os.path.join(dest, "Templates", "notify-owners.md"), "a") as f:
        f.write("\nSee {{nonexistentField}}\n")
    outbox = os.path.join(s.work, "outbox")
    shutil.rmtree(outbox, ignore_errors=True)
    p = s.steward("run", "--root", dest, "--now", NOW, "--outbox", outbox)
    c = s.steward("check", "--root", dest, "--now", NOW)
    got = snapshot(dest)
    state_done = all(got[n] == after[n] for n in after)
    ok = p.returncode == 4 and "Templates/notify-owners.md" in p.stdout + p.stderr and state_done \
        and os.path.isdir(outbox) and bool(os.listdir(outbox)) \
        and c.returncode == 1 and "Templates/notify-owners.md" in c.stdout
    s.result(ok, "bad input: template with an unknown placeholder",
             "run --outbox exits 4 naming the template, still writes every transition and every ticket (built-in "
             "rendering for that kind); check exits 1 naming it",
             "run %d: %s | check %d" % (p.returncode, short(p.stdout + p.stderr), c.returncode))

    # Future-dated event: an amend dated after NOW, made through steward itself.
    dest = os.path.join(s.work, "bad")
    copy(base, dest)
    p0 = s.steward("amend", vid, "--purpose", "Dated in the future", "--root", dest, "--now", "2027-06-01T00:00:00Z")
    planted = snapshot(dest)
    p = s.steward("run", "--root", dest, "--now", NOW, "--format", "json")
    got = snapshot(dest)
    c = s.steward("check", "--root", dest, "--now", NOW)
    others_done = all(got[n] == after[n] for n in after if n != victim)
    try:
        rep = json.loads(p.stdout)
        mentioned = any(vid in json.dumps(x) and "future-event" in json.dumps(x) for x in rep.get("errors", []))
    except ValueError:
        mentioned = False
    ok = p0.returncode == 0 and got[victim] == planted[victim] and others_done and c.returncode in (0, 1) \
        and p.returncode == 4 and mentioned
    s.result(ok, "bad input: event dated after --now",
             "run reports the connector under errors (rule future-event, exit 4) and leaves it as it is, every other "
             "connector is done; check passes or flags it",
             "run %d (connector %s), check %d" % (p.returncode, "reported" if mentioned else "skipped silently",
                                                 c.returncode))
    if not mentioned:
        s.note("a connector whose last event is dated after NOW is skipped by run without a word (exit %d), and check "
               "exits %d: its due review at NOW does not happen until the clock passes the future event"
               % (p.returncode, c.returncode))

    # Tampered projection: `due` pushed out by hand on a connector whose review is due now.
    # docs/DECISIONS.md ("The runner never trusts the stored projection"): run replays every
    # connector, so the edit is reported, not obeyed; check (the PR gate) flags it too.
    dest = os.path.join(s.work, "bad")
    copy(base, dest)
    o = json.loads(raw)
    o["due"].update({"review": "2031-01-01T00:00:00Z", "rotation": "2031-01-01T00:00:00Z", "approval": None})
    with open(os.path.join(dest, "State", victim), "wb") as f:
        f.write(dump(o))
    planted = snapshot(dest)
    p = s.steward("run", "--root", dest, "--now", NOW, "--format", "json")
    got = snapshot(dest)
    c = s.steward("check", "--root", dest, "--now", NOW)
    try:
        errs = [e for e in json.loads(p.stdout).get("errors", []) if e.get("file") == "State/" + victim]
    except ValueError:
        errs = []
    others_done = all(got[n] == after[n] for n in after if n != victim)
    s.result(p.returncode == 4 and bool(errs) and c.returncode == 1 and ("State/" + victim) in c.stdout
             and got[victim] == planted[victim] and others_done,
             "bad input: hand-edited due date (review due now pushed to 2031)",
             "run exits 4 naming the file (the stored due is not trusted), leaves it as it is and does every other "
             "connector; check exits 1 naming it",
             "run %d: %s | check %d" % (p.returncode, short(errs[0]["message"], 120) if errs else
                                        "no error reported: the edit hid the connector", c.returncode))

    # A credential in an old event, with the chain recomputed.
    dest = os.path.join(s.work, "bad")
    copy(base, dest)
    o = json.loads(raw)
    o["history"][0]["note"] = "temporary key AKIAIOSFODNN7EXAMPLE"
    with open(os.path.join(dest, "State", victim), "wb") as f:
        f.write(dump(rechain(o)))
    c = s.steward("check", "--root", dest, "--now", NOW)
    p = s.steward("run", "--root", dest, "--now", NOW, "--dry-run", "--format", "json")
    s.result(c.returncode == 1 and "secret-in-file" in c.stdout and ("State/" + victim) in c.stdout,
             "bad input: credential in an old event (chain recomputed)", "check exits 1 with secret-in-file naming the file",
             "check %d; run --dry-run %d" % (c.returncode, p.returncode))
    if p.returncode == 0:
        s.note("run does not scan for credentials: it plans (and would write) a connector whose history holds an AWS key")

    # History rewritten in a commit: check --base.
    if shutil.which("git"):
        dest = os.path.join(s.work, "bad-git")
        copy(base, dest)
        g = lambda *a: subprocess.run(["git", "-C", dest] + list(a), capture_output=True, text=True)
        genv = ["-c", "user.email=" + ACTOR, "-c", "user.name=ops"]
        g("init", "-q")
        g("add", "-A")
        g(*genv, "commit", "-qm", "base")
        for name, fn, pattern in (("version goes back (last event dropped)",
                                   lambda o: (o["history"].pop(), o.__setitem__("version", o["version"] - 1)), r"append-only|truncat"),
                                  ("version skips (event seq + 2)",
                                   lambda o: (o["history"].append(dict(o["history"][-1], seq=o["version"] + 2, note="skip")),
                                              o.__setitem__("version", o["version"] + 2), rechain(o)), r"seq|version|sequence")):
            g("reset", "-q", "--hard", "HEAD")
            o = json.loads(raw)
            fn(o)
            with open(os.path.join(dest, "State", victim), "wb") as f:
                f.write(dump(o))
            g(*genv, "commit", "-qam", name)
            c = s.steward("check", "--root", dest, "--base", "HEAD~1", "--now", NOW)
            ok = c.returncode == 1 and ("State/" + victim) in c.stdout and re.search(pattern, c.stdout, re.I)
            s.result(bool(ok), "bad input (check --base): " + name, "check --base exits 1 naming the file",
                     "exit %d: %s" % (c.returncode, short(" ".join(l for l in c.stdout.splitlines() if "error" in l), 160)))
            g("reset", "-q", "--hard", "HEAD~1")


def group_clock(s):
    if shutil.which("faketime") is None:
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
    p = ft("-1d", "run")
    s.result(p.returncode == 0 and snapshot(root) == s400, "clock goes back after the +400d run (faketime -1d)",
             "nothing moves backwards: State/ byte-identical, exit 0", "exit %d" % p.returncode)
    victim = sorted(n for n, raw in s400.items() if json.loads(raw)["state"] not in ("decommissioned",))
    if victim:
        p = ft("-1d", "decommission", victim[0][:-5], "--reason", "clock test")
        s.result(p.returncode != 0 and snapshot(root) == s400 and "earlier than the last event" in p.stderr,
                 "a person's command with the clock behind the history",
                 "refused (time may not go backwards), nothing written", "exit %d: %s" % (p.returncode, short(p.stderr)))


def main(argv):
    opts = {"bin": None, "gen": None, "work": None, "kills": "50", "only": ""}
    i = 1
    while i < len(argv):
        opts[argv[i].lstrip("-")] = argv[i + 1]
        i += 2
    s = Suite(opts["bin"], opts["gen"], opts["work"])
    groups = [("crash", lambda: group_crash(s, int(opts["kills"]))), ("diskfull", lambda: group_diskfull(s)),
              ("io", lambda: group_io(s)), ("concurrency", lambda: group_concurrency(s)),
              ("readonly", lambda: group_readonly(s)), ("badinput", lambda: group_badinput(s)),
              ("clock", lambda: group_clock(s))]
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
