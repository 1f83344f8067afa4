"""``plan-extract batch``: registered by :mod:`plan_extract.cli`; imports the batch code only when run."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .batch import FileResult


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    b = subparsers.add_parser(
        "batch",
        help="convert a folder of reports to document JSON plus one table of every record",
        description=(
            "Walk IN_DIR (.txt, .html/.htm, .docx, .pdf), write OUT_DIR/<path>.json per document "
            "and OUT_DIR/targets.jsonl with every record. Resumable: up-to-date outputs are "
            "skipped. Exit 0 when every file succeeded, 1 when some failed (see errors.jsonl)."
        ),
    )
    b.add_argument("in_dir", metavar="IN_DIR", help="folder of reports (walked recursively)")
    b.add_argument("-o", "--output", dest="out_dir", metavar="OUT_DIR", required=True)
    b.add_argument(
        "-j", "--jobs", type=int, default=None, help="worker processes (default: all cores)"
    )
    b.add_argument(
        "--manifest", default=None, help="CSV or JSON: file -> doc_id, region, year, level"
    )
    b.add_argument(
        "--table", choices=("csv", "parquet"), default=None, help="also write targets.csv/.parquet"
    )
    b.add_argument("--engine", choices=("local", "dask"), default="local")
    b.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="Dask scheduler (default: a local cluster)",
    )
    b.add_argument("--force", action="store_true", help="redo every document, even up-to-date ones")
    b.add_argument(
        "--max-bytes", type=int, default=None, help="refuse files larger than this (default 64 MB)"
    )
    b.set_defaults(handler=run)


class _Bar:
    """tqdm bar (documents/s and ETA) on a terminal; silent otherwise."""

    def __init__(self) -> None:
        self._bar: Any = None

    def start(self, total: int, skipped: int) -> None:
        if not sys.stderr.isatty() or total == 0:
            return
        from tqdm import tqdm

        # No monitor thread (it refreshes stalled bars; this one moves with every document):
        # the workers are forked from this process only while it has a single thread.
        tqdm.monitor_interval = 0
        self._bar = tqdm(
            total=total,
            unit="doc",
            desc="batch",
            file=sys.stderr,
            postfix=f"{skipped} up to date" if skipped else None,
            dynamic_ncols=True,
        )

    def advance(self, result: FileResult) -> None:
        if self._bar is not None:
            self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def run(args: argparse.Namespace) -> int:
    if args.engine == "local":
        from ._pool import prestart

        prestart(args.jobs)  # the fork server warms up while the batch code loads and plans
    from .batch import run_batch
    from .errors import PlanExtractError

    bar = _Bar()
    try:
        summary = run_batch(
            args.in_dir,
            args.out_dir,
            jobs=args.jobs,
            manifest=args.manifest,
            table=args.table,
            engine=args.engine,
            scheduler=args.scheduler,
            force=args.force,
            max_bytes=args.max_bytes,
            progress=bar,
        )
    except PlanExtractError as exc:
        bar.close()
        print(f"plan-extract: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        bar.close()
        print("plan-extract: interrupted; run again to resume", file=sys.stderr)
        return 130
    bar.close()
    done, skipped, failed = summary.count("done"), summary.count("skipped"), summary.count("failed")
    rate = f" ({summary.docs_per_second:.1f} docs/s)" if done else ""
    print(
        f"{len(summary.results)} documents: {done} converted{rate}, {skipped} up to date, "
        f"{failed} failed; {summary.n_targets} records in {summary.seconds:.1f} s",
        file=sys.stderr,
    )
    for path in summary.outputs:
        print(f"wrote {path}", file=sys.stderr)
    for r in summary.failed[:20]:
        print(f"  failed: {r.rel}: {r.error_class}: {r.message}", file=sys.stderr)
    if failed > 20:
        print(f"  … and {failed - 20} more in errors.jsonl", file=sys.stderr)
    return summary.exit_code
