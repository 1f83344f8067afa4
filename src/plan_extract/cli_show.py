"""``plan-extract show``: a review page for one report; registered by :mod:`plan_extract.cli`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["register", "run_show"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    s = subparsers.add_parser(
        "show",
        help="write a self-contained HTML review page: highlighted text beside a records table",
        description=(
            "Extract the records of FILE (or take them from --records, e.g. a gold file) and "
            "write one HTML page with no external resources: the text with every record "
            "highlighted by stance, fields on hover, a sortable table; click a row to jump."
        ),
    )
    s.add_argument("file", metavar="FILE", help="report text (.txt in any common encoding)")
    s.add_argument("--year", type=int, default=None, help="report year (inferred if omitted)")
    s.add_argument("--region", default=None)
    s.add_argument("--level", default=None)
    s.add_argument(
        "--records",
        default=None,
        metavar="JSON",
        help="show the records of this gold / document JSON instead of extracting",
    )
    s.add_argument("--title", default=None, help="page title (default: the document id or file)")
    s.add_argument("-o", "--output", required=True, help="HTML file to write")
    s.set_defaults(handler=run_show)


def run_show(args: argparse.Namespace) -> int:
    from .errors import PlanExtractError
    from .io import read_text, write_atomic
    from .show import render_review_page

    try:
        text = read_text(args.file)
        if args.records:
            from .gold import load_gold

            doc = load_gold(args.records)
        else:
            from .pipeline import parse

            doc = parse(
                text,
                year=args.year,
                region=args.region,
                level=args.level,
                doc_id=Path(args.file).stem,
                source_file=str(args.file),
            )
    except PlanExtractError as exc:
        print(f"plan-extract: error: {exc}", file=sys.stderr)
        return 2
    write_atomic(args.output, render_review_page(text, doc, title=args.title))
    return 0
