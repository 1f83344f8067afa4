"""Units as written → a base unit and a factor, so that amounts compare across reports.

Reports write the multiplier into the unit (``亿元``, ``万人``, ``万亿斤``); the
spec keeps the unit as written, and this module folds the multiplier out:

>>> to_base(1.3, "万亿斤")
(1300000000000.0, '斤')
>>> to_base(5, "%")
(5.0, '%')
>>> to_base(0.5, "个百分点")
(0.5, 'percentage points')
>>> base_unit("億元")
BaseUnit(unit='元', factor=100000000.0, dimension='money')

The units and multipliers are data (``data/units_base.json``); a unit that is
not listed keeps its own name with factor 1, after a leading ``万``/``亿``/``万亿``
is peeled off (``万标箱`` → ``标箱`` × 1e4), so that equal units still compare.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import DataFileError, read_json_data

__all__ = ["BaseUnit", "UnitTable", "base_unit", "load_units", "to_base"]

_PEELABLE = ("万亿", "亿", "万")  # multipliers the spec folds into any unit


@dataclass(frozen=True)
class BaseUnit:
    """A unit as written, resolved: ``value_as_written * factor`` is in ``unit``."""

    unit: str
    factor: float
    dimension: str | None


@dataclass(frozen=True)
class UnitTable:
    """The parsed ``units_base.json``: base units, multipliers, traditional forms."""

    units: dict[str, tuple[str, str]]  # written → (base, dimension)
    multipliers: dict[str, float]
    traditional: dict[str, str]

    @classmethod
    def from_file(cls, path: str | Path) -> UnitTable:
        p = Path(path)
        return cls.from_dict(read_json_data(p, "units table"), path=p)

    @classmethod
    def from_dict(cls, raw: Any, *, path: object = "<units>") -> UnitTable:
        if not isinstance(raw, dict):
            raise DataFileError(path, "top level must be an object")
        for key in ("source", "units", "multipliers"):
            if key not in raw:
                raise DataFileError(path, f"missing key {key!r}")
        units: dict[str, tuple[str, str]] = {}
        for name, spec in raw["units"].items():
            if not isinstance(spec, dict) or not isinstance(spec.get("base"), str):
                raise DataFileError(path, f"units.{name}: needs a string 'base'")
            units[name] = (spec["base"], str(spec.get("dimension") or ""))
        multipliers: dict[str, float] = {}
        for name, factor in raw["multipliers"].items():
            if not isinstance(factor, int | float) or factor <= 0:
                raise DataFileError(path, f"multipliers.{name}: must be a positive number")
            multipliers[name] = float(factor)
        traditional = {str(k): str(v) for k, v in raw.get("traditional", {}).items()}
        return cls(units=units, multipliers=multipliers, traditional=traditional)

    def normalize(self, unit: str) -> str:
        """NFKC (``％`` → ``%``), no spaces, traditional characters folded."""
        u = unicodedata.normalize("NFKC", unit)
        u = "".join(ch for ch in u if not ch.isspace())
        return "".join(self.traditional.get(ch, ch) for ch in u)

    def resolve(self, unit: str | None) -> BaseUnit | None:
        """The base unit of ``unit``, or None for no unit."""
        if not unit:
            return None
        u = self.normalize(unit)
        if not u:
            return None
        if "/" in u:  # a rate: fold the numerator's multiplier, keep the denominator as written
            num, _, den = u.partition("/")
            head = self._simple(num) if num else None
            if head is None:
                return BaseUnit(u, 1.0, "rate")
            return BaseUnit(f"{head.unit}/{den}", head.factor, "rate")
        found = self._simple(u)
        if found is not None:
            return found
        for mult in _PEELABLE:  # unknown unit with a 万/亿 multiplier: fold it all the same
            if u.startswith(mult) and len(u) > len(mult):
                return BaseUnit(u[len(mult) :], self.multipliers.get(mult, 1.0), None)
        return BaseUnit(u, 1.0, None)

    def _simple(self, u: str) -> BaseUnit | None:
        if u in self.units:
            base, dim = self.units[u]
            return BaseUnit(base, 1.0, dim or None)
        # the longest known unit that ends the string, with a multiplier before it
        for i in range(1, len(u)):
            tail, head = u[i:], u[:i]
            if tail in self.units and head in self.multipliers:
                base, dim = self.units[tail]
                return BaseUnit(base, self.multipliers[head], dim or None)
        return None


@cache
def _default_table() -> UnitTable:
    ref = resources.files("plan_extract").joinpath("data/units_base.json")
    try:
        raw = json.loads(ref.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(str(ref), f"cannot read units table: {exc}") from exc
    return UnitTable.from_dict(raw, path=str(ref))


def load_units(path: str | Path | None = None) -> UnitTable:
    """The packaged units table (cached), or the one at ``path``."""
    return _default_table() if path is None else UnitTable.from_file(path)


def base_unit(unit: str | None, *, table: UnitTable | None = None) -> BaseUnit | None:
    """``unit`` resolved to its base unit and factor; None when there is no unit."""
    if table is None:
        return _default_base_unit(unit)
    return table.resolve(unit)


@lru_cache(maxsize=4096)
def _default_base_unit(unit: str | None) -> BaseUnit | None:
    # a report uses a few dozen units thousands of times; BaseUnit is frozen, so shared
    return _default_table().resolve(unit)


def to_base(
    value: float | None, unit: str | None, *, table: UnitTable | None = None
) -> tuple[float, str] | None:
    """``(value in base units, base unit)``, or None without a value or a unit."""
    if value is None:
        return None
    b = base_unit(unit, table=table)
    if b is None:
        return None
    # 4.06 万亿 is 4060000000000, not 4059999999999.9995: round away the binary noise
    return float(f"{float(value) * b.factor:.12g}"), b.unit
