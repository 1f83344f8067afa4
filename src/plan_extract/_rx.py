"""Compile a big scanning pattern with the standard library's ``re`` when it can take it.

The quantity pattern is run over every character of every report.  For it, ``re``
scans about three times faster than ``regex`` and finds the same matches: the pattern
uses only syntax both engines read the same way (possessive quantifiers, look-arounds,
named groups).  The one construct ``re`` refuses, a variable-width look-behind, is
rewritten into an equivalent alternation of fixed-width ones.  Any pattern ``re`` still
rejects (``\\p{Han}``, other variable look-behinds …) is compiled with ``regex`` as
before, so changing the pattern can only cost speed, never matches.
``tests/test_fast_paths.py`` checks both engines agree over the corpus.

Also :data:`re` and :data:`regex`, which the extractor's modules import instead of the
standard ones: the same modules, but their ``compile`` reuses what an earlier run compiled
(see below).
"""

from __future__ import annotations

import contextlib
import copyreg
import hashlib
import marshal
import os
import re as _re
import sys
import tempfile
import threading
import types
import warnings
import zlib
from pathlib import Path
from typing import Any

import regex as _regex

__all__ = ["compile_scanner", "re", "regex", "save_compiled", "write_cache_file"]

# Variable-width look-behinds and their fixed-width equivalents (same positions accepted).
_REWRITES = ((r"(?<=\d\.\d{1,2})", r"(?:(?<=\d\.\d)|(?<=\d\.\d\d))"),)

