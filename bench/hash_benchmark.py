#!/usr/bin/env python3
"""Hashing and start-up benchmark: mlci against the tools a user would otherwise reach for, on the
same files in one run (best and median of --repeat runs of each):

  1. N x 64 KiB and N x 4 KiB, page cache warm       mlci data hash  vs  xargs -P2 md5sum
  2. the same files, page cache cold                 mlci data hash  vs  xargs -P2 cat > /dev/null
     (cold only where dropping the page cache is allowed; otherwise the row says so)
  3. 2,000 x 512 KiB + one 1 GiB file, warm          mlci data hash  vs  md5sum (one stream)
  4. mlci --version and mlci data status on a small repository (JVM start included)

Usage: bench/hash_benchmark.py [--work DIR] [--repeat N] [--quick]
--quick uses a tenth of the files (and a 128 MiB big file) so a run takes a minute or two.
The report names the hash kernel mlci used (lanes) and the CPU's vector flags.
"""
import argparse
import os
import random
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from data_benchmark import MLCI, ROOT, drop_page_cache, rmtree, run, timed, write_report  # noqa: E402


def write_files(directory, count, size, seed, fanout=100):
    if (directory / ".complete").exists():
        return
    rmtree(directory)
    rng = random.Random(seed)
    for i in range(count):
        sub = directory / f"shard-{i % fanout:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"f-{i:06d}.bin").write_bytes(rng.randbytes(size))
    (directory / ".complete").write_text("")


def file_list(work, directory):
    files = [str(p) for p in sorted(directory.rglob("*.bin"))]
    listfile = work / f"{directory.name}-files.txt"
    listfile.write_text("\0".join(files))
    return listfile, sum(os.path.getsize(p) for p in files)


def mlci_hash(directory):
    def forget():  # the stat cache would answer a second run without reading a byte
        rmtree(directory / ".dvc")
    return MLCI + ["-C", str(directory), "data", "hash", "."], forget


def warm_row(work, directory, count, size_label, repeat):
    listfile, total = file_list(work, directory)
    cmd, forget = mlci_hash(directory)
    run(["sh", "-c", f"xargs -0 cat < {listfile} > /dev/null"])  # warm the page cache
    md5sum = timed(["sh", "-c", f"xargs -0 -P2 -n 500 md5sum < {listfile} > /dev/null"], repeat=repeat)
    # the floor of any tool that opens and reads every file: no hashing at all
    cat = timed(["sh", "-c", f"xargs -0 -P2 -n 500 cat < {listfile} > /dev/null"], repeat=repeat)
    mlci = timed(cmd, prepare=forget, repeat=repeat)
    ratio = mlci[0] / md5sum[0]
    return {
        "name": f"warm hash, {count:,} x {size_label}", "mlci": mlci, "anchor": md5sum,
        "anchor_tool": "xargs -P2 md5sum", "ratio": ratio, "ratio_label": "time vs md5sum",
        "target": "≤ 0.5×", "met": ratio <= 0.5,
        "extra": f"mlci {total / mlci[0] / 1e9:.2f} GB/s, md5sum {total / md5sum[0] / 1e9:.2f} GB/s (JVM start included); "
                 f"a pure read (xargs -P2 cat > /dev/null) {cat[0]:.2f} s best ({cat[2]:.2f} s CPU)",
    }


def cold_row(work, directory, count, size_label, repeat):
    listfile, total = file_list(work, directory)
    cmd, forget = mlci_hash(directory)
    if not drop_page_cache():
        return None

    def cold():
        forget()
        drop_page_cache()
    cat = timed(["sh", "-c", f"xargs -0 -P2 -n 500 cat < {listfile} > /dev/null"], prepare=drop_page_cache, repeat=repeat)
    mlci = timed(cmd, prepare=cold, repeat=repeat)
    ratio = mlci[0] / cat[0]
    return {
        "name": f"cold hash, {count:,} x {size_label}", "mlci": mlci, "anchor": cat,
        "anchor_tool": "xargs -P2 cat > /dev/null", "ratio": ratio, "ratio_label": "time vs a pure read",
        "target": "≤ 1.25×", "met": ratio <= 1.25, "extra": "",
    }


