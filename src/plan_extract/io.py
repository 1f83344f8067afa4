"""Reading report files as text, and atomic writes.

Reports come as UTF-8, UTF-8 with a BOM, GBK/GB18030 from older Windows
tools, UTF-16 from Word's "save as text", and sometimes a mix.  Offsets in
the output refer to the text exactly as decoded here (line endings kept), so
decoding never rewrites the text; what it had to guess is returned as
warnings rather than logged.

>>> decode_bytes("增长5%".encode("gb18030"), "a.txt")
('增长5%', ['decoded as GB18030'])
>>> decode_bytes(b"")
('', [])
"""

from __future__ import annotations

import codecs
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputFileError, InputTooLargeError

if TYPE_CHECKING:
    import re
else:
    from ._rx import re  # the standard module, compile() reusing earlier runs' work

__all__ = [
    "DEFAULT_MAX_BYTES",
    "decode_bytes",
    "read_text",
    "read_text_with_warnings",
    "write_atomic",
]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32-LE"),  # before UTF-16-LE: same first bytes
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32-BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16-LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16-BE"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF file (convert it to text, or give it a .pdf suffix for the batch command)"),
    (b"PK\x03\x04", "a ZIP archive or an Office file (.docx/.xlsx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc/.xls)"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"{\\rtf", "an RTF document (save it as plain text)"),
)

# Characters expected in a Chinese report: ASCII, Latin-1 punctuation, general
# punctuation, number forms, circled numbers, CJK, kana-free CJK punctuation,
# full-width forms.  Used to reject a wrong guess (mojibake), not to police text.
_PLAUSIBLE = re.compile(
    "[\t\n\r\x20-\x7e\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u2100-\u218f\u2190-\u21ff"
    "\u2200-\u22ff\u2460-\u24ff\u2500-\u257f\u25a0-\u25ff\u2600-\u26ff\u3000-\u303f"
    "\u3200-\u32ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003134f\u00e0-\u00fc\u0101-\u01dc]+"
)
_MIN_PLAUSIBLE = 0.9


def _plausible(text: str, threshold: float = _MIN_PLAUSIBLE) -> bool:
    if not text:
        return True
    odd = len(_PLAUSIBLE.sub("", text))
    return odd <= (1.0 - threshold) * len(text)


def _decode_bom(data: bytes, name: str, codec: str, label: str) -> tuple[str, list[str]]:
    warnings: list[str] = []
    unit = 4 if codec.startswith("utf-32") else 2 if codec.startswith("utf-16") else 1
    if unit > 1 and len(data) % unit:
        data = data[: len(data) - len(data) % unit]
        warnings.append(f"truncated {label} code unit at end dropped")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end >= len(data) - unit:
            text = data[: exc.start].decode(codec)
            warnings.append(f"truncated {label} sequence at end dropped")
        else:
            raise InputFileError(
                name,
                f"starts with a {label} byte-order mark but is not valid {label} "
                f"(bad bytes at offset {exc.start + _bom_len(codec)})",
            ) from exc
    return text, warnings


def _bom_len(codec: str) -> int:
    return 4 if codec.startswith("utf-32") else 3 if codec == "utf-8" else 2


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark: the order whose NULs fit, if it reads as text."""
    head = data[:8192]
    even_nul, odd_nul = head[0::2].count(0), head[1::2].count(0)
    order = ("utf-16-le", "utf-16-be") if odd_nul >= even_nul else ("utf-16-be", "utf-16-le")
    body = data[: len(data) - len(data) % 2]
    for codec in order:
        try:
            text = body.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _plausible(text, 0.95):
            return text, codec
    return None


def _truncated_utf8(data: bytes) -> str | None:
    """The text without its last, incomplete UTF-8 sequence, if that is the only fault."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if (
            exc.reason == "unexpected end of data"
            and exc.end == len(data)
            and len(data) - exc.start < 4
        ):
            try:
                return data[: exc.start].decode("utf-8")
            except UnicodeDecodeError:
                return None
    return None


def _try(line: bytes, codec: str) -> str | None:
    try:
        s = line.decode(codec)
    except UnicodeDecodeError:
        return None
    return s if _plausible(s) else None


def _damaged_utf8(line: bytes) -> str | None:
    """A UTF-8 line with a few bad bytes (replaced by U+FFFD), rather than another encoding."""
    text = line.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if c > "\x7f") - bad
    return text if good >= 4 * bad else None


