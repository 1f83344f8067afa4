"""Label Studio round trip: gold → tasks (UTF-16 offsets) → gold, identical; config matches results."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plan_extract.cli import main
from plan_extract.gold import load_gold
from plan_extract.io import read_text
from plan_extract.labelstudio import (
    ATTRIBUTES,
    CHOICE_ATTRIBUTES,
    LabelStudioError,
    Utf16Offsets,
    document_to_task,
    documents_from_export,
    labeling_config,
    load_export,
)
from plan_extract.models import Document, Kind

ROOT = Path(__file__).resolve().parents[1]
GOLD_FILES = sorted((ROOT / "gold").glob("*.json"))
CORPUS = ROOT / "corpora"
DATA = Path(__file__).parent / "data" / "labelstudio"
NONBMP_GOLD = DATA / "nonbmp-village-2024.json"
NONBMP_TEXT = DATA / "corpus" / "nonbmp-village-2024.txt"


def _utf16_slice(text: str, start: int, end: int) -> str:
    """What JavaScript's ``text.slice(start, end)`` returns."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def _round_trip(doc: Document, text: str, *, as_annotations: bool) -> Document:
    task = document_to_task(doc, text, as_annotations=as_annotations)
    exported = json.loads(json.dumps([task], ensure_ascii=False))  # through JSON, as on disk
    (back,) = documents_from_export(exported)
    return back


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_round_trip_is_identical(gold_path: Path) -> None:
    doc = load_gold(gold_path)
    assert doc.source_file
    text = read_text(CORPUS / doc.source_file)
    assert _round_trip(doc, text, as_annotations=False) == doc
    assert _round_trip(doc, text, as_annotations=True) == doc


def test_non_bmp_offsets_are_utf16_and_round_trip() -> None:
    doc = load_gold(NONBMP_GOLD)
    text = NONBMP_TEXT.read_text(encoding="utf-8")
    assert any(ord(c) > 0xFFFF for c in text[: doc.targets[0].start])
    task = document_to_task(doc, text)
    labels = [r for r in task["predictions"][0]["result"] if r["type"] == "labels"]
    assert len(labels) == len(doc.targets)
    for r, t in zip(labels, doc.targets, strict=True):
        v = r["value"]
        assert v["start"] > t.start  # shifted by the surrogate pairs before it
        assert _utf16_slice(text, v["start"], v["end"]) == t.text == v["text"]
    assert _round_trip(doc, text, as_annotations=False) == doc


def test_every_region_has_one_label_and_shares_its_id() -> None:
    doc = load_gold(NONBMP_GOLD)
    task = document_to_task(doc, NONBMP_TEXT.read_text(encoding="utf-8"))
    result = task["predictions"][0]["result"]
    by_id: dict[str, list[str]] = {}
    for r in result:
        by_id.setdefault(r["id"], []).append(r["from_name"])
        assert r["to_name"] == "text"
    assert set(by_id) == {t.id for t in doc.targets}
    for names in by_id.values():
        assert names.count("kind") == 1
        assert len(names) == len(set(names))


def test_config_declares_every_result_name_and_choice() -> None:
    root = ET.fromstring(labeling_config())
    labels = root.find("Labels")
    assert labels is not None and labels.get("name") == "kind"
    assert {lab.get("value") for lab in labels.iter("Label")} == {k.value for k in Kind}
    text = root.find("Text")
    assert text is not None and text.get("value") == "$text"
    per_region = {
        el.get("name"): el
        for el in root.iter()
        if el.tag in ("TextArea", "Choices") and el.get("perRegion") == "true"
    }
    assert set(per_region) == set(ATTRIBUTES)
    for name, values in CHOICE_ATTRIBUTES.items():
        assert per_region[name].tag == "Choices"
        assert [c.get("value") for c in per_region[name].iter("Choice")] == list(values)
    doc = load_gold(NONBMP_GOLD)
    task = document_to_task(doc, NONBMP_TEXT.read_text(encoding="utf-8"))
    for r in task["predictions"][0]["result"]:
        if r["type"] == "choices":
            assert per_region[r["from_name"]].tag == "Choices"
            assert set(r["value"]["choices"]) <= set(CHOICE_ATTRIBUTES[r["from_name"]])
        elif r["type"] == "textarea":
            assert per_region[r["from_name"]].tag == "TextArea"


def test_labelled_export_uses_latest_annotation_and_renumbers_new_regions() -> None:
    """A Label Studio export: a cancelled annotation, a submitted one that edits the
    prediction and draws a new region (random id, parent t1) after a non-BMP prefix."""
    (doc,) = load_export(DATA / "export-sample.json")
    assert doc == load_gold(DATA / "export-sample.expected.json")
    new = next(t for t in doc.targets if t.text == "8%左右")
    assert new.id == "t4" and new.parent == "t1"


def test_unannotated_tasks_can_be_skipped() -> None:
    data = json.loads((DATA / "export-sample.json").read_text(encoding="utf-8"))
    data[0]["annotations"] = []
    assert documents_from_export(data, use_predictions=False) == []
    (doc,) = documents_from_export(data)
    assert [t.id for t in doc.targets] == ["t1", "t3"]  # the prediction


def test_offset_inside_a_surrogate_pair_is_an_error() -> None:
    data = json.loads((DATA / "export-sample.json").read_text(encoding="utf-8"))
    label = next(r for r in data[0]["annotations"][0]["result"] if r["from_name"] == "kind")
    label["value"]["start"] = 1  # between the halves of 𠮷
    with pytest.raises(LabelStudioError, match="surrogate"):
        documents_from_export(data)


def test_quote_mismatch_is_an_error() -> None:
    doc = load_gold(NONBMP_GOLD)
    with pytest.raises(LabelStudioError, match="t1"):
        document_to_task(doc, "x" * 100)


@given(st.text(alphabet=st.sampled_from("a增𠮷😀\n"), max_size=30))
def test_utf16_offsets_match_javascript(text: str) -> None:
    m = Utf16Offsets(text)
    for i in range(len(text) + 1):
        u = m.to_utf16(i)
        assert u == len(text[:i].encode("utf-16-le")) // 2
        assert m.from_utf16(u) == i


def test_cli_round_trip_of_the_gold_folder(tmp_path: Path) -> None:
    tasks, config, out = tmp_path / "tasks.json", tmp_path / "config.xml", tmp_path / "gold"
    gold_dir = ROOT / "gold"
    rc = main(
        ["export-labelstudio", str(gold_dir), str(NONBMP_GOLD), "-o", str(tasks),
         "--config", str(config), "--corpus", str(CORPUS)]
    )  # fmt: skip
    assert rc == 2  # the synthetic gold's text is not in the corpus folder
    rc = main(
        ["export-labelstudio", str(gold_dir), "-o", str(tasks), "--config", str(config),
         "--corpus", str(CORPUS)]
    )  # fmt: skip
    assert rc == 0
    assert ET.fromstring(config.read_text(encoding="utf-8")).tag == "View"
    assert len(json.loads(tasks.read_text(encoding="utf-8"))) == len(GOLD_FILES)
    assert main(["import-labelstudio", str(tasks), "-o", str(out)]) == 0
    for f in GOLD_FILES:
        assert load_gold(out / f.name) == load_gold(f), f.name
