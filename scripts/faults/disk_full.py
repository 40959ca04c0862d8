#!/usr/bin/env python3
"""Fault family `diskfull`: a full small tmpfs (in a private mount namespace) and a file
size limit (ulimit -f): the run fails cleanly, changes no byte, and the next run finishes.
"""
import os
import shutil
import subprocess

from harness import ACTOR, NOW, diff_names, namespace_prefix, read_results, short, snapshot, temporaries


def run(s):
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
            rd = read_results(res)
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
