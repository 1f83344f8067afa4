"""Bounded time: a 1 MB adversarial text against a 1 MB normal report text.

    python benchmarks/bench_adversarial.py [--chars N] [--no-classes] [--slow-classes]

The adversarial text interleaves blocks (a few thousand characters each, one
per line) of: long digit runs, ``以上以上以上…``, nested brackets and quotes,
many short quantities (``1个1个…``, ``37家5项…``) and Chinese numeral runs.  The normal
text is the national reports in ``corpora/national`` concatenated, cut to the
same length.  Prints seconds for each and the ratio adversarial / normal
(issue 7 asks for at most 5).

Then, per input class, the time at 50k and 200k characters: the growth factor
is ~4 for linear work and ~16 for quadratic work, and "s/MB" extrapolates the
200k figure linearly.  ``--slow-classes`` adds classes that were found to be
quadratic (spaced-out digits, comma-grouped digit runs); they are measured at
10k and 40k characters only, since at 1 MB they would run for minutes.
No assertion: the figures go into the report.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
T = TypeVar("T")
HAN = "国内生产总值增长就业城镇新增人口居民收入消费价格粮食产量节能减排单位能耗投资项目企业建设"


def _fill(unit: Callable[[random.Random], str], n: int, rng: random.Random) -> str:
    parts: list[str] = []
    size = 0
    while size < n:
        s = unit(rng)
        parts.append(s)
        size += len(s)
    return "".join(parts)[:n]


# Each class: a function (rng, n) -> n characters.
CLASSES: dict[str, Callable[[random.Random, int], str]] = {
    "digit-runs": lambda rng, n: _fill(
        lambda r: (
            "增长"
            + "".join(r.choice("0123456789") for _ in range(r.randint(20, 400)))
            + r.choice(["%", "亿元", "万人", "，", ""])
        ),
        n,
        rng,
    ),
    "yishang-runs": lambda rng, n: _fill(
        lambda r: (
            f"增长{r.randint(1, 99)}%"
            + "以上" * r.randint(50, 500)
            + "左右以内" * r.randint(0, 20)
            + "。"
        ),
        n,
        rng,
    ),
    "brackets-quotes": lambda rng, n: _fill(
        lambda r: (
            "（" * r.randint(1, 60)
            + "“" * r.randint(0, 40)
            + f"增长{r.randint(1, 9)}%"
            + "”" * r.randint(0, 40)
            + "）" * r.randint(0, 60)
            + "".join(r.choice("（）()“”‘’《》【】[]") for _ in range(r.randint(0, 80)))
        ),
        n,
        rng,
    ),
    # 1个1个…, with varied numbers and units so that lines do not repeat (repeated
    # paragraphs are skipped as duplicates, which would hide the cost)
    "short-quantities": lambda rng, n: _fill(
        lambda r: f"{r.randint(1, 99)}{r.choice('个家项元')}" if r.random() < 0.9 else "1个",
        n,
        rng,
    ),
    "cn-numeral-runs": lambda rng, n: _fill(
        lambda r: (
            "".join(r.choice("一二三四五六七八九十百千万亿零两") for _ in range(r.randint(10, 300)))
            + r.choice(["元", "个", "%", "万吨", "，"])
        ),
        n,
        rng,
    ),
}
SLOW_CLASSES: dict[str, Callable[[random.Random, int], str]] = {
    "spaced-digits": lambda rng, n: ("1 2 3 4 5 6 7 8 9 0 " * (n // 20 + 1))[:n],
    "spaced-decimals": lambda rng, n: ("1 . 5 " * (n // 6 + 1))[:n],
    "comma-groups": lambda rng, n: ("123," * (n // 4 + 1))[:n],
}


def adversarial_text(n_chars: int, seed: int = 7, block: int = 4000) -> str:
    """Blocks of every class in turn, one block per line, until ``n_chars``."""
    rng = random.Random(seed)
    names = list(CLASSES)
    parts: list[str] = []
    size = 0
    i = 0
    while size < n_chars:
        b = CLASSES[names[i % len(names)]](rng, block) + "\n"
        parts.append(b)
        size += len(b)
        i += 1
    return "".join(parts)[:n_chars]


def normal_text(n_chars: int) -> str:
    from plan_extract.io import read_text

    files = sorted((ROOT / "corpora" / "national").glob("*.txt"))
    text = "\n\n".join(read_text(p) for p in files)
    while len(text) < n_chars:
        text += "\n\n" + text
    return text[:n_chars]


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--chars", type=int, default=1_000_000, help="size of each text (default 1,000,000)"
    )
    ap.add_argument("--no-classes", action="store_true", help="skip the per-class table")
    ap.add_argument(
        "--slow-classes", action="store_true", help="also measure the quadratic classes"
    )
    args = ap.parse_args()

    from plan_extract import __version__
    from plan_extract.pipeline import parse

    parse("今年国内生产总值增长5%左右。")  # warm-up: lexicon, patterns, jieba

    normal = normal_text(args.chars)
    adversarial = adversarial_text(args.chars)
    t_norm, d_norm = timed(lambda: parse(normal))
    t_adv, d_adv = timed(lambda: parse(adversarial))
    n_norm = len(d_norm.targets)
    n_adv = len(d_adv.targets)
    print(f"plan_extract {__version__}")
    print(
        f"normal       {len(normal):>9,} chars {len(normal.encode()):>10,} bytes  {t_norm:7.2f} s  {n_norm:>7,} records"
    )
    print(
        f"adversarial  {len(adversarial):>9,} chars {len(adversarial.encode()):>10,} bytes  {t_adv:7.2f} s  {n_adv:>7,} records"
    )
    print(f"ratio adversarial / normal: {t_adv / t_norm:.2f} (target <= 5)")

    if args.no_classes:
        return
    print("\nper class: seconds at two sizes, growth (4 = linear, 16 = quadratic), s/MB, records")
    rows = [(name, fn, 50_000, 200_000) for name, fn in CLASSES.items()]
    if args.slow_classes:
        rows += [(name, fn, 10_000, 40_000) for name, fn in SLOW_CLASSES.items()]
    for name, fn, small, big in rows:
        t_small, _ = timed(partial(parse, fn(random.Random(1), small)))
        t_big, doc = timed(partial(parse, fn(random.Random(1), big)))
        growth = t_big / max(t_small, 1e-4)
        per_mb = t_big * 1_000_000 / big
        print(
            f"  {name:18s} {small // 1000:>3}k {t_small:7.3f} s  {big // 1000:>3}k {t_big:7.3f} s"
            f"  x{growth:5.1f}  {per_mb:8.1f} s/MB  {len(doc.targets):>7,}"
        )
    print(
        f"  {'normal (reference)':18s} {'':>24}  {'':>6}  {t_norm * 1_000_000 / len(normal):8.1f} s/MB"
    )


if __name__ == "__main__":
    main()
