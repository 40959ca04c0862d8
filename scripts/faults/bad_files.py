#!/usr/bin/env python3
"""Fault family `badinput`, first part: bad State/ files (corrupt, hostile or misnamed):
run exits 4 naming the file, does every other connector and leaves it untouched; check
exits 1 naming it. Also holds the probe estate the other bad-input parts share.
"""
import collections
import json
import os
import re

from harness import NOW, copy, due_ids, dump, short, snapshot, temporaries


Probe = collections.namedtuple("Probe", "base before after victim vid raw")


def probe(s):
    """The estate every bad-input case copies, its snapshots before and after a clean run,
    and the victim: a connector with a timer due at NOW (file name, id and bytes)."""
    base, before, after = s.estate("bad-probe", 40, 0.25)
    victim = due_ids(before, after)[0]
    return Probe(base, before, after, victim, victim[:-5], before[victim])


def run(s, pr):
    base, before, after, victim, vid, raw = pr

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
