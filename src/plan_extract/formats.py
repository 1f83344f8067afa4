"""Input formats: turn a ``.txt``, ``.html``/``.htm``, ``.docx`` or ``.pdf`` file into text.

Offsets in the document JSON refer to the text returned here, so for every
format but ``.txt`` the batch runner saves that text beside the JSON.  The
third-party readers (trafilatura, python-docx, pdfplumber; the ``batch``
extra) are imported only when a file of their kind is read.

>>> sorted(SUPPORTED_SUFFIXES)
['.docx', '.htm', '.html', '.pdf', '.txt']
>>> is_derived_text("a/b.PDF"), is_derived_text("a/b.txt")
(True, False)
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputFileError, InputTooLargeError, PlanExtractError
from .io import DEFAULT_MAX_BYTES

SUPPORTED_SUFFIXES = frozenset({".txt", ".html", ".htm", ".docx", ".pdf"})


@dataclass(frozen=True)
class LoadedText:
    """The text of one input file, the raw bytes' sha256 and any decoding warnings."""

    text: str
    sha256: str
    warnings: list[str] = field(default_factory=list)


def is_derived_text(path: str | os.PathLike[str]) -> bool:
    """True when the text is produced by a converter (so it must be saved to keep offsets)."""
    return Path(path).suffix.lower() != ".txt"


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> bytes:
    """Read a file, refusing it (before reading) when it is larger than ``max_bytes``."""
    p = Path(path)
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    try:
        size = p.stat().st_size
        if size > limit:
            raise InputTooLargeError(
                p, f"{size} bytes is over the limit of {limit} bytes (raise it with --max-bytes)"
            )
        data = p.read_bytes()
    except OSError as exc:
        raise InputFileError(p, f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > limit:  # the file grew between stat and read
        raise InputTooLargeError(p, f"over the limit of {limit} bytes (raise it with --max-bytes)")
    return data


def decode_text(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode a plain-text report; uses :func:`plan_extract.io.decode_bytes` when present."""
    from . import io as _io

    decode = getattr(_io, "decode_bytes", None)
    if decode is not None:
        text, warnings = decode(data, name)
        return text, list(warnings)
    try:  # fallback while the full decoder is not available
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        raise InputFileError(name, f"not decodable as UTF-8 text at byte {exc.start}") from exc


def html_to_text(data: bytes, name: str) -> str:
    """Main text of an HTML page (navigation, footers and comments dropped) via trafilatura."""
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise InputFileError(
            name, "reading HTML needs trafilatura: pip install 'plan-extract[batch]'"
        ) from exc
    text = trafilatura.extract(
        data,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_recall=True,
        deduplicate=False,
    )
    if not text or not text.strip():
        raise InputFileError(name, "no main text found in the HTML page")
    return text


def docx_to_text(path: str | os.PathLike[str]) -> str:
    """Paragraphs and table rows of a .docx file, in document order, one per line."""
    try:
        import docx
        from docx.table import Table
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise InputFileError(
            path, "reading .docx needs python-docx: pip install 'plan-extract[batch]'"
        ) from exc
    document = docx.Document(os.fspath(path))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                previous = None
                for cell in row.cells:
                    if cell._tc is previous:  # a merged cell is returned once per grid column
                        continue
                    previous = cell._tc
                    cells.append(cell.text.strip())
                lines.append("\t".join(cells))
        else:
            lines.append(block.text)
    return "\n".join(lines)


def pdf_to_text(path: str | os.PathLike[str]) -> str:
    """The text layer of a PDF, page by page (a page break is a blank line)."""
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise InputFileError(
            path, "reading PDF needs pdfplumber: pip install 'plan-extract[batch]'"
        ) from exc
    pages: list[str] = []
    with pdfplumber.open(os.fspath(path)) as pdf:
        for page in pdf.pages:
            pages.append(page.extract_text() or "")
            page.close()  # frees the page's parsed objects: long reports stay small in memory
    text = "\n\n".join(pages)
    if not text.strip():
        raise InputFileError(path, "the PDF has no text layer (scanned? run OCR first)")
    return text


_CONVERTERS: dict[str, Callable[[Path], str]] = {
    ".docx": docx_to_text,
    ".pdf": pdf_to_text,
}


def load_text(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> LoadedText:
    """Read one input file of any supported format; raises :class:`InputFileError`.

    Errors of the third-party readers (a corrupt zip, a broken PDF) are wrapped
    so that the caller sees one error family naming the file.
    """
    import hashlib

    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputFileError(p, f"unsupported file type {suffix or '(none)'!r}")
    data = read_bytes(p, max_bytes=max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise InputFileError(p, "empty file")
    warnings: list[str] = []
    try:
        if suffix == ".txt":
            text, warnings = decode_text(data, str(p))
        elif suffix in (".html", ".htm"):
            text = html_to_text(data, str(p))
        else:
            text = _CONVERTERS[suffix](p)
    except PlanExtractError:
        raise
    except Exception as exc:  # noqa: BLE001 - any reader failure is a bad input file
        raise InputFileError(
            p, f"cannot read as {suffix[1:]}: {type(exc).__name__}: {exc}"
        ) from exc
    if not text.strip():
        raise InputFileError(p, "no text in file")
    return LoadedText(text=text, sha256=digest, warnings=warnings)
