"""``plan-extract compare``: many reports → one table of targets, changes or fulfilment.

Registered by :mod:`plan_extract.cli`; everything heavy (pandas, the
extractor) is imported when the command runs, not when ``--help`` is built.
"""

from __future__ import annotations

import argparse
import sys

__all__ = ["register", "run_compare"]

_TABLES = ("targets", "changes", "fulfilment")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "compare",
        help="one table of targets across years and regions (or their changes, or fulfilment)",
        description=(
            "Line up the targets of many reports by canonical indicator. PATHS are report "
            ".txt files (parsed; metadata from a manifest.json beside them or the file name), "
            "document JSON files from `plan-extract extract`, or folders of them."
        ),
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="report .txt, document .json, or folder"
    )
    p.add_argument(
        "--region", action="append", default=None, help="keep only this region (repeatable)"
    )
    p.add_argument(
        "--indicator",
        action="append",
        default=None,
        help="keep only this indicator: an id (gdp) or a wording (地区生产总值); repeatable",
    )
    p.add_argument(
        "--table",
        choices=_TABLES,
        default="targets",
        help="targets: one row per region × indicator × year (default); changes: how each "
        "region's targets moved year on year; fulfilment: each target against the achieved figure",
    )
    p.add_argument(
        "--stance",
        choices=("target", "achieved", "forecast", "all"),
        default="all",
        help="for --table targets: keep only this stance (default: all)",
    )
    p.add_argument(
        "-o",
        "--output",
        default=None,
        help="write the table here: .csv, .xlsx, .html or .md (default: CSV on stdout)",
    )
    p.add_argument(
        "--max-bytes", type=int, default=None, help="refuse report files larger than this"
    )
    p.set_defaults(handler=run_compare)


def run_compare(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .comparison import compare, diff_table, fulfilment, load_documents, write_table
    from .errors import PlanExtractError
    from .indicators import indicator_for, load_indicators

    out = Path(args.output) if args.output else None
    if out is not None and out.suffix.lower() not in (
        ".csv",
        ".xlsx",
        ".html",
        ".htm",
        ".md",
        ".markdown",
    ):
        print(
            f"plan-extract: error: {out}: unknown table format (use .csv, .xlsx, .html or .md)",
            file=sys.stderr,
        )
        return 2
    indicators: set[str] | None = None
    if args.indicator:
        lex = load_indicators()
        indicators = set()
        for name in args.indicator:
            iid = name if name in lex.indicators else indicator_for(name)
            if iid is None:
                print(f"plan-extract: error: unknown indicator {name!r}", file=sys.stderr)
                return 2
            indicators.add(iid)
    try:
        docs = load_documents(args.paths, max_bytes=args.max_bytes)
    except PlanExtractError as exc:
        print(f"plan-extract: error: {exc}", file=sys.stderr)
        return 2
    if args.region:
        wanted = set(args.region)
        docs = [d for d in docs if d.region in wanted]
    if args.table == "targets":
        stances = None if args.stance == "all" else [args.stance]
        df = compare(docs, stances=stances)
    elif args.table == "changes":
        df = diff_table(docs)
    else:
        df = fulfilment(docs)
    if indicators is not None and not df.empty:
        df = df[df["indicator"].isin(indicators)].reset_index(drop=True)
    if out is None:
        sys.stdout.write(df.to_csv(index=False))
    else:
        write_table(df, out)
        print(f"plan-extract: wrote {len(df)} rows to {out}", file=sys.stderr)
    return 0
