#!/usr/bin/env python3
"""Run-cache benchmark: how long `mlci train` takes to decide that a training can be skipped.

A repository with 100,000 tracked data files has trained once; `mlci train` runs again with
nothing changed and a warm stat cache. The time from starting `mlci train` (JVM start included)
to its exit after the skip decision is compared with a stat of every data file (`find -printf`),
the least any tool must do to know the data is unchanged. Target: under 1 s.

Usage: bench/train_benchmark.py [--work DIR] [--repeat N] [--quick]
Needs: JDK 17+, Maven, git, python3.
"""
import argparse
import json
import subprocess
import time
from pathlib import Path

import data_benchmark as common

MLCI_YAML = """train:
  command: sh train.sh
  code: [train.sh]
  outputs: [model]
"""
TRAIN_SH = "mkdir -p model && date > model/trained-at.txt\n"


def trained_repo(work, quick):
    """The data benchmark's 100,000-file repository, made a git repository that has trained once."""
    repo, count = common.many_files_repo(work, quick)
    if not (repo / ".git").exists():
        common.run(["git", "init", "-q", "-b", "main"], cwd=repo)
    (repo / "mlci.yaml").write_text(MLCI_YAML)
    (repo / "train.sh").write_text(TRAIN_SH)
    with open(repo / ".gitignore", "a") as ignore:
        ignore.write("/model\n")
    common.run(["git", "add", "-A"], cwd=repo)
    common.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@mlci.invalid", "commit", "-q",
                "--allow-empty", "-m", "bench"], cwd=repo)
    common.run(common.MLCI + ["-C", str(repo), "train", "--executor", "local"])
    return repo, count


def bench_skip(work, repeat, quick):
    repo, count = trained_repo(work, quick)
    time.sleep(2.5)  # every file ages past the stat cache's racy-mtime window
    command = common.MLCI + ["-C", str(repo), "train", "--executor", "local", "--json"]
    decision = json.loads(common.run(command).stdout)
    if not decision["skipped"]:
        raise SystemExit("the second training was not skipped: " + json.dumps(decision)[:500])
    mlci = common.timed(command, repeat=repeat)
    find = common.timed(["find", str(repo / "data"), "-type", "f", "-printf", "%i %s %T@\\n"], repeat=repeat)
    return {
        "name": f"`mlci train` to the skip decision, {count:,} data files, warm stat cache (JVM start included)",
        "mlci": mlci, "anchor": find, "anchor_tool": "find -printf (a stat of every data file)",
        "ratio": mlci[0] / find[0], "ratio_label": "time vs find",
        "target": "< 1 s", "met": mlci[0] < 1.0,
        "extra": "the skipped run is recorded as 'reused' and its outputs are restored, both inside the timed command",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", default=str(common.ROOT / "bench-work"), help="scratch directory (default: bench-work/)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="10x smaller inputs, for trying the script out")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    common.run(common.MLCI + ["--version"])  # builds the CLI if needed
    common.write_report([bench_skip(work, args.repeat, args.quick)], args.quick,
                        title="Run cache", script="bench/train_benchmark.py")


if __name__ == "__main__":
    main()
