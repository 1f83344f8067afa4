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

import hashlib
import json
import os
import tempfile
import threading
import weakref
import zlib
from array import array
from collections.abc import Callable
from math import log as _log
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import re

    from .lexicon import Lexicon
else:
    from ._rx import re  # the standard module, compile() reusing earlier runs' work
from ._rx import write_cache_file

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
# dictionary stored as one newline-joined UTF-8 text of words plus an array of frequencies,
# grouped by the words' first two characters, loads in a fraction of that, a group at a time
# (see LazyFreq).  The cache is checked (magic, jieba version, size and mtime of jieba's
# dict.txt, lengths and a CRC-32 of its contents) and rebuilt from jieba's own loading
# whenever anything does not match.

_MAGIC = b"plan-extract jieba dictionary 3\n"
_OFFSETS = "i"  # the type of the cache's offset arrays (4-byte ints: the text is ~5 MB)


class LazyFreq:
    """jieba's prefix dictionary, loaded a group of words at a time when first asked for.

    Building all ~500,000 entries took a quarter of a second at every start (in a batch, on
    the critical path before any worker could begin); a corpus asks for ~40,000 distinct
    keys.  The words are grouped by their first two characters (a word of one character
    is a group of its own): every read or write of a key loads its group first, so the
    mapping holds exactly what jieba's eager loading (and later ``add_word``) would — a key
    is in the dictionary if and only if it is in its group — while a corpus loads ~60,000
    entries instead of the ~360,000 that grouping by the first character alone loaded.
    Whole-mapping operations (iteration, length, equality) load everything first.  The
    words live in a plain dict of strings and integers, which the garbage collector does
    not track (a dict subclass would be tracked, and every full collection would walk its
    entries).
    """

    __slots__ = (
        "_d", "_text", "_freqs", "_gtext", "_gword", "_bgroup", "_seconds",
        "_firsts", "_done", "_partial", "_lock", "__weakref__",
    )

    def __init__(
        self,
        text: bytes,
        freqs: array,  # type: ignore[type-arg]
        gtext: array,  # type: ignore[type-arg]
        gword: array,  # type: ignore[type-arg]
        bgroup: array,  # type: ignore[type-arg]
        seconds: str,
        firsts: str,
    ) -> None:
        self._d: dict[str, int] = {}
        self._text = text  # UTF-8: the groups' words, joined by newlines (groups too)
        self._freqs = freqs  # the words' frequencies, in the same order
        self._gtext = gtext  # group g: text[gtext[g] : gtext[g + 1] - 1]
        self._gword = gword  # group g: freqs[gword[g] : gword[g + 1]]
        self._bgroup = bgroup  # the groups of the j-th first character: bgroup[j] … bgroup[j + 1] - 1
        self._seconds = seconds  # each group's second character ("\n": a word of one character)
        # first characters of the dictionary's words → j, while some of their groups are not loaded
        self._firsts: dict[str, int] = dict(zip(firsts, range(len(firsts)), strict=True))
        self._done: set[str] = set()  # the keys' first two characters whose group is loaded (or absent)
        self._partial: set[str] = set()  # first characters some of whose groups are loaded
        self._lock = threading.Lock()

    def _load(self, key: str) -> None:
        """Load the group of ``key`` (its first two characters, or its only one)."""
        with self._lock:
            if key in self._done:
                return
            j = self._firsts.get(key[:1])
            if j is not None:
                g = self._seconds.find(key[1:] or "\n", self._bgroup[j], self._bgroup[j + 1])
                if g >= 0:
                    self._load_group(g)
                    self._partial.add(key[:1])
            self._done.add(key)  # (only now: a thread that finds it there finds its words loaded)

    def _load_group(self, g: int) -> None:
        t0, t1 = self._gtext[g], self._gtext[g + 1] - 1
        i0, i1 = self._gword[g], self._gword[g + 1]
        if i1 - i0 == 1:
            self._d[str(self._text[t0:t1], "utf-8")] = self._freqs[i0]
        else:
            words = str(self._text[t0:t1], "utf-8").split("\n")
            self._d.update(zip(words, self._freqs[i0:i1].tolist(), strict=True))

    def _load_all(self) -> dict[str, int]:
        with self._lock:
            gtext, gword, bgroup, seconds, done = self._gtext, self._gword, self._bgroup, self._seconds, self._done
            for ch, j in list(self._firsts.items()):
                g0, g1 = bgroup[j], bgroup[j + 1]
                if ch not in self._partial:  # none of its groups loaded yet: all at once (they are contiguous)
                    words = str(self._text[gtext[g0] : gtext[g1] - 1], "utf-8").split("\n")
                    self._d.update(zip(words, self._freqs[gword[g0] : gword[g1]].tolist(), strict=True))
                else:
                    for g in range(g0, g1):
                        if (ch if seconds[g] == "\n" else ch + seconds[g]) not in done:
                            self._load_group(g)
                del self._firsts[ch]  # (only now: a thread that finds it gone finds its words there)
        return self._d

    def get(self, key: str, default: Any = None) -> Any:
        if key[:2] not in self._done and key[:1] in self._firsts:
            self._load(key[:2])
        return self._d.get(key, default)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str) and key[:2] not in self._done and key[:1] in self._firsts:
            self._load(key[:2])
        return key in self._d

    def __getitem__(self, key: str) -> int:
        if key[:2] not in self._done and key[:1] in self._firsts:
            self._load(key[:2])
        return self._d[key]

    def __setitem__(self, key: str, value: int) -> None:
        if key[:2] not in self._done and key[:1] in self._firsts:
            self._load(key[:2])  # (add_word: the dictionary's entry first, then the user's over it)
        self._d[key] = value

    def __delitem__(self, key: str) -> None:
        if key[:2] not in self._done and key[:1] in self._firsts:
            self._load(key[:2])
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
    """The dictionary as a :class:`LazyFreq` over the cache's words, or None if the cache does not check out.

    The file: the magic line, a JSON line (counts, total, CRC-32, the first characters),
    then the body: the words' UTF-8 text, their frequencies (8-byte ints), the groups' text
    offsets and first word indices and the first characters' first groups (4-byte ints, each
    array with one more entry closing the last range), and the groups' second characters
    (UTF-32-LE).
    """
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(_MAGIC):
        return None
    try:
        head_end = data.index(b"\n", len(_MAGIC))
        head = json.loads(data[len(_MAGIC) : head_end])
        n_words, n_groups, n_text = head["words"], head["groups"], head["text"]
        total, crc, firsts = head["total"], head["crc32"], head["firsts"]
        if not (isinstance(total, int) and isinstance(firsts, str)):
            return None
        n_buckets = len(firsts)
        q, i = array("q"), array(_OFFSETS)
        sizes = [n_text, q.itemsize * n_words, i.itemsize * (n_groups + 1), i.itemsize * (n_groups + 1)]
        sizes += [i.itemsize * (n_buckets + 1), 4 * n_groups]
        if len(data) - head_end - 1 != sum(sizes):
            return None
        with memoryview(data) as view:
            body = view[head_end + 1 :]
            if zlib.crc32(body) != crc:
                return None
            parts = []
            at = 0
            for size in sizes:
                parts.append(body[at : at + size])
                at += size
            text = bytes(parts[0])
            arrays = [array("q"), array(_OFFSETS), array(_OFFSETS), array(_OFFSETS)]
            for arr, part in zip(arrays, parts[1:5], strict=True):
                arr.frombytes(part)
            seconds = str(parts[5], "utf-32-le")
            for part in parts:
                part.release()
            body.release()
        del data
        freqs, gtext, gword, bgroup = arrays
        if len(seconds) != n_groups or not (
            gtext[0] == 0 and gtext[-1] == n_text + 1 and gword[0] == 0 and gword[-1] == n_words
            and bgroup[0] == 0 and bgroup[-1] == n_groups
        ):
            return None
        return LazyFreq(text, freqs, gtext, gword, bgroup, seconds, firsts), total
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, OverflowError):
        return None


