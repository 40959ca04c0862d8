#!/usr/bin/env python3
"""Fault family `io`: I/O errors injected with strace (syncfs/fsync EIO, rename EROFS, write
ENOSPC, read EIO): clear errors, every file old or new, and the rerun finishes the work.
"""
import os
import re

from harness import NOW, diff_names, due_ids, have, short, snapshot, sound, temporaries


def run(s):
    if not have("strace"):
        s.result(False, "I/O errors", "strace is installed (CI installs it)", "strace missing")
        return

    def inject(name, estate_args, spec, must, expect_rc, expect_err, mode, trace_path=None):
        dest, before, after = s.estate("io", *estate_args)
        cmd = ["strace", "-f", "-o", "/dev/null"]
        if trace_path:
            # A scan opens each file by its bare name relative to State/ held open (openat),
            # so the literal name is traced as well as the full path.
            cmd += ["-P", os.path.join(dest, trace_path), "-P", os.path.basename(trace_path)]
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
