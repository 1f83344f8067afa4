"""Normalisation with an offset map back to the original text.

The extractor works on a cleaned copy of the report; every record it emits
must still point into the text as read.  So normalisation only ever
*substitutes one character for one character* or *deletes* characters:
``index[i]`` is the offset in the original of normalised character ``i``.

What it does, in this order (all decided on the original text, so the rules
cannot feed each other):

* full-width ASCII (U+FF01–FF5E) → ASCII, U+3000 → space; traditional →
  simplified, char by char, from ``data/t2s.tsv`` (one ``str.translate``);
* pinyin annotations of web copies (``地區(qū)``) are deleted;
* spaces inside spaced-out numbers and between a number and its unit
  (``1 0 ％`` → ``10%``, ``2 0 2 3 年`` → ``2023年``), and a single space
  between CJK characters (or a CJK char and a digit) in a body line;
* OCR/PDF line breaks inside a sentence (``…丰\\n\\n原年产…`` → ``丰原年产``);
* paragraphs that repeat an earlier one are reported in ``duplicate_spans``.

>>> n = normalize("增長 1 0 ％，地區(qū)生產總值")
>>> n.text
'增长10%,地区生产总值'
>>> n.original_slice(2, 5)
'1 0 ％'
>>> n.clean_original(6, 10)
'地區生產'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import re
else:
    from ._rx import re  # the standard module, compile() reusing earlier runs' work

__all__ = ["Normalized", "normalize"]


@dataclass(frozen=True)
class Normalized:
    """A normalised text and the map from its characters to the original's."""

    original: str
    text: str
    index: list[int]  # len(text) + 1 entries; index[i] = offset in original of text[i]
    duplicate_spans: list[tuple[int, int]] = field(default_factory=list)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[s, e)`` covering normalised ``[start, end)``."""
        if end <= start:
            o = self.index[start]
            return o, o
        return self.index[start], self.index[end - 1] + 1

    def original_slice(self, start: int, end: int) -> str:
        """The original text under normalised ``[start, end)``, deleted noise included."""
        s, e = self.to_original(start, end)
        return self.original[s:e]

    def clean_original(self, start: int, end: int) -> str:
        """The original characters kept in ``[start, end)``: noise gone, spelling as written."""
        orig = self.original
        index = self.index
        if 0 <= start < end < len(index) and index[end - 1] - index[start] == end - 1 - start:
            # nothing deleted in between (the map is strictly increasing): one slice
            return orig[index[start] : index[end - 1] + 1]
        return "".join([orig[i] for i in index[start:end]])


# --------------------------------------------------------------------------- tables

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_SP = " \t\u00a0\u2002-\u200d\u202f\u2060\u3000\ufeff"  # spaces (before folding U+3000 is one too; zero-width ones too)
# zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM): always deleted, they only break words
_SUBSCRIPT_LINE = re.compile(r"[A-Za-z]([ \t]*\r?\n[ \t]*)\d{1,2}([ \t]*\r?\n[ \t]*)(?=[^\s\d])")
# (a part of every _SUBSCRIPT_LINE match, found by a scan for line breaks: a cheap test first)
_SUBSCRIPT_NEEDED = re.compile(r"\n[ \t]*\d{1,2}[ \t]*\r?\n")
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff"  # (what _ZERO_WIDTH matches: `in` tests first)
_SP1 = " \u00a0\u2009\u202f"  # single in-line spaces deleted by the number / CJK rules


@lru_cache(maxsize=1)
def _table() -> dict[int, int]:
    """Width folding plus traditional → simplified; loaded once, on first use."""
    table: dict[int, int] = {o: o - 0xFEE0 for o in range(0xFF01, 0xFF5F)}
    table[0x3000] = 0x20
    raw = resources.files("plan_extract").joinpath("data/t2s.tsv").read_text(encoding="utf-8")
    for line in raw.splitlines():
        if not line or line.startswith("#"):
            continue
        trad, _, simp = line.partition("\t")
        if len(trad) == 1 and len(simp) == 1:
            table.setdefault(ord(trad), ord(simp))
    return table


@lru_cache(maxsize=1)
def _table_list() -> list[int]:
    """:func:`_table` as a list indexed by code point (every character maps, most to itself).

    ``str.translate`` with a dict raises and clears a KeyError for every character not in
    it, that is for nearly every character of a report; a list lookup does not.  Characters
    past the end of the list are left as they are, as the dict leaves absent ones.
    """
    table = _table()
    out = list(range(max(table) + 1))
    for k, v in table.items():
        out[k] = v
    return out


# Folding by replacement: a report holds a handful of distinct characters that change (，：（）％,
# a few traditional ones), and ``str.replace`` of each over the text costs far less than
# ``str.translate``, which looks every character up.  Past this many distinct characters (a
# text in traditional characters) translate is cheaper, and is used.
_FOLD_REPLACE_MAX = 32


def _char_class(code_points: list[int]) -> str:
    """A character class of ``code_points`` (sorted), runs written as ranges."""
    parts: list[str] = []
    i = 0
    while i < len(code_points):
        j = i
        while j + 1 < len(code_points) and code_points[j + 1] == code_points[j] + 1:
            j += 1
        a, b = code_points[i], code_points[j]
        parts.append(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}")
        i = j + 1
    return "[" + "".join(parts) + "]"


@lru_cache(maxsize=1)
def _fold_tables() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern of every character below U+10000 that :func:`_table` changes, and its replacement.

    A character whose replacement is itself changed (薴 → 苧 → 苎) gets none: replacing one
    character after another would change it twice, so a text holding it is translated.
    """
    table = _table()
    changed = {k: v for k, v in table.items() if k != v}
    bmp = sorted(k for k in changed if k <= 0xFFFF)
    images = set(changed.values())  # (a set: testing each against the dict's values was quadratic)
    targets = {chr(k): chr(changed[k]) for k in bmp if changed[k] not in changed and k not in images}
    return re.compile(_char_class(bmp)), targets


