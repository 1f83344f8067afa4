"""Command line: a thin layer over the library's functions.

Each subcommand registers its arguments here and imports its module only when
it runs, so that ``plan-extract --help`` and a cold ``extract`` stay fast.
Exit codes: 0 success, 1 some documents failed / a floor was not met,
2 bad input or usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

Handler = Callable[[argparse.Namespace], int]


def _cmd_extract(args: argparse.Namespace) -> int:
    from .chunked import parse_chunked
    from .errors import PlanExtractError
    from .io import read_text_with_warnings

    try:
        text, warnings = read_text_with_warnings(args.file, max_bytes=args.max_bytes)
    except PlanExtractError as exc:
        print(f"plan-extract: error: {exc}", file=sys.stderr)
        return 2
    doc = parse_chunked(  # big texts in paragraph-aligned chunks: bounded memory
        text,
        year=args.year,
        region=args.region,
        level=args.level,
        doc_id=args.doc_id,
        source_file=str(args.file),
    )
    if warnings:  # decoding notes (GB18030, a truncated last character …) travel with the records
        doc = doc.model_copy(update={"warnings": [*warnings, *doc.warnings]})
        for w in warnings:
            print(f"plan-extract: warning: {args.file}: {w}", file=sys.stderr)
    if args.format == "table":
        out = format_table(doc)
    else:
        out = doc.to_json(indent=2) + "\n"
    if args.output:
        from .io import write_atomic

        write_atomic(args.output, out)
    else:
        sys.stdout.write(out)
    return 0


def format_table(doc: object) -> str:
    """One line per record: id, stance, quote, metric, action, value, unit, comparator, horizon."""
    from .models import Document

    if not isinstance(doc, Document):
        raise TypeError("format_table needs a Document")
    lines = [
        f"# {doc.doc_id or doc.source_file or '-'}  year={doc.year}  region={doc.region or '-'}  records={len(doc.targets)}"
    ]
    for t in doc.targets:
        val = "" if t.value is None else f"{t.value:g}" + (f"–{t.value_max:g}" if t.value_max is not None else "")
        lines.append(
            "\t".join(
                [
                    t.id,
                    t.stance.value,
                    t.kind.value,
                    t.text.replace("\n", " "),
                    t.metric or "-",
                    t.action or "-",
                    val,
                    t.unit or "-",
                    t.comparator.value if t.comparator else "-",
                    str(t.horizon) if t.horizon is not None else "-",
                ]
            )
        )
    return "\n".join(lines) + "\n"


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluation import run_evaluate

    return run_evaluate(args)


def _non_negative(value: str) -> int:
    n = int(value)
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, not {n}")
    return n


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    p = argparse.ArgumentParser(
        prog="plan-extract",
        description="Extract quantified targets from Chinese government work reports.",
    )
    p.add_argument("--version", action="version", version=f"plan-extract {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("extract", help="extract the records of one report as document JSON")
    e.add_argument("file", help="report text (.txt in any common encoding)")
    e.add_argument("--year", type=int, default=None, help="report year (inferred if omitted)")
    e.add_argument("--region", default=None)
    e.add_argument("--level", default=None)
    e.add_argument("--doc-id", default=None)
    e.add_argument("-o", "--output", default=None, help="write JSON here instead of stdout")
    e.add_argument(
        "--format", choices=["json", "table"], default="json", help="document JSON (default) or a table"
    )
    e.add_argument(
        "--max-bytes", type=_non_negative, default=None, help="refuse files larger than this (default 64 MB)"
    )
    e.set_defaults(handler=_cmd_extract)

    v = sub.add_parser("evaluate", help="score the extractor against gold files")
    v.add_argument("--gold", required=True, help="a gold JSON file or a folder of them")
    v.add_argument("--corpus", default=None, help="folder holding the source files (default: ./corpora)")
    v.add_argument("--errors", action="store_true", help="list missed, spurious and wrong records")
    v.add_argument("--min-f1", type=float, default=None, help="exit 1 if micro detection F1 is below")
    v.add_argument("--strict-min-f1", type=float, default=None, help="exit 1 if micro strict F1 is below")
    v.add_argument("--json", action="store_true", help="print the scores as JSON")
    v.set_defaults(handler=_cmd_evaluate)

    # --- other subcommands register below (batch, compare, show, labelstudio) ---
    for register in _extra_registrations():
        register(sub)
    return p


def _extra_registrations() -> list[Callable[[argparse._SubParsersAction], None]]:
    """Subcommands defined beside their modules; each module's ``register`` must import nothing heavy."""
    regs: list[Callable[[argparse._SubParsersAction], None]] = []
    import importlib

    for name in ("cli_batch", "cli_compare", "cli_show", "cli_labelstudio"):
        try:
            mod = importlib.import_module(f"plan_extract.{name}")
        except ModuleNotFoundError as exc:  # a subcommand module not present in this build
            if exc.name != f"plan_extract.{name}":
                raise
            continue
        regs.append(mod.register)
    return regs


def main(argv: Sequence[str] | None = None) -> int:
    return _dispatch(build_parser().parse_args(argv))


def _dispatch(args: argparse.Namespace) -> int:
    handler: Handler = args.handler
    try:
        return handler(args)
    except ImportError as exc:
        # an optional extra that is not installed (pandas for compare, dask for --engine dask …)
        print(f"plan-extract: error: {exc}", file=sys.stderr)
        return 2


# Subcommands whose every output is written and closed (atomically, by ``with`` blocks) when
# their handler returns, so that the program can end without the interpreter's teardown.
_NO_TEARDOWN = frozenset({"batch", "extract"})


def run(argv: Sequence[str] | None = None) -> int:
    """The ``plan-extract`` program: :func:`main`, ending ``batch`` and ``extract`` without teardown.

    Freeing what a run leaves in memory one object at a time (jieba's half a million
    dictionary entries, the patterns, the modules) takes 0.05–0.1 s after the last output
    is written, during which a caller waiting for the process (or for its stderr) waits
    too.  Those two commands end with ``os._exit`` instead, after every other exit handler
    (multiprocessing's, logging's) has run and stdout and stderr are flushed; any other
    ending (an exception, a failed flush, an exit handler registered before this one, which
    could not run after it) is the interpreter's usual one.  :func:`main`,
    which tests and other Python code call, never exits.
    """
    args = build_parser().parse_args(argv)
    code: list[int] = []
    if args.command in _NO_TEARDOWN:
        import atexit

        # Registered first, it runs last; if something registered a handler before (a
        # sitecustomize, coverage), that one would be skipped: then exit as usual.
        if getattr(atexit, "_ncallbacks", lambda: 1)() == 0:
            atexit.register(_exit_without_teardown, code)
    rc = _dispatch(args)
    code.append(rc)
    return rc


def _exit_without_teardown(code: list[int]) -> None:
    if not code:  # the command raised: let the interpreter report it as usual
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - e.g. a closed pipe: the interpreter's own handling applies
        return
    import os

    os._exit(code[0])


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(run())