_FLAGS = {
    _regex.VERBOSE: _re.VERBOSE,
    _regex.IGNORECASE: _re.IGNORECASE,
    _regex.MULTILINE: _re.MULTILINE,
    _regex.DOTALL: _re.DOTALL,
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
    if rest & ~(_regex.UNICODE | _regex.VERSION0):
        return _compile_regex(pattern, flags)  # a flag re does not have
    p = pattern
    for old, new in _REWRITES:
        p = p.replace(old, new)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "possible nested set" etc.: regex reads it differently
            return _compile_re(p, re_flags, kind="scan")  # (kept apart: compiled under "error")
    except (_re.error, FutureWarning, DeprecationWarning, OverflowError, RecursionError):
        return _compile_regex(pattern, flags)


# --------------------------------------------------------------------------- compiled patterns kept
#
# Importing the extractor compiles ~300 patterns: ~0.1 s of every start (a third of a batch's
# start-up before its workers can begin), spent by both engines parsing and compiling in
# Python.  What they compile to — ``re``'s code (a list of ints and the group names, what
# ``re._compiler.compile`` hands to ``_sre.compile``) and ``regex``'s pickled form (its code,
# which unpickling hands to its C compiler) — is kept in a file in the temporary folder, keyed
# by each pattern and its flags, and built into the pattern from there in microseconds: the
# same code, only without the compiler.  The file is named by the Python build and the regex
# version, read only when this user owns it and nobody else may write it, checked (magic,
# length, CRC-32) and ignored when anything does not match; a pattern not in it is compiled
# as usual (and added).

_CACHE_MAGIC = b"plan-extract compiled patterns 1\n"
_CACHE_MAX = 4000  # entries kept from earlier runs beside this run's (beyond: this run's only)

Key = tuple[str, str, int]  # (engine, pattern, flags)
_entries: dict[Key, Any] | None = None  # the file's, read on the first compile
_used: dict[Key, Any] = {}  # compiled or rebuilt in this process
_dirty = False  # something compiled here is not in the file
_at_exit = False  # save_compiled registered to run at exit
_lock = threading.Lock()


def _cache_file() -> Path | None:
    try:
        import _sre

        sre_magic = _sre.MAGIC
    except (ImportError, AttributeError):  # pragma: no cover - another Python
        return None
    key = hashlib.sha256(
        f"{_CACHE_MAGIC!r}|{sys.version}|{sys.implementation.cache_tag}|{sre_magic}|"
        f"{getattr(_regex, '__version__', '?')}".encode()
    ).hexdigest()[:16]
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"plan_extract.patterns.{uid}.{key}.cache"


def _read_entries() -> dict[Key, Any]:
    path = _cache_file()
    if path is None:
        return {}
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
                return {}  # code is built from it: only a file of this user's, writable by no one else
            data = f.read()
    except OSError:
        return {}
    n = len(_CACHE_MAGIC)
    if not data.startswith(_CACHE_MAGIC):
        return {}
    head, body = data[n : n + 16], data[n + 16 :]
    try:
        if int(head[:8], 16) != len(body) or int(head[8:], 16) != zlib.crc32(body):
            return {}
        entries = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def _lookup(key: Key) -> Any:
    """The kept code of a pattern: compiled earlier in this process (a pattern made at run time,
    compiled again and again) or in the file."""
    global _entries
    data = _used.get(key)
    if data is not None:
        return data
    if _entries is None:
        with _lock:
            if _entries is None:
                _entries = _read_entries()
    return _entries.get(key)


def _remember(key: Key, data: Any) -> None:
    global _dirty, _at_exit
    try:
        marshal.dumps(data)
    except ValueError:  # pragma: no cover - not kept
        return
    _used[key] = data
    _dirty = True
    if not _at_exit:  # written at exit, if nothing did so before (the batch's warm-up does)
        _at_exit = True
        import atexit

        atexit.register(save_compiled)


def save_compiled() -> None:
    """Write what this process compiled to the file, when some of it is not there (best effort)."""
    global _dirty, _entries
    if not _dirty:
        return
    with _lock:
        if not _dirty:
            return
        _dirty = False
        old = _entries or {}
        out = dict(old) if len(old) + len(_used) <= _CACHE_MAX else {}
        out.update(_used)
        _entries = out
        path = _cache_file()
        if path is None:
            return
        body = marshal.dumps(out)
        head = f"{len(body):08x}{zlib.crc32(body):08x}".encode()
        write_cache_file(path, _CACHE_MAGIC + head, body)


def write_cache_file(path: Path, *parts: bytes) -> None:
    """Best effort: ``parts`` into ``path`` at once (a private temporary file beside it, then a
    rename); a missing or unwritable folder only costs the slow way next time."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                for part in parts:
                    f.write(part)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        pass


def _re_code(pattern: str, flags: int) -> Any:
    """What ``re`` compiles ``pattern`` to: the arguments ``re._compiler.compile`` gives ``_sre.compile``."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # (shown already, when it was compiled)
            p = _parser.parse(pattern, flags)
            code = _compiler._code(p, flags)
        groupindex = dict(p.state.groupdict)
        indexgroup: list[str | None] = [None] * p.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        return (int(flags | p.state.flags), [int(c) for c in code], p.state.groups - 1, groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - another Python's internals: then nothing is kept
        return None


def _compile_re(pattern: Any, flags: int = 0, *, kind: str = "re") -> Any:
    """``re.compile(pattern, flags)``, built from the kept code when this pattern was compiled before."""
    if type(pattern) is not str or flags & (_re.DEBUG | _re.LOCALE):
        return _re.compile(pattern, flags)
    key = (kind, pattern, int(flags))
    data = _lookup(key)
    if data is not None:
        try:
            import _sre

            compiled = _sre.compile(pattern, *data)
        except Exception:  # noqa: BLE001 - not what this Python takes: compiled below
            pass
        else:
            _used[key] = data
            return compiled
    compiled = _re.compile(pattern, flags)
    data = _re_code(pattern, int(flags))
    if data is not None:
        _remember(key, data)
    return compiled


_REGEX_REDUCE = copyreg.dispatch_table.get(_regex.Pattern)  # regex's pickling: (its compiler, the code)
_regex_build: Any = None  # that compiler


def _compile_regex(pattern: Any, flags: int = 0, *args: Any, **kwargs: Any) -> Any:
    """``regex.compile(pattern, flags)``, built from the kept code when this pattern was compiled before."""
    global _regex_build
    if (
        args or kwargs or type(pattern) is not str or flags & (_regex.LOCALE | _regex.DEBUG)
        or _REGEX_REDUCE is None
    ):
        return _regex.compile(pattern, flags, *args, **kwargs)
    key = (f"regex{_regex.DEFAULT_VERSION}", pattern, int(flags))  # (the version a pattern without one gets)
    try:
        if _regex_build is None:
            _regex_build = _REGEX_REDUCE(_regex.compile(""))[0]  # type: ignore[index]
        data = _lookup(key)
        if data is not None:
            compiled = _regex_build(*data)
            _used[key] = data
            return compiled
    except Exception:  # noqa: BLE001 - not what this regex takes: compiled below
        pass
    compiled = _regex.compile(pattern, flags)
    try:
        build, data = _REGEX_REDUCE(compiled)  # type: ignore[misc,str-unpack]
    except Exception:  # noqa: BLE001 - pickled otherwise: not kept
        return compiled
    if build is _regex_build:
        _remember(key, data)
    return compiled


def _namespace(module: types.ModuleType, compile: Any) -> types.ModuleType:
    """``module`` with another ``compile`` (a copy of its names: the rest is the module's own)."""
    ns = types.ModuleType(module.__name__, module.__doc__)
    ns.__dict__.update({k: v for k, v in vars(module).items() if not k.startswith("__")})
    ns.compile = compile  # type: ignore[attr-defined]
    return ns


re = _namespace(_re, _compile_re)
regex = _namespace(_regex, _compile_regex)
