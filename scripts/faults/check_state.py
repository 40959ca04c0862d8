#!/usr/bin/env python3
"""Independent checker for a Steward State/ directory (no Steward code involved).

For every State/*.json: the bytes are UTF-8 JSON without duplicate keys, `id` matches the
file name, `version` equals the number of events, every event's `seq` is its position,
`prev` is the previous event's `hash` (64 zeros first) and `hash` is the SHA-256 of
json.dumps(event without hash, sort_keys=True, separators=(",", ":"), ensure_ascii=False).

Usage: check_state.py STATE_DIR [--old DIR] [--new DIR] [--no-temps]
  --old/--new  also require each file to be byte-identical to its copy in DIR (either one):
               a file that is neither is half-written or corrupted.
  --no-temps   fail when a temporary file (.NAME.tmp-*) remains.
Prints one line per problem; exit 0 when there is none, 1 otherwise.
"""
import hashlib
import json
import os
import sys

GENESIS = "0" * 64


def _no_dupes(pairs):
    seen = {}
    for k, v in pairs:
        if k in seen:
            raise ValueError("duplicate key %r" % k)
        seen[k] = v
    return seen


def _no_constants(name):
    raise ValueError("non-JSON constant %s" % name)


def event_hash(event):
    body = {k: v for k, v in event.items() if k != "hash"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_bytes(name, raw):
    """Problems with one connector file's bytes (empty list when it is sound)."""
    try:
        text = raw.decode("utf-8")
        doc = json.loads(text, object_pairs_hook=_no_dupes, parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError) as e:
        return ["%s: does not parse: %s" % (name, e)]
    if not isinstance(doc, dict):
        return ["%s: not a JSON object" % name]
    problems = []
    if doc.get("id") + ".json" != name if isinstance(doc.get("id"), str) else True:
        problems.append("%s: id %r does not match the file name" % (name, doc.get("id")))
    history = doc.get("history")
    if not isinstance(history, list) or not history:
        return problems + ["%s: history missing or empty" % name]
    if doc.get("version") != len(history):
        problems.append("%s: version %r but %d events" % (name, doc.get("version"), len(history)))
    prev = GENESIS
    for i, e in enumerate(history):
        if not isinstance(e, dict):
            problems.append("%s: history[%d] is not an object" % (name, i))
            break
        if e.get("seq") != i + 1:
            problems.append("%s: history[%d].seq is %r" % (name, i, e.get("seq")))
        if e.get("prev") != prev:
            problems.append("%s: history[%d].prev does not chain" % (name, i))
        if e.get("hash") != event_hash(e):
            problems.append("%s: history[%d].hash is not the SHA-256 of the event" % (name, i))
        prev = e.get("hash")
    if not raw.endswith(b"}\n"):
        problems.append("%s: does not end with }\\n" % name)
    return problems


def check_dir(state, old=None, new=None, no_temps=False):
    problems = []
    names = sorted(os.listdir(state))
    for n in names:
        path = os.path.join(state, n)
        if n.startswith("."):
            if no_temps and ".tmp" in n:
                problems.append("%s: stray temporary file" % n)
            continue
        if not n.endswith(".json"):
            problems.append("%s: unexpected entry in State/" % n)
            continue
        with open(path, "rb") as f:
            raw = f.read()
        problems += check_bytes(n, raw)
        if old is not None or new is not None:
            same = False
            for d in (old, new):
                if d is None:
                    continue
                p = os.path.join(d, n)
                if os.path.exists(p):
                    with open(p, "rb") as f:
                        if f.read() == raw:
                            same = True
            if not same:
                problems.append("%s: neither the old nor the new bytes (half-written?)" % n)
    for d in (old, new):
        if d is None:
            continue
    if old is not None:
        for n in os.listdir(old):
            if not n.startswith(".") and n.endswith(".json") and n not in names:
                problems.append("%s: file lost" % n)
    return problems


def main(argv):
    args = argv[1:]
    state, old, new, no_temps = None, None, None, False
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--old":
            old = args[i + 1]; i += 1
        elif a == "--new":
            new = args[i + 1]; i += 1
        elif a == "--no-temps":
            no_temps = True
        else:
            state = a
        i += 1
    if state is None:
        print(__doc__)
        return 2
    problems = check_dir(state, old, new, no_temps)
    for p in problems[:50]:
        print(p)
    if len(problems) > 50:
        print("... %d more" % (len(problems) - 50))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