def _fold(text: str) -> str:
    """``text.translate(_table_list())``, by replacing the few distinct characters that change."""
    scanner, targets = _fold_tables()
    # (a character above U+FFFF takes four bytes in UTF-16, any other two: a length test
    # several times faster than a pattern scan for one)
    if len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
        out = text
        pos = 0
        for _ in range(_FOLD_REPLACE_MAX):
            m = scanner.search(out, pos)
            if m is None:
                return out
            c = m.group()
            rep = targets.get(c)
            if rep is None:
                break  # (a chained character)
            out = out.replace(c, rep)
            pos = m.end()
    return text.translate(_table_list())


# Units and comparators that may follow a number after a stray space.
_UNIT_START = (
    "%‰万亿千百十元角年月日号个家项吨亩人户所座条公米平立方克台辆套件倍次场名位只间栋处"
    "期批类种头架艘列部本册张份页天周小时分秒度瓦伏里顷例床"
)
_AFTER_NUM = rf"(?:[{_UNIT_START}]|左右|以上|以下|以内|上下)"

# Spaced-out digits: single digits (or a dot) separated by single spaces, before a unit.
# Repeats are capped (a spaced-out number has at most ~24 digits) so that long runs such as
# "1 2 3 4 …" cost linear time instead of retrying every start position to the end.
#
# Every pattern scanned over the whole text starts with the character class of its first
# character, a look-behind after it (X(?<=[A]X) instead of (?<=[A])X: the same matches),
# so that re skips to candidate characters in C instead of trying the pattern everywhere.
_SPACED_DIGITS = re.compile(rf"[0-9.](?<![0-9A-Za-z.][0-9.])(?:[{_SP1}][0-9.]){{1,24}}(?=[{_SP1}]?{_AFTER_NUM})")
_SPACED_DECIMAL = re.compile(rf"[0-9](?<![0-9A-Za-z.][0-9])(?:[{_SP1}][0-9]){{0,24}}[{_SP1}]\.[{_SP1}][0-9]")
# every match of _SPACED_DIGITS and _SPACED_DECIMAL holds a digit or dot, a space, a digit or
# dot: one scan for that, starting on the (rarer) space, before the two
_SPACED_NEEDED = re.compile(rf"[{_SP1}](?<=[0-9.][{_SP1}])[0-9.]")
# One or two spaces between a number (or %) and its unit / comparator.
_NUM_UNIT_SPACE = re.compile(rf"[{_SP1}](?<=[0-9%‰][{_SP1}])[{_SP1}]?(?={_AFTER_NUM})")
# A single space between two CJK chars, or a CJK char and a digit (body lines only).
_CJK_SPACE = re.compile(rf"[{_SP1}](?<=[{_HAN}][{_SP1}])(?=[{_HAN}0-9])")
# Pinyin annotation after a CJK char: 區(qū), 發（fā）, 創(chuàng ).
_PINYIN = re.compile(
    rf"[(（](?<=[{_HAN}][(（]) ?([a-zü\u00e0-\u00fc\u0101-\u01dc\u0144\u0148\u01f9\u1e3f]{{1,7}}) ?[)）]"
)
_TONED = re.compile("[\u00e0-\u00fc\u0101-\u01dc\u0144\u0148\u01f9\u1e3f]")
_SYLLABLE = re.compile(r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouü]{1,3}(?:ng|n|r)?")

