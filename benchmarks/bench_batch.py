"""Batch throughput: ``plan-extract batch`` over the corpora with 1 job vs 2 jobs, and peak memory.

    python benchmarks/bench_batch.py [CORPUS_DIR] [--runs 3] [--jobs 1 2]

Each run is a fresh ``plan-extract batch --force`` into an empty folder,
timed wall-clock from process start (interpreter start-up, worker start-up
and the combined table included).  Peak RSS: ``ru_maxrss`` of the main
process, and each process's own high-water mark (VmHWM) for the others (fork
server, workers), read every 150 ms through a small wrapper so that each run
is reported on its own; the tree's figure is the sum of those peaks.
Prints docs/s per job count and the 2-job/1-job ratio (issue 4 asks ≥ 1.7).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Runs the batch as a grandchild; reports wall time, the main process's ru_maxrss and, with
# psutil, the peak RSS of each process of the tree and of the tree as a whole (workers are
# children of the fork server, so ru_maxrss of the children does not see them).
#
# The tree is sampled every 150 ms, not more often: each sample walks /proc, and on a
# machine with two cores that CPU is taken from the two workers being timed (a 20 ms
# interval cost --jobs 2 a few per cent, --jobs 1 much less).  Sampling less often does
# not make the peaks less honest: on Linux each process's own high-water mark (VmHWM in
# /proc/PID/status, what ru_maxrss reports) is read, which the kernel keeps exactly
# whenever it is sampled, so a worker's peak cannot fall between two samples.  The whole
# tree's peak is reported as the sum of those per-process peaks, an upper bound (the
# processes need not peak at the same moment); elsewhere, the peak of the sampled sums.
WRAPPER = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
peaks = {}  # pid -> peak RSS in bytes (the main process first)
tree_sampled = 0

def hwm(p):
    try:
        with open(f"/proc/{p.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return p.memory_info().rss

try:
    import psutil
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        rss = []
        try:
            for p in [root, *root.children(recursive=True)]:
                with p.oneshot():
                    rss.append(p.memory_info().rss)
                    peaks[p.pid] = max(peaks.get(p.pid, 0), hwm(p))
        except psutil.Error:
            pass
        tree_sampled = max(tree_sampled, sum(rss))
        try:  # (returns as soon as the batch ends: the wall time is not rounded up to the next sample)
            proc.wait(timeout=0.15)
        except subprocess.TimeoutExpired:
            pass
except ImportError:
    pass
stderr = proc.communicate()[1]
seconds = time.perf_counter() - t0
kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if sys.platform == "darwin":
    kib //= 1024
others = [v for k, v in peaks.items() if k != proc.pid]
print(json.dumps({"seconds": seconds, "maxrss_kib": kib,
                  "tree_peak": max(tree_sampled, kib * 1024 + sum(others)) if peaks else 0,
                  "worker_peak": max(others, default=0), "n_procs": len(peaks),
                  "rc": proc.returncode, "stderr": stderr}))
"""

SPIN = "x = 0\nfor i in range(10_000_000): x += i"


def cpu_ceiling(jobs: int) -> float:
    """How much faster ``jobs`` CPU-bound processes finish than one after another (ideal: jobs)."""
    import time

    def wall(n: int) -> float:
        t0 = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(n)]
        for p in procs:
            p.wait()
        return time.perf_counter() - t0

    return jobs * wall(1) / wall(jobs)


def run_once(corpus: Path, jobs: int, manifest: Path | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as out:
        cmd = [
            sys.executable,
            "-m",
            "plan_extract.cli",
            "batch",
            str(corpus),
            "-o",
            out,
            "--jobs",
            str(jobs),
            "--force",
        ]
        if manifest is not None:
            cmd += ["--manifest", str(manifest)]
        res = subprocess.run(
            [sys.executable, "-c", WRAPPER, *cmd], capture_output=True, text=True, check=True
        )
        info = json.loads(res.stdout)
        if info["rc"] not in (0, 1):
            raise SystemExit(f"batch failed (exit {info['rc']}):\n{info['stderr']}")
        info["docs"] = len(list(Path(out, ".plan-extract", "state").rglob("*.json")))
        return info


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "corpora"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    corpus = Path(args.corpus)
    manifest = corpus / "manifest.json"
    chars = sum(len(p.read_bytes()) for p in corpus.rglob("*.txt"))
    print(
        f"corpus {corpus}: {chars / 1e6:.1f} MB of .txt; cores available: "
        f"{len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()}"
    )
    rates: dict[int, float] = {}
    for jobs in args.jobs:
        runs = [
            run_once(corpus, jobs, manifest if manifest.exists() else None)
            for _ in range(args.runs)
        ]
        seconds = statistics.median(r["seconds"] for r in runs)
        docs = runs[0]["docs"]
        rates[jobs] = docs / seconds
        main_peak = max(r["maxrss_kib"] for r in runs) / 1024
        tree_peak = max(r["tree_peak"] for r in runs) / 2**20
        worker_peak = max(r["worker_peak"] for r in runs) / 2**20
        n_procs = max(r["n_procs"] for r in runs)
        inner = re.search(r"\(([0-9.]+) docs/s\)", runs[len(runs) // 2]["stderr"])
        print(
            f"--jobs {jobs}: {docs} docs in {seconds:.2f} s wall (median of {args.runs}) = "
            f"{rates[jobs]:.1f} docs/s"
            + (f" ({inner.group(1)} docs/s inside the batch, start-up excluded)" if inner else "")
        )
        print(
            f"          peak RSS: main process {main_peak:.0f} MiB, largest other process "
            f"{worker_peak:.0f} MiB, whole process tree ({n_procs} processes) at most "
            f"{tree_peak:.0f} MiB"
        )
    if 1 in rates and 2 in rates:
        print(f"ratio jobs2/jobs1: {rates[2] / rates[1]:.2f}  (goal >= 1.7)")
        print(
            f"machine ceiling: 2 CPU-bound Python processes run {cpu_ceiling(2):.2f}x as fast as "
            "one after the other (2.0 on two free cores)"
        )


if __name__ == "__main__":
    main()
