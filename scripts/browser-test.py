#!/usr/bin/env python3
"""Renders the example estate's HTML dashboard in headless Chromium and checks that it
loads with no console message, makes no network request, and shows every connector.

    scripts/browser-test.py BIN [--screenshot docs/dashboard.png]

BIN is the steward binary. The page is written by `steward report --format html` from this
repository's own State/ at a fixed time. Chromium's stderr log (--enable-logging) carries
every console message; its net log (--log-net-log) records every request the page starts.
A control page that logs to the console and loads a remote image is rendered first, so a
browser that reports neither cannot make the test pass by accident.

Skips (exit 0, saying so) when no `chromium` is on PATH; .ci/run installs it.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOW = "2026-11-23T09:00:00Z"  # the day the example estate was committed
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--no-pings",
    # Nothing can leave the machine even if something tried: every host fails to resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def chromium(work, url, extra):
    """Runs Chromium on `url`; returns (stdout, console lines, page requests)."""
    profile = tempfile.mkdtemp(dir=work)
    netlog = os.path.join(work, "net-%s.json" % os.path.basename(profile))
    cmd = ["chromium", *FLAGS, "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
           "--log-net-log=" + netlog, *extra, url]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    if p.returncode != 0:
        sys.exit("browser-test: chromium exited %d\n%s" % (p.returncode, p.stderr[-2000:]))
    console = [l for l in p.stderr.splitlines() if ":CONSOLE" in l]
    with open(netlog) as f:
        log = json.load(f)
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    requests = []
    for e in log.get("events", []):
        params = e.get("params") or {}
        if names.get(e["type"]) != "URL_REQUEST_START_JOB" or "url" not in params:
            continue
        # Requests the page started carry its (file://) network isolation key; the browser's
        # own background traffic carries none.
        if "file://" in params.get("network_isolation_key", "") or "file://" in params.get("site_for_cookies", ""):
            if not params["url"].startswith(("file:", "data:")):
                requests.append(params["url"])
    return p.stdout, console, requests


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    binary = os.path.abspath(args[0])
    screenshot = None
    if "--screenshot" in args:
        screenshot = os.path.abspath(args[args.index("--screenshot") + 1])
    if shutil.which("chromium") is None:
        print("browser-test: chromium not found; skipped (apt-get install chromium)")
        return 0
    work = tempfile.mkdtemp(prefix="steward-browser-")
    try:
        # 1. The control: the checks must see a console message and a remote request.
        control = os.path.join(work, "control.html")
        with open(control, "w") as f:
            f.write('<!doctype html><img src="http://example.invalid/x.png"><script>console.error("control")</script>')
        _, console, requests = chromium(work, "file://" + control, ["--dump-dom"])
        if not console or not any("example.invalid" in r for r in requests):
            sys.exit("browser-test: the control page's console message or request went unseen; the checks cannot be trusted\n"
                     "console: %r\nrequests: %r" % (console, requests))

        # 2. The example estate's dashboard.
        page = os.path.join(work, "dashboard.html")
        r = subprocess.run([binary, "report", "--root", ROOT, "--format", "html", "--now", NOW, "--out", page],
                           capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit("browser-test: steward report exited %d: %s" % (r.returncode, r.stderr))
        dom, console, requests = chromium(work, "file://" + page, ["--dump-dom"])
        failures = []
        if console:
            failures.append("console messages:\n  " + "\n  ".join(console))
        if requests:
            failures.append("network requests:\n  " + "\n  ".join(requests))
        ids = sorted(n[:-5] for n in os.listdir(os.path.join(ROOT, "State")) if n.endswith(".json"))
        missing = [i for i in ids if "<code>%s</code>" % i not in dom]
        if missing:
            failures.append("connectors missing from the rendered page: %s" % ", ".join(missing))
        for marker in ['id="states"', 'id="calendar"', 'id="task-ages"', 'id="connectors"']:
            if marker not in dom:
                failures.append("section %s missing from the rendered page" % marker)
        if len(re.findall(r"<svg", dom)) < 4:
            failures.append("fewer than four SVG charts rendered")
        if failures:
            sys.exit("browser-test: FAILED\n" + "\n".join(failures))
        print("browser-test: the dashboard of %d connectors rendered in Chromium with no console message and no network request"
              % len(ids))

        if screenshot:
            _, console, requests = chromium(work, "file://" + page, ["--screenshot=" + screenshot, "--window-size=1280,2000"])
            if console or requests or not os.path.exists(screenshot):
                sys.exit("browser-test: the screenshot run failed: %r %r" % (console, requests))
            print("browser-test: wrote %s" % screenshot)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
