#!/usr/bin/env python3
"""Fault family `badinput`, third part: histories that parse but lie (an event dated after
--now, a hand-edited due date, a credential in an old event, history rewritten in a commit).
"""
import json
import os
import re
import subprocess

from harness import ACTOR, NOW, copy, dump, have, rechain, short, snapshot


def run(s, pr):
    base, after, victim, vid, raw = pr.base, pr.after, pr.victim, pr.vid, pr.raw

    # Future-dated event: a decommission dated after NOW, made through steward itself (a
    # decommission is never held back by a timer that fell due in between, so it always lands).
    dest = os.path.join(s.work, "bad")
    copy(base, dest)
    p0 = s.steward("decommission", vid, "--reason", "Dated in the future", "--root", dest, "--now", "2027-06-01T00:00:00Z")
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
    if have("git"):
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
