"""Extraction throughput (characters/s) over the bundled corpora vs ``jieba.lcut``, same process.

    python benchmarks/bench_throughput.py [CORPUS_DIR] [--repeat N]

Prints both rates and their ratio (issue 4 asks for extract ≥ 2.0 × jieba.lcut).
Both sides are warmed up first (jieba's dictionary loaded, the extractor's
patterns compiled), then timed over every ``.txt`` file; the best of N passes
counts.  No assertion: the figures go into the README.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def best_of(repeat: int, fn) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "corpora"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import jieba

    from plan_extract import __version__
    from plan_extract.formats import load_text
    from plan_extract.pipeline import parse

    texts = [
        load_text(p).text
        for p in sorted(Path(args.corpus).rglob("*.txt"))
        if p.name != "README.txt"
    ]
    chars = sum(len(t) for t in texts)

    tokenizer = jieba.Tokenizer()  # a private instance, as the extractor would use
    tokenizer.initialize()
    tokenizer.lcut(texts[0])
    parse(texts[0])  # warm-up: lexicon, regexes, any lazy jieba set-up

    from plan_extract.lexicon import default_lexicon

    def cold_memos() -> list:
        # every pass starts with empty memo tables, so repeated passes are not flattered
        default_lexicon()._memos.clear()
        return [parse(t) for t in texts]

    t_extract = best_of(args.repeat, cold_memos)
    t_jieba = best_of(args.repeat, lambda: [tokenizer.lcut(t) for t in texts])
    rate_extract = chars / t_extract
    rate_jieba = chars / t_jieba
    print(
        f"plan_extract {__version__}: {len(texts)} documents, {chars:,} characters (best of {args.repeat})"
    )
    print(f"extract (parse)  {t_extract:8.2f} s  {rate_extract:12,.0f} chars/s")
    print(f"jieba.lcut       {t_jieba:8.2f} s  {rate_jieba:12,.0f} chars/s")
    print(f"ratio extract/jieba: {rate_extract / rate_jieba:.2f}  (goal >= 2.0)")


if __name__ == "__main__":
    main()
