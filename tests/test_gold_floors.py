"""Gold evaluation with floors (tests/data/floors.json) that fail when quality drops.

Also checks the offset invariant on every record the extractor emits for every
gold document's source.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plan_extract.evaluation import evaluate_gold

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((Path(__file__).parent / "data" / "floors.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def report():
    return evaluate_gold(ROOT / "gold", ROOT / "corpora")


def _doc(report, doc_id: str):
    for d in report.documents:
        if d.doc_id == doc_id:
            return d
    raise AssertionError(f"no gold document {doc_id}")


@pytest.mark.parametrize("doc_id", sorted(FLOORS["documents"]))
def test_document_floor(report, doc_id: str) -> None:
    floor = FLOORS["documents"][doc_id]
    d = _doc(report, doc_id)
    assert d.detection.f1 >= floor["detection_f1"], d.detection
    assert d.strict.f1 >= floor["strict_f1"], d.strict


SPLIT = json.loads((Path(__file__).parent / "data" / "gold_split.json").read_text("utf-8"))


PARTS = [k for k in SPLIT if k != "about"]  # tune, held, held_new


def test_split_covers_every_gold_document(report) -> None:
    ids = {d.doc_id for d in report.documents}
    assert set().union(*(SPLIT[k] for k in PARTS)) == ids
    assert sum(len(SPLIT[k]) for k in PARTS) == len(ids)  # each document in one part only


@pytest.mark.parametrize("part", ["all", *PARTS])
def test_micro_floor(report, part: str) -> None:
    from plan_extract.scoring import micro

    docs = report.documents if part == "all" else [d for d in report.documents if d.doc_id in SPLIT[part]]
    m = micro(docs)
    floor = FLOORS["micro"][part]
    assert m.detection.f1 >= floor["detection_f1"], m.detection
    assert m.strict.f1 >= floor["strict_f1"], m.strict


def test_offsets_exact_on_every_gold_source(report) -> None:
    from plan_extract.gold import load_gold_dir
    from plan_extract.io import read_text
    from plan_extract.pipeline import parse

    for g in load_gold_dir(ROOT / "gold"):
        text = read_text(ROOT / "corpora" / str(g.source_file))
        for t in parse(text).targets:
            assert text[t.start : t.end] == t.text


def test_achieved_figures_are_rarely_called_targets() -> None:
    """Issue 3: among predicted targets, at most 3 % are achieved (or forecast) figures."""
    from plan_extract.evaluation import evaluate_stance
    from plan_extract.gold import check_gold, load_gold_dir
    from plan_extract.io import read_text

    for sg in load_gold_dir(ROOT / "gold" / "stance"):
        assert check_gold(sg, read_text(ROOT / "corpora" / str(sg.source_file))) == []
        assert all(t.stance.value in ("achieved", "forecast") for t in sg.targets)
    rows = evaluate_stance(ROOT / "gold", ROOT / "corpora")
    assert rows
    predicted = sum(r.predicted_targets for r in rows)
    on_achieved = sum(r.targets_on_achieved for r in rows)
    assert on_achieved <= 0.03 * predicted
    labelled = sum(r.labelled for r in rows)
    right = sum(r.right_stance for r in rows)
    assert right >= FLOORS["stance"]["achieved_found_with_right_stance"] * labelled
