"""Estates for the benchmark (see Benchmarks/bench.py): generating them, finding and
saving the files a run changes, and the git repositories `check --base` is timed in."""
import json
import os
import shutil
import subprocess
import time

from bench_timing import NOW, log, q, sh

SEED = "20270301"
# The pull request of the check --base measurement: how many connectors it recertifies.
PR_FILES = 10


def generate(gen, root, n, due):
    """`steward-estate-gen` writes N connectors under `root`, the fraction `due` due at NOW."""
    if os.path.exists(root):
        shutil.rmtree(root)
    t = time.monotonic()
    sh([gen, "--root", root, "--count", str(n), "--seed", SEED, "--now", NOW, "--due-fraction", str(due), "--quiet"])
    log("generated %d connectors (%.0f%% due) in %.1f s" % (n, due * 100, time.monotonic() - t))


def changed_ids(bin_, root):
    """The ids of the connectors `steward run` would change at NOW."""
    p = subprocess.run([bin_, "run", "--root", root, "--now", NOW, "--dry-run", "--format", "json"],
                       capture_output=True, text=True)
    r = json.loads(p.stdout)
    return sorted({t["id"] for t in r["transitions"]} | {t["connector"] for t in r["tasks"]})


def backup(root, ids, dest):
    """Copies State/<id>.json of each id to `dest`, keeping the times."""
    os.makedirs(dest, exist_ok=True)
    for i in ids:
        shutil.copy2(os.path.join(root, "State", i + ".json"), dest)


def state_sizes(root):
    """(apparent bytes, bytes on disk) of `root`/State."""
    st = os.path.join(root, "State")
    return int(sh(["du", "-sb", st]).stdout.split()[0]), int(sh(["du", "-sk", st]).stdout.split()[0]) * 1024


def pull_request_clone(bin_, root, dest):
    """The repository `check --base` is timed in, as the pull-request gate's CI job has it.

    The estate at `root` is committed as `main`; a branch `pr` gets one commit, authored
    by an approver, that appends a recertify to PR_FILES active connectors. The CI job
    starts from a fresh `actions/checkout` of the pull request's head commit with full
    history: a fetch, which stores the objects in one pack, then a detached checkout. So
    the gate runs in `git clone --no-local` of `root` (objects packed, as a fetch leaves
    them; the repository written by `git add` holds every object loose, which costs git
    more per object it reads), with `origin/pr` checked out detached and `origin/main` as
    the base. Returns the clone's path, or None (the reason logged)."""
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_COMMITTER_NAME="bench",
               GIT_AUTHOR_EMAIL="base@northwind.example", GIT_COMMITTER_EMAIL="base@northwind.example",
               GIT_AUTHOR_DATE="2027-02-28T09:00:00Z", GIT_COMMITTER_DATE="2027-02-28T09:00:00Z")

    def git(repo, *args, **kw):
        p = subprocess.run(["git", "-C", repo] + list(args), capture_output=True, text=True, env=kw.get("env", env))
        if p.returncode != 0:
            log("git %s failed: %s" % (" ".join(args[:2]), p.stderr.strip()[-300:]))
        return p.returncode == 0

    t = time.monotonic()
    if not (git(root, "init", "-q", "-b", "main") and git(root, "config", "gc.auto", "0")  # no detached gc racing the clean-up
            and git(root, "add", "-A") and git(root, "commit", "-q", "-m", "estate")):
        return None
    log("git add + commit of the estate: %.1f s" % (time.monotonic() - t))
    git(root, "checkout", "-q", "-b", "pr")
    active = []
    for name in sorted(os.listdir(os.path.join(root, "State"))):
        if name.endswith(".json") and len(active) < PR_FILES:
            with open(os.path.join(root, "State", name)) as f:
                d = json.load(f)
            if d["state"] == "active":
                active.append(d["id"])
    # The generator's roles.json lists the approvers it used (placeholders by default).
    with open(os.path.join(root, "Workflows", "roles.json")) as f:
        approver = json.load(f)["approvers"][0]
    for i in active:
        p = subprocess.run([bin_, "recertify", i, "--root", root, "--now", NOW, "--as", approver,
                            "--note", "benchmark recertification"], capture_output=True, text=True)
        if p.returncode != 0:
            log("recertify %s failed: %s" % (i, p.stderr.strip()))
            return None
    penv = dict(env, GIT_AUTHOR_EMAIL=approver, GIT_COMMITTER_EMAIL=approver, GIT_AUTHOR_DATE=NOW,
                GIT_COMMITTER_DATE=NOW)
    if not git(root, "commit", "-q", "-am", "recertify %d connectors" % PR_FILES, env=penv):
        return None
    t = time.monotonic()
    if os.path.exists(dest):
        shutil.rmtree(dest)
    p = subprocess.run(["git", "clone", "-q", "--no-local", "--no-checkout", root, dest], capture_output=True, text=True)
    if p.returncode != 0 or not git(dest, "checkout", "-q", "--detach", "origin/pr"):
        log("git clone failed: %s" % p.stderr.strip()[-300:])
        return None
    log("git clone --no-local + checkout of the pull request: %.1f s" % (time.monotonic() - t))
    with open(os.path.join(os.path.dirname(dest), "reviews.json"), "w") as f:
        f.write("[]\n")  # what the GitHub API returns for a pull request with no review yet
    return dest


def check_base_command(bin_, clone):
    """The gate's command line in `clone`, as the CI job runs it (no review given yet)."""
    return "%s check --root %s --base origin/main --reviews %s --now %s" % (
        q(bin_), q(clone), q(os.path.join(os.path.dirname(clone), "reviews.json")), NOW)

