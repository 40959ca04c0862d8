#!/usr/bin/env python3
"""Fault family `crash`: runs crash.py (SIGKILLs during `steward run`) and counts its
PASS/FAIL lines as the suite's own.
"""
import os
import re
import shutil
import subprocess
import sys
import time

from harness import HERE


def run(s, kills):
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
