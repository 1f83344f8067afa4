"""jieba's exact segmentation without HMM (``Tokenizer.cut(s, HMM=False)``), faster on short spans.

The extractor segments tens of thousands of short zones (a verb and a few characters
around it, a metric to strip) per corpus.  ``jieba.Tokenizer.cut`` spends most of that
in per-call overhead and in building the DAG and route as dicts through generators.
:class:`FastCut` runs the same algorithm — the same prefix dictionary, the same
log-probability sums in the same order, the same tie-breaking (the larger end wins) and
the same grouping of single ASCII letters and digits — over lists, so the words are
identical to jieba's; anything else (``HMM=True``, ``cut_all``) is passed to jieba.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import threading
import weakref
from array import array
from collections.abc import Callable
from math import log as _log
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .lexicon import Lexicon

__all__ = ["FastCut", "LiteTokenizer", "fast_tokenizer", "initialized_tokenizer"]

# jieba's block patterns (``jieba.re_han_default``, ``re_skip_default``, ``re_eng``), copied
# so that segmenting without HMM never imports jieba: the import costs ~0.12 s of every
# start (most of it ``pkg_resources``, which jieba uses to find its dictionary).  A test
# checks that they equal jieba's.
RE_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
RE_SKIP = re.compile("(\r\n|\\s)", re.U)
RE_ENG = re.compile("[a-zA-Z0-9]", re.U)
_ENG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")  # what RE_ENG matches

_ABSENT = object()  # (markers in the log-probability table of FastCut)
_PREFIX = object()

_CACHE: weakref.WeakKeyDictionary[Any, FastCut] = weakref.WeakKeyDictionary()


class FastCut:
    """Wraps a ``jieba.Tokenizer``: ``cut``/``lcut`` with ``HMM=False`` are computed here.

    With ``memo`` (a function returning a dict, such as ``Lexicon.memo``), the words of a
    span seen before are remembered there: the same zones come back across a document.
    """

    def __init__(self, tok: Any, memo: Callable[[str], dict[str, Any]] | None = None) -> None:
        self.tok = tok
        self._memo = memo
        self._re_han = RE_HAN  # the block splitter of jieba.Tokenizer.cut
        self._re_skip = RE_SKIP
        self._re_eng = RE_ENG
        self._lp_private: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tok, name)

    def cut(
        self, sentence: Any, cut_all: bool = False, HMM: bool = True, use_paddle: bool = False
    ) -> Any:  # noqa: N803
        if HMM or cut_all or use_paddle or not isinstance(sentence, str):
            return self.tok.cut(sentence, cut_all=cut_all, HMM=HMM, use_paddle=use_paddle)
        return iter(self._cached(sentence))

    def lcut(
        self, sentence: Any, cut_all: bool = False, HMM: bool = True, use_paddle: bool = False
    ) -> list[str]:  # noqa: N803
        if HMM or cut_all or use_paddle or not isinstance(sentence, str):
            return self.tok.lcut(sentence, cut_all=cut_all, HMM=HMM, use_paddle=use_paddle)
        return list(self._cached(sentence))  # a fresh list: callers may change it

    def _cached(self, sentence: str) -> tuple[str, ...] | list[str]:
        if self._memo is None:
            return self._cut(sentence)
        table = self._memo("jieba_no_hmm")
        hit = table.get(sentence)
        if hit is None:
            hit = table[sentence] = tuple(self._cut(sentence))
        return hit

    def _cut(self, sentence: str) -> list[str]:
        tok = self.tok
        if not tok.initialized:
            tok.initialize()
        out: list[str] = []
        re_han, re_skip = self._re_han, self._re_skip
        if re_han.fullmatch(sentence):
            # one block (jieba's split gives ['', sentence, '']): the usual case
            self._cut_block(sentence, out)
            return out
        for blk in re_han.split(sentence):
            if not blk:
                continue
            if re_han.match(blk):
                self._cut_block(blk, out)
            else:
                for x in re_skip.split(blk):
                    if re_skip.match(x):
                        out.append(x)
                    else:
                        out.extend(x)
        return out

    def _lp_table(self, total: int) -> dict[str, Any]:
        table = self._memo("jieba_logp") if self._memo is not None else self._lp_private
        if table.get(None) != total:  # type: ignore[call-overload]  # the total changed (add_word): start again
            table.clear()
            table[None] = total  # type: ignore[index]
            table[""] = _log(1) - _log(total)  # a character that is no word
        return table

    def _lp_fill(self, table: dict[str, Any], w: str) -> Any:
        f = self.tok.FREQ.get(w)
        v = _ABSENT if f is None else _PREFIX if not f else _log(f) - _log(self.tok.total)
        table[w] = v
        return v

    def _cut_block(self, blk: str, out: list[str]) -> None:
        """``Tokenizer.__cut_DAG_NO_HMM``: get_DAG, calc and the walk, step for step."""
        tok = self.tok
        total = tok.total
        # lp[w]: log(FREQ[w]) - log(total) for a word, _PREFIX for a prefix that is no word
        # (frequency 0), _ABSENT for neither; filled on first sight, so each sum below is the
        # very float jieba computes, (log(f) - logtotal) + route[i + 1]
        lp = self._lp_table(total)
        get = lp.get
        # (a miss is filled here, as _lp_fill does, with the dictionary's getter and log(total)
        # looked up once per block: the same floats, without two property calls per miss)
        freq_get = tok.FREQ.get
        log_total = _log(total)
        n = len(blk)
        # prob[i], end[i]: the best log probability from i and the last index of its first
        # word (jieba's route[i]); prob[n] = 0.  Candidates come in increasing end order and
        # jieba keeps the largest (probability, end) tuple, so on a tie the later end wins.
        prob: list[float] = [0.0] * (n + 1)
        end: list[int] = [0] * (n + 1)
        absent, prefix = _ABSENT, _PREFIX
        for idx in range(n - 1, -1, -1):
            best_p = 0.0
            best_x = -1
            w = blk[idx]
            v = get(w)
            if v is None:
                f = freq_get(w)
                v = lp[w] = absent if f is None else prefix if not f else _log(f) - log_total
            i = idx
            while v is not absent:
                if v is not prefix:
                    p = v + prob[i + 1]  # type: ignore[operator]
                    if best_x < 0 or p >= best_p:
                        best_p = p
                        best_x = i
                i += 1
                if i >= n:
                    break
                w = blk[idx : i + 1]
                v = get(w)
                if v is None:
                    f = freq_get(w)
                    v = lp[w] = absent if f is None else prefix if not f else _log(f) - log_total
            if best_x < 0:
                # no word: the character alone (jieba looks its frequency up, 0 or absent → 1)
                best_p = lp[""] + prob[idx + 1]
                best_x = idx
            prob[idx] = best_p
            end[idx] = best_x
        eng = _ENG_CHARS
        x = 0
        buf = ""
        while x < n:
            y = end[x] + 1
            word = blk[x:y]
            if y - x == 1 and word in eng:  # (RE_ENG.match of one character)
                buf += word
            else:
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(word)
            x = y
        if buf:
            out.append(buf)


def fast_tokenizer(lex: Lexicon) -> FastCut:
    """The :class:`FastCut` of a lexicon's tokenizer, remembering spans in the lexicon's memo tables."""
    fc = _CACHE.get(lex)
    if fc is None:
        fc = _CACHE[lex] = FastCut(lex.tokenizer(), lex.memo)
    return fc


# --------------------------------------------------------------------------- loading the dictionary
#
# jieba keeps its prefix dictionary (~500,000 words and prefixes) in a marshal cache whose
# loading costs ~0.6 s: most of a cold start, and paid again by every batch.  The same
# dictionary stored as one newline-joined string of words plus an array of frequencies
# loads in a fraction of that (str.split and dict(zip) run in C).  The cache is checked
# (magic, jieba version, size and mtime of jieba's dict.txt, lengths and a digest) and
# rebuilt from jieba's own loading whenever anything does not match.

_MAGIC = b"plan-extract jieba dictionary 2\n"


class LazyFreq:
    """jieba's prefix dictionary, loaded a first character at a time when first asked for.

    Building all ~500,000 entries took a quarter of a second at every start (in a batch, on
    the critical path before any worker could begin); a report asks for a few thousand
    first characters.  Every read or write of a key loads its first character's words first,
    so the mapping holds exactly what jieba's eager loading (and later ``add_word``) would;
    whole-mapping operations (iteration, length, equality) load everything first.  The words
    live in a plain dict of strings and integers, which the garbage collector does not track
    (a dict subclass would be tracked, and every full collection would walk its entries).
    """

    __slots__ = ("_d", "_text", "_freqs", "_pending", "_lock", "__weakref__")

    def __init__(self, text: str, freqs: array, buckets: dict[str, tuple[int, int, int, int]]) -> None:  # type: ignore[type-arg]
        self._d: dict[str, int] = {}
        self._text = text
        self._freqs = freqs
        self._pending = dict(buckets)
        self._lock = threading.Lock()

    def _load(self, ch: str) -> None:
        with self._lock:
            spec = self._pending.get(ch)
            if spec is None:
                return
            t0, t1, i0, i1 = spec
            self._d.update(zip(self._text[t0:t1].split("\n"), self._freqs[i0:i1].tolist(), strict=True))
            del self._pending[ch]  # (only now: a thread that finds it gone finds its words there)

    def _load_all(self) -> dict[str, int]:
        for ch in list(self._pending):
            self._load(ch)
        return self._d

    def get(self, key: str, default: Any = None) -> Any:
        if key[:1] in self._pending:
            self._load(key[:1])
        return self._d.get(key, default)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str) and key[:1] in self._pending:
            self._load(key[:1])
        return key in self._d

    def __getitem__(self, key: str) -> int:
        if key[:1] in self._pending:
            self._load(key[:1])
        return self._d[key]

    def __setitem__(self, key: str, value: int) -> None:
        if key[:1] in self._pending:
            self._load(key[:1])  # (add_word: the dictionary's entry first, then the user's over it)
        self._d[key] = value

    def __delitem__(self, key: str) -> None:
        if key[:1] in self._pending:
            self._load(key[:1])
        del self._d[key]

    def __iter__(self) -> Any:
        return iter(self._load_all())

    def __len__(self) -> int:
        return len(self._load_all())

    def keys(self) -> Any:
        return self._load_all().keys()

    def values(self) -> Any:
        return self._load_all().values()

    def items(self) -> Any:
        return self._load_all().items()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyFreq):
            other = other._load_all()
        return self._load_all() == other

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> Any:
        return (dict, (dict(self._load_all()),))


def _cache_path() -> Path | None:
    """The cache's file, named by what it depends on: jieba's dict.txt and jieba's code.

    jieba is located without being imported (``find_spec``); its ``__init__.py`` stands
    for its version (a reinstall or upgrade changes its size or time).
    """
    import importlib.util

    try:
        spec = importlib.util.find_spec("jieba")
        if spec is None or spec.origin is None:
            return None
        code = Path(spec.origin)
        dict_file = code.with_name("dict.txt")  # jieba.DEFAULT_DICT_NAME
        st, sc = dict_file.stat(), code.stat()
    except (OSError, ImportError, ValueError):
        return None
    key = hashlib.sha256(
        f"{_MAGIC!r}|{code}|{sc.st_size}|{sc.st_mtime_ns}|{dict_file}|{st.st_size}|{st.st_mtime_ns}".encode()
    ).hexdigest()[:16]
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"plan_extract.jieba.{uid}.{key}.cache"


def _read_cache(path: Path) -> tuple[LazyFreq, int] | None:
    """The dictionary as a :class:`LazyFreq` over the cache's words, or None if the cache does not check out."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(_MAGIC):
        return None
    try:
        head_end = data.index(b"\n", len(_MAGIC))
        head = json.loads(data[len(_MAGIC) : head_end])
        n_words, n_text, total, digest = head["words"], head["text"], head["total"], head["digest"]
        buckets = {ch: tuple(v) for ch, v in head["buckets"].items()}
        if not isinstance(total, int) or len(data) - head_end - 1 != n_text + 8 * n_words:
            return None
        if sum(v[3] - v[2] for v in buckets.values()) != n_words:
            return None
        with memoryview(data) as view:
            body = view[head_end + 1 :]
            if hashlib.blake2b(body, digest_size=16).hexdigest() != digest:
                return None
            text = str(body[:n_text], "utf-8")
            freqs = array("q")
            freqs.frombytes(body[n_text:])
            body.release()
        del data
        if len(freqs) != n_words:
            return None
        return LazyFreq(text, freqs, buckets), total  # type: ignore[arg-type]  # (buckets: lists of four ints)
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        return None


