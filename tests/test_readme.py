"""The README's examples run as doctests, so they cannot drift from the code."""

from __future__ import annotations

import doctest
from pathlib import Path

import plan_extract


def test_readme_examples() -> None:
    readme = Path(__file__).resolve().parents[1] / "README.md"
    result = doctest.testfile(str(readme), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_package_docstring() -> None:
    result = doctest.testmod(plan_extract, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
