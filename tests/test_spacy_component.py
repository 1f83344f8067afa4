"""The ``plan_targets`` spaCy component: same records as ``parse``, survives DocBin, renders in displaCy."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest

spacy = pytest.importorskip("spacy")
pytest.importorskip("jieba")

from spacy import displacy  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402

from plan_extract.io import read_text  # noqa: E402
from plan_extract.pipeline import parse  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora"
FILES = [
    "bengbu-gxq-2023.txt",
    "pages/page-066-jiangsu-2024.txt",
    "pages/page-004-echeng-2023.txt",
]


def _blank() -> Any:
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


@pytest.fixture(scope="module")
def nlp() -> Any:
    nlp = _blank()
    nlp.add_pipe("plan_targets", config={"year": None})
    return nlp


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {name: read_text(CORPUS / name) for name in FILES}


@pytest.fixture(scope="module")
def docs(nlp: Any, texts: dict[str, str]) -> dict[str, Doc]:
    return dict(zip(texts, nlp.pipe(texts.values()), strict=True))


def test_registered_through_the_entry_point() -> None:
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert "plan_targets" in names


@pytest.mark.parametrize("name", FILES)
def test_component_and_parse_yield_the_same_records(
    name: str, texts: dict[str, str], docs: dict[str, Doc]
) -> None:
    text, doc = texts[name], docs[name]
    assert doc.text == text
    expected = parse(text).targets
    spans = list(doc.spans["targets"])
    assert expected, "the corpus file should yield records"
    assert len(spans) == len(expected)
    got = {(s._.target.start, s._.target.end, s._.target.value, s._.target.metric) for s in spans}
    assert got == {(t.start, t.end, t.value, t.metric) for t in expected}
    assert [s._.target for s in spans] == expected  # the whole records, in order
    for s in spans:
        t = s._.target
        assert s.label_ == t.kind.value
        assert s.id_ == t.id
        # Only expanded to token boundaries: the first and last tokens hold the record's ends.
        first, last = doc[s.start], doc[s.end - 1]
        assert first.idx <= t.start < first.idx + len(first)
        assert last.idx < t.end <= last.idx + len(last)
        assert s.start_char <= t.start and t.end <= s.end_char
    assert doc._.targets == expected


def test_pipe_matches_single_calls(nlp: Any, texts: dict[str, str], docs: dict[str, Doc]) -> None:
    name = FILES[1]
    single = nlp(texts[name])
    assert [s._.target for s in single.spans["targets"]] == [
        s._.target for s in docs[name].spans["targets"]
    ]


def test_docbin_round_trip(docs: dict[str, Doc]) -> None:
    db = DocBin(store_user_data=True)
    for doc in docs.values():
        db.add(doc)
    data = db.to_bytes()
    vocab = _blank().vocab  # a fresh pipeline: nothing shared but the bytes
    restored = list(DocBin().from_bytes(data).get_docs(vocab))
    for before, after in zip(docs.values(), restored, strict=True):
        a, b = before.spans["targets"], after.spans["targets"]
        assert [(s.start, s.end, s.label_, s.id_) for s in a] == [
            (s.start, s.end, s.label_, s.id_) for s in b
        ]
        assert [s._.target for s in a] == [s._.target for s in b]


def test_displacy_span_view(docs: dict[str, Doc]) -> None:
    doc = docs[FILES[1]]
    html = displacy.render(doc, style="span", options={"spans_key": "targets"}, page=False)
    assert isinstance(html, str)
    for label in {s.label_ for s in doc.spans["targets"]}:
        assert label in html


def test_config_year_and_rerun(texts: dict[str, str]) -> None:
    nlp = _blank()
    nlp.add_pipe("plan_targets", config={"year": 2030, "spans_key": "plan"})
    doc = nlp(texts[FILES[2]])
    expected = parse(texts[FILES[2]], year=2030).targets
    assert [s._.target for s in doc.spans["plan"]] == expected
    nlp.get_pipe("plan_targets")(doc)  # a second run replaces, not accumulates
    assert len(doc._.targets) == len(expected)


def test_package_import_does_not_import_spacy() -> None:
    code = "import sys, plan_extract, plan_extract.cli; plan_extract.cli.build_parser(); print('spacy' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "False"
