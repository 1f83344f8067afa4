"""Big inputs: parse a long text in paragraph-aligned chunks and stitch one Document.

The extractor's working set grows with the text it is given (the normalised
copy, its offset map, sentence and cue tables), so a 50 MB crawl dump parsed
in one piece needs several times its size in memory.  :func:`parse_chunked`
bounds that working set: it cuts the text at paragraph boundaries into
pieces of at most ``chunk_chars`` characters, parses each with
:func:`plan_extract.pipeline.parse`, shifts the offsets back onto the whole
text, renumbers the ids ``t1…`` in order and remaps the ``parent`` links.
Only the records (the output) accumulate.

Metadata (year, region, level, title) is inferred once, from the whole text
as :func:`~plan_extract.pipeline.parse` would, and handed to every chunk, so
horizons and stances do not change at a chunk boundary.  What does not carry
across a boundary: the current section heading (records before the first
heading of a chunk have no ``section``) and the detection of repeated
paragraphs (a paragraph repeated in a later chunk is extracted again).
Texts of at most ``chunk_chars`` characters are parsed in one piece, exactly
as :func:`~plan_extract.pipeline.parse` does.

>>> doc = parse_chunked("目标：增长5%。\\n\\n就业1100万人。\\n", chunk_chars=10)
>>> [(t.id, t.start, t.end, t.text) for t in doc.targets]
[('t1', 5, 7, '5%'), ('t2', 12, 18, '1100万人')]
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .lexicon import Lexicon
from .models import Document, Target

if TYPE_CHECKING:
    import re
else:
    from ._rx import re  # the standard module, compile() reusing earlier runs' work

__all__ = ["DEFAULT_CHUNK_CHARS", "chunk_bounds", "parse_chunked"]

DEFAULT_CHUNK_CHARS = 2_000_000

# A blank line (a paragraph break), spaces and CR allowed on it.
_BLANK_LINE = re.compile(r"\n[ \t\r\u3000\u00a0]*\n")
# Where a line longer than a chunk may be cut: after a sentence end.
_SENTENCE_END = re.compile(r"[。！？；!?;]")


def _last_match_end(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int | None:
    """The end of the last match of ``pattern`` inside ``text[lo:hi]``, or None."""
    end = None
    for m in pattern.finditer(text, lo, hi):
        end = m.end()
    return end


def chunk_bounds(text: str, chunk_chars: int = DEFAULT_CHUNK_CHARS) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of consecutive chunks covering ``text``, each at most ``chunk_chars`` long.

    A chunk ends after a blank line when one lies in the second half of the
    window, else after the window's last newline; a single line longer than
    a chunk is cut after its last sentence end in the window, or, failing
    that, at ``chunk_chars``.
    """
    if chunk_chars < 1:
        raise ValueError(f"chunk_chars must be positive, not {chunk_chars}")
    n = len(text)
    pos = 0
    while n - pos > chunk_chars:
        hi = pos + chunk_chars
        half = pos + chunk_chars // 2
        cut = _last_match_end(_BLANK_LINE, text, half, hi)
        if cut is None:
            nl = text.rfind("\n", pos, hi)
            cut = nl + 1 if nl >= 0 else None
        if cut is None:
            cut = _last_match_end(_SENTENCE_END, text, half, hi) or hi
        yield pos, cut
        pos = cut
    if pos < n or n == 0:
        yield pos, n


def parse_chunked(
    text: str,
    *,
    chunk_chars: int = DEFAULT_CHUNK_CHARS,
    year: int | None = None,
    region: str | None = None,
    level: str | None = None,
    doc_id: str | None = None,
    source_file: str | None = None,
    lexicon: Lexicon | None = None,
) -> Document:
    """:func:`plan_extract.pipeline.parse`, in chunks of at most ``chunk_chars`` characters.

    Offsets are into ``text`` as given; ids run ``t1…`` over the whole text.
    """
    from .pipeline import parse
    from .structure import infer_metadata

    if not isinstance(text, str):
        raise TypeError(f"parse_chunked() needs str, not {type(text).__name__}")
    run = functools.partial(parse, doc_id=doc_id, source_file=source_file, lexicon=lexicon)
    if len(text) <= chunk_chars:
        return run(text, year=year, region=region, level=level)
    meta = infer_metadata(text)
    year = meta.year if year is None else year
    region = meta.region if region is None else region
    level = meta.level if level is None else level
    targets: list[Target] = []
    warnings: list[str] = []
    version: str | None = None
    level_out = None
    for base, end in chunk_bounds(text, chunk_chars):
        part = run(text[base:end], year=year, region=region, level=level)
        version = part.extractor_version
        level_out = part.level
        warnings.extend(w for w in part.warnings if w not in warnings)
        first = len(targets) + 1
        new_id = {t.id: f"t{first + i}" for i, t in enumerate(part.targets)}
        for t in part.targets:
            targets.append(
                t.model_copy(
                    update={
                        "id": new_id[t.id],
                        "start": t.start + base,
                        "end": t.end + base,
                        "parent": None if t.parent is None else new_id.get(t.parent),
                    }
                )
            )
    return Document(
        doc_id=doc_id,
        source_file=source_file,
        region=region,
        level=level_out,
        year=year,
        targets=targets,
        title=meta.title,
        warnings=warnings,
        extractor_version=version,
    )
