"""``plan-extract evaluate``: run the extractor on the gold documents and score it.

:func:`evaluate_gold` returns a :class:`Report`; :func:`format_report` renders it
as an aligned plain-text table (the README figures come from it);
:func:`run_evaluate` is the CLI handler and the only place here that prints.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .errors import GoldFileError, PlanExtractError
from .gold import check_gold, gold_files, load_gold
from .io import read_text
from .models import Document, Kind, Stance, Target
from .scoring import FIELDS, ErrorRecord, Scores, micro, score

__all__ = ["Report", "annotator_agreement", "default_corpus_dir", "evaluate_gold", "format_report", "run_evaluate"]

ParseFn = Callable[..., Document]


class Report(BaseModel):
    """Scores of every gold document, their micro average, and gold-check warnings."""

    model_config = ConfigDict(frozen=True)

    gold_path: str
    corpus_dir: str
    documents: list[Scores] = Field(default_factory=list)
    micro: Scores
    warnings: list[str] = Field(default_factory=list)


def annotator_agreement(
    first_dir: str | os.PathLike[str], second_dir: str | os.PathLike[str]
) -> list[Scores]:
    """Inter-annotator agreement: each second annotation scored against the first.

    For every gold file in ``second_dir`` (an independent, blind labelling of the same
    document), the records of the first annotation (``first_dir/<same name>``) are the
    reference and the second annotator's non-optional records the predictions, with the
    same scorer as the extractor.  An F1 near 1 says the labels are reproducible; it is
    also the ceiling any extractor can be expected to reach on strict F1.
    """
    out: list[Scores] = []
    for f in gold_files(second_dir):
        first_file = Path(first_dir) / f.name
        if not first_file.is_file():
            raise GoldFileError(f, f"no first annotation {first_file} to compare with")
        first, second = load_gold(first_file), load_gold(f)
        if first.source_file != second.source_file:
            raise GoldFileError(f, f"labels {second.source_file}, the first annotation {first.source_file}")
        predicted = [t for t in second.targets if not t.optional]
        out.append(score(first, predicted, doc_id=first.doc_id or f.stem))
    return out


def default_corpus_dir(gold_path: str | os.PathLike[str]) -> Path:
    """``./corpora`` if it exists, else the ``corpora`` folder beside the gold folder."""
    here = Path("corpora")
    if here.is_dir():
        return here
    g = Path(gold_path)
    gold_dir = g if g.is_dir() else g.parent
    return gold_dir.resolve().parent / "corpora"


def _default_parse() -> ParseFn:
    # Looked up at call time, so that a replaced ``plan_extract.pipeline`` is used.
    module = importlib.import_module("plan_extract.pipeline")
    fn: ParseFn = module.parse
    return fn


def evaluate_gold(
    gold_path: str | os.PathLike[str],
    corpus_dir: str | os.PathLike[str] | None = None,
    *,
    parse: ParseFn | None = None,
) -> Report:
    """Parse each gold document's source text and score the result against the gold.

    ``gold_path`` is a gold file or a folder of them.  Raises ``GoldFileError``
    for a missing or malformed gold file and ``InputFileError`` for an
    unreadable source text.  Gold records that do not fit their text (see
    :func:`~plan_extract.gold.check_gold`) are reported in ``warnings``.
    """
    files = gold_files(gold_path)
    if not files:
        raise GoldFileError(gold_path, "no gold files (*.json) in this folder")
    corpus = Path(corpus_dir) if corpus_dir is not None else default_corpus_dir(gold_path)
    parse_fn = parse if parse is not None else _default_parse()
    # Every gold file is validated before the (slow) extraction starts.
    golds: list[tuple[Path, Document, str]] = []
    for f in files:
        gold = load_gold(f)
        if not gold.source_file:
            raise GoldFileError(f, "source_file is empty", json_path="source_file")
        # stance gold (gold/stance/<file>): the document's achieved and forecast figures,
        # scored only to count target predictions that fall on them
        stance_file = f.parent / "stance" / f.name
        if stance_file.is_file():
            extra = load_gold(stance_file)
            gold = gold.model_copy(update={"targets": [*gold.targets, *extra.targets]})
        golds.append((f, gold, str(gold.source_file)))
    docs: list[Scores] = []
    warnings: list[str] = []
    for f, gold, source_file in golds:
        text = read_text(corpus / source_file)
        for problem in check_gold(gold, text):
            warnings.append(f"{f.name}: {problem}")
        predicted = parse_fn(
            text,
            year=gold.year,
            region=gold.region,
            doc_id=gold.doc_id,
            level=gold.level,
            source_file=source_file,
        )
        docs.append(score(gold, predicted, text=text, doc_id=gold.doc_id or f.stem))
    return Report(
        gold_path=str(gold_path),
        corpus_dir=str(corpus),
        documents=docs,
        micro=micro(docs),
        warnings=warnings,
    )


class StanceRow(BaseModel):
    """Stance on one document of the stance gold (gold/stance/: achieved and forecast figures)."""

    doc_id: str
    labelled: int  # non-optional achieved/forecast figures with a value
    found: int  # … that a prediction overlaps with the same value
    right_stance: int  # … and that prediction has the labelled stance
    predicted_targets: int  # quantified predictions with stance target
    targets_on_achieved: int  # … that fall on a labelled achieved/forecast figure


def evaluate_stance(
    gold_dir: str | os.PathLike[str],
    corpus_dir: str | os.PathLike[str],
    *,
    parse: ParseFn | None = None,
) -> list[StanceRow]:
    """Score stance on ``gold_dir/stance/*.json``: issue 3 asks that at most 3 % of the
    predicted targets be achieved figures."""
    parse_fn = parse if parse is not None else _default_parse()
    rows: list[StanceRow] = []
    stance_dir = Path(gold_dir) / "stance"
    if not stance_dir.is_dir():
        return rows
    for f in gold_files(stance_dir):
        sg = load_gold(f)
        text = read_text(Path(corpus_dir) / str(sg.source_file))
        doc = parse_fn(text, year=sg.year, region=sg.region, level=sg.level, doc_id=sg.doc_id)
        labelled = [g for g in sg.targets if not g.optional and g.value is not None]
        found = right = 0
        for g in labelled:
            hits = [p for p in doc.targets if p.start < g.end and g.start < p.end and p.value == g.value]
            if hits:
                found += 1
                right += any(p.stance == g.stance for p in hits)
        preds = [p for p in doc.targets if p.stance == Stance.TARGET and p.kind != Kind.QUALITATIVE]
        on = sum(1 for p in preds if any(p.start < g.end and g.start < p.end for g in sg.targets))
        rows.append(
            StanceRow(
                doc_id=sg.doc_id or f.stem,
                labelled=len(labelled),
                found=found,
                right_stance=right,
                predicted_targets=len(preds),
                targets_on_achieved=on,
            )
        )
    return rows


# ------------------------------------------------------------------ formatting


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], *, rule_before_last: bool) -> str:
    """Columns aligned: the first left, the others right."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    out = [line(header), rule]
    body = [line(r) for r in rows]
    if rule_before_last and len(body) > 1:
        body.insert(len(body) - 1, rule)
    out.extend(body)
    return "\n".join(out)


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _score_row(s: Scores) -> list[str]:
    d, st, q = s.detection, s.strict, s.qualitative
    return [
        s.doc_id or "?",
        str(s.n_gold),
        str(s.n_pred),
        _pct(d.precision),
        _pct(d.recall),
        _pct(d.f1),
        _pct(st.precision),
        _pct(st.recall),
        _pct(st.f1),
        f"{q.found}/{q.total}",
    ]


def _describe(t: Target) -> str:
    value = "" if t.value is None else f"{t.value:g}"
    if t.value_max is not None:
        value += f"-{t.value_max:g}"
    bits = [
        f"{t.id} [{t.start}:{t.end}] {t.text!r}",
        f"metric:{t.metric}",
        f"action:{t.action}",
        f"value:{value or None}",
        f"unit:{t.unit}",
        f"cmp:{t.comparator.value if t.comparator else None}",
        f"kind:{t.kind.value}",
    ]
    if t.stance.value != "target":
        bits.append(f"stance:{t.stance.value}")
    return " ".join(bits)


def _error_lines(label: str, errors: Sequence[ErrorRecord]) -> list[str]:
    out: list[str] = []
    for e in errors:
        rec = e.gold if e.gold is not None else e.predicted
        if rec is None:  # pragma: no cover - every error carries a record
            continue
        head = f"  {label:<9} {e.doc_id or '?'}  {_describe(rec)}"
        if e.gold is not None and e.predicted is not None:
            diffs = ", ".join(
                f"{f}: {_field(e.gold, f)!r} vs {_field(e.predicted, f)!r}" for f in e.fields
            )
            head += (
                f"\n            predicted {_describe(e.predicted)}\n            differs: {diffs}"
            )
        out.append(head)
        if e.context:
            out.append(f"            | {e.context}")
    return out


def _field(t: Target, name: str) -> Any:
    v = getattr(t, name)
    return v.value if isinstance(v, Enum) else v


def format_report(report: Report, *, errors: bool = False) -> str:
    """The report as plain text: one row per document, a micro row, per-field accuracy."""
    header = [
        "doc_id",
        "gold",
        "pred",
        "det P",
        "det R",
        "det F1",
        "str P",
        "str R",
        "str F1",
        "qual",
    ]
    rows = [_score_row(s) for s in report.documents]
    micro_row = _score_row(report.micro)
    micro_row[0] = f"micro ({report.micro.n_documents} docs)"
    rows.append(micro_row)
    parts = [_table(header, rows, rule_before_last=True)]

    m = report.micro
    field_rows = [
        [f, f"{m.fields[f].agree}/{m.fields[f].total}", _pct(m.fields[f].accuracy)]
        for f in FIELDS
        if f in m.fields
    ]
    parts.append(_table(["field", "agree", "accuracy"], field_rows, rule_before_last=False))
    summary = [
        f"gold: {m.n_gold} targets counted, {m.n_gold_optional} optional; "
        f"predicted targets: {m.n_pred}",
        f"detection: tp {m.detection.tp}, fp {m.detection.fp}, fn {m.detection.fn}; "
        f"strict: tp {m.strict.tp}, fp {m.strict.fp}, fn {m.strict.fn}",
        f"qualitative: {m.qualitative.found}/{m.qualitative.total} found, "
        f"{m.qualitative.spurious} of {m.qualitative.predicted} predicted overlap no gold; "
        f"spurious targets over a non-target gold record: {m.achieved_as_target}",
    ]
    parts.append("\n".join(summary))
    if errors:
        err: list[str] = []
        err += [f"missed ({len(m.missed)}):", *_error_lines("MISSED", m.missed)]
        err += [
            f"missed qualitative ({len(m.missed_qualitative)}):",
            *_error_lines("MISSED-Q", m.missed_qualitative),
        ]
        err += [f"spurious ({len(m.spurious)}):", *_error_lines("SPURIOUS", m.spurious)]
        err += [f"wrong ({len(m.wrong)}):", *_error_lines("WRONG", m.wrong)]
        parts.append("\n".join(err))
    return "\n\n".join(parts) + "\n"


def report_json(report: Report, *, errors: bool = False) -> str:
    """The report as JSON; error lists only when ``errors`` is true."""
    exclude: Any = None
    if not errors:
        drop = {"missed", "missed_qualitative", "spurious", "wrong"}
        exclude = {"micro": drop, "documents": {"__all__": drop}}
    return report.model_dump_json(indent=2, exclude=exclude) + "\n"


# ------------------------------------------------------------------------- CLI


def run_evaluate(args: argparse.Namespace) -> int:
    """CLI handler: 0 ok, 1 a floor (``--min-f1``, ``--strict-min-f1``) not met, 2 bad input."""
    gold_path = Path(args.gold)
    corpus = getattr(args, "corpus", None)
    show_errors = bool(getattr(args, "errors", False))
    if not gold_path.exists():
        print(f"plan-extract: error: gold path not found: {gold_path}", file=sys.stderr)
        return 2
    try:
        report = evaluate_gold(gold_path, corpus)
    except PlanExtractError as exc:
        print(f"plan-extract: error: {exc}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as exc:
        if exc.name != "plan_extract.pipeline":
            raise
        print(
            "plan-extract: error: the extractor (plan_extract.pipeline) is missing", file=sys.stderr
        )
        return 2
    for w in report.warnings:
        print(f"plan-extract: warning: gold does not fit its text: {w}", file=sys.stderr)

    if getattr(args, "json", False):
        sys.stdout.write(report_json(report, errors=show_errors))
    else:
        sys.stdout.write(format_report(report, errors=show_errors))

    code = 0
    min_f1 = getattr(args, "min_f1", None)
    strict_min = getattr(args, "strict_min_f1", None)
    if min_f1 is not None and report.micro.detection.f1 < min_f1:
        print(
            f"plan-extract: micro detection F1 {report.micro.detection.f1:.3f} < --min-f1 {min_f1}",
            file=sys.stderr,
        )
        code = 1
    if strict_min is not None and report.micro.strict.f1 < strict_min:
        print(
            f"plan-extract: micro strict F1 {report.micro.strict.f1:.3f} "
            f"< --strict-min-f1 {strict_min}",
            file=sys.stderr,
        )
        code = 1
    return code
