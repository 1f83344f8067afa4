"""Sentence → records, from tests/data/cases/extraction.json (negatives included).

Every case also checks the offset invariant and a JSON round trip.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import plan_extract
from plan_extract.models import Document

CASES = json.loads((Path(__file__).parent / "data" / "cases" / "extraction.json").read_text("utf-8"))["cases"]


def _val(x):
    return getattr(x, "value", x) if x is not None and not isinstance(x, (int, float, str, bool)) else x


def _params():
    for c in CASES:
        marks = [pytest.mark.xfail(reason=c["xfail"], strict=True)] if c.get("xfail") else []
        yield pytest.param(c, id=c["id"], marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_case(case: dict) -> None:
    text = case["input"]
    doc = plan_extract.parse(text, year=case.get("year"), region=case.get("region"))
    for t in doc.targets:
        assert text[t.start : t.end] == t.text
    assert Document.model_validate_json(doc.to_json()) == doc
    targets = [t for t in doc.targets if t.stance.value == "target"]
    expected = case["expected"]
    if case.get("exact", True):
        assert [t.text for t in targets] == [e["text"] for e in expected], [t.text for t in targets]
    for i, e in enumerate(expected):
        cands = [t for t in targets if t.text == e["text"]]
        assert cands, f"missing {e['text']}"
        t = cands[0] if len(cands) == 1 else targets[i]
        for k, v in e.items():
            if k in ("text", "parent_of"):
                continue
            got = _val(getattr(t, k))
            assert got == v, f"{e['text']}: {k} = {got!r}, expected {v!r}"
        if "parent_of" in e:
            assert t.parent == targets[e["parent_of"]].id
    if "stances" in case:
        quantified = [t for t in doc.targets if t.kind.value != "qualitative"]
        assert [t.stance.value for t in quantified] == case["stances"]


def test_a_result_without_its_own_year_is_last_years() -> None:
    doc = plan_extract.parse("过去一年，地区生产总值增长5.2%。", year=2024)
    assert [(t.stance.value, t.horizon) for t in doc.targets] == [("achieved", 2023)]


def test_a_text_with_no_prospective_word_reports_results() -> None:
    """A review page (no 今年/目标/力争/要/将/计划 anywhere) yields achieved figures only."""
    from pathlib import Path

    from plan_extract.io import read_text

    root = Path(__file__).resolve().parents[1]
    doc = plan_extract.parse(read_text(root / "corpora" / "pages" / "page-056-national-2006-review.txt"))
    quantified = [t for t in doc.targets if t.kind.value != "qualitative"]
    assert quantified
    assert all(t.stance.value == "achieved" for t in quantified)