def mixed_row(work, quick, repeat):
    directory = work / "mixed"
    count = 200 if quick else 2000
    big = (128 << 20) if quick else (1 << 30)
    if not (directory / ".complete").exists():
        write_files(directory / "small", count, 512 << 10, seed=5)
        rng = random.Random(6)
        with open(directory / "big.bin", "wb") as f:
            for _ in range(big // (16 << 20)):
                f.write(rng.randbytes(16 << 20))
        (directory / ".complete").write_text("")
    files = [str(p) for p in sorted(directory.rglob("*.bin"))]
    listfile = work / "mixed-files.txt"
    listfile.write_text("\0".join(files))
    cmd, forget = mlci_hash(directory)
    run(["sh", "-c", f"xargs -0 cat < {listfile} > /dev/null"])
    md5sum = timed(["sh", "-c", f"xargs -0 md5sum < {listfile} > /dev/null"], repeat=repeat)
    mlci = timed(cmd, prepare=forget, repeat=repeat)
    ratio = mlci[0] / md5sum[0]
    return {
        "name": f"mixed, {count:,} x 512 KiB + one {big >> 20} MiB file, warm", "mlci": mlci, "anchor": md5sum,
        "anchor_tool": "md5sum", "ratio": ratio, "ratio_label": "time vs md5sum",
        "target": "≤ 0.70×", "met": ratio <= 0.70, "extra": "",
    }


def start_rows(work, repeat):
    repo = work / "small-repo"
    if not (repo / "data.dvc").exists():
        rmtree(repo)
        write_files(repo / "data", 20, 100, seed=7, fanout=2)
        run(["git", "init", "-q", str(repo)])
        run(MLCI + ["-C", str(repo), "data", "add", "data"])
    java = timed(["java", "-Xshare:auto", "-version"], repeat=repeat)
    rows = []
    for label, args in (("mlci --version", ["--version"]), ("mlci data status, 20-file repository", ["data", "status"])):
        mlci = timed(MLCI + ["-C", str(repo)] + args, repeat=repeat)
        rows.append({
            "name": f"start: {label}", "mlci": mlci, "anchor": java, "anchor_tool": "java -version (JVM floor)",
            "ratio": mlci[0] / java[0], "ratio_label": "time vs bare JVM", "target": "< 0.4 s",
            "met": mlci[0] < 0.4, "extra": "",
        })
    return rows


def kernel_and_cpu():
    doctor = run(MLCI + ["doctor", "--hash-speed"], cwd=ROOT, check=False).stdout
    kernel = next((line.split(None, 3)[-1] for line in doctor.splitlines() if "hash kernel" in line), "unknown")
    speed = next((line.split(None, 3)[-1] for line in doctor.splitlines() if "hash speed" in line), "unknown")
    flags = set()
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("flags"):
                flags.update(line.split(":", 1)[1].split())
                break
    vector = sorted(flag for flag in flags if flag.startswith(("avx", "sse4", "ssse3")))
    load = os.getloadavg()
    return (f"hash kernel: {kernel}; MD5 on one core from memory (mlci doctor --hash-speed): {speed}; "
            f"CPU vector flags: {' '.join(vector)}; "
            f"load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", default=str(ROOT / "bench-work"), help="scratch directory (default: bench-work/)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="a tenth of the files, for a short run")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    run(MLCI + ["--version"])  # builds the CLI and its class-data archive if needed
    scale = 10 if args.quick else 1
    sets = [(work / "files-64k", 20_000 // scale, 64 << 10, "64 KiB"), (work / "files-4k", 100_000 // scale, 4 << 10, "4 KiB")]
    results = []
    for directory, count, size, label in sets:
        write_files(directory, count, size, seed=count)
        results.append(warm_row(work, directory, count, label, args.repeat))
    for directory, count, size, label in sets:
        row = cold_row(work, directory, count, label, args.repeat)
        if row:
            results.append(row)
    results.append(mixed_row(work, args.quick, args.repeat))
    results += start_rows(work, args.repeat)
    for r in results:
        r.setdefault("extra", "")
    results[0]["extra"] += ("; " if results[0]["extra"] else "") + kernel_and_cpu()
    write_report(results, args.quick, title="Hashing and start-up", script="bench/hash_benchmark.py")


if __name__ == "__main__":
    main()
