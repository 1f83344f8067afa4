"""Big inputs: a 50 MB report file through ``parse_chunked``, wall time and peak RSS.

    python benchmarks/bench_bigfile.py [--mb 50] [--chunk-chars 2000000] [--keep DIR]

Builds a file of ``--mb`` megabytes (UTF-8) by repeating the bundled corpora
(every ``corpora/**/*.txt``).  Each copy's lines get a short Latin tag so that
copies do not repeat each other's paragraphs (repeated paragraphs are skipped
as duplicates, which would make the run look cheaper than real text).

Each measurement runs in a fresh Python process so that its peak RSS
(``resource.getrusage(...).ru_maxrss``) is its own:

* ``baseline``: import the package, read and decode the file;
* ``chunk``: ``parse`` of one chunk (``--chunk-chars`` characters), alone;
* ``whole-N``: ``parse`` of the first N characters in one piece, for a few N,
  to show how the one-piece working set grows with the text;
* ``discard``: the same chunks parsed one by one, records counted and dropped:
  the working set of the chunking alone;
* ``chunked``: read the whole file and ``parse_chunked`` it, then ``to_json``:
  what ``plan-extract extract`` does (the records are kept: they are the output).

Memory is bounded when ``chunked`` peak ≈ baseline + one chunk's working set
+ the records (which are the output and grow with the input), rather than
growing like the ``whole-N`` series.  No assertion: the figures go into the
report.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from plan_extract.io import read_text
from plan_extract.chunked import parse_chunked
from plan_extract.pipeline import parse
mode, path, arg = sys.argv[1], sys.argv[2], int(sys.argv[3])
import os
text = read_text(path, max_bytes=os.path.getsize(path))
out = {"chars": len(text)}
t1 = time.perf_counter()
if mode == "chunk" or mode == "whole":
    piece = text[:arg]
    del text
    doc = parse(piece)
    out["chars"] = len(piece)
    out["records"] = len(doc.targets)
elif mode == "chunked":
    doc = parse_chunked(text, chunk_chars=arg)
    out["records"] = len(doc.targets)
    out["parse_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t2 = time.perf_counter()
    js = doc.to_json(indent=2)
    out["json_chars"] = len(js)
    out["to_json_s"] = time.perf_counter() - t2
elif mode == "discard":
    from plan_extract.chunked import chunk_bounds
    n = 0
    for s, e in chunk_bounds(text, arg):
        n += len(parse(text[s:e]).targets)
    out["records"] = n
out["parse_s"] = time.perf_counter() - t1
out["total_s"] = time.perf_counter() - t0
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def _tag(k: int) -> str:
    s = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        s = chr(ord("a") + r) + s
    return s


def build_file(path: Path, megabytes: float) -> int:
    """Write ``megabytes`` MB of repeated, tagged corpus text to ``path``; return its size in bytes."""
    from plan_extract.io import read_text

    files = sorted(p for p in (ROOT / "corpora").rglob("*.txt") if p.name != "README.txt")
    corpus = "\n\n".join(read_text(p) for p in files)
    lines = corpus.split("\n")
    target = int(megabytes * 1_000_000)
    size = 0
    k = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        while size < target:
            tag = f" [copy {_tag(k)}]"
            block = "\n".join(line + tag if line.strip() else line for line in lines) + "\n\n"
            data = block.encode("utf-8")
            if size + len(data) > target:
                cut = data[: target - size].decode("utf-8", errors="ignore")
                cut = cut[: cut.rfind("\n") + 1] or cut
                data = cut.encode("utf-8")
            f.write(data.decode("utf-8"))
            size += len(data)
            k += 1
            if not data:
                break
    return path.stat().st_size


def run_child(mode: str, path: Path, arg: int) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(path), str(arg)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0, help="file size in MB (default 50)")
    ap.add_argument("--chunk-chars", type=int, default=2_000_000)
    ap.add_argument(
        "--whole",
        default="1000000,2000000,4000000",
        help="comma-separated sizes (chars) parsed in one piece, for comparison",
    )
    ap.add_argument("--keep", default=None, help="build the file in this folder and keep it")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"big-{args.mb:g}mb.txt"
        size = build_file(path, args.mb)
        print(f"file: {path.name}  {size:,} bytes")

        base = run_child("chunk", path, 0)
        print(
            f"baseline (import + read + decode)  peak RSS {base['peak_rss_mb']:8.1f} MB  ({base['total_s']:.2f} s)"
        )
        one = run_child("chunk", path, args.chunk_chars)
        print(
            f"one chunk  {one['chars']:>11,.0f} chars  parse {one['parse_s']:7.2f} s  "
            f"peak RSS {one['peak_rss_mb']:8.1f} MB  ({one['records']:,.0f} records)"
        )
        for n in (int(x) for x in args.whole.split(",") if x):
            w = run_child("whole", path, n)
            print(
                f"whole-{n:<10,} one piece  parse {w['parse_s']:7.2f} s  "
                f"peak RSS {w['peak_rss_mb']:8.1f} MB  (+{w['peak_rss_mb'] - base['peak_rss_mb']:.1f} MB over baseline)"
            )
        d = run_child("discard", path, args.chunk_chars)
        print(
            f"discard    {d['chars']:>11,.0f} chars  parse {d['parse_s']:7.2f} s  "
            f"peak RSS {d['peak_rss_mb']:8.1f} MB  ({d['records']:,.0f} records dropped)"
        )
        c = run_child("chunked", path, args.chunk_chars)
        print(
            f"chunked    {c['chars']:>11,.0f} chars  parse {c['parse_s'] - c['to_json_s']:7.2f} s  "
            f"to_json {c['to_json_s']:.2f} s  wall {c['total_s']:.2f} s"
        )
        print(
            f"           peak RSS after parse {c['parse_peak_rss_mb']:8.1f} MB, after to_json "
            f"{c['peak_rss_mb']:8.1f} MB; {c['records']:,.0f} records, JSON {c['json_chars'] / 1e6:.1f} M chars"
        )
        per_chunk = one["peak_rss_mb"] - base["peak_rss_mb"]
        records_mb = c["parse_peak_rss_mb"] - d["peak_rss_mb"]
        print(
            f"one chunk's working set ≈ {per_chunk:.0f} MB; parsing all chunks and dropping the "
            f"records peaks at {d['peak_rss_mb'] - base['peak_rss_mb']:.0f} MB over baseline; keeping "
            f"the records adds ≈ {records_mb:.0f} MB ({records_mb * 1e6 / max(c['records'], 1):,.0f} bytes/record)"
        )


if __name__ == "__main__":
    main()