# A run of line breaks, with the spaces around them.
# ([SP]*(?:\r?\n[SP]*)+ written to start with its first character: a space, \r\n or \n)
_BREAKS = re.compile(
    rf"[{_SP}\r\n](?:(?<=[{_SP}])[{_SP}]*\r?\n|(?<=\r)\n|(?<=\n))[{_SP}]*(?:\r?\n[{_SP}]*)*"
)
_BODY_PUNCT = re.compile("[,;，；。!?！？]")
_TERMINAL = frozenset("。！？；：…”」』!?;:.—―]】")
_OPENERS = frozenset("《“‘「『(（[【")
_PAIRS = (("《", "》"), ("“", "”"), ("(", ")"), ("「", "」"))
_CLAUSE_SPLIT = re.compile("[,，、;；:：]")
_SENT_SPLIT = re.compile("[。！？!?；;]")
_ENUM_START = re.compile(
    r"(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十0-9]+[)）]"
    r"|第[一二三四五六七八九十]+[章节部篇条]|[0-9]{1,2}(?:、|\.(?![0-9])))"
)
_START_OK = re.compile(rf"[{_HAN}0-9]")
# 19 开展… : a numbered table row (but not 25 万人, a number and its unit)
_ROW_START = re.compile(rf"[0-9]{{1,3}}[{_SP}]+(?![{_UNIT_START}])[{_HAN}]")

# the words that end a line naming a part of the report (2025年工作回顾, “十五五”时期主要目标和2026年
# 重点工作); structure.py reads such a line as a heading, and here it is never joined to the next
# line as a wrapped line that lost its punctuation, however long it is
PART_HEADING_WORDS = (
    "工作回顾|回顾|工作安排|主要工作|重点工作|工作重点|工作任务|主要任务|重点任务|总体要求|主要目标|发展目标"
    "|目标任务|工作部署|工作建议|工作打算|主要预期目标"
)
# (and any …预期目标 line: not joined, though only 主要预期目标 makes a heading of it)
_PART_HEADING_END = re.compile(f"(?:{PART_HEADING_WORDS}|预期目标)$")
_SHORT_PARAGRAPH = 45  # a paragraph-opening line this short may be a heading
_MIN_JOIN_LINE = 15  # a wrapped body line is at least this long
_MAX_JOIN_BREAKS = 3  # more newlines than this is a section break, not a wrap
_HEADING_MAX = 40
_DUP_MIN = 20
_DUP_WINDOW = 5


