#!/usr/bin/env python3
"""Fault family `badinput`, second part: bad ids on the command line and a bad tree around
State/ (symlinked State/, unreachable workflow state, unknown template placeholder).
"""
import json
import os
import shutil

from harness import ACTOR, NOW, copy, short, snapshot


def run(s, pr):
    base, before, after = pr.base, pr.before, pr.after

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
