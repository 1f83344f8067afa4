"""Records: the shapes in ``spec/target-record.md``, as frozen pydantic models.

A :class:`Target` is one quantity (or one qualitative headline target) with its
exact span in the original text; a :class:`Document` holds the records of one
report plus its metadata.  ``Document.model_dump(mode="json")`` is the spec's
document JSON; the extra fields (``section``, ``sentence`` …) are ignored by
the scorer.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Kind(StrEnum):
    CHANGE = "change"
    AMOUNT = "amount"
    RATIO = "ratio"
    QUALITATIVE = "qualitative"


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"


class Comparator(StrEnum):
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    APPROX = "~"
    RANGE = "range"
    EQ = "="


class Stance(StrEnum):
    TARGET = "target"
    ACHIEVED = "achieved"
    FORECAST = "forecast"


class Level(StrEnum):
    NATIONAL = "national"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    ZONE = "zone"
    TOWN = "town"
    OTHER = "other"


Number = int | float


def _tidy_number(v: Number | None) -> Number | None:
    """Integral floats become ints so that JSON shows ``9``, not ``9.0``."""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return int(v)
    return v


class Target(BaseModel):
    """One quantified (or qualitative) commitment, achieved figure or forecast."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)

    id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    metric: str | None = None
    action: str | None = None
    kind: Kind
    direction: Direction | None = None
    value: Number | None = None
    value_max: Number | None = None
    unit: str | None = None
    comparator: Comparator | None = None
    stance: Stance = Stance.TARGET
    horizon: int | str | None = None
    hedge: str | None = None
    parent: str | None = None
    optional: bool = False
    # Extra fields (allowed by the spec; ignored by the scorer).
    section: str | None = None
    sentence: str | None = None
    per_year: bool = False
    indicator: str | None = None
    value_base: float | None = None
    base_unit: str | None = None
    confidence: float | None = None

    @field_validator("value", "value_max", mode="after")
    @classmethod
    def _tidy(cls, v: Number | None) -> Number | None:
        return _tidy_number(v)

    @field_validator("end", mode="after")
    @classmethod
    def _end_after_start(cls, v: int, info) -> int:  # type: ignore[no-untyped-def]
        start = info.data.get("start")
        if start is not None and v < start:
            raise ValueError(f"end ({v}) is before start ({start})")
        return v


# every field of a Target, in declaration order (the order model_dump and the JSON follow)
_TARGET_FIELDS = tuple(Target.model_fields)
_new_target = Target.__new__
_set = object.__setattr__


def _trusted_target(values: dict[str, Any]) -> Target:
    """A :class:`Target` from values the extractor built in their validated form, without validation.

    For :func:`plan_extract.pipeline.parse` only, which makes thousands of records per report:
    validating each costs about as much as all the rest of building it.  ``values`` holds every
    field in declaration order (so the JSON is the same), each already of the type validation
    would give: enum members, ints and floats as they are to appear (:func:`_tidy_number`
    applied), ``confidence`` a float.  Offsets out of order, or a horizon of another type than
    int, str or None (a ``year`` given to parse() as something else), go through the validating
    constructor instead, which converts or rejects them as before.  The fields set are those
    that parse() passes (all but ``optional`` and ``sentence``).
    """
    start, end = values["start"], values["end"]
    if (
        type(start) is not int
        or type(end) is not int
        or not 0 <= start <= end
        or type(values["horizon"]) not in _HORIZON_TYPES
    ):
        return Target(**{k: v for k, v in values.items() if k not in _UNSET_BY_PARSE})
    m = _new_target(Target)
    _set(m, "__dict__", values)
    _set(m, "__pydantic_fields_set__", set(_SET_BY_PARSE))
    _set(m, "__pydantic_extra__", None)
    _set(m, "__pydantic_private__", None)
    return m


_HORIZON_TYPES = (int, str, type(None))
_UNSET_BY_PARSE = frozenset({"optional", "sentence"})
_SET_BY_PARSE = frozenset(_TARGET_FIELDS) - _UNSET_BY_PARSE


class Document(BaseModel):
    """One report's records and metadata: the spec's document JSON."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    doc_id: str | None = None
    source_file: str | None = None
    region: str | None = None
    level: Level | None = None
    year: int | None = None
    targets: list[Target] = Field(default_factory=list)
    # Extras, ignored by the scorer.
    title: str | None = None
    warnings: list[str] = Field(default_factory=list)
    extractor_version: str | None = None

    def to_json(self, *, indent: int | None = 2) -> str:
        """Deterministic JSON (field order fixed by the model, records by offset)."""
        return self.model_dump_json(indent=indent, exclude_none=False)