# --------------------------------------------------------------------------- rules


def _is_body(line: str) -> bool:
    return len(line) >= _MIN_JOIN_LINE and _BODY_PUNCT.search(line) is not None


def _heading_like(line: str) -> bool:
    if _ENUM_START.match(line):
        return True
    return len(line) <= _HEADING_MAX and _BODY_PUNCT.search(line) is None and "、" not in line


def _wrap_evidence(line: str) -> bool:
    """Signs that a short line was cut mid-sentence rather than being a heading."""
    if line[-1] in _OPENERS or line[-1] in ",，、" or line[-1].isdigit():
        return True
    if len(_CLAUSE_SPLIT.split(line)[-1]) <= 3:
        return True
    return any(line.count(a) > line.count(b) for a, b in _PAIRS)


def _line_breaks(t: str) -> list[tuple[int, int]]:
    """Spans of line-break runs that cut a sentence (OCR / PDF wrapping) in ``t``."""
    spans: list[tuple[int, int]] = []
    n = len(t)
    line_start = 0
    prev_line = ""  # the line before the current one, when only one newline separates them
    prev_joined = False  # the current line continues the one before it
    for m in _BREAKS.finditer(t):
        s, e = m.span()
        cur = t[line_start:s].strip(_SP)
        newlines = m.group().count("\n")
        joined = False
        if e < n and cur and newlines <= _MAX_JOIN_BREAKS and _may_end_wrapped(cur):
            nl = t.find("\n", e)
            nxt = t[e : n if nl < 0 else nl].strip(_SP)
            if (
                nxt
                and _START_OK.match(nxt)
                and not _heading_like(nxt)
                and not _ROW_START.match(nxt)
            ):
                if _is_body(cur):
                    joined = (
                        prev_joined
                        or len(cur) > _SHORT_PARAGRAPH
                        or "。" in cur
                        or _wrap_evidence(cur)
                    )
                else:
                    # a wrapped line whose punctuation was lost, inside a wrapped block
                    joined = (
                        len(cur) >= 20
                        and not any(c in _SP for c in cur)
                        and not _ENUM_START.match(cur)
                        and _PART_HEADING_END.search(cur) is None
                        and _is_body(prev_line)
                        and _BODY_PUNCT.search(nxt[:30]) is not None
                    )
        if joined:
            spans.append((s, e))
        prev_joined = joined
        prev_line = cur if newlines == 1 else ""
        line_start = e
    return spans


def _may_end_wrapped(line: str) -> bool:
    """A line that does not end a sentence, a heading, a table row or a caption."""
    last = line[-1]
    if last in _TERMINAL or "A" <= last <= "Z" or "a" <= last <= "z":
        return False
    if _ENUM_START.match(line) and "。" not in line:
        return False  # a numbered heading
    tail = _SENT_SPLIT.split(line)[-1]
    if any(c in _SP for c in tail):
        return False  # 投入使用。 区卫生局 : a column, not prose
    return _START_OK.search(tail) is not None  # 。(⑵⑶) : a note mark after a full stop