def _write_cache(path: Path, freq: dict[str, int], total: int) -> None:
    """Best effort: a missing or unwritable temporary folder only costs the slow load next time.

    The words are stored grouped by their first two characters (:class:`LazyFreq` loads one
    group at a time), the groups by first character; both in the order of their first
    word in ``freq``, and the words in a group in their order there, so the same dictionary
    always makes the same file.
    """
    items = list(freq.items())
    if any("\n" in w or not w for w, _ in items) or not all(
        type(v) is int and -(2**63) <= v < 2**63 for _, v in items
    ):
        return
    buckets: dict[str, dict[str, list[tuple[str, int]]]] = {}
    for w, v in items:
        buckets.setdefault(w[0], {}).setdefault(w[:2], []).append((w, v))
    chunks: list[bytes] = []
    seconds: list[str] = []
    freqs = array("q")
    gtext, gword, bgroup = array(_OFFSETS), array(_OFFSETS), array(_OFFSETS)
    pos = 0
    for groups in buckets.values():
        bgroup.append(len(gword))
        for key, grp in groups.items():
            chunk = "\n".join(w for w, _ in grp).encode("utf-8")
            gtext.append(pos)  # offsets in bytes of the text (a newline between groups)
            gword.append(len(freqs))
            seconds.append(key[1] if len(key) > 1 else "\n")
            freqs.extend(v for _, v in grp)
            chunks.append(chunk)
            pos += len(chunk) + 1
    gtext.append(pos)
    gword.append(len(freqs))
    bgroup.append(len(gword) - 1)
    text = b"\n".join(chunks)
    if pos != len(text) + 1 or pos >= 2 ** (8 * gtext.itemsize - 1):
        return
    body = b"".join(
        [text, freqs.tobytes(), gtext.tobytes(), gword.tobytes(), bgroup.tobytes(),
         "".join(seconds).encode("utf-32-le")]
    )
    head = {
        "words": len(items),
        "groups": len(seconds),
        "text": len(text),
        "total": total,
        "crc32": zlib.crc32(body),
        "firsts": "".join(buckets),
    }
    write_cache_file(path, _MAGIC + json.dumps(head, ensure_ascii=False).encode() + b"\n", body)


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
