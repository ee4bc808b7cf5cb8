#!/usr/bin/env python3
"""Data-layer benchmark: mlci side by side with the tool a user would otherwise reach for.

Runs on the same files in one go and appends the ratios to docs/BENCHMARKS.md:

  1. cold hash of 1 GiB in 10,000 files plus one 1 GiB file   vs md5sum
  2. status of 100,000 unchanged files, warm stat cache        vs find (stat of every file)
  3. materialising 100,000 files from the cache                vs cp -r
  4. pulling 10,000 small files from a local S3-compatible server vs aws s3 sync

Usage: bench/data_benchmark.py [--work DIR] [--repeat N] [--quick]
Needs: JDK 17+, Maven, python3; installs awscli from Debian if missing (root).
"""
import argparse
import datetime
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MLCI = [str(ROOT / "mlci"), "-q"]
ACCESS_KEY, SECRET_KEY = "mlci-test-key", "mlci-test-secret"


def run(cmd, cwd=None, env=None, check=True):
    result = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if check and result.returncode != 0:
        sys.exit(f"command failed ({result.returncode}): {' '.join(map(str, cmd))}\n{result.stderr[-2000:]}")
    return result


def timed(cmd, prepare=None, repeat=3, cwd=None, env=None):
    """Best (minimum) and median wall time of `repeat` runs, and the CPU time (user + system, the
    command and its children) of the best run; `prepare` runs untimed before each."""
    runs = []
    for _ in range(repeat):
        if prepare:
            prepare()
        settle()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        run(cmd, cwd=cwd, env=env)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        runs.append((wall, cpu))
    best = min(runs)
    return best[0], statistics.median(wall for wall, _ in runs), best[1]


def settle():
    """Lets the file system finish the previous step's work (journal, discards of deleted files)
    so it is not billed to the next measured command."""
    os.sync()
    time.sleep(2)


def drop_page_cache():
    """Empties the page cache when allowed (root outside a container); returns whether it did."""
    try:
        subprocess.run(["sync"], check=True)
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
        return True
    except OSError:
        return False


def write_random_files(directory, count, min_size, max_size, seed, fanout=100):
    rng = random.Random(seed)
    for i in range(count):
        sub = directory / f"shard-{i % fanout:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        size = rng.randint(min_size, max_size)
        (sub / f"sample-{i:06d}.bin").write_bytes(rng.randbytes(size))


def rmtree(path):
    if path.exists():
        for p in path.rglob("*"):
            try:
                p.chmod(0o700 if p.is_dir() else 0o600)
            except OSError:
                pass
        shutil.rmtree(path)


