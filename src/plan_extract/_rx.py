"""Compile a big scanning pattern with the standard library's ``re`` when it can take it.

The quantity pattern is run over every character of every report.  For it, ``re``
scans about three times faster than ``regex`` and finds the same matches: the pattern
uses only syntax both engines read the same way (possessive quantifiers, look-arounds,
named groups).  The one construct ``re`` refuses, a variable-width look-behind, is
rewritten into an equivalent alternation of fixed-width ones.  Any pattern ``re`` still
rejects (``\\p{Han}``, other variable look-behinds …) is compiled with ``regex`` as
before, so changing the pattern can only cost speed, never matches.
``tests/test_fast_paths.py`` checks both engines agree over the corpus.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import regex

__all__ = ["compile_scanner"]

# Variable-width look-behinds and their fixed-width equivalents (same positions accepted).
_REWRITES = ((r"(?<=\d\.\d{1,2})", r"(?:(?<=\d\.\d)|(?<=\d\.\d\d))"),)

_FLAGS = {
    regex.VERBOSE: re.VERBOSE,
    regex.IGNORECASE: re.IGNORECASE,
    regex.MULTILINE: re.MULTILINE,
    regex.DOTALL: re.DOTALL,
}


def compile_scanner(pattern: str, flags: int = 0) -> Any:
    """``re.compile`` of ``pattern`` if ``re`` accepts it (after the rewrites above), else ``regex.compile``.

    Only for patterns used through ``finditer``/``search``/``match`` and the groups of the
    match (no ``regex``-only keywords such as ``overlapped=``).
    """
    re_flags = 0
    rest = flags
    for rf, sf in _FLAGS.items():
        if flags & rf:
            re_flags |= sf
            rest &= ~rf
    if rest & ~(regex.UNICODE | regex.VERSION0):
        return regex.compile(pattern, flags)  # a flag re does not have
    p = pattern
    for old, new in _REWRITES:
        p = p.replace(old, new)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "possible nested set" etc.: regex reads it differently
            return re.compile(p, re_flags)
    except (re.error, FutureWarning, DeprecationWarning, OverflowError, RecursionError):
        return regex.compile(pattern, flags)