def _write_cache(path: Path, freq: dict[str, int], total: int) -> None:
    """Best effort: a missing or unwritable temporary folder only costs the slow load next time.

    The words are stored grouped by first character, with each group's place in the text
    and in the frequency array, so that :class:`LazyFreq` can load one group at a time.
    """
    items = list(freq.items())
    if any("\n" in w or not w for w, _ in items) or not all(
        type(v) is int and -(2**63) <= v < 2**63 for _, v in items
    ):
        return
    groups: dict[str, list[tuple[str, int]]] = {}
    for w, v in items:
        groups.setdefault(w[0], []).append((w, v))
    parts: list[str] = []
    freqs = array("q")
    buckets: dict[str, list[int]] = {}
    pos = 0
    for ch, grp in groups.items():
        chunk = "\n".join(w for w, _ in grp)
        # offsets in characters of the decoded text (a separator between groups)
        start = pos
        pos += len(chunk)
        buckets[ch] = [start, pos, len(freqs), len(freqs) + len(grp)]
        freqs.extend(v for _, v in grp)
        parts.append(chunk)
        pos += 1
    text = "\n".join(parts).encode("utf-8")
    body = text + freqs.tobytes()
    head = {
        "words": len(items),
        "text": len(text),
        "total": total,
        "digest": hashlib.blake2b(body, digest_size=16).hexdigest(),
        "buckets": buckets,
    }
    try:
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_MAGIC + json.dumps(head, ensure_ascii=False).encode() + b"\n")
                f.write(body)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        pass


