"""Document metadata for a batch: from a manifest (CSV or JSON), else from the file name.

A manifest maps each input file (a path relative to the corpus folder) to its
``doc_id``, ``region``, ``year`` and ``level``; other columns are ignored.  JSON
manifests are a list of objects with a ``file`` key, or an object keyed by file.

>>> infer_meta("provincial-2026/hebei-2026.txt")
DocMeta(doc_id='provincial-2026/hebei-2026', region=None, year=2026, level=None)
>>> infer_meta("report.txt").year is None
True
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .errors import DataFileError
from .models import Level

if TYPE_CHECKING:
    import regex
else:
    from ._rx import regex  # the standard module, compile() reusing earlier runs' work

_YEAR = regex.compile(r"(?<![0-9])(19[4-9][0-9]|20[0-9]{2}|2100)(?![0-9])")
_LEVELS = frozenset(level.value for level in Level)


@dataclass(frozen=True)
class DocMeta:
    """What the batch passes to :func:`plan_extract.parse` besides the text."""

    doc_id: str | None = None
    region: str | None = None
    year: int | None = None
    level: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _key(path: str) -> str:
    """A manifest key: a POSIX relative path without ``./``."""
    return PurePosixPath(path.replace("\\", "/")).as_posix().removeprefix("./")


def infer_meta(rel_path: str) -> DocMeta:
    """Metadata from a file name alone: ``doc_id`` is the path without its suffix, the year the last plausible one in the name."""
    p = PurePosixPath(_key(rel_path))
    stem = p.with_suffix("").as_posix()
    years = _YEAR.findall(p.stem)
    return DocMeta(doc_id=stem, year=int(years[-1]) if years else None)


def _parse_year(value: Any, where: str, path: Path) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise DataFileError(path, f"{where}: year must be an integer, not {value!r}")
    try:
        return int(str(value).strip())
    except ValueError:
        raise DataFileError(path, f"{where}: year must be an integer, not {value!r}") from None


def _entry(row: Mapping[str, Any], where: str, path: Path) -> tuple[str, DocMeta]:
    file = row.get("file")
    if not isinstance(file, str) or not file.strip():
        raise DataFileError(path, f"{where}: missing 'file'")
    level = row.get("level")
    if level is not None and not (isinstance(level, str) and level.strip() == ""):
        if not isinstance(level, str) or level not in _LEVELS:
            raise DataFileError(
                path, f"{where}: level {level!r} is not one of {', '.join(sorted(_LEVELS))}"
            )
    else:
        level = None

    def text(name: str) -> str | None:
        v = row.get(name)
        if v is None:
            return None
        s = str(v).strip()
        return s or None

    return _key(file.strip()), DocMeta(
        doc_id=text("doc_id"),
        region=text("region"),
        year=_parse_year(row.get("year"), where, path),
        level=level,
    )


class Manifest:
    """Metadata looked up by relative path.

    A path is matched exactly, else by its trailing components when that is
    unambiguous, so a manifest written for ``corpora/`` also serves a batch
    over ``corpora/national/``.
    """

    def __init__(self, entries: Mapping[str, DocMeta]) -> None:
        self._entries = dict(entries)
        self._by_name: dict[str, list[str]] = {}
        for key in self._entries:
            self._by_name.setdefault(PurePosixPath(key).name, []).append(key)

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, rel_path: str) -> DocMeta | None:
        key = _key(rel_path)
        if key in self._entries:
            return self._entries[key]
        parts = PurePosixPath(key).parts
        candidates = [
            k
            for k in self._by_name.get(PurePosixPath(key).name, [])
            if PurePosixPath(k).parts[-len(parts) :] == parts
            or parts[-len(PurePosixPath(k).parts) :] == PurePosixPath(k).parts
        ]
        return self._entries[candidates[0]] if len(candidates) == 1 else None

    def meta_for(self, rel_path: str) -> DocMeta:
        """Manifest values, with the gaps filled from the file name."""
        inferred = infer_meta(rel_path)
        found = self.lookup(rel_path)
        if found is None:
            return inferred
        return DocMeta(
            doc_id=found.doc_id or inferred.doc_id,
            region=found.region,
            year=found.year if found.year is not None else inferred.year,
            level=found.level,
        )


def _rows_from_json(data: Any, path: Path) -> Iterable[tuple[str, Mapping[str, Any]]]:
    if isinstance(data, list):
        for i, row in enumerate(data):
            if not isinstance(row, dict):
                raise DataFileError(path, f"[{i}]: expected an object, got {type(row).__name__}")
            yield f"[{i}]", row
    elif isinstance(data, dict):
        for file, row in data.items():
            if not isinstance(row, dict):
                raise DataFileError(path, f"[{file!r}]: expected an object")
            yield f"[{file!r}]", {**row, "file": row.get("file", file)}
    else:
        raise DataFileError(path, "a JSON manifest is a list of objects or an object keyed by file")


def load_manifest(path: str | os.PathLike[str]) -> Manifest:
    """Load a ``.json`` or ``.csv`` manifest; raises :class:`DataFileError` naming the row."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(p, f"cannot read manifest: {exc}") from exc
    entries: dict[str, DocMeta] = {}
    if p.suffix.lower() == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise DataFileError(p, f"line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
        rows: Iterable[tuple[str, Mapping[str, Any]]] = _rows_from_json(data, p)
    else:
        reader = csv.DictReader(io.StringIO(raw))
        if not reader.fieldnames or "file" not in reader.fieldnames:
            raise DataFileError(p, "a CSV manifest needs a header row with a 'file' column")
        rows = ((f"line {i + 2}", row) for i, row in enumerate(reader))
    for where, row in rows:
        key, meta = _entry(row, where, p)
        if key in entries:
            raise DataFileError(p, f"{where}: file {key!r} is listed twice")
        entries[key] = meta
    return Manifest(entries)