def bench_hash(work, repeat, quick):
    data = work / "hash"
    if not (data / "big.bin").exists():
        rmtree(data)
        count = 1000 if quick else 10_000
        write_random_files(data / "small", count, 90_000, 124_000, seed=1)
        big = 64 << 20 if quick else 1 << 30
        with open(data / "big.bin", "wb") as f:
            rng = random.Random(2)
            for _ in range(big // (16 << 20)):
                f.write(rng.randbytes(16 << 20))
    files = [str(p) for p in sorted(data.rglob("*")) if p.is_file() and ".dvc" not in p.parts]
    total = sum(os.path.getsize(p) for p in files)
    cold = drop_page_cache()

    def forget():
        rmtree(data / ".dvc")
        if cold:
            drop_page_cache()

    listfile = work / "hash-files.txt"
    listfile.write_text("\0".join(files))
    md5sum = timed(["sh", "-c", f"xargs -0 md5sum < {listfile} > /dev/null"], prepare=forget, repeat=repeat)
    mlci = timed(MLCI + ["-C", str(data), "data", "hash", "."], prepare=forget, repeat=repeat)
    gib = total / (1 << 30)
    return {
        "name": f"cold hash, {len(files) - 1:,} files + 1 big file ({gib:.2f} GiB)"
                + ("" if cold else " (page cache warm: dropping it is not allowed here)"),
        "mlci": mlci, "anchor": md5sum, "anchor_tool": "md5sum",
        "ratio": md5sum[0] / mlci[0], "ratio_label": "throughput vs md5sum",
        "target": "≥ 1.8×", "met": md5sum[0] / mlci[0] >= 1.8,
        "extra": f"mlci {gib / mlci[0]:.2f} GiB/s, md5sum {gib / md5sum[0]:.2f} GiB/s",
    }


def many_files_repo(work, quick):
    repo = work / "many"
    count = 10_000 if quick else 100_000
    if not (repo / "data.dvc").exists():
        rmtree(repo)
        write_random_files(repo / "data", count, 64, 2048, seed=3, fanout=256)
        run(MLCI + ["-C", str(repo), "data", "add", "data"])
    return repo, count


def bench_status(work, repeat, quick):
    repo, count = many_files_repo(work, quick)
    time.sleep(2.5)  # let every file age past the stat cache's racy-mtime window
    run(MLCI + ["-C", str(repo), "data", "status"])  # warms the stat cache
    mlci = timed(MLCI + ["-C", str(repo), "data", "status"], repeat=repeat)
    find = timed(["find", str(repo / "data"), "-type", "f", "-printf", "%i %s %T@\\n"], repeat=repeat)
    return {
        "name": f"status of {count:,} unchanged files, warm stat cache (JVM start included)",
        "mlci": mlci, "anchor": find, "anchor_tool": "find -printf (a stat of every file)",
        "ratio": mlci[0] / find[0], "ratio_label": "time vs find",
        "target": "< 1 s", "met": mlci[0] < 1.0, "extra": "",
    }


def set_aside(work, path):
    """Moves a tree out of the way instead of deleting it. On ext4 without a journal (this kind of
    virtual machine's root file system) the kernel will not reuse an inode for 60 s after it was
    freed, 300 s while its inode-table block is still dirty, and checks every such inode it passes
    on each file it creates: creating 100,000 files within minutes of deleting 100,000 others costs
    5-15x the system time. Deleting the previous copy right before each timed run billed that to
    whichever command came next (cp -r 2.7 s to 29 s of system time for the same tree). The trees set
    aside are removed when the whole script ends (empty_set_aside)."""
    if path.exists():
        aside = work / "set-aside"
        aside.mkdir(exist_ok=True)
        path.rename(aside / f"{path.name}-{time.time_ns()}")


def empty_set_aside(work):
    rmtree(work / "set-aside")


def same_start(sources):
    """Gives every timed run the same kernel state where dropping caches is allowed: the inodes
    and directory entries of the trees set aside so far are dropped (each tree keeps 100,000 of
    them cached, and creating files gets slower as those tables grow), then the source files and
    both programs are read back into memory, so each run copies from a warm page cache."""
    if not drop_page_cache():
        return
    for source in sources:
        subprocess.run(["sh", "-c", 'find "$1" -type f -print0 | xargs -0 -P2 cat > /dev/null', "warm", str(source)],
                       check=True)
    run(MLCI + ["--version"])
    run(["cp", "--version"])


def bench_checkout(work, repeat, quick, link):
    repo, count = many_files_repo(work, quick)
    data = repo / "data"
    copy = repo / "data-copy"
    cache = repo / ".dvc" / "cache"
    set_aside(work, copy)

    def before_cp():
        set_aside(work, copy)
        same_start([data])

    cp = timed(["cp", "-r", str(data), str(copy)], prepare=before_cp, repeat=repeat)
    set_aside(work, copy)

    def before_mlci():
        set_aside(work, data)
        same_start([cache])

    args = MLCI + ["-C", str(repo), "data", "checkout"] + (["--link", link] if link else [])
    mlci = timed(args, prepare=before_mlci, repeat=repeat)
    run(MLCI + ["-C", str(repo), "data", "checkout", "--link", "copy", "--force"])
    label = link or "default (reflink,copy)"
    copies = link in (None, "copy")  # no reflinks on ext4: the default copies
    target = 1.0 if copies else 0.5
    return {
        "name": f"materialise {count:,} files from cache, link type {label}",
        "mlci": mlci, "anchor": cp, "anchor_tool": "cp -r",
        "ratio": mlci[0] / cp[0], "ratio_label": "time vs cp -r",
        "target": f"≤ {target:.1f}×", "met": mlci[0] / cp[0] <= target, "extra": "",
    }


def test_classpath(work):
    cp_file = work / "test-classpath.txt"
    run(["mvn", "-B", "-q", "-pl", "core", "test-compile", "dependency:build-classpath",
         f"-Dmdep.outputFile={cp_file}", "-Dmdep.includeScope=test"], cwd=ROOT)
    return f"{ROOT / 'core/target/test-classes'}:{ROOT / 'core/target/classes'}:{cp_file.read_text().strip()}"


def ensure_awscli():
    if shutil.which("aws"):
        return
    print("installing awscli from Debian (needed as the S3 anchor)...", flush=True)
    run(["apt-get", "update", "-q"])
    run(["apt-get", "install", "-y", "-q", "awscli"])


def bench_s3_pull(work, repeat, quick):
    ensure_awscli()
    count = 2_000 if quick else 10_000
    repo = work / "s3repo"
    s3dir = work / "s3data"
    rmtree(s3dir)
    s3dir.mkdir(parents=True)
    if not (repo / "data.dvc").exists():
        rmtree(repo)
        write_random_files(repo / "data", count, 1024, 16 * 1024, seed=4)
        run(MLCI + ["-C", str(repo), "data", "add", "data"])
    server = subprocess.Popen(["java", "-cp", test_classpath(work), "io.mlci.core.testing.S3ServerMain",
                               str(s3dir), "bench-data"], stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline().strip()
        if not line.startswith("READY "):
            sys.exit(f"S3 test server did not start: {line}")
        endpoint = line.split(" ", 1)[1]
        (repo / ".dvc" / "config").write_text(
            "[core]\n    remote = s3\n['remote \"s3\"']\n    url = s3://bench-data/project\n"
            f"    endpointurl = {endpoint}\n    region = us-east-1\n")
        (repo / ".dvc" / "config.local").write_text(
            f"['remote \"s3\"']\n    access_key_id = {ACCESS_KEY}\n    secret_access_key = {SECRET_KEY}\n")
        run(MLCI + ["-C", str(repo), "data", "push"])
        env = dict(os.environ, AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET_KEY,
                   AWS_DEFAULT_REGION="us-east-1", AWS_EC2_METADATA_DISABLED="true")
        out = work / "sync-out"

        aws = timed(["aws", "s3", "sync", "--only-show-errors", "--endpoint-url", endpoint,
                     "s3://bench-data/project/files/md5", str(out)], prepare=lambda: set_aside(work, out),
                    repeat=repeat, env=env)
        set_aside(work, out)

        def empty_repo():
            set_aside(work, repo / ".dvc" / "cache")
            set_aside(work, repo / ".dvc" / "tmp")
            set_aside(work, repo / "data")

        mlci = timed(MLCI + ["-C", str(repo), "data", "pull"], prepare=empty_repo, repeat=repeat)
    finally:
        server.kill()
        server.wait()
    return {
        "name": f"pull {count:,} small files (1–16 KiB) from a local S3-compatible server (S3Proxy)",
        "mlci": mlci, "anchor": aws, "anchor_tool": "aws s3 sync (awscli, default 10 concurrent requests)",
        "ratio": aws[0] / mlci[0], "ratio_label": "speed vs aws s3 sync",
        "target": "≥ 1×", "met": aws[0] / mlci[0] >= 1.0,
        "extra": "mlci also verifies every object's md5 and materialises the workspace",
    }


def machine():
    cores = os.cpu_count()
    with open("/proc/meminfo") as f:
        mem_kib = int(f.readline().split()[1])
    java = run(["java", "-version"]).stderr.splitlines()[0]
    return f"{cores} cores, {mem_kib / (1 << 20):.0f} GiB memory, {java}"


def write_report(results, quick, title="Data layer", script="bench/data_benchmark.py"):
    doc = ROOT / "docs" / "BENCHMARKS.md"
    doc.parent.mkdir(exist_ok=True)
    if not doc.exists():
        doc.write_text("# Benchmarks\n\nRatios, not absolute times, are what to compare: the machines are shared and "
                       "noisy. Each figure is the best of N runs of both tools, side by side on the same files "
                       "in one run of the script named in the heading.\n")
    lines = [f"\n## {title} — {datetime.date.today().isoformat()} ({machine()})\n",
             f"`{script}{' --quick' if quick else ''}`\n",
             "| benchmark | mlci best (median) | anchor best (median) | anchor | ratio | target | met |",
             "|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r['name']} | {r['mlci'][0]:.2f} s ({r['mlci'][1]:.2f} s) | {r['anchor'][0]:.2f} s "
                     f"({r['anchor'][1]:.2f} s) | {r['anchor_tool']} | {r['ratio']:.2f}× {r['ratio_label']} | "
                     f"{r['target']} | {'yes' if r['met'] else 'no'} |")
    notes = [f"- {r['name']}: {r['extra']}" for r in results if r["extra"]]
    notes += [f"- {r['name']}: CPU time (user + system) of the best run: mlci {r['mlci'][2]:.2f} s, "
              f"{r['anchor_tool']} {r['anchor'][2]:.2f} s" for r in results if len(r["mlci"]) > 2 and len(r["anchor"]) > 2]
    with open(doc, "a") as f:
        f.write("\n".join(lines + [""] + notes) + "\n")
    print("\n".join(lines + notes))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", default=str(ROOT / "bench-work"), help="scratch directory (default: bench-work/)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="10x smaller inputs, for trying the script out")
    parser.add_argument("--only", choices=["hash", "status", "checkout", "s3"], action="append")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    run(MLCI + ["--version"])  # builds the CLI if needed
    wanted = args.only or ["hash", "status", "checkout", "s3"]
    results = []
    if "hash" in wanted:
        results.append(bench_hash(work, args.repeat, args.quick))
    if "status" in wanted:
        results.append(bench_status(work, args.repeat, args.quick))
    if "checkout" in wanted:
        results.append(bench_checkout(work, args.repeat, args.quick, None))
        results.append(bench_checkout(work, args.repeat, args.quick, "hardlink"))
    if "s3" in wanted:
        results.append(bench_s3_pull(work, args.repeat, args.quick))
    empty_set_aside(work)  # last: any file created after this is slowed down for minutes (see set_aside)
    write_report(results, args.quick)


if __name__ == "__main__":
    main()
