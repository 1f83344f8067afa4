"""Label Studio round trip: documents → tasks with pre-annotations → documents.

One task per document: ``data.text`` is the source text, the other ``data``
keys carry the document metadata.  Each record becomes one text region (a
``labels`` result, the label being the record's ``kind``) plus one per-region
``textarea`` or ``choices`` result per attribute, all sharing the region id,
which is the record id.  :func:`labeling_config` is the matching XML.

Label Studio counts text offsets in JavaScript string positions, i.e. UTF-16
code units, so a character outside the BMP (``𠮷``, an emoji) counts two.
Records count Python code points; :class:`Utf16Offsets` converts both ways.

>>> m = Utf16Offsets("𠮷增长5%")
>>> m.to_utf16(3), m.from_utf16(4)
(4, 3)
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from .errors import PlanExtractError
from .models import Comparator, Direction, Document, Kind, Stance, Target

__all__ = [
    "ATTRIBUTES",
    "LabelStudioError",
    "Utf16Offsets",
    "document_to_task",
    "documents_from_export",
    "gold_file_name",
    "labeling_config",
    "load_export",
    "task_to_document",
]


class LabelStudioError(PlanExtractError):
    """A Label Studio export that cannot be turned back into records; names task and region."""

    code = "E400"


#: Free-text attributes (a ``TextArea`` per region), in the order the labeller sees them.
TEXT_ATTRIBUTES: tuple[str, ...] = (
    "metric",
    "action",
    "value",
    "value_max",
    "unit",
    "horizon",
    "hedge",
    "parent",
)
#: Closed attributes (a single-choice ``Choices`` per region) and their values.
CHOICE_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "comparator": tuple(c.value for c in Comparator),
    "direction": tuple(d.value for d in Direction),
    "stance": tuple(s.value for s in Stance),
    "optional": ("optional",),
}
#: Every per-region attribute (``kind`` is the region's label).
ATTRIBUTES: tuple[str, ...] = (
    "metric",
    "action",
    "value",
    "value_max",
    "unit",
    "comparator",
    "direction",
    "stance",
    "horizon",
    "hedge",
    "parent",
    "optional",
)

_LABEL_NAME = "kind"
_TEXT_NAME = "text"
_META_KEYS: tuple[str, ...] = ("doc_id", "source_file", "region", "level", "year")
_KIND_COLOURS = {
    Kind.CHANGE: "#f4a261",
    Kind.AMOUNT: "#2a9d8f",
    Kind.RATIO: "#8ab17d",
    Kind.QUALITATIVE: "#b5838d",
}
_HINTS = {
    "metric": "metric: shortest noun phrase, as worded",
    "action": "action: governing verb (增长, 新增, 控制在 …)",
    "value": "value: the number (low end of a range)",
    "value_max": "value_max: high end of a range",
    "unit": "unit as written (%, 亿元, 个百分点 …)",
    "horizon": "horizon: 2025 or 2021-2025",
    "hedge": "hedge: 力争, 争取, 确保 …",
    "parent": "parent: id of the record this is part of (其中…)",
}
_INT = re.compile(r"[+-]?\d+")
_RECORD_ID = re.compile(r"t\d+")


class Utf16Offsets:
    """Python code-point offsets ↔ UTF-16 code-unit offsets (Label Studio's) for one text."""

    def __init__(self, text: str) -> None:
        # utf16[i] = UTF-16 length of text[:i]; only built when the text leaves the BMP.
        self._wide = any(ord(ch) > 0xFFFF for ch in text)
        self._len = len(text)
        self._utf16: list[int] = []
        self._back: dict[int, int] = {}
        if self._wide:
            pos = 0
            self._utf16.append(0)
            for ch in text:
                pos += 2 if ord(ch) > 0xFFFF else 1
                self._utf16.append(pos)
            self._back = {u: i for i, u in enumerate(self._utf16)}

    def to_utf16(self, offset: int) -> int:
        """The UTF-16 offset of code-point ``offset`` (0 ≤ offset ≤ len(text))."""
        if not 0 <= offset <= self._len:
            raise ValueError(f"offset {offset} outside the text (length {self._len})")
        return self._utf16[offset] if self._wide else offset

    def from_utf16(self, offset: int) -> int:
        """The code-point offset of UTF-16 ``offset``; an offset inside a surrogate pair is an error."""
        if not self._wide:
            if not 0 <= offset <= self._len:
                raise ValueError(f"UTF-16 offset {offset} outside the text (length {self._len})")
            return offset
        try:
            return self._back[offset]
        except KeyError:
            raise ValueError(
                f"UTF-16 offset {offset} is outside the text or splits a surrogate pair"
            ) from None


# --------------------------------------------------------------------------- config


def labeling_config() -> str:
    """The labeling-config XML matching :func:`document_to_task`'s results."""
    lines = ["<View>", f'  <Labels name="{_LABEL_NAME}" toName="{_TEXT_NAME}">']
    for kind in Kind:
        lines.append(
            f"    <Label value={quoteattr(kind.value)} background={quoteattr(_KIND_COLOURS[kind])}/>"
        )
    lines += [
        "  </Labels>",
        f'  <Text name="{_TEXT_NAME}" value="$text"/>',
        '  <View visibleWhen="region-selected">',
        '    <Header value="Record fields (leave empty for null)"/>',
    ]
    for name in ATTRIBUTES:
        if name in CHOICE_ATTRIBUTES:
            lines.append(
                f'    <Header value={quoteattr(name)} size="6"/>\n'
                f"    <Choices name={quoteattr(name)} toName={quoteattr(_TEXT_NAME)}"
                ' perRegion="true" choice="single" showInline="true">'
            )
            for value in CHOICE_ATTRIBUTES[name]:
                lines.append(f"      <Choice value={quoteattr(value)}/>")
            lines.append("    </Choices>")
        else:
            lines.append(
                f"    <TextArea name={quoteattr(name)} toName={quoteattr(_TEXT_NAME)}"
                ' perRegion="true" editable="true" maxSubmissions="1" rows="1"'
                f" placeholder={quoteattr(_HINTS[name])}/>"
            )
    lines += ["  </View>", "</View>"]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- export


def _attr_text(value: object) -> str:
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _region_results(t: Target, offsets: Utf16Offsets) -> list[dict[str, Any]]:
    start, end = offsets.to_utf16(t.start), offsets.to_utf16(t.end)
    pos = {"start": start, "end": end}
    common = {
        "id": t.id,
        "from_name": "",
        "to_name": _TEXT_NAME,
        "type": "",
        "origin": "prediction",
    }
    results: list[dict[str, Any]] = [
        {
            **common,
            "from_name": _LABEL_NAME,
            "type": "labels",
            "value": {**pos, "text": t.text, "labels": [t.kind.value]},
        }
    ]
    for name in ATTRIBUTES:
        value = getattr(t, name)
        if name == "optional":
            if value:
                results.append(
                    {
                        **common,
                        "from_name": name,
                        "type": "choices",
                        "value": {**pos, "choices": ["optional"]},
                    }
                )
            continue
        if value is None:
            continue
        if name in CHOICE_ATTRIBUTES:
            results.append(
                {
                    **common,
                    "from_name": name,
                    "type": "choices",
                    "value": {**pos, "choices": [getattr(value, "value", value)]},
                }
            )
        else:
            results.append(
                {
                    **common,
                    "from_name": name,
                    "type": "textarea",
                    "value": {**pos, "text": [_attr_text(value)]},
                }
            )
    return results


def document_to_task(
    doc: Document,
    text: str,
    *,
    as_annotations: bool = False,
    model_version: str = "plan_extract",
) -> dict[str, Any]:
    """One Label Studio task for ``doc`` over its source ``text``.

    Records go in ``predictions`` (pre-annotations a labeller accepts or edits), or
    in ``annotations`` when ``as_annotations`` (e.g. for gold that is already checked).
    """
    offsets = Utf16Offsets(text)
    result: list[dict[str, Any]] = []
    for t in doc.targets:
        if text[t.start : t.end] != t.text:
            raise LabelStudioError(
                f"{doc.doc_id or doc.source_file}: record {t.id} quotes {t.text!r} but the text "
                f"at [{t.start}:{t.end}] is {text[t.start : t.end]!r}"
            )
        result.extend(_region_results(t, offsets))
    data: dict[str, Any] = {"text": text}
    meta = doc.model_dump(mode="json", include=set(_META_KEYS))
    data.update({k: meta[k] for k in _META_KEYS})
    task: dict[str, Any] = {"data": data}
    if as_annotations:
        for item in result:
            item["origin"] = "manual"
        task["annotations"] = [{"result": result, "was_cancelled": False}]
    else:
        task["predictions"] = [{"model_version": model_version, "result": result}]
    return task


# --------------------------------------------------------------------------- import


def _task_name(task: Mapping[str, Any], index: int) -> str:
    data = task.get("data") or {}
    name = data.get("doc_id") or data.get("source_file")
    tid = task.get("id")
    return f"task {tid if tid is not None else index}" + (f" ({name})" if name else "")


def _parse_number(raw: str, where: str) -> int | float:
    s = raw.strip().replace(",", "")
    try:
        return int(s) if _INT.fullmatch(s) else float(s)
    except ValueError:
        raise LabelStudioError(f"{where}: {raw!r} is not a number") from None


def _parse_horizon(raw: str) -> int | str:
    s = raw.strip()
    return int(s) if _INT.fullmatch(s) else s


def _last_text(value: Mapping[str, Any]) -> str | None:
    texts = value.get("text")
    if isinstance(texts, str):
        texts = [texts]
    if not texts:
        return None
    s = str(texts[-1])
    return s if s.strip() else None


def _pick_result(task: Mapping[str, Any], *, use_predictions: bool) -> list[dict[str, Any]] | None:
    """The latest submitted (not cancelled) annotation, else the first prediction."""
    annotations = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if annotations:

        def key(a: Mapping[str, Any]) -> tuple[str, int]:
            return (str(a.get("updated_at") or a.get("created_at") or ""), int(a.get("id") or 0))

        return list(max(annotations, key=key).get("result") or [])
    predictions = task.get("predictions") or []
    if use_predictions and predictions:
        return list(predictions[0].get("result") or [])
    return None


def _renumber(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give regions drawn in Label Studio (random ids) the next free ``tN`` ids, in text order.

    Regions exported from records keep their ids; ``parent`` values follow the renaming.
    """
    used = {r["id"] for r in records if _RECORD_ID.fullmatch(r["id"])}
    fresh = sorted(
        (r for r in records if r["id"] not in used), key=lambda r: (r["start"], r["end"])
    )
    if not fresh:
        return records
    n = max((int(i[1:]) for i in used), default=0)
    renamed: dict[str, str] = {}
    for r in fresh:
        n += 1
        renamed[r["id"]] = f"t{n}"
    out = []
    for r in records:
        r = {**r, "id": renamed.get(r["id"], r["id"])}
        if r.get("parent") in renamed:
            r["parent"] = renamed[r["parent"]]
        out.append(r)
    return out


def task_to_document(
    task: Mapping[str, Any], *, index: int = 0, use_predictions: bool = True
) -> Document | None:
    """A gold :class:`Document` from one exported task; ``None`` if it has nothing to import.

    The record id is the region id (``tN``, as exported), so that ``parent`` can name
    another record; a region drawn in Label Studio gets the next free ``tN``.
    Offsets are converted back from UTF-16 and the quote is re-read from the text.
    """
    where = _task_name(task, index)
    data = task.get("data") or {}
    text = data.get("text")
    if not isinstance(text, str):
        raise LabelStudioError(f"{where}: data.text is missing")
    result = _pick_result(task, use_predictions=use_predictions)
    if result is None:
        return None
    offsets = Utf16Offsets(text)
    regions: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    for item in result:
        rid = item.get("id")
        if rid is None or item.get("to_name", _TEXT_NAME) != _TEXT_NAME:
            continue  # a result about something else (a relation, a task-level choice)
        rid = str(rid)
        if rid not in regions:
            regions[rid] = {}
            order.append(rid)
        regions[rid][str(item.get("from_name"))] = item
    records: list[dict[str, Any]] = []
    for rid in order:
        items = regions[rid]
        label = items.get(_LABEL_NAME)
        rwhere = f"{where}, region {rid}"
        if label is None:
            raise LabelStudioError(f"{rwhere}: attributes but no {_LABEL_NAME!r} label")
        value = label.get("value") or {}
        labels = value.get("labels") or []
        if len(labels) != 1:
            raise LabelStudioError(f"{rwhere}: expected one {_LABEL_NAME!r} label, got {labels!r}")
        try:
            start = offsets.from_utf16(int(value["start"]))
            end = offsets.from_utf16(int(value["end"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise LabelStudioError(f"{rwhere}: bad offsets: {exc}") from None
        record: dict[str, Any] = {
            "id": rid,
            "start": start,
            "end": end,
            "text": text[start:end],
            "kind": labels[0],
        }
        quoted = value.get("text")
        if isinstance(quoted, str) and quoted != record["text"]:
            raise LabelStudioError(
                f"{rwhere}: region text {quoted!r} differs from the task text at "
                f"[{start}:{end}] ({record['text']!r})"
            )
        for name in TEXT_ATTRIBUTES:
            attr = items.get(name)
            raw = _last_text(attr.get("value") or {}) if attr else None
            if raw is None:
                continue
            if name in ("value", "value_max"):
                record[name] = _parse_number(raw, f"{rwhere}, {name}")
            elif name == "horizon":
                record[name] = _parse_horizon(raw)
            else:
                record[name] = raw.strip()
        for name in CHOICE_ATTRIBUTES:
            attr = items.get(name)
            choices = (attr.get("value") or {}).get("choices") if attr else None
            if not choices:
                continue
            if name == "optional":
                record[name] = "optional" in choices
            else:
                record[name] = choices[0]
        records.append(record)
    targets: list[Target] = []
    # Text order, as in gold files (stable: records sharing a span keep their order).
    for record in sorted(_renumber(records), key=lambda r: (r["start"], r["end"])):
        try:
            targets.append(Target.model_validate(record))
        except ValueError as exc:
            raise LabelStudioError(f"{where}, region {record['id']}: {exc}") from exc
    meta = {k: data.get(k) for k in _META_KEYS}
    try:
        return Document.model_validate({**meta, "targets": targets})
    except ValueError as exc:
        raise LabelStudioError(f"{where}: {exc}") from exc


def documents_from_export(
    export: Sequence[Mapping[str, Any]] | Mapping[str, Any], *, use_predictions: bool = True
) -> list[Document]:
    """Documents from a Label Studio JSON export (a list of tasks, or one task)."""
    tasks: Iterable[Mapping[str, Any]] = [export] if isinstance(export, Mapping) else export
    docs: list[Document] = []
    for i, task in enumerate(tasks):
        if not isinstance(task, Mapping):
            raise LabelStudioError(f"task {i}: expected an object, got {type(task).__name__}")
        doc = task_to_document(task, index=i, use_predictions=use_predictions)
        if doc is not None:
            docs.append(doc)
    return docs


def load_export(path: str | os.PathLike[str], *, use_predictions: bool = True) -> list[Document]:
    """Read a Label Studio JSON export file (``Export → JSON``)."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelStudioError(f"{p}: cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise LabelStudioError(
            f"{p}: invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from exc
    if not isinstance(data, list | dict):
        raise LabelStudioError(f"{p}: expected a list of tasks")
    try:
        return documents_from_export(data, use_predictions=use_predictions)
    except LabelStudioError as exc:
        raise LabelStudioError(f"{p}: {exc}") from exc


def gold_file_name(doc: Document, index: int) -> str:
    """``<doc_id>.json`` (or the source file's stem), safe as a file name."""
    base = doc.doc_id or (Path(doc.source_file).stem if doc.source_file else f"task-{index}")
    safe = re.sub(r"[^\w.\-]+", "_", base).strip("._") or f"task-{index}"
    return safe + ".json"