class LiteTokenizer:
    """What the extractor uses of a ``jieba.Tokenizer`` — its dictionary — without importing jieba.

    ``FREQ``, ``total``, ``user_word_tag_tab`` and ``add_word`` (with a frequency) behave as
    jieba's; anything else (``cut`` with HMM, ``suggest_freq``, ``add_word`` without a
    frequency or with frequency 0, which jieba's HMM must learn of) first builds the real
    ``jieba.Tokenizer`` over the same dictionary and from then on is that tokenizer's.
    """

    initialized = True

    def __init__(self, freq: Any, total: int) -> None:
        self._freq = freq
        self._total = total
        self._tags: dict[str, str] = {}
        self._real: Any = None
        self.lock = threading.RLock()

    @property
    def FREQ(self) -> Any:  # noqa: N802  (jieba's name)
        return self._freq if self._real is None else self._real.FREQ

    @property
    def total(self) -> int:
        return self._total if self._real is None else self._real.total  # type: ignore[no-any-return]

    @property
    def user_word_tag_tab(self) -> dict[str, str]:
        return self._tags if self._real is None else self._real.user_word_tag_tab  # type: ignore[no-any-return]

    def add_word(self, word: str, freq: Any = None, tag: str | None = None) -> None:
        if self._real is not None or freq is None or int(freq) == 0 or not isinstance(word, str):
            self.jieba().add_word(word, freq, tag)
            return
        # jieba.Tokenizer.add_word, step for step
        f = int(freq)
        FREQ = self._freq  # noqa: N806
        FREQ[word] = f
        self._total += f
        if tag:
            self._tags[word] = tag
        for ch in range(len(word)):
            frag = word[: ch + 1]
            if frag not in FREQ:
                FREQ[frag] = 0

    def jieba(self) -> Any:
        """The real ``jieba.Tokenizer`` over this dictionary (built on first use)."""
        if self._real is None:
            with self.lock:
                if self._real is None:
                    tok = _new_jieba_tokenizer()
                    with tok.lock:
                        tok.FREQ, tok.total = self._freq, self._total
                        tok.user_word_tag_tab = self._tags
                        tok.initialized = True
                    self._real = tok
        return self._real

    def cut(self, *args: Any, **kwargs: Any) -> Any:
        return self.jieba().cut(*args, **kwargs)

    def lcut(self, *args: Any, **kwargs: Any) -> Any:
        return self.jieba().lcut(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_freq", "_total", "_tags", "_real"):
            raise AttributeError(name)
        return getattr(self.jieba(), name)


def _new_jieba_tokenizer() -> Any:
    import logging

    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.setLogLevel(logging.WARNING)
    return jieba.Tokenizer()


def initialized_tokenizer() -> Any:
    """jieba's default dictionary, loaded as ``jieba.Tokenizer().initialize()`` leaves it.

    From the cache: a :class:`LiteTokenizer` (jieba is not imported); otherwise a real
    ``jieba.Tokenizer`` initialised by jieba, whose dictionary is then cached.
    """
    path = _cache_path()
    cached = _read_cache(path) if path is not None else None
    if cached is not None:
        return LiteTokenizer(*cached)
    tok = _new_jieba_tokenizer()
    tok.initialize()
    if path is not None:
        _write_cache(path, tok.FREQ, tok.total)
    return tok
