"""Cold start: ``plan-extract extract`` on one report vs ``import jieba; jieba.initialize()``.

    python benchmarks/bench_coldstart.py [REPORT] [--runs 5]

Each command runs in a fresh interpreter; one untimed warm-up each (so both
see a warm disk cache and jieba's cached dictionary), then the median of
``--runs`` alternating runs.  Prints the ratio (issue 4 asks for ≤ 1.3).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def plan_extract_cmd() -> list[str]:
    script = Path(sys.executable).with_name("plan-extract")
    if script.exists():
        return [str(script)]
    found = shutil.which("plan-extract")
    return [found] if found else [sys.executable, "-m", "plan_extract.cli"]


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", nargs="?", default=str(ROOT / "corpora" / "bengbu-gxq-2023.txt"))
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    extract = [*plan_extract_cmd(), "extract", args.report]
    jieba_init = [sys.executable, "-c", "import jieba; jieba.initialize()"]
    timed(extract)
    timed(jieba_init)
    t_extract: list[float] = []
    t_jieba: list[float] = []
    for _ in range(args.runs):
        t_extract.append(timed(extract))
        t_jieba.append(timed(jieba_init))
    m_extract, m_jieba = statistics.median(t_extract), statistics.median(t_jieba)
    print(
        f"plan-extract extract {Path(args.report).name}: median {m_extract:.3f} s of {args.runs} "
        f"(min {min(t_extract):.3f}, max {max(t_extract):.3f})"
    )
    print(
        f"import jieba; jieba.initialize(): median {m_jieba:.3f} s of {args.runs} "
        f"(min {min(t_jieba):.3f}, max {max(t_jieba):.3f})"
    )
    print(f"ratio extract/jieba: {m_extract / m_jieba:.2f}  (goal <= 1.3)")


if __name__ == "__main__":
    main()
