#!/usr/bin/env python3
"""Dashboard benchmark: the dashboard of 10,000 runs, rendered in headless Chromium.

Writes 10,000 run records into a run store, has `mlci dashboard` build the page, and loads it in
headless Chromium (driven over chromedriver's WebDriver protocol) until its script reports it
has drawn the charts and the table. Side by side in the same browser: a static HTML table of the
same runs (no script), the least a browser must do to show them. Targets: rendering under 2 s,
the file under 5 MB.

Usage: bench/dashboard_benchmark.py [--work DIR] [--runs N] [--repeat N]
Needs: JDK 17+, Maven, python3; installs chromium and chromium-driver from Debian if missing (root).
"""
import argparse
import html
import json
import os
import random
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import data_benchmark as common


def ensure_chromium():
    if shutil.which("chromium") and shutil.which("chromedriver"):
        return
    common.run(["apt-get", "update", "-qq"])
    common.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium", "chromium-driver"],
               env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def write_store(store, count):
    """`count` records shaped like mlci's, on three branches, one per ten minutes."""
    rng = random.Random(11)
    shutil.rmtree(store, ignore_errors=True)
    (store / "runs").mkdir(parents=True)
    start = 1_790_000_000
    for i in range(count):
        branch = ["main", "feature/lr", "feature/data"][i % 3]
        t = start + 600 * i
        stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(t))
        run_id = f"{stamp}-000-{i:08x}"
        accuracy = 0.8 + 0.1 * rng.random()
        record = {
            "schema": 1, "id": run_id, "status": "succeeded", "runKey": f"{i:064x}", "reusedFrom": None,
            "startedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t)),
            "finishedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t + 300)), "durationSeconds": 300.0,
            "exitCode": 0, "attempts": 1,
            "source": {"repo": "repo", "commit": f"{i:040x}", "dirty": False, "branch": branch, "targetBranch": None,
                       "changeId": None, "buildUrl": None},
            "command": "python train.py", "image": None, "imageDigest": None, "environment": None,
            "params": {"train.lr": round(rng.choice([0.1, 0.05, 0.01]), 3), "train.epochs": 20},
            "paramsFiles": ["params.yaml"],
            "data": [{"path": "data", "hash": f"{i // 100:032x}.dir", "size": 10_000_000, "nfiles": 1000,
                      "pointer": "data.dvc"}],
            "code": {".": f"{i:040x}"}, "env": {},
            "outputs": [{"path": "model.pt", "md5": f"{i:032x}", "sha256": f"{i:064x}", "size": 1_000_000, "nfiles": 1,
                         "files": []}],
            "metrics": {"accuracy": accuracy, "loss": 1 - accuracy, "f1": accuracy - 0.02,
                        "latency_ms": 20 + 10 * rng.random()},
            "message": None,
        }
        (store / "runs" / f"{run_id}.json").write_text(json.dumps(record))
    return start


def static_table(records_dir, target):
    rows = []
    for path in sorted(records_dir.glob("*.json")):
        r = json.loads(path.read_text())
        m = r["metrics"]
        rows.append(f"<tr><td>{r['id']}</td><td>{r['startedAt']}</td><td>{html.escape(r['source']['branch'])}</td>"
                    f"<td>{r['source']['commit'][:10]}</td><td>{r['status']}</td><td>{m['accuracy']:.5g}</td>"
                    f"<td>{m['loss']:.5g}</td><td>{m['f1']:.5g}</td><td>{m['latency_ms']:.5g}</td></tr>")
    target.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'><title>runs</title></head><body><table>"
                      "<tr><th>run</th><th>time</th><th>branch</th><th>commit</th><th>status</th><th>accuracy</th>"
                      "<th>loss</th><th>f1</th><th>latency_ms</th></tr>" + "".join(rows) + "</table></body></html>")


class Browser:
    """Headless Chromium over chromedriver's W3C WebDriver protocol."""

    def __init__(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.driver = subprocess.Popen(["chromedriver", f"--port={self.port}"], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                if self.call("GET", "status")["value"]["ready"]:
                    break
            except OSError:
                time.sleep(0.1)
        options = {"binary": shutil.which("chromium"), "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                   "--disable-background-networking", "--disable-dev-shm-usage", "--window-size=1280,900"]}
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": options}}}
        self.session = self.call("POST", "session", caps)["value"]["sessionId"]

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read())

    def script(self, source):
        return self.call("POST", f"session/{self.session}/execute/sync", {"script": source, "args": []})["value"]

    def load(self, page, ready):
        """Seconds from navigation start until `ready` holds in the page."""
        self.call("POST", f"session/{self.session}/url", {"url": "about:blank"})
        self.call("POST", f"session/{self.session}/url", {"url": page.as_uri()})
        while not self.script(f"return !!({ready});"):
            time.sleep(0.02)
        return self.script(f"return (performance.now()) / 1000;")

    def close(self):
        try:
            self.call("DELETE", f"session/{self.session}")
        finally:
            self.driver.terminate()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", default=str(common.ROOT / "bench-work"), help="scratch directory (default: bench-work/)")
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = Path(args.work) / "dashboard"
    work.mkdir(parents=True, exist_ok=True)
    ensure_chromium()
    common.run(common.MLCI + ["--version"])
    store = work / "store"
    write_store(store, args.runs)
    repo = work / "repo"
    repo.mkdir(exist_ok=True)
    page = work / "dashboard.html"
    build = common.timed(common.MLCI + ["-C", str(repo), "dashboard", "--store", str(store), "-o", str(page)],
                         repeat=args.repeat)
    table = work / "table.html"
    static_table(store / "runs", table)
    browser = Browser()
    try:
        dashboard_times = [browser.load(page, "document.body && document.body.dataset.ready === 'true'")
                           for _ in range(args.repeat)]
        drawn = browser.script("return document.querySelectorAll('polyline').length;")
        table_times = [browser.load(table, "document.readyState === 'complete'") for _ in range(args.repeat)]
    finally:
        browser.close()
    size_mb = page.stat().st_size / 1e6
    best, median = min(dashboard_times), sorted(dashboard_times)[len(dashboard_times) // 2]
    anchor = (min(table_times), sorted(table_times)[len(table_times) // 2])
    result = {
        "name": f"dashboard of {args.runs:,} runs, load to charts and table drawn in headless Chromium",
        "mlci": (best, median), "anchor": anchor, "anchor_tool": "a static HTML table of the same runs, same browser",
        "ratio": best / anchor[0], "ratio_label": "time vs static table",
        "target": "< 2 s, file < 5 MB", "met": best < 2.0 and size_mb < 5.0,
        "extra": f"file {size_mb:.2f} MB; {drawn} branch lines drawn; `mlci dashboard` built it in "
                 f"{build[0]:.2f} s (best, JVM start and reading {args.runs:,} records included)",
    }
    common.write_report([result], False, title="Dashboard", script="bench/dashboard_benchmark.py")


if __name__ == "__main__":
    main()
