"""Language knowledge as data: loads ``data/*.json`` and the jieba user dictionary once.

The extractor code is generic; every word list it uses lives in a packaged data
file that names its source.  A :class:`Lexicon` can be built from another
folder and passed to :func:`plan_extract.parse` to experiment with the lists.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DataFileError

if TYPE_CHECKING:
    import regex
else:
    from ._rx import regex  # the standard module, compile() reusing earlier runs' work

_DATA = "data"


def _alternation(words: list[str]) -> str:
    """A regex alternation, longest word first, so that 个百分点 wins over 个."""
    uniq = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(regex.escape(w) for w in uniq)


@dataclass(eq=False)
class Lexicon:
    units: dict[str, Any]
    comparators: dict[str, Any]
    verbs: dict[str, Any]
    cues: dict[str, Any]
    userdict: list[tuple[str, int | None, str | None]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _tokenizer: Any = field(default=None, repr=False)
    _memos: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    folder: str | None = field(default=None, repr=False)

    @classmethod
    def load(cls, folder: str | Path | None = None) -> Lexicon:
        def read(name: str) -> dict[str, Any]:
            try:
                if folder is None:
                    raw = resources.files("plan_extract").joinpath(_DATA, name).read_text("utf-8")
                    where = f"plan_extract/data/{name}"
                else:
                    p = Path(folder) / name
                    raw = p.read_text("utf-8")
                    where = str(p)
            except OSError as exc:
                raise DataFileError(name, f"cannot read: {exc}") from exc
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise DataFileError(where, f"invalid JSON: {exc}") from exc
            if not isinstance(data, dict) or "source" not in data:
                raise DataFileError(where, "must be a JSON object with a 'source' key")
            return data

        if folder is None:
            ud_raw = resources.files("plan_extract").joinpath(_DATA, "userdict.txt").read_text("utf-8")
        else:
            ud_raw = (Path(folder) / "userdict.txt").read_text("utf-8")
        userdict: list[tuple[str, int | None, str | None]] = []
        for line in ud_raw.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            tag = parts[2] if len(parts) > 2 else None
            userdict.append((parts[0], freq, tag))
        return cls(
            units=read("units.json"),
            comparators=read("comparators.json"),
            verbs=read("verbs.json"),
            cues=read("cues.json"),
            userdict=userdict,
            folder=None if folder is None else str(folder),
        )

    # ---- derived word sets -------------------------------------------------
    @cached_property
    def change_up(self) -> frozenset[str]:
        return frozenset(self.verbs["change_up"])

    @cached_property
    def change_down(self) -> frozenset[str]:
        return frozenset(self.verbs["change_down"])

    @cached_property
    def all_verbs(self) -> list[str]:
        # a change verb with a level suffix (降低至, 增长到, 提高为) names the level reached
        changes = self.change_up | self.change_down
        levels = {w + sfx for w in changes if len(w) == 2 for sfx in self.verbs.get("level_suffixes", []) if sfx != "在"}
        return sorted(
            set(self.verbs["verbs"]) | changes | levels,
            key=lambda w: (-len(w), w),
        )

    @cached_property
    def lead_verbs(self) -> frozenset[str]:
        """Verbs that, heading a metric phrase, govern the noun after them (data/lead_verbs.txt)."""
        name = "lead_verbs.txt"
        try:
            if self.folder is None:
                raw = resources.files("plan_extract").joinpath(_DATA, name).read_text("utf-8")
            else:
                raw = (Path(self.folder) / name).read_text("utf-8")
        except OSError:
            return frozenset()  # an older custom lexicon folder without the file: the rule is off
        words = {w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#")}
        return frozenset(words - set(self.verbs.get("nominal_verbs", [])) - set(self.verbs.get("not_lead", [])))

    @cached_property
    def weak_verbs(self) -> frozenset[str]:
        return frozenset(self.verbs.get("weak_verbs", []))

    @cached_property
    def verb_re(self) -> regex.Pattern[str]:
        return regex.compile(_alternation(self.all_verbs))

    @cached_property
    def hedges(self) -> list[str]:
        return list(self.cues["hedges"])

    @cached_property
    def hedge_re(self) -> regex.Pattern[str]:
        return regex.compile(_alternation(self.hedges))

    @cached_property
    def strip_prefix_re(self) -> regex.Pattern[str]:
        return regex.compile(rf"^(?:{_alternation(self.cues['metric_strip_prefix'])})+")

    @cached_property
    def strip_suffix_re(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?:{_alternation(self.cues['metric_strip_suffix'])})+$")

    @cached_property
    def base_units(self) -> list[str]:
        return list(self.units["base"])

    @cached_property
    def count_units(self) -> frozenset[str]:
        return frozenset(self.units["counts"])

    # ---- memo tables ---------------------------------------------------------
    def memo(self, name: str) -> dict[str, Any]:
        """A bounded memo table for pure functions of a string under this lexicon.

        Metric clean-up and verb search see the same short zones again and again across
        a corpus; remembering them saves most of the segmentation work.
        """
        table = self._memos.get(name)
        if table is None or len(table) > 200_000:
            table = self._memos[name] = {}
        return table

    # ---- the tokenizer ------------------------------------------------------
    def tokenizer(self) -> Any:
        """A private jieba dictionary with the user words (jieba's global one is untouched).

        A ``jieba.Tokenizer``, or when the dictionary comes from plan_extract's cache a
        :class:`~plan_extract._segment.LiteTokenizer` that builds one only when asked for
        more than the dictionary (``cut`` with HMM …).
        """
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    from ._segment import initialized_tokenizer

                    tok = initialized_tokenizer()  # jieba.Tokenizer() + initialize(), from a faster cache
                    for word, freq, tag in self.userdict:
                        tok.add_word(word, freq, tag)
                    self._tokenizer = tok
        return self._tokenizer


_DEFAULT: Lexicon | None = None
_DEFAULT_LOCK = threading.Lock()


def default_lexicon() -> Lexicon:
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Lexicon.load()
    return _DEFAULT