def _space_deletions(t: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for rx in (_SPACED_DIGITS, _SPACED_DECIMAL) if _SPACED_NEEDED.search(t) is not None else ():
        for m in rx.finditer(t):
            grp = m.group()
            if not any(c.isdigit() for c in grp):
                continue
            base = m.start()
            spans.extend((base + i, base + i + 1) for i, c in enumerate(grp) if c in _SP1)
    spans.extend(m.span() for m in _NUM_UNIT_SPACE.finditer(t))
    body_cache: dict[int, bool] = {}
    for m in _CJK_SPACE.finditer(t):
        s = m.start()
        ls = t.rfind("\n", 0, s) + 1
        ok = body_cache.get(ls)
        if ok is None:
            le = t.find("\n", s)
            ok = _is_body(t[ls : len(t) if le < 0 else le].strip(_SP))
            body_cache[ls] = ok
        if ok:
            spans.append(m.span())
    return spans


def _pinyin_deletions(t: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _PINYIN.finditer(t):
        syl = m.group(1)
        if _TONED.search(syl) or (len(syl) >= 2 and _SYLLABLE.fullmatch(syl)):
            spans.append(m.span())
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _duplicates(text: str) -> list[tuple[int, int]]:
    """Spans of paragraphs that repeat an earlier one (exactly anywhere, or inside a recent one)."""
    seen: set[str] = set()
    recent: list[str] = []
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        stripped = line.strip(_SP + "\r")
        if not stripped:
            continue
        if len(stripped) >= _DUP_MIN:
            if stripped in seen or any(stripped in p for p in recent):
                s = start + line.index(stripped)
                out.append((s, s + len(stripped)))
                continue  # a copy does not refresh the window
            seen.add(stripped)
        recent.append(stripped)
        if len(recent) > _DUP_WINDOW:
            del recent[0]
    return out


# The offsets 0, 1, 2 … as one shared list: an offset map is built by slicing it, which copies
# references to int objects that already exist, instead of creating an int for every character
# of every text (most of the cost of building the map).  Never changed in place, only replaced
# by a longer one (so a thread slicing the old list still reads the right values); it grows to
# the longest text normalised, at most _SHARED_OFFSETS_MAX entries (about 11 MB), and a longer
# text gets a list of its own.
_SHARED_OFFSETS_MAX = 1 << 18
_shared_offsets: list[int] = []


def _offsets(n: int) -> list[int]:
    """A list whose first ``n`` items are 0 … n - 1 (shared; slice it, never change it)."""
    global _shared_offsets
    table = _shared_offsets
    if len(table) >= n:
        return table
    if n > _SHARED_OFFSETS_MAX:
        return list(range(n))
    table = list(range(min(max(n, 2 * len(table), 4096), _SHARED_OFFSETS_MAX)))
    _shared_offsets = table
    return table


_OCR_ONE = re.compile(r"[lI](?<=[0-9][lI])(?=[0-9]|[亿万千百元%])")  # ((?<=[0-9])[lI]…, first character first)


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for extraction, keeping a map back to it (see the module doc)."""
    if not text:
        return Normalized(text, "", [0], [])
    sub = _fold(text)
    if "l" in sub or "I" in sub:
        # 25l亿元: an OCR'd letter l (or I) inside a number is the digit 1 (same length: offsets unchanged)
        sub = _OCR_ONE.sub("1", sub)
    deletions = _pinyin_deletions(sub)
    if any(c in sub for c in _ZERO_WIDTH_CHARS):
        deletions += [m.span() for m in _ZERO_WIDTH.finditer(sub)]
    if "\n" in sub and _SUBSCRIPT_NEEDED.search(sub) is not None:
        # 广义货币M\n2\n增长: a subscript set on a line of its own (M₂ in a web copy)
        for m in _SUBSCRIPT_LINE.finditer(sub):
            deletions += [(m.start(1), m.end(1)), (m.start(2), m.end(2))]
    if any(c in sub for c in _SP1):
        deletions += _space_deletions(sub)
    if "\n" in sub:
        deletions += _line_breaks(sub)
    offsets = _offsets(len(sub))
    if deletions:
        pieces: list[str] = []
        index: list[int] = []
        prev = 0
        for s, e in _merge(deletions):
            if s > prev:
                pieces.append(sub[prev:s])
                index += offsets[prev:s]
            prev = e
        if prev < len(sub):
            pieces.append(sub[prev:])
            index += offsets[prev : len(sub)]
        out = "".join(pieces)
    else:
        out = sub
        index = offsets[: len(sub)]
    index.append(len(text))
    return Normalized(text, out, index, _duplicates(out))
