#!/usr/bin/env python3
"""The Python peer for `steward run --dry-run`: what a user would write without Steward.

  peer.py STATE_DIR NOW

Loads every State/*.json with the standard json module and lists what is due at NOW by
the rules of CONTRACT.md section 4, read from the stored projection (state, due, tasks),
the way `steward run` decides which connectors might be due: requests that expired,
approvals that lapsed, reviews due or overdue, rotations due, temporary windows ending or
about to end. Single process, no hash or replay verification. Prints one line per due
step and a summary.
"""
import json
import os
import sys
from datetime import datetime, timedelta, timezone

DAY = timedelta(days=1)
REVIEW_GRACE = 14 * DAY
EXPIRY_NOTICE = 7 * DAY


def ts(text):
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc) if text else None


def due_steps(doc, now):
    state, due = doc["state"], doc["due"]
    if state == "decommissioned":
        return []
    approval, review, rotation, until = (ts(due.get(k)) for k in ("approval", "review", "rotation", "until"))
    kinds_opened = {t["kind"] for t in doc["tasks"]}
    open_kinds = {t["kind"] for t in doc["tasks"] if t["status"] == "open"}
    steps = []
    if until and until <= now:
        return ["window-end"]
    if state == "requested" and approval and approval <= now:
        return ["expire"]
    if state == "approved" and approval and approval <= now:
        steps.append("lapse")
    if state == "review-due" and review and review + REVIEW_GRACE <= now:
        return ["review-overdue"]
    if state == "active" and review and review <= now:
        steps.append("review-due")
    if state in ("active", "review-due") and rotation and rotation <= now and "rotate-credential" not in open_kinds:
        # opened once per rotation period: a task opened after the last rotation counts
        last = max((ts(t["openedAt"]) for t in doc["tasks"] if t["kind"] == "rotate-credential"), default=None)
        if last is None or last < rotation:
            steps.append("open-task rotate-credential")
    if until and until - EXPIRY_NOTICE <= now and "notify-expiry" not in kinds_opened:
        steps.append("open-task notify-expiry")
    return steps


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    state_dir, now = sys.argv[1], ts(sys.argv[2])
    scanned = due = 0
    out = []
    for name in sorted(os.listdir(state_dir)):
        if name.startswith(".") or not name.endswith(".json"):
            continue
        with open(os.path.join(state_dir, name), encoding="utf-8") as f:
            doc = json.load(f)
        scanned += 1
        steps = due_steps(doc, now)
        if steps:
            due += 1
            out.append("%s: %s" % (doc["id"], ", ".join(steps)))
    sys.stdout.write("\n".join(out) + ("\n" if out else ""))
    print("peer: %d connectors, %d with something due at %s" % (scanned, due, sys.argv[2]))


if __name__ == "__main__":
    main()
