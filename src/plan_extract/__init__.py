"""plan_extract: quantified targets from Chinese government work reports.

>>> import plan_extract
>>> [t.text for t in plan_extract.extract("今年主要预期目标是：地区生产总值增长5%左右。", year=2026)]
['5%左右']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import (
    DataFileError,
    GoldFileError,
    InputFileError,
    InputTooLargeError,
    PlanExtractError,
)

if TYPE_CHECKING:
    from .models import Comparator, Direction, Document, Kind, Level, Stance, Target

# The record models (pydantic) load on first use, like parse and the rest below: the command
# line and the batch's main process start without them.
_MODELS = frozenset({"Comparator", "Direction", "Document", "Kind", "Level", "Stance", "Target"})

__version__ = "0.1.0"

__all__ = [
    "Comparator",
    "DataFileError",
    "Direction",
    "Document",
    "GoldFileError",
    "InputFileError",
    "InputTooLargeError",
    "Kind",
    "Level",
    "PlanExtractError",
    "Stance",
    "Target",
    "__version__",
    "extract",
    "load_gold",
    "parse",
    "read_text",
    "score",
]


def __getattr__(name: str):  # noqa: ANN202 - lazy re-exports keep `import plan_extract` cheap
    if name in _MODELS:
        from . import models

        return getattr(models, name)
    if name in ("parse", "extract"):
        import importlib

        return getattr(importlib.import_module("plan_extract.pipeline"), name)
    if name == "read_text":
        from .io import read_text

        return read_text
    if name == "load_gold":
        from .gold import load_gold

        return load_gold
    if name == "score":
        from .scoring import score

        return score
    if name in ("compare", "diff", "plot_targets", "fulfilment"):
        import importlib

        mod = importlib.import_module("plan_extract.comparison")
        return getattr(mod, name)
    raise AttributeError(f"module 'plan_extract' has no attribute {name!r}")
