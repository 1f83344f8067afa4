"""Numerals: Arabic (with thousands separators and decimals) and Chinese (via cn2an).

cn2an does the Chinese numerals; this module wraps its gaps (traditional 點,
万万, bare 十, leading 两, odd spacing) and never raises: an unreadable numeral
gives ``None``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex
else:
    from ._rx import regex  # the standard module, compile() reusing earlier runs' work


_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
DIGIT_VALUES = _DIGITS  # (read by quantities: 两、三倍)
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
# 一千二百 / 二十万 / 三千五百万 / 十五: digit–unit pairs in falling order, each section below 万
_SECTION = r"(?:[一二两三四五六七八九]?千)?(?:[零〇]?[一二两三四五六七八九]?百)?(?:[零〇]?[一二三四五六七八九]?十)?(?:[零〇]?[一二两三四五六七八九])?"
_WELL_FORMED = regex.compile(
    rf"(?=[^万亿零〇])(?:(?:{_SECTION}万)?{_SECTION}亿)?(?:[零〇]?{_SECTION}万)?[零〇]?{_SECTION}"
)
# Doubled place words (千千, 万万万) are not numerals cn2an can read either.
_DOUBLED = regex.compile(r"千千|百百|十十|万万万|亿亿亿")


def _fallback_cn(s: str) -> float | None:
    """A plain reader for integer Chinese numerals (一千二百, 二十万万, 十五)."""
    total = 0
    section = 0
    number = 0
    for ch in s:
        if ch in _DIGITS:
            number = _DIGITS[ch]
        elif ch in _SMALL:
            section += (number or 1) * _SMALL[ch]
            number = 0
        elif ch in _BIG:
            unit = _BIG[ch]
            section += number
            if section == 0 and total:
                total *= unit
            else:
                total = (total + section) * unit if unit > 10_000 else total + section * unit
            section = 0
            number = 0
        else:
            return None
    try:
        return float(total + section + number)
    except OverflowError:
        return None


@lru_cache(maxsize=4096)
def parse_number(s: str | None) -> float | None:
    """``"1,200"`` → 1200.0, ``"一千二百"`` → 1200.0, ``"十點七"`` → 10.7, ``"x"`` → None."""
    if not s:
        return None
    s = s.strip().replace("點", "点").replace("○", "〇")  # ○ (a white circle) is a common typed zero
    if s[0].isdigit():
        try:
            return float(s.replace(",", "").replace("。", "."))
        except ValueError:
            return None
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = parse_number(whole) if whole else 0.0
        if w is None or not frac or any(ch not in _DIGITS for ch in frac):
            return None
        return float(f"{int(w)}.{''.join(str(_DIGITS[ch]) for ch in frac)}")
    # Sequences of bare digits (一九八〇) are years or codes, not quantities.
    if len(s) > 1 and all(ch in _DIGITS for ch in s):
        return None
    # Well-formed integers (一千二百, 二十万, 两万) are read here; cn2an stays the reference
    # (tests/test_numerals.py checks the two agree) and reads everything else. Importing
    # cn2an costs ~0.1 s, a tenth of a cold `plan-extract extract`.
    if s in ("零", "〇"):
        return 0.0
    if _WELL_FORMED.fullmatch(s):
        return _finite(_fallback_cn(s))
    if _DOUBLED.search(s):
        return None
    try:
        import cn2an

        v = cn2an.cn2an(s.replace("两", "二"), "strict")
        return _finite(float(v))
    except Exception:  # cn2an raises ValueError and others on odd input
        try:
            return _finite(_fallback_cn(s))
        except (OverflowError, ValueError):
            return None


def _finite(v: float | None) -> float | None:
    """``None`` for values that overflow a float (一亿亿亿…): never ``inf`` in a record."""
    if v is None or v != v or v in (float("inf"), float("-inf")):
        return None
    return v