def _decode_lines(data: bytes) -> tuple[str, list[str]] | None:
    """Decode line by line (UTF-8 or GB18030) for files that mix the two.

    Neither encoding uses the bytes of CR or LF inside a character, so lines
    can be split before decoding.  A line that reads both ways follows the
    file's majority; a UTF-8 line with a few bad bytes keeps U+FFFD for them.
    Returns the text and warnings, or None when a line fits neither.
    """
    lines = data.splitlines(keepends=True)
    readings: list[tuple[str | None, str | None]] = []
    only_utf8 = only_gb = 0
    for line in lines:
        if line.isascii():
            readings.append((line.decode("ascii"), None))
            continue
        u, g = _try(line, "utf-8"), None
        if u is None:
            u = _damaged_utf8(line)
            if u is not None:
                readings.append((u, None))
                only_utf8 += 1
                continue
        g = _try(line, "gb18030")
        if u is None and g is None:
            return None
        only_utf8 += g is None
        only_gb += u is None
        readings.append((u, g))
    prefer_gb = only_gb > only_utf8
    parts: list[str] = []
    n_utf8 = n_gb = n_damaged = 0
    for line, (u, g) in zip(lines, readings, strict=True):
        if line.isascii() or (u is not None and (g is None or not prefer_gb)):
            parts.append(u or "")
            if not line.isascii():
                n_utf8 += 1
                n_damaged += "\ufffd" in (u or "")
        else:
            parts.append(g or "")
            n_gb += 1
    warnings: list[str] = []
    if n_utf8 and n_gb:
        warnings.append(f"mixed encodings: {n_utf8} lines decoded as UTF-8, {n_gb} as GB18030")
    elif n_gb:
        warnings.append("decoded as GB18030")
    if n_damaged:
        warnings.append(f"invalid UTF-8 bytes replaced by U+FFFD on {n_damaged} lines")
    return "".join(parts), warnings


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, list[str]]:
    """Decode a report's bytes; return the text and what had to be guessed.

    Order: byte-order mark (UTF-8/16/32), refusal of binary content, strict
    UTF-8 (a sequence cut at the very end is dropped with a warning), GB18030
    (a superset of GBK and GB2312), line by line for files that mix the two,
    then charset-normalizer's guess if it reads as Chinese text.  Raises
    :class:`InputFileError` naming ``name`` when nothing fits.
    """
    if not data:
        return "", []
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return _decode_bom(data[len(bom) :], name, codec, label)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputFileError(name, f"binary content: this is {what}, not a text file")
    if b"\x00" in data:
        wide = _utf16_without_bom(data)
        if wide is not None:
            return wide[0], [f"decoded as {wide[1].upper()} without a byte-order mark"]
        raise InputFileError(
            name, f"binary content (NUL byte at offset {data.index(0)}), not a text file"
        )
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    cut8 = _truncated_utf8(data)
    if cut8 is not None:
        return cut8, ["truncated UTF-8 sequence at end dropped"]
    lines = _decode_lines(data)
    if lines is not None:
        return lines
    else:
        cut = _try(data[:-1], "gb18030")  # a multi-byte character cut at the end
        if cut is not None:
            return cut, ["decoded as GB18030", "truncated GB18030 sequence at end dropped"]
    guess = _guess(data)
    if guess is not None:
        return guess
    raise InputFileError(
        name,
        f"not decodable as text (tried UTF-8, GB18030 and a guess; first bad byte at offset {first_bad})",
    )


def _guess(data: bytes) -> tuple[str, list[str]] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    if not _plausible(text, 0.95):
        return None
    return text, [f"decoded as {best.encoding} (a guess)"]


def read_text_with_warnings(
    path: str | os.PathLike[str], *, max_bytes: int | None = None
) -> tuple[str, list[str]]:
    """Read and decode a report file; return the text and decoding warnings.

    Refuses (:class:`InputFileError`) directories, unreadable paths, binary
    and undecodable files, and (:class:`InputTooLargeError`) files over
    ``max_bytes`` (default :data:`DEFAULT_MAX_BYTES`).  An empty file is ``""``.
    """
    p = Path(path)
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    if limit < 0:
        raise ValueError(f"max_bytes must be >= 0, not {limit}")
    try:
        if p.is_dir():
            raise InputFileError(p, "is a directory, not a text file")
        size = p.stat().st_size
        if size > limit:
            raise InputTooLargeError(
                p, f"{size} bytes is over the limit of {limit} bytes (raise it with --max-bytes)"
            )
        with p.open("rb") as f:
            # never ask for more than the file holds (plus one byte to notice growth):
            # a huge --max-bytes must not reserve that much memory
            data = f.read(min(limit, size + (1 << 20)) + 1)
    except OSError as exc:
        raise InputFileError(p, f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > limit:  # grew after stat, or a device / pipe
        raise InputTooLargeError(p, f"over the limit of {limit} bytes (raise it with --max-bytes)")
    return decode_bytes(data, str(p))


def read_text(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> str:
    """:func:`read_text_with_warnings` without the warnings."""
    return read_text_with_warnings(path, max_bytes=max_bytes)[0]


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write to a temporary file beside ``path``, fsync, then rename over it."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp creates the file 0600; give the output the usual permissions (0666 less umask)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
