"""Canonical indicators: the many wordings of one statistic mapped to one id.

``国内生产总值``, ``地区生产总值``, ``全省生产总值`` and ``GDP`` are one series to a
researcher comparing reports; this module gives each record's ``metric`` an
``indicator`` id (or None) and its value in base units, so that tables line up
across years and regions.

>>> indicator_for("地区生产总值")
'gdp'
>>> indicator_for("全省规上工业增加值")
'industrial_value_added_above_scale'
>>> indicator_for("國內生產總值")
'gdp'
>>> indicator_for("高质量发展") is None
True

Matching is exact after light normalisation (NFKC, no quotes or spaces, no
pinyin noise such as ``(chǎn)``, traditional characters folded, ASCII upper
case), then once more without a leading generic scope word (``全省``, ``本地``,
``全社会`` …) or a trailing rate word (``增速``). All wordings are data:
``data/indicators.json``.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import DataFileError, read_json_data
from .models import Kind, Target
from .units import base_unit

if TYPE_CHECKING:
    import regex
else:
    from ._rx import regex  # the standard module, compile() reusing earlier runs' work

__all__ = [
    "Indicator",
    "IndicatorLexicon",
    "enrich",
    "get_indicator",
    "indicator_for",
    "load_indicators",
    "normalize_metric",
]

Better = Literal["higher", "lower"]

_QUOTES = "\"'“”‘’「」『』《》〈〉"
_PINYIN_NOISE = regex.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+\)", regex.IGNORECASE)
_ID = regex.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Indicator:
    """One canonical statistic; ``better`` says which way is good (None: neither)."""

    id: str
    name: str
    zh: str
    aliases: tuple[str, ...]
    kind: Kind
    better: Better | None = None
    note: str | None = None


@dataclass(frozen=True)
class IndicatorLexicon:
    """The parsed ``indicators.json``; build one from a file to use your own wordings."""

    indicators: dict[str, Indicator]
    index: dict[str, str]  # normalised alias → id
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    traditional: dict[str, str]

    @classmethod
    def from_file(cls, path: str | Path) -> IndicatorLexicon:
        p = Path(path)
        return cls.from_dict(read_json_data(p, "indicator lexicon"), path=p)

    @classmethod
    def from_dict(cls, raw: Any, *, path: object = "<indicators>") -> IndicatorLexicon:
        """Validate and index; an alias claimed by two indicators is an error."""
        if not isinstance(raw, dict):
            raise DataFileError(path, "top level must be an object")
        for key in ("source", "indicators"):
            if key not in raw:
                raise DataFileError(path, f"missing key {key!r}")
        traditional = {str(k): str(v) for k, v in raw.get("traditional", {}).items()}
        prefixes = tuple(sorted(raw.get("prefixes", []), key=len, reverse=True))
        suffixes = tuple(sorted(raw.get("suffixes", []), key=len, reverse=True))
        indicators: dict[str, Indicator] = {}
        index: dict[str, str] = {}
        for i, item in enumerate(raw["indicators"]):
            where = f"indicators[{i}]"
            if not isinstance(item, dict):
                raise DataFileError(path, f"{where}: must be an object")
            for key in ("id", "name", "zh", "aliases", "kind"):
                if key not in item:
                    raise DataFileError(path, f"{where}: missing key {key!r}")
            iid = item["id"]
            if not isinstance(iid, str) or not _ID.match(iid):
                raise DataFileError(path, f"{where}: bad id {iid!r}")
            if iid in indicators:
                raise DataFileError(path, f"{where}: duplicate id {iid!r}")
            try:
                kind = Kind(item["kind"])
            except ValueError:
                raise DataFileError(path, f"{where}: bad kind {item['kind']!r}") from None
            better = item.get("better")
            if better not in (None, "higher", "lower"):
                raise DataFileError(path, f"{where}: bad 'better' {better!r}")
            aliases = tuple(item["aliases"])
            if not aliases or not all(isinstance(a, str) and a for a in aliases):
                raise DataFileError(path, f"{where}: aliases must be non-empty strings")
            indicators[iid] = Indicator(
                id=iid,
                name=item["name"],
                zh=item["zh"],
                aliases=aliases,
                kind=kind,
                better=better,
                note=item.get("note"),
            )
            for alias in (item["zh"], *aliases):
                key = _normalize(alias, traditional)
                other = index.get(key)
                if other is not None and other != iid:
                    raise DataFileError(
                        path, f"{where}: alias {alias!r} already belongs to {other!r}"
                    )
                index[key] = iid
        return cls(
            indicators=indicators,
            index=index,
            prefixes=tuple(_normalize(p, traditional) for p in prefixes),
            suffixes=tuple(_normalize(s, traditional) for s in suffixes),
            traditional=traditional,
        )

    def normalize(self, metric: str) -> str:
        return _normalize(metric, self.traditional)

    def lookup(self, metric: str | None) -> str | None:
        """The indicator id for a metric as worded, or None."""
        if not metric:
            return None
        key = self.normalize(metric)
        if not key:
            return None
        for cand in self._candidates(key):
            hit = self.index.get(cand)
            if hit is not None:
                return hit
        return None

    def _candidates(self, key: str) -> list[str]:
        out = [key]
        stripped = next((key[len(p) :] for p in self.prefixes if key.startswith(p)), None)
        if stripped:
            out.append(stripped)
        for base in list(out):
            for s in self.suffixes:
                if base.endswith(s) and len(base) > len(s):
                    out.append(base[: -len(s)])
                    break
        return out


def _normalize(text: str, traditional: dict[str, str]) -> str:
    t = unicodedata.normalize("NFKC", text)
    t = _PINYIN_NOISE.sub("", t)
    t = "".join(ch for ch in t if not ch.isspace() and ch not in _QUOTES)
    t = "".join(traditional.get(ch, ch) for ch in t)
    return t.upper()


@cache
def _default_lexicon() -> IndicatorLexicon:
    ref = resources.files("plan_extract").joinpath("data/indicators.json")
    try:
        raw = json.loads(ref.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(str(ref), f"cannot read indicator lexicon: {exc}") from exc
    return IndicatorLexicon.from_dict(raw, path=str(ref))


def load_indicators(path: str | Path | None = None) -> IndicatorLexicon:
    """The packaged lexicon (cached), or the one at ``path``."""
    return _default_lexicon() if path is None else IndicatorLexicon.from_file(path)


def normalize_metric(metric: str) -> str:
    """The form aliases are matched in: ``normalize_metric("“GDP” ")`` → ``'GDP'``."""
    return _default_lexicon().normalize(metric)


def indicator_for(metric: str | None, *, lexicon: IndicatorLexicon | None = None) -> str | None:
    """The canonical indicator id of a metric as worded, or None."""
    if lexicon is None:
        return _default_lookup(metric)
    return lexicon.lookup(metric)


@functools.lru_cache(maxsize=65536)
def _default_lookup(metric: str | None) -> str | None:
    return _default_lexicon().lookup(metric)


def get_indicator(
    indicator_id: str, *, lexicon: IndicatorLexicon | None = None
) -> Indicator | None:
    """The :class:`Indicator` with this id, or None."""
    return (lexicon or _default_lexicon()).indicators.get(indicator_id)


def enrich(target: Target, *, lexicon: IndicatorLexicon | None = None) -> Target:
    """A copy of ``target`` with ``indicator``, ``value_base`` and ``base_unit`` filled.

    >>> from plan_extract.models import Target, Kind
    >>> t = Target(id="t1", start=0, end=8, text="1.3万亿斤以上", metric="粮食产量",
    ...            kind=Kind.AMOUNT, value=1.3, unit="万亿斤")
    >>> e = enrich(t)
    >>> (e.indicator, e.value_base, e.base_unit)
    ('grain_output', 1300000000000.0, '斤')
    """
    update: dict[str, Any] = {"indicator": indicator_for(target.metric, lexicon=lexicon)}
    b = base_unit(target.unit)
    if target.value is not None and b is not None:
        update["value_base"] = float(f"{float(target.value) * b.factor:.12g}")
        update["base_unit"] = b.unit
    else:
        update["value_base"] = None
        update["base_unit"] = b.unit if b is not None else None
    return target.model_copy(update=update)
