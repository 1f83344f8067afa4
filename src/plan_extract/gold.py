"""Gold files: load, check against their source text, save.

A gold file is one document JSON object as in ``spec/target-record.md``:
``{"doc_id", "source_file", "region", "level", "year", "targets": [...]}``.
Every problem is raised as :class:`~plan_extract.errors.GoldFileError` naming
the file and, where it can, the JSON path (``targets[3].start``) or the
line and column of a syntax error, so that a labeller can go straight to it.

>>> _json_path(("targets", 3, "start"))
'targets[3].start'
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import GoldFileError
from .io import write_atomic
from .models import Document, Kind, Target

__all__ = ["check_gold", "gold_files", "load_gold", "load_gold_dir", "save_gold"]

#: Keys every gold document must carry (values may be null except ``targets``).
DOCUMENT_KEYS: tuple[str, ...] = ("doc_id", "source_file", "region", "level", "year", "targets")

#: The spec's record fields, always written by :func:`save_gold`, in this order.
RECORD_KEYS: tuple[str, ...] = (
    "id",
    "start",
    "end",
    "text",
    "metric",
    "action",
    "kind",
    "direction",
    "value",
    "value_max",
    "unit",
    "comparator",
    "stance",
    "horizon",
    "hedge",
    "parent",
    "optional",
)


def _json_path(parts: tuple[str | int, ...] | list[str | int]) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def _error_path(data: Any, loc: tuple[int | str, ...], missing: bool) -> str:
    """The JSON path of a pydantic error location, without union-member tags.

    Pydantic appends the tried type (``value.int``, ``value.float``) to a failed
    union's location; walking the data keeps only the keys that exist in the file
    (plus the last one of a *missing* error).
    """
    node: Any = data
    parts: list[str | int] = []
    for i, part in enumerate(loc):
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            parts.append(part)
            node = node[part]
        elif isinstance(part, str) and isinstance(node, dict) and part in node:
            parts.append(part)
            node = node[part]
        elif isinstance(part, str) and missing and i == len(loc) - 1:
            parts.append(part)
        else:
            break
    return _json_path(parts) or "$"


def _short(value: Any, limit: int = 40) -> str:
    r = repr(value)
    return r if len(r) <= limit else r[: limit - 1] + "…"


def _validate(path: Path, data: Any) -> Document:
    if not isinstance(data, dict):
        raise GoldFileError(
            path, f"expected a JSON object (a document), got {type(data).__name__}", json_path="$"
        )
    for key in DOCUMENT_KEYS:
        if key not in data:
            raise GoldFileError(path, f"missing field {key!r}", json_path=key)
    if not isinstance(data["targets"], list):
        raise GoldFileError(
            path, f"expected a list, got {type(data['targets']).__name__}", json_path="targets"
        )
    try:
        return Document.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # One entry per JSON path: a failed ``int | float`` gives one error per member.
        by_path: dict[str, list[Any]] = {}
        for err in errors:
            missing = err["type"] == "missing"
            by_path.setdefault(_error_path(data, tuple(err["loc"]), missing), []).append(err)
        where, errs = next(iter(by_path.items()))
        first = errs[0]
        if first["type"] == "missing":
            msg = f"missing field {first['loc'][-1]!r}"
        else:
            msg = " or ".join(dict.fromkeys(e["msg"] for e in errs))
            if first["type"] != "extra_forbidden":
                msg += f" (got {_short(first.get('input'))})"
        if len(by_path) > 1:
            msg += f"; and errors at {len(by_path) - 1} more place(s)"
        raise GoldFileError(path, msg, json_path=where) from exc


def load_gold(path: str | os.PathLike[str]) -> Document:
    """Read and validate one gold file.

    Raises :class:`GoldFileError` for an unreadable file, invalid JSON (with
    line and column), a missing document key or a record that breaks the model.
    """
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GoldFileError(p, f"not UTF-8 text: {exc.reason} at byte {exc.start}") from exc
    except OSError as exc:
        raise GoldFileError(p, f"cannot read: {exc.strerror or exc}") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise GoldFileError(
            p, f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from exc
    return _validate(p, data)


def gold_files(path: str | os.PathLike[str]) -> list[Path]:
    """The gold files at ``path``: the file itself, or a folder's ``*.json`` sorted by name."""
    p = Path(path)
    if p.is_dir():
        return sorted((f for f in p.glob("*.json") if f.is_file()), key=lambda f: f.name)
    if p.is_file():
        return [p]
    raise GoldFileError(p, "no such file or folder")


def load_gold_dir(path: str | os.PathLike[str]) -> list[Document]:
    """Every ``*.json`` gold file in a folder, sorted by file name."""
    p = Path(path)
    if not p.is_dir():
        raise GoldFileError(p, "not a folder")
    return [load_gold(f) for f in gold_files(p)]


def check_gold(doc: Document, text: str) -> list[str]:
    """Problems of a gold document against its source text; ``[]`` when it is sound.

    Checks: each record's quote equals ``text[start:end]``; ids are unique; no two
    records overlap unless both are qualitative (two qualitative targets may share
    one span); every ``parent`` names a record of the document other than itself.
    """
    problems: list[str] = []
    for t in doc.targets:
        if t.end > len(text):
            problems.append(f"{t.id}: span [{t.start}:{t.end}] runs past the text ({len(text)})")
        elif text[t.start : t.end] != t.text:
            problems.append(
                f"{t.id}: text[{t.start}:{t.end}] is {text[t.start : t.end]!r}, "
                f"record says {t.text!r}"
            )
    counts = Counter(t.id for t in doc.targets)
    for rid, n in sorted(counts.items()):
        if n > 1:
            problems.append(f"{rid}: id used by {n} records")
    ordered = sorted(doc.targets, key=lambda t: (t.start, t.end))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.start >= a.end:
                break
            if a.kind == Kind.QUALITATIVE and b.kind == Kind.QUALITATIVE:
                continue
            problems.append(f"{a.id} [{a.start}:{a.end}] and {b.id} [{b.start}:{b.end}] overlap")
    ids = set(counts)
    for t in doc.targets:
        if t.parent is None:
            continue
        if t.parent == t.id:
            problems.append(f"{t.id}: parent is the record itself")
        elif t.parent not in ids:
            problems.append(f"{t.id}: parent {t.parent!r} is not a record of this document")
    return problems


def _record_json(t: Target) -> dict[str, Any]:
    """The spec's fields always; an extra field only when it is set (so round trips are exact)."""
    dumped = t.model_dump(mode="json")
    out = {k: dumped[k] for k in RECORD_KEYS}
    for name, info in Target.model_fields.items():
        if name in out:
            continue
        if getattr(t, name) != info.get_default(call_default_factory=True):
            out[name] = dumped[name]
    return out


def gold_json(doc: Document) -> str:
    """Deterministic gold JSON: indent 2, UTF-8 characters kept, records sorted by offset."""
    dumped = doc.model_dump(mode="json")
    out: dict[str, Any] = {k: dumped[k] for k in DOCUMENT_KEYS if k != "targets"}
    for name, info in Document.model_fields.items():
        if name in DOCUMENT_KEYS:
            continue
        if getattr(doc, name) != info.get_default(call_default_factory=True):
            out[name] = dumped[name]
    # A stable sort keeps the file order of records that share a span.
    records = sorted(doc.targets, key=lambda t: (t.start, t.end))
    out["targets"] = [_record_json(t) for t in records]
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


def save_gold(doc: Document, path: str | os.PathLike[str]) -> None:
    """Write ``doc`` as a gold file (atomically), in the form of :func:`gold_json`."""
    write_atomic(path, gold_json(doc))
