"""``plan-extract export-labelstudio`` / ``import-labelstudio``: registered by :mod:`plan_extract.cli`.

The Label Studio code is imported only when a command runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

__all__ = ["register", "run_export", "run_import"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    e = subparsers.add_parser(
        "export-labelstudio",
        help="gold or document JSON -> Label Studio tasks with pre-annotations",
        description=(
            "Write one Label Studio task per document: data.text is the source text (read "
            "from the corpus folder via the document's source_file), each record a region "
            "labelled with its kind plus per-region attributes. Import the tasks with the "
            "labeling config written by --config."
        ),
    )
    e.add_argument(
        "paths", nargs="+", metavar="GOLD_OR_JSON", help="gold / document JSON files or folders"
    )
    e.add_argument("-o", "--output", required=True, help="tasks JSON file to write")
    e.add_argument("--config", default=None, help="also write the labeling-config XML here")
    e.add_argument(
        "--corpus", default="corpora", help="folder holding the source files (default: ./corpora)"
    )
    e.add_argument(
        "--as-annotations",
        action="store_true",
        help="write the records as annotations (checked gold) instead of predictions",
    )
    e.set_defaults(handler=run_export)

    i = subparsers.add_parser(
        "import-labelstudio",
        help="a Label Studio JSON export -> one gold file per task",
        description=(
            "Read a Label Studio JSON export (Export -> JSON) and write GOLD_DIR/<doc_id>.json "
            "per task, from its latest submitted annotation (or its prediction when it has none)."
        ),
    )
    i.add_argument("export", metavar="EXPORT.json")
    i.add_argument("-o", "--output", dest="out_dir", metavar="GOLD_DIR", required=True)
    i.add_argument(
        "--annotated-only",
        action="store_true",
        help="skip tasks without a submitted annotation instead of importing their predictions",
    )
    i.set_defaults(handler=run_import)


def _source_text(source_file: str, corpus: Path, json_path: Path) -> str:
    from .errors import InputFileError
    from .io import read_text

    candidates = [corpus / source_file, Path(source_file), json_path.parent / source_file]
    for c in candidates:
        if c.is_file():
            return read_text(c)
    raise InputFileError(corpus / source_file, "source text not found (set --corpus)")


def run_export(args: argparse.Namespace) -> int:
    from .errors import PlanExtractError
    from .gold import gold_files, load_gold
    from .io import write_atomic
    from .labelstudio import document_to_task, labeling_config

    corpus = Path(args.corpus)
    tasks = []
    try:
        for raw in args.paths:
            for f in gold_files(raw):
                doc = load_gold(f)
                if not doc.source_file:
                    print(f"plan-extract: error: {f}: source_file is empty", file=sys.stderr)
                    return 2
                text = _source_text(doc.source_file, corpus, f)
                tasks.append(document_to_task(doc, text, as_annotations=args.as_annotations))
    except PlanExtractError as exc:
        print(f"plan-extract: error: {exc}", file=sys.stderr)
        return 2
    write_atomic(args.output, json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
    if args.config:
        write_atomic(args.config, labeling_config())
    return 0


def run_import(args: argparse.Namespace) -> int:
    from .errors import PlanExtractError
    from .gold import save_gold
    from .labelstudio import gold_file_name, load_export

    try:
        docs = load_export(args.export, use_predictions=not args.annotated_only)
    except PlanExtractError as exc:
        print(f"plan-extract: error: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names: dict[str, int] = {}
    for n, doc in enumerate(docs):
        name = gold_file_name(doc, n)
        if name in names:
            print(
                f"plan-extract: error: tasks {names[name]} and {n} both map to {name}",
                file=sys.stderr,
            )
            return 2
        names[name] = n
    for name, n in names.items():
        save_gold(docs[n], out / name)
    return 0
